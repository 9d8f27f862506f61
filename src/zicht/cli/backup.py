# SPDX-License-Identifier: EUPL-1.2
"""``zicht backup MAP`` and ``zicht restore MAP``: a checked copy of the registry database (SQLite or
PostgreSQL) with a manifest. The vault, pseudonym and logboek keys are never in the backup (docs/backup.md)."""

from __future__ import annotations

import getpass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from zicht.cli._context import EXIT_FAILED, UserFacingError, get_context

if TYPE_CHECKING:
    from zicht.privacy.logboek import Actor


def _actor() -> Actor:
    from zicht.privacy.logboek import Actor

    return Actor(f"cli:{getpass.getuser()}", "beheerder", None)


@click.command("backup")
@click.argument("map_", metavar="MAP", type=click.Path(file_okay=False, path_type=Path))
def backup(map_: Path) -> None:
    """Maak een backup met manifest (zonder sleutels) / back up the database with a manifest (keys excluded)."""
    from zicht.cli.db import open_registry
    from zicht.ops.backup import BackupFout, log_backup, maak_backup

    settings = get_context().settings
    actor = _actor()
    with open_registry(settings) as (engine, sessions):
        log_backup(sessions, actor, actie="exporteren", manifest=None)  # the backup holds its own record
        try:
            manifest = maak_backup(engine, map_)
        except BackupFout as exc:
            raise UserFacingError(str(exc), EXIT_FAILED) from None
    click.echo(
        f"backup geschreven / written: {map_ / manifest.bestand} ({sum(manifest.tellingen.values())} rijen in "
        f"{len(manifest.tellingen)} tabellen, logboek {manifest.logboek_aantal} records). De sleutels zitten er "
        "NIET in: bewaar ZICHT_VAULT_KEYS, ZICHT_PSEUDONYM_KEY en ZICHT_LOGBOEK_SLEUTEL apart / keys not included."
    )


@click.command("restore")
@click.argument("map_", metavar="MAP", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Overschrijf een niet-lege database / overwrite a non-empty database.")
@click.option("--geen-opschoning", is_flag=True, help="Pas de bewaartermijnen niet toe / skip the retention purge.")
def restore(map_: Path, force: bool, geen_opschoning: bool) -> None:
    """Zet een backup terug en controleer het manifest / restore a backup and check it against its manifest."""
    from zicht.cli.db import open_registry
    from zicht.ops.backup import BackupFout, herstel, log_backup

    settings = get_context().settings
    actor = _actor()
    with open_registry(settings, check=False) as (engine, sessions):
        try:
            manifest = herstel(engine, map_, forceer=force)
        except BackupFout as exc:
            raise UserFacingError(str(exc), EXIT_FAILED) from None
        log_backup(sessions, actor, actie="wijzigen", manifest=manifest)
        if not geen_opschoning:  # a backup from before a purge must not bring shredded identities back
            from zicht.ops.bewaren import Bewaartermijnen, opschonen

            opschonen(sessions, Bewaartermijnen.from_settings(settings), actor)
    click.echo(
        f"hersteld / restored: backup van {manifest.gemaakt_op}, {len(manifest.tellingen)} tabellen en de "
        f"logboekkop kloppen met het manifest. Voer 'zicht logboek verify' uit / run 'zicht logboek verify'."
    )
