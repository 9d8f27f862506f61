# SPDX-License-Identifier: EUPL-1.2
"""``zicht vault``: key management of the identity vault."""

from __future__ import annotations

import click
from rich.progress import Progress

from zicht.cli._context import get_context
from zicht.cli.db import sessies
from zicht.privacy import logboek
from zicht.privacy.rotation import roteer, te_roteren
from zicht.privacy.vault import Vault


@click.group()
def vault() -> None:
    """Key management of the identity vault (identiteitskluis)."""


@vault.command("rotate")
@click.option("--batch", default=1000, show_default=True, help="Records per transaction.")
def rotate(batch: int) -> None:
    """Re-encrypt every identity record with the active key (ZICHT_VAULT_ACTIVE_KEY).

    Add the new key to ZICHT_VAULT_KEYS, make it active, run this command, then remove the old key.
    """
    settings = get_context().settings
    the_vault = Vault.from_settings(settings)
    sessions = sessies(settings)
    with sessions() as session:
        todo = te_roteren(session, the_vault)
    actor = logboek.Actor("systeem:vault-rotate", "beheerder")
    with Progress(transient=True) as progress:
        task = progress.add_task("Herversleutelen / re-encrypting", total=todo)
        done = roteer(sessions, the_vault, actor, batch=batch, voortgang=lambda n: progress.advance(task, n))
    click.echo(f"{done} records opnieuw versleuteld met sleutel {the_vault.active_key_id} / re-encrypted.")
