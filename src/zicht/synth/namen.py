# SPDX-License-Identifier: EUPL-1.2
"""Compact name lists per name culture, with spelling and transliteration variants.

Each entry is written ``Canonical/Variant/Variant``: the first form is the person's true name, the others are
spellings that real registers show for the same name (Cyrillic and Arabic transliterations, Tigrinya and
Vietnamese romanisations). Diacritics stay in the canonical form; dropping them is a separate variation.
The lists are fictional combinations of common given and family names, written for this project.

Real name distributions have a long tail: the forty-odd commonest Dutch family names cover about a tenth of the
population, not all of it. Drawing everyone from the short lists would make namesakes ten times more common
than in reality and linkage look harder than it is (and harder the larger the data set). Each list is therefore
the *head* of its culture's distribution (:data:`KOP_AANDEEL` says which share of people carry a head name), and
a deterministic *tail* of further names is built from the head names' own syllables (``Kowal`` + ``czyk``,
``Hen`` + ``stra``), keeping their particles (``van der``, ``El``, ``Thị``) and, for names transliterated from
another script or written in French and English ways, spelling variants by rule (:data:`_SPELREGELS`).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
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


#: Share of people whose (given, family) name is one of the culture's listed names; the others carry a name
#: from the generated tail. Rough shares of the commonest names in each population [A]: Vietnamese, Chinese,
#: Guinean and Indian family names are concentrated (Nguyễn alone ~38%), Dutch, Polish, Ukrainian and
#: Nigerian family names are spread thinly (de Jong ~0.5%).
KOP_AANDEEL: dict[str, tuple[float, float]] = {
    "nl": (0.45, 0.10), "ar": (0.55, 0.15), "tr": (0.45, 0.20), "pl": (0.45, 0.08), "ro": (0.45, 0.12),
    "bg": (0.45, 0.20), "hu": (0.50, 0.20), "ua": (0.50, 0.06), "ng": (0.40, 0.06), "wa": (0.55, 0.45),
    "er": (0.45, 0.12), "vn": (0.40, 0.90), "cn": (0.30, 0.40), "latam": (0.45, 0.25), "in": (0.40, 0.35),
    "ph": (0.40, 0.10), "int": (0.40, 0.08),
}  # fmt: skip
#: Tail length per list (given names, family names).
STAART = (300, 1500)
#: Spelling variants of tail names, as regular-expression rules: transliterations of Cyrillic, Arabic and
#: Ge'ez names (Mihaylov/Mihailov/Mihayloff, Tkachenko/Tkatschenko, Cherkaoui/Sherkaoui, Tesfay/Tesfai) and the
#: French and English spellings of West-African names (Diallo/Jallow, Touré/Turay).
_SPELREGELS: dict[str, tuple[tuple[str, str], ...]] = {
    "ua": ((r"y", "i"), (r"kh", "h"), (r"ch", "tsch"), (r"iy", "ij"), (r"v", "w"), (r"zh", "sh")),
    "bg": ((r"y", "i"), (r"^H", "Kh"), (r"ts", "c"), (r"([oe])v$", r"\1ff"), (r"zh", "j")),
    "ar": ((r"ou", "u"), (r"kh", "ch"), (r"^Ch", "Sh"), (r"ee", "i"), (r"^El ", "Al-")),
    "er": ((r"ay$", "ai"), (r"e$", "i"), (r"^Ge", "Ghe"), (r"^Gh", "G")),
    "wa": ((r"ou", "u"), (r"^Dj", "J")),
}
#: Tails written out where joining syllables would not give a name: Vietnamese and Chinese family names are
#: one syllable, and the rarer ones are simply other syllables.
_STAART_LIJST: dict[tuple[str, str], str] = {
    ("vn", "familie"): "Đinh,Hồ,Trương,Cao,Lâm,Hà,Tô,Phan,Châu,Lương,Tạ,Mai,Lưu,Trịnh,Đoàn,Quách,Kiều,Thái,Triệu,"
    "Đào,La,Tăng,Hứa,Mạc,Khúc,Lục,Tống,Âu,Diệp",
    ("cn", "familie"): "Xu,Sun,Ma,Zhu,Hu,Guo,He,Lin,Gao,Luo,Zheng,Liang,Xie,Song,Tang,Han,Feng,Deng,Cao,Peng,Zeng,"
    "Xiao,Tian,Dong,Pan,Yuan,Cai,Jiang,Yu,Du,Ye,Cheng,Wei,Su,Lyu,Ding,Ren,Lu,Yao,Shen,Zhong,Cui,Tan",
}
_PARTIKELS = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "El", "Al", "Ben", "Dela", "De", "Abdel"})
#: Joined syllables can spell words no one should be registered under (in a register of sexual exploitation
#: least of all); tail names containing one of these (without diacritics, lower case) are left out.
_WEGLATEN = (
    "hoer", "hure", "pute", "kurw", "pedo", "merd", "kaka", "kut", "anal", "sex", "porn", "slet", "neuk", "lul",
    "kanker", "nazi", "hitler", "fuck", "shit", "piss", "cunt", "dick", "cock", "bitch", "rape", "pizd", "chuj",
    "dupa", "huj", "jebe",
)  # fmt: skip


def _klinker(ch: str) -> bool:
    return unidecode(ch).lower() in ("a", "e", "i", "o", "u", "y")


def _kern(cultuur: str, naam: str) -> tuple[str, str]:
    """Split a name into what a tail name keeps and the core it recombines: the particle (``van der``,
    ``El``, ``Al-``) or, in a two-word name, the first word (``Thị`` Lan, ``María`` José). Chinese two-word
    given names (``Li Na``) are one core: ``Li`` is a family name, not a particle."""
    if cultuur == "cn":
        return "", naam.replace(" ", "").capitalize()
    woorden = naam.split(" ")
    if len(woorden) > 1 and (all(w in _PARTIKELS or w[:1].islower() for w in woorden[:-1]) or len(woorden) == 2):
        return " ".join(woorden[:-1]) + " ", woorden[-1]
    m = re.match(r"^(Al-|El-)(.+)$", naam)
    return (m.group(1), m.group(2)) if m else ("", naam)


def _delen(kern: str) -> list[tuple[str, str]]:
    """Every split of ``kern`` after a vowel run and one consonant, both halves holding a vowel."""
    uit = []
    for i in range(2, len(kern) - 1):
        na_medeklinker = _klinker(kern[i - 2]) and not _klinker(kern[i - 1])  # Vis|ser, Kowal|ski
        na_klinker = _klinker(kern[i - 1]) and kern[i - 1] != "y" and not _klinker(kern[i])  # Ba|kker
        if na_medeklinker or na_klinker:
            links, rechts = kern[:i], kern[i:]
            if any(_klinker(c) for c in links) and any(_klinker(c) for c in rechts) and rechts.isalpha():
                uit.append((links, rechts.lower()))
    return uit


def _rang(sleutel: str, naam: str) -> bytes:
    return hashlib.blake2b(f"{sleutel}|{naam}".encode(), digest_size=8).digest()


def _sleutel(naam: str) -> str:
    """A name's form for comparisons: without diacritics, lower case."""
    return unidecode(naam).lower()


def _staart(cultuur: str, deel: str, hoofden: list[list[str]], aantal: int) -> list[str]:
    """``aantal`` further names in the style of ``hoofden`` (the listed names, each with its spellings): halves
    of one listed name joined to another's. No spelling of a tail name equals a listed spelling or a spelling
    of another tail name, also without diacritics."""
    kernen = [_kern(cultuur, vormen[0]) for vormen in hoofden]
    partikels = [p for p, _ in kernen]
    links = sorted({a for _, k in kernen for a, _ in _delen(k)})
    rechts = sorted({b for _, k in kernen for _, b in _delen(k)})
    kandidaten: dict[str, str] = {}  # without diacritics -> the core: one core per spelling without them
    for a in links:
        for b in rechts:
            kern = a + b
            if 4 <= len(kern) <= 13 and not re.search(r"(.)\1\1", kern):
                kandidaten.setdefault(_sleutel(kern), kern)
    if cultuur in ("cn", "vn") or not kandidaten:  # syllable names: two syllables of the list joined
        enkel = sorted({k for _, k in kernen if cultuur != "cn" or len(k) <= 4})
        for a in enkel:
            for b in enkel:
                kern = a + b.lower() if cultuur == "cn" else f"{a} {b}"
                if a != b:
                    kandidaten.setdefault(_sleutel(kern), kern)
    bezet = {_sleutel(v) for vormen in hoofden for v in vormen} | {_sleutel(k) for _, k in kernen}
    uit: list[str] = []
    for kern in sorted(kandidaten.values(), key=lambda k: _rang(f"{cultuur}/{deel}", k)):
        if len(uit) == aantal:
            break
        naam = partikels[int.from_bytes(_rang("partikel", kern)[:4], "big") % len(partikels)] + kern
        vormen = {_sleutel(v) for v in _spellingen(cultuur, naam)} | {_sleutel(kern)}
        if vormen & bezet or any(w in v for v in vormen for w in _WEGLATEN):
            continue
        bezet |= vormen
        uit.append(naam)
    return uit


def _spellingen(cultuur: str, naam: str) -> list[str]:
    """``naam`` and at most two spellings by the culture's rules (:data:`_SPELREGELS`)."""
    vormen = [naam]
    for patroon, vervanging in _SPELREGELS.get(cultuur, ()):
        anders = re.sub(patroon, vervanging, naam)
        if anders != naam and anders not in vormen and len(vormen) < 3:
            vormen.append(anders)
    return vormen


@dataclass(frozen=True)
class Naamtabel:
    """All name entries, flattened for vectorised look-up.

    ``varianten[start[i] + j]`` is variant ``j`` of entry ``i``; ``aantal[i]`` variants exist.
    ``ascii`` holds the same strings without diacritics. ``entries[(cultuur, deel)]`` are the entry ids of a
    culture's ``vrouw``, ``man``, ``familie`` and ``familie_vrouw`` lists: the ``kop[(cultuur, deel)]``
    listed names first, then the generated tail.
    """

    varianten: tuple[str, ...]
    ascii: tuple[str, ...]
    start: tuple[int, ...]
    aantal: tuple[int, ...]
    entries: dict[tuple[str, str], tuple[int, ...]]
    kop: dict[tuple[str, str], int]


@lru_cache(maxsize=1)
def naamtabel() -> Naamtabel:
    """The parsed name lists with their generated tails (cached; the same on every run)."""
    varianten: list[str] = []
    start: list[int] = []
    aantal: list[int] = []
    entries: dict[tuple[str, str], tuple[int, ...]] = {}
    kop: dict[tuple[str, str], int] = {}

    def voeg_toe(vormen: list[str]) -> int:
        vormen = list(dict.fromkeys(v for v in vormen if _latijns(v)))  # no duplicates, order kept
        start.append(len(varianten))
        aantal.append(len(vormen))
        varianten.extend(vormen)
        return len(start) - 1

    for cultuur in sorted(_LIJSTEN):
        vrouw, man, familie, familie_vrouw = _LIJSTEN[cultuur]
        familie_staart: list[str] = []
        for deel, tekst in (("vrouw", vrouw), ("man", man), ("familie", familie), ("familie_vrouw", familie_vrouw)):
            if not tekst and cultuur not in _VROUWELIJK:
                entries[(cultuur, deel)] = entries[(cultuur, "familie")]
                kop[(cultuur, deel)] = kop[(cultuur, "familie")]
                continue
            items = [[v.strip() for v in item.split("/") if v.strip()] for item in (tekst or familie).split(",")]
            if not tekst:  # derive the female family name (Polish -ski -> -ska, Ukrainian -skyi -> -ska)
                items = [[_vrouwelijk(cultuur, v) for v in vormen] for vormen in items]
            ids = [voeg_toe(vormen) for vormen in items]
            if not tekst:
                staart = [_vrouwelijk(cultuur, n) for n in familie_staart]
            else:
                lengte = STAART[0] if deel in ("vrouw", "man") else STAART[1]
                vast = _STAART_LIJST.get((cultuur, deel))
                staart = list(dict.fromkeys(vast.split(","))) if vast else _staart(cultuur, deel, items, lengte)
                if deel == "familie":
                    familie_staart = staart
            kop[(cultuur, deel)] = len(ids)
            entries[(cultuur, deel)] = tuple(ids) + tuple(voeg_toe(_spellingen(cultuur, n)) for n in staart)
    return Naamtabel(
        varianten=tuple(varianten),
        ascii=tuple(unidecode(v) for v in varianten),
        start=tuple(start),
        aantal=tuple(aantal),
        entries=entries,
        kop=kop,
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
    """True when every letter is Latin, with or without diacritics (Vietnamese ``ị`` and ``ư`` included)."""
    return all(not ch.isalpha() or unicodedata.name(ch, "").startswith("LATIN ") for ch in tekst)


def culturen() -> tuple[str, ...]:
    """All culture codes, sorted."""
    return tuple(sorted(_LIJSTEN))
