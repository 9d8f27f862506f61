# SPDX-License-Identifier: EUPL-1.2
"""``zicht serve`` and ``zicht assets``, and the demo accounts that ``zicht demo`` prints."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests import conftest
from zicht.accounts import maak_organisatie, totp
from zicht.cli import main
from zicht.cli.assets import BESTANDEN, kopieer_assets
from zicht.config import load_settings
from zicht.storage import make_engine, session_factory, transaction, upgrade
from zicht.web.demo import maak_demo_accounts


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_serve_weigert_een_niet_bijgewerkte_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"], conftest.test_environ(tmp_path)) == 2
    assert "zicht db upgrade" in capsys.readouterr().err


@pytest.mark.slow
def test_serve_start_de_app_met_uvicorn(tmp_path: Path) -> None:
    poort = _vrije_poort()
    env = {**conftest.test_environ(tmp_path), "PATH": "/usr/bin:/bin"}
    proces = subprocess.Popen(
        [sys.executable, "-m", "zicht", "serve", "--port", str(poort), "--upgrade"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                r = httpx.get(f"http://127.0.0.1:{poort}/inloggen", timeout=2)
                break
            except httpx.TransportError:
                if proces.poll() is not None or time.monotonic() > deadline:
                    proces.kill()
                    pytest.fail(f"zicht serve did not start: {proces.communicate()[1][-2000:]!r}")
                time.sleep(0.2)
        assert r.status_code == 200 and "Inloggen" in r.text
        assert "server" not in r.headers  # no server banner
        api = httpx.get(f"http://127.0.0.1:{poort}/api/v1/openapi.json", timeout=5)
        assert api.headers["api-version"] == "1.0.0"
    finally:
        proces.terminate()
        proces.wait(timeout=20)


def test_assets_kopieert_de_pakketten(tmp_path: Path) -> None:
    node_modules = conftest.REPO_ROOT / "node_modules"
    assert (node_modules / "htmx.org").is_dir(), "voer 'npm ci' uit (make install doet dat)"
    versies = kopieer_assets(node_modules, tmp_path)
    assert set(versies) == set(BESTANDEN)
    assert versies["htmx.org"].startswith("2.")
    for bestanden in BESTANDEN.values():
        for _, doel in bestanden:
            assert (tmp_path / doel).stat().st_size > 1000
    assert (tmp_path / "htmx" / "LICENSE").is_file()


def test_assets_zonder_node_modules_geeft_een_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["assets", "--node-modules", str(tmp_path)], conftest.test_environ(tmp_path)) == 2
    assert "npm ci" in capsys.readouterr().err


def test_demo_accounts_een_per_rol(tmp_path: Path) -> None:
    settings = load_settings(conftest.test_environ(tmp_path))
    engine = make_engine(settings.effective_database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as s:
        maak_organisatie(s, code="politie-utrecht", naam="Politie Utrecht", soort="nationale_politie")
    accounts = {a.rol: a for a in maak_demo_accounts(sessions, settings)}
    assert set(accounts) == {"melder", "analist", "identiteit", "gemeente", "opvang", "beheerder"}
    assert accounts["melder"].organisatie == "politie-utrecht"  # an existing organisation
    assert accounts["gemeente"].gebied == "gemeente:GM0344"
    assert all(len(totp.code_voor(a.totp_geheim)) == 6 for a in accounts.values())
    opnieuw = {a.rol: a for a in maak_demo_accounts(sessions, settings)}
    assert opnieuw["melder"].wachtwoord != accounts["melder"].wachtwoord  # a rerun prints fresh credentials
    engine.dispose()


def test_demo_accounts_niet_in_productie(tmp_path: Path) -> None:
    settings = load_settings(conftest.test_environ(tmp_path, ZICHT_OMGEVING="productie", **conftest.PRODUCTIE_CONTACT))
    with pytest.raises(RuntimeError, match="productie"):
        maak_demo_accounts(session_factory(make_engine(settings.effective_database_url)), settings)
