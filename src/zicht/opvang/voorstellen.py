# SPDX-License-Identifier: EUPL-1.2
"""Proposals: facilities that fit a request and have a free bed, nearest first, each with why it fits.

Proposals are advice for the person who decides; nothing is reserved until that person offers a place
(:func:`zicht.opvang.aanvragen.verwerk`). With a safety risk, facilities in the region of the crime location are
left out (and listed as such). Distance is between municipality centroids (great circle), from where the
person is now, or else from the crime location.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy.orm import Session

from zicht.opvang.bezetting import stand_op
from zicht.opvang.regels import (
    BESLISSER,
    BESLISSER_LABELS,
    SOORT_LABELS,
    Profiel,
    Voorzieningsoort,
    geschikte_soorten,
    past_bij_doelgroep,
)
from zicht.opvang.voorzieningen import doelgroep_van, voorzieningen
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios
from zicht.taal import vertaler


@dataclass(frozen=True)
class Voorstel:
    """One proposed facility with its free beds, distance and the reasons it fits."""

    voorziening_id: uuid.UUID
    naam: str
    soort: str
    regio_naam: str
    vrij: int
    afstand_km: float | None
    beslisser: str
    redenen: tuple[str, ...]


@dataclass(frozen=True)
class Afgewezen:
    """A facility of an allowed type that is not proposed, and why."""

    naam: str
    reden: str


def afstand_km(referentie: Referentiedata, a: str | None, b: str | None) -> float | None:
    """Great-circle distance between two municipalities' centroids, or None when one is unknown."""
    ga, gb = referentie.gemeenten.get(a or ""), referentie.gemeenten.get(b or "")
    if ga is None or gb is None:
        return None
    f1, f2 = math.radians(ga.centroid_lat), math.radians(gb.centroid_lat)
    dl = math.radians(gb.centroid_lon - ga.centroid_lon)
    df = f2 - f1
    h = math.sin(df / 2) ** 2 + math.cos(f1) * math.cos(f2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def stel_voor(
    session: Session,
    referentie: Referentiedata,
    regios: Opvangregios,
    profiel: Profiel,
    *,
    plaats_delict_gemeente: str | None,
    verblijfgemeente: str | None,
    datum: date,
    maximum: int = 10,
    taal: str = "nl",
) -> tuple[list[Voorstel], list[Afgewezen]]:
    """Facilities proposed for a profile on ``datum``, nearest first, and those of allowed types left out (the
    reasons in ``taal``)."""
    _ = vertaler(taal)
    soorten = geschikte_soorten(profiel)
    kandidaten = [v for v in voorzieningen(session) if Voorzieningsoort(v.soort) in soorten]
    stand = stand_op(session, datum, [v.id for v in kandidaten]) if kandidaten else {}
    delict_regio = regios.regio_van.get(plaats_delict_gemeente or "")
    vanaf = verblijfgemeente or plaats_delict_gemeente
    voorstellen: list[Voorstel] = []
    afgewezen: list[Afgewezen] = []
    for v in kandidaten:
        soort = Voorzieningsoort(v.soort)
        niet = past_bij_doelgroep(profiel, doelgroep_van(v), taal)
        if niet is not None:
            afgewezen.append(Afgewezen(v.naam, niet))
            continue
        if profiel.veiligheidsrisico and delict_regio is not None and v.regio == delict_regio:
            afgewezen.append(Afgewezen(v.naam, _("in de regio van de plaats delict (veiligheid)")))
            continue
        bedden = stand.get(v.id)
        vrij = bedden.vrij if bedden is not None else 0
        if vrij <= 0:
            afgewezen.append(Afgewezen(v.naam, _("vol")))
            continue
        km = afstand_km(referentie, vanaf, v.gemeentecode)
        soortnaam, waarom = _(SOORT_LABELS[soort.value]), _(soorten[soort])
        redenen = [f"{soortnaam}: {waarom}", _.ngettext("{n} bed vrij", "{n} bedden vrij", vrij)]
        if km is not None and verblijfgemeente:
            redenen.append(_("{km} km van de verblijfplaats", km=f"{km:.0f}"))
        elif km is not None:
            redenen.append(_("{km} km van de plaats delict", km=f"{km:.0f}"))
        if profiel.veiligheidsrisico and delict_regio is not None:
            redenen.append(_("buiten de regio van de plaats delict (veiligheid)"))
        if profiel.kinderen:
            redenen.append(_("plek voor meekomende kinderen"))
        wie = _(BESLISSER_LABELS[BESLISSER[soort]])
        redenen.append(_("besluit: {wie}", wie=wie))
        voorstellen.append(
            Voorstel(v.id, v.naam, soort.value, regios.naam(v.regio), vrij, km, BESLISSER[soort], tuple(redenen))
        )
    voorstellen.sort(key=lambda p: (p.afstand_km if p.afstand_km is not None else math.inf, -p.vrij, p.naam))
    return voorstellen[:maximum], afgewezen
