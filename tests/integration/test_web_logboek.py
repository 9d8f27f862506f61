# SPDX-License-Identifier: EUPL-1.2
"""The logboek as the web and the CLI use it: every personal-data access through the pages and the API
appends a record, ``zicht logboek verify`` detects an altered or removed record, and ``zicht logboek
persoon`` lists every processing of one person."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update

from tests.web_support import WebBed, csrf_van, maak_testbed, nieuwe_melding
from zicht.cli import main
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord, Melding, Persoon


@pytest.fixture
def bed(tmp_path: Path) -> WebBed:
    return maak_testbed(tmp_path)


def _env(bed: WebBed) -> dict[str, str]:
    from tests import conftest

    env = conftest.test_environ(Path(bed.settings.data_dir).parent)
    env["ZICHT_DATABASE_URL"] = bed.settings.effective_database_url
    # the same keys as the served app: the logboek's key is derived from the pseudonym key
    assert bed.settings.pseudonym_key is not None
    env["ZICHT_PSEUDONYM_KEY"] = bed.settings.pseudonym_key.get_secret_value()
    return env


def _aantal(bed: WebBed, **filters: str) -> int:
    with bed.sessions() as s:
        stmt = select(func.count()).select_from(LogboekRecord)
        for k, v in filters.items():
            stmt = stmt.where(getattr(LogboekRecord, k) == v)
        return int(s.scalar(stmt) or 0)


def test_elke_toegang_tot_persoonsgegevens_laat_een_record_achter(bed: WebBed) -> None:
    melder = bed.als("melder")
    melding_id = nieuwe_melding(melder)
    assert _aantal(bed, actie="aanmaken", object_id=melding_id) == 1
    stappen = [
        (melder, "GET", f"/meldingen/{melding_id}", "lezen"),
        (melder, "GET", "/meldingen", "lezen"),
        (bed.als("analist"), "GET", "/analyse/meldingen", "lezen"),
        (bed.als("analist"), "GET", f"/meldingen/{melding_id}", "lezen"),
    ]
    for client, _, pad, actie in stappen:
        voor = _aantal(bed, actie=actie, object_id=melding_id)
        assert client.get(pad).status_code == 200
        assert _aantal(bed, actie=actie, object_id=melding_id) == voor + 1, pad
    token = bed.token(bed.org_a, ["meldingen:lezen", "meldingen:aanmaken"])
    api = bed.client()
    for pad in (f"/api/v1/meldingen/{melding_id}", "/api/v1/meldingen"):
        voor = _aantal(bed, actie="lezen", object_id=melding_id)
        assert api.get(pad, headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert _aantal(bed, actie="lezen", object_id=melding_id) == voor + 1, pad
    identiteit = bed.als("identiteit")
    token_pagina = csrf_van(identiteit.get(f"/meldingen/{melding_id}/identiteit").text)
    identiteit.post(
        f"/meldingen/{melding_id}/identiteit",
        data={"csrf_token": token_pagina, "doel": "koppelcontrole", "zaaknummer": "CM-2026-17"},
    )
    assert _aantal(bed, actie="onthullen", object_id=melding_id) == 1
    # a refused access leaves no read record
    voor = _aantal(bed, object_id=melding_id)
    assert bed.als("melder", gebruikersnaam="melder-b").get(f"/meldingen/{melding_id}").status_code == 404
    assert _aantal(bed, object_id=melding_id) == voor


def test_logboek_verify_ontdekt_een_gewijzigd_record(bed: WebBed, capsys: pytest.CaptureFixture[str]) -> None:
    melder = bed.als("melder")
    melding_id = nieuwe_melding(melder)
    for _ in range(3):
        melder.get(f"/meldingen/{melding_id}")
    env = _env(bed)
    assert main(["logboek", "verify"], env) == 0
    assert "logboek in orde" in capsys.readouterr().out
    with transaction(bed.sessions) as s:
        s.execute(update(LogboekRecord).where(LogboekRecord.volgnummer == 3).values(doel="iets anders"))
    assert main(["logboek", "verify"], env) == 1
    assert "record 3" in capsys.readouterr().err


def test_logboek_verify_ontdekt_een_verwijderd_record(bed: WebBed, capsys: pytest.CaptureFixture[str]) -> None:
    melder = bed.als("melder")
    melding_id = nieuwe_melding(melder)
    melder.get(f"/meldingen/{melding_id}")
    melder.get(f"/meldingen/{melding_id}")
    with transaction(bed.sessions) as s:
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer == 2))
    assert main(["logboek", "verify"], _env(bed)) == 1
    assert "record 2" in capsys.readouterr().err


def test_logboek_persoon_toont_elke_verwerking(bed: WebBed, capsys: pytest.CaptureFixture[str]) -> None:
    melding_id = nieuwe_melding(bed.als("melder"))
    persoon = uuid.uuid4()
    with transaction(bed.sessions) as s:
        s.add(Persoon(id=persoon))
        s.flush()
        s.execute(update(Melding).where(Melding.id == uuid.UUID(melding_id)).values(persoon_id=persoon))
    bed.als("analist").get(f"/meldingen/{melding_id}")
    env = _env(bed)
    assert main(["logboek", "persoon", str(persoon), "--json"], env) == 0
    regels = [json.loads(r) for r in capsys.readouterr().out.splitlines()]
    assert [r["actie"] for r in regels] == ["aanmaken", "lezen"]
    assert all(r["object_id"] == melding_id for r in regels)
    with bed.sessions() as s:  # the CLI's own look-up is a processing too
        assert (
            s.scalar(
                select(func.count())
                .select_from(LogboekRecord)
                .where(LogboekRecord.object_type == "logboek", LogboekRecord.persoon_id == str(persoon))
            )
            == 1
        )
