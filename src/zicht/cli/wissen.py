# SPDX-License-Identifier: EUPL-1.2
"""``zicht wissen PERSOON --verzoek KENMERK``: erase a person's identity on their request (AVG art. 17): the
identity of every melding of the person is crypto-shredded at once; the minimised meldingen stay for the statistics
until their retention period ends (docs/bewaren.md). The erasure is logged with the request's reference."""

from __future__ import annotations

import getpass
import json
import uuid

import click

from zicht.cli._context import EXIT_BAD_INPUT, EXIT_FAILED, UserFacingError, get_context


@click.command("wissen")
@click.argument("persoon_id", metavar="PERSOON", type=click.UUID)
@click.option("--verzoek", required=True, help="Kenmerk van het verzoek, bijv. AVG-2026-0012 / request reference.")
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def wissen(persoon_id: uuid.UUID, verzoek: str, as_json: bool) -> None:
    """Wis de identiteit van een persoon op verzoek (AVG artikel 17) / erase a person's identity on request."""
    from zicht.cli.db import open_registry
    from zicht.ops.bewaren import compacteer
    from zicht.ops.wissen import NietGevonden, OngeldigVerzoek, wis_identiteit
    from zicht.privacy.toegang import Rol, Toegang
    from zicht.storage import transaction

    toegang = Toegang.voor_rol(f"cli:{getpass.getuser()}", Rol.beheerder)
    with open_registry(get_context().settings) as (engine, sessions):
        try:
            with transaction(sessions) as session:
                uitkomst = wis_identiteit(session, toegang, persoon_id, verzoek=verzoek)
        except OngeldigVerzoek as exc:
            raise UserFacingError(str(exc), EXIT_BAD_INPUT) from None
        except NietGevonden as exc:
            raise UserFacingError(str(exc), EXIT_FAILED) from None
        if uitkomst.identiteiten:
            compacteer(engine)
    if as_json:
        click.echo(json.dumps({"persoon": uitkomst.persoon_id, "meldingen": list(uitkomst.meldingen),
                               "identiteiten_vernietigd": uitkomst.identiteiten}))  # fmt: skip
        return
    wie = f"persoon {uitkomst.persoon_id}" if uitkomst.persoon_id else f"melding {uitkomst.meldingen[0]}"
    click.echo(
        f"gewist / erased: {wie}, {uitkomst.identiteiten} identiteiten vernietigd van {len(uitkomst.meldingen)} "
        "meldingen; de geminimaliseerde meldingen blijven voor de statistiek tot hun bewaartermijn verstrijkt "
        "/ the minimised meldingen stay for the statistics until their retention period ends"
    )
