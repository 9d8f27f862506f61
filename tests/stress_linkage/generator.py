# SPDX-License-Identifier: EUPL-1.2
"""Synthetic stress world for record linkage: persons, organisations, and noisy reports in the registry import layout.

Written from a specification only (see README.md); it knows nothing of the linkage model. Deterministic per seed.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

KINDS = VARIATIES = [
    "verwisseld",
    "tikfout",
    "transliteratie",
    "diakrieten_weg",
    "tussenvoegsel",
    "tweede_achternaam_weg",
    "voornamen_ingekort",
    "hoofdletters",
    "geboortedatum_ontbreekt",
    "plaatshouder_1jan",
    "dag_maand_verwisseld",
    "jaar_een_ernaast",
    "alleen_jaar",
    "nationaliteit_ontbreekt",
    "nationaliteit_anders",
    "geslacht_ontbreekt",
]

# code, naam, soort, gemeentecode, reference prefix, profile, selection weight
ORGS = [
    ("fairwork", "FairWork", "fairwork", "GM0363", "FWK", "ngo", 0.06),
    ("kmar-schiphol", "KMar Schiphol", "kmar", "GM0394", "KMS", "kmar", 0.08),
    ("nla", "Nederlandse Arbeidsinspectie", "nla", "GM0344", "NLA", "nla", 0.08),
    ("opvang-utrecht", "Opvang Utrecht", "opvang", "GM0344", "OPU", "default", 0.05),
    ("politie-amsterdam", "Politie Amsterdam", "nationale_politie", "GM0363", "PRA", "politie", 0.22),
    ("politie-oost", "Politie Oost-Nederland", "nationale_politie", "GM0202", "PRO", "politie", 0.22),
    ("politie-rotterdam", "Politie Rotterdam", "nationale_politie", "GM0599", "PRR", "politie", 0.22),
    ("zorgcoordinatie-rotterdam", "Zorgcoördinatie Rotterdam", "zorgcoordinatie", "GM0599", "ZCR", "zorg", 0.07),
]
BASE_P = {
    k: p
    for k, p in zip(
        KINDS,
        [0.04, 0.08, 0.30, 0.30, 0.25, 0.40, 0.05, 0.05, 0.10, 0.03, 0.02, 0.02, 0.05, 0.08, 0.02, 0.05],
        strict=True,
    )
}
PROFILES = {
    "politie": {"geslacht_ontbreekt": 0.0},
    "kmar": {
        "hoofdletters": 0.5,
        "alleen_jaar": 0.0,
        "geboortedatum_ontbreekt": 0.0,
        "plaatshouder_1jan": 0.0,
        "nationaliteit_ontbreekt": 0.0,
    },
    "nla": {"alleen_jaar": 0.6, "geslacht_ontbreekt": 0.5},
    "zorg": {"nationaliteit_ontbreekt": 0.4},
    "ngo": {"voornamen_ingekort": 0.5, "geboortedatum_ontbreekt": 0.4},
    "default": {},
}
SHARES = {
    "NL": 0.28,
    "RO": 0.12,
    "BG": 0.08,
    "PL": 0.06,
    "HU": 0.04,
    "NG": 0.10,
    "VN": 0.06,
    "CN": 0.04,
    "UA": 0.06,
    "ER": 0.04,
    "MA": 0.05,
    "CO": 0.04,
    "SY": 0.03,
}
OTHER_NAT = {"RO": "MD", "BG": "TR", "UA": "RU", "SY": "LB"}

_S = str.split
# origin: (family head, women's given names, men's given names, tail starts, tail ends); "|" separates entries with spaces
NAMES = {
    "NL": (
        "de Jong|Jansen|de Vries|van den Berg|van Dijk|Bakker|Janssen|Visser|Smit|Meijer|de Boer|Mulder|de Groot|Bos|Vos|Peters|Hendriks|van Leeuwen|Dekker|Brouwer|de Wit|Dijkstra|Smits|de Graaf|van der Meer|van der Linden|Kok|Jacobs|de Haan|Vermeulen|van den Heuvel|van der Veen|van den Broek|de Bruijn|de Bruin|van der Heijden|Schouten|van Beek|Willems|van Vliet|van de Ven",
        "Anna Sanne Lisa Emma Fleur Lotte Eva Iris Sophie Laura Femke Anouk Maria Julia Esther Marieke Kim Linda Sarah Noor",
        "Jan Daan Sem Lucas Thomas Pieter Bram Jeroen Mark Kevin Tim Ruben Sander Joost Wouter Niels Dennis Bas",
        "Ber Hol Kamp Veld Hui Stra Man Ink Hof Wij Ker Brink Lan Dam Zand Mol",
        "man ink huis stra veld kamp ing sma hof dijk berg land broek er es",
    ),
    "RO": (
        "Popescu|Ionescu|Popa|Pop|Radu|Dumitru|Stan|Stoica|Gheorghe|Matei|Ciobanu|Rusu|Munteanu|Constantin|Mihai|Şerban|Lungu|Nistor|Tănase|Dobre",
        "Maria Elena Ioana Andreea Alexandra Mihaela Ana Cristina Gabriela Daniela Nicoleta Florentina Ştefania Raluca Roxana Denisa Bianca",
        "Ion Andrei Alexandru Mihai Ştefan Gheorghe Florin Marius Adrian Constantin Cosmin Ionuţ Vasile Daniel",
        "Bra Cio Dra Ene Flo Gri Ior Lup Mir Nic Opr Pet Rad Sav Tud Vla",
        "escu eanu aru ache oiu ică an ea uţ ila ovici ariu ete",
    ),
    "BG": (
        "Ivanov|Georgiev|Dimitrov|Petrov|Nikolov|Hristov|Stoyanov|Todorov|Yordanov|Iliev|Vasilev|Atanasov|Petkov|Angelov|Kolev|Zhelyazkov|Tsvetkov|Marinov|Popov|Kostov",
        "Maria Ivana Elena Tsvetelina Yordanka Desislava Gergana Petya Nikolina Radostina Silviya Zhivka Teodora Velichka Hristina Kremena",
        "Georgi Ivan Dimitar Nikolay Hristo Petar Zhivko Yordan Stoyan Todor Tsvetan Vasil Angel",
        "Dim Ang Boy Vas Kol Mar Nik Pet Sto Tod Yan Zla Kir Hr Mil Rad",
        "anov ov ev chev kov ilov enov arov inov ushev elov akiev nev",
    ),
    "PL": (
        "Nowak|Kowalski|Wiśniewski|Wójcik|Kowalczyk|Kamiński|Lewandowski|Zieliński|Szymański|Woźniak|Dąbrowski|Kozłowski|Jankowski|Mazur|Kwiatkowski|Krawczyk|Piotrowski|Grabowski|Nowakowski|Pawłowski|Michalski",
        "Anna Katarzyna Małgorzata Agnieszka Magdalena Joanna Monika Aleksandra Ewa Natalia Karolina Paulina Justyna Dominika Żaneta",
        "Piotr Krzysztof Tomasz Łukasz Paweł Michał Marcin Jakub Kamil Grzegorz Mateusz Dawid Wojciech",
        "Bor Chmi Dud Gaj Jas Kacz Lis Marc Ost Pio Rut Sob Wal Zaj Grz Kub",
        "ski cki ek ak owicz czyk uk ewski iak ała oń ik",
    ),
    "HU": (
        "Nagy|Kovács|Tóth|Szabó|Horváth|Varga|Kiss|Molnár|Németh|Farkas|Balogh|Papp|Takács|Juhász|Lakatos|Mészáros|Oláh|Simon|Rácz|Fekete",
        "Anna Eszter Réka Katalin Zsófia Viktória Krisztina Andrea Erika Nikolett Szilvia Tímea Dóra Renáta",
        "László István József János Zoltán Sándor Gábor Attila Péter Tamás Dávid Norbert",
        "Bar Csa Fe Ha Ke Lo Ma Ne Pa Sza Va Zso Bo Gy Tö Ri",
        "kó rga lai nyi csi rós lász gi dos bó ter rsi mes",
    ),
    "NG": (
        "Okafor|Okonkwo|Adeyemi|Ibrahim|Musa|Eze|Obi|Bello|Okeke|Nwosu|Adebayo|Ogunleye|Olawale|Chukwu|Nwachukwu|Abubakar|Ogbonna|Oyelaran|Uche|Edet",
        "Blessing Joy Precious Faith Mercy Favour Gift Chioma Ngozi Aisha Esther Grace Patience Peace Comfort Adaeze Funmilayo Oluwaseun",
        "Chinedu Emeka Oluwaseun Ibrahim Samuel Daniel David Ikechukwu Tunde Musa Godwin Victor Emmanuel",
        "Ade Olu Chi Nwa Oko Aki Ogu Eze Ife Oba Uzo Ayo Ema Obi Ike Ola",
        "bayo nwa kwe dele for ji ola mba sanya chukwu wale meka tunde",
    ),
    "VN": (
        "Nguyễn|Trần|Lê|Phạm|Hoàng|Phan|Vũ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Võ",
        "Thị Lan|Thị Hoa|Thị Mai|Thị Hương|Thị Hằng|Thị Thu|Thị Ngọc|Thị Linh|Ngọc Anh|Thu Trang|Thị Nga|Thị Hà|Thị Thảo|Thị Phương|Thị Huyền",
        "Văn Nam|Văn Hùng|Văn Minh|Văn Tuấn|Đức Anh|Văn Long|Quang Huy|Văn Dũng|Minh Tuấn|Văn Hải|Thanh Tùng|Văn Thành",
        "Kh Qu Th Tr Ng Ch L M T H D V C Ph S",
        "ach uong inh ao ieu an oi ung iep am ong u a",
    ),
    "CN": (
        "Wang|Li|Zhang|Liu|Chen|Yang|Huang|Zhao|Wu|Zhou|Xu|Sun|Ma|Zhu|Hu|Guo|He|Lin|Gao|Luo",
        "Li Na|Xiu Ying|Jing|Min|Yan|Fang|Xiaoling|Mei|Hui|Ying|Lei|Ping|Hong|Juan|Xin",
        "Wei Qiang Jun Yong Jie Tao Ming Chao Hao Lei Jian Bo Gang",
        "Zh X Q J Sh Ch L W Y F D T G K H",
        "ang ao ing u ei an ong ui en ia uan e ou",
    ),
    "UA": (
        "Shevchenko|Kovalenko|Bondarenko|Tkachenko|Kravchenko|Oliynyk|Shevchuk|Koval|Polishchuk|Bondar|Moroz|Marchenko|Lysenko|Rudenko|Savchenko|Petrenko|Kovalchuk|Tkachuk|Melnyk|Boyko",
        "Olena Tetiana Nataliia Oksana Iryna Yuliia Anastasiia Yekaterina Kateryna Viktoriia Svitlana Mariia Daria Alina Khrystyna",
        "Oleksandr Serhii Andrii Dmytro Volodymyr Mykola Yurii Oleh Vasyl Ivan Maksym Artem Yevhen",
        "Hor Kuz Lev Mar Dan Pav Sav Bil Zin Kry Hry Fed Ost Yar Sem Vol",
        "enko chuk yk ets iuk ko ych iak ovych ovskyi ak yshyn",
    ),
    "ER": (
        "Tesfay|Habte|Kidane|Gebremariam|Tekle|Berhane|Haile|Ghebreyesus|Woldemichael|Mehari|Tsegay|Abraha|Asmerom|Andom|Kahsay",
        "Senait Helen Yohana Selam Mebrat Tsega Hiwet Saba Winta Feven Almaz Rahel Luwam Meron Semhar Fatima",
        "Yonas Tesfay Habte Kidane Mehari Berhane Dawit Filmon Samuel Yemane Mussie Aman Robel Mohammed",
        "Gebre Tes Hai Tek Wel Abr Kah Mer Ase Yem Ber Kid Tse Hab Zer Ande",
        "mariam fay le lay demichael aha say hawi fa ane het ay zghi tom",
    ),
    "MA": (
        "El Amrani|El Idrissi|El Khattabi|El Ouardi|Ben Ali|Ben Said|Bouzid|Tahiri|Alaoui|Berrada|Chakir|Ouali|Ziani|Haddou|Bakkali|Azzouzi|El Haddaoui|Ben Moussa",
        "Fatima Khadija Mariam Nour Amina Layla Aisha Zainab Yasmin Samira Rania Naima Hanane Siham Imane",
        "Mohammed Ahmed Youssef Mustafa Omar Khaled Ibrahim Abdullah Hassan Hussein Rachid Karim Said Nordin",
        "Bou Az Cha Ou Tah Zi Kar Ber Ham Ras Sal Lah Mou Dri Fas Jab",
        "zid ouzi kir ali iri ani dou rada mi hadi ssi bari ouri",
    ),
    "CO": (
        "García|Rodríguez|Martínez|López|González|Hernández|Pérez|Sánchez|Ramírez|Torres|Gómez|Díaz|Vargas|Rojas|Moreno|Jiménez|Castro|Ortiz|Muñoz|Suárez|Ruiz|Álvarez",
        "María Luisa Daniela Valentina Camila Paola Andrea Carolina Natalia Juliana Diana Sandra Lina Laura Ángela Yuliana",
        "Juan Carlos Andrés Luis Jorge José Diego Felipe Santiago Sebastián Camilo Jhon",
        "Ca Ro Be Mo Ve Sa Agu Es Ma Qui Val Ar Ce Ri Bu Or",
        "stillo mero tancur squera lásquez lazar irre rdona pinosa rín ntero encia ango",
    ),
    "SY": (
        "Haddad|Khoury|Hamdan|Darwish|Sabbagh|Hassan|Mansour|Ibrahim|Najjar|Khalil|Othman|Saleh|Youssef|Aziz|Hamoud",
        "Fatima Aisha Mariam Nour Zainab Layla Rania Yasmin Amina Khadija Samira Hala Lina Reem Huda",
        "Mohammed Ahmed Khaled Omar Mustafa Youssef Ibrahim Abdullah Hassan Hussein Bashar Fadi Rami Tarek",
        "Had Kha Sab Ham Dar Man Jab Naj Qas Rah Sha Tay Zah Bak Far Ghaz",
        "dad oury bagh dan wish sour er jar im al ami eb ra",
    ),
}
_AR = (
    "Mohammed/Muhammad/Mohamed/Mohamad/Muhammed|Ahmed/Ahmad/Achmed|Youssef/Yusuf/Jusuf/Yousef/Youssouf|Mustafa/Moustafa/Mostafa|Omar/Umar|"
    "Khaled/Khalid/Chaled|Ibrahim/Ebrahim/Ibraheem|Abdullah/Abdallah/Abdellah|Hassan/Hasan|Hussein/Hussain/Husein|Fatima/Fatma/Fatimah/Fadma|"
    "Aisha/Aicha/Aischa/Ayesha|Khadija/Khadidja/Chadija/Khadiga|Mariam/Maryam/Meryem|Nour/Noor/Nur|Zainab/Zeinab/Zaynab|Amina/Aminah/Emina|"
    "Layla/Leila/Laila/Leyla|Rania/Ranya|Yasmin/Yasmine/Jasmin|Samira/Sameera|Khoury/Khouri/Choury|Darwish/Darwiche/Derwisch|Mansour/Mansur|"
    "Haddad/Hadad|Khalil/Chalil|Othman/Osman/Uthman|Saleh/Salih|Rachid/Rashid/Rachied|Karim/Kareem|Said/Saeed|Chakir/Chaker|Haddou/Hadou|"
    "Naima/Naeima|Hanane/Hanan|Imane/Iman|Nordin/Noureddine/Nourdin|Hamoud/Hammoud"
)
TRANSLIT_SRC = {
    "UA": "Oleksandr/Aleksandr/Olexandr/Oleksander|Serhii/Sergii/Serhiy/Sergej|Andrii/Andriy/Andrij/Andrej|Dmytro/Dmitro/Dmitri|Volodymyr/Wolodymyr/Volodimir|"
    "Yurii/Yuriy/Jurij/Iurii|Oleh/Oleg|Vasyl/Vasil/Wassyl|Maksym/Maxim/Maksim|Yevhen/Evgen/Jewhen/Yevgeniy|Mykola/Mikola/Nikolai|Tetiana/Tetyana/Tatiana/Tatjana|"
    "Nataliia/Natalia/Natalija/Nataliya|Yuliia/Yulia/Julia/Iuliia|Anastasiia/Anastasia/Anastasija|Yekaterina/Ekaterina/Jekaterina|Kateryna/Katerina/Katarina|"
    "Viktoriia/Viktoria/Victoria/Wiktorija|Svitlana/Svetlana/Switlana|Mariia/Maria/Marija|Khrystyna/Khristina/Christina/Chrystyna|Iryna/Irina|Oksana/Oxana|"
    "Olena/Elena/Olena|Daria/Darya/Darja|Shevchenko/Schewtschenko/Sevcenko/Shewchenko|Kovalenko/Kowalenko|Tkachenko/Tkatschenko/Tkacenko|"
    "Kravchenko/Krawtschenko/Kravcenko|Oliynyk/Oliinyk/Olijnyk|Shevchuk/Schewtschuk/Sevcuk|Polishchuk/Polischuk/Polyschuk|Savchenko/Sawtschenko/Savcenko|"
    "Kovalchuk/Kowaltschuk/Kovaltchuk|Tkachuk/Tkatschuk|Melnyk/Melnik|Boyko/Bojko/Boiko|Lysenko/Lisenko/Lyssenko|Marchenko/Martschenko",
    "BG": "Tsvetelina/Cvetelina/Zvetelina|Yordanka/Jordanka/Iordanka|Desislava/Dessislava|Petya/Petia/Petja|Silviya/Silvia/Silwija|Zhivka/Jivka/Schiwka|"
    "Hristina/Christina/Khristina|Georgi/Georgy/Georgij|Dimitar/Dimitur/Dimiter|Nikolay/Nikolai/Nicolai|Hristo/Christo/Khristo|Petar/Peter/Petur|"
    "Zhivko/Jivko/Zivko|Yordan/Jordan/Iordan|Stoyan/Stojan/Stoian|Tsvetan/Cvetan/Zvetan|Vasil/Wassil|Hristov/Christov/Khristov|Stoyanov/Stojanov/Stoianov|"
    "Yordanov/Jordanov/Iordanov|Zhelyazkov/Jeliazkov/Zheliazkov|Tsvetkov/Cvetkov/Zwetkov|Iliev/Iliew|Vasilev/Vassilev/Wassilew|Georgiev/Georgiew|Ivanov/Ivanow|Petrov/Petrow|Popov/Popow",
    "ER": "Yonas/Yohannes/Johannes|Tesfay/Tesfai/Tesfaye|Kidane/Kiddane|Berhane/Berhan/Birhane|Dawit/Dawitt|Filmon/Philmon|Yemane/Yemani|Mussie/Musie|"
    "Senait/Senayt|Yohana/Johana|Selam/Salam|Tsega/Tsegga|Hiwet/Hiewet|Feven/Fiven|Rahel/Rachel|Gebremariam/Ghebremariam/Gebremaryam|Tekle/Teklay|"
    "Haile/Hayle|Ghebreyesus/Gebreyesus|Woldemichael/Weldemichael/Woldemikael|Tsegay/Tsegai/Tsegaye|Abraha/Abreha|Kahsay/Kahsai|Mohammed/Mohamed/Muhammad|Fatima/Fatma",
    "MA": _AR,
    "SY": _AR,
}
TRANSLIT: dict[str, dict[str, list[str]]] = {}
for _o, _src in TRANSLIT_SRC.items():
    for _g in _src.split("|"):
        _vs = list(dict.fromkeys(_g.split("/")))
        _groups = [_vs, [v + "a" for v in _vs]] if _o == "BG" and _vs[0].endswith(("ov", "ev")) else [_vs]
        for _grp in _groups:
            for _v in _grp:
                TRANSLIT.setdefault(_o, {})[_v] = _grp

NL_PARTICLES = {"van", "de", "den", "der", "het", "te", "ter", "ten"}
KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_SPECIAL = str.maketrans({"ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ø": "o", "ß": "ss"})


def _neighbours(ch: str) -> str:
    for r, row in enumerate(KEYBOARD):
        if ch in row:
            i = row.index(ch)
            out = row[max(0, i - 1) : i] + row[i + 1 : i + 2]
            for rr in (r - 1, r + 1):
                if 0 <= rr < len(KEYBOARD):
                    out += KEYBOARD[rr][max(0, i - 1) : i + 1]
            return out
    return "aeiou"


def strip_diacritics(s: str) -> str:
    s = s.translate(_SPECIAL)
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def feminine(origin: str, family: str, sex: str) -> str:
    if sex != "vrouw":
        return family
    if origin == "BG" and family.endswith(("ov", "ev")):
        return family + "a"
    if origin == "PL" and family.endswith(("ski", "cki")):
        return family[:-1] + "a"
    return family


def split_particle(origin: str, family: str) -> tuple[str, str]:
    toks = family.split(" ")
    if origin == "MA" and len(toks) == 2 and toks[0] in ("El", "Ben"):
        return toks[0], toks[1]
    i = 0
    while i < len(toks) - 1 and toks[i] in NL_PARTICLES:
        i += 1
    return " ".join(toks[:i]), " ".join(toks[i:])


def particle_variant(rng: np.random.Generator, origin: str, part: str, root: str) -> str:
    if origin == "MA":
        forms = (
            [part + root.lower(), "Al-" + root, part + "-" + root]
            if part == "El"
            else [part + root.lower(), part + "-" + root]
        )
    else:
        forms = [
            f"{root}, {part}",
            part.replace(" ", "") + root,
            part.title().replace(" ", "") + root,
            f"{part.title()} {root}",
            root,
        ]
        if part in ("van den", "van der", "van de"):
            forms += [f"v.d. {root}", f"v/d {root}", f"vd {root}"]
    return forms[rng.integers(len(forms))]


def typo(rng: np.random.Generator, s: str) -> str:
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 3:
        return s + s[-1].lower()
    i = letters[rng.integers(len(letters))]
    op = rng.integers(4)
    if op == 0:
        return s[:i] + s[i + 1 :]
    if op == 1:
        return s[:i] + "aeilnorst"[rng.integers(9)] + s[i:]
    if op == 2:
        nb = _neighbours(s[i].lower())
        c = nb[rng.integers(len(nb))]
        return s[:i] + (c.upper() if s[i].isupper() else c) + s[i + 1 :]
    j = i + 1 if i + 1 < len(s) and s[i + 1].isalpha() else i - 1
    a, b = sorted((i, j))
    out = s[:a] + s[b] + s[a] + s[b + 1 :]
    return out if out != s else s[:i] + s[i + 1 :]


def _zipf(n: int, s: float = 1.1) -> np.ndarray:
    w = 1.0 / np.arange(1, n + 1) ** s
    return w / w.sum()


def _names(s: str) -> list[str]:
    return s.split("|") if "|" in s else s.split()


#: Name worlds. ``werkelijk`` (the default) follows published name frequencies: the most common family name and
#: the most common given names per sex carry the share below (README.md lists the sources), and one Zipf curve
#: runs from there over the named head list and then a long tail of other names of that origin. ``kopzwaar`` is the first version of this world: Zipf(1.1) over 12-40 head names (60 % of family
#: names, all given names) and 200 tail family names, so that the most common given name is about 30 % of an
#: origin's women and a full name is shared by different people hundreds of times more often than in life.
NAAMWERELDEN = ("werkelijk", "kopzwaar")

# origin: (share of the most common family name, of the most common woman's given name, of the most common man's)
FREQUENTIES = {
    "NL": (0.0053, 0.02, 0.025),
    "RO": (0.010, 0.06, 0.05),
    "BG": (0.020, 0.04, 0.04),
    "PL": (0.0054, 0.06, 0.05),
    "HU": (0.023, 0.06, 0.05),
    "NG": (0.010, 0.02, 0.02),
    "VN": (0.38, 0.03, 0.03),
    "CN": (0.079, 0.01, 0.01),
    "UA": (0.003, 0.05, 0.05),
    "ER": (0.020, 0.04, 0.04),
    "MA": (0.010, 0.06, 0.10),
    "CO": (0.030, 0.08, 0.05),
    "SY": (0.015, 0.06, 0.10),
}


def _pool(names: list[str], p: np.ndarray) -> tuple[list[str], np.ndarray]:
    return names, p if abs(p.sum() - 1.0) < 1e-12 else p / p.sum()


def _head_and_tail(head: list[str], top: float, tail: list[str]) -> tuple[list[str], np.ndarray]:
    """One frequency curve over the head list and then the tail: ``top / rank**s``, with ``s`` such that the
    shares add up to one, so the most common name has the published share and no tail name is more common
    than the last head name."""
    n = len(head) + len(tail)
    ranks = np.arange(1, n + 1, dtype=float)
    if top * n <= 1.0:
        return _pool(head + tail, np.full(n, 1.0 / n))
    lo, hi = 0.0, 8.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if (top / ranks**mid).sum() > 1.0:
            lo = mid
        else:
            hi = mid
    return _pool(head + tail, top / ranks**hi)


def _given_tail(rng: np.random.Generator, names: list[str], size: int) -> list[str]:
    """Other given names of an origin: the start of one known name joined to the end of another."""
    starts = sorted({n[: max(2, len(n) // 2)] for n in names if " " not in n})
    ends = sorted({n[max(2, len(n) // 2) :] for n in names if " " not in n} - {""})
    combos = sorted({a + b for a in starts for b in ends} - set(names))
    return [str(t) for t in rng.choice(combos, size=min(size, len(combos)), replace=False)]


def build_pools(rng: np.random.Generator, world: str = "werkelijk") -> dict[str, dict]:
    pools = {}
    for o, (fam, fem, mal, starts, ends) in NAMES.items():
        head = fam.split("|")
        if world == "kopzwaar":
            combos = sorted({a + b for a in _S(starts) for b in _S(ends)} - set(head))
            tail = [str(t) for t in rng.choice(combos, size=min(200, len(combos)), replace=False)]
        else:
            middles = ["", *sorted({s.lower()[:2] for s in _S(starts)})]
            combos = sorted({a + m + b for a in _S(starts) for m in middles for b in _S(ends)} - set(head))
            tail = [str(t) for t in rng.choice(combos, size=min(3000, len(combos)), replace=False)]
        if o in ("NL", "MA"):
            parts = ["van ", "de ", "van der ", "van den ", "ter "] if o == "NL" else ["El ", "Ben "]
            tail = [parts[rng.integers(len(parts))] + t if rng.random() < 0.2 else t for t in tail]
        vrouw, man = _names(fem), _names(mal)
        if world == "kopzwaar":
            pools[o] = {
                "familie": _pool(head, _zipf(len(head))),
                "staart": tail,
                "kop_aandeel": 0.6,
                "vrouw": _pool(vrouw, _zipf(len(vrouw))),
                "man": _pool(man, _zipf(len(man))),
            }
        else:
            f_top, w_top, m_top = FREQUENTIES[o]
            pools[o] = {
                "familie": _head_and_tail(head, f_top, tail),
                "kop_aandeel": 1.0,
                "vrouw": _head_and_tail(vrouw, w_top, _given_tail(rng, vrouw, 1500)),
                "man": _head_and_tail(man, m_top, _given_tail(rng, man, 1500)),
            }
    return pools


def _draw(rng: np.random.Generator, pool: tuple[list[str], np.ndarray]) -> str:
    names, p = pool
    return names[rng.choice(len(names), p=p)]


def make_persons(rng: np.random.Generator, n: int, world: str = "werkelijk") -> list[dict]:
    pools = build_pools(rng, world)
    origins, shares = list(SHARES), np.array(list(SHARES.values()))
    start_year = np.array([dt.date(y, 1, 1).toordinal() for y in range(1960, 2010)])

    def bdate(year: int) -> dt.date:
        return dt.date.fromordinal(
            int(start_year[year - 1960] + rng.integers(start_year[year - 1959] - start_year[year - 1960]))
        )

    def given(o: str, sex: str, avoid: str = "") -> str:
        while True:
            g = _draw(rng, pools[o][sex])
            two = {"CO": 0.45, "NL": 0.25, "PL": 0.25, "RO": 0.25, "HU": 0.25}.get(o, 0.0)
            if rng.random() < two:
                g2 = _draw(rng, pools[o][sex])
                g = g if g2 == g else f"{g} {g2}"
            if g != avoid:
                return g

    def family(o: str) -> str:
        def one() -> str:
            if rng.random() < pools[o]["kop_aandeel"]:
                return _draw(rng, pools[o]["familie"])
            tail = pools[o]["staart"]
            return str(tail[rng.integers(len(tail))])

        if o == "CO":
            a = one()
            b = one()
            return a if a == b else f"{a} {b}"
        return one()

    persons: list[dict] = []
    while len(persons) < n:
        u = rng.random()
        pid = f"persoon-{len(persons) + 1:05d}"
        if persons and u < 0.08:
            a = persons[rng.integers(len(persons))]
            p = {
                **a,
                "id": pid,
                "anchor": a["id"],
                "rel": "naamgenoot" if u < 0.03 else "tweeling" if u < 0.04 else "broer_zus",
            }
            if p["rel"] == "naamgenoot":
                while p["geboortedatum"] == a["geboortedatum"]:
                    p["geboortedatum"] = bdate(a["geboortedatum"].year)
            else:
                sex = a["geslacht"] if a["herkomst"] in ("BG", "PL") else ("vrouw" if rng.random() < 0.7 else "man")
                p["geslacht"], p["voornamen"] = sex, given(a["herkomst"], sex, avoid=a["voornamen"])
                p["achternaam"] = a["achternaam"]
                if p["rel"] == "broer_zus":
                    y = int(np.clip(a["geboortedatum"].year + rng.choice([-1, 1]) * rng.integers(1, 7), 1960, 2008))
                    p["geboortedatum"] = bdate(y)
            persons.append(p)
            continue
        o = origins[rng.choice(len(origins), p=shares / shares.sum())]
        sex = "vrouw" if rng.random() < 0.7 else "man"
        year = int(rng.integers(1990, 2005)) if rng.random() < 0.65 else int(rng.integers(1960, 2009))
        nat = o if o != "CO" else ("CO" if rng.random() < 0.5 else "ES")
        fam = feminine(o, family(o), sex)
        persons.append({"id": pid, "herkomst": o, "geslacht": sex, "voornamen": given(o, sex), "achternaam": fam,
                        "geboortedatum": bdate(year), "nationaliteit": nat, "anchor": None, "rel": None})  # fmt: skip
    return persons


def make_melding(rng: np.random.Generator, person: dict, profile: str) -> tuple[dict, list[str]]:
    p = {**BASE_P, **PROFILES[profile]}
    o, kinds = person["herkomst"], []
    vn, an = person["voornamen"], person["achternaam"]

    def hit(kind: str) -> bool:
        return bool(rng.random() < p[kind])

    table = TRANSLIT.get(o, {})
    if any(t in table for t in (vn + " " + an).split()) and hit("transliteratie"):

        def tr(s: str) -> str:
            return " ".join(
                [w for w in table[t] if w != t][rng.integers(len(table[t]) - 1)] if t in table else t
                for t in s.split(" ")
            )

        vn, an = tr(vn), tr(an)
        kinds.append("transliteratie")
    if strip_diacritics(vn + an) != vn + an and hit("diakrieten_weg"):
        vn, an = strip_diacritics(vn), strip_diacritics(an)
        kinds.append("diakrieten_weg")
    part, root = split_particle(o, an)
    if part and ((profile == "ngo" and o == "NL") or hit("tussenvoegsel")):
        an = f"{root}, {part}" if profile == "ngo" and o == "NL" else particle_variant(rng, o, part, root)
        kinds.append("tussenvoegsel")
    if o == "CO" and " " in an and hit("tweede_achternaam_weg"):
        an = an.split(" ")[1 if rng.random() < 0.25 else 0]
        kinds.append("tweede_achternaam_weg")
    if hit("voornamen_ingekort"):
        toks = vn.split(" ")
        vn = toks[0] if len(toks) > 1 and rng.random() < 0.5 else "".join(t[0] + "." for t in toks)
        kinds.append("voornamen_ingekort")
    if hit("tikfout"):
        if rng.random() < 0.5 and len(vn) >= 3 and "." not in vn:
            vn = typo(rng, vn)
        else:
            an = typo(rng, an)
        kinds.append("tikfout")
    if hit("verwisseld"):
        vn, an = an, vn
        kinds.append("verwisseld")
    if hit("hoofdletters"):
        vn, an = vn.upper(), an.upper()
        kinds.append("hoofdletters")
    d: dt.date = person["geboortedatum"]
    if hit("geboortedatum_ontbreekt"):
        gd = ""
        kinds.append("geboortedatum_ontbreekt")
    else:
        if (d.month, d.day) != (1, 1) and hit("plaatshouder_1jan"):
            d = d.replace(month=1, day=1)
            kinds.append("plaatshouder_1jan")
        if d.day <= 12 and d.day != d.month and hit("dag_maand_verwisseld"):
            d = dt.date(d.year, d.day, d.month)
            kinds.append("dag_maand_verwisseld")
        if hit("jaar_een_ernaast"):
            y = d.year + (1 if rng.random() < 0.5 else -1)
            d = d.replace(year=y, day=min(d.day, 28) if d.month == 2 else d.day)
            kinds.append("jaar_een_ernaast")
        gd = d.isoformat()
        if hit("alleen_jaar"):
            gd = str(d.year)
            kinds.append("alleen_jaar")
    nat = person["nationaliteit"]
    if hit("nationaliteit_ontbreekt"):
        nat = ""
        kinds.append("nationaliteit_ontbreekt")
    elif nat in OTHER_NAT and hit("nationaliteit_anders"):
        nat = OTHER_NAT[nat]
        kinds.append("nationaliteit_anders")
    sex = person["geslacht"]
    if hit("geslacht_ontbreekt"):
        sex = ""
        kinds.append("geslacht_ontbreekt")
    row = {"voornamen": vn, "achternaam": an, "geboortedatum": gd, "geslacht": sex, "nationaliteit": nat}
    return row, kinds


def simuleer(*, persons: int = 3000, seed: int = 1, namen: str = "werkelijk") -> tuple[list[dict], list[dict]]:
    """The world in memory: (persons, meldingen); each melding has melder, melder_referentie, persoon_id, variaties.

    ``namen`` picks the name world (:data:`NAAMWERELDEN`).
    """
    if namen not in NAAMWERELDEN:
        raise ValueError(f"namen must be one of {NAAMWERELDEN}")
    rng = np.random.default_rng(seed)
    people = make_persons(rng, persons, namen)
    org_w = np.array([o[6] for o in ORGS])
    org_w = org_w / org_w.sum()
    lo, hi = dt.date(2022, 1, 1).toordinal(), dt.date(2024, 12, 31).toordinal()
    events: list[tuple[int, int, dict]] = []  # (org index, date ordinal, person)
    first: dict[str, tuple[int, int]] = {}
    for p in people:
        k = int(rng.choice([1, 2, 3, 4], p=[0.65, 0.22, 0.09, 0.04]))
        orgs = [int(i) for i in rng.choice(len(ORGS), size=k, replace=False, p=org_w)]
        d0 = int(rng.integers(lo, hi + 1))
        if p["anchor"] and p["rel"] != "naamgenoot" and rng.random() < 0.6:
            a_org, a_d = first[p["anchor"]]
            orgs = [a_org, *[i for i in orgs if i != a_org][: k - 1]]
            d0 = min(hi, a_d + int(rng.integers(0, 8)))
        first[p["id"]] = (orgs[0], d0)
        events.append((orgs[0], d0, p))
        for i in orgs[1:]:
            gap = int(rng.integers(0, 121)) if rng.random() < 0.85 else int(rng.integers(365, 731))
            events.append((i, min(hi, d0 + gap), p))
        if rng.random() < 0.03:
            events.append((orgs[0], min(hi, d0 + int(rng.integers(0, 121))), p))
    rows_by_org: dict[int, list] = {i: [] for i in range(len(ORGS))}
    for org_i, d, p in events:
        row, kinds = make_melding(rng, p, ORGS[org_i][5])
        rows_by_org[org_i].append((d, float(rng.random()), row, kinds, p["id"]))
    meldingen = []
    for org_i, items in rows_by_org.items():
        items.sort(key=lambda t: (t[0], t[1]))
        for n, (d, _, row, kinds, pid) in enumerate(items, start=1):
            ref = f"{ORGS[org_i][4]}-{n:06d}"
            meldingen.append({"melder": ORGS[org_i][0], "melder_referentie": ref, "melddatum": dt.date.fromordinal(d).isoformat(),
                              "uitbuitingsvorm": "onbekend", **row, "persoon_id": pid, "variaties": ";".join(kinds)})  # fmt: skip
    meldingen.sort(key=lambda m: (m["melder"], m["melder_referentie"]))
    return people, meldingen


def generate(out_dir: Path, *, persons: int = 3000, seed: int = 1, namen: str = "werkelijk") -> dict:
    """Write the world in the registry import layout to ``out_dir`` and return the manifest."""
    out_dir = Path(out_dir)
    people, meldingen = simuleer(persons=persons, seed=seed, namen=namen)
    (out_dir / "meldingen").mkdir(parents=True, exist_ok=True)
    with (out_dir / "organisaties.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "naam", "soort", "regio", "gemeentecode"])
        for code, naam, soort, gm, *_ in ORGS:
            w.writerow([code, naam, soort, "", gm])
    header = [
        "melder_referentie",
        "melddatum",
        "uitbuitingsvorm",
        "voornamen",
        "achternaam",
        "geboortedatum",
        "geslacht",
        "nationaliteit",
    ]
    for org in ORGS:
        with (out_dir / "meldingen" / f"{org[0]}.csv").open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows([m[h] for h in header] for m in meldingen if m["melder"] == org[0])
    with (out_dir / "waarheid.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["melder", "melder_referentie", "persoon_id", "variaties"])
        w.writerows([m["melder"], m["melder_referentie"], m["persoon_id"], m["variaties"]] for m in meldingen)
    per_person = Counter(m["persoon_id"] for m in meldingen)
    names: dict[tuple[str, str], set[str]] = {}
    for m in meldingen:
        names.setdefault((m["voornamen"], m["achternaam"]), set()).add(m["persoon_id"])
    manifest = {
        "seed": seed,
        "namen": namen,
        "persons": persons,
        "meldingen": len(meldingen),
        "ware_paren": sum(c * (c - 1) // 2 for c in per_person.values()),
        "naamgenoten_paren": sum(len(s) * (len(s) - 1) // 2 for s in names.values()),
        "relaties": dict(sorted(Counter(p["rel"] for p in people if p["rel"]).items())),
        "herkomst": dict(sorted(Counter(p["herkomst"] for p in people).items())),
        "variaties": dict(
            sorted(
                Counter(
                    {k: 0 for k in KINDS} | Counter(k for m in meldingen for k in m["variaties"].split(";") if k)
                ).items()
            )
        ),
        "organisaties": dict(Counter(m["melder"] for m in meldingen)),
    }
    (out_dir / "MANIFEST.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return manifest


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--personen", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--namen", choices=NAAMWERELDEN, default="werkelijk", help="name world (see README.md)")
    args = ap.parse_args(argv)
    manifest = generate(args.out_dir, persons=args.personen, seed=args.seed, namen=args.namen)
    print(json.dumps(manifest, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
