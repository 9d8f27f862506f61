# SPDX-License-Identifier: EUPL-1.2
"""Compact name lists per name culture, with spelling and transliteration variants.

Each entry is written ``Canonical/Variant/Variant``: the first form is the person's true name, the others are
spellings that real registers show for the same name (Cyrillic and Arabic transliterations, Tigrinya and
Vietnamese romanisations). Diacritics stay in the canonical form; dropping them is a separate variation.
The lists are fictional combinations of common given and family names, written for this project.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from unidecode import unidecode

# culture: (female given, male given, family names, female family names or "" = same as family)
_LIJSTEN: dict[str, tuple[str, str, str, str]] = {
    "nl": (
        "Anna,Emma,Sanne,Lisa,Fleur,Lotte,Iris,Femke,Eva,Julia,Sophie,Naomi,Kim,Demi,Romy,Britt,Noa,Tess,Esmée,"
        "Chantal,Priscilla,Shanice,Kimberley,Jasmijn,Maud,Lieke,Ilse,Anouk,Marieke,Mirjam",
        "Daan,Sem,Thijs,Lucas,Jesse,Tim,Bram,Ruben,Stijn,Mike,Kevin,Dylan,Jayden,Milan,Luuk,Niels,Joost,Bas,"
        "Pieter,Wouter,Jeroen,Gerrit,Henk,Mark,Sven",
        "de Jong,Jansen,de Vries,van den Berg,van Dijk,Bakker,Janssen,Visser,Smit,Meijer/Meyer,de Boer,Mulder,"
        "de Groot,Bos,Vos,Peters,Hendriks,van Leeuwen,Dekker,Brouwer,de Wit,Dijkstra,Smits,de Graaf,van der Meer,"
        "van der Linden,Kok,Jacobs,de Haan,Vermeulen,van den Heuvel,van der Veen,van den Broek,de Bruijn/de Bruin,"
        "van Beek,Willems,Hoekstra,Koster,Prins,Kuipers/Kuijpers,Huisman,Peeters,Verhoeven,Schouten",
        "",
    ),
    "ar": (
        "Fatima/Fatma/Fatimah,Khadija/Khadidja/Hadija,Aicha/Aïcha/Aisha/Ayesha,Nora/Noura,Yasmina/Yasmine/Jasmina,"
        "Salma,Samira,Naima/Naïma,Soumaya/Sumaya,Houda/Huda,Amina/Aminah,Layla/Laila/Leila,Meryem/Maryam/Mariam,"
        "Ikram,Hanane/Hanan",
        "Mohammed/Muhammad/Mohamed/Mohammad/Mohamad,Ahmed/Ahmad/Achmed,Youssef/Yusuf/Youssouf/Yousef/Joesoef,"
        "Omar/Umar,Ali,Hassan/Hasan,Karim/Kareem,Mustafa/Moustafa/Mostafa,Abdelkader/Abdulkadir/Abdel Kader,"
        "Rachid/Rashid/Rachied,Khalid/Khaled/Chalid,Ibrahim/Ebrahim/Brahim,Said/Saïd/Saeed,Bilal,Hamza/Hamsa,"
        "Anouar/Anwar/Anoir,Tarik/Tariq/Tarek",
        "El Amrani/Elamrani/Al-Amrani,Benali/Ben Ali,El Idrissi/Elidrissi/Idrissi,Bouzid/Bouzied,Haddad/Hadad,"
        "El Khatib/Al-Khatib/Elkhatib,Aziz/Azis,Ouali/Wali,Cherkaoui/Sherkaoui,Bakkali/Bakali,Mansour/Mansoor,"
        "Al-Hassan/El Hassan/Alhassan,Nasser/Nasir/Naser,Saleh/Salih/Salah,Hamdan/Hamdane,Yilmaz",
        "",
    ),
    "tr": (
        "Ayşe,Fatma,Emine,Zeynep,Elif,Büşra,Merve,Esra,Derya,Gül,Sevgi,Hatice",
        "Mehmet,Mustafa,Ahmet,Ali,Hüseyin,Hasan,İbrahim,Murat,Emre,Burak,Serkan,Yusuf",
        "Yılmaz/Yilmaz,Kaya,Demir,Şahin/Sahin,Çelik/Celik,Yıldız/Yildiz,Öztürk/Ozturk,Aydın/Aydin,Arslan/Aslan,"
        "Doğan/Dogan,Kılıç/Kilic,Koç/Koc,Kurt,Özdemir/Ozdemir",
        "",
    ),
    "pl": (
        "Anna,Katarzyna,Małgorzata,Agnieszka,Joanna,Magdalena,Monika,Ewa,Justyna,Dorota,Aleksandra,Natalia,"
        "Beata,Renata,Sylwia",
        "Piotr,Krzysztof,Tomasz,Paweł,Michał,Marcin,Łukasz,Grzegorz,Mariusz,Dariusz,Wojciech,Jarosław,"
        "Sebastian,Kamil,Przemysław,Zbigniew,Andrzej,Jacek",
        "Nowak,Kowalski,Wiśniewski,Wójcik,Kowalczyk,Kamiński,Lewandowski,Zieliński,Szymański,Woźniak,Dąbrowski,"
        "Kozłowski,Jankowski,Mazur,Kwiatkowski,Krawczyk,Piotrowski,Grabowski,Pawłowski,Michalski,Król,"
        "Wieczorek,Jabłoński,Wróbel,Zając,Majewski,Olszewski,Stępień",
        "",
    ),
    "ro": (
        "Ioana,Elena,Andreea,Mihaela,Alexandra,Florentina,Denisa,Nicoleta,Georgiana,Roxana,Cristina,Alina,"
        "Ramona,Larisa,Bianca",
        "Ionuț,Gheorghe,Marian,Florin,Constantin,Vasile,Ștefan,Mihai,Adrian,Cristian,Daniel,Bogdan,Cătălin,"
        "Sorin,Nicolae",
        "Popescu,Ionescu,Popa,Stan,Dumitru,Stoica,Gheorghe,Rusu,Munteanu,Constantin,Moldovan,Lungu,Căldăraru,"
        "Stănescu,Matei,Marin,Ciobanu,Bălan,Dragomir,Zamfir,Niculescu,Radu,Lăcătuș",
        "",
    ),
    "bg": (
        "Mariya/Maria,Ivanka,Yordanka/Jordanka/Iordanka,Desislava/Dessislava,Galina,Silviya/Silvia,"
        "Tsvetelina/Cvetelina/Zvetelina,Radostina,Petya/Petia,Daniela,Gergana,Nadezhda/Nadejda/Nadezhda",
        "Georgi/Georgiy/Gueorgui,Dimitar/Dimitur/Dimitr,Ivan,Hristo/Christo/Khristo,Yordan/Jordan/Iordan,"
        "Nikolay/Nikolai,Stoyan/Stojan,Asen/Assen,Plamen,Todor,Angel,Krasimir",
        "Ivanov/Ivanoff,Georgiev/Georgieff,Dimitrov/Dimitroff,Petrov/Petroff,Nikolov,Hristov/Christov/Khristov,"
        "Stoyanov/Stojanov,Todorov,Yordanov/Jordanov/Iordanov,Angelov,Kostadinov,Atanasov/Atanassov,Mihaylov/Mihailov",
        "Ivanova,Georgieva/Guéorguieva,Dimitrova,Petrova,Nikolova,Hristova/Christova/Khristova,"
        "Stoyanova/Stojanova,Todorova,Yordanova/Jordanova/Iordanova,Angelova,Kostadinova,Atanasova/Atanassova,"
        "Mihaylova/Mihailova",
    ),
    "hu": (
        "Zsófia,Erzsébet,Katalin,Anikó,Réka,Krisztina,Mónika,Andrea,Szilvia,Edina,Brigitta,Tímea",
        "László,Zoltán,István,Gábor,Attila,Sándor,Tamás,József,Péter,János,Csaba,Ferenc",
        "Nagy,Kovács,Tóth,Szabó,Horváth,Varga,Kiss,Molnár,Balogh,Lakatos,Oláh,Farkas,Papp,Takács,Juhász,Rácz",
        "",
    ),
    "ua": (
        "Olena/Elena,Oksana/Oxana,Tetiana/Tetyana/Tatiana/Tatyana,Nataliia/Natalia/Nataliya,"
        "Yuliia/Yulia/Julia/Iuliia,Iryna/Irina,Kateryna/Katerina/Ekaterina,Svitlana/Svetlana,"
        "Anastasiia/Anastasia/Anastasiya,Viktoriia/Viktoria/Victoria,Halyna/Galina/Halina,"
        "Liudmyla/Lyudmila/Ludmila,Alina,Khrystyna/Christina/Khristina",
        "Oleksandr/Aleksandr/Olexandr/Oleksander/Alexander,Serhii/Sergii/Serhiy/Sergey/Sergiy,"
        "Andrii/Andriy/Andrey/Andrij,Volodymyr/Vladimir/Wolodymyr,Dmytro/Dmitro/Dmitriy/Dmitry,"
        "Mykola/Nikolai/Mikola,Vasyl/Vasil/Wasyl/Vasily,Yurii/Yuriy/Jurij/Yuri/Iurii,Ihor/Igor,Oleh/Oleg,"
        "Maksym/Maxim/Maksim,Bohdan/Bogdan,Yevhen/Evgeniy/Jewgen/Yevgen,Taras",
        "Shevchenko/Schewtschenko/Ševčenko/Chevtchenko/Shevtchenko,Kovalenko/Kowalenko,Bondarenko/Bondarenco,"
        "Tkachenko/Tkatschenko/Tkačenko,Kravchenko/Krawtschenko/Kravtchenko,Melnyk/Melnik,"
        "Oliinyk/Oleinik/Oliynyk/Olijnyk,Shevchuk/Schewtschuk/Ševčuk,Koval/Kowal,Bondar,"
        "Polishchuk/Polischuk/Polishchuck,Lysenko/Lisenko,Moroz,Marchenko/Martschenko,"
        "Savchenko/Sawtschenko/Savtchenko,Rudenko,Petrenko,Kuzmenko/Kusmenko,Zhuk/Shuk/Zuk,"
        "Hnatiuk/Gnatyuk/Hnatyuk,Kovalchuk/Kowaltschuk/Kovaltchuk",
        "",
    ),
    "ng": (
        "Blessing,Joy,Favour,Precious,Osasere/Osas,Efe,Ese,Gift,Faith,Mercy,Peace,Happiness,Chioma,Ngozi,"
        "Adaeze/Adaze,Funmilayo/Funmi,Oluwaseun/Seun,Abosede,Esohe/Esoe,Loveth/Lovet",
        "Osaro,Emeka,Chinedu,Ikechukwu/Ikechuku,Oluwadamilare/Dami,Tunde/Babatunde,Godwin,Samuel,Kingsley,"
        "Efosa,Uche,Obinna,Sunday,Friday,Ehis",
        "Okafor,Okonkwo,Osagie,Igbinedion/Igbinidion,Adeyemi,Eze,Omoregie/Omorogie/Omoregbe,Obaseki,"
        "Edosomwan/Edosonwan,Ogbebor/Ogbeibor,Iyamu,Aigbe,Okoro,Nwachukwu/Nwachuku,Ogunleye,Uwaifo,"
        "Ehigiator/Ehigiato,Osayande,Asemota,Idahosa",
        "",
    ),
    "wa": (
        "Mariama/Mariam,Fatoumata/Fatumata/Fatimata,Aminata,Kadiatou/Kadiatu/Khadiatou,Aissatou/Aïssatou/Aisatu,"
        "Hawa/Awa,Djenabou/Jenabu,Oumou/Umu,Ramatoulaye/Ramatulai,Fanta",
        "Mamadou/Mamadu,Ibrahima/Ibrahim,Alpha,Ousmane/Usman/Ousman,Abdoulaye/Abdulai/Abdoulai,Sekou/Sékou,"
        "Lansana,Mohamed/Mohammed,Amadou/Ahmadou,Boubacar/Bubakar",
        "Diallo/Jallow/Djalo,Bah/Ba,Barry/Bari,Sow/Sowe,Camara/Kamara,Conté/Conteh,Keita/Keïta,Touré/Toure,"
        "Sylla/Silla,Kouyaté/Kuyateh,Sesay/Sisay,Koroma,Bangura,Turay/Touray",
        "",
    ),
    "er": (
        "Tsega/Tsegai,Helen/Hellen,Senait/Senayt,Selam/Salam,Mebrat/Mebrhat,Yordanos/Yordanos,Hiwet/Hewet,"
        "Luwam/Luam,Saba,Winta/Wintana,Rahwa/Rahua,Feven/Fiyori",
        "Tesfay/Tesfaye/Tesfai,Yonas/Jonas,Mebrahtu/Mebrahtom,Haile/Hailay,Filmon/Philemon,Dawit/Dawid,"
        "Samson,Kidane/Kidani,Berhane/Berhe,Habtom/Habtu,Aman,Senay",
        "Gebremedhin/Gebre Medhin/Ghebremedhin,Tekle/Teklay/Teklai,Woldu/Weldu,Gebreyesus/Gebre Yesus/Ghebreyesus,"
        "Haile/Hailé,Kahsay/Kahsai,Berhane/Berhani,Tesfamariam/Tesfa Mariam,Abraha/Abreha,Negash/Negasi,"
        "Ghebrehiwet/Gebrehiwet,Mehari/Mihari,Araya/Araia,Zerai/Zeray",
        "",
    ),
    "vn": (
        "Thị Lan,Thị Hoa,Thị Mai,Thị Hương/Thi Huong,Thị Ngọc,Thị Thu,Thị Hằng,Thị Linh,Thị Trang",
        "Văn Hùng,Văn Nam,Văn Minh,Văn Tuấn,Văn Dũng,Đức Anh,Quang Huy,Văn Long,Văn Thắng",
        "Nguyễn/Nguyen/Nguyên,Trần/Tran,Lê/Le,Phạm/Pham,Hoàng/Hoang/Huynh,Vũ/Vu/Võ,Đặng/Dang,Bùi/Bui,Đỗ/Do,"
        "Ngô/Ngo,Dương/Duong,Lý/Ly",
        "",
    ),
    "cn": (
        "Xiuying/Xiu Ying/Hsiu-ying,Mei/May,Li Na/Lina,Jing/Ching,Yan,Hui/Hwei,Fang,Xiaoli/Xiao Li",
        "Wei/Way,Jun/Chun,Lei,Ming,Hao,Jian/Chien,Tao,Yong",
        "Zhang/Chang,Wang,Li/Lee,Liu/Lau,Chen/Chan,Yang/Yeung,Huang/Wong,Zhao/Chao,Wu/Ng,Zhou/Chow",
        "",
    ),
    "latam": (
        "María José/Maria Jose,Valentina,Daniela,Yuliana/Juliana,Camila,Paola,Andrea,Carolina,Yesenia/Jessenia,"
        "Luz Marina,Ana Lucía/Ana Lucia,Gabriela,Fernanda,Estefanía/Stefania,Thaís/Thais",
        "Carlos,José/Jose,Juan Carlos,Luis,Jorge,Andrés,Diego,Jhon/John,Wilmer/Wilmar,Yeison/Jason,Rafael,"
        "Alejandro,Ricardo",
        "García,Rodríguez,Martínez,Hernández,López,Gómez,Pérez,Sánchez,Ramírez,Torres,Díaz,Vargas,Castro,"
        "Silva,Santos,Oliveira/Olivera,Souza/Sousa,Pereira/Perera,Álvarez,Moreno,Rojas",
        "",
    ),
    "in": (
        "Priya,Anjali,Sunita,Lakshmi/Laxmi,Kavita/Kavitha,Deepa,Pooja/Puja,Meena",
        "Rajesh,Suresh,Ramesh,Manoj,Sanjay/Sanjai,Amit,Vijay/Vijai,Harpreet,Gurpreet",
        "Singh,Kumar,Sharma,Patel,Reddy/Reddi,Nair,Gupta,Das,Kaur,Yadav",
        "",
    ),
    "ph": (
        "Maria Cristina,Rowena,Marivic,Jocelyn/Joselyn,Lorna,Analyn/Annalyn,Rosalie,Jennylyn",
        "Jose Rizal,Mark Anthony,Rommel/Romel,Jericho,Ramil,Arnel,Jun-Jun/Junjun",
        "Santos,Reyes,Cruz,Bautista,Ocampo,Garcia,Mendoza,Dela Cruz/De la Cruz/Delacruz,Villanueva,Aquino",
        "",
    ),
    "int": (
        "Elira/Elirah,Sara/Sarah,Nadia/Nadja,Eva,Lina,Amira,Grace,Irena/Irina,Mira,Dalia",
        "Arben,Besnik,Adam,David/Davit,Daniel,Samuel,Emil,Armen,Luka,Nikola",
        "Hoxha/Hodja,Berisha/Berischa,Gashi/Gaschi,Petrosyan/Petrosian,Kuznetsov/Kusnezow,Abdi,Mensah,Novak,"
        "Horvat,Kelmendi,Osmani",
        "",
    ),
}

#: Name culture per nationality; ``NL`` draws from :data:`NL_CULTUREN`; anything else uses ``int``.
CULTUUR_VAN_LAND: dict[str, str] = {
    "PL": "pl", "LT": "pl", "SK": "pl", "RO": "ro", "BG": "bg", "HU": "hu", "UA": "ua", "NG": "ng", "GH": "ng",
    "SL": "wa", "UG": "ng", "GN": "wa", "ER": "er", "ET": "er", "VN": "vn", "CN": "cn", "CO": "latam",
    "VE": "latam", "DO": "latam", "PY": "latam", "BR": "latam", "MA": "ar", "SY": "ar", "EG": "ar", "DZ": "ar",
    "AF": "ar", "IQ": "ar", "TR": "tr", "IN": "in", "PH": "ph",
}  # fmt: skip
#: Name cultures of Dutch nationals (with weights) [A].
NL_CULTUREN: dict[str, float] = {"nl": 0.80, "ar": 0.12, "tr": 0.08}
#: Cultures whose family name is usually written first, so given and family name get swapped more often.
FAMILIENAAM_EERST = frozenset({"vn", "cn", "hu"})


@dataclass(frozen=True)
class Naamtabel:
    """All name entries, flattened for vectorised look-up.

    ``varianten[start[i] + j]`` is variant ``j`` of entry ``i``; ``aantal[i]`` variants exist.
    ``ascii`` holds the same strings without diacritics. ``entries[(cultuur, deel)]`` are the entry ids of a
    culture's ``vrouw``, ``man``, ``familie`` and ``familie_vrouw`` lists.
    """

    varianten: tuple[str, ...]
    ascii: tuple[str, ...]
    start: tuple[int, ...]
    aantal: tuple[int, ...]
    entries: dict[tuple[str, str], tuple[int, ...]]


@lru_cache(maxsize=1)
def naamtabel() -> Naamtabel:
    """The parsed name lists (cached)."""
    varianten: list[str] = []
    start: list[int] = []
    aantal: list[int] = []
    entries: dict[tuple[str, str], tuple[int, ...]] = {}
    for cultuur in sorted(_LIJSTEN):
        vrouw, man, familie, familie_vrouw = _LIJSTEN[cultuur]
        for deel, tekst in (("vrouw", vrouw), ("man", man), ("familie", familie), ("familie_vrouw", familie_vrouw)):
            if not tekst and cultuur not in _VROUWELIJK:
                entries[(cultuur, deel)] = entries[(cultuur, "familie")]
                continue
            ids: list[int] = []
            for item in (tekst or familie).split(","):
                vormen = [v.strip() for v in item.split("/") if v.strip()]
                if not tekst:  # derive the female family name (Polish -ski -> -ska, Ukrainian -skyi -> -ska)
                    vormen = [_vrouwelijk(cultuur, v) for v in vormen]
                vormen = list(dict.fromkeys(v for v in vormen if _latijns(v)))  # no duplicates, order kept
                ids.append(len(start))
                start.append(len(varianten))
                aantal.append(len(vormen))
                varianten.extend(vormen)
            entries[(cultuur, deel)] = tuple(ids)
    return Naamtabel(
        varianten=tuple(varianten),
        ascii=tuple(unidecode(v) for v in varianten),
        start=tuple(start),
        aantal=tuple(aantal),
        entries=entries,
    )


_VROUWELIJK: dict[str, tuple[tuple[str, str], ...]] = {
    "pl": (("dzki", "dzka"), ("cki", "cka"), ("ski", "ska")),
    "ua": (("skyi", "ska"), ("skyy", "ska"), ("sky", "ska")),
}


def _vrouwelijk(cultuur: str, naam: str) -> str:
    for man, vrouw in _VROUWELIJK.get(cultuur, ()):
        if naam.endswith(man):
            return naam[: -len(man)] + vrouw
    return naam


def _latijns(tekst: str) -> bool:
    """True when every letter is Latin (possibly with diacritics)."""
    return all(not ch.isalpha() or (unidecode(ch).isascii() and ord(ch) < 0x0250) for ch in tekst)


def culturen() -> tuple[str, ...]:
    """All culture codes, sorted."""
    return tuple(sorted(_LIJSTEN))
