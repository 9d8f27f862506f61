# SPDX-License-Identifier: EUPL-1.2
"""``zicht synth``: write synthetic meldingen files with a separate truth directory."""

from __future__ import annotations

import time
from pathlib import Path

import click

from zicht.cli._context import EXIT_USAGE, UserFacingError, get_context


@click.command("synth")
@click.option("--from", "jaar_van", type=int, default=2015, show_default=True, help="First year.")
@click.option("--to", "jaar_tot", type=int, default=2024, show_default=True, help="Last year.")
@click.option("--seed", type=int, default=1, show_default=True, help="Random seed (same seed, same files).")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    help="Output directory (meldingen/, waarheid/, organisaties.csv, MANIFEST.json).",
)
@click.option(
    "--schaal", type=float, default=1.0, show_default=True, help="Multiplier on the yearly totals (benchmarks)."
)
def synth(jaar_van: int, jaar_tot: int, seed: int, out_dir: Path, schaal: float) -> None:
    """Generate synthetic meldingen calibrated to the published Dutch figures.

    The files in OUT/meldingen/ are what reporting organisations would send; OUT/waarheid/ holds the true
    person behind every melding and the hidden population, for tests and benchmarks only.
    """
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    from zicht.synth import SynthConfig, generate, write

    try:
        config = SynthConfig(jaar_van=jaar_van, jaar_tot=jaar_tot, seed=seed, schaal=schaal)
    except ValueError as exc:
        raise UserFacingError(str(exc), EXIT_USAGE) from None
    reference = get_context().reference
    begin = time.perf_counter()
    with Progress(TextColumn("{task.description:<40}"), BarColumn(), TimeElapsedColumn(), transient=True) as voortgang:
        taak = voortgang.add_task("genereren", total=len(config.jaren) + 1)

        def stap(tekst: str, klaar: int, totaal: int) -> None:
            voortgang.update(taak, description=tekst, completed=klaar, total=totaal)

        result = generate(config, reference, progress=stap)
        taak = voortgang.add_task("schrijven", total=1)
        write(result, out_dir, progress=stap)
    duur = time.perf_counter() - begin
    click.echo(
        f"{len(result.meldingen):,} meldingen van {result.manifest['personen_totaal']:,} personen "
        f"({jaar_van}–{jaar_tot}, seed {seed}, schaal {schaal:g}) in {duur:.1f} s -> {out_dir}"
    )
