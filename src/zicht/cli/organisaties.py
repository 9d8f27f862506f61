# SPDX-License-Identifier: EUPL-1.2
"""``zicht organisaties``: import reporting organisations from CSV and list them.

The CSV has the columns ``code,naam,soort,regio,gemeentecode`` (``zicht synth`` writes it as
``DIR/organisaties.csv``). Importing is all or nothing and may be repeated: new codes are added, existing
ones updated.
"""

from __future__ import annotations

import json
from pathlib import Path

import click

from zicht.cli._context import EXIT_BAD_INPUT, UserFacingError, get_context


@click.group()
def organisaties() -> None:
    """Meldende organisaties beheren / manage reporting organisations."""


@organisaties.command("import")
@click.argument("bestand", type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def import_organisaties(bestand: Path, as_json: bool) -> None:
    """Importeer organisaties uit CSV (code,naam,soort,regio,gemeentecode) / import organisations from CSV."""
    from zicht.cli.db import open_registry
    from zicht.intake.organisaties import OrganisatieBestandsFout, bewaar_organisaties, lees_organisaties
    from zicht.storage import transaction

    ctx = get_context()
    if not bestand.is_file():
        raise UserFacingError(f"bestand niet gevonden: {bestand} / file not found: {bestand}", EXIT_BAD_INPUT)
    try:
        items, problems = lees_organisaties(bestand, ctx.reference)
    except OrganisatieBestandsFout as exc:
        raise UserFacingError(str(exc), EXIT_BAD_INPUT) from None
    if problems:
        lines = "\n  ".join(str(p) for p in problems[:50])
        raise UserFacingError(
            f"niets geïmporteerd, {len(problems)} problemen / nothing imported, {len(problems)} problems:\n  {lines}",
            EXIT_BAD_INPUT,
        )
    with open_registry(ctx.settings) as (_, sessions), transaction(sessions) as session:
        result = bewaar_organisaties(session, items)
    if as_json:
        click.echo(
            json.dumps(
                {"nieuw": len(result.nieuw), "gewijzigd": len(result.gewijzigd), "ongewijzigd": len(result.ongewijzigd)}
            )
        )
    else:
        click.echo(
            f"organisaties: {len(result.nieuw)} nieuw / new, {len(result.gewijzigd)} gewijzigd / updated, "
            f"{len(result.ongewijzigd)} ongewijzigd / unchanged"
        )


@organisaties.command("list")
@click.option("--json", "as_json", is_flag=True, help="Druk JSON af / print JSON.")
def list_organisaties(as_json: bool) -> None:
    """Toon alle organisaties / list all organisations."""
    from zicht.cli.db import open_registry
    from zicht.intake.organisaties import lijst_organisaties
    from zicht.storage import transaction

    ctx = get_context()
    with open_registry(ctx.settings) as (_, sessions), transaction(sessions) as session:
        rows = [
            {
                "code": o.code,
                "naam": o.naam,
                "soort": o.soort,
                "regio": o.regio,
                "gemeentecode": o.gemeentecode,
                "actief": o.actief,
            }
            for o in lijst_organisaties(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("code", "naam", "soort", "regio", "gemeente", "actief")
    for r in rows:
        table.add_row(
            str(r["code"]),
            str(r["naam"]),
            str(r["soort"]),
            str(r["regio"] or ""),
            str(r["gemeentecode"] or ""),
            "ja" if r["actief"] else "nee",
        )
    Console(highlight=False).print(table if rows else "geen organisaties / no organisations")
