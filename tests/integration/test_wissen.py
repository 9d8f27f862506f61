# SPDX-License-Identifier: EUPL-1.2
"""Erasure on request (AVG art. 17, issue 15 item 5), on SQLite and PostgreSQL: ``zicht wissen`` crypto-shreds the
identity of every melding of the person at once (gone from every table and the database files), keeps the
minimised meldingen and so every count, logs the request's reference, is reflected in ``zicht inzage`` (which still
lists every read of the person) and can be repeated; a bad reference, an unknown id and a role without the right
are refused."""

from __future__ import annotations

import json
import uuid
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import bewaren_support as steun
from tests.integration.test_bewaartermijn import _bytes_in_database, _in_tabellen
from zicht.cli import main
from zicht.config import load_settings
from zicht.ops.wissen import DOEL_WISSEN, OngeldigVerzoek, wis_identiteit
from zicht.privacy.toegang import GeenToegang, Rol, Toegang
from zicht.storage.tables import Identiteit, LogboekRecord, Melding

RECENT = date(2024, 6, 1)


def test_wissen_vernietigt_de_identiteit_en_inzage_toont_het(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    env = steun.omgeving(tmp_path, db_url)
    sessions, (gewist, ander) = steun.vul(load_settings(env), [(f"R{i}", RECENT) for i in range(4)])
    engine = sessions.kw["bind"]
    with sessions() as s:
        eigen = set(s.scalars(select(Melding.id).where(Melding.persoon_id == gewist)))
        sporen: list[str | bytes] = ["Voornaam0", "Voornaam1", "NX000000", "NX000001"]
        for r in s.scalars(select(Identiteit).where(Identiteit.melding_id.in_(eigen))):
            sporen += [bytes(r.versleuteld), *(p for p in (r.pseudo_document, r.pseudo_naam_geboortedatum) if p)]
        cijfers = [bytes(r.versleuteld) for r in s.scalars(select(Identiteit).where(Identiteit.melding_id.in_(eigen)))]
    assert len(eigen) == 2 and {t for t, _, _ in _in_tabellen(engine, sporen)} == {"identiteit"}
    capsys.readouterr()

    assert main(["wissen", str(gewist), "--verzoek", "avg-2026-0012", "--json"], env) == 0
    uit = json.loads(capsys.readouterr().out)
    assert uit == {"persoon": str(gewist), "meldingen": sorted(str(m) for m in eigen), "identiteiten_vernietigd": 2}
    assert _in_tabellen(engine, sporen) == set()
    assert _bytes_in_database(db_url, cijfers, tmp_path) == []
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Melding)) == 4  # the minimised meldingen stay
        assert s.scalar(select(func.count()).select_from(Identiteit)) == 2  # the other person's identities too
        records = s.scalars(select(LogboekRecord).where(LogboekRecord.doel == DOEL_WISSEN)).all()
    assert {r.object_id for r in records} == {str(m) for m in eigen} and {r.persoon_id for r in records} == {
        str(gewist)
    }
    assert all(json.loads(r.details) == {"verzoek": "AVG-2026-0012", "vernietigd": 2} for r in records)
    assert {(r.actie, r.object_type, r.rol) for r in records} == {("verwijderen", "identiteit", "beheerder")}

    # the access request shows the erasure and still lists every read of the person
    assert main(["inzage", str(gewist), "--json"], env) == 0
    antwoord = json.loads(capsys.readouterr().out)
    assert [m["identiteit"] for m in antwoord["meldingen"]] == ["gewist", "gewist"]
    assert [m["identiteit_bewaard"] for m in antwoord["meldingen"]] == [False, False]
    lezingen = [v for v in antwoord["verwerkingen"] if v["actie"] == "lezen"]
    assert [(v["rol"], v["doel"]) for v in lezingen] == [("analist", "analyse")]
    assert len([v for v in antwoord["verwerkingen"] if v["doel"] == DOEL_WISSEN]) == 2
    assert main(["inzage", str(gewist)], env) == 0
    tekst = capsys.readouterr().out
    assert tekst.count("identiteit gewist op verzoek") == 2 and "verantwoording" in tekst  # the first inzage, read

    # again: nothing left to destroy, the request logged again; a melding id stands for its person
    assert main(["wissen", str(gewist), "--verzoek", "AVG-2026-0012"], env) == 0
    assert "0 identiteiten vernietigd van 2 meldingen" in capsys.readouterr().out
    with sessions() as s:
        melding_ander = s.scalars(select(Melding.id).where(Melding.persoon_id == ander)).first()
    assert main(["wissen", str(melding_ander), "--verzoek", "AVG-2026-0013", "--json"], env) == 0
    assert json.loads(capsys.readouterr().out)["persoon"] == str(ander)
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Identiteit)) == 0

    # refused: a reference that is no reference, an unknown id
    assert main(["wissen", str(gewist), "--verzoek", "mevrouw Jansen"], env) == 3
    assert "kenmerk van het verzoek" in capsys.readouterr().err
    assert main(["wissen", str(uuid.uuid4()), "--verzoek", "AVG-2026-0014"], env) == 1
    assert "geen persoon of melding" in capsys.readouterr().err
    assert main(["logboek", "verify", "--geen-anker"], env) == 0
    engine.dispose()


def test_alleen_wie_mag_wissen_wist(tmp_path: Path, db_url: str) -> None:
    env = steun.omgeving(tmp_path, db_url)
    sessions, (persoon, _) = steun.vul(load_settings(env), [(f"R{i}", RECENT) for i in range(4)])
    for rol in (Rol.analist, Rol.gemeente, Rol.melder, Rol.opvang):
        with sessions() as s, s.begin(), pytest.raises(GeenToegang):
            wis_identiteit(s, Toegang.voor_rol("u-1", rol), persoon, verzoek="AVG-2026-0001")
    for rol in (Rol.identiteit, Rol.beheerder):
        with sessions() as s, s.begin(), pytest.raises(OngeldigVerzoek):
            wis_identiteit(s, Toegang.voor_rol("u-1", rol), persoon, verzoek="AVG")  # a reference needs a digit
    with sessions() as s, s.begin():
        assert (
            wis_identiteit(s, Toegang.voor_rol("u-2", Rol.identiteit), persoon, verzoek="AVG-2026-1").identiteiten == 2
        )
    sessions.kw["bind"].dispose()
