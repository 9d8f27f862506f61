# SPDX-License-Identifier: EUPL-1.2
"""``zicht link``: link meldingen into persons (full relink, or only new meldingen with ``--nieuw``).

Runs inside the trusted boundary: identities are decrypted in memory and never written or printed; the
output is counts only, with the estimated quality of the latest full run's linkage (``kwaliteit``: precision
and recall with intervals, from the analysts' decisions on its audit sample; see docs/linkage.md). Exit
codes: 0 done, 2 configuration or usage error, 4 no full run exists yet for ``--nieuw``.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from zicht.cli._context import EXIT_DOMAIN, EXIT_USAGE, UserFacingError, get_context


@click.command("link")
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Rekenmachine / backend: DuckDB in-process, or Apache Spark (needs the zicht[spark] extra).",
)
@click.option("--nieuw", is_flag=True, help="Alleen meldingen zonder persoon, zonder hertrainen / only new meldingen.")
@click.option(
    "--seed", type=int, default=42, show_default=True, help="Seed voor de u-steekproef / seed for u sampling."
)
@click.option("--boven", type=float, default=None, help="Drempel automatisch koppelen / auto-link threshold (0.99).")
@click.option("--onder", type=float, default=None, help="Ondergrens beoordelingsrij / review-queue threshold (0.5).")
@click.option(
    "--steekproef",
    type=click.IntRange(0, 10_000),
    default=25,
    show_default=True,
    help="Paren per stratum in de controlesteekproef / audit-sample pairs per stratum.",
)
@click.option("--json", "as_json", is_flag=True, help="Druk één JSON-object af / print one JSON object.")
def link(
    engine: str, nieuw: bool, seed: int, boven: float | None, onder: float | None, steekproef: int, as_json: bool
) -> None:
    """Koppel meldingen tot personen / link meldingen into persons."""
    from zicht.cli.db import open_registry
    from zicht.cli.intake import cli_actor
    from zicht.linkage.engine import Drempels, TrainingConfig
    from zicht.linkage.service import kwaliteit, link_new, relink
    from zicht.linkage.steekproef import SteekproefConfig
    from zicht.privacy.vault import Vault
    from zicht.storage import transaction

    ctx = get_context()
    defaults = Drempels()
    try:
        drempels = Drempels(
            boven if boven is not None else defaults.boven, onder if onder is not None else defaults.onder
        )
    except ValueError as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None
    vault = Vault.from_settings(ctx.settings)
    with open_registry(ctx.settings) as (_, sessions):
        if nieuw:
            with transaction(sessions) as session:
                try:
                    results = link_new(session, vault, cli_actor())
                except LookupError as exc:
                    raise UserFacingError(str(exc), EXIT_DOMAIN) from None
            summary: dict[str, object] = {
                "soort": "incrementeel",
                "meldingen": len(results),
                "gekoppeld": sum(1 for k in results if k.uitkomst == "gekoppeld"),
                "nieuwe_personen": sum(1 for k in results if k.uitkomst == "nieuw"),
                "samenvoegingen": sum(len(k.gebeurtenissen) for k in results),
                "beoordelen": sum(len(k.beoordelen) for k in results),
            }
            with sessions() as session:
                schatting = kwaliteit(session)
        else:
            if engine == "spark":
                _require_spark()
            bar_context: Any = click.progressbar(length=100, label="koppelen", file=sys.stderr)
            with bar_context as bar, transaction(sessions) as session:
                done = [0]

                def progress(stage: str, fraction: float) -> None:
                    step = int(fraction * 100) - done[0]
                    if step > 0:
                        bar.label = stage
                        bar.update(step)
                        done[0] += step

                run = relink(
                    session, vault, cli_actor(), engine="spark" if engine == "spark" else "duckdb",
                    drempels=drempels, config=TrainingConfig(seed=seed), progress=progress,
                    steekproef=SteekproefConfig(n=steekproef),
                )  # fmt: skip
                schatting = kwaliteit(session)
            summary = {
                "soort": run.soort,
                "run_id": str(run.run_id),
                "meldingen": run.meldingen,
                "kandidaten": run.kandidaten,
                "personen": run.personen,
                "nieuwe_personen": run.nieuw,
                "samenvoegingen": run.samenvoegingen,
                "splitsingen": run.splitsingen,
                "beoordelen": run.beoordelen,
                "steekproef": run.steekproef,
                "seconden": run.tijden.get("totaal"),
            }
    summary["kwaliteit"] = schatting.to_dict() if schatting is not None else None
    if as_json:
        click.echo(json.dumps(summary, sort_keys=True))
        return
    for key, value in summary.items():
        if key != "kwaliteit":
            click.echo(f"{key}: {value}")
    click.echo(_kwaliteit_regel(summary["kwaliteit"]))


def _kwaliteit_regel(kwaliteit: Any) -> str:
    """One line with the estimated precision and recall and their intervals (or why there is none)."""
    if not kwaliteit:
        return "kwaliteit: nog geen schatting / no estimate yet"
    parts = []
    for key in ("precisie", "recall"):
        figure = kwaliteit.get(key)
        if figure:
            parts.append(
                f"{key} {figure['schatting']:.3f} [{figure['onder']:.3f}-{figure['boven']:.3f}] "
                f"({figure['beslissingen']} besluiten, {figure['bron']})"
            )
    return "kwaliteit: " + ("; ".join(parts) or "geen gekoppelde paren / no linked pairs")


def _require_spark() -> None:
    import importlib.util

    if importlib.util.find_spec("pyspark") is None:
        raise UserFacingError(
            "pyspark ontbreekt; installeer zicht[spark] / pyspark is missing; install the zicht[spark] extra",
            EXIT_USAGE,
        )
