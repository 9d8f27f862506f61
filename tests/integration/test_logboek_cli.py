# SPDX-License-Identifier: EUPL-1.2
"""``zicht logboek verify`` and ``zicht logboek anker`` end to end, as a separate process and in-process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import delete, update

from tests import conftest
from zicht.cli import main
from zicht.config import generate_key, load_settings
from zicht.privacy import logboek
from zicht.privacy.logboek import LogboekInstellingen, configureer
from zicht.storage import make_engine, session_factory
from zicht.storage.tables import LogboekRecord

ANALIST = logboek.Actor("u-1", "analist", "comensha")


@pytest.fixture
def env(tmp_path: Path, db_url: str) -> dict[str, str]:
    """A migrated registry (SQLite or PostgreSQL) with a keyed logboek of 300 records in three commits."""
    environ = conftest.test_environ(tmp_path, ZICHT_DATABASE_URL=db_url, ZICHT_LOGBOEK_SLEUTEL=generate_key())
    assert main(["db", "upgrade"], environ) == 0
    instellingen = LogboekInstellingen.from_settings(load_settings(environ))
    engine = make_engine(db_url)
    sessions = session_factory(engine)
    configureer(sessions, instellingen)
    for begin in (0, 100, 200):
        with sessions() as s, s.begin():
            logboek.append(
                s,
                ANALIST,
                actie="lezen",
                object_type="melding",
                object_ids=[f"m{i}" for i in range(begin, begin + 100)],
                doel="analyse",
            )
    engine.dispose()
    return environ


def _sql(env: dict[str, str], statement: object) -> None:
    engine = make_engine(env["ZICHT_DATABASE_URL"])
    with session_factory(engine)() as s, s.begin():
        s.execute(statement)  # type: ignore[call-overload]
    engine.dispose()


def _zicht_proces(env: dict[str, str], *argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "zicht", *argv],
        env={**env, "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _ankers(env: dict[str, str]) -> list[dict[str, object]]:
    pad = load_settings(env).effective_logboek_ankers
    return [json.loads(regel) for regel in pad.read_text().splitlines()]


def test_verify_als_proces_ontdekt_het_verwijderde_laatste_record(env: dict[str, str]) -> None:
    assert [a["aantal"] for a in _ankers(env)] == [100, 200, 300]  # one per commit past a multiple of 100

    intact = _zicht_proces(env, "logboek", "verify")
    assert intact.returncode == 0, intact.stderr
    assert "logboek in orde" in intact.stdout and "300 records (300 met sleutel), 3 ankers" in intact.stdout
    assert [(a["aantal"], a["reden"]) for a in _ankers(env)][-1] == (300, "verify")

    _sql(env, delete(LogboekRecord).where(LogboekRecord.volgnummer == 300))
    kapot = _zicht_proces(env, "logboek", "verify")
    assert kapot.returncode == 1
    assert "Traceback" not in kapot.stderr
    assert "logboek NIET in orde" in kapot.stderr
    assert "- Het logboek is ingekort" in kapot.stderr and "(1 record aan het eind verwijderd)" in kapot.stderr
    assert len(_ankers(env)) == 4  # no anker of a logboek with problems

    als_json = _zicht_proces(env, "logboek", "verify", "--json")
    assert als_json.returncode == 1
    uitvoer = json.loads(als_json.stdout)
    assert uitvoer["ok"] is False and uitvoer["records"] == 299 and uitvoer["anker_geschreven"] is False
    assert [(p["soort"], p["van"], p["tot"]) for p in uitvoer["problemen"]] == [("ingekort", 300, 300)]


def test_verify_meldt_elk_probleem_apart(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    _sql(env, delete(LogboekRecord).where(LogboekRecord.volgnummer == 150))
    _sql(env, update(LogboekRecord).where(LogboekRecord.volgnummer == 20).values(doel="iets anders"))
    assert main(["logboek", "verify"], env) == 1
    fout = capsys.readouterr().err
    assert "logboek NIET in orde / logboek BROKEN: 2 problemen, het eerste bij record 20 (" in fout
    assert "- Record 20: de HMAC klopt niet" in fout
    assert "- Record 150 ontbreekt: verwijderd uit het logboek." in fout


def test_anker_schrijft_een_ondertekend_anker_van_de_kop(
    env: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["logboek", "anker", "--json"], env) == 0
    uitvoer = json.loads(capsys.readouterr().out)
    assert uitvoer["anker_geschreven"] is True and uitvoer["aantal"] == 300
    laatste = _ankers(env)[-1]
    assert (laatste["aantal"], laatste["kop"], laatste["reden"]) == (300, uitvoer["kop"], "handmatig")
    assert len(str(laatste["handtekening"])) == 64

    _sql(env, update(LogboekRecord).where(LogboekRecord.volgnummer == 300).values(doel="iets anders"))
    assert main(["logboek", "anker"], env) == 1  # never anker a head that does not match its hash
    assert "geen anker geschreven" in capsys.readouterr().err


def test_zonder_sleutel_weigert_anker_en_faalt_verify(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    zonder = {k: v for k, v in env.items() if k not in ("ZICHT_LOGBOEK_SLEUTEL", "ZICHT_PSEUDONYM_KEY")}
    assert main(["logboek", "anker"], zonder) == 2
    assert "ZICHT_LOGBOEK_SLEUTEL" in capsys.readouterr().err
    assert main(["logboek", "verify"], zonder) == 1
    fout = capsys.readouterr().err
    assert "Records 1 t/m 300: met een sleutel beveiligd, maar er is geen logboeksleutel ingesteld" in fout
