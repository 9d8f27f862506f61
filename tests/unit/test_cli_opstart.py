# SPDX-License-Identifier: EUPL-1.2
"""``zicht --help`` answers at once: it lists the commands from their stored one-line help, without importing
them (issue 11). Timing is a benchmark figure; this test checks *what* is imported, which decides it."""

from __future__ import annotations

import subprocess
import sys

import click

from zicht.cli import COMMANDS, HULP, cli

ZWAAR = ("sqlalchemy", "pydantic", "pandas", "numpy", "scipy", "duckdb", "splink", "rich", "alembic", "fastapi")


def test_opgeslagen_hulp_is_die_van_de_commandos() -> None:
    assert set(HULP) == set(COMMANDS)
    ctx = click.Context(cli)
    for naam in COMMANDS:
        command = cli.get_command(ctx, naam)
        assert command is not None
        assert HULP[naam] == command.get_short_help_str(limit=10_000), naam


def test_help_laadt_geen_zware_modules() -> None:
    uit = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "zicht", "--help"], capture_output=True, text=True, check=True
    )
    assert "publiceer" in uit.stdout and "statistieken" in uit.stdout
    geladen = {
        regel.rsplit("|", 1)[-1].strip() for regel in uit.stderr.splitlines() if regel.startswith("import time:")
    }
    zwaar = sorted(m for m in geladen if m.split(".")[0] in ZWAAR)
    assert not zwaar, f"zicht --help imports {zwaar[:10]}"
