# SPDX-License-Identifier: EUPL-1.2
"""Typed, immutable results of a multiple systems estimate.

Pairs are given by list names, ``("ABA", "OSCE")``, the first name being the earlier column of the input.
:meth:`MSEResult.to_dict` gives a JSON-ready mapping (the ``zicht mse estimate --json`` document).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

__all__ = [
    "BootstrapSummary",
    "CandidateRecord",
    "InfinitePair",
    "Interval",
    "MSEResult",
    "StepRecord",
    "pair_label",
]

Pair = tuple[str, str]


def pair_label(pair: Pair) -> str:
    """``"X:Y"`` for a pair of list names."""
    return f"{pair[0]}:{pair[1]}"


@dataclass(frozen=True)
class Interval:
    """A two-sided interval for the total population.

    Attributes:
        method: ``"analytic"`` (log-normal, conditional on the chosen model) or ``"bca"`` (bootstrap,
            accounts for model choice).
        level: Coverage, e.g. 0.95.
        low: Lower limit (quantile (1 - level) / 2).
        high: Upper limit (quantile (1 + level) / 2).
    """

    method: Literal["analytic", "bca"]
    level: float
    low: float
    high: float


@dataclass(frozen=True)
class StepRecord:
    """A pair that entered the model in the stepwise procedure.

    Attributes:
        pair: The pair of lists.
        n_star: Number of individuals observed on both lists.
        expected: Their expected number (lambda) under the model before the pair entered.
        p_value: The one-sided Poisson tail p-value.
        infinite: Whether the pair does not overlap (its parameter is -inf).
    """

    pair: Pair
    n_star: int
    expected: float
    p_value: float
    infinite: bool


@dataclass(frozen=True)
class CandidateRecord:
    """One candidate pair in one stepwise cycle.

    Attributes:
        cycle: Cycle number, from 1.
        pair: The pair of lists.
        n_star: Observed overlap.
        expected: Expected overlap under the current model.
        p_value: Poisson tail p-value before the check.
        check_code: ``checkident`` code of the enlarged model, None if it was not needed.
    """

    cycle: int
    pair: Pair
    n_star: int
    expected: float
    p_value: float
    check_code: int | None


@dataclass(frozen=True)
class InfinitePair:
    """A non-overlapping pair in the model, with SparseMSE's ``poisspempty`` diagnostic.

    Attributes:
        pair: The pair of lists.
        expected: lambda*, the expected overlap under the model without this pair.
        poisspempty: exp(-lambda*), the probability of an empty overlap if the pair were not in the model.
    """

    pair: Pair
    expected: float
    poisspempty: float


@dataclass(frozen=True)
class BootstrapSummary:
    """The bootstrap behind the BCa intervals.

    Attributes:
        replicates: The replicate point estimates, in replicate order.
        seed: The seed of the multinomial draws (reproduces the replicates exactly).
        acceleration: The jackknife acceleration a-hat.
        fraction_below: Fraction of replicates strictly below the point estimate (z0 = Phi^-1 of it).
        workers: Number of processes used.
        nonconverged: Replicates whose IRLS fit did not converge within 25 iterations.
        degenerate: True if no replicate (or every replicate) lies below the estimate, so that the bias
            correction is infinite and the BCa limits collapse to the smallest (largest) replicate.
    """

    replicates: tuple[float, ...]
    seed: int
    acceleration: float
    fraction_below: float
    workers: int
    nonconverged: int
    degenerate: bool


@dataclass(frozen=True)
class MSEResult:
    """A population estimate by multiple systems estimation.

    Attributes:
        lists: The lists used, in column order (after removing uninformative ones).
        dropped_lists: Lists removed as uninformative, with the reason, as ``"name: reason"``.
        method: ``"stepwise"``, ``"main"`` or ``"fixed"``.
        threshold: Stepwise p-value threshold (None for other methods).
        observed: Number of observed individuals N_obs.
        estimate: Total population N_obs + exp(intercept) (point estimate = median of the analytic law).
        dark_number: Estimated number never observed, exp(intercept).
        intercept: The fitted intercept (log dark number).
        se_intercept: Its unscaled standard error.
        model: Pairs in the model, in order of entry (stepwise) or as given (fixed), -inf pairs included.
        infinite_pairs: The non-overlapping pairs of the model with their diagnostic.
        steps: The stepwise path.
        candidates: Every candidate of every stepwise cycle.
        deviance: Residual deviance.
        df_residual: Residual degrees of freedom.
        aic: AIC, GLM AIC plus 2 per -inf pair (as SparseMSE).
        cells: Number of cells in the fit.
        iterations: IRLS iterations.
        converged: Whether IRLS converged.
        check_code: ``checkident`` code of the model (0).
        intervals: Analytic (and with a bootstrap, BCa) intervals.
        bootstrap: Bootstrap details, or None.
        warnings: Messages about automatic corrections of the input.
    """

    lists: tuple[str, ...]
    dropped_lists: tuple[str, ...]
    method: str
    threshold: float | None
    observed: int
    estimate: float
    dark_number: float
    intercept: float
    se_intercept: float
    model: tuple[Pair, ...]
    infinite_pairs: tuple[InfinitePair, ...]
    steps: tuple[StepRecord, ...]
    candidates: tuple[CandidateRecord, ...]
    deviance: float
    df_residual: int
    aic: float
    cells: int
    iterations: int
    converged: bool
    check_code: int
    intervals: tuple[Interval, ...]
    bootstrap: BootstrapSummary | None
    warnings: tuple[str, ...]

    def interval(self, method: str, level: float) -> Interval:
        """The interval of a method and level.

        Args:
            method: ``"analytic"`` or ``"bca"``.
            level: Coverage, e.g. 0.95.

        Returns:
            The interval.

        Raises:
            KeyError: If there is no such interval.
        """
        for interval in self.intervals:
            if interval.method == method and abs(interval.level - level) < 1e-12:
                return interval
        raise KeyError(f"no {method} interval at level {level}")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready representation (the ``--json`` output of the CLI).

        Returns:
            A mapping of plain Python values.
        """
        out: dict[str, Any] = {
            "observed": self.observed,
            "estimate": self.estimate,
            "dark_number": self.dark_number,
            "model": [pair_label(p) for p in self.model],
            "infinite_pairs": [pair_label(p.pair) for p in self.infinite_pairs],
            "intervals": [{"method": i.method, "level": i.level, "low": i.low, "high": i.high} for i in self.intervals],
            "method": self.method,
            "threshold": self.threshold,
            "lists": list(self.lists),
            "dropped_lists": list(self.dropped_lists),
            "intercept": self.intercept,
            "se_intercept": self.se_intercept,
            "deviance": self.deviance,
            "df_residual": self.df_residual,
            "aic": self.aic,
            "cells": self.cells,
            "iterations": self.iterations,
            "converged": self.converged,
            "check_code": self.check_code,
            "poisspempty": {pair_label(p.pair): p.poisspempty for p in self.infinite_pairs},
            "steps": [
                {
                    "pair": pair_label(s.pair),
                    "n_star": s.n_star,
                    "expected": s.expected,
                    "p_value": s.p_value,
                    "infinite": s.infinite,
                }
                for s in self.steps
            ],
            "warnings": list(self.warnings),
        }
        if self.bootstrap is not None:
            b = self.bootstrap
            out["bootstrap"] = {
                "replicates": len(b.replicates),
                "seed": b.seed,
                "acceleration": b.acceleration,
                "fraction_below": b.fraction_below,
                "workers": b.workers,
                "nonconverged": b.nonconverged,
                "degenerate": b.degenerate,
            }
        return out
