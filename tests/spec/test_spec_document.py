# SPDX-License-Identifier: EUPL-1.2
"""docs/spec.md is the rendering of the specification tests (scripts/spec_docs.py), and stays so."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _spec_docs() -> ModuleType:
    spec = importlib.util.spec_from_file_location("spec_docs", ROOT / "scripts" / "spec_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_docs_spec_md_is_bijgewerkt() -> None:
    committed = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    assert committed == _spec_docs().render(), "docs/spec.md is stale: run .venv/bin/python scripts/spec_docs.py"


def test_elke_regel_uit_de_specificatie_is_een_test() -> None:
    text = (ROOT / "docs" / "spec.md").read_text(encoding="utf-8")
    rules = [line for line in text.splitlines() if line.startswith("### ")]
    tests = [line for line in text.splitlines() if line.startswith("Test: `tests/spec/test_")]
    assert len(rules) == len(tests) >= 5


def test_een_spectest_zonder_beschrijving_wordt_geweigerd(tmp_path: Path) -> None:
    (tmp_path / "test_voorbeeld.py").write_text(
        '"""Title\n\nIntro."""\n\n\ndef test_met_regel():\n    """A rule\n\n    Why."""\n\n\n'
        "def test_zonder_regel():\n    pass\n"
    )
    with pytest.raises(ValueError, match="test_zonder_regel has no docstring"):
        _spec_docs().render(tmp_path)
    (tmp_path / "test_voorbeeld.py").write_text(
        '"""Title\n\nIntro."""\n\n\ndef helper():\n    pass\n\n\ndef test_met_regel():\n    """A rule.\n\n    Why."""\n'
    )
    text = _spec_docs().render(tmp_path)
    assert "## Title\n\nIntro.\n" in text
    assert "### 1. A rule\n\nWhy.\n\nTest: `test_voorbeeld.py::test_met_regel`" in text
    assert "helper" not in text
