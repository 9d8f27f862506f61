# SPDX-License-Identifier: EUPL-1.2
"""``zicht publiceer``: show the newest publicatie of protected statistics, or make one now.

Every role but the analyst's sees the meldingen recorded up to the newest publicatie (docs/adr/0006). One is
made automatically once enough new meldingen arrived (``ZICHT_PUBLICATIE_MIN_MELDINGEN``) and enough time
passed (``ZICHT_PUBLICATIE_MIN_UREN``); this command makes one at any moment, e.g. after a large import.

Examples::

    zicht publiceer --toon     # the newest publicatie and how many meldingen arrived since
    zicht publiceer            # publish every melding recorded so far
"""

from __future__ import annotations

import json

import click

from zicht.cli._context import get_context


@click.command(name="publiceer")
@click.option("--toon", is_flag=True, help="Only show the newest publicatie; make none.")
@click.option("--json", "als_json", is_flag=True, help="Print the result as JSON.")
def publiceer(toon: bool, als_json: bool) -> None:
    """Publish protected statistics up to now (or show the newest publicatie)."""
    from zicht.analysis.publicaties import huidige_publicatie
    from zicht.analysis.publicaties import publiceer as maak
    from zicht.storage import engine_from_settings

    app = get_context()
    engine = engine_from_settings(app.settings)
    stand = huidige_publicatie(engine) if toon else maak(engine, reden="handmatig", door="systeem:cli")
    uit: dict[str, object]
    if stand is None:
        uit = {"publicatie": None}
    else:
        uit = {
            "publicatie": stand.id,
            "tot": stand.tot.isoformat(),
            "reden": stand.reden,
            "nieuwe_meldingen": stand.nieuwe_meldingen,
        }
    if als_json:
        click.echo(json.dumps(uit, ensure_ascii=False))
    elif stand is None:
        click.echo("Nog geen publicatie: de eerste vraag om beschermde cijfers maakt er een.")
    else:
        click.echo(
            f"publicatie {stand.id} ({stand.reden}): meldingen vastgelegd t/m {stand.tot:%Y-%m-%d %H:%M:%S} UTC; "
            f"sindsdien {stand.nieuwe_meldingen} nieuwe meldingen"
        )
