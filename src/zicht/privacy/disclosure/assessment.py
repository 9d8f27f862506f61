# SPDX-License-Identifier: EUPL-1.2
"""When a table mostly vanishes: measure how much is suppressed and advise a coarser view.

A municipal table in which most cells read ``<10`` or ``x`` tells a policy officer little and invites
ad-hoc requests that differ slightly, which is exactly what differencing attacks need. The caller should
then offer the next coarser level (veiligheidsregio, provincie) or a longer period (e.g. three years).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from zicht.privacy.disclosure.cells import Cell

#: Default share of informative cells above which a table counts as mostly suppressed.
DEFAULT_LIMIT = 0.5


@dataclass(frozen=True)
class SuppressionAssessment:
    """How much of a table is suppressed.

    Attributes:
        share_suppressed: Suppressed cells as a share of the cells that are not a shown zero.
        mostly_suppressed: Whether the share exceeds the limit.
        suggestion: Dutch advice for the reader when mostly suppressed, else None.
    """

    share_suppressed: float
    mostly_suppressed: bool
    suggestion: str | None


def suppressed_share(cells: Iterable[Cell]) -> float:
    """Share of suppressed cells among cells that carry information (shown zeros do not count).

    Args:
        cells: The body of a table (interior cells, or the totals of a totals-only list).

    Returns:
        A number in [0, 1]; 0 when every cell is a shown zero.
    """
    informative = [c for c in cells if not (c.value == 0 and not c.suppressed)]
    if not informative:
        return 0.0
    return sum(c.suppressed for c in informative) / len(informative)


def assess_suppression(
    share: float,
    *,
    limit: float = DEFAULT_LIMIT,
    coarser_level: str | None = None,
    longer_period: str | None = None,
) -> SuppressionAssessment:
    """Whether a table is mostly suppressed, with advice to show a coarser level or a longer period.

    Args:
        share: Share of informative cells that are suppressed (see ``suppressed_share``).
        limit: Above this share the table counts as mostly suppressed.
        coarser_level: Name of the next coarser level to suggest, e.g. ``veiligheidsregio``.
        longer_period: A longer period to suggest, e.g. ``2021-2023``.

    Returns:
        The assessment.

    Example:
        >>> assess_suppression(0.8, coarser_level="veiligheidsregio").mostly_suppressed
        True
    """
    if not 0.0 <= share <= 1.0:
        raise ValueError("share must lie in [0, 1]")
    mostly = share > limit
    if not mostly:
        return SuppressionAssessment(share, False, None)
    level = f"op het niveau {coarser_level}" if coarser_level else "op een grover niveau"
    period = f"over een langere periode ({longer_period})" if longer_period else "over een langere periode"
    suggestion = (
        f"De meeste cijfers in deze tabel zijn afgeschermd omdat de aantallen klein zijn. "
        f"Bekijk de cijfers {level} of {period}."
    )
    return SuppressionAssessment(share, True, suggestion)
