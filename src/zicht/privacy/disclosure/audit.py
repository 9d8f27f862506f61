# SPDX-License-Identifier: EUPL-1.2
"""The audit: solve the attacker's LP for every hidden cell of a release and report every breach.

Requirements checked (policy ``p``):

- a suppressed cell whose interval could contain a small count (1..threshold-1, or 0 when zeros are not
  safe) must keep an interval at least ``p.width`` wide; this covers primary-suppressed cells and cells of
  a row hidden for group disclosure;
- a secondary-suppressed cell, or a group-suppressed cell provably at or above the threshold, must not be
  pinned to one value;
- a derived count that is never published (the breakdown behind a totals-only level, the difference
  between a release and an earlier related one) may not be narrowed to an interval that lies entirely
  within 1..threshold-1 and is narrower than ``p.width``; an interval that still contains 0 reveals no
  one (../shared/docs/privacy.md §5.3 item 3);
- a hidden cell that the published zeros prove to be zero is accepted when zeros are safe (it could have
  been shown as 0);
- in a row hidden by the group-disclosure rule, no category may provably hold the dominance share:
  ``min(x_j - dominance * row_total) < 0`` over the attacker's LP, for every category ``j``.

With the original counts the audit also checks the primary rules and the published values themselves.
Secondary suppression (``secondary``) runs this audit until it passes.
"""

from __future__ import annotations

from collections.abc import Sequence

from zicht.privacy.disclosure.attacker import AttackerLP, knowledge_bounds, zero_possible
from zicht.privacy.disclosure.cells import CellStatus
from zicht.privacy.disclosure.policy import DisclosurePolicy
from zicht.privacy.disclosure.primary import dominated
from zicht.privacy.disclosure.report import (
    AuditReport,
    CellInterval,
    Finding,
    FindingKind,
    describe,
    width_text,
)
from zicht.privacy.disclosure.structure import Structure

#: A category counts as possibly non-dominant when ``x_j - d * total`` can go at least this far below 0.
GROUP_MARGIN = 1e-4


def audit_release(
    structure: Structure,
    statuses: Sequence[CellStatus | None],
    published: Sequence[int | None],
    policy: DisclosurePolicy,
    original: Sequence[int] | None = None,
    *,
    exact: bool = False,
    truth: Sequence[int] | None = None,
) -> AuditReport:
    """Audit one release given its structure, statuses and published values.

    Args:
        structure: Cells and relations.
        statuses: Status per cell (None for never-published cells).
        published: Published value per cell (None when hidden).
        policy: The policy the release claims to follow.
        original: True count per cell, when the auditor has them; also checks the primary rules against them.
        truth: True count per cell, used only as a table the attacker cannot exclude (secondary suppression
            passes it to save solving for cells it already proves safe). ``original`` implies it.
        exact: Solve both programmes for every hidden cell. Otherwise a cell is certified without its own
            programmes when tables found earlier already spread it wide enough; its interval in the report
            is then an inner bound (``CellInterval.exact`` is False). Findings are the same either way.

    Returns:
        The report with the attacker's intervals and all findings.
    """
    zeros = zero_possible(structure, statuses)
    bekend = original if original is not None else truth
    if bekend is not None:
        # A fixed "<t" cell (published by another family) whose true count is 0 was marked by the zero rule
        # of its own family, where every reader sees it is part of a small total and reads it as 0..t-1.
        zeros |= {i for i in structure.fixed if statuses[i] is CellStatus.primair_onderdrukt and bekend[i] == 0}
    bounds = [
        knowledge_bounds(s, v, policy, may_be_zero=i in zeros)
        for i, (s, v) in enumerate(zip(statuses, published, strict=True))
    ]
    lp = AttackerLP(structure, [b[0] for b in bounds], [b[1] for b in bounds])
    if bekend is not None and not exact:
        # The true table fits every published number, so it bounds each interval from the inside: a cell
        # never published whose true count is 0 or at least the threshold cannot be narrowed into 1..t-1.
        lp.known(bekend)
    intervals: list[CellInterval] = []
    findings: list[Finding] = []
    hidden = [i for i, s in enumerate(statuses) if s is not CellStatus.getoond]
    if not exact:
        by_column: dict[str | None, list[int]] = {}
        for i in hidden:
            by_column.setdefault(structure.keys[i].column, []).append(i)
        lp.explore([hidden, *by_column.values()])
    for i in hidden:
        status = statuses[i]
        key = structure.keys[i]
        if not exact:
            seen_low, seen_high = lp.seen_width(i)
            if certified(status, seen_low, seen_high, policy):
                intervals.append(CellInterval(key, status, seen_low, seen_high, exact=False))
                continue
        low, high = lp.interval(i)
        intervals.append(CellInterval(key, status, low, high))
        safe, required = is_protected(status, low, high, policy)
        if not safe:
            kind = FindingKind.vastgepind if high - low < 1 else FindingKind.te_smal
            message = f"{describe(key)} is af te leiden tot {width_text(low, high)}; vereiste breedte {required:g}"
            findings.append(Finding(kind, key, i, low, high, required, message))
    for total, parts in structure.groups:
        if not any(statuses[p] is CellStatus.dominantie_onderdrukt for p in parts):
            continue
        for part in parts:
            expression = {part: 1.0, total: -policy.dominance}
            if not exact and lp.witnessed(expression, -GROUP_MARGIN):
                continue
            lowest = lp.optimum(expression)
            if lowest > -GROUP_MARGIN:
                key = structure.keys[part]
                message = (
                    f"{describe(key)} heeft aantoonbaar minstens {policy.dominance:.0%} van "
                    f"{describe(structure.keys[total])}"
                )
                findings.append(Finding(FindingKind.groepsonthulling, key, part, lowest, lowest, 0.0, message))
    if original is not None:
        findings.extend(_check_against_original(structure, statuses, published, policy, original, intervals))
    return AuditReport(tuple(intervals), tuple(findings))


def certified(status: CellStatus | None, seen_low: float, seen_high: float, policy: DisclosurePolicy) -> bool:
    """Whether values seen in feasible tables already prove a hidden cell safe (see ``is_protected``).

    Seen values bound the attacker's interval from the inside, so they can prove "wide enough", "could be
    0" and "could reach the threshold", but never "provably zero" or "provably large".
    """
    if status is None and (seen_low <= 0 or seen_high >= policy.threshold):
        return True
    needed = 1 if status is CellStatus.secundair_onderdrukt else policy.width
    return seen_high - seen_low >= needed


def is_protected(status: CellStatus | None, low: float, high: float, policy: DisclosurePolicy) -> tuple[bool, float]:
    """Whether an attacker's interval ``[low, high]`` protects a hidden cell, and the width it needed.

    A cell provably zero is accepted when zeros may be shown anyway. A group-suppressed cell provably at or
    above the threshold is not a small count and must merely not be pinned; a secondary-suppressed cell
    must not be pinned. A never-published cell (a derived count) is safe unless its interval lies entirely
    within 1..threshold-1 and is narrower than the protection width (../shared/docs/privacy.md §5.3 item 3).
    Everything else needs the protection width.
    """
    width = high - low
    if high <= 0 and policy.zero_is_safe and status is not CellStatus.secundair_onderdrukt:
        return True, 0.0
    if status is CellStatus.secundair_onderdrukt:
        return width >= 1, 1.0
    if status is None:
        return low <= 0 or high >= policy.threshold or width >= policy.width, float(policy.width)
    if low >= policy.threshold and status in (CellStatus.dominantie_onderdrukt, CellStatus.aanvullend_onderdrukt):
        return width >= 1, 1.0
    return width >= policy.width, float(policy.width)


def _check_against_original(
    structure: Structure,
    statuses: Sequence[CellStatus | None],
    published: Sequence[int | None],
    policy: DisclosurePolicy,
    original: Sequence[int],
    intervals: Sequence[CellInterval],
) -> list[Finding]:
    findings: list[Finding] = []
    for i, (status, value) in enumerate(zip(statuses, published, strict=True)):
        if status is not CellStatus.getoond:
            continue
        key, true = structure.keys[i], int(original[i])
        if policy.is_small(true):
            message = f"{describe(key)} toont een klein aantal"
            findings.append(Finding(FindingKind.klein_aantal_getoond, key, i, true, true, 0.0, message))
        elif value != policy.round(true):
            message = f"{describe(key)} toont niet het afgeronde aantal"
            findings.append(Finding(FindingKind.onjuiste_waarde, key, i, true, true, 0.0, message))
    for total, parts in structure.groups:
        values = [int(original[p]) for p in parts]
        if dominated(values, int(original[total]), policy):
            for part in parts:
                if statuses[part] is CellStatus.getoond:
                    key = structure.keys[part]
                    message = f"{describe(key)} staat in een rij waarin één categorie domineert"
                    findings.append(Finding(FindingKind.dominantie_getoond, key, part, 0.0, 0.0, 0.0, message))
    for interval in intervals:
        i = structure.index[interval.key]
        if interval.exact and not interval.lower <= int(original[i]) <= interval.upper:
            message = f"{describe(interval.key)}: het werkelijke aantal valt buiten wat gepubliceerd is"
            findings.append(
                Finding(FindingKind.onjuiste_waarde, interval.key, i, interval.lower, interval.upper, 0.0, message)
            )
    return findings
