# SPDX-License-Identifier: EUPL-1.2
"""The unchecked procedure on many tables at once: bootstrap replicates and the jackknife.

:func:`estimate_many` makes the same decisions as :func:`~zicht.analysis.mse.procedure.select_and_fit` with
``checked=False`` on every row of a matrix of cell counts, but fits all rows that need the same model matrix
together, with IRLS on arrays (one row per table). Replicates share the few capture patterns of the data and
differ only in their counts, so in every stepwise cycle most of them need one of a handful of models.

The arithmetic of a row never depends on the other rows of its batch: the sums over cells are elementwise
additions in a fixed order (superset / subset sums over the 2^t patterns, see :func:`irls_many`) and the normal
equations are solved by LAPACK one matrix at a time. A replicate therefore gets the same value whatever the
chunking of the replicates over worker processes. The iteration is that of :func:`~zicht.analysis.mse.model.fit_model` (R's
``glm.fit``: start y + 0.1, the same convergence rule and step halving); only the rounding of its sums
differs, so values agree with the one-table path to about 1e-12 relative.

Existence checks are memoised per (model, support of the whole table): the code of ``checkident`` depends on
the data only through which cells are positive (see :mod:`~zicht.analysis.mse.checks`).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from scipy.special import xlogy

from zicht.analysis.mse.checks import CACHE_LIMIT, check_model
from zicht.analysis.mse.design import Design
from zicht.analysis.mse.model import _ETA_MAX, EPSILON, MAXIT, TableStats, _solve_spd
from zicht.analysis.mse.stepwise import poisson_tail_p

__all__ = ["estimate_many", "irls_many"]

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.intp]

#: Rows per block of :func:`irls_many` so that a block's 2^t arrays stay small (memory only, never the result).
_BLOCK_ELEMENTS = 1 << 20


def _superset_sums(a: FloatArray, t: int) -> FloatArray:
    """``out[S] = sum of a[T] over all T containing S``, in place; sets of lists as bit masks on axis 0.

    Axis 1 holds the tables, so every step is an elementwise addition of whole blocks of rows.
    """
    for i in range(t):
        view = a.reshape(1 << (t - 1 - i), 2, -1)
        view[:, 0] += view[:, 1]
    return a


def _subset_sums(a: FloatArray, t: int) -> FloatArray:
    """``out[S] = sum of a[T] over all T contained in S``, in place (layout as :func:`_superset_sums`)."""
    for i in range(t):
        view = a.reshape(1 << (t - 1 - i), 2, -1)
        view[:, 1] += view[:, 0]
    return a


def _linear(coef: FloatArray, t: int, columns: IntArray, cells: IntArray) -> FloatArray:
    """The linear predictor X beta of every row (tables x cells), capped as in ``fit_model``."""
    lattice = np.zeros((1 << t, len(coef)))
    lattice[columns] = coef.T
    return np.minimum(_subset_sums(lattice, t)[cells].T, _ETA_MAX)


def _solve_many(info: FloatArray, rhs: FloatArray) -> FloatArray:
    """Solve every ``info[g] x = rhs[g]`` (LU per matrix; as ``_solve_spd`` where one is not positive definite)."""
    try:
        np.linalg.cholesky(info)
    except np.linalg.LinAlgError:
        out = np.empty_like(rhs)
        for g in range(len(info)):
            try:
                np.linalg.cholesky(info[g])
            except np.linalg.LinAlgError:
                out[g] = _solve_spd(info[g], rhs[g])
            else:
                out[g] = np.linalg.solve(info[g], rhs[g][:, None])[:, 0]
        return out
    return np.asarray(np.linalg.solve(info, rhs[:, :, None])[:, :, 0], dtype=np.float64)


def irls_many(
    t: int, cells: IntArray, columns: IntArray, y: FloatArray, margins: IntArray | None = None
) -> tuple[FloatArray, BoolArray, FloatArray]:
    """Poisson IRLS of every row of ``y`` on a 0/1 log-linear design (R's ``glm.fit``, row by row).

    A column of such a design is the indicator "the cell contains the set of lists S" (S empty for the
    intercept, one list for a main effect, two for a pair). So X'WX[i, j] is the sum of the weights over the
    cells that contain S_i | S_j, X'Wz likewise, and X beta of a cell the sum of the coefficients of the
    columns whose set it contains: all are superset or subset sums over the 2^t patterns, computed for every
    row at once in t vectorised steps.

    Args:
        t: Number of lists.
        cells: Bit mask (list i = bit i) of every fitted cell.
        columns: Bit mask of the set of every column (full column rank).
        y: Counts, tables x fitted cells.
        margins: Bit masks at which to return the superset sums of the fitted means (e.g. the pairs).

    Returns:
        Coefficients (tables x columns), whether each fit converged, and the fitted means summed over the
        cells that contain each of ``margins`` (tables x margins; empty without ``margins``).
    """
    n = y.shape[0]
    c = len(columns)
    size = 1 << t
    iu, ju = np.triu_indices(c)
    union = columns[iu] | columns[ju]
    constant = (xlogy(y, y) - y).sum(axis=1)
    mu = y + 0.1
    eta = np.log(mu)
    dev_old = 2.0 * (constant - (y * eta).sum(axis=1) + mu.sum(axis=1))
    beta = np.zeros((n, c))
    converged = np.zeros(n, dtype=bool)
    rows: IntArray = np.arange(n)
    for _iteration in range(MAXIT):
        y_a, mu_a, eta_a = y[rows], mu[rows], eta[rows]
        m = len(rows)
        lattice = np.zeros((size, 2 * m))
        lattice[cells, :m] = mu_a.T
        lattice[cells, m:] = (mu_a * (eta_a + (y_a - mu_a) / mu_a)).T
        _superset_sums(lattice, t)
        info = np.empty((m, c, c))
        upper = lattice[union, :m].T
        info[:, iu, ju] = upper
        info[:, ju, iu] = upper
        beta_new = _solve_many(info, np.ascontiguousarray(lattice[columns, m:].T))
        const_a = constant[rows]
        eta_new = _linear(beta_new, t, columns, cells)
        mu_new = np.exp(eta_new)
        dev = 2.0 * (const_a - (y_a * eta_new).sum(axis=1) + mu_new.sum(axis=1))
        bad = np.flatnonzero(~np.isfinite(dev))
        if bad.size:  # R's step halving on a non-finite deviance, per table
            beta_old = beta[rows[bad]]
            for _halving in range(30):
                beta_new[bad] = (beta_new[bad] + beta_old) / 2.0
                eta_new[bad] = _linear(beta_new[bad], t, columns, cells)
                mu_new[bad] = np.exp(eta_new[bad])
                dev[bad] = 2.0 * (const_a[bad] - (y_a[bad] * eta_new[bad]).sum(axis=1) + mu_new[bad].sum(axis=1))
                bad = bad[~np.isfinite(dev[bad])]
                if not bad.size:
                    break
        beta[rows], eta[rows], mu[rows] = beta_new, eta_new, mu_new
        done = np.abs(dev - dev_old[rows]) / (np.abs(dev) + 0.1) < EPSILON
        converged[rows[done]] = True
        dev_old[rows] = dev
        rows = rows[~done]
        if not rows.size:
            break
    if margins is None or not len(margins):
        return beta, converged, np.zeros((n, 0))
    lattice = np.zeros((size, n))
    lattice[cells] = mu.T
    return beta, converged, np.ascontiguousarray(_superset_sums(lattice, t)[margins].T)


class _Tables:
    """Per-table state of :func:`estimate_many`."""

    def __init__(self, design: Design, y: FloatArray) -> None:
        self.design = design
        self.y = y
        self.total = y.sum(axis=1)
        list_totals = y @ design.cells  # integer sums, exact
        self.n_star = y @ design.pair_cells
        self.full = (list_totals >= self.total[:, None]).any(axis=1)
        empty = list_totals <= 0
        has_empty: list[bool] = np.any(empty, axis=1).tolist()
        self.empty: list[tuple[int, ...]] = [
            tuple(int(i) for i in np.flatnonzero(empty[row])) if has else () for row, has in enumerate(has_empty)
        ]
        self.support = [row.tobytes() for row in np.packbits(y > 0, axis=1)]
        self.dark = np.zeros(len(y))
        self.converged = np.ones(len(y), dtype=bool)
        self.expected = np.zeros((len(y), len(design.pairs)))

    def stats(self, row: int) -> TableStats:
        return TableStats(tuple(self.n_star[row].tolist()), self.empty[row], bool(self.full[row]))

    def check(self, row: int, pairs: tuple[int, ...]) -> int:
        """``checkident`` code of a model on one table, memoised per (model, support)."""
        cache = self.design.check_cache
        key = (tuple(sorted(pairs)), self.support[row])
        code = cache.get(key)
        if code is None:
            code = check_model(self.design, self.y[row], pairs, self.stats(row))
            if len(cache) >= CACHE_LIMIT:
                cache.clear()
            cache[key] = code
        return code

    def fit(self, rows: IntArray, models: list[tuple[int, ...]], expected: bool) -> None:
        """Fit each row's model (grouped by model matrix); store dark numbers, convergence and lambda_ij."""
        design = self.design
        groups: dict[tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...]], list[int]] = {}
        for row in rows.tolist():
            model = models[row]
            n_star = self.n_star[row]
            finite = tuple(p for p in model if n_star[p] > 0)
            infinite = tuple(p for p in model if n_star[p] <= 0)
            groups.setdefault((finite, infinite, self.empty[row]), []).append(row)
        t = design.t
        bits = design.cells.astype(np.intp) @ (1 << np.arange(t))
        pair_bits = np.asarray([(1 << i) | (1 << j) for i, j in design.pairs], dtype=np.intp)
        block = max(1, _BLOCK_ELEMENTS >> t)
        for key, members in groups.items():
            mm = design.matrix(*key)
            columns = np.concatenate(
                [[0], [1 << i for i in mm.lists], pair_bits[np.asarray(mm.pairs, dtype=np.intp)]]
            ).astype(np.intp)[mm.independent]
            cells = bits[mm.kept]
            for start in range(0, len(members), block):
                idx = np.asarray(members[start : start + block], dtype=np.intp)
                beta, converged, margins = irls_many(
                    t, cells, columns, self.y[np.ix_(idx, mm.kept)], pair_bits if expected else None
                )
                self.dark[idx] = [math.exp(v) for v in beta[:, 0].tolist()]
                self.converged[idx] = converged
                if expected:
                    self.expected[idx] = margins


def estimate_many(
    design: Design, y: FloatArray, method: str, threshold: float, pairs: tuple[int, ...]
) -> tuple[FloatArray, BoolArray]:
    """Point estimates of the unchecked procedure on many tables.

    Args:
        design: The design for the number of lists.
        y: Counts of all cells, one table per row.
        method: ``"stepwise"``, ``"main"`` or ``"fixed"``.
        threshold: Stepwise p-value threshold.
        pairs: The model's pair indices for ``fixed``.

    Returns:
        The estimate of every table and whether its final IRLS fit converged (or the dark number is exactly
        0 because a list holds every case), as ``BootstrapJob.estimate``.

    Raises:
        ValueError: On an unknown method.
    """
    if method not in ("stepwise", "main", "fixed"):
        raise ValueError(f"unknown method {method!r}")
    y = np.ascontiguousarray(y, dtype=np.float64)
    tables = _Tables(design, y)
    n_pairs = len(design.pairs)
    all_pairs = tuple(range(n_pairs))
    # A list holding every case: dark number exactly 0 whatever the model.
    live = np.flatnonzero(~tables.full)
    models: list[tuple[int, ...]] = [() for _ in range(len(y))]
    stepping: list[int] = []
    for row in live.tolist():
        if method == "fixed":
            models[row] = pairs
        elif method == "stepwise" and threshold != 0:
            if threshold == 1 and tables.check(row, all_pairs) == 0:
                models[row] = all_pairs
            elif not tables.empty[row]:  # with an empty list every candidate fails the existence check
                stepping.append(row)
    steps = np.asarray(stepping, dtype=np.intp)
    tables.fit(np.setdiff1d(live, steps), models, expected=False)
    included = np.zeros((len(y), n_pairs), dtype=bool)
    while steps.size:
        tables.fit(steps, models, expected=True)
        p_values = poisson_tail_p(tables.n_star[steps], tables.expected[steps])
        p_values[included[steps]] = np.inf
        below = p_values < threshold
        moving: list[int] = []
        for i in np.flatnonzero(below.any(axis=1)).tolist():
            row = int(steps[i])
            candidates = np.flatnonzero(below[i])
            for candidate in candidates[np.argsort(p_values[i, candidates], kind="stable")].tolist():
                model = (*models[row], candidate)
                if tables.check(row, model) == 0:
                    models[row] = model
                    included[row, candidate] = True
                    moving.append(row)
                    break
        steps = np.asarray(moving, dtype=np.intp)
    values = tables.total + np.where(tables.full, 0.0, tables.dark)
    return values, tables.converged | tables.full
