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
from zicht.taal import N_

#: Shown per dimension at most (largest first).
MAX_DOMEINEN = 12

#: The comparison names of ``zicht.linkage.review.VERGELIJKINGEN`` that no template text covers, marked here for
#: the catalogue (the pair page translates them where it shows them).
_VERGELIJKINGSNAMEN = (
    N_("Voornaam"),
    N_("Documentnummer"),
    N_("Telefoonnummer"),
    N_("Melder"),
    N_("Uitbuitingsvorm en sector"),
)

#: The variation kinds in words (Dutch source text, translated where shown).
VARIATIES = {
    "geen": N_("Naam en geboortedatum gelijk"),
    "naam_verwisseld": N_("Voor- en achternaam verwisseld"),
    "naam_fonetisch": N_("Naam anders gespeld (fonetisch gelijk)"),
    "naam_tikfout": N_("Naam met tikfout"),
    "naam_deels": N_("Naam deels gelijk"),
    "naam_onbekend": N_("Naam ontbreekt bij een van beide"),
    "naam_verschillend": N_("Naam verschillend"),
    "geboortedatum_ontbreekt": N_("Geboortedatum ontbreekt bij een van beide"),
    "geboortedatum_onvolledig": N_("Geboortedatum onvolledig (alleen jaar of leeftijd)"),
    "geboortedatum_1_januari": N_("Geboortedatum 1 januari (mogelijk plaatshouder)"),
    "geboortedatum_dag_maand": N_("Dag en maand verwisseld"),
    "geboortedatum_tikfout": N_("Geboortedatum met tikfout"),
    "geboortedatum_anders": N_("Geboortedatum anders, zelfde of naburig jaar"),
    "geboortedatum_verschillend": N_("Geboortedatum verschillend"),
    "indirect": N_("Alleen via andere meldingen gekoppeld"),
}

#: Why a pair is in the queue.
SOORTEN = {"wachtrij": N_("Twijfelgeval"), "steekproef": N_("Steekproef")}

BRONNEN = {
    "beoordeeld": N_("beoordeeld"),
    "model": N_("model (nog geen besluiten)"),
    "gemengd": N_("deels beoordeeld, deels model"),
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
        namen.append((N_("A-priori"), N_("twee willekeurige meldingen"), "prior"))
        delen.append(item.prior)
    for n in item.niveaus:
        namen.append((VERGELIJKINGEN.get(n.vergelijking, n.vergelijking.capitalize()), n.label, "niveau"))
        delen.append(n.match_weight)
    rest = item.match_weight - sum(delen)
    if abs(rest) >= 0.05:
        namen.append((N_("Overig"), N_("niet uitgesplitst"), "rest"))
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
