# SPDX-License-Identifier: EUPL-1.2
"""An attacker written independently of ``zicht.privacy.disclosure``'s own audit, and proof that it bites.

The attacker sees published tables only. It models the true counts as non-negative unknowns (the
"universe": one unknown per finest cell) and turns every published position into bounds on a sum of
unknowns, read from the policy as a reader would:

- a shown count r: the true count rounds to r and is not small, so it lies in
  [max(threshold, r - base // 2), r - base // 2 + base - 1]; a shown 0 is exactly 0;
- ``<threshold``: 1..threshold-1, or 0..threshold-1 when zeros are not safe or the position is a direct part
  (of two or more) of a small total, i.e. one marked ``<threshold`` or hidden as a last resort (zeros there
  are marked too). In a hierarchy the totals are those of the hierarchy itself (a unit's row total over its
  categories, a parent over its children at the level below, the nation over the top level), also where a
  level is published as totals only: a number that sums the same unknowns as such a total *is* that total;
- secondary suppression: at least the threshold (stronger than what readers are told);
- group-disclosure and last-resort suppression: nothing beyond non-negativity.

``scipy.optimize.linprog`` then gives the attacker's minimum and maximum of any sum of unknowns. Nothing
from the library's structure, auditor or LP code is used.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from hypothesis import strategies as st
from scipy import sparse
from scipy.optimize import linprog

from zicht.privacy.disclosure import (
    Cell,
    CellStatus,
    DisclosurePolicy,
    ProtectedHierarchy,
    ProtectedTable,
    Unit,
)

#: Totals whose zero parts are marked like small counts (the library's public rule).
SMALL_TOTALS = (CellStatus.primair_onderdrukt, CellStatus.aanvullend_onderdrukt)


@dataclass
class Position:
    """A published number: which unknowns it sums, and the cell that was published for it."""

    label: tuple[Hashable, ...]
    members: frozenset[Hashable]
    cell: Cell
    may_be_zero: bool = False


@dataclass
class Published:
    """Published positions, and the rows (total, parts) to which the group-disclosure rule applies."""

    positions: list[Position]
    groups: list[tuple[Position, list[Position]]] = field(default_factory=list)

    def __add__(self, other: Published) -> Published:
        return Published(self.positions + other.positions, self.groups + other.groups)


@dataclass
class Universe:
    """Non-negative unknowns and the attacker's bounds on sums of them."""

    unknowns: list[Hashable]
    rows: list[tuple[frozenset[Hashable], float, float]] = field(default_factory=list)

    def know(self, members: Iterable[Hashable], low: float, high: float) -> None:
        self.rows.append((frozenset(members), low, high))

    def extreme(self, coefficients: Mapping[Hashable, float], *, maximise: bool) -> float:
        index = {u: i for i, u in enumerate(self.unknowns)}
        data, row_idx, col_idx, rhs = [], [], [], []
        r = 0
        for members, low, high in self.rows:
            for sign, bound in ((1.0, high), (-1.0, -low)):
                if math.isinf(bound):
                    continue
                for m in members:
                    data.append(sign)
                    row_idx.append(r)
                    col_idx.append(index[m])
                rhs.append(bound)
                r += 1
        cost = np.zeros(len(self.unknowns))
        for u, coef in coefficients.items():
            cost[index[u]] += -coef if maximise else coef
        a_ub = sparse.csr_matrix((data, (row_idx, col_idx)), shape=(r, len(self.unknowns)))
        result = linprog(cost, A_ub=a_ub, b_ub=np.array(rhs), bounds=(0, None), method="highs")
        if result.status == 3:
            return math.inf if maximise else -math.inf
        assert result.status == 0, f"the published tables admit no true table: {result.message}"
        return -result.fun if maximise else result.fun

    def interval(self, members: Iterable[Hashable]) -> tuple[float, float]:
        coefficients = dict.fromkeys(members, 1.0)
        low = self.extreme(coefficients, maximise=False)
        high = self.extreme(coefficients, maximise=True)
        return math.ceil(low - 1e-6), high if math.isinf(high) else math.floor(high + 1e-6)


def reader_bounds(position: Position, policy: DisclosurePolicy) -> tuple[float, float]:
    """What the published cell tells the attacker about the true count of a position."""
    cell, threshold, base = position.cell, policy.threshold, policy.rounding_base
    if cell.status is CellStatus.getoond:
        assert cell.value is not None
        if cell.value == 0:
            return 0.0, 0.0
        low = cell.value - base // 2
        return float(max(low, threshold)), float(low + base - 1)
    if cell.status is CellStatus.primair_onderdrukt:
        zero = position.may_be_zero or not policy.zero_is_safe
        return (0.0 if zero else 1.0), float(threshold - 1)
    if cell.status is CellStatus.secundair_onderdrukt:
        return float(threshold), math.inf
    return 0.0, math.inf


#: A total and its parts, each given by the unknowns it sums.
Relation = tuple[frozenset[Hashable], Sequence[frozenset[Hashable]]]


def mark_zero_parts(positions: Sequence[Position], totals: Sequence[tuple[Position, Sequence[Position]]]) -> None:
    """Apply the public rule: a ``<threshold`` part of a ``<threshold`` total may stand for 0."""
    mark_zero_members(positions, [(t.members, [p.members for p in parts]) for t, parts in totals])


def mark_zero_members(positions: Sequence[Position], relations: Sequence[Relation]) -> None:
    """The public rule on relations between sums of unknowns, published or not.

    Positions that sum the same unknowns (a region with one municipality, the only province and the nation)
    are the same number, so a relation applies to every position with its total's or a part's unknowns. A
    part is marked whether or not the other parts are published: the rule is about the total being small.
    """
    small = {p.members for p in positions if p.cell.status in SMALL_TOTALS}
    zero = {part for total, parts in relations if len(set(parts)) >= 2 and total in small for part in parts}
    for position in positions:
        position.may_be_zero = position.may_be_zero or position.members in zero


def table_positions(
    table: ProtectedTable, members: Mapping[tuple[str, str], Iterable[Hashable]], tag: Hashable = ""
) -> Published:
    """The published positions of a table whose interior cell (r, c) sums ``members[(r, c)]``."""
    interior = {
        (r, c): Position((tag, r, c), frozenset(members[(r, c)]), table.cells[(r, c)])
        for r in table.rows
        for c in table.columns
    }
    everything = frozenset().union(*(p.members for p in interior.values()))
    grand = Position((tag, None, None), everything, table.total)
    positions = list(interior.values())
    totals: list[tuple[Position, Sequence[Position]]] = []
    row_totals: list[Position] = []
    for r in table.rows if table.row_totals else []:
        parts = [interior[(r, c)] for c in table.columns]
        total = Position((tag, r, None), frozenset().union(*(p.members for p in parts)), table.row_totals[r])
        row_totals.append(total)
        totals.append((total, parts))
    col_totals: list[Position] = []
    for c in table.columns:
        parts = [interior[(r, c)] for r in table.rows]
        total = Position((tag, None, c), frozenset().union(*(p.members for p in parts)), table.column_totals[c])
        col_totals.append(total)
        totals.append((total, parts))
    totals += [(grand, row_totals), (grand, col_totals)]
    positions += [*row_totals, *col_totals, grand]
    mark_zero_parts(positions, totals)
    if table.row_totals:
        groups = [(row_totals[i], [interior[(r, c)] for c in table.columns]) for i, r in enumerate(table.rows)]
        groups.append((grand, col_totals))
    else:
        groups = [(grand, [interior[(r, c)] for r in table.rows for c in table.columns])]
    return Published(positions, [(t, parts) for t, parts in groups if len(parts) >= 2])


def hierarchy_positions(
    protected: ProtectedHierarchy,
) -> tuple[Published, dict[tuple[str, str, str], frozenset[Hashable]]]:
    """Published positions of all levels, plus the unknowns behind every (level, row, column) cell."""
    levels = protected.levels
    base = levels[0].name
    under: dict[tuple[str, str], set[str]] = {(base, r): {r} for r in protected.tables[base].rows}
    previous = base
    for level in levels[1:]:
        assert level.grouping is not None
        for child in protected.tables[previous].rows:
            under.setdefault((level.name, level.grouping[child]), set()).update(under[(previous, child)])
        previous = level.name
    columns = protected.columns
    cell_members = {(name, r, c): frozenset((b, c) for b in under[(name, r)]) for (name, r) in under for c in columns}
    by_key: dict[tuple[str, str | None, str | None], Position] = {}
    for level in levels:
        table = protected.tables[level.name]
        for r in table.rows:
            row_members = frozenset().union(*(cell_members[(level.name, r, c)] for c in columns))
            by_key[(level.name, r, None)] = Position((level.name, r, None), row_members, table.row_totals[r])
            for c in table.columns:
                cell = table.cells[(r, c)]
                by_key[(level.name, r, c)] = Position((level.name, r, c), cell_members[(level.name, r, c)], cell)
    everything = frozenset((b, c) for b in protected.tables[base].rows for c in columns)
    national = {
        c: Position(("", None, c), frozenset(m for m in everything if m[1] == c), protected.column_totals[c])
        for c in columns
    }
    grand = Position(("", None, None), everything, protected.total)
    positions = [*by_key.values(), *national.values(), grand]

    # The totals of the public zero rule are the hierarchy's own relations, written over the unknowns they
    # sum, at every level, including the cells of a level published as totals only. Those cells are not
    # published, but one can coincide with a published number: with a single province (published without
    # breakdown) its category cells are the national column totals, so the nation is a total over the
    # regions' cells (as it is, visibly, the column total of the regional table), and a zero region cell
    # under a small national total is marked ``<threshold`` like any zero part of a small total. Relating
    # published positions only (the nation to the top level only when that level has a breakdown) missed
    # this, read such a marked zero as at least 1 and found the release infeasible (see the example on
    # test_no_municipality_can_be_recovered_from_its_region_total_minus_the_other_municipalities).
    def members(name: str, r: str, c: str | None) -> frozenset[Hashable]:
        if c is not None:
            return cell_members[(name, r, c)]
        return frozenset().union(*(cell_members[(name, r, col)] for col in columns))

    rows = {level.name: list(protected.tables[level.name].rows) for level in levels}
    relations: list[Relation] = [
        (members(level.name, r, None), [members(level.name, r, c) for c in columns])
        for level in levels
        for r in rows[level.name]
    ]
    for finer, level in itertools.pairwise(levels):
        assert level.grouping is not None
        for parent in rows[level.name]:
            children = [ch for ch in rows[finer.name] if level.grouping[ch] == parent]
            relations += [
                (members(level.name, parent, c), [members(finer.name, ch, c) for ch in children])
                for c in [*columns, None]
            ]
    top = levels[-1].name
    relations += [(national[c].members, [members(top, r, c) for r in rows[top]]) for c in columns]
    relations.append((everything, [members(top, r, None) for r in rows[top]]))
    relations.append((everything, [p.members for p in national.values()]))
    mark_zero_members(positions, relations)
    # The group-disclosure rule applies to the rows of the levels published with a breakdown, and to the
    # national column totals.
    groups = [
        (by_key[(level.name, r, None)], [by_key[(level.name, r, c)] for c in columns])
        for level in levels
        if protected.tables[level.name].columns
        for r in rows[level.name]
    ]
    groups.append((grand, list(national.values())))
    return Published(positions, [(t, p) for t, p in groups if len(p) >= 2]), cell_members


def universe_of(positions: Sequence[Position], policy: DisclosurePolicy) -> Universe:
    unknowns = sorted(frozenset().union(*(p.members for p in positions)), key=repr)
    universe = Universe(unknowns)
    for position in positions:
        universe.know(position.members, *reader_bounds(position, policy))
    return universe


@dataclass(frozen=True)
class Breach:
    label: tuple[Hashable, ...]
    status: CellStatus
    low: float
    high: float


def breaches(published: Published, policy: DisclosurePolicy) -> list[Breach]:
    """Suppressed positions the attacker pins, or narrows below the protection width while possibly small.

    A position the attacker proves to be zero is accepted when zeros are shown anyway; a position proven to
    be at or above the threshold is no small count and must merely not be pinned.
    """
    universe = universe_of(published.positions, policy)
    found = []
    for position in published.positions:
        status = position.cell.status
        if status is CellStatus.getoond:
            continue
        low, high = universe.interval(position.members)
        if high <= 0 and policy.zero_is_safe and status is not CellStatus.secundair_onderdrukt:
            continue
        needed = 1 if low >= policy.threshold else policy.width
        if high - low < needed:
            found.append(Breach(position.label, status, low, high))
    return found


def group_breaches(published: Published, policy: DisclosurePolicy) -> list[tuple[Hashable, ...]]:
    """Categories of a row hidden for group disclosure that the attacker can still prove dominant."""
    universe = universe_of(published.positions, policy)
    found = []
    for total, parts in published.groups:
        if not any(p.cell.status is CellStatus.dominantie_onderdrukt for p in parts):
            continue
        for part in parts:
            coefficients: dict[Hashable, float] = dict.fromkeys(part.members, 1.0)
            for m in total.members:
                coefficients[m] = coefficients.get(m, 0.0) - policy.dominance
            if universe.extreme(coefficients, maximise=False) > -1e-6:
                found.append(part.label)
    return found


def derived_intervals(
    universe: Universe, quantities: Mapping[Hashable, Iterable[Hashable]]
) -> dict[Hashable, tuple[float, float]]:
    """The attacker's interval for sums of unknowns that are never published themselves."""
    return {name: universe.interval(members) for name, members in quantities.items()}


def reveals_small_count(low: float, high: float, policy: DisclosurePolicy) -> bool:
    """A derived count is revealed when it is known to be 1..threshold-1 within less than the protection
    width (docs/privacy.md §5.3 item 3; an interval that still contains 0 reveals no one)."""
    return low >= 1 and high < policy.threshold and high - low < policy.width


@st.composite
def policies(draw: st.DrawFn) -> DisclosurePolicy:
    """Valid policies: the threshold a multiple of the rounding base, at least 3 when zeros are shown."""
    base = draw(st.sampled_from([1, 2, 3, 5]))
    zero_is_safe = draw(st.booleans())
    thresholds = [base * k for k in range(1, 16) if (3 if zero_is_safe else 2) <= base * k <= 15]
    return DisclosurePolicy(
        threshold=draw(st.sampled_from(thresholds)),
        rounding_base=base,
        dominance=draw(st.sampled_from([0.6, 0.75, 0.9, 1.0])),
        zero_is_safe=zero_is_safe,
    )


def counts(threshold: int) -> st.SearchStrategy[int]:
    """Counts around the threshold: zeros, small counts and larger ones, each often."""
    return st.one_of(st.just(0), st.integers(1, threshold - 1), st.integers(threshold, 4 * threshold))


@st.composite
def count_tables(draw: st.DrawFn, threshold: int, max_rows: int = 4, max_columns: int = 4) -> dict[str, dict[str, int]]:
    """A rows x columns table of counts as ``{row: {column: count}}``."""
    n_rows = draw(st.integers(1, max_rows))
    n_columns = draw(st.integers(1, max_columns))
    return {f"r{i}": {f"c{j}": draw(counts(threshold)) for j in range(n_columns)} for i in range(n_rows)}


def test_oracle_recovers_a_small_count_that_only_primary_suppression_hides() -> None:
    policy = DisclosurePolicy(rounding_base=1)
    naive = ProtectedTable(
        name="",
        rows=("A", "B"),
        columns=("x", "y"),
        cells={
            ("A", "x"): Cell(40, "40", CellStatus.getoond),
            ("A", "y"): Cell(None, "<10", CellStatus.primair_onderdrukt),
            ("B", "x"): Cell(25, "25", CellStatus.getoond),
            ("B", "y"): Cell(30, "30", CellStatus.getoond),
        },
        row_totals={"A": Cell(43, "43", CellStatus.getoond), "B": Cell(55, "55", CellStatus.getoond)},
        column_totals={"x": Cell(65, "65", CellStatus.getoond), "y": Cell(33, "33", CellStatus.getoond)},
        total=Cell(98, "98", CellStatus.getoond),
        unit=Unit.personen,
        policy=policy,
    )
    published = table_positions(naive, {(r, c): [(r, c)] for r in naive.rows for c in naive.columns})
    found = breaches(published, policy)
    assert [(b.label, b.low, b.high) for b in found] == [(("", "A", "y"), 3, 3)]


def test_oracle_narrows_a_small_count_through_rounded_margins() -> None:
    policy = DisclosurePolicy()
    naive = ProtectedTable(
        name="",
        rows=("A",),
        columns=("x", "y"),
        cells={
            ("A", "x"): Cell(10, "10", CellStatus.getoond),
            ("A", "y"): Cell(None, "<10", CellStatus.primair_onderdrukt),
        },
        row_totals={"A": Cell(10, "10", CellStatus.getoond)},
        column_totals={"x": Cell(10, "10", CellStatus.getoond), "y": Cell(None, "<10", CellStatus.primair_onderdrukt)},
        total=Cell(10, "10", CellStatus.getoond),
        unit=Unit.personen,
        policy=policy,
    )
    published = table_positions(naive, {("A", c): [("A", c)] for c in naive.columns})
    universe = universe_of(published.positions, policy)
    assert universe.interval([("A", "y")]) == (1, 2)
    assert breaches(published, policy)
