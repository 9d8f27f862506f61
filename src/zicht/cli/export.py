# SPDX-License-Identifier: EUPL-1.2
"""``zicht export``: minimised exports of registry data, each recorded in the logboek.

``zicht export meldingen`` is defined here; ``zicht export koppelingen`` comes from
``zicht.cli.export_koppelingen`` when that module is present (loaded lazily).
"""

from __future__ import annotations

import importlib
import importlib.util
from datetime import date, datetime
from pathlib import Path

import click

from zicht.cli._context import EXIT_USAGE, UserFacingError, get_context

#: Subcommands that live in other modules: name -> "module:attribute".
_LAZY = {"koppelingen": "zicht.cli.export_koppelingen:koppelingen"}


class _ExportGroup(click.Group):
    """The export group; subcommands from other modules are added when their module exists."""

    def _lazy(self, name: str) -> click.Command | None:
        module, attr = _LAZY[name].split(":")
        if importlib.util.find_spec(module) is None:
            return None
        command = getattr(importlib.import_module(module), attr)
        assert isinstance(command, click.Command)
        return command

    def list_commands(self, ctx: click.Context) -> list[str]:
        lazy = {n for n, target in _LAZY.items() if importlib.util.find_spec(target.split(":")[0]) is not None}
        return sorted(set(super().list_commands(ctx)) | lazy)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        command = super().get_command(ctx, cmd_name)
        if command is None and cmd_name in _LAZY:
            command = self._lazy(cmd_name)
        return command


@click.group(cls=_ExportGroup)
def export() -> None:
    """Geminimaliseerde exports (vastgelegd in het logboek) / minimised exports (recorded in the logboek)."""


def _parse_date(value: str | None, option: str) -> date | None:
    if not value:
        return None
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise UserFacingError(f"{option}: geen datum (JJJJ-MM-DD) / not a date (YYYY-MM-DD): {value!r}", EXIT_USAGE)


@export.command("meldingen")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.csv|FILE.xlsx")
@click.option("--van", default=None, help="Eerste melddatum (JJJJ-MM-DD, inclusief) / first report date (inclusive).")
@click.option("--tot", default=None, help="Laatste melddatum (JJJJ-MM-DD, inclusief) / last report date (inclusive).")
@click.option("--melder", default=None, help="Alleen deze organisatie / only this organisation (code).")
def export_meldingen(out: Path, van: str | None, tot: str | None, melder: str | None) -> None:
    """Exporteer meldingen zonder identificerende gegevens / export meldingen without identifying data.

    Codes, datums, gemeentecode, geboortejaar en leeftijdsklasse; geen namen, geboortedatum, nummers,
    referenties of vrije tekst. / Codes, dates, gemeentecode, birth year and age band; no names, birth date,
    numbers, references or free text.
    """
    from zicht.cli.db import open_registry
    from zicht.cli.intake import cli_actor
    from zicht.intake.export import ExportFout, exporteer_meldingen

    ctx = get_context()
    start, end = _parse_date(van, "--van"), _parse_date(tot, "--tot")
    with open_registry(ctx.settings) as (_, sessions):
        try:
            result = exporteer_meldingen(sessions, out, actor=cli_actor(), van=start, tot=end, melder=melder)
        except ExportFout as exc:
            raise UserFacingError(str(exc), EXIT_USAGE) from None
        except OSError as exc:
            raise UserFacingError(f"kan {out} niet schrijven ({exc.strerror}) / cannot write {out}") from None
    click.echo(f"{result.aantal} meldingen geëxporteerd naar / exported to {result.pad}")
