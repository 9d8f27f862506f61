# SPDX-License-Identifier: EUPL-1.2
"""What the linkage pages show besides the pairs: the estimated quality of the linkage, and how a pair's
score is built up.

* :func:`kwaliteit_weergave` turns :class:`zicht.linkage.meting.KwaliteitsSchatting` into rows for the queue
  page: precision and recall with their interval and the number of decisions behind each figure, per reporter
  pair and per variation kind. Only counts, levels and estimates: never a name or value.
* :func:`uitleg` lists the prior and every comparison's weight for the pair page, rounded so that the shown
  parts add up to the shown score (largest remainder).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from zicht.codebook import codelijst
from zicht.linkage.kwaliteit import Interval, Schatting
from zicht.linkage.meting import KwaliteitsSchatting
from zicht.linkage.review import VERGELIJKINGEN, ReviewItem

#: Shown per dimension at most (largest first).
MAX_DOMEINEN = 12

#: The variation kinds in words (Dutch; English in the page's translations).
VARIATIES = {
    "geen": "Naam en geboortedatum gelijk",
    "naam_verwisseld": "Voor- en achternaam verwisseld",
    "naam_fonetisch": "Naam anders gespeld (fonetisch gelijk)",
    "naam_tikfout": "Naam met tikfout",
    "naam_deels": "Naam deels gelijk",
    "naam_onbekend": "Naam ontbreekt bij een van beide",
    "naam_verschillend": "Naam verschillend",
    "geboortedatum_ontbreekt": "Geboortedatum ontbreekt bij een van beide",
    "geboortedatum_onvolledig": "Geboortedatum onvolledig (alleen jaar of leeftijd)",
    "geboortedatum_1_januari": "Geboortedatum 1 januari (mogelijk plaatshouder)",
    "geboortedatum_dag_maand": "Dag en maand verwisseld",
    "geboortedatum_tikfout": "Geboortedatum met tikfout",
    "geboortedatum_anders": "Geboortedatum anders, zelfde of naburig jaar",
    "geboortedatum_verschillend": "Geboortedatum verschillend",
    "indirect": "Alleen via andere meldingen gekoppeld",
}

#: Why a pair is in the queue.
SOORTEN = {"wachtrij": "Twijfelgeval", "steekproef": "Steekproef"}

BRONNEN = {
    "beoordeeld": "beoordeeld",
    "model": "model (nog geen besluiten)",
    "gemengd": "deels beoordeeld, deels model",
}


def _getal(waarde: float, taal: str, decimalen: int = 1) -> str:
    tekst = f"{waarde:.{decimalen}f}"
    return tekst.replace(".", ",") if taal == "nl" else tekst


def _procent(waarde: float, taal: str) -> str:
    return _getal(100.0 * waarde, taal) + "%"


def _figuur(interval: Interval | None, taal: str) -> dict[str, str] | None:
    if interval is None:
        return None
    return {
        "schatting": _procent(interval.schatting, taal),
        "interval": f"{_procent(interval.onder, taal)} – {_procent(interval.boven, taal)}",
        "beslissingen": str(interval.beslissingen),
        "bron": BRONNEN.get(interval.bron, interval.bron),
    }


def _melder_paar(sleutel: str, taal: str) -> str:
    lijst = codelijst("melder_soort")
    namen = []
    for code in sleutel.split(" + "):
        try:
            namen.append(lijst[code].label(taal))
        except KeyError:
            namen.append(code)
    return " + ".join(namen)


def _rij(naam: str, schatting: Schatting, taal: str) -> dict[str, Any]:
    return {
        "naam": naam,
        "paren": str(round(schatting.gekoppeld)),
        "precisie": _figuur(schatting.precisie, taal),
        "recall": _figuur(schatting.recall, taal),
    }


def kwaliteit_weergave(schatting: KwaliteitsSchatting | None, taal: str) -> dict[str, Any] | None:
    """The quality estimate as texts for the queue page (``None`` before a full run with an audit)."""
    if schatting is None:
        return None
    totaal = schatting.totaal
    nooit = totaal.nooit_vergeleken
    return {
        "niveau": _getal(100.0 * schatting.niveau, taal, 0) + "%",
        "precisie": _figuur(totaal.precisie, taal),
        "recall": _figuur(totaal.recall, taal),
        "gekoppeld": str(round(totaal.gekoppeld)),
        "beslissingen": str(totaal.beslissingen),
        "nooit_vergeleken": (
            f"{_getal(nooit.schatting, taal, 0)} ({_getal(nooit.onder, taal, 0)} – {_getal(nooit.boven, taal, 0)})"
            if nooit is not None
            else None
        ),
        "niet_koppelbaar": str(schatting.niet_koppelbaar),
        "melder_paren": [
            _rij(_melder_paar(k, taal), v, taal) for k, v in list(schatting.per_melder_paar.items())[:MAX_DOMEINEN]
        ],
        "variaties": [
            _rij(VARIATIES.get(k, k), v, taal) for k, v in list(schatting.per_variatie.items())[:MAX_DOMEINEN]
        ],
    }


def afgerond(delen: Sequence[float], totaal: float, decimalen: int = 1) -> list[float]:
    """``delen`` rounded to ``decimalen`` so that they add up to ``totaal`` rounded the same way.

    Largest remainder: every part is rounded down, then the parts with the largest remainders go up by one
    step until the sum is reached (or down, from the smallest remainders, when the parts sum to more). The
    parts must add up to ``totaal`` up to rounding; a part is never moved by more than one step.
    """
    schaal = 10**decimalen
    doel = round(totaal * schaal)
    laag = [math.floor(d * schaal) for d in delen]
    rest = [d * schaal - low for d, low in zip(delen, laag, strict=True)]
    verschil = doel - sum(laag)
    volgorde = sorted(range(len(delen)), key=lambda i: -rest[i])
    if verschil >= 0:
        for i in volgorde[: min(verschil, len(delen))]:
            laag[i] += 1
    else:
        for i in list(reversed(volgorde))[: min(-verschil, len(delen))]:
            laag[i] -= 1
    return [low / schaal for low in laag]


def uitleg(item: ReviewItem, taal: str) -> dict[str, Any]:
    """The build-up of a pair's score: the prior, each comparison's weight (term-frequency part included),
    and their sum, which is the pair's match weight. Rounded to one decimal so the rows add up to the sum
    row; a remainder the stored parts do not explain (more than rounding) is shown as its own row."""
    namen: list[tuple[str, str, str]] = []
    delen: list[float] = []
    if item.prior is not None:
        namen.append(("A-priori", "twee willekeurige meldingen", "prior"))
        delen.append(item.prior)
    for n in item.niveaus:
        namen.append((VERGELIJKINGEN.get(n.vergelijking, n.vergelijking.capitalize()), n.label, "niveau"))
        delen.append(n.match_weight)
    rest = item.match_weight - sum(delen)
    if abs(rest) >= 0.05:
        namen.append(("Overig", "niet uitgesplitst", "rest"))
        delen.append(rest)
    getoond = afgerond(delen, item.match_weight)
    rijen = [
        {"naam": naam, "label": label, "soort": soort, "gewicht": _teken(g, taal), "factor": f"{2.0**d:.3g}"}
        for (naam, label, soort), g, d in zip(namen, getoond, delen, strict=True)
    ]
    return {"rijen": rijen, "som": _teken(round(item.match_weight, 1), taal)}


def _teken(waarde: float, taal: str) -> str:
    tekst = f"{waarde:+.1f}"
    if tekst in ("-0.0", "+0.0"):
        tekst = "0.0"
    return tekst.replace(".", ",") if taal == "nl" else tekst


VERTALINGEN_KWALITEIT: dict[str, str] = {
    "Kwaliteit van de koppeling": "Quality of the linkage",
    "Hoe goed de huidige koppeling is, geschat uit uw besluiten over willekeurig gekozen paren (de steekproef) en over de twijfelgevallen. Precisie: het deel van de gekoppelde paren dat echt dezelfde persoon is. Volledigheid: het deel van de paren van één persoon dat gekoppeld is. Het interval bevat de werkelijke waarde met {niveau} zekerheid.": "How good the current linkage is, estimated from your decisions on randomly chosen pairs (the sample) and on the doubtful pairs. Precision: the share of linked pairs that really are the same person. Recall: the share of pairs of one person that are linked. The interval holds the true value with {niveau} certainty.",
    "Geschatte precisie en volledigheid": "Estimated precision and recall",
    "Maat": "Measure",
    "Schatting": "Estimate",
    "Interval": "Interval",
    "Besluiten": "Decisions",
    "Bron": "Source",
    "Precisie": "Precision",
    "Volledigheid": "Recall",
    "beoordeeld": "reviewed",
    "model (nog geen besluiten)": "model (no decisions yet)",
    "deels beoordeeld, deels model": "partly reviewed, partly model",
    "Nog geen schatting: er is nog geen volledige koppeling met een steekproef.": "No estimate yet: there is no full linkage with a sample yet.",
    "{n} gekoppelde paren; {b} besluiten tellen mee.": "{n} linked pairs; {b} decisions count.",
    "Niet meegeteld: {n} meldingen zonder naam, volledige geboortedatum of nummer (die kan geen methode koppelen). Paren die geen blokkeerregel samenbracht zijn geschat op {m} en tellen mee in de volledigheid.": "Not counted: {n} reports without a name, full date of birth or number (no method can link those). Pairs no blocking rule brought together are estimated at {m} and count in the recall.",
    "Niet meegeteld: {n} meldingen zonder naam, volledige geboortedatum of nummer (die kan geen methode koppelen), en paren die geen blokkeerregel samenbracht.": "Not counted: {n} reports without a name, full date of birth or number (no method can link those), and pairs no blocking rule brought together.",
    "Per soort melders": "Per kind of reporters",
    "Per soort variatie": "Per kind of variation",
    "Melders": "Reporters",
    "Variatie": "Variation",
    "Gekoppelde paren": "Linked pairs",
    "Precisie (interval)": "Precision (interval)",
    "Volledigheid (interval)": "Recall (interval)",
    "De cijfers per groep tellen alleen paren die vergeleken zijn; een groep zonder eigen besluiten leunt op het model en heeft een breed interval.": "The figures per group count only compared pairs; a group without decisions of its own leans on the model and has a wide interval.",
    "Reden": "Reason",
    "Twijfelgeval": "Doubtful pair",
    "Steekproef": "Sample",
    "Waarom dit paar: {soort}.": "Why this pair: {soort}.",
    "Dit paar is willekeurig gekozen om te meten hoe goed de koppeling is. Beoordeel het zoals elk ander paar.": "This pair was chosen at random to measure how good the linkage is. Judge it like any other pair.",
    "Het model weet niet zeker of dit dezelfde persoon is.": "The model is not sure whether this is the same person.",
    "Hoe de score is opgebouwd: de a-priorikans dat twee willekeurige meldingen dezelfde persoon zijn, plus het gewicht van elke vergelijking, telt op tot het totaal. Een positief gewicht wijst op dezelfde persoon, een negatief op verschillende personen. Er worden geen namen of andere identificerende waarden getoond.": "How the score is built up: the prior chance that two random reports are the same person, plus the weight of each comparison, adds up to the total. A positive weight points to the same person, a negative one to different persons. No names or other identifying values are shown.",
    "A-priori": "Prior",
    "twee willekeurige meldingen": "two random reports",
    "Overig": "Other",
    "niet uitgesplitst": "not broken down",
    "Totaal (score)": "Total (score)",
    **{
        nl: en
        for nl, en in zip(
            VARIATIES.values(),
            (
                "Name and date of birth equal",
                "Given and family name swapped",
                "Name spelt differently (phonetically equal)",
                "Name with a typing error",
                "Name partly equal",
                "Name missing in one of the two",
                "Name different",
                "Date of birth missing in one of the two",
                "Date of birth incomplete (only a year or age)",
                "Date of birth 1 January (possibly a placeholder)",
                "Day and month swapped",
                "Date of birth with a typing error",
                "Date of birth different, same or adjacent year",
                "Date of birth different",
                "Linked only through other reports",
            ),
            strict=True,
        )
    },
}
