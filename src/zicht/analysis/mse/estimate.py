# SPDX-License-Identifier: EUPL-1.2
"""The public entry point :func:`estimate`: input hygiene, model choice, fit, intervals, bootstrap."""

from __future__ import annotations

import math
import secrets
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np

from zicht.analysis.mse.bootstrap import BootstrapJob, run_bootstrap
from zicht.analysis.mse.design import Design, get_design
from zicht.analysis.mse.errors import MSEArgumentError, MSEInputError, MSEWarning
from zicht.analysis.mse.intervals import acceleration, analytic_intervals, bca_intervals, bca_levels
from zicht.analysis.mse.model import Fit, fit_model
from zicht.analysis.mse.procedure import METHODS, select_and_fit
from zicht.analysis.mse.result import (
    BootstrapSummary,
    CandidateRecord,
    InfinitePair,
    Interval,
    MSEResult,
    StepRecord,
)
from zicht.analysis.mse.table import CaptureTable, drop_uninformative_lists, read_capture_csv

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["MAX_LISTS", "PairSpec", "estimate"]

PairSpec = str | tuple[str, str]

#: Largest number of lists accepted: the model has 2^t - 1 cells and t(t-1)/2 candidate pairs.
MAX_LISTS = 14


def _as_table(table: CaptureTable | pd.DataFrame | str | Path) -> CaptureTable:
    if isinstance(table, CaptureTable):
        return table
    if isinstance(table, str | Path):
        return read_capture_csv(table)
    return CaptureTable.from_frame(table)


def _resolve_pairs(
    design: Design, lists: tuple[str, ...], pairs: Sequence[PairSpec] | Literal["all"]
) -> tuple[int, ...]:
    if pairs == "all":
        return tuple(range(len(design.pairs)))
    out: list[int] = []
    for spec in pairs:
        names = spec.split(":") if isinstance(spec, str) else list(spec)
        names = [n.strip() for n in names]
        if len(names) != 2 or not all(names):
            raise MSEArgumentError(f"a pair is written as two list names 'X:Y', got {spec!r}")
        unknown = [n for n in names if n not in lists]
        if unknown:
            raise MSEArgumentError(f"pair {spec!r}: unknown list {unknown[0]!r}; the lists are {', '.join(lists)}")
        i, j = lists.index(names[0]), lists.index(names[1])
        if i == j:
            raise MSEArgumentError(f"pair {spec!r} names the same list twice")
        index = design.pair_index(i, j)
        if index in out:
            raise MSEArgumentError(f"pair {spec!r} is given twice")
        out.append(index)
    return tuple(out)


def _clean(table: CaptureTable) -> tuple[CaptureTable, list[str], list[str]]:
    cleaned, dropped = drop_uninformative_lists(table)
    messages = [f"list {item.name!r} dropped as uninformative: {item.reason}" for item in dropped]
    lost = table.observed - cleaned.observed
    if lost:
        messages.append(f"{lost} individuals were only on dropped lists and are no longer counted as observed")
    for message in messages:
        warnings.warn(message, MSEWarning, stacklevel=3)
    return cleaned, [f"{d.name}: {d.reason}" for d in dropped], messages


def _infinite_pairs(design: Design, y: np.ndarray, fit: Fit, names: tuple[str, ...]) -> tuple[InfinitePair, ...]:
    out = []
    for pair in fit.infinite:
        without = fit_model(design, y, tuple(p for p in fit.pairs if p != pair))
        expected = without.expected_overlap(design, pair)
        i, j = design.pairs[pair]
        out.append(InfinitePair((names[i], names[j]), expected, math.exp(-expected)))
    return tuple(out)


def estimate(
    table: CaptureTable | pd.DataFrame | str | Path,
    method: str = "stepwise",
    threshold: float = 0.02,
    pairs: Sequence[PairSpec] | Literal["all"] | None = None,
    bootstrap: int = 0,
    seed: int | None = None,
    levels: Sequence[float] = (0.95, 0.80),
    workers: int | None = None,
) -> MSEResult:
    """Estimate the total population (observed plus dark number) by multiple systems estimation.

    The method is that of the R package SparseMSE 2.0.1: a Poisson log-linear model with main effects and
    chosen two-list interactions, non-overlapping pairs as -inf parameters, existence and identifiability
    checks, forward stepwise choice with one-sided Poisson p-values, a log-normal interval conditional on the
    model and, with ``bootstrap > 0``, a BCa interval that accounts for the model choice.

    Args:
        table: A :class:`CaptureTable`, a pandas DataFrame (list columns, then the count column) or the path
            of a CSV file.
        method: ``"stepwise"`` (default), ``"main"`` (main effects only) or ``"fixed"`` (``pairs``).
        threshold: Stepwise p-value threshold (default 0.02; 0 = main effects; 1 = as many pairs as possible).
        pairs: For ``fixed``: pairs as ``"X:Y"`` strings or name tuples, or ``"all"`` for every pair.
        bootstrap: Number of bootstrap replicates for the BCa interval (0 = none; SparseMSE uses 1000).
        seed: Seed of the bootstrap draws; None draws a fresh one (reported in the result).
        levels: Two-sided coverages of the intervals.
        workers: Processes for the bootstrap; None = automatic, 1 = in-process only.

    Returns:
        The estimate with its model, diagnostics and intervals.

    Raises:
        MSEInputError: If the table is unusable (see :class:`CaptureTable`).
        MSEArgumentError: If an argument is invalid (method, threshold, pairs, levels, ...).
        NoMLEError: If the chosen model has no (extended) maximum likelihood estimate (check code 1 or 3).
        NotIdentifiableError: If the chosen model is not identifiable (check code 2 or 3).
    """
    if method not in METHODS:
        raise MSEArgumentError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
    if not 0 <= threshold <= 1:
        raise MSEArgumentError(f"threshold must lie in [0, 1], got {threshold}")
    if pairs is not None and method != "fixed":
        raise MSEArgumentError("pairs can only be given with method 'fixed'")
    if bootstrap < 0:
        raise MSEArgumentError(f"the number of bootstrap replicates cannot be negative, got {bootstrap}")
    if workers is not None and workers < 1:
        raise MSEArgumentError(f"workers must be at least 1, got {workers}")
    if seed is not None and seed < 0:
        raise MSEArgumentError(f"the seed must be a non-negative integer, got {seed}")
    if not levels:
        raise MSEArgumentError("give at least one confidence level")
    for level in levels:
        if not 0 < level < 1:
            raise MSEArgumentError(f"confidence level must lie strictly between 0 and 1, got {level}")
    raw = _as_table(table)
    cleaned, dropped, messages = _clean(raw)
    names = cleaned.lists
    if cleaned.n_lists > MAX_LISTS:
        raise MSEInputError(
            f"{cleaned.n_lists} lists is more than the {MAX_LISTS} this estimator supports; merge related lists first"
        )
    design = get_design(cleaned.n_lists)
    model_pairs = _resolve_pairs(design, names, pairs) if pairs is not None else ()
    cells = tuple(design.cell_index(p) for p in cleaned.patterns)
    counts = np.asarray(cleaned.counts, dtype=float)
    y = np.zeros(design.n_cells)
    y[list(cells)] = counts
    selection = select_and_fit(design, y, method, threshold, model_pairs, checked=True, record=True, names=names)
    fit = selection.fit
    observed = cleaned.observed
    se = fit.se_intercept()

    def label(pair: int) -> tuple[str, str]:
        i, j = design.pairs[pair]
        return (names[i], names[j])

    intervals: list[Interval] = analytic_intervals(observed, fit.intercept, se, levels)
    summary = None
    if bootstrap > 0:
        used_seed = secrets.randbits(63) if seed is None else int(seed)
        job = BootstrapJob(cleaned.n_lists, cells, method, threshold, model_pairs)
        outcome = run_bootstrap(job, cleaned.counts, bootstrap, used_seed, workers)
        point = observed + fit.dark
        ahat = acceleration(counts, outcome.jackknife)
        _, fraction = bca_levels(outcome.replicates, point, ahat, np.array([0.5]))
        intervals += bca_intervals(outcome.replicates, point, ahat, levels)
        summary = BootstrapSummary(
            tuple(float(v) for v in outcome.replicates),
            used_seed,
            ahat,
            fraction,
            outcome.workers,
            outcome.nonconverged,
            fraction in (0.0, 1.0),
        )
    steps = tuple(StepRecord(label(s.pair), s.n_star, s.expected, s.p_value, s.n_star == 0) for s in selection.steps)
    candidates = tuple(
        CandidateRecord(cycle, label(c.pair), c.n_star, c.expected, c.p_value, c.check_code)
        for cycle, table_ in enumerate(selection.cycles, start=1)
        for c in table_
    )
    return MSEResult(
        lists=names,
        dropped_lists=tuple(dropped),
        method=method,
        threshold=threshold if method == "stepwise" else None,
        observed=observed,
        estimate=observed + fit.dark,
        dark_number=fit.dark,
        intercept=fit.intercept,
        se_intercept=se,
        model=tuple(label(p) for p in fit.pairs),
        infinite_pairs=_infinite_pairs(design, y, fit, names),
        steps=steps,
        candidates=candidates,
        deviance=fit.deviance,
        df_residual=fit.df_residual,
        aic=fit.aic,
        cells=fit.n_cells,
        iterations=fit.iterations,
        converged=fit.converged,
        check_code=selection.check_code,
        intervals=tuple(intervals),
        bootstrap=summary,
        warnings=tuple(messages),
    )
