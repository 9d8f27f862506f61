# SPDX-License-Identifier: EUPL-1.2
"""``zicht signalen crawl``: off by default (with the legal caveat), and against the local fake site when a
deployment allow-lists its host: robots.txt obeyed, ads stored as an organisation's queue."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from tests.conftest import test_environ
from tests.signalen_nepsite import nepsite
from tests.web_support import maak_testbed
from zicht.cli import main
from zicht.storage.tables import SignaalRun
from zicht.synth.advertenties import WereldConfig, genereer


def test_crawl_staat_uit_tenzij_ingesteld(tmp_path: Path, capsys: object) -> None:
    bed = maak_testbed(tmp_path)
    env = test_environ(tmp_path)
    env["ZICHT_DATABASE_URL"] = str(bed.engine.url)
    ads = genereer(WereldConfig(advertenties=6, seed=2)).advertenties
    with nepsite(ads, robots="User-agent: *\nDisallow: /prive/\n") as site:
        args = ["signalen", "crawl", "--bron", site.basis + "/", "--organisatie", bed.org_a]
        args += ["--contact", "team@example.org", "--vertraging", "1", "--max-paginas", "4"]
        assert main(args, env) != 0
        fout = capsys.readouterr().err  # type: ignore[attr-defined]
        assert "crawler staat uit" in fout and "rechtsgrond" in fout
        assert site.verzoeken == []

        env["ZICHT_SIGNALEN_CRAWLER_HOSTS"] = "elders.invalid, 127.0.0.1"
        assert main(args, env) == 0
        uit = json.loads(capsys.readouterr().out.strip().splitlines()[-1])  # type: ignore[attr-defined]
        assert not [p for p in site.paden if p.startswith("/prive/")]
        assert site.paden[0] == "/robots.txt"
    assert uit["crawl"]["opgehaald"] == 4 and uit["advertenties"] == 3
    with bed.sessions() as s:
        run = s.scalars(select(SignaalRun)).one()
        assert run.bron == site.basis + "/" and run.aantal_advertenties == 3
