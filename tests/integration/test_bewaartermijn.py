# SPDX-License-Identifier: EUPL-1.2
"""Purge test (issue 15): after the retention period a purged identity is absent from every table, the database
file, an export and a backup; its counts survive; ``zicht inzage`` on a kept person lists every read."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests import bewaren_support as steun
from zicht.cli import main
from zicht.config import load_settings
from zicht.ops.backup import tellingen
from zicht.storage.tables import Identiteit, LogboekRecord, Melding

OUD = date(2015, 3, 1)  # > 5 years before the peildatum
RECENT = date(2024, 6, 1)
PEILDATUM = "2026-12-01"


def _bytes_in_database(db_url: str, needles: list[bytes], tmp_path: Path) -> list[bytes]:
    """Which of ``needles`` occur anywhere in the database's files (SQLite) or in a fresh pg_dump (PostgreSQL)."""
    if db_url.startswith("sqlite"):
        pad = Path(db_url.split("///", 1)[1])
        inhoud = b"".join(p.read_bytes() for p in pad.parent.glob(pad.name + "*"))
    else:  # a plain dump: bytea appears as hex, whatever page a dead tuple lingers on is not dumped
        import subprocess

        from sqlalchemy.engine import make_url

        from zicht.ops.backup import pg_tool

        url = make_url(db_url)
        proc = subprocess.run(
            [pg_tool("pg_dump"), "--format=plain", f"--host={url.host}", f"--port={url.port}",
             f"--username={url.username}", f"--dbname={url.database}"],
            capture_output=True, check=True,
        )  # fmt: skip
        return [n for n in needles if n.hex().encode() in proc.stdout or (n and n in proc.stdout)]
    return [n for n in needles if n in inhoud]


def test_opschonen_vernietigt_verlopen_identiteiten_en_houdt_de_tellingen(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    env = steun.omgeving(tmp_path, db_url)
    # persons: (R0, R1) both old -> purged; (R2, R3) one old, one recent -> kept (person still reported)
    sessions, personen = steun.vul(load_settings(env), [("R0", OUD), ("R1", OUD), ("R2", OUD), ("R3", RECENT)])
    weg, blijft = personen
    with sessions() as s:
        cijfers = {r.melding_id: (bytes(r.versleuteld), r.pseudo_document) for r in s.scalars(select(Identiteit))}
        oud_ids = {m.id for m in s.scalars(select(Melding).where(Melding.persoon_id == weg))}
        voor = tellingen(s.connection())
    assert main(["bewaartermijn", "opschonen", "--peildatum", PEILDATUM], env) == 0
    assert "vernietigd / destroyed: 2 identiteiten" in capsys.readouterr().out

    with sessions() as s:
        over = {r.melding_id for r in s.scalars(select(Identiteit))}
        assert over == set(cijfers) - oud_ids
        na = tellingen(s.connection())
        # counts survive: every melding (and person) still there, only identities went
        assert na["melding"] == voor["melding"] == 4 and na["persoon"] == voor["persoon"]
        assert na["identiteit"] == voor["identiteit"] - 2
        assert s.scalar(select(func.count()).select_from(Melding).where(Melding.melddatum == OUD)) == 3
        records = s.scalars(select(LogboekRecord).where(LogboekRecord.actie == "verwijderen")).all()
        assert {r.object_id for r in records} == {str(m) for m in oud_ids}
        assert {r.persoon_id for r in records} == {str(weg)}
    sessions.kw["bind"].dispose()

    # absent from the database files, a backup and a minimised export
    needles = [c for m, (c, _) in cijfers.items() if m in oud_ids] + [
        p.encode() for m, (_, p) in cijfers.items() if m in oud_ids and p
    ]
    assert _bytes_in_database(db_url, needles, tmp_path) == []
    backup = tmp_path / "backup"
    assert main(["backup", str(backup)], env) == 0
    assert not any(n in f.read_bytes() for f in backup.iterdir() for n in needles)
    behouden = [c for m, (c, _) in cijfers.items() if m not in oud_ids]
    assert _bytes_in_database(db_url, behouden, tmp_path) == behouden  # the check finds what is there

    # a second run finds nothing more; the logboek chain is intact
    assert main(["bewaartermijn", "opschonen", "--peildatum", PEILDATUM], env) == 0
    assert "vernietigd / destroyed: 0 identiteiten" in capsys.readouterr().out
    assert main(["logboek", "verify", "--geen-anker"], env) == 0

    # inzage on the kept person: its meldingen and every read of it
    capsys.readouterr()
    assert main(["inzage", str(blijft), "--json"], env) == 0
    antwoord = json.loads(capsys.readouterr().out)
    assert [m["identiteit_bewaard"] for m in antwoord["meldingen"]] == [True, True]
    lezingen = [v for v in antwoord["verwerkingen"] if v["actie"] == "lezen"]
    assert any(v["rol"] == "analist" and v["doel"] == "analyse" for v in lezingen)
    aangemaakt = [v for v in antwoord["verwerkingen"] if v["actie"] == "aanmaken"]
    assert len(aangemaakt) == 2  # both meldingen' creation records, written before linkage
    capsys.readouterr()
    assert main(["inzage", str(blijft), "--json"], env) == 0  # the previous inzage is now listed as a read
    tweede = json.loads(capsys.readouterr().out)
    assert len([v for v in tweede["verwerkingen"] if v["actie"] == "lezen"]) == len(lezingen) + 1
    # the purged person: meldingen listed, identity shredded
    assert main(["inzage", str(weg), "--json"], env) == 0
    assert [m["identiteit_bewaard"] for m in json.loads(capsys.readouterr().out)["meldingen"]] == [False, False]
