# SPDX-License-Identifier: EUPL-1.2
"""An independent attack over everything the gemeente account may request (issue 12), at a small scale.

A few hundred meldingen over three years in five gemeenten of veiligheidsregio Utrecht (plus abroad and
unknown), from three reporters, nothing linked (so every melding is one person and every published count an
exact sum). The attacker (tests/aanval) asks every table of the request space through the API, adds one melding
through the API, asks everything again, and solves all published cells of both vintages jointly with its own
LP. No true count 1-9 may be pinned or narrowed below the rounding base, no exact count may appear in any
response, and nothing may answer 5xx. The same attack at demo scale: benchmarks/aanval_disclosure.py.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
from pathlib import Path

import pytest

from tests.aanval.uitvoeren import Opzet, api_melding, voer_aanval_uit
from tests.conftest import REFERENCE_DIR
from tests.web_support import WebBed, maak_testbed
from zicht.domain.melding import MeldingInvoer, Plaats, Uitbuiting
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.reference import load_reference
from zicht.storage import transaction
from zicht.storage.tables import Organisatie
from zicht.web import create_app

GEMEENTEN = ("GM0344", "GM0344", "GM0344", "GM0307", "GM0307", "GM0356", "GM0355", "GM0321")
SECTOREN = {"seksueel": ("raamprostitutie", "escort", "onbekend"), "arbeid": ("land_tuinbouw", "horeca", "onbekend"),
            "crimineel": ("drugs", "onbekend")}  # fmt: skip
#: Not a multiple of the rounding base, so an exact registry count in a label shows as one.
AANTAL = 303
#: Seconds per collection and for the LP.
BUDGET_S = 90.0


def _meldingen(rnd: random.Random, n: int, prefix: str) -> list[MeldingInvoer]:
    uit = []
    for i in range(n):
        r = rnd.random()
        plaats = (
            Plaats.in_gemeente(rnd.choice(GEMEENTEN)) if r < 0.82 else Plaats.in_land("PL") if r < 0.9 else Plaats()
        )
        vormen = rnd.sample(("seksueel", "arbeid", "crimineel"), rnd.choice((1, 1, 1, 2)))
        if rnd.random() < 0.05:
            vormen = ["onbekend"]
        uitbuitingen = tuple(Uitbuiting(v, rnd.choice(SECTOREN.get(v, ("onbekend",)))) for v in vormen)
        uit.append(
            MeldingInvoer(
                melder_referentie=f"{prefix}{i}",
                melddatum=dt.date(2022, 1, 1) + dt.timedelta(days=rnd.randrange(3 * 365)),
                uitbuitingen=uitbuitingen,
                werkwijzen=(rnd.choice(("loverboymethode", "schuldslavernij", "onbekend")),),
                plaats_delict=plaats,
                geslacht=rnd.choices(("vrouw", "man", "onbekend"), (0.6, 0.35, 0.05))[0],
                leeftijd_bij_melding=rnd.choice((None, 16, 19, 21, 25, 34, 47)),
                nationaliteiten=(rnd.choices(("NL", "PL", "RO", "NG", "onbekend"), (4, 2, 1, 1, 1))[0],),
                dossiertype=rnd.choice(("registratie", "registratie_opvang", "registratie_informatie_advies")),
            )
        )
    return uit


def _vul(bed: WebBed) -> None:
    rnd = random.Random(12)
    melders = [
        ("aanval-politie", "nationale_politie", "Midden-Nederland", 150),
        ("aanval-fairwork", "fairwork", None, 110),
        ("aanval-kmar", "kmar", "KMar Schiphol", AANTAL - 260),
    ]
    with transaction(bed.sessions) as s:
        for code, soort, regio, n in melders:
            org = Organisatie(code=code, naam=code, soort=soort, regio=regio)
            s.add(org)
            s.flush()
            bewaar_meldingen(s, Vault.from_settings(bed.settings), org, _meldingen(rnd, n, code),
                             bron="api", actor=logboek.SYSTEEM)  # fmt: skip


@pytest.mark.slow  # about 45 s: some 2,700 requests, two collections
def test_geen_klein_aantal_te_herleiden_over_de_hele_verzoekruimte(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path, ZICHT_STATISTIEK_BEREKENINGEN_PER_MINUUT="1000000")  # what leaks, not how fast
    _vul(bed)
    token = bed.token(bed.org_a, ["meldingen:aanmaken"])
    beddens = {1: bed}

    def client(fase: int):  # type: ignore[no-untyped-def]
        if fase not in beddens:
            # the next vintage as a freshly started app over the same registry sees it
            beddens[fase] = dataclasses.replace(bed, app=create_app(bed.settings, engine=bed.engine))
        return beddens[fase].als("gemeente")

    def voeg_toe() -> str:
        r = bed.client().post("/api/v1/meldingen", json=api_melding(), headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 201, r.text
        return str(r.json()["id"])

    opzet = Opzet(client, voeg_toe, bed.engine, load_reference(REFERENCE_DIR), "GM0344")
    # The budgets only bound a run on code that still serves quarters and windows (~14,000 requests and
    # ~27,000 LPs, minutes): such a run ends incomplete and fails with what it found so far.
    rapport, ruimte = voer_aanval_uit(opzet, omvang="suite", budget_verzamelen=BUDGET_S, budget_lp=BUDGET_S)
    samenvatting = rapport.samenvatting(voorbeelden=5)
    # a real attack: the whole space was asked, cells were read and small true counts were attacked
    assert ruimte.jaren == [2022, 2023, 2024], ruimte.jaren
    assert rapport.verzoeken + rapport.overgeslagen > 1000, samenvatting
    assert rapport.cellen > 1000 and rapport.rijen > 100 and rapport.doelen > 0, samenvatting
    problemen = [
        *([f"{len(rapport.breuken)} onthullingen of fouten"] if rapport.breuken else []),
        *(["5xx-antwoorden"] if rapport.statussen.get("5xx", 0) else []),
        *(["cellen die de aanvaller niet begrijpt"] if rapport.onbegrepen else []),
        *(["gepubliceerde cellen die niet passen bij beleid en waarheid"] if rapport.afwijkingen else []),
        *(["niet binnen het tijdbudget: niet alles gevraagd of aangevallen"] if rapport.onvolledig else []),
    ]
    assert not problemen, "; ".join(problemen) + "\n" + samenvatting
