# SPDX-License-Identifier: EUPL-1.2
"""``zicht logboek``: verify the hash chain of the logboek, and list every processing of one person."""

from __future__ import annotations

import getpass
import json
import uuid

import click

from zicht.cli._context import EXIT_FAILED, get_context


@click.group()
def logboek() -> None:
    """Het logboek van verwerkingen controleren en inzien / verify and inspect the processing log."""


@logboek.command("verify")
def verify() -> None:
    """Controleer de hash-keten; exit 1 met het eerste gebroken record / verify the chain (exit 1 on a break)."""
    from zicht.cli.db import open_registry
    from zicht.privacy.logboek import verify as verifieer

    with open_registry(get_context().settings) as (_, sessions), sessions() as session:
        uitkomst = verifieer(session)
    if uitkomst.ok:
        click.echo(f"logboek in orde / chain intact: {uitkomst.records} records")
        return
    click.echo(
        f"logboek NIET in orde / chain BROKEN at record {uitkomst.eerste_fout}: {uitkomst.reden} "
        f"(na / after {uitkomst.records} records)",
        err=True,
    )
    raise click.exceptions.Exit(EXIT_FAILED)


@logboek.command("persoon")
@click.argument("persoon_id", type=click.UUID)
@click.option("--json", "as_json", is_flag=True, help="Druk JSON af / print JSON lines.")
def persoon(persoon_id: uuid.UUID, as_json: bool) -> None:
    """Alle verwerkingen van één persoon (ook deze inzage wordt gelogd) / every processing of one person."""
    from zicht.cli.db import open_registry
    from zicht.privacy.toegang import Rol, Toegang
    from zicht.registry import verwerkingen_van_persoon
    from zicht.storage import transaction

    toegang = Toegang.voor_rol(f"cli:{getpass.getuser()}", Rol.analist)
    with open_registry(get_context().settings) as (_, sessions), transaction(sessions) as session:
        records = [
            {
                "volgnummer": r.volgnummer,
                "tijdstip": r.tijdstip.isoformat(),
                "actie": r.actie,
                "object_type": r.object_type,
                "object_id": r.object_id,
                "actor": r.actor,
                "rol": r.rol,
                "organisatie": r.organisatie,
                "doel": r.doel,
            }
            for r in verwerkingen_van_persoon(session, toegang, persoon_id)
        ]
    for r in records:
        if as_json:
            click.echo(json.dumps(r, ensure_ascii=False))
        else:
            click.echo(
                f"{r['volgnummer']:>7} {r['tijdstip']} {r['actie']:<10} {r['object_type']:<8} "
                f"{r['rol']:<10} {r['organisatie'] or '-':<20} {r['doel']}"
            )
    if not records and not as_json:
        click.echo("geen verwerkingen gevonden / no processing found")
