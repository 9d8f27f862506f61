# SPDX-License-Identifier: EUPL-1.2
"""The import-linter contracts cover the whole tree (issue 11): every module under ``zicht`` has a layer
(the layers contract is exhaustive) and every layer below the faces may not import a web framework."""

from __future__ import annotations

import tomllib
from pathlib import Path

import zicht

GEZICHTEN = {"__main__", "cli", "web"}


def _contracten() -> list[dict[str, object]]:
    data = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    return list(data["tool"]["importlinter"]["contracts"])


def test_elke_laag_onder_de_gezichten_importeert_geen_webframework() -> None:
    lagen, verboden = _contracten()
    assert lagen["exhaustive"] is True and lagen["containers"] == ["zicht"]
    namen = {n.strip() for laag in lagen["layers"] for n in str(laag).split("|")}  # type: ignore[attr-defined]
    assert set(verboden["source_modules"]) == {f"zicht.{n}" for n in namen - GEZICHTEN}  # type: ignore[arg-type]


def test_elke_module_onder_zicht_heeft_een_laag() -> None:
    lagen, _ = _contracten()
    namen = {n.strip() for laag in lagen["layers"] for n in str(laag).split("|")}  # type: ignore[attr-defined]
    pakket = Path(zicht.__file__).parent
    modules = {p.stem for p in pakket.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in pakket.iterdir() if (p / "__init__.py").is_file()
    }
    assert modules == namen
