# SPDX-License-Identifier: EUPL-1.2
"""``zicht demo`` builds a registry from synthetic data through the normal import path and summarises it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import PRODUCTIE_CONTACT, test_environ
from zicht.cli import main
from zicht.config import load_settings
from zicht.storage import engine_from_settings, session_factory
from zicht.storage.tables import Identiteit, Melding


def test_demo_laadt_synthetische_meldingen_en_toont_overzicht(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = test_environ(tmp_path, ZICHT_OMGEVING="demo")
    assert main(["demo", "--from", "2024", "--to", "2024", "--no-serve"], env) == 0
    out = capsys.readouterr().out
    assert "Meldingen per jaar" in out and "2024" in out
    assert "Meldingen per uitbuitingsvorm" in out and "politie-eenheid" in out
    assert "personen na" in out  # meldingen were linked into persons

    sessions = session_factory(engine_from_settings(load_settings(env)))
    with sessions() as s:
        meldingen = s.scalar(select(func.count()).select_from(Melding))
        identiteiten = s.scalar(select(func.count()).select_from(Identiteit))
    assert meldingen is not None and meldingen > 900  # about 1,060 reports in 2024 (domain.md §2.4)
    assert identiteiten is not None and identiteiten > 0.9 * meldingen
    with sessions() as s:
        personen = s.scalar(select(func.count(func.distinct(Melding.persoon_id))))
    assert personen is not None and 0.75 * meldingen < personen < meldingen  # reports ≈ 1.13–1.2 × persons

    # Running again reuses the registry instead of importing twice.
    assert main(["demo", "--from", "2024", "--to", "2024", "--no-serve"], env) == 0
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Melding)) == meldingen


def test_demo_weigert_in_productie(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--no-serve"], test_environ(tmp_path, ZICHT_OMGEVING="productie", **PRODUCTIE_CONTACT)) == 2
    assert "productie" in capsys.readouterr().err


def test_de_afgedrukte_demologins_werken(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """README's promise (issue 14): the logins ``make demo`` prints work exactly as printed: user name,
    password, then the code of an authenticator fed with the printed TOTP secret."""
    import re
    import warnings

    from zicht.accounts import totp
    from zicht.web import create_app

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        from starlette.testclient import TestClient

    env = test_environ(tmp_path, ZICHT_OMGEVING="demo")
    assert main(["demo", "--from", "2024", "--to", "2024", "--schaal", "0.05", "--no-serve"], env) == 0
    out = capsys.readouterr().out
    app = create_app(load_settings(env))
    gezien = 0
    for blok in re.finditer(r"gebruikersnaam:\s+(\S+)\s+wachtwoord:\s+(\S+)\s+TOTP-geheim:\s+([A-Z2-7]+)", out):
        naam, wachtwoord, geheim = blok.groups()
        client = TestClient(app, base_url="http://testserver", follow_redirects=False)
        csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/inloggen").text)
        assert csrf is not None
        r = client.post(
            "/inloggen",
            data={"csrf_token": csrf.group(1), "gebruikersnaam": naam, "wachtwoord": wachtwoord, "volgende": "/"},
        )
        assert r.status_code == 303 and r.headers["location"].startswith("/inloggen/code"), (naam, r.status_code)
        csrf = re.search(r'name="csrf_token" value="([0-9a-f]+)"', client.get("/inloggen/code").text)
        assert csrf is not None
        r = client.post(
            "/inloggen/code", data={"csrf_token": csrf.group(1), "code": totp.code_voor(geheim), "volgende": "/"}
        )
        assert r.status_code == 303 and r.headers["location"] == "/", (naam, r.status_code)
        assert client.get("/mijn-gegevens").status_code == 200
        gezien += 1
    assert gezien == 6  # every role's demo account
