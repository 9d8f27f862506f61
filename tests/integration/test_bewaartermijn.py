# SPDX-License-Identifier: EUPL-1.2
"""Purge test (issue 15): after the retention period a purged identity is absent from every table, the database
file, the statistics extract (DuckDB), an export and a backup (restored and scanned, since a PostgreSQL dump is
compressed); its counts survive, in the registry and in the extract; ``zicht inzage`` on a kept person lists
every read; a backup from before the purge, restored, does not bring the identity back."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, MetaData, func, select

from tests import bewaren_support as steun
from zicht.cli import main
from zicht.config import load_settings
from zicht.ops.backup import tellingen
from zicht.storage import make_engine
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


def _in_tabellen(engine: Engine, needles: list[str | bytes]) -> set[tuple[str, str, str | bytes]]:
    """(table, column, needle) for every value of every column of every table (reflected from the database, so
    also tables the code does not map) that holds one of ``needles``: text, JSON and binary columns alike."""
    meta = MetaData()
    meta.reflect(engine)
    gevonden: set[tuple[str, str, str | bytes]] = set()
    with engine.connect() as conn:
        for tabel in meta.sorted_tables:
            for rij in conn.execute(select(tabel)):
                for kolom, waarde in zip(tabel.columns, rij, strict=True):
                    if waarde is None:
                        continue
                    if isinstance(waarde, bytes | memoryview):
                        ruw = bytes(waarde)
                        treffers = [n for n in needles if (n if isinstance(n, bytes) else n.encode()) in ruw]
                    else:
                        tekst = waarde if isinstance(waarde, str) else json.dumps(waarde, default=str)
                        treffers = [n for n in needles if (n.hex() if isinstance(n, bytes) else n) in tekst]
                    gevonden.update((tabel.name, kolom.name, n) for n in treffers)
    return gevonden


def _in_extract(engine: Engine, needles: list[str]) -> tuple[int, int, list[str]]:
    """The statistics extract (DuckDB) built from the registry: its melding and person counts, and which of
    ``needles`` occur in any of its tables' columns."""
    from zicht.analysis.extract import ExtractBron
    from zicht.config import load_settings as _ls
    from zicht.reference import load_reference

    extract = ExtractBron(engine, load_reference(_ls({}).effective_reference_dir), controle_interval=0).extract()
    con = extract.cursor()
    n, personen = con.execute("SELECT count(*), count(DISTINCT persoon) FROM melding").fetchone() or (0, 0)
    gevonden = []
    for (tabel,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall():
        rijen = con.execute(f'SELECT * FROM "{tabel}"').fetchall()
        tekst = "\n".join("\t".join(map(str, r)) for r in rijen)
        gevonden += [f"{tabel}: {n}" for n in needles if n in tekst]
    return int(n), int(personen), gevonden


def _lege_database(db_url: str, tmp_path: Path, naam: str, request: pytest.FixtureRequest) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / naam}.sqlite3"
    return str(request.getfixturevalue("pg_server").create_database())


def test_opschonen_vernietigt_verlopen_identiteiten_en_houdt_de_tellingen(
    tmp_path: Path, db_url: str, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    env = steun.omgeving(tmp_path, db_url)
    # persons: (R0, R1) both old -> purged; (R2, R3) one old, one recent -> kept (person still reported)
    sessions, personen = steun.vul(load_settings(env), [("R0", OUD), ("R1", OUD), ("R2", OUD), ("R3", RECENT)])
    weg, blijft = personen
    with sessions() as s:
        cijfers = {r.melding_id: (bytes(r.versleuteld), r.pseudo_document) for r in s.scalars(select(Identiteit))}
        oud_ids = {m.id for m in s.scalars(select(Melding).where(Melding.persoon_id == weg))}
        voor = tellingen(s.connection())
        # everything of the purged identity: ciphertext, every pseudonym, and its plaintext values (R0, R1 are
        # identities 0 and 1 of steun.vul)
        sporen: list[str | bytes] = ["Voornaam0", "Voornaam1", "NX000000", "NX000001", "1990-01-01", "1990-01-02"]
        bewaard: list[str | bytes] = []
        for r in s.scalars(select(Identiteit)):
            naar = sporen if r.melding_id in oud_ids else bewaard
            naar += [bytes(r.versleuteld)]
            naar += [p for p in (r.pseudo_document, r.pseudo_telefoon, r.pseudo_naam_geboortedatum) if p]
    engine = sessions.kw["bind"]
    assert {t for t, _, _ in _in_tabellen(engine, sporen)} == {"identiteit"}  # the scan finds what is there
    extract_voor = _in_extract(engine, [])
    vooraf = tmp_path / "backup-vooraf"
    assert main(["backup", str(vooraf)], env) == 0
    capsys.readouterr()
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
    # absent from every column of every table, present still for the kept identity
    assert _in_tabellen(engine, sporen) == set()
    assert {t for t, _, _ in _in_tabellen(engine, bewaard)} == {"identiteit"}
    # the statistics extract: same meldingen and persons as before the purge, no trace of the identity
    n, p, gevonden = _in_extract(engine, [x for x in sporen if isinstance(x, str)])
    assert (n, p) == extract_voor[:2] == (4, 2) and gevonden == []
    engine.dispose()

    # absent from the database files, a backup and a minimised export
    needles = [c for m, (c, _) in cijfers.items() if m in oud_ids] + [
        p.encode() for m, (_, p) in cijfers.items() if m in oud_ids and p
    ]
    assert _bytes_in_database(db_url, needles, tmp_path) == []
    backup = tmp_path / "backup"
    assert main(["backup", str(backup)], env) == 0
    assert not any(n in f.read_bytes() for f in backup.iterdir() for n in needles)  # SQLite: an uncompressed copy
    # restored (a PostgreSQL dump is compressed, its bytes prove nothing): not in any table, counts as before
    for naam, map_, opschonen in (("na", backup, "--geen-opschoning"), ("vooraf", vooraf, None)):
        doel_env = {**env, "ZICHT_DATABASE_URL": _lege_database(db_url, tmp_path, f"herstel-{naam}", request)}
        assert main(["restore", str(map_), *([opschonen] if opschonen else [])], doel_env) == 0, naam
        doel = make_engine(doel_env["ZICHT_DATABASE_URL"])
        # a backup made after the purge holds no trace; one from before it is purged again on restore
        assert _in_tabellen(doel, sporen) == set(), naam
        assert {t for t, _, _ in _in_tabellen(doel, bewaard)} == {"identiteit"}, naam
        with doel.connect() as conn:
            assert tellingen(conn)["melding"] == 4, naam
        doel.dispose()
    export = tmp_path / "export.csv"
    assert main(["export", "meldingen", "--out", str(export)], env) == 0
    tekst = export.read_text(encoding="utf-8-sig")
    assert len(tekst.splitlines()) == 5  # header and the four meldingen: the purge removed none
    assert not [x for x in sporen if isinstance(x, str) and x in tekst]
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
