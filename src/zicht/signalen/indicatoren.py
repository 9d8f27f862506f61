# SPDX-License-Identifier: EUPL-1.2
"""Ad-level indicators (signals.md §3.1 and §3.3), each with its evidence grade and a capped weight.

Grades: ``V`` validated against a counterfactual (JRSA), ``P`` practitioner list, ``C`` contradicted or weak
in validation, ``S`` structural (cluster level, in :mod:`zicht.signalen.rangschikking`). Ad-level signals are
weak alone (most ads carry one), so each weighs little, counts once per ad however often it matches, and the
sum per ad is capped (:data:`MAX_PER_ADVERTENTIE`). ``C`` indicators weigh zero: they are shown, never counted.
Counter-signals of independent workers and licensed businesses (N7) weigh negatively. S5 (nationality used
as a selling point) is legally sensitive (signals.md §4.3): it is a text feature of the ad, never an attribute
of a person, its weight is capped low and its flag rates are audited (:mod:`zicht.signalen.fairness`).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Indicator:
    """One ad-level indicator: code, Dutch name, grade, weight and the phrasings it recognises."""

    code: str
    naam: str
    graad: str
    gewicht: float
    soort: str  # sekswerk, arbeid, tegen (counter-signal)
    patronen: tuple[str, ...]


#: Ad-level weight cap: the sum of ad-level weights of one ad never exceeds this.
MAX_PER_ADVERTENTIE = 1.5

INDICATOREN: tuple[Indicator, ...] = (
    Indicator(
        "S1",
        "Jeugdtaal",
        "V",
        0.6,
        "sekswerk",
        (
            r"net 18",
            r"jong meisje",
            r"tiener\w*",
            r"schoolmeisje",
            r"just turned 18",
            r"barely legal",
            r"young fresh",
            r"fresh young",
            r"jong en lief",
        ),
    ),
    Indicator(
        "S2",
        "Altijd beschikbaar",
        "P",
        0.2,
        "sekswerk",
        (
            r"24\s*/\s*7",
            r"dag en nacht",
            r"altijd bereikbaar",
            r"ook 's nachts",
            r"day and night",
            r"available anytime",
        ),
    ),
    Indicator(
        "S3",
        "Geen grenzen / onbeschermd",
        "P",
        0.4,
        "sekswerk",
        (
            r"alles mag",
            r"zonder condoom",
            r"geen grenzen",
            r"\bav\b",
            r"no limits",
            r"bareback",
            r"\bbbbj\b",
            r"anything goes",
        ),
    ),
    Indicator(
        "S4",
        "Prijs ver onder de mediaan",
        "P",
        0.3,
        "sekswerk",
        (r"actieprijs", r"goedkoop", r"special price", r"\bcheap\b"),
    ),
    Indicator(
        "S5",
        "Herkomst als verkoopargument",
        "V",
        0.3,
        "sekswerk",
        (
            r"roemeen\w*",
            r"oost-europe\w*",
            r"bulgaars\w*",
            r"hongaars\w*",
            r"latina",
            r"romanian",
            r"eastern european",
            r"exotic",
            r"braziliaan\w*",
            r"brazilian",
            r"thaise?",
            r"\bthai\b",
            r"bulgarian",
            r"hungarian",
        ),
    ),
    Indicator(
        "S6",
        "Derde persoon / meervoud",
        "S/P",
        0.3,
        "sekswerk",
        (
            r"\bzij is\b",
            r"\bze is\b",
            r"bel haar",
            r"onze (?:meiden|dames)",
            r"wij bieden",
            r"\bshe is\b",
            r"call her",
            r"our girls",
            r"we offer",
        ),
    ),
    Indicator("S7", "Verborgen contactgegevens", "V", 0.5, "sekswerk", ()),  # set by normalise (obscured phone)
    Indicator(
        "S8",
        "Echtheidstaal",
        "V",
        0.2,
        "sekswerk",
        (
            r"100\s*% echt",
            r"echte foto",
            r"geen nep",
            r"betrouwbaar",
            r"100\s*% real",
            r"real pics",
            r"not fake",
            r"\blegit\b",
        ),
    ),
    Indicator(
        "S9",
        "Nieuw in de stad",
        "C",
        0.0,
        "sekswerk",
        (
            r"nieuw in \w+",
            r"alleen deze week",
            r"kort in",
            r"new in town",
            r"only (?:a )?few days",
            r"leaving soon",
            r"just arrived",
            r"net in \w+",
        ),
    ),
    Indicator(
        "S10",
        "Alleen ontvangst",
        "S",
        0.1,
        "sekswerk",
        (r"alleen priv[eé] ontvangst", r"geen escort", r"incall only", r"no outcall"),
    ),
    Indicator(
        "S11",
        "Beperkte taal",
        "P",
        0.1,
        "sekswerk",
        (r"spreekt alleen \w+", r"geen nederlands", r"no english", r"speaks little", r"little english"),
    ),
    Indicator(
        "N7",
        "Tegensignaal zelfstandige / vergunning",
        "S",
        -0.6,
        "tegen",
        (
            r"condoom",
            r"condoms?",
            r"veilig",
            r"\bsafe\b",
            r"mijn grenzen",
            r"my limits",
            r"op afspraak",
            r"by appointment",
            r"aanbetaling",
            r"deposit",
            r"screening",
            r"professional",
            r"zelfstandig",
            r"independent",
            r"vergunning\w*",
            r"licen[cs]e",
            r"registered",
            r"geregistreerd",
            r"mijn website",
        ),
    ),
    Indicator(
        "J1",
        "Onrealistisch loon",
        "P",
        0.3,
        "arbeid",
        (r"zonder ervaring.{0,30}€\s*[0-9.]{4,}", r"snel veel verdienen", r"easy money", r"earn €\s*[0-9.]{4,}"),
    ),
    Indicator(
        "J2",
        "Geen papieren nodig",
        "P",
        0.5,
        "arbeid",
        (r"zonder (?:bsn|papieren)", r"geen papieren", r"no documents? (?:required|needed)", r"no papers"),
    ),
    Indicator(
        "J3",
        "Huisvesting met inhouding",
        "P",
        0.2,
        "arbeid",
        (r"huisvesting.{0,30}ingehouden", r"wonen op het bedrijf", r"deducted from (?:your )?wages?"),
    ),
    Indicator(
        "J4",
        "Wervingskosten of voorgeschoten reis",
        "P",
        0.6,
        "arbeid",
        (
            r"inschrijfkosten",
            r"bemiddelingskosten",
            r"voorgeschoten",
            r"registration fee",
            r"you repay",
            r"pay back the ticket",
        ),
    ),
    Indicator(
        "J5",
        "Paspoort vooraf of ingehouden",
        "P",
        0.6,
        "arbeid",
        (r"kopie paspoort", r"paspoort inleveren", r"send (?:a )?passport", r"keep (?:your )?documents"),
    ),
    Indicator(
        "J6",
        "Anonieme werkgever, alleen berichten-app",
        "P/S",
        0.3,
        "arbeid",
        (r"alleen via (?:whatsapp|telegram)", r"(?:telegram|whatsapp) only", r"no company name"),
    ),
    Indicator(
        "J7",
        "Buitensporige uren",
        "P",
        0.3,
        "arbeid",
        (
            r"7 dagen per week",
            r"12 uur per dag",
            r"altijd oproepbaar",
            r"7 days a week",
            r"12h shifts",
            r"always on call",
        ),
    ),
    Indicator(
        "J8",
        "Contant, geen contract",
        "P",
        0.4,
        "arbeid",
        (r"contant uitbetaald", r"\bzwart\b", r"zonder contract", r"cash in hand", r"no contract"),
    ),
    Indicator(
        "J9",
        "Crisisgroepen geworven",
        "P",
        0.0,
        "arbeid",
        (r"oekra[iï]ners welkom", r"vluchtelingen gezocht", r"refugees welcome", r"ukrainians wanted"),
    ),
    Indicator(
        "J10",
        "Vaag werk, hoog loon, buitenland",
        "P",
        0.4,
        "arbeid",
        (r"hostess gezocht buitenland", r"fotomodel,? hoge verdiensten", r"hostess abroad", r"modelling,? high income"),
    ),
    Indicator(
        "J11",
        "Vervoer geregeld vanaf aankomst",
        "P/C",
        0.1,
        "arbeid",
        (r"wij halen je op", r"busvervoer geregeld", r"pick-?up on arrival", r"transport arranged"),
    ),
)

PER_CODE: dict[str, Indicator] = {i.code: i for i in INDICATOREN}


def anker(patroon: str) -> str:
    """The longest run of plain characters that every match of ``patroon`` contains ("" if none): characters
    outside groups and classes, not escaped, and not made optional or repeatable by a quantifier."""
    runs: list[str] = []
    run = ""
    diepte = klasse = 0
    i = 0
    while i < len(patroon):
        c = patroon[i]
        if c == "\\":
            runs.append(run)
            run = ""
            i += 2
            continue
        if klasse:
            klasse = 0 if c == "]" else klasse
        elif c == "[":
            klasse = 1
            runs.append(run)
            run = ""
        elif c == "(":
            diepte += 1
            runs.append(run)
            run = ""
        elif c == ")":
            diepte -= 1
        elif diepte == 0 and c in "?*+{":
            runs.append(run[:-1])  # the character before a quantifier is not required
            run = ""
            if c == "{":
                i = patroon.index("}", i)
        elif diepte == 0 and c in ".|^$":
            if c == "|":
                return ""  # alternatives are listed one by one; a bare | would need an anchor per branch
            runs.append(run)
            run = ""
        elif diepte == 0:
            run += c
        i += 1
    runs.append(run)
    return max(runs, key=len)


def _voorfilter(indicator: Indicator) -> tuple[str, ...] | None:
    """One required substring per phrasing, or None when a phrasing has none (then always search)."""
    ankers = tuple(anker(p) for p in indicator.patronen)
    return None if not all(ankers) else ankers


_PATRONEN = tuple((i.code, re.compile("|".join(i.patronen)), _voorfilter(i)) for i in INDICATOREN if i.patronen)


def treffers(tekst: str) -> dict[str, str]:
    """The indicators whose phrasings occur in ``tekst`` (lower-cased, without diacritics), with the first
    phrase that hit. A phrasing's required plain substring (:func:`anker`) is looked up first: an indicator
    none of whose substrings occurs cannot match, so its regular expression is not run."""
    uit: dict[str, str] = {}
    for code, patroon, ankers in _PATRONEN:
        if ankers is not None and not any(map(tekst.__contains__, ankers)):
            continue
        m = patroon.search(tekst)
        if m is not None:
            uit[code] = m.group(0)
    return uit


def advertentiescore(codes: set[str] | frozenset[str]) -> float:
    """The capped ad-level score: positive weights summed and capped, then counter-signals subtracted."""
    # fsum: exactly rounded whatever the set's iteration order (which varies with the process's hash seed)
    positief = math.fsum(PER_CODE[c].gewicht for c in codes if PER_CODE[c].gewicht > 0)
    negatief = math.fsum(PER_CODE[c].gewicht for c in codes if PER_CODE[c].gewicht < 0)
    return min(positief, MAX_PER_ADVERTENTIE) + negatief
