# SPDX-License-Identifier: EUPL-1.2
"""``zicht signalen``: generate synthetic ads, process them into an organisation's queue, clean up."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import func, select

from tests.conftest import test_environ
from tests.web_support import maak_testbed
from zicht.cli import main
from zicht.storage.tables import SignaalCluster, SignaalRun


def test_genereer_verwerk_opschonen(tmp_path: Path, capsys: object) -> None:
    bed = maak_testbed(tmp_path)
    env = test_environ(tmp_path)
    env["ZICHT_DATABASE_URL"] = str(bed.engine.url)
    ads = tmp_path / "ads.jsonl"
    assert main(["signalen", "genereer", "--advertenties", "800", "--uit", str(ads)], env) == 0
    assert len(ads.read_text(encoding="utf-8").splitlines()) == 800
    assert (tmp_path / "ads.waarheid.jsonl").is_file()
    assert main(["signalen", "verwerk", str(ads), "--organisatie", bed.org_a, "--wachtrij", "15"], env) == 0
    uit = json.loads(capsys.readouterr().out.strip().splitlines()[-1])  # type: ignore[attr-defined]
    assert uit["advertenties"] == 800
    with bed.sessions() as s:
        assert s.scalar(select(func.count()).select_from(SignaalRun)) == 1
        assert s.scalar(select(func.count()).select_from(SignaalCluster).where(SignaalCluster.soort == "rang")) == 15
    assert main(["signalen", "opschonen"], env) == 0
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["signaal_run"] == 0  # type: ignore[attr-defined]
