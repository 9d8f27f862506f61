# SPDX-License-Identifier: EUPL-1.2
"""The whole attack: discover the request space, collect everything, add one melding, collect everything
again, read the truth (for judging only) and solve. Shared by the suite test and the benchmark."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from tests.aanval.lp import Rapport, analyseer
from tests.aanval.verzoeken import Client, Geografie, Ruimte, Verzamelaar, ontdek_ruimte
from tests.aanval.waarheid import Waarheid, lees_register
from zicht.reference import Referentiedata


@dataclass
class Opzet:
    """How to reach the app: the gemeente account's client for each phase, and how to add one melding."""

    client: Callable[[int], Client]
    voeg_melding_toe: Callable[[], str]
    engine: Engine
    referentie: Referentiedata
    eigen_gemeente: str


def voer_aanval_uit(
    opzet: Opzet,
    *,
    omvang: str = "volledig",
    budget_verzamelen: float | None = None,
    budget_lp: float | None = None,
    log: Callable[[str], None] | None = None,
) -> tuple[Rapport, Ruimte]:
    """Run the attack and return the report (and the request space it covered). The budgets (seconds, per
    collection and for the LP) bound a run on code that serves far more tables than it should; a report that
    ran out of time says ``onvolledig``."""
    duur: dict[str, float] = {}
    begin = time.perf_counter()
    client1 = opzet.client(1)
    ruimte = ontdek_ruimte(client1, opzet.referentie, opzet.eigen_gemeente, omvang=omvang)
    if log:
        log(f"ruimte: jaren {ruimte.jaren}, {len(ruimte.perioden())} perioden, uitsplitsingen {ruimte.uitsplitsingen}")
    v1 = Verzamelaar(client1, ruimte, voortgang=_voortgang(log), deadline=_deadline(budget_verzamelen)).verzamel(1)
    duur["verzamelen fase 1"] = time.perf_counter() - begin
    nieuw = opzet.voeg_melding_toe()
    begin = time.perf_counter()
    v2 = Verzamelaar(
        opzet.client(2), ruimte, voortgang=_voortgang(log), deadline=_deadline(budget_verzamelen)
    ).verzamel(2)
    duur["verzamelen fase 2"] = time.perf_counter() - begin
    waarheid = Waarheid(lees_register(opzet.engine, opzet.referentie, nieuw={nieuw}))
    rapport = analyseer([v1, v2], Geografie(opzet.referentie), waarheid, budget=budget_lp, log=log)
    rapport.duur = duur | rapport.duur
    return rapport, ruimte


def _deadline(budget: float | None) -> float | None:
    return None if budget is None else time.perf_counter() + budget


def _voortgang(log: Callable[[str], None] | None) -> Callable[[int], None] | None:
    if log is None:
        return None
    begin = time.perf_counter()

    def melden(n: int) -> None:
        if n % 1000 == 0:
            log(f"  {n} verzoeken, {time.perf_counter() - begin:.0f} s")

    return melden


def api_melding(**velden: Any) -> dict[str, Any]:
    """A melding for ``POST /api/v1/meldingen`` (the one added between the two collections)."""
    melding = {
        "melderReferentie": "AANVAL-NIEUW-1",
        "melddatum": "2024-05-14",
        "uitbuitingsvormen": ["seksueel"],
        "werkwijzen": ["loverboymethode"],
        "plaatsDelict": "GM0344",
        "geslacht": "vrouw",
        "nationaliteiten": ["NL"],
    }
    melding.update(velden)
    return melding
