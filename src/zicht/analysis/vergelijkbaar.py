# SPDX-License-Identifier: EUPL-1.2
"""Which areas are comparable: gemeenten grouped by population size class and density class.

The classes come from CBS "Kerncijfers wijken en buurten 2024" (``oppervlakte_bevolking_2024.csv`` in the
reference directory: inhabitants on 1 January 2024 and land area). Regions are compared with every area of
their level: there are too few of them (10 police units, 12 provinces, 25 safety regions) to split further.
The page states the grouping in words (:attr:`Groep.beschrijving`).
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from zicht.analysis.dimensies import niveau_label
from zicht.analysis.opmaak import getal
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.taal import vertaler

BESTAND = "oppervlakte_bevolking_2024.csv"
#: Upper bounds (exclusive) of the population size classes of gemeenten; the last class is open.
GROOTTE_GRENZEN: tuple[int, ...] = (20_000, 50_000, 100_000)
#: Upper bounds (exclusive) of the density classes, inhabitants per km² of land.
DICHTHEID_GRENZEN: tuple[int, ...] = (500, 1_500)
#: A group smaller than this takes in the neighbouring density class(es) of the same size class.
MIN_GROEP = 5


@dataclass(frozen=True)
class Kenmerken:
    """Size and density of an area (1 January 2024)."""

    inwoners: int
    land_km2: float

    @property
    def dichtheid(self) -> float:
        """Inhabitants per km² of land."""
        return self.inwoners / self.land_km2 if self.land_km2 else 0.0


@dataclass(frozen=True)
class Groep:
    """The comparable areas of an area and how they were chosen.

    Attributes:
        niveau: The level of the areas.
        leden: The codes of the comparable areas (the area itself included).
        beschrijving: The grouping in words, for the page.
        kenmerken: Size and density per area (empty when the CBS file is missing).
    """

    niveau: Gebiedsniveau
    leden: tuple[str, ...]
    beschrijving: str
    kenmerken: dict[str, Kenmerken]


def klasse(waarde: float, grenzen: tuple[int, ...]) -> int:
    """The class index of a value: 0 below the first bound, ``len(grenzen)`` at or above the last."""
    return next((i for i, grens in enumerate(grenzen) if waarde < grens), len(grenzen))


def klasse_tekst(index: int, grenzen: tuple[int, ...], taal: str, eenheid: str = "") -> str:
    """A class in words: ``20.000 tot 50.000 inwoners``, ``100.000 of meer`` (``eenheid`` follows, translated)."""
    _ = vertaler(taal)
    if index == 0:
        tekst = _("minder dan {grens}", grens=getal(grenzen[0], 0, taal))
    elif index >= len(grenzen):
        tekst = _("{grens} of meer", grens=getal(grenzen[-1], 0, taal))
    else:
        tekst = _("{laag} tot {hoog}", laag=getal(grenzen[index - 1], 0, taal), hoog=getal(grenzen[index], 0, taal))
    return f"{tekst} {eenheid}" if eenheid else tekst


@lru_cache(maxsize=4)
def _gemeente_kenmerken(map_: str) -> dict[str, Kenmerken]:
    pad = Path(map_) / BESTAND
    if not pad.is_file():
        return {}
    with pad.open(encoding="utf-8", newline="") as fh:
        return {
            r["gemeentecode"]: Kenmerken(int(r["inwoners"]), int(r["oppervlakte_land_ha"]) / 100)
            for r in csv.DictReader(fh)
        }


def kenmerken(referentie: Referentiedata, niveau: Gebiedsniveau) -> dict[str, Kenmerken]:
    """Size and density of every area of a level (regions: the sums of their gemeenten)."""
    per_gemeente = _gemeente_kenmerken(referentie.bron_dir)
    if not per_gemeente:
        return {}
    uit: dict[str, Kenmerken] = {}
    for code, gebied in referentie.gebieden(niveau).items():
        leden = [per_gemeente[g] for g in gebied.gemeenten if g in per_gemeente]
        uit[code] = Kenmerken(sum(k.inwoners for k in leden), sum(k.land_km2 for k in leden))
    return uit


def vergelijkbare_gebieden(referentie: Referentiedata, niveau: Gebiedsniveau, code: str, taal: str = "nl") -> Groep:
    """The areas comparable with ``code``: gemeenten of the same size class and density class (widened to the
    neighbouring density classes when fewer than :data:`MIN_GROEP`), or every area of a region's level."""
    _ = vertaler(taal)
    alle = tuple(referentie.gebieden(niveau))
    km = kenmerken(referentie, niveau)
    if niveau is not Gebiedsniveau.gemeente or code not in km:
        beschrijving = _(
            "Vergeleken met alle gebieden van dit niveau ({n} × {niveau}): er zijn te weinig om ze naar grootte en "
            "dichtheid te groeperen.",
            n=len(alle),
            niveau=niveau_label(niveau, taal),
        )
        return Groep(niveau, alle, beschrijving, km)
    eigen = km[code]
    g, d = klasse(eigen.inwoners, GROOTTE_GRENZEN), klasse(eigen.dichtheid, DICHTHEID_GRENZEN)

    def in_klasse(dichtheden: set[int]) -> tuple[str, ...]:
        return tuple(
            c
            for c, k in km.items()
            if klasse(k.inwoners, GROOTTE_GRENZEN) == g and klasse(k.dichtheid, DICHTHEID_GRENZEN) in dichtheden
        )

    dichtheden = {d}
    leden = in_klasse(dichtheden)
    while len(leden) < MIN_GROEP and len(dichtheden) <= len(DICHTHEID_GRENZEN):
        dichtheden |= {x for x in (min(dichtheden) - 1, max(dichtheden) + 1) if 0 <= x <= len(DICHTHEID_GRENZEN)}
        leden = in_klasse(dichtheden)
    km2 = _("inwoners per km² land")
    grootte = klasse_tekst(g, GROOTTE_GRENZEN, taal, _("inwoners"))
    dichtheid = "; ".join(klasse_tekst(x, DICHTHEID_GRENZEN, taal, km2) for x in sorted(dichtheden))
    beschrijving = _.ngettext(
        "Vergelijkbare gemeenten: {grootte} en {dichtheid} ({n} gemeente; CBS, 1 januari 2024).",
        "Vergelijkbare gemeenten: {grootte} en {dichtheid} ({n} gemeenten; CBS, 1 januari 2024).",
        len(leden),
        grootte=grootte,
        dichtheid=dichtheid,
    )
    if len(dichtheden) > 1:
        beschrijving += " " + _(
            "De eigen klasse had minder dan {n} gemeenten; de naastgelegen dichtheidsklasse is toegevoegd.",
            n=MIN_GROEP,
        )
    return Groep(niveau, leden, beschrijving, km)
