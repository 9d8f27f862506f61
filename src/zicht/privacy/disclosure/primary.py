# SPDX-License-Identifier: EUPL-1.2
"""Primary protection: the threshold rule, the group-disclosure (dominance) rule and rounding.

Primary rules look at each cell (and each row) on its own. Whether the remaining published numbers give a
hidden cell away is the concern of secondary suppression (``secondary``), checked by the audit.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from zicht.privacy.disclosure.cells import SUPPRESSED_DISPLAY, Cell, CellStatus
from zicht.privacy.disclosure.policy import DisclosurePolicy
from zicht.privacy.disclosure.structure import Structure


def dominated(values: Sequence[int], total: int, policy: DisclosurePolicy) -> bool:
    """Whether one category holds at least the dominance share of a row with a positive total.

    The share is compared exactly (as a fraction), so 9 of 10 at 0.9 counts as dominated.
    """
    if total <= 0 or not values:
        return False
    share = Fraction(policy.dominance).limit_denominator(1_000_000)
    return max(values) * share.denominator >= share.numerator * total


def primary_statuses(
    structure: Structure,
    values: Sequence[int],
    policy: DisclosurePolicy,
    fixed: Mapping[int, CellStatus] | None = None,
) -> list[CellStatus | None]:
    """Apply the threshold and dominance rules.

    Every small count (see ``DisclosurePolicy.is_small``) is primary-suppressed. Every row to which the
    group-disclosure rule applies and in which one category holds at least the dominance share is
    suppressed as a whole, its small cells included, so that the row's cells all carry the same marker.

    A zero that is part of a total shown as ``<threshold`` is shown as ``<threshold`` too. Otherwise
    ``<10`` would mean 1..9 in that row, and a small total over several small parts would pin them: a
    total ``<10`` over nine ``<10`` categories forces each to be exactly 1. With the rule, ``<10`` in a
    row (column, region) whose total is ``<10`` means 0..9, which is public knowledge the audit uses.

    Args:
        structure: Cells and relations of the release.
        values: True count per cell.
        policy: The policy in force.
        fixed: Statuses of cells published in an earlier release (``structure.fixed``); kept as they are.

    Returns:
        Status per cell; None for cells that are never published.
    """
    fixed = fixed or {}
    statuses: list[CellStatus | None] = [
        None
        if i in structure.hidden
        else CellStatus.primair_onderdrukt
        if policy.is_small(int(v))
        else CellStatus.getoond
        for i, v in enumerate(values)
    ]
    for i in structure.fixed:
        statuses[i] = fixed[i]
    for total, parts in structure.groups:
        if dominated([int(values[p]) for p in parts], int(values[total]), policy):
            for part in parts:
                if statuses[part] is not None and part not in structure.fixed:
                    statuses[part] = CellStatus.dominantie_onderdrukt
    changed = True
    while changed:
        changed = False
        for total, parts in structure.totals():
            if statuses[total] is not CellStatus.primair_onderdrukt:
                continue
            for part in parts:
                if statuses[part] is CellStatus.getoond and values[part] == 0 and part not in structure.fixed:
                    statuses[part] = CellStatus.primair_onderdrukt
                    changed = True
    return statuses


def publish(
    values: Sequence[int],
    statuses: Sequence[CellStatus | None],
    policy: DisclosurePolicy,
    fixed: Mapping[int, int | None] | None = None,
) -> list[int | None]:
    """The published value of each cell: the rounded count when shown, otherwise None.

    Cells of an earlier release keep the value they were published with (``fixed``).
    """
    out = [policy.round(int(v)) if s is CellStatus.getoond else None for v, s in zip(values, statuses, strict=True)]
    for i, value in (fixed or {}).items():
        out[i] = value
    return out


def make_cell(status: CellStatus, published: int | None, policy: DisclosurePolicy) -> Cell:
    """The reader-facing cell for a status and published value."""
    if status is CellStatus.getoond:
        if published is None:
            raise ValueError("a shown cell needs a value")
        return Cell(published, str(published), status)
    if status is CellStatus.primair_onderdrukt:
        return Cell(None, policy.marker, status)
    return Cell(None, SUPPRESSED_DISPLAY, status)
