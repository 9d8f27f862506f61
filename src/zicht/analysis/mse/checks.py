# SPDX-License-Identifier: EUPL-1.2
"""Existence and identifiability checks of a model (SparseMSE ``checkident``).

Both checks run on the reduced problem: cells containing a non-overlapping pair of the model are deleted and
those pairs' columns left out. Lists without cases are *not* removed here, exactly as in SparseMSE, so a
model on data with an empty list fails the existence check.

* Existence (Fienberg & Rinaldo 2012): is there a strictly positive table y with the same sufficient
  statistics, A'y = A'n? Solved as the linear programme max s subject to A'y = A'n, y >= s, s >= 0, written
  with y = u + s (u >= 0) so that only the A'y = T rows remain. The answer depends on the data only through
  which cells are positive, so results are cached per (model, support). It is also monotone in the support:
  if the MLE exists for support S it exists for every support containing S (A'y then lies in the relative
  interior of the marginal cone plus the cone itself, which is the relative interior), and if it does not
  exist for S it does not exist for any subset. A support that contains one already found to exist, or lies
  inside one found not to, is decided without an LP; this roughly halves the LPs of a bootstrap on sparse
  data.
* Identifiability: the design matrix must have full column rank (QR rank, relative tolerance 1e-7).

Return code: 0 ok, 1 no MLE, 2 not identifiable, 3 both.
"""

from __future__ import annotations

import threading
from typing import Any

import numpy as np
import numpy.typing as npt

from zicht.analysis.mse.design import Design
from zicht.analysis.mse.errors import MSEError
from zicht.analysis.mse.model import TableStats, split_pairs, table_stats

__all__ = ["check_model", "count_triples", "existence_lp"]

FloatArray = npt.NDArray[np.float64]

#: The LP optimum s counts as zero below this fraction of the total count (R compares with exactly 0).
LP_TOL = 1e-9
#: Bound on the number of cached existence results per design (the cache is cleared when it is reached).
CACHE_LIMIT = 200_000


_LOCAL = threading.local()


def _highs() -> Any:
    """A silent, reused HiGHS instance of this thread, or None if highspy's core class is unavailable."""
    solver = getattr(_LOCAL, "solver", False)
    if solver is False:
        try:
            # The plain solver class: ``highspy.Highs`` prints a banner on creation, before options can be set.
            from highspy import _Highs  # type: ignore[attr-defined]
        except ImportError:  # pragma: no cover - other highspy versions: fall back to scipy
            solver = None
        else:
            solver = _Highs()
            solver.setOptionValue("output_flag", False)
            solver.setOptionValue("presolve", "off")
        _LOCAL.solver = solver
    return solver


def _max_s(a_eq: FloatArray, b_eq: FloatArray) -> float:
    """Optimum of max c's subject to a_eq v = b_eq, v >= 0, with c = (0, ..., 0, 1)."""
    solver = _highs()
    n_rows, n_cols = a_eq.shape
    if solver is not None:
        from highspy import HighsModelStatus, MatrixFormat, ObjSense, kHighsInf

        cost = np.zeros(n_cols)
        cost[-1] = 1.0
        b = np.ascontiguousarray(b_eq, dtype=np.float64)
        cols, rows = np.nonzero(a_eq.T)
        # The array form of passModel: far less Python overhead than filling a HighsLp object.
        solver.passModel(
            n_cols,
            n_rows,
            len(rows),
            int(MatrixFormat.kColwise),
            int(ObjSense.kMaximize),
            0.0,
            cost,
            np.zeros(n_cols),
            np.full(n_cols, kHighsInf),
            b,
            b,
            np.searchsorted(cols, np.arange(n_cols + 1)).astype(np.int32),
            rows.astype(np.int32),
            np.ascontiguousarray(a_eq[rows, cols], dtype=np.float64),
            np.zeros(n_cols, dtype=np.int32),  # integrality: all continuous
        )
        solver.run()
        if solver.getModelStatus() == HighsModelStatus.kOptimal:
            return float(solver.getInfo().objective_function_value)
    # Only when highspy's core class is missing: scipy.optimize alone costs more start-up than a whole fit.
    from scipy.optimize import linprog

    cost = np.zeros(n_cols)
    cost[-1] = -1.0
    result = linprog(cost, A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
    if result.status != 0:  # pragma: no cover - the LP is always feasible (y = n, s = 0) and bounded
        raise MSEError(f"existence check: linear programme failed ({result.message})")
    return float(-result.fun)


def existence_lp(x: FloatArray, y: FloatArray) -> bool:
    """Whether a strictly positive table with the same sufficient statistics exists.

    Args:
        x: Design matrix (cells x parameters).
        y: Observed counts of the cells.

    Returns:
        True if the LP optimum s is positive, i.e. the (extended) MLE exists.
    """
    a_eq = np.column_stack([x.T, x.sum(axis=0)])
    return _max_s(a_eq, x.T @ y) > LP_TOL * max(float(y.sum()), 1.0)


def check_model(design: Design, y_full: FloatArray, pairs: tuple[int, ...], stats: TableStats | None = None) -> int:
    """The SparseMSE ``checkident`` code of a model on the data.

    Args:
        design: The design for the number of lists.
        y_full: Counts of all cells, in design order.
        pairs: Pair indices of the model.
        stats: The table's margins, if already computed.

    Returns:
        0 if the MLE exists and is identifiable, 1 if it does not exist, 2 if not identifiable, 3 both.
    """
    finite, infinite = split_pairs(stats or table_stats(design, y_full), pairs)
    key_model = (tuple(sorted(finite)), tuple(sorted(infinite)))
    mm = design.matrix(*key_model)
    code = 0 if mm.full_rank else 2
    y = y_full[mm.kept]
    support = y > 0
    if support.all():
        return code
    t_stat = mm.x.T @ y
    if np.any(t_stat <= 0):  # a list without cases: its cells are forced to 0
        return code | 1
    packed = np.packbits(support)
    key = (*key_model, packed.tobytes())
    exists = design.existence_cache.get(key)
    if exists is None:
        known = design.existence_bounds.get(key_model)
        exists = _implied(known, packed) if known is not None else None
        if exists is None:
            exists = existence_lp(mm.x, y)
            if len(design.existence_bounds) >= CACHE_LIMIT:
                design.existence_bounds.clear()
            found, absent = design.existence_bounds.setdefault(key_model, ([], []))
            (found if exists else absent).append(packed)
        if len(design.existence_cache) >= CACHE_LIMIT:
            design.existence_cache.clear()
        design.existence_cache[key] = exists
    return code if exists else code | 1


def _implied(
    known: tuple[list[npt.NDArray[np.uint8]], list[npt.NDArray[np.uint8]]], packed: npt.NDArray[np.uint8]
) -> bool | None:
    """Existence implied by monotonicity in the support (see the module docstring), or None if undecided."""
    found, absent = known
    if found and np.any(np.all((np.vstack(found) & ~packed) == 0, axis=1)):
        return True
    if absent and np.any(np.all((packed & ~np.vstack(absent)) == 0, axis=1)):
        return False
    return None


def count_triples(design: Design, y_full: FloatArray) -> int:
    """Number of triples of lists that overlap pairwise; zero means the all-pairs model is not identifiable.

    Args:
        design: The design.
        y_full: Counts of all cells.

    Returns:
        The number of pairwise overlapping triples.
    """
    nstar = design.pair_cells.T @ y_full
    overlap = {design.pairs[k] for k in range(len(design.pairs)) if nstar[k] > 0}
    t = design.t
    return sum(
        1
        for i in range(t)
        for j in range(i + 1, t)
        for k in range(j + 1, t)
        if (i, j) in overlap and (i, k) in overlap and (j, k) in overlap
    )
