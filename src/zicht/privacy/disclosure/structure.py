# SPDX-License-Identifier: EUPL-1.2
"""The linear structure of a release: which published numbers are sums of which others.

Every table, series and hierarchy is reduced to one list of cells (interior cells, row totals, column
totals, the grand total, and across a hierarchy the cells of every level) plus additive relations
``total = part + part + ...``. Suppression and the attacker's LP both work on this structure, so a
municipality cell, its region's cell and the national total are one system and cannot be protected one
table at a time. Cells that must be equal (a row total of a one-column table, a region with a single
municipality) are merged into one cell, so they are always shown or hidden together.

Labels are sorted here, so the same data in a different row order gives the same structure and hence the
same suppression pattern.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

#: Level name of the national margin (column totals and grand total) shared by all levels of a hierarchy.
NATIONAL = ""


class CellKey(NamedTuple):
    """Address of a cell: table or level name, row label and column label; None marks a total."""

    level: str
    row: str | None
    column: str | None


@dataclass(frozen=True)
class Structure:
    """Cells and the additive relations between them.

    Attributes:
        keys: The representative key of each cell, in a canonical order.
        index: Every key, including merged duplicates, mapped to its cell number.
        constraints: ``(total, parts)``: the total cell equals the sum of the part cells.
        groups: ``(total, parts)`` rows to which the group-disclosure (dominance) rule applies.
        hidden: Cells that are never published (a breakdown that exists only to link levels, or the
            difference between a release and an earlier one).
        weights: Relative cost of suppressing each cell; totals and coarser levels cost more.
        links: Positions in ``constraints`` of relations that link releases (new = earlier + difference).
            They are not totals a reader sees, so the rule "a zero in a ``<10`` total is marked" does not
            apply to them.
        fixed: Cells already published in an earlier release; their markers cannot change.
    """

    keys: tuple[CellKey, ...]
    index: Mapping[CellKey, int]
    constraints: tuple[tuple[int, tuple[int, ...]], ...]
    groups: tuple[tuple[int, tuple[int, ...]], ...]
    hidden: frozenset[int]
    weights: tuple[float, ...] = field(repr=False)
    links: frozenset[int] = frozenset()
    fixed: frozenset[int] = frozenset()

    def totals(self) -> list[tuple[int, tuple[int, ...]]]:
        """The relations a reader sees as a total and its parts (all but the links)."""
        return [c for k, c in enumerate(self.constraints) if k not in self.links]

    @property
    def size(self) -> int:
        """Number of distinct cells."""
        return len(self.keys)

    @cached_property
    def component(self) -> tuple[int, ...]:
        """For each cell, the number of its connected component (cells linked through relations)."""
        parent = list(range(self.size))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for total, parts in self.constraints:
            for part in parts:
                a, b = find(total), find(part)
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return tuple(find(i) for i in range(self.size))


class StructureBuilder:
    """Collects keys and relations symbolically; ``build`` merges one-part relations into aliases."""

    def __init__(self) -> None:
        self._weights: dict[CellKey, float] = {}
        self._hidden: set[CellKey] = set()
        self._fixed: set[CellKey] = set()
        self._constraints: list[tuple[CellKey, list[CellKey]]] = []
        self._links: set[int] = set()
        self._groups: list[tuple[CellKey, list[CellKey]]] = []

    def cell(self, key: CellKey, weight: float, *, hidden: bool = False, fixed: bool = False) -> CellKey:
        """Add a cell (idempotent); the largest weight given wins."""
        self._weights[key] = max(weight, self._weights.get(key, 0.0))
        if hidden:
            self._hidden.add(key)
        if fixed:
            self._fixed.add(key)
        return key

    def constrain(self, total: CellKey, parts: Sequence[CellKey], *, link: bool = False) -> None:
        """Add the relation ``total = sum(parts)``; a link relates releases rather than a total."""
        if parts:
            if link:
                self._links.add(len(self._constraints))
            self._constraints.append((total, list(parts)))

    def group(self, total: CellKey, parts: Sequence[CellKey]) -> None:
        """Make ``parts`` a row to which the group-disclosure rule applies."""
        self._groups.append((total, list(parts)))

    def build(self) -> Structure:
        """Merge cells that single-part relations make equal, and number the cells."""
        order = list(self._weights)
        parent = {key: key for key in order}
        rank = {key: i for i, key in enumerate(order)}

        def find(key: CellKey) -> CellKey:
            while parent[key] != key:
                key = parent[key]
            return key

        for total, parts in self._constraints:
            if len(parts) == 1:
                a, b = find(total), find(parts[0])
                if a != b:
                    keep, drop = (a, b) if rank[a] < rank[b] else (b, a)
                    parent[drop] = keep
        reps = [key for key in order if find(key) == key]
        number = {key: i for i, key in enumerate(reps)}
        index = {key: number[find(key)] for key in order}
        weights = [0.0] * len(reps)
        hidden = set(range(len(reps)))
        for key in order:
            weights[index[key]] = max(weights[index[key]], self._weights[key])
            if key not in self._hidden:
                hidden.discard(index[key])
        relations = [
            ((index[t], tuple(index[p] for p in ps)), k in self._links)
            for k, (t, ps) in enumerate(self._constraints)
            if len(ps) >= 2
        ]
        constraints = _dedupe(rel for rel, _ in relations)
        links = {constraints.index(rel) for rel, link in relations if link}
        groups = _dedupe((index[t], tuple(index[p] for p in ps)) for t, ps in self._groups)
        return Structure(
            keys=tuple(reps),
            index=index,
            constraints=tuple(constraints),
            groups=tuple((t, ps) for t, ps in groups if len(ps) >= 2),
            hidden=frozenset(hidden),
            weights=tuple(weights),
            links=frozenset(links),
            fixed=frozenset(index[k] for k in self._fixed),
        )


def _dedupe(items: Iterable[tuple[int, tuple[int, ...]]]) -> list[tuple[int, tuple[int, ...]]]:
    seen: dict[tuple[int, tuple[int, ...]], None] = {}
    for total, parts in items:
        if len(parts) >= 2 and (total in parts or len(set(parts)) != len(parts)):
            raise RuntimeError("a relation refers to the same cell twice after merging equal cells")
        seen.setdefault((total, parts), None)
    return list(seen)


def add_shape(
    b: StructureBuilder,
    rows: Sequence[str],
    columns: Sequence[str],
    *,
    row_totals: bool,
    level: str,
    fixed: bool = False,
    hidden: bool = False,
) -> None:
    """Add one table with column totals and a grand total to a builder (see ``shape_structure``)."""
    rows, columns = sorted(rows), sorted(columns)
    grand = b.cell(CellKey(level, None, None), 4.0, fixed=fixed, hidden=hidden)
    col_totals = [b.cell(CellKey(level, None, c), 2.0, fixed=fixed, hidden=hidden) for c in columns]
    for r in rows:
        cells = [b.cell(CellKey(level, r, c), 1.0, fixed=fixed, hidden=hidden) for c in columns]
        if row_totals:
            total = b.cell(CellKey(level, r, None), 2.0, fixed=fixed, hidden=hidden)
            b.constrain(total, cells)
            b.group(total, cells)
    for c, total in zip(columns, col_totals, strict=True):
        b.constrain(total, [CellKey(level, r, c) for r in rows])
    if columns:
        b.constrain(grand, col_totals)
        if row_totals:
            b.group(grand, col_totals)
        elif len(columns) == 1:
            b.group(grand, [CellKey(level, r, columns[0]) for r in rows])
    if row_totals:
        b.constrain(grand, [CellKey(level, r, None) for r in rows])


def shape_structure(rows: Sequence[str], columns: Sequence[str], *, row_totals: bool, level: str = "") -> Structure:
    """The structure of one table with column totals and a grand total.

    Args:
        rows: Row labels.
        columns: Column labels (empty for a list of totals only).
        row_totals: Whether each row has a total; the group-disclosure rule then applies per row.
            Without row totals and with one column, the table is a breakdown (series): the rule applies to
            the column.
        level: Name used in the keys.

    Returns:
        The structure.
    """
    b = StructureBuilder()
    add_shape(b, rows, columns, row_totals=row_totals, level=level)
    return b.build()


def hierarchy_structure(
    columns: Sequence[str],
    levels: Sequence[tuple[str, Sequence[str], bool]],
    groupings: Sequence[Mapping[str, str]],
) -> Structure:
    """The structure of nested tables (e.g. gemeente within veiligheidsregio within provincie) and the nation.

    Args:
        columns: Category labels, the same at every level.
        levels: ``(name, rows, breakdown)`` from finest to coarsest. Without breakdown only the row totals
            of that level are published; its category cells are hidden but still link the levels.
        groupings: For each level after the first, the parent (at that level) of each row of the level
            before it.

    Returns:
        The structure; the national column totals and grand total have level ``NATIONAL``.
    """
    columns = sorted(columns)
    b = StructureBuilder()
    coarse = 1.0 + len(levels)
    grand = b.cell(CellKey(NATIONAL, None, None), 4.0 * coarse)
    national = [b.cell(CellKey(NATIONAL, None, c), 2.0 * coarse) for c in columns]
    previous: tuple[str, Sequence[str]] | None = None
    for depth, (name, rows, breakdown) in enumerate(levels):
        weight = 1.0 + depth
        for r in sorted(rows):
            cells = [b.cell(CellKey(name, r, c), weight, hidden=not breakdown) for c in columns]
            total = b.cell(CellKey(name, r, None), 2.0 * weight)
            b.constrain(total, cells)
            if breakdown:
                b.group(total, cells)
        if previous is not None:
            grouping = groupings[depth - 1]
            prev_name, prev_rows = previous
            for parent in sorted(rows):
                children = [child for child in sorted(prev_rows) if grouping[child] == parent]
                for c in [*columns, None]:
                    b.constrain(CellKey(name, parent, c), [CellKey(prev_name, ch, c) for ch in children])
        previous = (name, rows)
    if previous is not None:
        top_name, top_rows = previous
        for c, total in zip(columns, national, strict=True):
            b.constrain(total, [CellKey(top_name, r, c) for r in sorted(top_rows)])
        b.constrain(grand, [CellKey(top_name, r, None) for r in sorted(top_rows)])
    b.constrain(grand, national)
    b.group(grand, national)
    return b.build()
