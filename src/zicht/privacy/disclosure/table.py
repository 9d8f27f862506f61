# SPDX-License-Identifier: EUPL-1.2
"""The protected table: the only form in which counts leave the analyst role.

A ``ProtectedTable`` holds no true counts: shown cells carry their rounded value, hidden cells carry None
and a marker. Suppressed cells are never dropped; every export lists them with their marker.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from zicht.privacy.disclosure.assessment import SuppressionAssessment, assess_suppression, suppressed_share
from zicht.privacy.disclosure.cells import Cell, CellStatus, TableMetadata
from zicht.privacy.disclosure.policy import DisclosurePolicy, Unit
from zicht.privacy.disclosure.primary import make_cell
from zicht.privacy.disclosure.structure import CellKey, Structure

#: Label of totals in exports and display frames.
TOTAL_LABEL = "totaal"


@dataclass(frozen=True)
class ProtectedTable:
    """A table after disclosure control, with its margins, unit and metadata.

    Attributes:
        name: The table's (or hierarchy level's) name.
        rows: Row labels in the order given.
        columns: Column labels in the order given; empty for a list of totals only.
        cells: ``(row, column)`` to cell.
        row_totals: Row label to total; empty for a breakdown (series).
        column_totals: Column label to total.
        total: The grand total.
        unit: What is counted.
        policy: The policy that was applied.
        metadata: Period, reference date, data vintage: passed through.
    """

    name: str
    rows: tuple[str, ...]
    columns: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]
    row_totals: Mapping[str, Cell]
    column_totals: Mapping[str, Cell]
    total: Cell
    unit: Unit
    policy: DisclosurePolicy
    metadata: TableMetadata = field(default_factory=TableMetadata)

    def cell(self, row: str, column: str) -> Cell:
        """The cell at a row and column."""
        return self.cells[(row, column)]

    def body(self) -> list[Cell]:
        """The cells that carry the breakdown: interior cells, or the row totals of a totals-only list."""
        if self.columns:
            return [self.cells[(r, c)] for r in self.rows for c in self.columns]
        return [self.row_totals[r] for r in self.rows]

    def entries(self) -> list[tuple[str | None, str | None, Cell]]:
        """Every distinct published position ``(row, column, cell)``; None marks a total.

        Totals that coincide with another position (the row total of a one-column table, the column total
        of a one-column table) are listed once.
        """
        out: list[tuple[str | None, str | None, Cell]] = []
        one_column = len(self.columns) == 1
        for r in self.rows:
            out.extend((r, c, self.cells[(r, c)]) for c in self.columns)
            if self.row_totals and not one_column:
                out.append((r, None, self.row_totals[r]))
        if not one_column:
            out.extend((None, c, self.column_totals[c]) for c in self.columns)
        out.append((None, None, self.total))
        return out

    def to_records(self, *, include_reason: bool = False) -> list[dict[str, Any]]:
        """Plain records for exports, one per position, suppressed cells included and marked.

        Args:
            include_reason: Add the suppression reason (``status``). Leave False for anything that leaves
                the analyst role: telling readers a row was hidden for dominance reveals that it is
                homogeneous.

        Returns:
            Dicts with ``row``, ``column`` (``totaal`` for totals), ``row_is_total``, ``column_is_total``,
            ``value`` (None when suppressed), ``display``, ``marker`` and ``unit``.
        """
        records = []
        for row, column, cell in self.entries():
            record: dict[str, Any] = {
                "row": TOTAL_LABEL if row is None else row,
                "column": TOTAL_LABEL if column is None else column,
                "row_is_total": row is None,
                "column_is_total": column is None,
                "value": cell.value,
                "display": cell.display,
                "marker": str(cell.marker),
                "unit": str(self.unit),
            }
            if include_reason:
                record["status"] = str(cell.status)
            records.append(record)
        return records

    def to_frame(self, *, include_reason: bool = False) -> pd.DataFrame:
        """The records as a long DataFrame; metadata and policy are in ``frame.attrs``."""
        frame = pd.DataFrame.from_records(self.to_records(include_reason=include_reason))
        frame["value"] = frame["value"].astype("Int64")
        frame.attrs.update(self._attributes())
        return frame

    def display_frame(self) -> pd.DataFrame:
        """A wide DataFrame of display texts, with a ``totaal`` row and (where present) column."""
        data = {
            c: [self.cells[(r, c)].display for r in self.rows] + [self.column_totals[c].display] for c in self.columns
        }
        if self.row_totals and len(self.columns) != 1:
            data[TOTAL_LABEL] = [self.row_totals[r].display for r in self.rows] + [self.total.display]
        return pd.DataFrame(data, index=[*self.rows, TOTAL_LABEL])

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready description: metadata, policy, assessment and the records."""
        return {**self._attributes(), "cells": self.to_records()}

    def assessment(
        self, *, limit: float = 0.5, coarser_level: str | None = None, longer_period: str | None = None
    ) -> SuppressionAssessment:
        """How much of the breakdown is suppressed, with advice when most of it is (see ``assess_suppression``)."""
        return assess_suppression(
            suppressed_share(self.body()), limit=limit, coarser_level=coarser_level, longer_period=longer_period
        )

    @property
    def mostly_suppressed(self) -> bool:
        """Whether more than half of the informative cells are suppressed."""
        return self.assessment().mostly_suppressed

    def _attributes(self) -> dict[str, Any]:
        meta = self.metadata
        return {
            "name": self.name,
            "unit": str(self.unit),
            "period": meta.period,
            "reference_date": meta.reference_date.isoformat() if meta.reference_date else None,
            "data_vintage": meta.data_vintage,
            "extra": dict(meta.extra),
            "threshold": self.policy.threshold,
            "rounding_base": self.policy.rounding_base,
            "mostly_suppressed": self.mostly_suppressed,
        }


def build_table(
    structure: Structure,
    statuses: Sequence[CellStatus | None],
    published: Sequence[int | None],
    policy: DisclosurePolicy,
    *,
    name: str,
    rows: Sequence[str],
    columns: Sequence[str],
    row_totals: bool,
    margin_level: str,
    unit: Unit,
    metadata: TableMetadata,
) -> ProtectedTable:
    """Assemble a ProtectedTable from a protected release (cells at ``name``, margins at ``margin_level``)."""

    def at(key: CellKey) -> Cell:
        i = structure.index[key]
        status = statuses[i]
        if status is None:
            raise RuntimeError(f"cell {key} is not published")
        return make_cell(status, published[i], policy)

    return ProtectedTable(
        name=name,
        rows=tuple(rows),
        columns=tuple(columns),
        cells={(r, c): at(CellKey(name, r, c)) for r in rows for c in columns},
        row_totals={r: at(CellKey(name, r, None)) for r in rows} if row_totals else {},
        column_totals={c: at(CellKey(margin_level, None, c)) for c in columns},
        total=at(CellKey(margin_level, None, None)),
        unit=unit,
        policy=policy,
        metadata=metadata,
    )


def key_cells(table: ProtectedTable, margin_level: str) -> dict[CellKey, Cell]:
    """Every published position of a table by structure key (margins under ``margin_level``)."""
    out: dict[CellKey, Cell] = {}
    for (r, c), cell in table.cells.items():
        out[CellKey(table.name, r, c)] = cell
    for r, cell in table.row_totals.items():
        out[CellKey(table.name, r, None)] = cell
    for c, cell in table.column_totals.items():
        out[CellKey(margin_level, None, c)] = cell
    out[CellKey(margin_level, None, None)] = table.total
    return out
