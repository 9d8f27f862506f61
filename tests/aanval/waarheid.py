# SPDX-License-Identifier: EUPL-1.2
"""The true meldingen of the registry, read from the database: only to judge what the attacker found (is a
pinned cell really 1-9, does a published value fit its true count), never as attacker knowledge.

Each melding becomes the values of the attacker's dimensions (:mod:`tests.aanval.verzoeken`): the gemeente of
the plaats delict, the reporter's region and kind, the quarter of the melddatum, the single-valued categories
and the sets of named forms, sectors, methods and nationalities. Meldingen with status ``geen`` count nowhere
("status geen (geen slachtoffer) telt niet mee").
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from tests.aanval.verzoeken import (
    BUITENLAND,
    KWARTAAL,
    MEERWAARDIG,
    ONBEKEND,
    PLAATS,
    REGIO,
    SOORT,
    Predikaat,
    Voorwaarde,
)
from zicht.codebook import is_eu
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.storage.tables import Melding

Waarde = str | frozenset[str]


@dataclass(frozen=True)
class WareMelding:
    """One melding as the attacker's dimensions see it. ``fase`` 2: added between the two collections."""

    id: str
    fase: int
    waarden: dict[str, Waarde]


def _leeftijdsklasse(leeftijd: int | None) -> str:
    if leeftijd is None:
        return ONBEKEND
    return "minderjarig" if leeftijd < 18 else "18-22" if leeftijd <= 22 else "23+"


def _nationaliteitsgroep(landen: frozenset[str]) -> str:
    if not landen:
        return ONBEKEND
    if "NL" in landen:
        return "nederlands"
    return "eu" if any(is_eu(land) for land in landen) else "niet_eu"


def lees_register(
    engine: Engine, referentie: Referentiedata, *, nieuw: Collection[str] = (), telt: Iterable[str] = ()
) -> list[WareMelding]:
    """Every counted melding of the registry. ``nieuw``: ids added after the first collection (phase 2)."""
    eenheden = {naam.lower(): naam for naam in referentie.gebieden(Gebiedsniveau.politie_eenheid)}
    niet_tellend = {"geen"} - set(telt)
    uit = []
    with Session(engine) as s:
        rijen = s.scalars(
            select(Melding).options(
                selectinload(Melding.uitbuitingen),
                selectinload(Melding.werkwijzen),
                selectinload(Melding.nationaliteiten),
            )
        ).all()
        for m in rijen:
            if m.status in niet_tellend:
                continue
            plaats: str
            if m.plaats_delict_soort == "gemeente" and m.plaats_delict_gemeente in referentie.gemeenten:
                plaats = str(m.plaats_delict_gemeente)
            elif m.plaats_delict_soort == "buitenland":
                plaats = BUITENLAND
            else:
                plaats = ONBEKEND
            tekst = (m.melder_regio or "").strip()
            if not tekst:
                regio = "centraal"
            else:
                sleutel = tekst.lower().removeprefix("eenheid ").strip()
                regio = eenheden.get(sleutel, "overige_regio")
            landen = frozenset(n.land for n in m.nationaliteiten) - {ONBEKEND}
            waarden: dict[str, Waarde] = {
                PLAATS: plaats,
                REGIO: regio,
                SOORT: m.melder_soort or ONBEKEND,
                KWARTAAL: f"{m.melddatum.year}-Q{(m.melddatum.month - 1) // 3 + 1}",
                "geslacht": m.geslacht or ONBEKEND,
                "leeftijdsklasse": _leeftijdsklasse(m.leeftijd_bij_melding),
                "nationaliteitsgroep": _nationaliteitsgroep(landen),
                "dossiertype": m.dossiertype or ONBEKEND,
                "uitbuitingsvorm": frozenset(u.vorm for u in m.uitbuitingen) - {ONBEKEND},
                "sector": frozenset(u.sector for u in m.uitbuitingen) - {ONBEKEND},
                "werkwijze": frozenset(w.werkwijze for w in m.werkwijzen) - {ONBEKEND},
                "nationaliteit": landen,
            }
            uit.append(WareMelding(str(m.id), 2 if str(m.id) in nieuw else 1, waarden))
    return uit


class Waarheid:
    """True counts of predicates over the registry, per vintage (fase 1: before the added melding)."""

    def __init__(self, meldingen: list[WareMelding]) -> None:
        self.meldingen = meldingen
        self.fase = np.array([m.fase for m in meldingen], dtype=np.int8)
        self._maskers: dict[Voorwaarde, np.ndarray] = {}
        self._tellingen: dict[tuple[Predikaat, int], int] = {}

    def masker(self, v: Voorwaarde) -> np.ndarray:
        if v not in self._maskers:
            if v.dim in MEERWAARDIG or v.soort in ("in", "niet_in"):
                self._maskers[v] = np.fromiter(
                    (v.geldt(m.waarden[v.dim]) for m in self.meldingen), dtype=bool, count=len(self.meldingen)
                )
            else:
                raise ValueError(v)
        return self._maskers[v]

    def telling(self, predikaat: Predikaat, fase: int) -> int:
        """How many meldingen of vintage ``fase`` (1: before, 2: with the added one) satisfy the predicate."""
        sleutel = (predikaat, fase)
        if sleutel not in self._tellingen:
            masker = self.fase <= fase
            for v in predikaat:
                masker = masker & self.masker(v)
            self._tellingen[sleutel] = int(masker.sum())
        return self._tellingen[sleutel]

    def nieuwe(self) -> list[WareMelding]:
        return [m for m in self.meldingen if m.fase == 2]
