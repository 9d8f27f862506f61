# SPDX-License-Identifier: EUPL-1.2
"""Calibration targets of the synthetic generator, as data with sources and tolerances.

Every figure comes from ``shared/docs/domain.md`` §2.1 and §2.4–2.6 and carries the label used there: ``[S]``
taken from a cited source, ``[D]`` derived from sourced numbers, ``[A]`` our assumption where no public figure
exists. Years outside 2014–2024 take the value of the nearest year with data (see :func:`jaarwaarde`).

The generator draws *registered persons* to these shares; the tests in ``tests/unit/test_synth_calibration.py``
compare the output with :func:`doelen` within the stated tolerances (absolute, in share points).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

PUBLICATIEVINTAGE = "NRM Slachtoffermonitor 2024 / CoMensha Het beeld van 2024 (domain.md §2.4, read 2025)"
JAREN_MET_DATA = tuple(range(2014, 2025))


@dataclass(frozen=True, slots=True)
class Doel:
    """One calibration target: a value with an absolute tolerance and its source."""

    naam: str
    waarde: float
    tolerantie: float
    bron: str


def jaarwaarde(tabel: Mapping[int, float], jaar: int) -> float:
    """The value for ``jaar``, taking the nearest year with data outside the table's range."""
    if jaar in tabel:
        return tabel[jaar]
    jaren = sorted(tabel)
    return tabel[jaren[0]] if jaar < jaren[0] else tabel[jaren[-1]]


#: Registered possible victims (persons) per year, NRM series [S]; 2015 and 2016 are [D]/[A] (see notes).
PERSONEN: dict[int, float] = {
    2014: 1255,  # [S] NRM series (CoMensha first published 1,561 incl. sub-3 KMar cases)
    2015: 1290,  # [A] CoMensha 1,321 minus the few sub-3 cases left after KMar reports fell
    2016: 950,  # [D] 4,894 - 958 - 668 - 1,334 - 984
    2017: 958,  # [S]
    2018: 668,  # [S]
    2019: 1334,  # [S]
    2020: 984,  # [S]
    2021: 791,  # [S]
    2022: 814,  # [S]
    2023: 868,  # [S]
    2024: 944,  # [S]
}

#: Reports (aanmeldingen) per registered person. 2023/2024 [D]: about 1,044/868 and 1,061/944; others [A].
MELDINGEN_PER_PERSOON: dict[int, float] = {**dict.fromkeys(range(2014, 2023), 1.17), 2023: 1.20, 2024: 1.13}

#: Registered persons by form of exploitation as recorded (``onbekend`` = no report knew the form).
#: 2014–2017 [S] about 60/25/5/10 (2017: 58% sexual); 2020 [S] 41/41; 2023–24 criminal rising [S, qualitative].
VORMEN: dict[int, dict[str, float]] = {
    2014: {"seksueel": 0.60, "arbeid": 0.25, "crimineel": 0.05, "onbekend": 0.095},
    2015: {"seksueel": 0.60, "arbeid": 0.25, "crimineel": 0.05, "onbekend": 0.095},
    2016: {"seksueel": 0.60, "arbeid": 0.25, "crimineel": 0.05, "onbekend": 0.095},
    2017: {"seksueel": 0.58, "arbeid": 0.25, "crimineel": 0.05, "onbekend": 0.115},
    2018: {"seksueel": 0.52, "arbeid": 0.31, "crimineel": 0.06, "onbekend": 0.105},
    2019: {"seksueel": 0.48, "arbeid": 0.36, "crimineel": 0.07, "onbekend": 0.085},
    2020: {"seksueel": 0.41, "arbeid": 0.41, "crimineel": 0.08, "onbekend": 0.095},
    2021: {"seksueel": 0.42, "arbeid": 0.42, "crimineel": 0.08, "onbekend": 0.075},
    2022: {"seksueel": 0.42, "arbeid": 0.42, "crimineel": 0.08, "onbekend": 0.075},
    2023: {"seksueel": 0.42, "arbeid": 0.38, "crimineel": 0.11, "onbekend": 0.085},
    2024: {"seksueel": 0.39, "arbeid": 0.38, "crimineel": 0.15, "onbekend": 0.075},
}
#: Rare forms, the same every year [A] (organ removal below 0.5% [S]).
ZELDZAME_VORMEN: dict[str, float] = {"orgaanverwijdering": 0.001, "overig": 0.004}

#: Share of women among registered persons: 72% in 2017 [S]; drift to about 60% by 2022–24 [A].
VROUW: dict[int, float] = {
    2014: 0.78, 2015: 0.76, 2016: 0.74, 2017: 0.72, 2018: 0.69, 2019: 0.66,
    2020: 0.62, 2021: 0.61, 2022: 0.60, 2023: 0.60, 2024: 0.58,
}  # fmt: skip

#: Share of minors: 14% 2014, 22% 2015, 24% 2016, 7% 2020, 6.0% 2023 [S]; 2017–2019 and 2021–22, 2024 [A].
MINDERJARIG: dict[int, float] = {
    2014: 0.14, 2015: 0.22, 2016: 0.24, 2017: 0.20, 2018: 0.16, 2019: 0.11,
    2020: 0.07, 2021: 0.07, 2022: 0.07, 2023: 0.06, 2024: 0.09,
}  # fmt: skip

#: Share aged 18–22: 367/1,321 aged 18–23 in 2015 [S], 130/868 in 2023 [S]; in between [A].
JONGVOLWASSEN: dict[int, float] = {
    2014: 0.26, 2015: 0.27, 2016: 0.24, 2017: 0.22, 2018: 0.20, 2019: 0.18,
    2020: 0.155, 2021: 0.15, 2022: 0.15, 2023: 0.15, 2024: 0.15,
}  # fmt: skip

#: Share with Dutch nationality: 30–36% 2014–2017 [S], 15.3% 2020 [S]; others [A].
NEDERLANDS: dict[int, float] = {
    2014: 0.30, 2015: 0.33, 2016: 0.34, 2017: 0.36, 2018: 0.30, 2019: 0.22,
    2020: 0.153, 2021: 0.16, 2022: 0.15, 2023: 0.17, 2024: 0.19,
}  # fmt: skip

#: Relative weights of foreign nationalities at anchor years (linear in between). Sources §2.4 [S]: RO, BG, HU,
#: PL before 2018 with NG, GN, ER, SL, UG, VN; PL 190 and NG 185 in 2020; UA 51 in 2022; African (178) and
#: Latin-American (68) victims of sexual exploitation in 2023; more Ukrainians in 2024. Tail weights [A].
NATIONALITEITEN: dict[int, dict[str, float]] = {
    2014: {"RO": 15, "BG": 12, "HU": 10, "PL": 9, "NG": 7, "GN": 4, "ER": 3, "SL": 3, "UG": 3, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2, "CO": 1, "DO": 1, "UA": 1, "AL": 1, "GH": 2,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 0.3, "PY": 0.3},
    2017: {"RO": 13, "BG": 11, "HU": 7, "PL": 11, "NG": 9, "GN": 3, "ER": 4, "SL": 2, "UG": 4, "VN": 4, "CN": 2,
           "MA": 3, "SY": 3, "AF": 1, "IN": 2, "PH": 2, "BR": 2, "CO": 1, "DO": 1, "UA": 1, "AL": 1, "GH": 2,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 0.3, "PY": 0.3},
    2019: {"RO": 9, "BG": 7, "HU": 4, "PL": 18, "NG": 17, "GN": 2, "ER": 3, "SL": 2, "UG": 3, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2, "CO": 1, "DO": 1, "UA": 1, "AL": 1, "GH": 2,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 0.5, "PY": 0.3},
    2020: {"RO": 7, "BG": 5, "HU": 3, "PL": 22, "NG": 22, "GN": 2, "ER": 2, "SL": 2, "UG": 3, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2, "CO": 1, "DO": 1, "UA": 1, "AL": 1, "GH": 2,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 0.5, "PY": 0.3},
    2022: {"RO": 7, "BG": 5, "HU": 3, "PL": 18, "NG": 15, "GN": 2, "ER": 2, "SL": 2, "UG": 4, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2, "CO": 1.5, "DO": 1, "UA": 7.5, "AL": 1, "GH": 2,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 0.8, "PY": 0.4},
    2023: {"RO": 6, "BG": 4, "HU": 3, "PL": 15, "NG": 17, "GN": 2, "ER": 2, "SL": 3, "UG": 5, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2.5, "CO": 3, "DO": 1.5, "UA": 8, "AL": 1, "GH": 3,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 2, "PY": 1},
    2024: {"RO": 6, "BG": 4, "HU": 3, "PL": 14, "NG": 16, "GN": 2, "ER": 2, "SL": 3, "UG": 5, "VN": 3, "CN": 2,
           "MA": 3, "SY": 2, "AF": 1, "IN": 2, "PH": 2, "BR": 2.5, "CO": 3, "DO": 1.5, "UA": 11, "AL": 1, "GH": 3,
           "LT": 1, "SK": 1, "TR": 2, "EG": 1, "ET": 1, "DZ": 1, "VE": 2, "PY": 1},
}  # fmt: skip

#: Reporter mix (share of reports by melder kind). 2023 and 2024 [S] (verdieping 3, "other" [D]); 2020 police
#: 490 and 2021 police 310 reports [S]; police 34% in 2017 [S]; voluntary ~550 a year 2014–17 and ~150 in 2018
#: [S]. The rest [A]. ``overig`` is every other voluntary reporter (split by :data:`OVERIGE_MELDERS`).
MELDERMIX: dict[int, dict[str, float]] = {
    2014: {"nationale_politie": 0.50, "kmar": 0.09, "nla": 0.04, "zorgcoordinatie": 0.17, "fairwork": 0.10, "overig": 0.10},
    2015: {"nationale_politie": 0.52, "kmar": 0.07, "nla": 0.05, "zorgcoordinatie": 0.17, "fairwork": 0.10, "overig": 0.09},
    2016: {"nationale_politie": 0.38, "kmar": 0.07, "nla": 0.055, "zorgcoordinatie": 0.23, "fairwork": 0.14, "overig": 0.125},
    2017: {"nationale_politie": 0.34, "kmar": 0.10, "nla": 0.07, "zorgcoordinatie": 0.23, "fairwork": 0.14, "overig": 0.12},
    2018: {"nationale_politie": 0.62, "kmar": 0.10, "nla": 0.09, "zorgcoordinatie": 0.09, "fairwork": 0.06, "overig": 0.04},
    2019: {"nationale_politie": 0.45, "kmar": 0.08, "nla": 0.06, "zorgcoordinatie": 0.20, "fairwork": 0.13, "overig": 0.08},
    2020: {"nationale_politie": 0.425, "kmar": 0.06, "nla": 0.05, "zorgcoordinatie": 0.23, "fairwork": 0.16, "overig": 0.075},
    2021: {"nationale_politie": 0.335, "kmar": 0.05, "nla": 0.04, "zorgcoordinatie": 0.29, "fairwork": 0.215, "overig": 0.07},
    2022: {"nationale_politie": 0.34, "kmar": 0.05, "nla": 0.04, "zorgcoordinatie": 0.30, "fairwork": 0.215, "overig": 0.055},
    2023: {"nationale_politie": 0.345, "kmar": 0.048, "nla": 0.032, "zorgcoordinatie": 0.299, "fairwork": 0.223, "overig": 0.053},
    2024: {"nationale_politie": 0.310, "kmar": 0.063, "nla": 0.067, "zorgcoordinatie": 0.283, "fairwork": 0.242, "overig": 0.035},
}  # fmt: skip

#: How the ``overig`` reporters split among melder kinds [A].
OVERIGE_MELDERS: dict[str, float] = {
    "coa": 0.20, "jeugdzorg": 0.18, "ngo_overig": 0.15, "opvang": 0.12, "gezondheidszorg": 0.10,
    "nidos": 0.08, "advocaat": 0.06, "ind": 0.04, "gemeente": 0.04, "slachtoffer": 0.03,
}  # fmt: skip

#: Dossier type split [A] (no public split found).
DOSSIERTYPE: dict[str, float] = {"registratie": 0.60, "registratie_opvang": 0.25, "registratie_informatie_advies": 0.15}

#: Hidden population per registered person: NRM/UNODC about 5x (2014–15), WODC about 4x (2016–19) [S].
VERBORGEN_FACTOR: dict[int, float] = {2014: 5.0, 2015: 5.0, 2016: 4.5, 2017: 4.5, 2018: 4.0, 2019: 4.0, 2020: 4.5}

#: Reporting intensity of the police units [A], chosen to reproduce "four of ten units make more than 75% of
#: the reports on domestic sexual exploitation" [S, dutchrapporteur.nl 2018-10-18].
POLITIE_INTENSITEIT: dict[str, float] = {
    "Amsterdam": 2.0, "Rotterdam": 2.0, "Den Haag": 2.0, "Midden-Nederland": 2.0, "Oost-Nederland": 0.5,
    "Noord-Nederland": 0.5, "Noord-Holland": 0.5, "Zeeland-West-Brabant": 0.5, "Oost-Brabant": 0.5,
    "Limburg": 0.5,
}  # fmt: skip
#: Share of police reports on domestic (Dutch, sexual) exploitation made by the four most active units [S].
VIER_EENHEDEN_AANDEEL = 0.75


def vormen(jaar: int) -> dict[str, float]:
    """Registered shares by recorded form for ``jaar``, the rare forms included (sums to 1)."""
    basis = VORMEN[min(max(jaar, JAREN_MET_DATA[0]), JAREN_MET_DATA[-1])]
    rest = 1.0 - sum(ZELDZAME_VORMEN.values())
    schaal = rest / sum(basis.values())
    return {**{k: v * schaal for k, v in basis.items()}, **ZELDZAME_VORMEN}


def meldermix(jaar: int) -> dict[str, float]:
    """Share of reports per melder kind (``overig`` split out), summing to 1."""
    mix = MELDERMIX[min(max(jaar, JAREN_MET_DATA[0]), JAREN_MET_DATA[-1])]
    uit: dict[str, float] = {k: v for k, v in mix.items() if k != "overig"}
    for soort, aandeel in OVERIGE_MELDERS.items():
        uit[soort] = mix["overig"] * aandeel
    totaal = sum(uit.values())
    return {k: v / totaal for k, v in uit.items()}


def nationaliteiten(jaar: int) -> dict[str, float]:
    """Relative weights of foreign nationalities for ``jaar`` (linear between anchor years)."""
    ankers = sorted(NATIONALITEITEN)
    if jaar <= ankers[0]:
        return dict(NATIONALITEITEN[ankers[0]])
    if jaar >= ankers[-1]:
        return dict(NATIONALITEITEN[ankers[-1]])
    hoger = next(a for a in ankers if a >= jaar)
    lager = max(a for a in ankers if a <= jaar)
    if hoger == lager:
        return dict(NATIONALITEITEN[lager])
    t = (jaar - lager) / (hoger - lager)
    a, b = NATIONALITEITEN[lager], NATIONALITEITEN[hoger]
    return {k: (1 - t) * a.get(k, 0.0) + t * b.get(k, 0.0) for k in sorted(set(a) | set(b))}


def doelen(jaar: int) -> dict[str, Doel]:
    """All per-year targets that the tests check, by name (shares of registered persons unless noted)."""
    bron = f"domain.md §2.4–2.6 ({PUBLICATIEVINTAGE})"
    uit = {
        "personen": Doel("personen", jaarwaarde(PERSONEN, jaar), 0.0, "NRM series " + bron),
        "meldingen_per_persoon": Doel("meldingen_per_persoon", jaarwaarde(MELDINGEN_PER_PERSOON, jaar), 0.05, bron),
        "vrouw": Doel("vrouw", jaarwaarde(VROUW, jaar), 0.04, bron),
        "minderjarig": Doel("minderjarig", jaarwaarde(MINDERJARIG, jaar), 0.035, bron),
        "jongvolwassen": Doel("jongvolwassen", jaarwaarde(JONGVOLWASSEN, jaar), 0.04, bron),
        "nederlands": Doel("nederlands", jaarwaarde(NEDERLANDS, jaar), 0.04, bron),
    }
    for vorm, aandeel in vormen(jaar).items():
        if vorm in ("seksueel", "arbeid", "crimineel", "onbekend"):
            uit[f"vorm_{vorm}"] = Doel(f"vorm_{vorm}", aandeel, 0.04, bron)
    for soort, aandeel in meldermix(jaar).items():
        if soort in ("nationale_politie", "kmar", "nla", "zorgcoordinatie", "fairwork"):
            uit[f"melder_{soort}"] = Doel(f"melder_{soort}", aandeel, 0.03, "share of reports; " + bron)
    for dt, aandeel in DOSSIERTYPE.items():
        uit[f"dossier_{dt}"] = Doel(f"dossier_{dt}", aandeel, 0.05, "share of reports [A]")
    return uit
