# SPDX-License-Identifier: EUPL-1.2
"""Every tampering of the red team (issue 15) is detected by the keyed chain and the signed ankers.

Each test builds a keyed logboek of 1,205 records (ankers at 1,200 by the interval and at 1,205 by hand), tampers
with the database the way someone with write access but without the logboek key can, and checks that
``verify`` names the problem. With the unkeyed chain alone (the code before issue 15) deleting records from
the end, deleting them all, or rewriting one and recomputing every later hash went unnoticed.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from zicht.privacy import logboek
from zicht.privacy.logboek import LogboekInstellingen, configureer
from zicht.privacy.logboek_controle import schrijf_anker
from zicht.privacy.logboek_keten import _digest
from zicht.privacy.logboek_sleutel import Sleutel
from zicht.storage.tables import LogboekRecord

ANALIST = logboek.Actor("u-1", "analist", "comensha")
TOTAAL = 1205


@pytest.fixture
def instellingen(tmp_path: Path) -> LogboekInstellingen:
    # no time-based ankers: the test decides when an anker is written
    return LogboekInstellingen(
        actief=Sleutel.uit(secrets.token_bytes(32)),
        ankers=tmp_path / "ankers.jsonl",
        anker_interval=100,
        anker_seconden=10**9,
    )


def _lees(sessions: sessionmaker[Session], aantal: int, begin: int = 0) -> None:
    with sessions() as s, s.begin():
        logboek.append(
            s,
            ANALIST,
            actie="lezen",
            object_type="melding",
            object_ids=[f"m{i}" for i in range(begin, begin + aantal)],
            persoon_ids=[f"p{i % 7}" for i in range(begin, begin + aantal)],
            doel="analyse",
        )


@pytest.fixture
def gevuld(sessions: sessionmaker[Session], instellingen: LogboekInstellingen) -> sessionmaker[Session]:
    """A keyed logboek of TOTAAL records with ankers at 1,200 (interval, first process commit) and at TOTAAL."""
    configureer(sessions, instellingen)
    _lees(sessions, 1200)
    _lees(sessions, TOTAAL - 1200, begin=1200)
    with sessions() as s:
        anker = schrijf_anker(s, instellingen)
    assert anker is not None and anker.aantal == TOTAAL
    regels = [json.loads(r) for r in instellingen.ankers.read_text().splitlines()]
    assert [r["aantal"] for r in regels] == [1200, TOTAAL]
    return sessions


def _verify(sessions: sessionmaker[Session]) -> logboek.VerifyResult:
    with sessions() as s:
        return logboek.verify(s)


def _soorten(uitkomst: logboek.VerifyResult) -> list[str]:
    return [p.soort for p in uitkomst.problemen]


def _wis(sessions: sessionmaker[Session], vanaf: int) -> None:
    with sessions() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer >= vanaf))


def _herschrijf(sessions: sessionmaker[Session], volgnummer: int, *, oud_schema: bool) -> None:
    """Change one record's purpose and recompute every later hash with plain SHA-256 (no key needed)."""
    with sessions() as s, s.begin():
        vorige = s.scalar(select(LogboekRecord.hash).where(LogboekRecord.volgnummer == volgnummer - 1))
        records = s.scalars(
            select(LogboekRecord).where(LogboekRecord.volgnummer >= volgnummer).order_by(LogboekRecord.volgnummer)
        ).all()
        records[0].doel = "iets anders"
        for rec in records:
            assert vorige is not None
            rec.vorige_hash = vorige
            if oud_schema:
                rec.sleutel_id = None
            rec.hash = vorige = _digest(rec, vorige)


def test_intact_gesleuteld_logboek_verifieert_met_ankers(gevuld: sessionmaker[Session]) -> None:
    uitkomst = _verify(gevuld)
    assert uitkomst.ok, uitkomst.problemen
    assert (uitkomst.records, uitkomst.met_sleutel, uitkomst.ankers) == (TOTAAL, TOTAAL, 2)
    with gevuld() as s:
        assert s.scalar(select(func.count()).where(LogboekRecord.sleutel_id.is_(None))) == 0


def test_laatste_record_verwijderd_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    _wis(gevuld, TOTAAL)
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["ingekort"]
    assert uitkomst.eerste_fout == TOTAAL
    assert "1 record aan het eind verwijderd" in uitkomst.problemen[0].melding


def test_laatste_duizend_records_verwijderd_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    _wis(gevuld, TOTAAL - 999)
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["ingekort"]
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (TOTAAL - 999, TOTAAL)
    assert "1000 records aan het eind verwijderd" in uitkomst.problemen[0].melding


def test_alle_records_verwijderd_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    _wis(gevuld, 1)
    uitkomst = _verify(gevuld)
    assert uitkomst.records == 0
    assert _soorten(uitkomst) == ["alles_verwijderd"]
    assert f"telt {TOTAAL} records" in uitkomst.problemen[0].melding


@pytest.mark.parametrize("oud_schema", [False, True], ids=["sha256", "oud-schema"])
def test_herschreven_record_met_herberekende_hashes_wordt_ontdekt(
    gevuld: sessionmaker[Session], oud_schema: bool
) -> None:
    _herschrijf(gevuld, 500, oud_schema=oud_schema)
    uitkomst = _verify(gevuld)
    # the hash chain itself is consistent again, so it is the key and the ankers that give it away
    assert _soorten(uitkomst) == ["teruggezet" if oud_schema else "gewijzigd", "anker_afwijking"]
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (500, TOTAAL)
    assert uitkomst.eerste_fout == 500
    assert "2 ankers passen niet meer" in uitkomst.problemen[1].melding


def test_alles_herschreven_in_het_oude_schema_wordt_ontdekt_door_de_ankers(gevuld: sessionmaker[Session]) -> None:
    with gevuld() as s, s.begin():
        vorige = "0" * 64
        for rec in s.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer)):
            rec.sleutel_id, rec.vorige_hash = None, vorige
            rec.hash = vorige = _digest(rec, vorige)
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["anker_afwijking"]


def test_verwijderd_record_in_het_midden_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    with gevuld() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer == 700))
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["ontbreekt"]
    assert uitkomst.problemen[0].melding == "Record 700 ontbreekt: verwijderd uit het logboek."


def test_gewijzigd_veld_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    with gevuld() as s, s.begin():
        s.execute(update(LogboekRecord).where(LogboekRecord.volgnummer == 42).values(actor="u-2"))
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["gewijzigd"]
    assert (uitkomst.eerste_fout, uitkomst.problemen[0].tot) == (42, 42)


def test_ingekort_en_daarna_verder_geschreven_wordt_ontdekt(gevuld: sessionmaker[Session]) -> None:
    # records appended after a truncation continue the chain validly; the older ankers still disagree
    _wis(gevuld, 1101)
    _lees(gevuld, 150)  # 1101..1250: a new, valid anker at 1250
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["anker_afwijking"]
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (1200, TOTAAL)


def test_gewijzigd_anker_wordt_ontdekt(gevuld: sessionmaker[Session], instellingen: LogboekInstellingen) -> None:
    regels = instellingen.ankers.read_text().splitlines()
    anker = json.loads(regels[-1])
    anker["aantal"] = 1000  # hide the tail: pretend the last anker counted fewer records
    instellingen.ankers.write_text("\n".join([*regels[:-1], json.dumps(anker)]) + "\n")
    uitkomst = _verify(gevuld)
    assert _soorten(uitkomst) == ["anker_ongeldig"]
    assert "regel 2" in uitkomst.problemen[0].melding


def test_verwijderd_ankerbestand_wordt_gemeld(gevuld: sessionmaker[Session], instellingen: LogboekInstellingen) -> None:
    instellingen.ankers.unlink()
    assert _soorten(_verify(gevuld)) == ["geen_ankers"]


def test_teruggedraaide_transactie_schrijft_geen_anker(
    sessions: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    configureer(sessions, instellingen)
    with sessions() as s:
        s.begin()
        logboek.append(s, ANALIST, actie="lezen", object_type="melding", object_ids=["m1"], doel="analyse")
        s.rollback()
    assert not instellingen.ankers.exists()
    _lees(sessions, 3)  # the first commit of the process to this file writes an anker
    assert [json.loads(r)["aantal"] for r in instellingen.ankers.read_text().splitlines()] == [3]
    assert _verify(sessions).ok
