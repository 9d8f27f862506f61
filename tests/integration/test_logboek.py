# SPDX-License-Identifier: EUPL-1.2
"""The logboek is hash-chained: verification detects altered, removed and inserted records.

Without configuration (as in most of the suite) records are chained without a key; the tampering a keyed chain
and its ankers detect is in test_logboek_manipulatie.py, the upgrade of an older database in
test_logboek_upgrade.py and the commands in test_logboek_cli.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import delete, text, update

from tests.conftest import PRODUCTIE_CONTACT
from zicht.config import ConfigError, generate_key
from zicht.privacy import logboek
from zicht.storage.tables import LogboekRecord

ANALIST = logboek.Actor("u-1", "analist", "comensha")


def _vul(sessions) -> None:  # type: ignore[no-untyped-def]
    with sessions() as s, s.begin():
        logboek.append(
            s,
            ANALIST,
            actie="lezen",
            object_type="melding",
            object_ids=["m1", "m2", "m3"],
            persoon_ids=["p1", "p2", "p1"],
            doel="analyse",
        )
        logboek.append(s, ANALIST, actie="exporteren", object_type="export", doel="jaarrapport", details={"rijen": 10})


def test_intacte_keten_verifieert(sessions) -> None:  # type: ignore[no-untyped-def]
    _vul(sessions)
    with sessions() as s:
        result = logboek.verify(s)
        assert result.ok and result.records == 4
        assert [r.object_id for r in logboek.for_person(s, "p1")] == ["m1", "m3"]


def test_gewijzigd_record_wordt_ontdekt(sessions) -> None:  # type: ignore[no-untyped-def]
    _vul(sessions)
    with sessions() as s, s.begin():
        s.execute(update(LogboekRecord).where(LogboekRecord.volgnummer == 2).values(doel="iets anders"))
    with sessions() as s:
        result = logboek.verify(s)
    assert not result.ok and result.eerste_fout == 2


def test_verwijderd_record_wordt_ontdekt(sessions) -> None:  # type: ignore[no-untyped-def]
    _vul(sessions)
    with sessions() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer == 2))
    with sessions() as s:
        result = logboek.verify(s)
    assert not result.ok and result.eerste_fout == 2


def test_record_midden_in_de_keten_verwijderd_wordt_ontdekt(sessions) -> None:  # type: ignore[no-untyped-def]
    _vul(sessions)
    with sessions() as s, s.begin():
        s.execute(text("DELETE FROM logboek WHERE volgnummer = 3"))
    with sessions() as s:
        assert not logboek.verify(s).ok


def test_append_neemt_sleutel_en_ankerbestand_uit_de_procesomgeving(  # type: ignore[no-untyped-def]
    sessions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # how ``zicht serve`` and every command run in a deployment: ZICHT_* in the environment of the process
    monkeypatch.setenv("ZICHT_LOGBOEK_SLEUTEL", generate_key())
    monkeypatch.setenv("ZICHT_LOGBOEK_ANKERS", str(tmp_path / "ankers.jsonl"))
    _vul(sessions)
    with sessions() as s:
        result = logboek.verify(s)
        assert result.ok and (result.records, result.met_sleutel, result.ankers) == (4, 4, 1)
        s.execute(update(LogboekRecord).where(LogboekRecord.volgnummer == 4).values(doel="iets anders"))
        assert [p.soort for p in logboek.verify(s).problemen] == ["gewijzigd"]


def test_in_productie_weigert_append_zonder_sleutel(  # type: ignore[no-untyped-def]
    sessions, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZICHT_OMGEVING", "productie")
    for naam, waarde in PRODUCTIE_CONTACT.items():
        monkeypatch.setenv(naam, waarde)
    with pytest.raises(ConfigError, match="ZICHT_LOGBOEK_SLEUTEL"), sessions() as s, s.begin():
        logboek.append(s, ANALIST, actie="lezen", object_type="melding", object_ids=["m1"], doel="analyse")
    with sessions() as s:
        assert logboek.verify(s).records == 0
