# SPDX-License-Identifier: EUPL-1.2
"""``zicht --help`` answers at once: it lists the commands from their stored one-line help, without importing
them (issue 11). Timing is a benchmark figure (``benchmarks/bench_mse.py`` prints ``zicht --help`` and
``zicht mse estimate`` beside ``Rscript``); these tests check *what* is imported, which decides it: the import
budget is a number of modules, not of milliseconds, so it does not depend on the machine or its load."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest

from zicht.cli import COMMANDS, HULP, cli

ZWAAR = ("sqlalchemy", "pydantic", "pandas", "numpy", "scipy", "duckdb", "splink", "rich", "alembic", "fastapi")
#: Modules ``zicht --help`` may import, interpreter start-up included (107 with Python 3.11 on 2026-12-07).
HULP_BUDGET = 150
#: Never needed for one estimate: scipy.optimize is only the fallback when highspy's core class is missing
#: (importing it costs more than the fit), the others belong to other commands or to the human-readable output.
NIET_VOOR_SCHATTING = (
    "scipy.optimize",
    "pandas",
    "statsmodels",
    "duckdb",
    "splink",
    "sqlalchemy",
    "pydantic",
    "rich",
    "alembic",
    "fastapi",
    "jinja2",
)
REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"


def _geladen(*argv: str) -> tuple[str, set[str]]:
    """stdout of ``python -X importtime -m zicht ARGV`` and the modules it imported."""
    uit = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "zicht", *argv], capture_output=True, text=True, check=True
    )
    regels = [r for r in uit.stderr.splitlines() if r.startswith("import time:")]
    return uit.stdout, {regel.rsplit("|", 1)[-1].strip() for regel in regels[1:]}  # [0] is the header


def test_opgeslagen_hulp_is_die_van_de_commandos() -> None:
    assert set(HULP) == set(COMMANDS)
    ctx = click.Context(cli)
    for naam in COMMANDS:
        command = cli.get_command(ctx, naam)
        assert command is not None
        assert HULP[naam] == command.get_short_help_str(limit=10_000), naam


def test_help_laadt_geen_zware_modules() -> None:
    uit, geladen = _geladen("--help")
    assert "publiceer" in uit and "statistieken" in uit
    zwaar = sorted(m for m in geladen if m.split(".")[0] in ZWAAR)
    assert not zwaar, f"zicht --help imports {zwaar[:10]}"
    assert "click" in geladen  # the import list was read
    assert len(geladen) <= HULP_BUDGET, f"zicht --help imports {len(geladen)} modules (budget {HULP_BUDGET})"


def test_mse_estimate_laadt_alleen_wat_een_schatting_nodig_heeft() -> None:
    """One estimate (Korea: stepwise with an LP existence check) without SciPy's optimiser or other commands'
    libraries; the result is the reference one (shared/docs/mse.md §c.1)."""
    uit, geladen = _geladen("mse", "estimate", str(REF / "Korea.csv"), "--json")
    assert json.loads(uit)["estimate"] == pytest.approx(268.77777777777777, rel=1e-12)
    assert "highspy" in geladen and "scipy.special" in geladen  # the import list was read
    overbodig = sorted(m for m in geladen if any(m == n or m.startswith(n + ".") for n in NIET_VOOR_SCHATTING))
    assert not overbodig, f"zicht mse estimate imports {overbodig[:10]}"
