# SPDX-License-Identifier: EUPL-1.2
"""The logboek is hash-chained: verification detects altered, removed and inserted records."""

from __future__ import annotations

from sqlalchemy import delete, text, update

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
