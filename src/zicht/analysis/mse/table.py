# SPDX-License-Identifier: EUPL-1.2
"""Capture tables: reading, validation, aggregation and list hygiene.

A capture table has one 0/1 column per list and a last column with the number of individuals that have exactly
that capture pattern. Rows may come in any order, a pattern may be repeated (the counts are summed) or missing
(count 0). The all-zero pattern (individuals on no list) is rejected: it cannot be observed, and SparseMSE would
silently drop it from the fit while still counting it in the bootstrap.

:class:`CaptureTable` is canonical: patterns are aggregated, zero counts removed and the rows sorted in the
cell order of SparseMSE's ``tidylists``, so that permuting or splitting input rows gives an identical table.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from zicht.analysis.mse.errors import MSEInputError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["CaptureTable", "DroppedList", "drop_uninformative_lists", "read_capture_csv"]


def _sort_key(pattern: tuple[int, ...]) -> tuple[int, int]:
    """SparseMSE cell order: fewer lists first, then descending binary value with the first list as MSB."""
    code = 0
    for bit in pattern:
        code = 2 * code + bit
    return (sum(pattern), -code)


def _as_number(value: Any, row: int, column: str) -> float:
    """A cell value as a float; strings are stripped, empty and NaN cells are errors."""
    if isinstance(value, str):
        value = value.strip()
        if not value:
            raise MSEInputError(f"row {row}, column {column!r}: value is missing")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise MSEInputError(f"row {row}, column {column!r}: {value!r} is not a number") from None
    if math.isnan(number):
        raise MSEInputError(f"row {row}, column {column!r}: value is missing")
    return number


def _parse_bit(value: Any, row: int, column: str) -> int:
    number = _as_number(value, row, column)
    if number not in (0.0, 1.0):
        raise MSEInputError(f"row {row}, column {column!r}: {value!r} is not 0 or 1")
    return int(number)


def _parse_count(value: Any, row: int, column: str) -> int:
    if isinstance(value, bool):
        raise MSEInputError(f"row {row}, column {column!r}: count {value!r} is not a number")
    number = _as_number(value, row, column)
    if not math.isfinite(number) or number < 0 or number != int(number):
        raise MSEInputError(f"row {row}, column {column!r}: count {value!r} is not a non-negative integer")
    return int(number)


@dataclass(frozen=True)
class CaptureTable:
    """An aggregated capture table.

    Attributes:
        lists: The list names, in column order.
        patterns: The observed capture patterns (tuples of 0/1, one entry per list), each with a positive
            count, sorted in SparseMSE cell order.
        counts: The number of individuals with each pattern.
        count_name: Name of the count column in the input (kept for output only).
    """

    lists: tuple[str, ...]
    patterns: tuple[tuple[int, ...], ...]
    counts: tuple[int, ...]
    count_name: str = "count"

    @classmethod
    def from_rows(cls, lists: Sequence[str], rows: Iterable[Sequence[Any]], count_name: str = "count") -> CaptureTable:
        """Build a table from raw rows ``(bit_1, ..., bit_t, count)``.

        Args:
            lists: The list names (at least two, unique, non-empty).
            rows: One sequence per row: t values 0/1 followed by a non-negative integer count.
            count_name: Name of the count column.

        Returns:
            The canonical (aggregated, sorted) table.

        Raises:
            MSEInputError: On wrong values, the all-zero pattern, fewer than two lists or no individuals.
        """
        names = tuple(str(name).strip() for name in lists)
        if len(names) < 2:
            raise MSEInputError(f"need at least two list columns before the count column, got {len(names)}")
        if any(not name for name in names):
            raise MSEInputError("every list column needs a name")
        if len(set(names)) != len(names):
            raise MSEInputError(f"list names must be unique, got {', '.join(names)}")
        totals: dict[tuple[int, ...], int] = {}
        n_rows = 0
        for number, row in enumerate(rows, start=1):
            n_rows += 1
            if len(row) != len(names) + 1:
                raise MSEInputError(f"row {number} has {len(row)} values, expected {len(names) + 1}")
            pattern = tuple(_parse_bit(value, number, name) for value, name in zip(row, names, strict=False))
            count = _parse_count(row[-1], number, count_name)
            if not any(pattern):
                raise MSEInputError(
                    f"row {number} has the all-zero pattern (on no list); individuals on no list cannot be "
                    "observed - remove this row, the number of such individuals is what MSE estimates"
                )
            totals[pattern] = totals.get(pattern, 0) + count
        if n_rows == 0:
            raise MSEInputError("the capture table has no rows")
        observed = {pattern: count for pattern, count in totals.items() if count > 0}
        if not observed:
            raise MSEInputError("the capture table contains no individuals (all counts are 0)")
        ordered = sorted(observed, key=_sort_key)
        return cls(names, tuple(ordered), tuple(observed[p] for p in ordered), count_name)

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> CaptureTable:
        """Build a table from a pandas DataFrame: list columns first, the count column last.

        Args:
            frame: The data frame; column names are the list names.

        Returns:
            The canonical table.
        """
        columns = [str(c) for c in frame.columns]
        if len(columns) < 3:
            raise MSEInputError("need at least two list columns and a count column")
        rows = frame.itertuples(index=False, name=None)
        return cls.from_rows(columns[:-1], rows, count_name=columns[-1])

    @property
    def n_lists(self) -> int:
        """Number of lists."""
        return len(self.lists)

    @property
    def observed(self) -> int:
        """Total number of observed individuals."""
        return sum(self.counts)

    def list_totals(self) -> tuple[int, ...]:
        """Number of individuals on each list (regardless of other lists)."""
        return tuple(
            sum(c for p, c in zip(self.patterns, self.counts, strict=True) if p[i]) for i in range(self.n_lists)
        )

    def select_lists(self, keep: Sequence[int]) -> CaptureTable:
        """The table restricted to the given list indices (patterns that become all-zero are removed).

        Args:
            keep: Indices of the lists to keep, in the order wanted.

        Returns:
            The canonical restricted table.
        """
        rows = [
            (*(p[i] for i in keep), c)
            for p, c in zip(self.patterns, self.counts, strict=True)
            if any(p[i] for i in keep)
        ]
        return CaptureTable.from_rows([self.lists[i] for i in keep], rows, self.count_name)

    def merge_lists(self, names: Sequence[str], new_name: str) -> CaptureTable:
        """Merge several lists into one (an individual is on the merged list if on any of them).

        Args:
            names: The lists to merge (at least two).
            new_name: Name of the merged list; it takes the position of the first merged list.

        Returns:
            The canonical merged table.
        """
        index = [self.lists.index(name) for name in names]
        first = min(index)
        out_names = [new_name if i == first else n for i, n in enumerate(self.lists) if i == first or i not in index]
        rows = []
        for pattern, count in zip(self.patterns, self.counts, strict=True):
            merged = int(any(pattern[i] for i in index))
            rows.append(
                (*(merged if i == first else b for i, b in enumerate(pattern) if i == first or i not in index), count)
            )
        return CaptureTable.from_rows(out_names, rows, self.count_name)

    def to_rows(self) -> list[tuple[int, ...]]:
        """The table as rows ``(bits..., count)``."""
        return [(*p, c) for p, c in zip(self.patterns, self.counts, strict=True)]


@dataclass(frozen=True)
class DroppedList:
    """A list removed by :func:`drop_uninformative_lists`, with the reason."""

    name: str
    reason: str


def drop_uninformative_lists(table: CaptureTable) -> tuple[CaptureTable, tuple[DroppedList, ...]]:
    """Remove lists that carry no information about the dark number (SparseMSE ``removenoninformativelists``).

    Removed are: a list that duplicates an earlier list (same individuals), a list with no individuals and a
    list that contains every observed individual. Removal is repeated until nothing changes. Individuals seen
    only on removed lists are no longer observed in the remaining table (as in SparseMSE).

    Args:
        table: The capture table.

    Returns:
        The cleaned table and the removed lists with their reasons.

    Raises:
        MSEInputError: If fewer than two informative lists remain.
    """
    dropped: list[DroppedList] = []
    current = table
    while True:
        totals = current.list_totals()
        n = current.observed
        columns = [tuple(p[i] for p in current.patterns) for i in range(current.n_lists)]
        keep: list[int] = []
        removed: list[DroppedList] = []
        for i, name in enumerate(current.lists):
            twin = next((j for j in keep if columns[j] == columns[i]), None)
            if totals[i] == 0:
                removed.append(DroppedList(name, "no individuals on this list"))
            elif totals[i] == n:
                removed.append(DroppedList(name, "every observed individual is on this list"))
            elif twin is not None:
                removed.append(DroppedList(name, f"same individuals as list {current.lists[twin]!r}"))
            else:
                keep.append(i)
        if not removed:
            return current, tuple(dropped)
        dropped.extend(removed)
        if len(keep) < 2:
            reasons = "; ".join(f"{d.name}: {d.reason}" for d in dropped)
            raise MSEInputError(f"fewer than two informative lists remain after removing ({reasons})")
        current = current.select_lists(keep)


def read_capture_csv(path: str | Path) -> CaptureTable:
    """Read a capture table from a CSV file with a header row (``,`` ``;`` or tab separated).

    Args:
        path: The CSV file; the last column holds the counts, the others the lists (0/1).

    Returns:
        The canonical table.

    Raises:
        MSEInputError: If the file is missing, unreadable, empty or has invalid values.
    """
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MSEInputError(f"file not found: {file}") from None
    except IsADirectoryError:
        raise MSEInputError(f"not a file: {file}") from None
    except UnicodeDecodeError:
        raise MSEInputError(f"{file} is not a UTF-8 text file") from None
    except OSError as exc:
        raise MSEInputError(f"cannot read {file}: {exc.strerror}") from None
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise MSEInputError(f"{file} is empty")
    header = lines[0]
    delimiter = max((",", ";", "\t"), key=header.count)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        records = list(reader)
    except csv.Error as exc:
        raise MSEInputError(f"{file} is not valid CSV: {exc}") from None
    names, rows = records[0], records[1:]
    if len(names) < 3:
        raise MSEInputError(f"{file}: need a header with at least two list columns and a count column")
    if not rows:
        raise MSEInputError(f"{file} has a header but no data rows")
    return CaptureTable.from_rows(names[:-1], rows, count_name=names[-1].strip())
