# SPDX-License-Identifier: EUPL-1.2
"""Restore drill: ``zicht backup`` then ``zicht restore`` into an empty database gives the same table counts,
persons, identities and an intact logboek chain, on SQLite and PostgreSQL; the keys are not in the backup."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from tests import bewaren_support as steun
from zicht.cli import main
from zicht.config import load_settings
from zicht.ops.backup import MANIFEST, Manifest, tellingen
from zicht.privacy.vault import Vault
from zicht.storage import make_engine, session_factory
from zicht.storage.tables import Identiteit


def _doel_url(db_url: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'doel.sqlite3'}"
    return str(request.getfixturevalue("pg_server").create_database())


def test_herstel_geeft_dezelfde_tellingen_personen_en_logboekketen(
    tmp_path: Path, db_url: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    env = steun.omgeving(tmp_path, db_url)
    settings = load_settings(env)
    bron_sessies, _ = steun.vul(settings, [(f"R{i}", date(2024, 1, 1 + i)) for i in range(6)])
    bron_personen = steun.personen(bron_sessies)
    map_ = tmp_path / "backup"
    assert main(["backup", str(map_)], env) == 0
    manifest = Manifest.lees(map_)
    with bron_sessies() as s:
        assert tellingen(s.connection()) == manifest.tellingen
    assert manifest.tellingen["melding"] == 6 and manifest.tellingen["persoon"] == 3
    assert manifest.logboek_aantal == manifest.tellingen["logboek"] and manifest.logboek_kop
    # no key of any kind in the backup directory
    geheimen = [env[k] for k in ("ZICHT_VAULT_KEYS", "ZICHT_PSEUDONYM_KEY", "ZICHT_LOGBOEK_SLEUTEL")]
    for bestand in map_.iterdir():
        inhoud = bestand.read_bytes()
        assert not any(g.split(":")[-1].encode() in inhoud for g in geheimen), bestand.name

    doel_env = {**env, "ZICHT_DATABASE_URL": _doel_url(db_url, tmp_path, request)}
    assert main(["restore", str(map_)], doel_env) == 0
    doel = make_engine(doel_env["ZICHT_DATABASE_URL"])
    doel_sessies = session_factory(doel)
    with doel.connect() as conn:
        na = tellingen(conn)
    assert na == {**manifest.tellingen, "logboek": manifest.tellingen["logboek"] + 1}  # + the restore record
    assert steun.personen(doel_sessies) == bron_personen
    vault = Vault.from_settings(settings)
    with doel_sessies() as s:
        namen = sorted(
            vault.decrypt(r.melding_id, r.sleutel_id, r.versleuteld).voornamen or ""
            for r in s.scalars(select(Identiteit))
        )
    assert namen == [f"Voornaam{i}" for i in range(6)]
    doel.dispose()
    capsys.readouterr()
    assert main(["logboek", "verify", "--json", "--geen-anker"], doel_env) == 0
    assert json.loads(capsys.readouterr().out)["ok"] is True

    # a non-empty target is refused unless --force; then the restore checks out again
    assert main(["restore", str(map_)], doel_env) == 1
    assert "niet leeg" in capsys.readouterr().err
    assert main(["restore", str(map_), "--force"], doel_env) == 0
    bron_sessies.kw["bind"].dispose()


def test_herstel_weigert_een_gewijzigde_backup(
    tmp_path: Path, db_url: str, request: pytest.FixtureRequest, capsys: pytest.CaptureFixture[str]
) -> None:
    env = steun.omgeving(tmp_path, db_url)
    sessions, _ = steun.vul(load_settings(env), [("R1", date(2024, 2, 1)), ("R2", date(2024, 2, 2))])
    sessions.kw["bind"].dispose()
    map_ = tmp_path / "backup"
    assert main(["backup", str(map_)], env) == 0
    doel_env = {**env, "ZICHT_DATABASE_URL": _doel_url(db_url, tmp_path, request)}
    data = json.loads((map_ / MANIFEST).read_text())
    data["tellingen"]["melding"] = 3
    (map_ / MANIFEST).write_text(json.dumps(data))
    assert main(["restore", str(map_)], doel_env) == 1
    assert "tellingen wijken af" in capsys.readouterr().err
    dump = map_ / data["bestand"]
    dump.write_bytes(dump.read_bytes() + b"x")
    assert main(["restore", str(map_)], doel_env) == 1
    assert "klopt niet met het manifest" in capsys.readouterr().err
