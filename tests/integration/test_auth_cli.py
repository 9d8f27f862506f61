# SPDX-License-Identifier: EUPL-1.2
"""``zicht users``: organisations, users, tokens from the command line, and what they allow in the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests import conftest
from zicht.cli import main


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    environ = conftest.test_environ(tmp_path)
    assert main(["db", "upgrade"], environ) == 0
    return environ


def test_users_organisatie_gebruiker_en_token(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert (
        main(
            ["users", "create-organisation", "politie-utrecht", "--naam", "Politie Utrecht", "--soort", "politie"], env
        )
        == 0
    )
    assert (
        main(["users", "create", "p.jansen", "--rol", "melder", "--organisatie", "politie-utrecht", "--totp"], env) == 0
    )
    uit = capsys.readouterr().out
    assert re.search(r"wachtwoord / password \(eenmalig getoond / shown once\): \S{16,}", uit)
    assert "otpauth://totp/zicht:p.jansen" in uit
    assert main(["users", "create", "g.utrecht", "--rol", "gemeente", "--gebied", "GM0344"], env) == 0
    assert main(["users", "list", "--json"], env) == 0
    capsys.readouterr()
    assert main(["users", "list", "--json"], env) == 0
    rijen = {r["gebruikersnaam"]: r for r in json.loads(capsys.readouterr().out)}
    assert rijen["p.jansen"]["organisatie"] == "politie-utrecht" and rijen["p.jansen"]["totp"] is True
    assert rijen["g.utrecht"]["gebied"] == "gemeente:GM0344" and rijen["g.utrecht"]["totp"] is False

    assert (
        main(["users", "create-token", "--organisatie", "politie-utrecht", "--scope", "meldingen:aanmaken"], env) == 0
    )
    uit = capsys.readouterr().out
    token_id = re.search(r"token-id: (\S+)", uit).group(1)  # type: ignore[union-attr]
    assert re.search(r"token \(eenmalig getoond / shown once\): zicht_[0-9a-f]{12}_\S+", uit)
    assert main(["users", "tokens", "--json"], env) == 0
    (token,) = json.loads(capsys.readouterr().out)
    assert token["id"] == token_id and "hash" not in token and not token["ingetrokken"]
    assert main(["users", "revoke-token", token_id], env) == 0
    assert main(["users", "revoke-token", token_id], env) == 1
    assert main(["users", "deactivate", "p.jansen"], env) == 0
    assert main(["users", "reset-totp", "p.jansen"], env) == 0


def test_users_weigert_ongeldige_invoer(env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["users", "create", "x.melder", "--rol", "melder"], env) == 2  # a melder needs an organisation
    assert main(["users", "create", "x.gemeente", "--rol", "gemeente"], env) == 2  # a gemeente user needs an area
    assert main(["users", "create", "x.y", "--rol", "koning"], env) == 2
    assert main(["users", "create-token", "--organisatie", "bestaat-niet", "--scope", "uploads"], env) == 2
    # a token always expires (issue 15 finding 9: 0 made one that never did, -1 one listed active but dead)
    for dagen in ("0", "-1", "731"):
        args = ["users", "create-token", "--organisatie", "politie-utrecht", "--scope", "uploads", "--geldig-dagen"]
        assert main([*args, dagen], env) == 2
    assert main(["users", "deactivate", "niemand"], env) == 1
    fout = capsys.readouterr().err
    assert "organisatie" in fout and "gebied" in fout


def test_wachtwoord_van_stdin_voldoet_aan_het_beleid(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    assert main(["users", "create", "a.analist", "--rol", "analist", "--password-stdin"], env) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("een voldoende lange zin als wachtwoord\n"))
    assert main(["users", "create", "a.analist", "--rol", "analist", "--password-stdin"], env) == 0
