# SPDX-License-Identifier: EUPL-1.2
"""Reading count tables: validation, string labels, and the value of every cell of a structure."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeAlias

import numpy as np
import pandas as pd

from zicht.privacy.disclosure.structure import CellKey, Structure

#: A two-dimensional table of counts: a DataFrame (rows x columns) or ``{row: {column: count}}``.
CountsLike: TypeAlias = pd.DataFrame | Mapping[str, Mapping[str, int]]
#: A one-dimensional breakdown: a Series or ``{category: count}``.
SeriesLike: TypeAlias = pd.Series | Mapping[str, int]


def _labels(values: Sequence[object], what: str) -> list[str]:
    labels = [str(v) for v in values]
    if len(set(labels)) != len(labels):
        raise ValueError(f"{what} labels must be unique (after conversion to text)")
    if any(label == "" for label in labels):
        raise ValueError(f"{what} labels may not be empty")
    return labels


def _counts(array: np.ndarray) -> np.ndarray:
    numeric = np.asarray(array, dtype=float)
    if not np.isfinite(numeric).all():
        raise ValueError("counts must be finite numbers (no missing values)")
    if (numeric < 0).any() or (numeric != np.round(numeric)).any():
        raise ValueError("counts must be non-negative whole numbers")
    return numeric.astype(np.int64)


def as_frame(counts: CountsLike) -> pd.DataFrame:
    """A validated copy of a count table with text labels and integer counts.

    Args:
        counts: A DataFrame, or a mapping of rows to mappings of columns to counts (missing means 0).

    Returns:
        A DataFrame of int64 counts.

    Raises:
        ValueError: On duplicate labels, missing or negative or fractional counts, or an empty table.
    """
    if isinstance(counts, pd.DataFrame):
        frame = counts
    else:
        rows = list(counts)
        columns = list(dict.fromkeys(c for r in rows for c in counts[r]))
        data = [[counts[r].get(c, 0) for c in columns] for r in rows]
        frame = pd.DataFrame(data, index=rows, columns=columns, dtype=float)
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ValueError("a table needs at least one row and one column")
    return pd.DataFrame(
        _counts(frame.to_numpy()),
        index=_labels(list(frame.index), "row"),
        columns=_labels(list(frame.columns), "column"),
    )


def as_series(counts: SeriesLike) -> pd.Series:
    """A validated copy of a breakdown with text labels and integer counts."""
    series = counts if isinstance(counts, pd.Series) else pd.Series(dict(counts), dtype=float)
    if series.shape[0] == 0:
        raise ValueError("a breakdown needs at least one category")
    return pd.Series(_counts(series.to_numpy()), index=_labels(list(series.index), "category"))


def evaluate(structure: Structure, leaves: Mapping[CellKey, int]) -> list[int]:
    """The value of every cell, given the values of the cells that are not totals.

    Args:
        structure: Cells and relations.
        leaves: Values by key for every cell that is not the total of a relation.

    Returns:
        Value per cell number.

    Raises:
        ValueError: When a leaf is missing or two relations give a total different values.
    """
    values: list[int | None] = [None] * structure.size
    for key, value in leaves.items():
        values[structure.index[key]] = int(value)
    pending = list(structure.constraints)
    while pending:
        remaining = []
        for total, parts in pending:
            if any(values[p] is None for p in parts):
                remaining.append((total, parts))
                continue
            computed = sum(int(values[p] or 0) for p in parts)
            if values[total] is None:
                values[total] = computed
            elif values[total] != computed:
                raise ValueError(f"inconsistent totals at {structure.keys[total]}")
        if len(remaining) == len(pending):
            raise ValueError("some cells have no value (a leaf is missing)")
        pending = remaining
    if any(v is None for v in values):
        raise ValueError("some cells have no value (a leaf is missing)")
    return [int(v or 0) for v in values]


def table_leaves(frame: pd.DataFrame, level: str) -> dict[CellKey, int]:
    """The interior cells of a table as leaves for ``evaluate``."""
    return {CellKey(level, str(r), str(c)): int(frame.at[r, c]) for r in frame.index for c in frame.columns}
