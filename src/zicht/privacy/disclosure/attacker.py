# SPDX-License-Identifier: EUPL-1.2
"""The attacker's view of a release: what each cell can be, given everything that was published.

An attacker knows the policy and every published number. Each cell is then known to lie in an interval:

- a shown count ``r`` lies in its rounding interval and is not small: ``[max(threshold, r - base//2), ...]``
  (a shown 0 is exactly 0);
- a ``<threshold`` cell lies in ``[1, threshold - 1]``; in ``[0, ...]`` when zeros are not safe or when the
  cell is part of a total that is itself ``<threshold`` (zeros there are marked too, see ``primary``);
- a secondary-suppressed cell is not small (small cells are always primary), so it is at least the
  threshold; this is stronger than what readers are told and makes the audit conservative;
- a group-suppressed cell, a zero hidden as a last resort, or an unpublished cell is only known to be
  non-negative.

Together with the additive relations this is a linear programme; minimising and maximising one cell gives
the attacker's tightest interval for it. For the shapes built here (two-dimensional tables, possibly with
nested rows) the relations form a network structure, whose LP optima are integral, so the LP interval is
also the integer interval; the ends are rounded inwards to integers in any case.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import highspy
import numpy as np
from highspy._core import _Highs
from scipy import sparse

from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.policy import DisclosurePolicy
from zicht.privacy.disclosure.structure import Structure

_TOL = 1e-6


class InconsistentReleaseError(ValueError):
    """The published numbers contradict each other or the policy (no table fits them)."""


def zero_possible(structure: Structure, statuses: Sequence[CellStatus | None]) -> frozenset[int]:
    """Cells that are part of a small total (shown as ``<threshold``, or hidden as a last resort): their
    ``<threshold`` may stand for 0, because zeros in such totals are marked too."""
    small = (CellStatus.primair_onderdrukt, CellStatus.aanvullend_onderdrukt)
    return frozenset(part for total, parts in structure.totals() if statuses[total] in small for part in parts)


def knowledge_bounds(
    status: CellStatus | None, published: int | None, policy: DisclosurePolicy, *, may_be_zero: bool = False
) -> tuple[float, float]:
    """What an attacker knows about one cell from its status and published value.

    Args:
        status: The cell's status, or None for a cell that is never published.
        published: The published (rounded) value of a shown cell.
        policy: The policy in force (public knowledge).
        may_be_zero: The cell is part of a total shown as ``<threshold`` (see ``zero_possible``).

    Returns:
        Lower and upper bound; the upper bound may be ``math.inf``.
    """
    if status in (None, CellStatus.dominantie_onderdrukt, CellStatus.aanvullend_onderdrukt):
        return 0.0, math.inf
    if status is CellStatus.primair_onderdrukt:
        return (0.0 if may_be_zero else float(policy.small_lower)), float(policy.threshold - 1)
    if status is CellStatus.secundair_onderdrukt:
        return float(policy.threshold), math.inf
    if published is None:
        raise InconsistentReleaseError("a shown cell has no value")
    if published == 0:
        return 0.0, 0.0
    low, high = policy.rounding_interval(published)
    return float(max(low, policy.threshold)), float(high)


class AttackerLP:
    """The attacker's linear programme over a structure with given knowledge bounds.

    One HiGHS model holds all cells; each question changes only the objective and re-solves from the
    previous basis, which makes the hundreds of small solves of an audit cheap.

    Args:
        structure: Cells and relations.
        lower: Known lower bound per cell.
        upper: Known upper bound per cell (``math.inf`` when unbounded).
    """

    def __init__(self, structure: Structure, lower: Sequence[float], upper: Sequence[float]) -> None:
        n = structure.size
        self._seen_low = np.full(n, np.inf)
        self._seen_high = np.full(n, -np.inf)
        self._solutions: list[np.ndarray] = []
        self._costed: list[int] = []
        rows, cols, vals = [], [], []
        for r, (total, parts) in enumerate(structure.constraints):
            for cell, coef in ((total, 1.0), *((p, -1.0) for p in parts)):
                rows.append(r)
                cols.append(cell)
                vals.append(coef)
        matrix = sparse.csc_matrix((vals, (rows, cols)), shape=(len(structure.constraints), n))
        self._matrix = matrix
        self._lower = np.asarray(lower, dtype=float)
        self._upper = np.asarray(upper, dtype=float)
        lp = highspy.HighsLp()
        lp.num_col_, lp.num_row_ = n, matrix.shape[0]
        lp.col_cost_ = np.zeros(n)
        lp.col_lower_ = np.asarray(lower, dtype=float)
        lp.col_upper_ = np.array([highspy.kHighsInf if math.isinf(u) else u for u in upper], dtype=float)
        lp.row_lower_ = lp.row_upper_ = np.zeros(matrix.shape[0])
        lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
        lp.a_matrix_.start_ = matrix.indptr
        lp.a_matrix_.index_ = matrix.indices
        lp.a_matrix_.value_ = matrix.data.astype(float)
        lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, matrix.shape[0]
        # The bare solver class: unlike highspy.Highs it prints no banner to stdout (CLI exports use stdout).
        self._highs = _Highs()
        # No "threads" option: HiGHS keeps one global scheduler per process, and a second instance asking for
        # another thread count fails to run ("Not Set") once any other HiGHS user (the MSE checks) has started it.
        for option, value in (("output_flag", False), ("random_seed", 0)):
            self._highs.setOptionValue(option, value)
        self._highs.passModel(lp)

    def optimum(self, coefficients: Mapping[int, float], *, maximise: bool = False) -> float:
        """Minimum (or maximum) of a linear expression in the cells over all tables the attacker cannot exclude.

        Every solution found is remembered (see ``seen_width`` and ``witnessed``).

        Args:
            coefficients: Cell number to coefficient.
            maximise: Maximise instead of minimise.

        Returns:
            The optimum; ``math.inf`` (or ``-math.inf``) when unbounded.

        Raises:
            InconsistentReleaseError: When no table fits the published numbers.
        """
        highs = self._highs
        if self._costed:
            highs.changeColsCost(len(self._costed), np.array(self._costed, dtype=np.int32), np.zeros(len(self._costed)))
        self._costed = [int(i) for i in coefficients]
        highs.changeColsCost(
            len(self._costed),
            np.array(self._costed, dtype=np.int32),
            np.array([coefficients[i] for i in self._costed], dtype=float),
        )
        highs.changeObjectiveSense(highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize)
        highs.run()
        status = highs.getModelStatus()
        if status == highspy.HighsModelStatus.kUnboundedOrInfeasible:
            status = self._feasibility()
        if status == highspy.HighsModelStatus.kInfeasible:
            raise InconsistentReleaseError("the published numbers admit no table (inconsistent release)")
        if status in (highspy.HighsModelStatus.kUnbounded, highspy.HighsModelStatus.kUnboundedOrInfeasible):
            return math.inf if maximise else -math.inf
        if status != highspy.HighsModelStatus.kOptimal:
            raise RuntimeError(f"LP solver failed: {highs.modelStatusToString(status)}")
        x = np.asarray(highs.getSolution().col_value, dtype=float)
        self._seen_low = np.minimum(self._seen_low, x)
        self._seen_high = np.maximum(self._seen_high, x)
        self._solutions.append(x)
        return float(highs.getInfo().objective_function_value)

    def _feasibility(self) -> highspy.HighsModelStatus:
        """Tell "unbounded" from "infeasible" when the solver could not: solve without an objective."""
        check = _Highs()
        check.setOptionValue("output_flag", False)
        check.passModel(self._highs.getLp())
        check.changeColsCost(
            check.getNumCol(), np.arange(check.getNumCol(), dtype=np.int32), np.zeros(check.getNumCol())
        )
        check.run()
        if check.getModelStatus() == highspy.HighsModelStatus.kInfeasible:
            return highspy.HighsModelStatus.kInfeasible
        return highspy.HighsModelStatus.kUnbounded

    def interval(self, cell: int) -> tuple[float, float]:
        """The attacker's interval for one cell, with integer ends (the upper end may be ``math.inf``)."""
        low = self.optimum({cell: 1.0})
        high = self.optimum({cell: 1.0}, maximise=True)
        return float(math.ceil(low - _TOL)), high if math.isinf(high) else float(math.floor(high + _TOL))

    def explore(self, groups: Sequence[Sequence[int]]) -> None:
        """Find extreme tables for whole groups of cells at once (minimise and maximise each group's sum).

        Their values bound each cell's interval from the inside, so many cells can be certified wide
        enough without two programmes each.
        """
        for group in groups:
            if group:
                for maximise in (False, True):
                    self.optimum(dict.fromkeys(group, 1.0), maximise=maximise)

    def known(self, table: Sequence[float]) -> bool:
        """Record a table known to fit the published numbers (the true counts, when the caller has them).

        It bounds every cell's interval from the inside like any table found by the solver, so a derived cell
        whose true count is 0 or at least the threshold is certified without solving for it. A table that
        does not fit (e.g. an auditor's original counts next to a faulty release) is not recorded.

        Returns:
            Whether the table fits and was recorded.
        """
        x = np.asarray(table, dtype=float)
        past = np.all(np.abs(self._matrix @ x) <= _TOL) and np.all(x >= self._lower - _TOL)
        if not (past and np.all(x <= self._upper + _TOL)):
            return False
        self._seen_low = np.minimum(self._seen_low, x)
        self._seen_high = np.maximum(self._seen_high, x)
        self._solutions.append(x)
        return True

    def seen_width(self, cell: int) -> tuple[float, float]:
        """Smallest and largest value of a cell among the tables found so far (an inner bound)."""
        return float(self._seen_low[cell]), float(self._seen_high[cell])

    def witnessed(self, coefficients: Mapping[int, float], below: float) -> bool:
        """Whether a table found so far has ``sum coef * x <= below``."""
        cells = np.array(list(coefficients), dtype=int)
        coefs = np.array([coefficients[i] for i in coefficients], dtype=float)
        return any(float(x[cells] @ coefs) <= below for x in self._solutions)
