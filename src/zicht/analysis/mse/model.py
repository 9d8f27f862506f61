# SPDX-License-Identifier: EUPL-1.2
"""Fitting a Poisson log-linear model by IRLS, step for step as R's ``glm.fit``.

The iteration reproduces R exactly (starting values y + 0.1, convergence when the relative change of the
deviance is below 1e-8, at most 25 iterations, the unscaled covariance taken from the weights of the last
iteration), so that estimates, standard errors and even iteration counts match SparseMSE. A hand-written
Newton step on the small design matrix is far faster than a general GLM library, which matters for the
bootstrap; ``tests/unit/test_mse_model.py`` verifies it against statsmodels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.linalg.lapack import dposv
from scipy.special import gammaln, xlogy

from zicht.analysis.mse.design import Design, ModelMatrix

__all__ = ["Fit", "TableStats", "fit_model", "split_pairs", "table_stats"]

FloatArray = npt.NDArray[np.float64]

EPSILON = 1e-8
MAXIT = 25
_ETA_MAX = 700.0


@dataclass(slots=True)
class Fit:
    """A fitted model.

    Attributes:
        pairs: Pair indices of the model, in model (entry) order, including non-overlapping pairs.
        finite: Pairs fitted with a finite parameter.
        infinite: Non-overlapping pairs in the model (parameter -inf, cells deleted).
        empty_lists: Lists without cases (cells deleted; only in resampled data).
        matrix: The model matrix (kept cells and design).
        y: Counts of the kept cells.
        coef: Coefficients (intercept first); NaN for aliased columns.
        mu: Fitted means of the kept cells.
        info: X' W X with the weights of the last IRLS iteration (independent columns only).
        deviance: Residual deviance.
        iterations: Number of IRLS iterations.
        converged: Whether the deviance criterion was met within 25 iterations.
        dark_zero: True when a list contains every case, so that the dark number is exactly 0.
    """

    pairs: tuple[int, ...]
    finite: tuple[int, ...]
    infinite: tuple[int, ...]
    empty_lists: tuple[int, ...]
    matrix: ModelMatrix
    y: FloatArray
    coef: FloatArray
    mu: FloatArray
    info: FloatArray
    deviance: float
    iterations: int
    converged: bool
    dark_zero: bool = False

    @property
    def intercept(self) -> float:
        """Estimated log dark number (the intercept under 0/1 coding)."""
        return -math.inf if self.dark_zero else float(self.coef[0])

    @property
    def dark(self) -> float:
        """Estimated dark number exp(intercept)."""
        return 0.0 if self.dark_zero else math.exp(self.coef[0])

    @property
    def rank(self) -> int:
        """Number of estimated (non-aliased) parameters."""
        return len(self.matrix.independent)

    @property
    def n_cells(self) -> int:
        """Number of cells in the fit (after deletions)."""
        return len(self.matrix.kept)

    @property
    def df_residual(self) -> int:
        """Residual degrees of freedom."""
        return self.n_cells - self.rank

    @property
    def loglik(self) -> float:
        """Poisson log-likelihood of the kept cells."""
        if self.dark_zero:
            return math.nan
        return float(np.sum(xlogy(self.y, self.mu) - self.mu - gammaln(self.y + 1.0)))

    @property
    def aic(self) -> float:
        """AIC as reported by SparseMSE: GLM AIC plus 2 per non-overlapping pair in the model."""
        return -2.0 * self.loglik + 2.0 * self.rank + 2.0 * len(self.infinite)

    def se_intercept(self) -> float:
        """Unscaled standard error of the intercept (dispersion fixed at 1)."""
        if self.dark_zero:
            return math.nan
        cov = np.linalg.inv(self.info)
        return math.sqrt(cov[0, 0])

    def expected_overlap(self, design: Design, pair: int) -> float:
        """Sum of fitted means over the fitted cells that contain both lists of ``pair``."""
        return float(design.pair_cells[self.matrix.kept, pair] @ self.mu)


def _solve_spd(a: FloatArray, b: FloatArray) -> FloatArray:
    """Solve a x = b for the symmetric positive definite X'WX (LAPACK ``dposv``; LU if not positive definite)."""
    _, x, info = dposv(a, b, lower=False, overwrite_a=False, overwrite_b=False)
    if info != 0:
        x = np.linalg.lstsq(a, b, rcond=None)[0]
    return np.asarray(x, dtype=np.float64)


@dataclass(frozen=True, slots=True)
class TableStats:
    """Margins of one table that every fit and check on it needs (computed once per table).

    Attributes:
        n_star: N* of every pair (individuals on both lists), in :attr:`Design.pairs` order.
        empty: Lists without cases.
        full: Whether some list contains every case.
    """

    n_star: tuple[float, ...]
    empty: tuple[int, ...]
    full: bool


def table_stats(design: Design, y_full: FloatArray) -> TableStats:
    """The :class:`TableStats` of a table.

    Args:
        design: The design.
        y_full: Counts of all cells.

    Returns:
        Pair overlaps and list margins.
    """
    totals = design.cells.T @ y_full
    total = float(y_full.sum())
    return TableStats(
        tuple((design.pair_cells.T @ y_full).tolist()),
        tuple(int(i) for i in np.flatnonzero(totals <= 0)),
        bool(np.any(totals >= total)),
    )


def split_pairs(stats: TableStats, pairs: tuple[int, ...]) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Split model pairs into overlapping (finite) and non-overlapping (-inf) ones.

    Args:
        stats: Margins of the table.
        pairs: Pair indices of the model.

    Returns:
        ``(finite, infinite)``, each in model order.
    """
    n_star = stats.n_star
    return tuple(p for p in pairs if n_star[p] > 0), tuple(p for p in pairs if n_star[p] <= 0)


def fit_model(design: Design, y_full: FloatArray, pairs: tuple[int, ...], stats: TableStats | None = None) -> Fit:
    """Fit the log-linear model with main effects and the given pairs.

    Args:
        design: The design for the number of lists.
        y_full: Counts of all 2^t - 1 cells, in design order.
        pairs: Pair indices of the model (model order is kept in the result).
        stats: The table's margins, if already computed.

    Returns:
        The fit; non-overlapping pairs and empty lists are handled by deleting cells.
    """
    stats = stats or table_stats(design, y_full)
    finite, infinite = split_pairs(stats, pairs)
    empty = stats.empty
    if stats.full:
        # A list holds every case: cells off that list have fitted mean 0, so the dark number is 0.
        mm = design.matrix(finite, infinite, empty)
        zero = np.zeros(0)
        return Fit(
            pairs,
            finite,
            infinite,
            empty,
            mm,
            y_full[mm.kept],
            zero,
            zero,
            np.zeros((0, 0)),
            math.nan,
            0,
            False,
            dark_zero=True,
        )
    mm = design.matrix(finite, infinite, empty)
    x = mm.x if mm.full_rank else mm.x[:, mm.independent]
    y = y_full[mm.kept]
    constant = float(np.sum(xlogy(y, y) - y))
    mu = y + 0.1
    eta = np.log(mu)
    dev_old = 2.0 * (constant - float(y @ eta) + float(mu.sum()))
    beta: FloatArray = np.zeros(x.shape[1])
    info = np.eye(x.shape[1])
    converged = False
    iteration = 0
    dev = dev_old
    for iteration in range(1, MAXIT + 1):  # noqa: B007 - the count is part of the result
        z = eta + (y - mu) / mu
        xtw = x.T * mu
        info = xtw @ x
        beta_new = _solve_spd(info, xtw @ z)
        eta_new = np.minimum(x @ beta_new, _ETA_MAX)
        mu_new = np.exp(eta_new)
        dev = 2.0 * (constant - float(y @ eta_new) + float(mu_new.sum()))
        halvings = 0
        while not math.isfinite(dev) and halvings < 30:  # R's step halving on a non-finite deviance
            beta_new = (beta_new + beta) / 2.0
            eta_new = np.minimum(x @ beta_new, _ETA_MAX)
            mu_new = np.exp(eta_new)
            dev = 2.0 * (constant - float(y @ eta_new) + float(mu_new.sum()))
            halvings += 1
        beta, eta, mu = beta_new, eta_new, mu_new
        if abs(dev - dev_old) / (abs(dev) + 0.1) < EPSILON:
            converged = True
            break
        dev_old = dev
    coef: FloatArray = beta
    if not mm.full_rank:
        coef = np.full(mm.x.shape[1], np.nan)
        coef[mm.independent] = beta
    return Fit(pairs, finite, infinite, empty, mm, y, coef, mu, info, dev, iteration, converged)
