# SPDX-License-Identifier: EUPL-1.2
"""Forward stepwise model choice with one-sided Poisson tail p-values (SparseMSE ``stepwisefit``).

Start from the main-effects model. In every cycle, for each pair (i, j) not yet in the model, the number N*_ij
of individuals on both lists is compared with lambda_ij, the current model's expected number (fitted means
summed over the fitted cells that contain i and j). Its p-value is the smaller one-sided Poisson tail,
min{P(X <= N*), P(X >= N*)}, not doubled. A pair whose addition fails ``checkident`` gets p = 1. The pair with
the smallest p (ties: first in lexicographic pair order) enters if p < threshold; otherwise the procedure
stops. Non-overlapping pairs (N* = 0, p = exp(-lambda)) can enter; they become -inf parameters.

Only candidates below the threshold can enter, so the checks are evaluated lazily, in order of increasing
p-value, until one passes: the chosen model is exactly the one of the exhaustive procedure.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.special import pdtr, pdtrc

from zicht.analysis.mse.checks import check_model
from zicht.analysis.mse.design import Design
from zicht.analysis.mse.model import Fit, fit_model, table_stats

__all__ = ["Candidate", "Step", "poisson_tail_p", "stepwise"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Candidate:
    """One candidate pair in one cycle of the stepwise procedure.

    Attributes:
        pair: Pair index.
        n_star: Observed number of individuals on both lists.
        expected: Expected number lambda under the current model.
        p_value: One-sided Poisson tail p-value (before the check).
        check_code: ``checkident`` code of the model with this pair added, or None if not evaluated
            (candidates at or above the threshold, or below it but after the pair that entered).
    """

    pair: int
    n_star: int
    expected: float
    p_value: float
    check_code: int | None


@dataclass(frozen=True, slots=True)
class Step:
    """A pair that entered the model.

    Attributes:
        pair: Pair index.
        n_star: Observed overlap N*.
        expected: Expected overlap lambda under the model before entry.
        p_value: Its p-value.
    """

    pair: int
    n_star: int
    expected: float
    p_value: float


def poisson_tail_p(n_star: FloatArray, expected: FloatArray) -> FloatArray:
    """min{P(X <= n), P(X >= n)} for X ~ Poisson(expected), elementwise.

    Args:
        n_star: Observed counts (non-negative integers).
        expected: Poisson means (non-negative).

    Returns:
        The smaller one-sided tail probabilities.
    """
    lower = pdtr(n_star, expected)
    upper = np.where(n_star >= 1, pdtrc(np.maximum(n_star - 1, 0), expected), 1.0)
    return np.minimum(lower, upper)


def stepwise(
    design: Design, y_full: FloatArray, threshold: float = 0.02, *, record: bool = False
) -> tuple[Fit, list[Step], list[list[Candidate]]]:
    """Run the stepwise procedure.

    Args:
        design: The design for the number of lists.
        y_full: Counts of all cells, in design order.
        threshold: p-value threshold; 0 gives main effects only, 1 the all-pairs model if it passes the
            checks (otherwise pairs are added while any addable one is left).
        record: Whether to return the candidate table of every cycle (costs nothing in fits).

    Returns:
        The final fit, the steps in order of entry and (if ``record``) the candidates of each cycle.
    """
    n_pairs = len(design.pairs)
    all_pairs = tuple(range(n_pairs))
    stats = table_stats(design, y_full)
    if threshold == 0:
        return fit_model(design, y_full, (), stats), [], []
    if threshold == 1 and check_model(design, y_full, all_pairs, stats) == 0:
        return fit_model(design, y_full, all_pairs, stats), [], []
    n_star = np.asarray(stats.n_star)
    model: tuple[int, ...] = ()
    fit = fit_model(design, y_full, model, stats)
    steps: list[Step] = []
    cycles: list[list[Candidate]] = []
    if fit.dark_zero or fit.empty_lists:
        # Every candidate fails the existence check (a list without cases, or with every case).
        return fit, steps, cycles
    included = np.zeros(n_pairs, dtype=bool)
    for _cycle in range(n_pairs):
        expected = design.pair_cells[fit.matrix.kept].T @ fit.mu
        p_values = poisson_tail_p(n_star, expected)
        open_pairs = np.flatnonzero(~included)
        below = open_pairs[p_values[open_pairs] < threshold]
        order = below[np.lexsort((below, p_values[below]))]
        chosen = -1
        codes: dict[int, int] = {}
        for candidate in order:
            code = check_model(design, y_full, (*model, int(candidate)), stats)
            codes[int(candidate)] = code
            if code == 0:
                chosen = int(candidate)
                break
        if record:
            cycles.append(
                [
                    Candidate(int(k), int(n_star[k]), float(expected[k]), float(p_values[k]), codes.get(int(k)))
                    for k in open_pairs
                ]
            )
        if chosen < 0:
            break
        steps.append(Step(chosen, int(n_star[chosen]), float(expected[chosen]), float(p_values[chosen])))
        model = (*model, chosen)
        included[chosen] = True
        fit = fit_model(design, y_full, model, stats)
    return fit, steps, cycles
