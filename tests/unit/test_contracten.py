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


def _lagen_en_verboden() -> tuple[dict[str, object], dict[str, object]]:
    contracten = _contracten()
    lagen = next(c for c in contracten if c["type"] == "layers")
    verboden = next(c for c in contracten if c["type"] == "forbidden" and "fastapi" in c["forbidden_modules"])  # type: ignore[operator]
    return lagen, verboden


def test_elke_laag_onder_de_gezichten_importeert_geen_webframework() -> None:
    lagen, verboden = _lagen_en_verboden()
    assert lagen["exhaustive"] is True and lagen["containers"] == ["zicht"]
    namen = {n.strip() for laag in lagen["layers"] for n in str(laag).split("|")}  # type: ignore[attr-defined]
    assert set(verboden["source_modules"]) == {f"zicht.{n}" for n in namen - GEZICHTEN}  # type: ignore[arg-type]


def test_elke_module_onder_zicht_heeft_een_laag() -> None:
    lagen, _ = _lagen_en_verboden()
    namen = {n.strip() for laag in lagen["layers"] for n in str(laag).split("|")}  # type: ignore[attr-defined]
    pakket = Path(zicht.__file__).parent
    modules = {p.stem for p in pakket.glob("*.py") if p.stem != "__init__"} | {
        p.name for p in pakket.iterdir() if (p / "__init__.py").is_file()
    }
    assert modules == namen


def test_geen_pagina_beslist_over_precisie_of_bereik() -> None:
    contract = next(c for c in _contracten() if c["forbidden_modules"] == ["zicht.web.pages"])
    assert {"zicht.analysis", "zicht.web.api"} <= set(contract["source_modules"])  # type: ignore[call-overload]


def test_elke_map_met_python_is_een_pakket() -> None:
    """A directory of modules without ``__init__.py`` is a namespace package, which the import contracts do
    not see (the API escaped them that way). Alembic's migrations are loaded by path and stay apart."""
    pakket = Path(zicht.__file__).parent
    zonder = sorted(
        str(d.relative_to(pakket))
        for d in pakket.rglob("*")
        if d.is_dir() and any(d.glob("*.py")) and not (d / "__init__.py").exists() and "migrations" not in d.parts
    )
    assert not zonder, zonder
