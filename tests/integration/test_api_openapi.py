# SPDX-License-Identifier: EUPL-1.2
"""The published OpenAPI document: committed in docs/openapi.json (a test fails on drift), linted with Logius's
Spectral ruleset for the API Design Rules (no errors and no warnings), and structured as the ADR asks."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO_ROOT, SHARED
from tests.web_support import WebBed, maak_testbed

DOCS = REPO_ROOT / "docs" / "openapi.json"
SPECTRAL = REPO_ROOT / "node_modules" / ".bin" / "spectral"
RULESET = SHARED / "data" / "adr" / "ruleset.yaml"


@pytest.fixture(scope="module")
def document(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    bed: WebBed = maak_testbed(tmp_path_factory.mktemp("openapi"))
    r = bed.client().get("/api/v1/openapi.json")
    assert r.status_code == 200
    return dict(r.json())


def _tekst(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def test_openapi_in_docs_is_actueel(document: dict[str, Any]) -> None:
    """Regenerate with: ZICHT_OPENAPI_BIJWERKEN=1 pytest tests/integration/test_api_openapi.py"""
    if os.environ.get("ZICHT_OPENAPI_BIJWERKEN") == "1":
        DOCS.write_text(_tekst(document), encoding="utf-8")
    assert DOCS.is_file(), "docs/openapi.json ontbreekt; zie de docstring van deze test"
    assert DOCS.read_text(encoding="utf-8") == _tekst(document), (
        "docs/openapi.json wijkt af van wat de code publiceert; werk hem bij met "
        "ZICHT_OPENAPI_BIJWERKEN=1 pytest tests/integration/test_api_openapi.py"
    )


def test_openapi_voldoet_aan_de_adr_linter(document: dict[str, Any], tmp_path: Path) -> None:
    assert SPECTRAL.is_file(), "node_modules/.bin/spectral ontbreekt: voer 'npm ci' uit (make install doet dat)"
    assert shutil.which("node"), "node is nodig voor Spectral"
    bestand = tmp_path / "openapi.json"
    bestand.write_text(_tekst(document), encoding="utf-8")
    uitvoer = subprocess.run(
        [str(SPECTRAL), "lint", "--quiet", "-f", "json", "-r", str(RULESET), str(bestand)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    bevindingen = json.loads(uitvoer.stdout or "[]")
    assert bevindingen == [], json.dumps(bevindingen, indent=2)[:4000]
    assert uitvoer.returncode == 0, uitvoer.stderr[-2000:]


def test_openapi_volgt_de_afspraken(document: dict[str, Any]) -> None:
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1.0.0"
    assert {"name", "email", "url"} <= document["info"]["contact"].keys()
    assert document["servers"][0]["url"].endswith("/v1")
    for pad, operaties in document["paths"].items():
        assert pad == "/" or not pad.endswith("/"), pad
        for methode, operatie in operaties.items():
            antwoorden = operatie["responses"]
            assert "422" not in antwoorden, (pad, methode)
            if methode != "get" or operatie.get("parameters"):
                assert "400" in antwoorden, (pad, methode)
            for code, antwoord in antwoorden.items():
                if code.startswith(("2", "3")):
                    assert "API-Version" in antwoord["headers"], (pad, methode, code)
                else:
                    assert list(antwoord["content"]) == ["application/problem+json"], (pad, methode, code)
    schemas = document["components"]["schemas"]
    assert all(naam[0].isupper() and "_" not in naam and "-" not in naam for naam in schemas)
    for schema in schemas.values():
        for eigenschap in schema.get("properties", {}):
            assert "_" not in eigenschap, eigenschap  # camelCase
    assert "/meldingen/_zoek" in document["paths"]
