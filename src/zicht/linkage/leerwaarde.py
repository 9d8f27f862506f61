# SPDX-License-Identifier: EUPL-1.2
"""The review queue's order: the pair whose decision teaches the quality estimate most comes first.

The measure is the approximate variance of precision plus that of recall (delta method) over the strata of
:mod:`zicht.linkage.kwaliteit`; within a stratum the order is the stratum's random order, so the decided units
stay a simple random sample as long as the analyst works from the top.
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping, Sequence
from typing import Any

from zicht.linkage.kwaliteit import Stratum


def leerwaarde(strata: Sequence[Stratum]) -> dict[str, tuple[float, float, float]]:
    """Per stratum, a function of extra decisions: how much the next decision would shrink the estimates.

    The measure is the approximate variance of precision plus that of recall (delta method). A stratum's
    contribution is ``g² W² m(1 − m) / (n + 1) · (1 − n / N)`` with ``g`` the derivative of precision and recall
    to the stratum's total, ``W`` its weight, ``m`` its posterior mean, ``n`` decisions of ``N`` units; the value
    of the next decision is the drop in that contribution. Returned per stratum as ``(g² W² m(1 − m), N, n)``.
    """
    linked = [s for s in strata if s.gekoppeld]
    total_linked = sum(s.gewicht for s in linked)
    tp = sum(s.gewicht * s.gemiddelde() for s in linked)
    fn = sum(s.gewicht * s.gemiddelde() for s in strata if not s.gekoppeld)
    found = tp + fn
    out: dict[str, tuple[float, float, float]] = {}
    for s in strata:
        g_p = 1.0 / total_linked if s.gekoppeld and total_linked > 0 else 0.0
        g_r = (fn if s.gekoppeld else -tp) / found**2 if found > 0 else 0.0
        m = s.gemiddelde()
        out[s.naam] = ((g_p**2 + g_r**2) * s.gewicht**2 * m * (1.0 - m), float(s.eenheden), float(s.beslissingen))
    return out


def _variance(factor: float, units: float, n: float) -> float:
    if units <= 0:
        return 0.0
    return factor / (n + 1.0) * max(0.0, 1.0 - n / units)


def volgorde(strata: Sequence[Stratum], open_items: Mapping[str, Sequence[Any]]) -> list[Any]:
    """Open sample items in the order in which deciding them teaches most.

    Greedy: the next item comes from the stratum whose next decision shrinks the variance of precision plus
    recall most (:func:`leerwaarde`), and within a stratum in the stratum's random order, so that the decided
    items of a stratum stay a simple random sample as long as the analyst works from the top.

    Args:
        strata: the strata with their current decisions.
        open_items: per stratum name, its open items in random order (rank ascending).
    """
    values = leerwaarde(strata)
    heap: list[tuple[float, str, int]] = []
    queues = {name: list(items) for name, items in open_items.items() if items}
    position = dict.fromkeys(queues, 0)
    extra = dict.fromkeys(queues, 0)

    def gain(name: str) -> float:
        factor, units, n = values.get(name, (0.0, 0.0, 0.0))
        done = n + extra[name]
        return _variance(factor, units, done) - _variance(factor, units, done + 1.0)

    for name in sorted(queues):
        heapq.heappush(heap, (-gain(name), name, 0))
    out: list[Any] = []
    while heap:
        _, name, _ = heapq.heappop(heap)
        out.append(queues[name][position[name]])
        position[name] += 1
        extra[name] += 1
        if position[name] < len(queues[name]):
            heapq.heappush(heap, (-gain(name), name, position[name]))
    return out
