# SPDX-License-Identifier: EUPL-1.2
"""Retention of the logboek (issue 15, item 5): cutting the records past the term from the start of the chain
behind a signed bewaaranker leaves a logboek that ``verify`` accepts, while tampering after a cut (deleting the
next record or one in the middle, cutting further than the anker says, truncating the tail, rewriting and
rehashing, forging or editing the bewaaranker, deleting the start without one) is still reported."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.privacy import logboek, logboek_anker
from zicht.privacy.logboek import LogboekInstellingen, configureer
from zicht.privacy.logboek_bewaren import GeenAfkapping, afkappunt, kap_af
from zicht.privacy.logboek_controle import schrijf_anker
from zicht.privacy.logboek_keten import _digest
from zicht.privacy.logboek_sleutel import Sleutel, database_van
from zicht.storage.tables import LogboekRecord

ANALIST = logboek.Actor("u-1", "analist", "comensha")
BEHEER = logboek.Actor("cli:test", "beheerder", None)
OUD, NIEUW = 600, 405  # records older than the boundary, records after it


@pytest.fixture
def instellingen(tmp_path: Path) -> LogboekInstellingen:
    return LogboekInstellingen(
        actief=Sleutel.uit(secrets.token_bytes(32)), ankers=tmp_path / "ankers.jsonl", anker_interval=100,
        anker_seconden=10**9,
    )  # fmt: skip


def _lees(sessions: sessionmaker[Session], aantal: int, begin: int) -> None:
    with sessions() as s, s.begin():
        logboek.append(s, ANALIST, actie="lezen", object_type="melding",
                       object_ids=[f"m{i}" for i in range(begin, begin + aantal)],
                       persoon_ids=[f"p{i % 7}" for i in range(begin, begin + aantal)], doel="analyse")  # fmt: skip


def _knip(sessions: sessionmaker[Session], instellingen: LogboekInstellingen) -> list[dict[str, object]]:
    """OUD old records (one batch, one moment) and NIEUW later ones, an anker of the head, then the old ones cut
    by the retention; returns the records that were cut, as they were."""
    configureer(sessions, instellingen)
    _lees(sessions, OUD, 0)
    _lees(sessions, NIEUW, OUD)
    with sessions() as s:
        assert schrijf_anker(s, instellingen) is not None
        oud_moment = s.scalar(select(LogboekRecord.tijdstip).where(LogboekRecord.volgnummer == OUD))
        nieuw_moment = s.scalar(select(LogboekRecord.tijdstip).where(LogboekRecord.volgnummer == OUD + 1))
        assert oud_moment is not None and nieuw_moment is not None and nieuw_moment > oud_moment
        assert afkappunt(s, nieuw_moment).volgnummer == OUD  # type: ignore[union-attr]
        tabel = LogboekRecord.__table__
        weg = [dict(r._mapping) for r in s.execute(select(tabel).where(tabel.c.volgnummer <= OUD))]
    with sessions() as s, s.begin():
        uit = kap_af(s, instellingen, nieuw_moment, BEHEER, doel="bewaartermijn")
    assert (uit.tot_en_met, uit.verwijderd) == (OUD, OUD) and uit.anker is not None
    assert uit.anker.reden == logboek_anker.BEWAARTERMIJN and uit.anker.aantal == OUD
    return weg


@pytest.fixture
def afgekapt(sessions: sessionmaker[Session], instellingen: LogboekInstellingen) -> sessionmaker[Session]:
    _knip(sessions, instellingen)
    return sessions


def _verify(sessions: sessionmaker[Session]) -> logboek.VerifyResult:
    with sessions() as s:
        return logboek.verify(s)


def _soorten(uitkomst: logboek.VerifyResult) -> list[str]:
    return [p.soort for p in uitkomst.problemen]


def test_afgekapt_logboek_verifieert_vanaf_de_grens(afgekapt: sessionmaker[Session]) -> None:
    uitkomst = _verify(afgekapt)
    assert uitkomst.ok, uitkomst.problemen
    assert uitkomst.afgekapt_tot == OUD and uitkomst.records == NIEUW + 1  # + the record of the cut itself
    assert any(f"records 1 t/m {OUD} verwijderd na de bewaartermijn" in o for o in uitkomst.opmerkingen)
    with afgekapt() as s:
        eerste = s.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer).limit(1)).one()
        laatste = s.scalars(select(LogboekRecord).order_by(LogboekRecord.volgnummer.desc()).limit(1)).one()
    assert eerste.volgnummer == OUD + 1
    assert (laatste.actie, laatste.object_type, laatste.persoon_id) == ("verwijderen", "logboek", None)
    assert json.loads(laatste.details)["tot_en_met"] == OUD
    # appending goes on as before, and a second cut with the same boundary finds nothing
    _lees(afgekapt, 3, 5000)
    with afgekapt() as s, s.begin():
        assert kap_af(s, None, eerste.tijdstip, BEHEER, doel="bewaartermijn").verwijderd == 0
    assert _verify(afgekapt).ok


def test_volgend_record_verwijderd_na_de_grens_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer == OUD + 1))
    uitkomst = _verify(afgekapt)
    assert _soorten(uitkomst) == ["ontbreekt"]
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (OUD + 1, OUD + 1)


def test_verder_afgekapt_dan_het_anker_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer <= OUD + 50))
    uitkomst = _verify(afgekapt)
    assert _soorten(uitkomst) == ["ontbreekt"]
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (OUD + 1, OUD + 50)


def test_verwijderd_in_het_midden_na_een_knip_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer == OUD + 200))
    assert _soorten(_verify(afgekapt)) == ["ontbreekt"]


def test_ingekorte_staart_na_een_knip_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer > OUD + 300))
    uitkomst = _verify(afgekapt)
    assert _soorten(uitkomst) == ["ingekort"]


def test_herschreven_met_herberekende_hashes_na_een_knip_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        records = s.scalars(
            select(LogboekRecord).where(LogboekRecord.volgnummer >= OUD + 10).order_by(LogboekRecord.volgnummer)
        ).all()
        vorige = s.scalar(select(LogboekRecord.hash).where(LogboekRecord.volgnummer == OUD + 9))
        records[0].doel = "iets anders"
        for rec in records:
            assert vorige is not None
            rec.vorige_hash = vorige
            rec.hash = vorige = _digest(rec, vorige)
    assert _soorten(_verify(afgekapt)) == ["gewijzigd", "anker_afwijking"]


def test_eerste_record_na_de_knip_met_andere_voorganger_wordt_ontdekt(afgekapt: sessionmaker[Session]) -> None:
    with afgekapt() as s, s.begin():
        rec = s.get_one(LogboekRecord, OUD + 1)
        rec.vorige_hash = "f" * 64
    assert _soorten(_verify(afgekapt)) == ["keten", "gewijzigd"]


def test_gewijzigd_of_vervalst_bewaaranker_wordt_ontdekt(
    afgekapt: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    regels = instellingen.ankers.read_text().splitlines()
    knip = [json.loads(r) for r in regels if json.loads(r)["reden"] == "bewaartermijn"]
    assert len(knip) == 1
    # moving the lawful start further (to hide deleted records) breaks the signature
    vervalst = {**knip[0], "aantal": OUD + 50}
    instellingen.ankers.write_text("\n".join([*regels, json.dumps(vervalst)]) + "\n")
    with afgekapt() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer <= OUD + 50))
    assert _soorten(_verify(afgekapt)) == ["ontbreekt", "anker_ongeldig"]
    # a bewaaranker signed with another key does not count either
    anker = logboek_anker.teken(Sleutel.uit(secrets.token_bytes(32)), database=knip[0]["database"], aantal=OUD + 50,
                                kop="0" * 64, reden="bewaartermijn")  # fmt: skip
    instellingen.ankers.write_text("\n".join(regels) + "\n" + anker.als_regel())
    assert "anker_ongeldig" in _soorten(_verify(afgekapt))


def test_begin_verwijderd_zonder_bewaaranker_wordt_ontdekt(
    sessions: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    configureer(sessions, instellingen)
    _lees(sessions, 300, 0)
    with sessions() as s:
        assert schrijf_anker(s, instellingen) is not None
    with sessions() as s, s.begin():
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer <= 120))
    uitkomst = _verify(sessions)
    assert _soorten(uitkomst) == ["ontbreekt"] and uitkomst.afgekapt_tot == 0
    assert (uitkomst.problemen[0].van, uitkomst.problemen[0].tot) == (1, 120)


def test_knip_in_uitvoering_en_herstelde_oude_backup_verifieren(
    sessions: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    """Records before the bewaaranker's head that are still there (a backup from before the cut restored, or a cut
    under way) are accepted: the anker checks the head they lead to; a change among them is still found."""
    weg = _knip(sessions, instellingen)
    tabel = LogboekRecord.__table__
    with sessions() as s, s.begin():  # a backup from before the cut: every record back
        s.execute(tabel.insert(), weg)
    uitkomst = _verify(sessions)
    assert uitkomst.ok and uitkomst.afgekapt_tot == 0 and uitkomst.records == OUD + NIEUW + 1
    with sessions() as s, s.begin():  # a cut under way: the first 250 gone
        s.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer <= 250))
    uitkomst = _verify(sessions)
    assert uitkomst.ok and uitkomst.afgekapt_tot == 250
    with sessions() as s, s.begin():
        s.get_one(LogboekRecord, 400).actor = "u-2"
    assert _soorten(_verify(sessions)) == ["gewijzigd"]


def test_geen_knip_zonder_sleutel_of_met_een_gewijzigd_grensrecord(
    sessions: sessionmaker[Session], instellingen: LogboekInstellingen
) -> None:
    configureer(sessions, instellingen)
    _lees(sessions, 10, 0)
    with sessions() as s:
        grens = s.scalar(select(func.max(LogboekRecord.tijdstip)))
        assert grens is not None
    from datetime import timedelta

    later = grens + timedelta(seconds=1)
    with sessions() as s, s.begin(), pytest.raises(GeenAfkapping, match="geen logboeksleutel"):
        kap_af(s, None, later, BEHEER, doel="bewaartermijn")
    with sessions() as s, s.begin():
        s.get_one(LogboekRecord, 10).doel = "iets anders"
    with sessions() as s, s.begin(), pytest.raises(GeenAfkapping, match="klopt niet"):
        kap_af(s, instellingen, later, BEHEER, doel="bewaartermijn")
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(LogboekRecord)) == 10
        assert database_van(s)
    assert not [r for r in instellingen.ankers.read_text().splitlines() if '"bewaartermijn"' in r]
