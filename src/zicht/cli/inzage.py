# SPDX-License-Identifier: EUPL-1.2
"""``zicht inzage PERSOON``: answer a subject access request (AVG art. 15) — the person's meldingen (with whether
their identity is held, erased on request or shredded after its retention period), the meldingen already deleted
after theirs, and every processing of them in the logboek, reads included. The look-up itself is logged."""

from __future__ import annotations

import getpass
import json
import uuid

import click

from zicht.cli._context import get_context


@click.command("inzage")
@click.argument("persoon_id", metavar="PERSOON", type=click.UUID)
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def inzage(persoon_id: uuid.UUID, as_json: bool) -> None:
    """Inzageverzoek: meldingen en elke verwerking van een persoon / subject access request for one person."""
    from zicht.cli.db import open_registry
    from zicht.ops.inzage import inzageverzoek
    from zicht.privacy.toegang import Rol, Toegang
    from zicht.storage import transaction

    toegang = Toegang.voor_rol(f"cli:{getpass.getuser()}", Rol.analist)
    with open_registry(get_context().settings) as (_, sessions), transaction(sessions) as session:
        antwoord = inzageverzoek(session, toegang, persoon_id)
        verwerkingen = [
            {
                "volgnummer": r.volgnummer,
                "tijdstip": r.tijdstip.isoformat(),
                "actie": r.actie,
                "object_type": r.object_type,
                "rol": r.rol,
                "organisatie": r.organisatie,
                "doel": r.doel,
            }
            for r in antwoord.verwerkingen
        ]
    meldingen = [
        {"id": m.id, "melddatum": m.melddatum.isoformat(), "organisatie": m.organisatie, "status": m.status,
         "identiteit_bewaard": m.identiteit_bewaard, "identiteit": m.identiteit}
        for m in antwoord.meldingen
    ]  # fmt: skip
    if as_json:
        click.echo(json.dumps({"persoon": antwoord.persoon_id, "meldingen": meldingen, "verwerkingen": verwerkingen,
                               "verwijderd": list(antwoord.verwijderd)}, ensure_ascii=False))  # fmt: skip
        return
    click.echo(f"persoon {antwoord.persoon_id}: {len(meldingen)} meldingen, {len(verwerkingen)} verwerkingen")
    staat = {"bewaard": "identiteit bewaard", "gewist": "identiteit gewist op verzoek",
             "vernietigd": "identiteit vernietigd na de bewaartermijn"}  # fmt: skip
    for m in meldingen:
        click.echo(
            f"  melding {m['id']} {m['melddatum']} {m['organisatie']} {m['status']} ({staat[str(m['identiteit'])]})"
        )
    if antwoord.verwijderd:
        click.echo(f"  {len(antwoord.verwijderd)} meldingen verwijderd na de bewaartermijn (tellingen bewaard)")
    for v in verwerkingen:
        click.echo(
            f"  {v['volgnummer']:>7} {v['tijdstip']} {v['actie']:<11} {v['object_type']:<12} {v['rol']:<10} {v['doel']}"
        )
