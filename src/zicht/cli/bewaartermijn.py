# SPDX-License-Identifier: EUPL-1.2
"""``zicht bewaartermijn``: apply the retention periods (``ZICHT_BEWAAR_*``) — crypto-shred expired identities,
delete expired meldingen (their counts kept in the ledger), clear old import reports and cut the logboek's
expired start behind a signed bewaaranker (``opschonen``, e.g. nightly from a timer) — and show them (``toon``)."""

from __future__ import annotations

import getpass
import json
from datetime import date

import click

from zicht.cli._context import get_context


@click.group()
def bewaartermijn() -> None:
    """Bewaartermijnen: verlopen gegevens opschonen en tonen / retention: purge and show expired data."""


@bewaartermijn.command("opschonen")
@click.option("--peildatum", type=click.DateTime(["%Y-%m-%d"]), help="Rekendatum (standaard vandaag) / as of date.")
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def opschonen(peildatum: object, as_json: bool) -> None:
    """Pas de bewaartermijnen toe: vernietig en verwijder verlopen gegevens / apply the retention periods."""
    from dataclasses import asdict
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
    if as_json:
        click.echo(json.dumps(asdict(uitkomst), ensure_ascii=False))
        return
    click.echo(
        f"vernietigd / destroyed: {uitkomst.identiteiten} identiteiten, {uitkomst.importrapporten} importrapporten; "
        f"verwijderd / deleted: {uitkomst.meldingen} meldingen van {uitkomst.personen} personen (tellingen bewaard "
        f"in het tellingarchief), {uitkomst.logboekrecords} logboekrecords; "
        f"over de termijn maar bewaard / past term, kept: {uitkomst.meldingen_over_termijn} meldingen (persoon later "
        f"opnieuw gemeld of in opvang), {uitkomst.logboek_over_termijn} logboekrecords"
    )
    if uitkomst.logboek_niet_afgekapt:
        click.echo(f"let op / note: logboek niet ingekort: {uitkomst.logboek_niet_afgekapt}", err=True)


@bewaartermijn.command("toon")
def toon() -> None:
    """Toon de ingestelde bewaartermijnen / show the configured retention periods."""
    from zicht.ops.bewaren import Bewaartermijnen

    t = Bewaartermijnen.from_settings(get_context().settings)
    click.echo(
        f"identiteit: {t.identiteit_jaren} jaar na de laatste melding van de persoon\n"
        f"melding (geminimaliseerd): {t.melding_jaren} jaar na de laatste melding van de persoon\n"
        f"logboek: {t.logboek_jaren} jaar\n"
        f"importrapporten: {t.importrapport_dagen} dagen\nsignalen: {t.signalen_dagen} dagen"
    )
