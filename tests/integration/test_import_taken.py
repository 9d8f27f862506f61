# SPDX-License-Identifier: EUPL-1.2
"""Imports as jobs: every row stored or rejected with a status, a crash ends 'afgebroken' with the reason and
a second upload completes it without duplicates, and workers never claim one job twice (SQLite, PostgreSQL)."""

from __future__ import annotations

import threading
import uuid

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

import zicht.intake.importer as importer
from tests.integration.import_helpers import ACTOR, aantal_meldingen, csv_bytes, geldige_rij, maak_organisatie
from tests.integration.upload_helpers import wacht_op_uploads
from tests.web_support import WebBed, maak_testbed
from zicht.config import Settings
from zicht.intake.importer import importeer_bestand, plan_import
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.registry.uploads import Importwerkers, claim_taak
from zicht.storage import transaction
from zicht.storage.tables import ImportRun, Melding

Sessions = sessionmaker[Session]


def _inf_bestand(n: int = 12_000, slecht: int = 11_001) -> bytes:
    rijen = [geldige_rij(i) for i in range(n)]
    rijen[slecht - 2] = {**rijen[slecht - 2], "leeftijd": "inf"}  # file row 11,001 (row 1 is the header)
    return csv_bytes(rijen, columns=[*rijen[0].keys(), "leeftijd"])


def test_inf_bestand_via_de_api_elke_rij_opgeslagen_of_afgewezen_status_klaar(tmp_path) -> None:  # type: ignore[no-untyped-def]
    bed: WebBed = maak_testbed(tmp_path)
    token = bed.token(bed.org_a, ["uploads"])
    client = bed.client()
    auth = {"Authorization": f"Bearer {token}"}
    r = client.post("/api/v1/uploads", files={"bestand": ("m.csv", _inf_bestand(), "text/csv")}, headers=auth)
    assert r.status_code == 202, r.text
    wacht_op_uploads(bed.app)
    taak = client.get(r.headers["location"], headers=auth).json()
    assert taak["status"] == "klaar"
    assert taak["gelezen"] == 12_000 == taak["geaccepteerd"] + taak["afgewezen"]
    assert taak["afgewezen"] == 1 and taak["afwijzingen"][0]["rijnummer"] == 11_001
    assert taak["opgeslagen"] == 11_999


def test_inf_bestand_via_zicht_import_status_klaar(sessions: Sessions, vault: Vault, reference: Referentiedata) -> None:
    maak_organisatie(sessions)
    rapport = importeer_bestand(
        sessions, vault, reference, "politie-utrecht", _inf_bestand(), bestandsnaam="m.csv", actor=ACTOR
    )
    assert (rapport.read, rapport.stored, rapport.rejected) == (12_000, 11_999, 1)
    with transaction(sessions) as s:
        run = s.get_one(ImportRun, rapport.import_id)
        assert (run.status, run.gelezen, run.opgeslagen, run.afgewezen) == ("klaar", 12_000, 11_999, 1)


def test_een_crash_halverwege_geeft_afgebroken_en_opnieuw_aanleveren_maakt_het_af(
    sessions: Sessions, vault: Vault, reference: Referentiedata, monkeypatch: pytest.MonkeyPatch
) -> None:
    maak_organisatie(sessions)
    data = csv_bytes([geldige_rij(i) for i in range(250)])
    echte_schrijf = importer.schrijf
    chunks = {"n": 0}

    def kapotte_schrijf(*args, **kw):  # type: ignore[no-untyped-def]
        chunks["n"] += 1
        if chunks["n"] > 2:
            raise RuntimeError("schijf vol")
        return echte_schrijf(*args, **kw)

    monkeypatch.setattr(importer, "schrijf", kapotte_schrijf)
    with pytest.raises(RuntimeError):
        importeer_bestand(
            sessions, vault, reference, "politie-utrecht", data, bestandsnaam="m.csv", actor=ACTOR, chunk_grootte=50
        )
    with transaction(sessions) as s:
        run = s.scalars(select(ImportRun)).one()
        assert run.status == "afgebroken" and run.reden is not None and "RuntimeError" in run.reden
        assert run.opgeslagen == 100
    assert aantal_meldingen(sessions) == 100
    monkeypatch.setattr(importer, "schrijf", echte_schrijf)
    rapport = importeer_bestand(
        sessions, vault, reference, "politie-utrecht", data, bestandsnaam="m.csv", actor=ACTOR, chunk_grootte=50
    )
    assert (rapport.read, rapport.stored, rapport.already_present) == (250, 150, 100)
    assert aantal_meldingen(sessions) == 250


def test_twee_werkers_nemen_nooit_dezelfde_taak(
    sessions: Sessions, vault: Vault, reference: Referentiedata, settings: Settings
) -> None:
    maak_organisatie(sessions)
    werkers = Importwerkers(sessions, vault, reference, settings)
    ids = set()
    for k in range(8):
        data = csv_bytes([geldige_rij(100 * k + i) for i in range(5)])
        ids.add(
            plan_import(
                sessions, "politie-utrecht", data, bestandsnaam="m.csv", actor=ACTOR,
                opslag=werkers._kluis.versleutel(ACTOR, data),
            )
        )  # fmt: skip
    genomen: list[list[uuid.UUID]] = [[], []]
    start = threading.Barrier(2)

    def werker(i: int) -> None:
        start.wait()
        while (taak := claim_taak(sessions)) is not None:
            genomen[i].append(taak[0])
            werkers.voer_uit(*taak)

    threads = [threading.Thread(target=werker, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    alle = genomen[0] + genomen[1]
    assert len(alle) == len(set(alle)) == 8 and set(alle) == ids
    with transaction(sessions) as s:
        assert set(s.scalars(select(ImportRun.status))) == {"klaar"}
        assert s.scalar(select(func.count()).select_from(Melding)) == 40
        assert s.scalar(select(func.count()).where(ImportRun.bestand.is_not(None)).select_from(ImportRun)) == 0
    werkers.stop()
