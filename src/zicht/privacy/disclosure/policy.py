# SPDX-License-Identifier: EUPL-1.2
"""The disclosure policy: threshold, rounding base, group-disclosure share and protection width.

The policy is read from configuration (``ZICHT_DISCLOSURE_*``) so that every output path applies the same
rules. Its parameters are checked together, because they only protect in combination: the threshold must
be a multiple of the rounding base (else a count at the threshold rounds below it, e.g. 7 to 5 with base 5,
and "a published 5 that is not suppressed" pins the count at exactly 7), and with zeros shown a threshold
of 2 would turn the marker ``<2`` into an exact 1. See docs/adr/0003-disclosure-control.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from zicht.config import Settings


class Unit(StrEnum):
    """What a table counts. Municipal statistics count persons; meldingen are counted nationally only."""

    personen = "personen"
    meldingen = "meldingen"


@dataclass(frozen=True)
class DisclosurePolicy:
    """Rules for statistical disclosure control of every table that leaves the analyst role.

    Attributes:
        threshold: Counts from 1 to ``threshold - 1`` are suppressed and shown as ``<threshold``.
        rounding_base: Every published count is rounded to the nearest multiple (half up); 1 disables it.
        dominance: Group-disclosure rule: a row where one category holds at least this share of the row
            total is suppressed as a whole.
        zero_is_safe: Whether a zero may be shown as 0. When False, zeros are suppressed like small counts.
        protection_width: Minimum width (maximum minus minimum) of the interval an attacker can derive for
            a suppressed count. ``None`` means ``max(rounding_base, ceil(threshold / 2))``, capped at
            ``threshold - 2`` so that a ``<threshold`` marker leaves some slack (5 for the defaults).

    Example:
        >>> DisclosurePolicy().marker
        '<10'
        >>> DisclosurePolicy().round(12), DisclosurePolicy().round(13)
        (10, 15)
    """

    threshold: int = 10
    rounding_base: int = 5
    dominance: float = 0.9
    zero_is_safe: bool = True
    protection_width: int | None = None

    def __post_init__(self) -> None:
        problems: list[str] = []
        if self.threshold < 2:
            problems.append("threshold must be at least 2")
        if self.rounding_base < 1:
            problems.append("rounding_base must be at least 1")
        if not 0.5 < self.dominance <= 1.0:
            problems.append("dominance must lie in (0.5, 1]")
        if not problems and self.threshold % self.rounding_base:
            problems.append(
                f"threshold ({self.threshold}) must be a multiple of rounding_base ({self.rounding_base}): "
                "otherwise a count at the threshold rounds below it and the published number pins it"
            )
        if not problems and self.zero_is_safe and self.threshold < 3:
            problems.append("with zero shown, threshold must be at least 3 ('<2' would reveal exactly 1)")
        width = self.protection_width
        if not problems and width is not None and not 1 <= width <= self.max_width:
            problems.append(f"protection_width must lie in 1..{self.max_width} for this threshold")
        if problems:
            raise ValueError(
                "Invalid disclosure policy (ZICHT_DISCLOSURE_THRESHOLD / _ROUNDING_BASE / _DOMINANCE): "
                + "; ".join(problems)
            )

    @classmethod
    def from_settings(cls, settings: Settings) -> DisclosurePolicy:
        """The policy configured by ``ZICHT_DISCLOSURE_THRESHOLD``, ``_ROUNDING_BASE`` and ``_DOMINANCE``.

        Args:
            settings: The application settings.

        Returns:
            The policy; zeros are shown (zero_is_safe) and the protection width takes its default.
        """
        return cls(
            threshold=settings.disclosure_threshold,
            rounding_base=settings.disclosure_rounding_base,
            dominance=settings.disclosure_dominance,
        )

    @property
    def small_lower(self) -> int:
        """Smallest value a primary-suppressed cell can hold (1 when zeros are shown, else 0)."""
        return 1 if self.zero_is_safe else 0

    @property
    def max_width(self) -> int:
        """The widest protection a primary-suppressed cell can get from its own marker."""
        return self.threshold - 1 - self.small_lower

    @property
    def width(self) -> int:
        """The protection width in force (see ``protection_width``)."""
        if self.protection_width is not None:
            return self.protection_width
        default = max(self.rounding_base, -(-self.threshold // 2))
        return max(1, min(default, self.threshold - 2))

    @property
    def marker(self) -> str:
        """How a primary-suppressed cell is shown, e.g. ``<10``."""
        return f"<{self.threshold}"

    def is_small(self, value: int) -> bool:
        """Whether a true count must be suppressed by the threshold rule."""
        return 0 < value < self.threshold or (value == 0 and not self.zero_is_safe)

    def round(self, value: int) -> int:
        """Round a count to the nearest multiple of the rounding base, halves upwards."""
        base = self.rounding_base
        return base * ((value + base // 2) // base)

    def rounding_interval(self, published: int) -> tuple[int, int]:
        """All true counts that round to ``published`` (both ends included)."""
        if self.rounding_base == 1:
            return published, published
        low = max(0, published - self.rounding_base // 2)
        return low, published - self.rounding_base // 2 + self.rounding_base - 1
