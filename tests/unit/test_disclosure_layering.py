# SPDX-License-Identifier: EUPL-1.2
"""The disclosure package is a pure layer: no web framework, no faces, no storage; small, licensed files."""

from __future__ import annotations

import ast
from pathlib import Path

import zicht.privacy.disclosure as disclosure

PACKAGE = Path(disclosure.__file__).parent
ALLOWED_THIRD_PARTY = {"numpy", "pandas", "scipy", "highspy"}
FORBIDDEN_OWN = ("zicht.web", "zicht.cli", "zicht.analysis", "zicht.storage")


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_disclosure_imports_only_numpy_pandas_scipy_highspy_and_its_own_policy_sources() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        for name in imported_modules(path):
            top = name.split(".")[0]
            if top == "zicht":
                assert not name.startswith(FORBIDDEN_OWN), (path.name, name)
                assert name.startswith(("zicht.privacy.disclosure", "zicht.config")), (path.name, name)
            else:
                assert top in ALLOWED_THIRD_PARTY or top in {"__future__", *__import__("sys").stdlib_module_names}, (
                    path.name,
                    name,
                )


def test_every_disclosure_file_carries_the_licence_line_and_stays_under_three_hundred_lines() -> None:
    for path in sorted(PACKAGE.glob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0] == "# SPDX-License-Identifier: EUPL-1.2", path.name
        assert len(lines) <= 300, (path.name, len(lines))


def test_the_public_api_is_listed_in_all() -> None:
    for name in disclosure.__all__:
        assert hasattr(disclosure, name), name
