# SPDX-License-Identifier: EUPL-1.2
"""A file over an import limit is refused on every face, with a clear message, and nothing is written:
the API answers 400 with the reason, the upload page 400 with the reason in the user's language, and
``zicht import`` (as a separate process) exits with code 3 without a traceback."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ
from tests.integration.import_helpers import ACTOR, csv_bytes, geldige_rij, maak_organisatie
from tests.unit.test_upload_grenzen import bom_gedeelde_teksten
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.cli import main
from zicht.cli._context import run
from zicht.cli.organisaties import organisaties
from zicht.intake.files import BestandsFout, Grenzen
from zicht.intake.importer import importeer_bestand
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import transaction
from zicht.storage.tables import ImportRun, Melding

REPO_ROOT = Path(__file__).resolve().parents[2]
REDEN_NL = "meer dan 1.000.000 verschillende teksten"
REDEN_EN = "more than 1,000,000 distinct texts"


@pytest.fixture(scope="module")
def bom(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return bom_gedeelde_teksten(tmp_path_factory.mktemp("bom") / "meldingen.xlsx")


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("web"))


def _aantallen(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with transaction(sessions) as s:
        runs = s.scalar(select(func.count()).select_from(ImportRun)) or 0
        meldingen = s.scalar(select(func.count()).select_from(Melding)) or 0
    return runs, meldingen


def test_de_api_weigert_een_xlsx_bom_met_400_en_de_reden(bed: WebBed, bom: Path) -> None:
    token = bed.token(bed.org_a, ["uploads"])
    voor = _aantallen(bed.sessions)
    r = bed.client().post(
        "/api/v1/uploads",
        files={"bestand": ("meldingen.xlsx", bom.read_bytes(), "application/octet-stream")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert r.status_code == 400, r.text
    probleem = r.json()
    assert REDEN_NL in probleem["detail"]
    assert probleem["invalidParams"] == [{"name": "bestand", "code": "te_veel_teksten", "reason": probleem["detail"]}]
    assert _aantallen(bed.sessions) == voor


def test_de_uploadpagina_weigert_de_bom_met_de_reden_in_de_taal_van_de_gebruiker(bed: WebBed, bom: Path) -> None:
    client = bed.als("melder")
    voor = _aantallen(bed.sessions)
    token = csrf_van(client.get("/uploads").text)
    bestand = {"bestand": ("meldingen.xlsx", bom.read_bytes(), "application/octet-stream")}
    r = client.post("/uploads", data={"csrf_token": token}, files=bestand)
    assert r.status_code == 400 and REDEN_NL in r.text and 'href="#bestand"' in r.text
    token = csrf_van(client.get("/uploads?lang=en").text)
    r = client.post("/uploads", data={"csrf_token": token}, files=bestand)
    assert r.status_code == 400 and REDEN_EN in r.text
    assert _aantallen(bed.sessions) == voor


def test_zicht_import_als_proces_weigert_de_bom_met_code_3(tmp_path: Path, bom: Path) -> None:
    env = test_environ(tmp_path)
    assert main(["db", "upgrade"], env) == 0
    orgs = tmp_path / "organisaties.csv"
    orgs.write_text("code,naam,soort,regio,gemeentecode\npolitie-utrecht,Politie,nationale_politie,Utrecht,\n")
    assert run(organisaties, ["import", str(orgs)], env) == 0

    def zicht(*argv: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "zicht", *argv],
            env={**env, "PATH": "/usr/bin:/bin"},
            capture_output=True,
            text=True,
            timeout=120,
        )

    proces = zicht("import", str(bom), "--melder", "politie-utrecht")
    assert proces.returncode == 3, proces.stderr
    assert REDEN_NL in proces.stderr and REDEN_EN in proces.stderr
    assert "Traceback" not in proces.stdout + proces.stderr
    als_json = zicht("import", str(bom), "--melder", "politie-utrecht", "--json")
    assert als_json.returncode == 3
    assert json.loads(als_json.stdout)["fout"]["code"] == "te_veel_teksten"
    klein = tmp_path / "klein.csv"
    klein.write_bytes(csv_bytes([geldige_rij(i) for i in range(3)]))
    over_de_grens = zicht("import", str(klein), "--melder", "politie-utrecht", "--json")
    assert over_de_grens.returncode == 0, over_de_grens.stderr  # the limits come from the environment:
    env["ZICHT_IMPORT_MAX_RIJEN"] = "2"
    over_de_grens = zicht("import", str(klein), "--melder", "politie-utrecht", "--json")
    assert over_de_grens.returncode == 3
    assert json.loads(over_de_grens.stdout)["fout"]["code"] == "te_veel_rijen"


def test_een_bestand_over_de_rijgrens_schrijft_niets_ook_geen_importrun(
    sessions: sessionmaker[Session], vault: Vault, reference: Referentiedata
) -> None:
    code = maak_organisatie(sessions)
    data = csv_bytes([geldige_rij(i) for i in range(6)])
    with pytest.raises(BestandsFout) as info:
        importeer_bestand(
            sessions, vault, reference, code, data, bestandsnaam="m.csv", actor=ACTOR, grenzen=Grenzen(max_rijen=5)
        )
    assert info.value.code == "te_veel_rijen" and "meer dan 5 rijen" in info.value.reden_nl
    assert _aantallen(sessions) == (0, 0)
    rapport = importeer_bestand(
        sessions, vault, reference, code, data, bestandsnaam="m.csv", actor=ACTOR, grenzen=Grenzen(max_rijen=6)
    )
    assert rapport.read == 6


@pytest.mark.slow
def test_de_benchmark_van_de_bommen_draait(capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location(
        "_bench_upload_bombs", REPO_ROOT / "benchmarks" / "bench_upload_bombs.py"
    )
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    assert bench.main(["--snel"]) == 0
    uit = capsys.readouterr().out
    for regel in ("gedeelde teksten", "te_veel_teksten", "uitgepakt_te_groot", "zip_grootte_onjuist", "json_array"):
        assert regel in uit
