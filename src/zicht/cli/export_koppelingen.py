# SPDX-License-Identifier: EUPL-1.2
"""``zicht export koppelingen``: one row per melding with its person id, nothing identifying.

Columns: ``melder`` (organisation code), ``melder_soort``, ``melder_referentie``, ``persoon_id``. The
export is recorded in the logboek (``exporteren``).
"""

from __future__ import annotations

import csv
from pathlib import Path

import click

from zicht.cli._context import UserFacingError, get_context


@click.command("koppelingen")
@click.option("--out", "out", required=True, type=click.Path(dir_okay=False, path_type=Path), help="FILE.csv")
def koppelingen(out: Path) -> None:
    """Exporteer melding -> persoon / export melding -> person (no identifying data)."""
    from zicht.cli.db import open_registry
    from zicht.cli.intake import cli_actor
    from zicht.linkage.service import EXPORT_KOLOMMEN, export_rows
    from zicht.privacy import logboek
    from zicht.storage import transaction

    ctx = get_context()
    count = 0
    with open_registry(ctx.settings) as (_, sessions), transaction(sessions) as session:
        try:
            with out.open("w", newline="", encoding="utf-8") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(EXPORT_KOLOMMEN))
                writer.writeheader()
                for row in export_rows(session):
                    writer.writerow(row)
                    count += 1
        except OSError as exc:
            raise UserFacingError(f"kan {out} niet schrijven ({exc.strerror}) / cannot write {out}") from None
        logboek.append(
            session, cli_actor(), actie="exporteren", object_type="export", object_ids=["koppelingen"],
            doel="export koppelingen melding-persoon", details={"aantal": count, "kolommen": list(EXPORT_KOLOMMEN)},
        )  # fmt: skip
    click.echo(f"{count} koppelingen geëxporteerd naar / exported to {out}")
