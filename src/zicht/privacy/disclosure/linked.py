# SPDX-License-Identifier: EUPL-1.2
"""Link a new release to earlier releases of nested data, so the two cannot be differenced.

Two requests that differ by one category of a filter, or the same table after one more melding arrived,
give tables ``A`` and ``B = A + D`` with a small difference ``D``. Each table on its own can pass the audit
while together they narrow ``D`` down, through a total that crosses a rounding boundary in one table and
not in the other. Publishing ``B`` with ``previous=[PreviousRelease(A, counts_A)]`` puts ``A``'s published
cells (fixed, they are out already), ``B``'s cells and the never-published difference ``D`` with its
margins into one release: ``B`` gets whatever extra suppression makes every cell of ``D`` safe as a
derived count (its interval contains 0, reaches the threshold, or is at least the protection width wide).

The release register (which tables went out, from which data vintage) lives with the caller; this module
only needs the earlier table and its true counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.inputs import CountsLike, as_frame, table_leaves
from zicht.privacy.disclosure.policy import DisclosurePolicy
from zicht.privacy.disclosure.structure import CellKey, StructureBuilder, add_shape
from zicht.privacy.disclosure.table import ProtectedTable, key_cells


@dataclass(frozen=True)
class PreviousRelease:
    """A table published earlier from related data.

    Attributes:
        table: The protected table as it was published (same rows and columns as the new one).
        counts: Its true counts. They must be nested with the new counts: every cell at most (a narrower
            filter, an earlier vintage) or every cell at least the new count.
    """

    table: ProtectedTable
    counts: CountsLike


def add_previous(
    b: StructureBuilder,
    frame: pd.DataFrame,
    name: str,
    previous: Sequence[PreviousRelease],
    policy: DisclosurePolicy,
) -> tuple[dict[CellKey, int], dict[CellKey, tuple[CellStatus, int | None]]]:
    """Add earlier releases and their differences with the new table to a builder.

    Args:
        b: Builder that already holds the new table at level ``name``.
        frame: The new table's true counts.
        name: The new table's level name.
        previous: Earlier releases.
        policy: The policy of the new table; earlier tables must have been published under it.

    Returns:
        True counts of the added leaf cells, and status and published value of every earlier cell.

    Raises:
        ValueError: When shapes, policies differ or the counts are not nested.
    """
    rows, columns = list(frame.index), list(frame.columns)
    leaves: dict[CellKey, int] = {}
    fixed: dict[CellKey, tuple[CellStatus, int | None]] = {}
    for k, earlier in enumerate(previous):
        table = earlier.table
        if set(table.rows) != set(rows) or set(table.columns) != set(columns) or not table.row_totals:
            raise ValueError("an earlier release must be a table with the same rows and columns")
        if table.policy != policy:
            raise ValueError("an earlier release must have been published under the same policy")
        old = as_frame(earlier.counts).reindex(index=rows, columns=columns)
        if old.isna().to_numpy().any():
            raise ValueError("the counts of an earlier release must have the same rows and columns")
        diff = frame - old.astype("int64")
        if (diff >= 0).to_numpy().all():
            larger, smaller = name, f"{name}#eerder{k}"
        elif (diff <= 0).to_numpy().all():
            larger, smaller = f"{name}#eerder{k}", name
        else:
            raise ValueError("only nested releases can be linked (every count at most, or every count at least)")
        level, delta = f"{name}#eerder{k}", f"{name}#verschil{k}"
        add_shape(b, rows, columns, row_totals=True, level=level, fixed=True)
        add_shape(b, rows, columns, row_totals=True, level=delta, hidden=True)
        for r in rows:
            for c in columns:
                b.constrain(CellKey(larger, r, c), [CellKey(smaller, r, c), CellKey(delta, r, c)], link=True)
        leaves.update(table_leaves(old.astype("int64"), level))
        leaves.update(table_leaves(diff.abs(), delta))
        for key, cell in key_cells(table, table.name).items():
            fixed[CellKey(level, key.row, key.column)] = (cell.status, cell.value)
    return leaves, fixed
