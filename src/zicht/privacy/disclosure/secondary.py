# SPDX-License-Identifier: EUPL-1.2
"""Secondary (complementary) suppression, iterated until the audit passes.

For each breach the audit reports, a linear programme finds cheap further cells to hide so that a
*deviation* exists: a change ``y`` of the cells that keeps every relation (``y_total = sum y_parts``),
keeps every hidden cell inside what its marker says and every remaining shown cell inside its rounding
interval, and moves the breached cell far enough (or lets a dominant category drop below the dominance
share). Shown cells may leave their rounding interval at a price per unit (their suppression cost); those
that do in the optimum are hidden. The table ``x + y`` is then indistinguishable from the true table ``x``
for an attacker, so the attacker's interval contains both. Hiding more cells only loosens the attacker's
constraints, so a deviation found earlier stays valid while later breaches are repaired; one pass over the
findings normally suffices, and the audit is re-run until it reports nothing.

The cost of hiding a cell is its weight (totals and coarser levels weigh more) times ``threshold + value``,
so small interior cells are preferred, as in τ-Argus's and sdcTable's default cost functions. A linear
programme rather than the exact fixed-charge MILP keeps it fast and quiet (the MILP solver bundled with
SciPy prints debugging lines to stdout, which would corrupt CLI exports); it may hide a few more cells than
optimal, never fewer than safe, because the audit decides. The solver (HiGHS via ``scipy.optimize.linprog``)
is deterministic and runs without a time limit, so the same input always yields the same pattern.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

from zicht.privacy.disclosure.attacker import knowledge_bounds, zero_possible
from zicht.privacy.disclosure.audit import audit_release
from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.policy import DisclosurePolicy
from zicht.privacy.disclosure.primary import primary_statuses, publish
from zicht.privacy.disclosure.report import Finding, FindingKind
from zicht.privacy.disclosure.structure import Structure

#: How far below the dominance share a deviation must bring a dominant category.
GROUP_TARGET = 1e-3
MAX_ROUNDS = 6
_EXCESS_TOL = 1e-7

#: A goal for a deviation: ``sum coef_i * (x_i + y_i)`` compared (``"ge"`` or ``"le"``) with a number.
Goal = tuple[dict[int, float], float, str]


class DisclosureError(RuntimeError):
    """The table cannot be protected under the policy; publish a coarser level or a longer period."""


@dataclass
class _Release:
    structure: Structure
    values: Sequence[int]
    statuses: list[CellStatus | None]
    policy: DisclosurePolicy
    fixed_values: Mapping[int, int | None]

    def published(self) -> list[int | None]:
        return publish(self.values, self.statuses, self.policy, self.fixed_values)

    def candidates(self, *, last_resort: bool = False) -> list[int]:
        """Cells that may be hidden further: shown cells at or above the threshold; as a last resort also
        shown zeros and ``<threshold`` cells (which then read ``x`` and say nothing about their size).
        Never cells of an earlier release."""
        ordinary = [
            i
            for i, s in enumerate(self.statuses)
            if s is CellStatus.getoond and self.values[i] >= self.policy.threshold and i not in self.structure.fixed
        ]
        if not last_resort:
            return ordinary
        extra = [
            i
            for i, s in enumerate(self.statuses)
            if s in (CellStatus.getoond, CellStatus.primair_onderdrukt)
            and self.values[i] < self.policy.threshold
            and i not in self.structure.fixed
        ]
        return sorted(ordinary + extra)

    def hide(self, cells: set[int]) -> None:
        for i in sorted(cells):
            large = self.values[i] >= self.policy.threshold
            self.statuses[i] = CellStatus.secundair_onderdrukt if large else CellStatus.aanvullend_onderdrukt


def protect_release(
    structure: Structure,
    values: Sequence[int],
    policy: DisclosurePolicy,
    fixed: Mapping[int, tuple[CellStatus, int | None]] | None = None,
) -> tuple[list[CellStatus | None], list[int | None]]:
    """Primary and secondary suppression plus rounding for one release.

    Args:
        structure: Cells and relations of the release.
        values: True count per cell.
        policy: The policy in force.
        fixed: Status and published value of every cell published earlier (``structure.fixed``).

    Returns:
        Status and published value per cell.

    Raises:
        DisclosureError: When no suppression pattern passes the audit.
    """
    fixed = fixed or {}
    statuses = primary_statuses(structure, values, policy, {i: s for i, (s, _) in fixed.items()})
    release = _Release(structure, values, statuses, policy, {i: v for i, (_, v) in fixed.items()})
    for _ in range(MAX_ROUNDS):
        report = audit_release(structure, statuses, release.published(), policy, truth=values)
        if report.passed:
            return statuses, release.published()
        for finding in report.findings:
            _repair(release, finding)
    raise DisclosureError("no safe suppression pattern found; choose a coarser level or a longer period")


def _repair(release: _Release, finding: Finding) -> None:
    structure, statuses, policy = release.structure, release.statuses, release.policy
    cell = finding.index
    # Larger counts are hidden first; zeros and small counts lose their marker only when that cannot help.
    if finding.kind is FindingKind.groepsonthulling:
        total = next(
            t
            for t, parts in structure.groups
            if cell in parts and any(statuses[p] is CellStatus.dominantie_onderdrukt for p in parts)
        )
        plans: list[list[Goal]] = [[({cell: 1.0, total: -policy.dominance}, -GROUP_TARGET, "le")]]
    else:
        plans = _width_plans(release, finding)
    for last_resort in (False, True):
        best: tuple[float, set[int]] | None = None
        for plan in plans:
            cost, hide = 0.0, set()
            for goal in plan:
                solved = _cheapest_hiding(release, cell, goal, last_resort=last_resort)
                if solved is None:
                    break
                cost += solved[0]
                hide |= solved[1]
            else:
                if best is None or cost < best[0]:
                    best = (cost, hide)
        if best is not None:
            release.hide(best[1])
            return
    component = structure.component[cell]
    release.hide({i for i in release.candidates(last_resort=True) if structure.component[i] == component})


def _width_plans(release: _Release, finding: Finding) -> list[list[Goal]]:
    """Ways to repair a narrow interval: widen it (split between up and down), or, for a derived count,
    make 0 or the threshold reachable."""
    policy, cell = release.policy, finding.index
    value, status = release.values[cell], release.statuses[cell]
    may_be_zero = cell in zero_possible(release.structure, release.statuses)
    low, high = knowledge_bounds(status, None, policy, may_be_zero=may_be_zero)
    required = int(finding.required)
    room_up, room_down = high - value, value - low
    down = int(min(room_down, required // 2))
    splits = [(required - down, down)]
    splits += [(int(min(required, room_up)), required - int(min(required, room_up)))]
    splits += [(required - int(min(required, room_down)), int(min(required, room_down)))]
    plans: list[list[Goal]] = []
    for up, down in dict.fromkeys(splits):
        if up > room_up or down > room_down:
            continue
        plan: list[Goal] = []
        if up > finding.upper - value:
            plan.append(({cell: 1.0}, float(value + up), "ge"))
        if down > value - finding.lower:
            plan.append(({cell: 1.0}, float(value - down), "le"))
        plans.append(plan)
    if status is None:
        plans.append([({cell: 1.0}, 0.0, "le")])
        plans.append([({cell: 1.0}, float(policy.threshold), "ge")])
    return plans


def _cheapest_hiding(release: _Release, anchor: int, goal: Goal, *, last_resort: bool) -> tuple[float, set[int]] | None:
    """The cells to hide (and their cost) so that a deviation reaches the goal; None when impossible.

    A shown cell may move within its rounding interval for free; moving it beyond costs its suppression
    cost per unit. The cells that move beyond their interval in the optimum are the ones to hide.
    """
    structure, values, policy = release.structure, release.values, release.policy
    coefficients, rhs, sense = goal
    comp = structure.component[anchor]
    cells = [i for i in range(structure.size) if structure.component[i] == comp]
    pos = {c: k for k, c in enumerate(cells)}
    x = np.array([values[c] for c in cells], dtype=float)
    big = float(x.sum()) + 2 * policy.threshold + policy.width + 10
    cand = [c for c in release.candidates(last_resort=last_resort) if c in pos]
    n, q = len(cells), len(cand)
    zeros = zero_possible(structure, release.statuses)
    published = release.published()
    bounds: list[tuple[float, float]] = []
    for k, c in enumerate(cells):
        low, high = knowledge_bounds(release.statuses[c], published[c], policy, may_be_zero=c in zeros)
        bounds.append((low - x[k], min(high - x[k], big)))
    eq_rows = [{pos[t]: 1.0, **{pos[p]: -1.0 for p in parts}} for t, parts in structure.constraints if t in pos]
    ub_rows: list[dict[int, float]] = []
    ub_rhs: list[float] = []
    for j, c in enumerate(cand):
        k = pos[c]
        pub_low, pub_high = bounds[k]
        bounds[k] = ((policy.threshold if x[k] >= policy.threshold else 0.0) - x[k], big)
        ub_rows += [{k: 1.0, n + j: -1.0}, {k: -1.0, n + q + j: -1.0}]
        ub_rhs += [pub_high, -pub_low]
    sign = -1.0 if sense == "ge" else 1.0
    ub_rows.append({pos[c]: sign * coef for c, coef in coefficients.items()})
    ub_rhs.append(sign * (rhs - sum(coef * x[pos[c]] for c, coef in coefficients.items())))
    cost = np.zeros(n + 2 * q)
    for j, c in enumerate(cand):
        cost[n + j] = cost[n + q + j] = structure.weights[c] * (policy.threshold + values[c])
    eq = _matrix(eq_rows, n + 2 * q)
    result = linprog(
        cost,
        A_ub=_matrix(ub_rows, n + 2 * q),
        b_ub=np.array(ub_rhs),
        A_eq=eq,
        b_eq=None if eq is None else np.zeros(eq.shape[0]),
        bounds=bounds + [(0.0, big)] * (2 * q),
        method="highs",
    )
    if result.status != 0 or result.x is None:
        return None
    hide = {c for j, c in enumerate(cand) if result.x[n + j] + result.x[n + q + j] > _EXCESS_TOL}
    return sum(structure.weights[c] * (policy.threshold + values[c]) for c in hide), hide


def _matrix(rows: Sequence[Mapping[int, float]], width: int) -> sparse.csr_matrix | None:
    if not rows:
        return None
    data, row_idx, col_idx = [], [], []
    for r, row in enumerate(rows):
        for k, coef in row.items():
            row_idx.append(r)
            col_idx.append(k)
            data.append(coef)
    return sparse.csr_matrix((data, (row_idx, col_idx)), shape=(len(rows), width))
