# SPDX-License-Identifier: EUPL-1.2
"""``zicht bewaartermijn``: apply the retention periods (``ZICHT_BEWAAR_*``) — crypto-shred expired identities
and clear old import reports (``opschonen``, e.g. nightly from a timer) — and show them (``toon``)."""

from __future__ import annotations

import getpass
from datetime import date

import click

from zicht.cli._context import get_context


@click.group()
def bewaartermijn() -> None:
    """Bewaartermijnen: verlopen gegevens opschonen en tonen / retention: purge and show expired data."""


@bewaartermijn.command("opschonen")
@click.option("--peildatum", type=click.DateTime(["%Y-%m-%d"]), help="Rekendatum (standaard vandaag) / as of date.")
def opschonen(peildatum: object) -> None:
    """Vernietig verlopen identiteiten en importrapporten / crypto-shred expired identities and import reports."""
    from datetime import datetime

    from zicht.cli.db import open_registry
    from zicht.ops.bewaren import Bewaartermijnen
    from zicht.ops.bewaren import opschonen as schoon_op
    from zicht.privacy.logboek import Actor

    settings = get_context().settings
    dag: date | None = peildatum.date() if isinstance(peildatum, datetime) else None
    actor = Actor(f"cli:{getpass.getuser()}", "beheerder", None)
    with open_registry(settings) as (_, sessions):
        uitkomst = schoon_op(sessions, Bewaartermijnen.from_settings(settings), actor, peildatum=dag)
    click.echo(
        f"vernietigd / destroyed: {uitkomst.identiteiten} identiteiten, {uitkomst.importrapporten} importrapporten; "
        f"over de termijn maar bewaard voor besluit / past term, kept for a decision: "
        f"{uitkomst.meldingen_over_termijn} meldingen, {uitkomst.logboek_over_termijn} logboekrecords"
    )


@bewaartermijn.command("toon")
def toon() -> None:
    """Toon de ingestelde bewaartermijnen / show the configured retention periods."""
    from zicht.ops.bewaren import Bewaartermijnen

    t = Bewaartermijnen.from_settings(get_context().settings)
    click.echo(
        f"identiteit: {t.identiteit_jaren} jaar na de laatste melding van de persoon\n"
        f"melding (geminimaliseerd): {t.melding_jaren} jaar\nlogboek: {t.logboek_jaren} jaar\n"
        f"importrapporten: {t.importrapport_dagen} dagen\nsignalen: {t.signalen_dagen} dagen"
    )
