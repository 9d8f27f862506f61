# SPDX-License-Identifier: EUPL-1.2
"""Protected cells: what a reader sees, why a cell is hidden, and the metadata that travels with a table."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

#: How a cell suppressed for another reason than its own small count is shown.
SUPPRESSED_DISPLAY = "x"


class CellStatus(StrEnum):
    """Why a cell is shown or hidden. The reason is for the analyst and the audit; readers see a Marker.

    - ``getoond``: published, rounded to the rounding base.
    - ``primair_onderdrukt``: the count itself is small (1 up to the threshold, or 0 when zeros are not
      safe); shown as ``<threshold``.
    - ``secundair_onderdrukt``: hidden so that a small count elsewhere cannot be derived from totals.
    - ``dominantie_onderdrukt``: part of a row where one category holds nearly everyone (group disclosure).
    - ``aanvullend_onderdrukt``: a zero or small count hidden as a last resort, marked ``x`` so that it
      says nothing about its size; used when hiding larger counts is not enough (e.g. next to an earlier
      release, or with a very low threshold).
    """

    getoond = "getoond"
    primair_onderdrukt = "primair_onderdrukt"
    secundair_onderdrukt = "secundair_onderdrukt"
    dominantie_onderdrukt = "dominantie_onderdrukt"
    aanvullend_onderdrukt = "aanvullend_onderdrukt"

    @property
    def suppressed(self) -> bool:
        """Whether the cell's value is withheld."""
        return self is not CellStatus.getoond


class Marker(StrEnum):
    """What a reader of a published table is told about a cell.

    Secondary and group-disclosure suppression share one marker on purpose: telling readers that a row was
    hidden because one category dominates would itself reveal that the row is (nearly) homogeneous.
    """

    getoond = "getoond"
    klein_aantal = "klein_aantal"
    onderdrukt = "onderdrukt"


@dataclass(frozen=True)
class Cell:
    """One published cell of a protected table.

    Attributes:
        value: The published count (already rounded), or None when the cell is suppressed.
        display: The text to show: the rounded count, ``<threshold`` or ``x``.
        status: Why the cell is shown or hidden.
    """

    value: int | None
    display: str
    status: CellStatus

    @property
    def suppressed(self) -> bool:
        """Whether the cell's value is withheld."""
        return self.status.suppressed

    @property
    def marker(self) -> Marker:
        """The public marker: shown, small count, or suppressed for protection."""
        if self.status is CellStatus.getoond:
            return Marker.getoond
        if self.status is CellStatus.primair_onderdrukt:
            return Marker.klein_aantal
        return Marker.onderdrukt


@dataclass(frozen=True)
class TableMetadata:
    """Facts about a table that are passed through untouched (they are not protected, only carried).

    Attributes:
        period: The reference period in words or ISO form, e.g. ``2023`` or ``2021-2023``.
        reference_date: The date the counts refer to (peildatum), if any.
        data_vintage: Which extract or linkage run the counts come from.
        extra: Further labels for exports, e.g. the table's identifier in the release register.
    """

    period: str | None = None
    reference_date: date | None = None
    data_vintage: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)
