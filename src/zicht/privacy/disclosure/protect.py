# SPDX-License-Identifier: EUPL-1.2
"""Protect a two-dimensional table with margins, or a one-dimensional breakdown with its total."""

from __future__ import annotations

from collections.abc import Sequence

from zicht.privacy.disclosure.cells import TableMetadata
from zicht.privacy.disclosure.inputs import CountsLike, SeriesLike, as_frame, as_series, evaluate, table_leaves
from zicht.privacy.disclosure.linked import PreviousRelease, add_previous
from zicht.privacy.disclosure.policy import DisclosurePolicy, Unit
from zicht.privacy.disclosure.secondary import protect_release
from zicht.privacy.disclosure.structure import CellKey, StructureBuilder, add_shape, shape_structure
from zicht.privacy.disclosure.table import ProtectedTable, build_table

#: Column name of a protected breakdown.
SERIES_COLUMN = "aantal"


def protect_table(
    counts: CountsLike,
    policy: DisclosurePolicy,
    *,
    unit: Unit,
    metadata: TableMetadata | None = None,
    name: str = "",
    previous: Sequence[PreviousRelease] = (),
) -> ProtectedTable:
    """Protect a rows x columns table of counts together with its row, column and grand totals.

    Rows are the groups (e.g. veiligheidsregio's), columns the categories (e.g. uitbuitingsvorm); the
    group-disclosure rule applies per row and to the row of column totals. Totals are the true totals,
    protected and rounded like any other cell.

    Args:
        counts: True counts, a DataFrame or ``{row: {column: count}}`` (missing means 0).
        policy: The policy, normally ``DisclosurePolicy.from_settings(settings)``.
        unit: What is counted (``Unit.personen`` for municipal statistics).
        metadata: Period, reference date and data vintage, passed through.
        name: The table's name (used in audit messages).
        previous: Earlier releases of nested data with the same rows and columns (the same table under a
            narrower or wider filter, or from an earlier data vintage). The new table is protected
            together with them, so that their difference cannot be derived (see ``linked``).

    Returns:
        The protected table; it passes ``audit``.

    Raises:
        ValueError: On invalid counts.
        DisclosureError: When no safe pattern exists.

    Example:
        >>> t = protect_table({"A": {"x": 20, "y": 3}, "B": {"x": 25, "y": 30}}, DisclosurePolicy(),
        ...                   unit=Unit.personen)
        >>> t.cell("A", "y").display, t.cell("B", "y").display, t.total.display
        ('<10', '30', '80')
    """
    frame = as_frame(counts)
    rows, columns = list(frame.index), list(frame.columns)
    builder = StructureBuilder()
    add_shape(builder, rows, columns, row_totals=True, level=name)
    leaves = table_leaves(frame, name)
    earlier, fixed_keys = add_previous(builder, frame, name, previous, policy)
    leaves.update(earlier)
    structure = builder.build()
    values = evaluate(structure, leaves)
    fixed = {structure.index[key]: state for key, state in fixed_keys.items()}
    statuses, published = protect_release(structure, values, policy, fixed)
    return build_table(
        structure,
        statuses,
        published,
        policy,
        name=name,
        rows=rows,
        columns=columns,
        row_totals=True,
        margin_level=name,
        unit=unit,
        metadata=metadata or TableMetadata(),
    )


def protect_series(
    counts: SeriesLike,
    policy: DisclosurePolicy,
    *,
    unit: Unit,
    metadata: TableMetadata | None = None,
    name: str = "",
    column: str = SERIES_COLUMN,
) -> ProtectedTable:
    """Protect a breakdown (one count per category) together with its total.

    The result is a one-column ProtectedTable: rows are the categories, ``column_totals[column]`` and
    ``total`` are the same total. The group-disclosure rule applies to the breakdown as a whole.

    Args:
        counts: True counts per category, a Series or ``{category: count}``.
        policy: The policy in force.
        unit: What is counted.
        metadata: Passed through.
        name: The table's name.
        column: Name of the single column.

    Returns:
        The protected breakdown.

    Example:
        >>> s = protect_series({"seksueel": 40, "arbeid": 25, "overig": 3}, DisclosurePolicy(),
        ...                    unit=Unit.personen)
        >>> [s.cell(c, "aantal").display for c in s.rows], s.total.display
        (['40', '25', '<10'], '70')
    """
    series = as_series(counts)
    rows = list(series.index)
    structure = shape_structure(rows, [column], row_totals=False, level=name)
    values = evaluate(structure, {CellKey(name, r, column): int(series[r]) for r in rows})
    statuses, published = protect_release(structure, values, policy)
    return build_table(
        structure,
        statuses,
        published,
        policy,
        name=name,
        rows=rows,
        columns=[column],
        row_totals=False,
        margin_level=name,
        unit=unit,
        metadata=metadata or TableMetadata(),
    )
