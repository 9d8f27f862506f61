# SPDX-License-Identifier: EUPL-1.2
"""The audit report: the attacker's interval for every hidden cell, and every rule a release breaks."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.structure import CellKey


class FindingKind(StrEnum):
    """What is wrong with a cell of a release.

    - ``vastgepind``: a hidden cell can be derived exactly from the published numbers.
    - ``te_smal``: a hidden cell can be narrowed to an interval below the protection width.
    - ``groepsonthulling``: in a row hidden by the group-disclosure rule, the published numbers still prove
      that one category holds at least the dominance share.
    - ``klein_aantal_getoond``: a small count is shown (only found when the original counts are given).
    - ``dominantie_getoond``: a row where one category dominates is (partly) shown (idem).
    - ``onjuiste_waarde``: a shown value is not the rounded true count, or the true count lies outside the
      attacker's interval (idem; points at a tampered or mismatched release).
    """

    vastgepind = "vastgepind"
    te_smal = "te_smal"
    groepsonthulling = "groepsonthulling"
    klein_aantal_getoond = "klein_aantal_getoond"
    dominantie_getoond = "dominantie_getoond"
    onjuiste_waarde = "onjuiste_waarde"


@dataclass(frozen=True)
class CellInterval:
    """The attacker's tightest interval for one hidden cell.

    Attributes:
        key: The cell (level, row, column; None marks a total).
        status: The cell's status; None for a cell that is never published (it links levels).
        lower: Smallest value consistent with everything published.
        upper: Largest value consistent with everything published (``math.inf`` when unbounded).
        exact: False when the audit only certified the cell: then ``[lower, upper]`` is an inner bound
            (values seen in tables the attacker cannot exclude), and the true interval is at least as wide.
    """

    key: CellKey
    status: CellStatus | None
    lower: float
    upper: float
    exact: bool = True

    @property
    def width(self) -> float:
        """``upper - lower``; zero means the cell is pinned to one value."""
        return self.upper - self.lower


@dataclass(frozen=True)
class Finding:
    """One breach found by the audit.

    Attributes:
        kind: What is wrong.
        key: The cell concerned.
        index: The cell's number in the release structure.
        lower: The attacker's lower bound (or minimum of the group expression for ``groepsonthulling``).
        upper: The attacker's upper bound.
        required: The protection width the cell needed.
        message: A sentence for logs and reports (never contains a hidden value).
    """

    kind: FindingKind
    key: CellKey
    index: int
    lower: float
    upper: float
    required: float
    message: str


@dataclass(frozen=True)
class AuditReport:
    """Result of an audit of one release.

    Attributes:
        intervals: The attacker's interval for every suppressed or unpublished cell.
        findings: Every breach; empty when the release is safe.
    """

    intervals: tuple[CellInterval, ...]
    findings: tuple[Finding, ...]

    @property
    def passed(self) -> bool:
        """True when no breach was found."""
        return not self.findings

    def narrowest(self) -> CellInterval | None:
        """The suppressed cell the attacker can narrow down most (None when nothing is suppressed)."""
        suppressed = [iv for iv in self.intervals if iv.status is not None]
        return min(suppressed, key=lambda iv: (iv.width, str(iv.key)), default=None)

    def summary(self) -> str:
        """One line per finding, or a line saying the release passed."""
        if self.passed:
            return f"Audit geslaagd: {len(self.intervals)} verborgen cellen, geen herleidbare aantallen."
        return "\n".join(f"{f.kind}: {f.message}" for f in self.findings)


def describe(key: CellKey) -> str:
    """A readable address for a cell, e.g. ``gemeente / Utrecht / totaal``."""
    parts = [key.level or "tabel", key.row or "totaal", key.column or "totaal"]
    return " / ".join(parts)


def width_text(lower: float, upper: float) -> str:
    """The interval as text (``[3, 7]`` or ``[10, ∞)``)."""
    high = "∞)" if math.isinf(upper) else f"{upper:g}]"
    return f"[{lower:g}, {high}"
