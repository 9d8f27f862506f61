# SPDX-License-Identifier: EUPL-1.2
"""``zicht mse``: dark-number estimation by multiple systems estimation (schatting van het dark number).

Contract (keep stable, scripts depend on it)::

    zicht mse estimate FILE.csv [--method stepwise|main|fixed] [--pairs A:B,C:D] [--threshold 0.02]
                                [--bootstrap N] [--seed S] [--json]

With ``--json`` stdout holds exactly one JSON object (see :meth:`MSEResult.to_dict`); warnings go to stderr.
Errors print one line on stderr and exit with 2 (usage), 3 (unusable input file) or 4 (no estimate exists).
"""

from __future__ import annotations

import json
import math
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import click

from zicht.cli._context import EXIT_BAD_INPUT, EXIT_DOMAIN, EXIT_USAGE, UserFacingError

#: Seed used when ``--seed`` is not given, so that a rerun gives the same interval (SparseMSE's default).
DEFAULT_SEED = 1234


@click.group(name="mse")
def mse() -> None:
    """Dark number by multiple systems estimation / schatting van het dark number (MSE)."""


def _parse_pairs(text: str) -> list[str]:
    pairs = [part.strip() for part in text.split(",") if part.strip()]
    if not pairs:
        raise click.BadParameter("give pairs as A:B,C:D", param_hint="--pairs")
    for pair in pairs:
        names = [n.strip() for n in pair.split(":")]
        if len(names) != 2 or not all(names):
            raise click.BadParameter(f"{pair!r} is not of the form A:B", param_hint="--pairs")
    return pairs


def _finite(value: Any) -> Any:
    """Replace NaN and infinities (not valid JSON) by None, recursively."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_finite(v) for v in value]
    return value


def _fmt(value: float) -> str:
    return f"{value:,.1f}" if math.isfinite(value) else "-"


def _print_summary(path: Path, result: Any) -> None:
    from rich.console import Console
    from rich.table import Table

    from zicht.analysis.mse import pair_label

    console = Console(highlight=False)
    console.print(f"[bold]Multiple systems estimation[/bold] (SparseMSE method) - {path.name}")
    console.print(f"Lijsten / lists: {', '.join(result.lists)}")
    for dropped in result.dropped_lists:
        console.print(f"  weggelaten / dropped: {dropped}")
    if result.method == "stepwise":
        how = f"stepwise, drempel / threshold {result.threshold:g}"
    else:
        how = {"main": "alleen hoofdeffecten / main effects only", "fixed": "vast model / fixed model"}[result.method]
    pairs = ", ".join(pair_label(p) for p in result.model) or "geen paren / no pairs"
    console.print(f"Model ({how}): {pairs}")
    for inf in result.infinite_pairs:
        console.print(
            f"  {pair_label(inf.pair)}: geen overlap / no overlap, parameter -inf (poisspempty {inf.poisspempty:.3f})"
        )
    console.print(f"Waargenomen / observed:                       {result.observed:,}")
    console.print(f"Dark number (niet waargenomen / unobserved):  {_fmt(result.dark_number)}")
    console.print(f"[bold]Totale populatie / total population:         {_fmt(result.estimate)}[/bold]")
    table = Table(title="Intervallen / intervals")
    table.add_column("methode / method")
    table.add_column("niveau / level", justify="right")
    table.add_column("onder / low", justify="right")
    table.add_column("boven / high", justify="right")
    for interval in result.intervals:
        table.add_row(interval.method, f"{interval.level:.0%}", _fmt(interval.low), _fmt(interval.high))
    console.print(table)
    if result.steps:
        steps = Table(title="Stepwise: toegevoegde paren / pairs added")
        for name in ("paar / pair", "N*", "lambda", "p"):
            steps.add_column(name, justify="right")
        for step in result.steps:
            steps.add_row(pair_label(step.pair), str(step.n_star), f"{step.expected:.3f}", f"{step.p_value:.3g}")
        console.print(steps)
    console.print(f"Deviance {result.deviance:.4f} op / on {result.df_residual} df, AIC {result.aic:.3f}")
    if result.bootstrap is None:
        console.print(
            "Het analytische interval geldt voor het gekozen model; --bootstrap 1000 geeft een BCa-interval dat ook "
            "de modelkeuze meeneemt. / The analytic interval is conditional on the chosen model; --bootstrap 1000 "
            "adds a BCa interval that accounts for model choice."
        )
    else:
        boot = result.bootstrap
        console.print(
            f"Bootstrap: {len(boot.replicates)} replicaties / replicates, seed {boot.seed}, "
            f"a = {boot.acceleration:.5f}, {boot.workers} proces(sen) / process(es)"
        )


def _one_blas_thread() -> None:
    """One OpenBLAS thread unless the user chose otherwise; only effective before NumPy is first imported.

    The matrices of an MSE fit are small (at most 2^t - 1 cells), so BLAS threads do not help, but NumPy and
    SciPy each start a pool of them at import: on 2 cores about a third of the CPU time of a single
    ``zicht mse estimate``. A 1000-replicate bootstrap is also faster on one thread, and the output is identical
    (docs/mse.md, "Speed"). Bootstrap worker processes inherit the setting: one process per core.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


@mse.command("estimate")
@click.argument("file", type=click.Path(path_type=Path, dir_okay=True))
@click.option(
    "--method",
    type=click.Choice(["stepwise", "main", "fixed"]),
    default=None,
    help="Model choice: stepwise (default), main effects only, or fixed pairs (--pairs).",
)
@click.option("--pairs", default=None, help="Pairs of the fixed model, e.g. A:B,C:D (implies --method fixed).")
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=0.02,
    show_default=True,
    help="Stepwise p-value threshold.",
)
@click.option(
    "--bootstrap",
    type=click.IntRange(min=0),
    default=0,
    show_default=True,
    help="Bootstrap replicates for the BCa interval (SparseMSE uses 1000).",
)
@click.option("--seed", type=click.IntRange(min=0), default=None, help=f"Bootstrap seed [default: {DEFAULT_SEED}].")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
def estimate_command(
    file: Path,
    method: str | None,
    pairs: str | None,
    threshold: float,
    bootstrap: int,
    seed: int | None,
    as_json: bool,
) -> None:
    """Estimate the total population from a capture table FILE.csv (0/1 list columns, last column counts)."""
    _one_blas_thread()
    from zicht.analysis.mse import (
        ModelCheckError,
        MSEArgumentError,
        MSEError,
        MSEInputError,
        estimate,
        read_capture_csv,
    )

    pair_list = _parse_pairs(pairs) if pairs is not None else None
    if pair_list is not None and method not in (None, "fixed"):
        raise UserFacingError(f"--pairs only goes with --method fixed, not {method}", EXIT_USAGE)
    chosen = method or ("fixed" if pair_list is not None else "stepwise")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            table = read_capture_csv(file)
            result = estimate(
                table,
                method=chosen,
                threshold=threshold,
                pairs=pair_list,
                bootstrap=bootstrap,
                seed=DEFAULT_SEED if seed is None else seed,
            )
        except MSEInputError as exc:
            raise UserFacingError(str(exc), EXIT_BAD_INPUT) from None
        except MSEArgumentError as exc:
            raise UserFacingError(str(exc), EXIT_USAGE) from None
        except ModelCheckError as exc:
            raise UserFacingError(f"geen schatting / no estimate: {exc}", EXIT_DOMAIN) from None
        except MSEError as exc:
            raise UserFacingError(str(exc), EXIT_DOMAIN) from None
    for warning in caught:
        click.echo(f"zicht: waarschuwing / warning: {warning.message}", err=True)
    if as_json:
        click.echo(json.dumps(_finite(result.to_dict()), ensure_ascii=False, allow_nan=False))
    else:
        _print_summary(file, result)


# --- zicht mse registry: the iceberg estimate from the registry's linked persons -------------------------------
#
#     zicht mse registry [--jaar Y|Y1-Y2] [--vorm V] [--regio R] [--lijsten 6|4|SPEC] [--threshold 0.02]
#                        [--bootstrap N] [--seed S] [--waarheid DIR] [--json]
#
# Exit 4 when the registry has no linked persons or the stratum is refused (too sparse); with --json the
# document (zicht.analysis.iceberg.IJsbergSchatting.to_dict, plus "bron") is printed first.


def _print_ijsberg(s: Any, bron: str) -> None:
    from rich.console import Console
    from rich.table import Table

    from zicht.analysis.iceberg import getal, resultaattabel

    console = Console(highlight=False)
    console.print(f"[bold]IJsberg / iceberg[/bold] - {s.stratum.omschrijving()} ({bron})")
    console.print(f"Lijstindeling / lists ({s.indeling.naam}): {s.indeling.omschrijving()}")
    vangst = Table(title="Vangsttabel / capture table")
    for naam in (*s.vangst.lijsten, "personen"):
        vangst.add_column(naam, justify="right")
    for rij in s.vangst.rijen():
        vangst.add_row(*(str(v) for v in rij))
    console.print(vangst)
    if s.weigering is not None:
        for waarschuwing in s.waarschuwingen:
            console.print(f"waarschuwing / warning: {waarschuwing}")
        return
    tabel = Table(title="Geregistreerd en geschat / registered and estimated")
    tabel.add_column("grootheid / quantity")
    tabel.add_column("waarde / value", justify="right")
    for rij in resultaattabel(s).rijen:
        tabel.add_row(*rij)
    console.print(tabel)
    for uitleg in s.uitleg:
        console.print(f"- {uitleg.tekst}")
    gevoelig = Table(title="Gevoeligheid / sensitivity (analytisch 95%)")
    for naam in ("variant", "model", "geschat", "95%"):
        gevoelig.add_column(naam)
    for g in s.gevoeligheid:
        gevoelig.add_row(
            g.label + (" *" if g.huidig else ""),
            ", ".join(g.model) or "-",
            getal(g.schatting) if g.schatting is not None else (g.weigering or "-"),
            f"{getal(g.laag)} - {getal(g.hoog)}" if g.schatting is not None else "-",
        )
    console.print(gevoelig)
    for waarschuwing in s.waarschuwingen:
        console.print(f"[bold]waarschuwing / warning:[/bold] {waarschuwing}")
    console.print(f"[bold]{s.lezing()}[/bold]")


def _regio(tekst: str | None, reference: Any) -> str | None:
    from zicht.analysis.iceberg import BUITENLAND, ONBEKEND
    from zicht.reference import Gebiedsniveau, UnknownPlace

    if tekst is None or not tekst.strip():
        return None
    if tekst.strip().lower() in (BUITENLAND, ONBEKEND):
        return tekst.strip().lower()
    try:
        return str(reference.gebied(Gebiedsniveau.politie_eenheid, tekst.strip()).code)
    except UnknownPlace:
        eenheden = ", ".join(sorted(reference.gebieden(Gebiedsniveau.politie_eenheid)))
        raise UserFacingError(
            f"onbekende regio {tekst!r}: kies een politie-eenheid ({eenheden}), buitenland of onbekend", EXIT_USAGE
        ) from None


@mse.command("registry")
@click.option(
    "--jaar", default=None, help="Jaar (2023) of periode (2019-2023) [default: het laatste jaar met meldingen]."
)
@click.option("--vorm", default=None, help="Uitbuitingsvorm (code, bijvoorbeeld seksueel) [default: alle vormen].")
@click.option(
    "--regio",
    default=None,
    help="Politie-eenheid van de plaats delict, buitenland of onbekend [default: heel Nederland].",
)
@click.option("--lijsten", default="6", show_default=True, help="Lijstindeling: 6, 4 of naam=soort+soort,...,naam=*.")
@click.option(
    "--threshold", type=click.FloatRange(0.0, 1.0), default=0.02, show_default=True, help="Stepwise threshold."
)
@click.option("--bootstrap", type=click.IntRange(min=0), default=None, help="BCa bootstrap replicates [default: 200].")
@click.option("--seed", type=click.IntRange(min=0), default=None, help=f"Bootstrap seed [default: {DEFAULT_SEED}].")
@click.option(
    "--waarheid",
    type=click.Path(path_type=Path, exists=True),
    default=None,
    help="Synthetische waarheid (waarheid/meldingen.csv of de map van zicht synth): persoon-ids in plaats van de koppeling.",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object on stdout.")
def registry_command(
    jaar: str | None,
    vorm: str | None,
    regio: str | None,
    lijsten: str,
    threshold: float,
    bootstrap: int | None,
    seed: int | None,
    waarheid: Path | None,
    as_json: bool,
) -> None:
    """Registered versus estimated victims from the registry's linked persons (the iceberg)."""
    from zicht.analysis.iceberg import (
        STANDAARD_BOOTSTRAP,
        Instellingen,
        LijstindelingFout,
        Stratum,
        lees_waarheid,
        lijstindeling,
        rijen_uit_register,
        schat,
    )
    from zicht.cli._context import get_context
    from zicht.codebook import codelijst
    from zicht.storage import engine_from_settings

    app = get_context()
    try:
        indeling = lijstindeling(lijsten)
    except LijstindelingFout as exc:
        raise UserFacingError(f"--lijsten: {exc}", EXIT_USAGE) from None
    if vorm is not None and vorm not in codelijst("uitbuitingsvorm"):
        keuzes = ", ".join(codelijst("uitbuitingsvorm").waarden)
        raise UserFacingError(f"onbekende uitbuitingsvorm {vorm!r}: kies uit {keuzes}", EXIT_USAGE)
    regio_code = _regio(regio, app.reference)
    koppeling = None
    if waarheid is not None:
        try:
            koppeling = lees_waarheid(waarheid)
        except (FileNotFoundError, ValueError) as exc:
            raise UserFacingError(str(exc), EXIT_BAD_INPUT) from None
    engine = engine_from_settings(app.settings)
    try:
        rijen = rijen_uit_register(engine, app.reference, koppeling)
    finally:
        engine.dispose()
    if rijen.empty:
        raise UserFacingError("het register bevat geen meldingen / the registry holds no meldingen", EXIT_DOMAIN)
    if rijen["persoon_id"].isna().all():
        raise UserFacingError(
            "geen enkele melding is aan een persoon gekoppeld: voer eerst de koppeling uit (zicht link) of geef "
            "--waarheid voor synthetische gegevens / no melding is linked to a person yet",
            EXIT_DOMAIN,
        )
    try:
        stratum = Stratum.uit_tekst(jaar or str(int(rijen["jaar"].max())), vorm, regio_code)
    except ValueError as exc:
        raise UserFacingError(f"--jaar: {exc}", EXIT_USAGE) from None
    instellingen = Instellingen(
        drempel=threshold,
        bootstrap=STANDAARD_BOOTSTRAP if bootstrap is None else bootstrap,
        seed=DEFAULT_SEED if seed is None else seed,
        workers=None,
    )
    s = schat(rijen, stratum, indeling, instellingen)
    bron = "synthetische waarheid" if koppeling is not None else "register, gekoppelde personen"
    if as_json:
        document = s.to_dict()
        document["bron"] = bron
        click.echo(json.dumps(_finite(document), ensure_ascii=False, allow_nan=False))
    else:
        _print_ijsberg(s, bron)
    if s.weigering is not None:
        raise UserFacingError(f"geen schatting / no estimate: {s.weigering}", EXIT_DOMAIN)
