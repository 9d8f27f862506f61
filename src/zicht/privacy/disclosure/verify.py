# SPDX-License-Identifier: EUPL-1.2
"""Audit a published table or hierarchy from the outside, optionally against the original counts.

The audit rebuilds the release structure from the published object alone (labels, markers and rounded
values), which is exactly what a reader has, and solves the attacker's LP for it.
"""

from __future__ import annotations

from typing import cast

from zicht.privacy.disclosure.audit import audit_release
from zicht.privacy.disclosure.cells import Cell, CellStatus
from zicht.privacy.disclosure.hierarchy import ProtectedHierarchy, hierarchy_of, level_rows
from zicht.privacy.disclosure.inputs import CountsLike, SeriesLike, as_frame, as_series, evaluate, table_leaves
from zicht.privacy.disclosure.report import AuditReport
from zicht.privacy.disclosure.structure import NATIONAL, CellKey, Structure, shape_structure
from zicht.privacy.disclosure.table import ProtectedTable, key_cells


def audit(
    protected: ProtectedTable | ProtectedHierarchy,
    original: CountsLike | SeriesLike | None = None,
    *,
    exact: bool = False,
) -> AuditReport:
    """Solve, for every hidden cell, the attacker's minimum and maximum given everything published.

    The attacker's LP uses non-negativity, every published margin and cell, the rounding interval of every
    rounded number, and what each marker says (``<10`` is 1..9; a secondary-suppressed cell is at least the
    threshold). A hidden cell pinned to one value, or narrowed below the policy's protection width, is a
    finding; so is a row hidden for group disclosure whose dominant category can still be proven.

    Args:
        protected: A protected table (audited on its own) or hierarchy (all levels together).
        original: The true counts (finest level for a hierarchy, a breakdown for a series); adds checks
            that small counts are hidden, shown values are the rounded counts, and the true counts lie in
            the attacker's intervals.
        exact: Compute every hidden cell's interval exactly instead of certifying cells that tables found
            along the way already spread wide enough (slower on large hierarchies; same findings).

    Returns:
        The audit report; ``report.passed`` is True for every output of ``protect_*``.

    Example:
        >>> audit(protect_table({"A": {"x": 20, "y": 3}, "B": {"x": 25, "y": 30}}, DisclosurePolicy(),
        ...                     unit=Unit.personen)).passed
        True
    """
    structure = release_structure(protected)
    published_cells = _published_cells(protected)
    statuses: list[CellStatus | None] = [None] * structure.size
    published: list[int | None] = [None] * structure.size
    for key, cell in published_cells.items():
        i = structure.index[key]
        statuses[i], published[i] = cell.status, cell.value
    values = None if original is None else evaluate(structure, _leaves(protected, original))
    return audit_release(structure, statuses, published, protected.policy, values, exact=exact)


def release_structure(protected: ProtectedTable | ProtectedHierarchy) -> Structure:
    """The release structure of a published object, rebuilt from its labels."""
    if isinstance(protected, ProtectedHierarchy):
        base = protected.tables[protected.levels[0].name].rows
        rows = level_rows(list(base), protected.levels)
        return hierarchy_of(list(protected.columns), rows, protected.levels)
    return shape_structure(
        list(protected.rows), list(protected.columns), row_totals=not _is_series(protected), level=protected.name
    )


def _is_series(table: ProtectedTable) -> bool:
    return bool(table.columns) and not table.row_totals


def _published_cells(protected: ProtectedTable | ProtectedHierarchy) -> dict[CellKey, Cell]:
    if isinstance(protected, ProtectedTable):
        return key_cells(protected, protected.name)
    cells: dict[CellKey, Cell] = {}
    for table in protected.tables.values():
        cells.update(key_cells(table, NATIONAL))
    for c, cell in protected.column_totals.items():
        cells[CellKey(NATIONAL, None, c)] = cell
    cells[CellKey(NATIONAL, None, None)] = protected.total
    return cells


def _leaves(protected: ProtectedTable | ProtectedHierarchy, original: CountsLike | SeriesLike) -> dict[CellKey, int]:
    if isinstance(protected, ProtectedHierarchy):
        return table_leaves(as_frame(cast(CountsLike, original)), protected.levels[0].name)
    if _is_series(protected):
        series = as_series(cast(SeriesLike, original))
        column = protected.columns[0]
        return {CellKey(protected.name, str(r), column): int(series[r]) for r in series.index}
    return table_leaves(as_frame(cast(CountsLike, original)), protected.name)
