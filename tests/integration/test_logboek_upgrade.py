# SPDX-License-Identifier: EUPL-1.2
"""A database from before migration 0006: its unkeyed records still verify, and the keyed chain continues them.

The records are written at revision 0005 exactly as the code before issue 15 wrote them (plain SHA-256, no
``sleutel_id`` column), then the database is upgraded.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.config import ConfigError
from zicht.privacy import logboek
from zicht.privacy.logboek import LogboekInstellingen, configureer
from zicht.privacy.logboek_keten import GENESIS, _digest
from zicht.privacy.logboek_sleutel import Sleutel
from zicht.storage import downgrade, session_factory, upgrade
from zicht.storage.tables import LogboekRecord

OUD = 5


def _oude_records(engine: Engine) -> None:
    """OUD records as the pre-0006 code wrote them."""
    begin = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    vorige, rijen = GENESIS, []
    for n in range(1, OUD + 1):
        rij: dict[str, object] = {
            "volgnummer": n,
            "tijdstip": begin + timedelta(minutes=n),
            "trace_id": secrets.token_hex(16),
            "actor": "u-1",
            "rol": "analist",
            "organisatie": "comensha",
            "doel": "analyse",
            "actie": "lezen",
            "object_type": "melding",
            "object_id": f"m{n}",
            "persoon_id": f"p{n}",
            "details": "{}",
            "status": 1,
            "vorige_hash": vorige,
        }
        rij["hash"] = vorige = _digest(rij, vorige)
        rijen.append(rij)
    with engine.begin() as conn:
        conn.execute(sa.insert(LogboekRecord), rijen)  # the columns of the rows: no sleutel_id yet


@pytest.fixture
def instellingen(tmp_path: Path) -> LogboekInstellingen:
    return LogboekInstellingen(actief=Sleutel.uit(secrets.token_bytes(32)), ankers=tmp_path / "ankers.jsonl")


@pytest.fixture
def bijgewerkt(empty_engine: Engine, instellingen: LogboekInstellingen) -> sessionmaker[Session]:
    upgrade(empty_engine, "0005")
    _oude_records(empty_engine)
    upgrade(empty_engine)
    sessions = session_factory(empty_engine)
    configureer(sessions, instellingen)
    return sessions


def _lees(sessions: sessionmaker[Session], *ids: str) -> None:
    with sessions() as s, s.begin():
        logboek.append(
            s, logboek.Actor("u-2", "analist"), actie="lezen", object_type="melding", object_ids=ids, doel="analyse"
        )


def test_oude_records_verifieren_na_de_migratie_en_de_sleutelketen_sluit_erop_aan(
    bijgewerkt: sessionmaker[Session],
) -> None:
    with bijgewerkt() as s:
        uitkomst = logboek.verify(s)
        assert uitkomst.ok and (uitkomst.records, uitkomst.met_sleutel) == (OUD, 0)
    _lees(bijgewerkt, "m6", "m7")
    with bijgewerkt() as s:
        uitkomst = logboek.verify(s)
        assert uitkomst.ok and (uitkomst.records, uitkomst.met_sleutel, uitkomst.ankers) == (OUD + 2, 2, 1)
        records = s.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer)).all()
    assert [r.sleutel_id is None for r in records] == [True] * OUD + [False, False]
    assert records[OUD].vorige_hash == records[OUD - 1].hash


def test_herschreven_oud_record_met_herberekende_oude_hashes_wordt_ontdekt(
    bijgewerkt: sessionmaker[Session],
) -> None:
    _lees(bijgewerkt, "m6")
    with bijgewerkt() as s, s.begin():  # rewrite record 2, recompute the unkeyed hashes up to the keyed part
        vorige = s.scalar(select(LogboekRecord.hash).where(LogboekRecord.volgnummer == 1))
        for rec in s.scalars(
            select(LogboekRecord).where(LogboekRecord.sleutel_id.is_(None)).order_by(LogboekRecord.volgnummer).offset(1)
        ):
            assert vorige is not None
            rec.doel = "iets anders" if rec.volgnummer == 2 else rec.doel
            rec.vorige_hash = vorige
            rec.hash = vorige = _digest(rec, vorige)
    with bijgewerkt() as s:
        uitkomst = logboek.verify(s)
    # the first keyed record still points at the original head of the unkeyed part, and the anker holds it
    assert [p.soort for p in uitkomst.problemen] == ["keten"]
    assert uitkomst.eerste_fout == OUD + 1


def test_oud_logboek_zonder_sleutelrecords_wordt_door_een_anker_beschermd(
    bijgewerkt: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    from zicht.privacy.logboek_controle import schrijf_anker

    with bijgewerkt() as s:
        assert schrijf_anker(s, instellingen) is not None
    with bijgewerkt() as s, s.begin():
        vorige = GENESIS
        for rec in s.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer)):
            rec.doel = "iets anders" if rec.volgnummer == 3 else rec.doel
            rec.vorige_hash = vorige
            rec.hash = vorige = _digest(rec, vorige)
    with bijgewerkt() as s:
        uitkomst = logboek.verify(s)
    assert [p.soort for p in uitkomst.problemen] == ["anker_afwijking"]
    assert f"Record {OUD} is herschreven" in uitkomst.problemen[0].melding


def test_zonder_sleutel_schrijven_na_gesleutelde_records_wordt_geweigerd(bijgewerkt: sessionmaker[Session]) -> None:
    _lees(bijgewerkt, "m6")
    configureer(bijgewerkt, None)
    with pytest.raises(ConfigError, match="ZICHT_LOGBOEK_SLEUTEL"), bijgewerkt() as s, s.begin():
        logboek.append(s, logboek.SYSTEEM, actie="lezen", object_type="melding", doel="analyse")


def test_downgrade_onder_0006_met_gesleutelde_records_wordt_geweigerd(
    bijgewerkt: sessionmaker[Session], empty_engine: Engine
) -> None:
    _lees(bijgewerkt, "m6")
    with pytest.raises(RuntimeError, match="downgrade below 0006 refused"):
        downgrade(empty_engine, "0005")
    with bijgewerkt() as s:
        assert logboek.verify(s).ok
