# SPDX-License-Identifier: EUPL-1.2
"""Turn scored pairs into clusters, with analyst decisions as hard constraints.

Pairs at or above the automatic threshold are joined greedily from the highest probability down
(union–find). An analyst's *same person* decision is a must-link that is applied first; a *different
person* decision is a cannot-link: an edge that would put the two meldingen in one cluster is skipped,
however strong. Without cannot-links the result equals connected components at the threshold.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations


@dataclass
class _UnionFind:
    parent: dict[str, str] = field(default_factory=dict)
    size: dict[str, int] = field(default_factory=dict)

    def add(self, node: str) -> None:
        if node not in self.parent:
            self.parent[node] = node
            self.size[node] = 1

    def find(self, node: str) -> str:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:  # path compression
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if self.size[ra] < self.size[rb] or (self.size[ra] == self.size[rb] and rb < ra):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]
        return ra


@dataclass(frozen=True)
class ClusterResult:
    """Cluster label per melding id plus the constraints that could not be honoured."""

    labels: dict[str, str]
    conflicten: tuple[tuple[str, str], ...] = ()

    def groups(self) -> dict[str, list[str]]:
        """Melding ids per cluster label."""
        out: dict[str, list[str]] = {}
        for melding, label in self.labels.items():
            out.setdefault(label, []).append(melding)
        return out


def cluster(
    ids: Iterable[str],
    edges: Iterable[tuple[str, str, float]],
    threshold: float,
    *,
    zelfde: Iterable[tuple[str, str]] = (),
    verschillend: Iterable[tuple[str, str]] = (),
    strijdig: Iterable[tuple[str, str]] = (),
) -> ClusterResult:
    """Cluster meldingen.

    Args:
        ids: every melding id (singletons included).
        edges: scored pairs ``(a, b, match_probability)``; pairs below ``threshold`` are ignored.
        threshold: the automatic-link threshold.
        zelfde: analyst decisions *same person* (must-link).
        verschillend: analyst decisions *different person* (cannot-link).
        strijdig: pairs whose attributes cannot belong to one person (birth dates years apart, see
            :func:`conflicting_pairs`): cannot-links of the model, which an analyst's *same person* overrides
            and which are not reported as conflicts.

    Returns:
        Labels (the smallest melding id of each cluster, so labels are deterministic) and the
        *different person* decisions that contradict *same person* decisions (both kept as decided:
        the must-link wins, the conflict is reported for review).
    """
    uf = _UnionFind()
    for node in ids:
        uf.add(node)
    # For every root: the melding ids that may never join its cluster (merged along with the roots).
    forbidden: dict[str, set[str]] = {}
    cannot_pairs: list[tuple[str, str]] = []
    for a, b in verschillend:
        uf.add(a)
        uf.add(b)
        cannot_pairs.append((a, b))

    def join(a: str, b: str) -> None:
        ra, rb = uf.find(a), uf.find(b)
        if ra == rb:
            return
        root = uf.union(ra, rb)
        merged = forbidden.pop(ra, set()) | forbidden.pop(rb, set())
        if merged:
            forbidden[root] = merged

    def allowed(a: str, b: str) -> bool:
        ra, rb = uf.find(a), uf.find(b)
        return not any(uf.find(x) == rb for x in forbidden.get(ra, ())) and not any(
            uf.find(x) == ra for x in forbidden.get(rb, ())
        )

    decided = len(cannot_pairs)
    for a, b in strijdig:
        uf.add(a)
        uf.add(b)
        cannot_pairs.append((a, b))
    for a, b in zelfde:
        uf.add(a)
        uf.add(b)
        join(a, b)
    for a, b in cannot_pairs:
        forbidden.setdefault(uf.find(a), set()).add(b)
        forbidden.setdefault(uf.find(b), set()).add(a)

    strong = sorted(
        ((p, a, b) for a, b, p in edges if p >= threshold),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    for _, a, b in strong:
        uf.add(a)
        uf.add(b)
        if uf.find(a) == uf.find(b):
            continue
        if forbidden and not allowed(a, b):
            continue
        join(a, b)

    roots: dict[str, str] = {}
    for node in uf.parent:
        root = uf.find(node)
        if root not in roots or node < roots[root]:
            roots[root] = node
    labels = {node: roots[uf.find(node)] for node in uf.parent}
    conflicts = tuple((a, b) for a, b in cannot_pairs[:decided] if labels[a] == labels[b])
    return ClusterResult(labels=labels, conflicten=conflicts)


def conflicting_pairs(
    ids: Iterable[str],
    edges: Iterable[tuple[str, str, float]],
    threshold: float,
    conflict: Callable[[str, str], bool],
    *,
    dated: Callable[[str], bool] = lambda _m: True,
    max_component: int = 2000,
    min_component: int = 3,
) -> list[tuple[str, str]]:
    """Pairs of meldingen that the automatic links would chain into one person although they conflict.

    A chain of namesakes (A–B and B–C each above the threshold, B without a birth date, A and C born ten
    years apart) is not one person. Within every connected component at the threshold, each two members are
    checked with ``conflict``, unless a chain of direct links between meldingen that are ``dated`` joins them:
    then the model weighed their dates link by link (a register with noisy dates, FEBRL's duplicates, would
    otherwise lose true persons). The conflicting pairs become cannot-links for :func:`cluster`
    (``strijdig``), so the chain is cut at its weakest link instead of merging. Components larger than
    ``max_component`` are left to review; components smaller than ``min_component`` are not checked (a
    direct link between two meldingen was weighed by the model; pass 2 to check those too).
    """
    uf = _UnionFind()
    anchored = _UnionFind()
    for node in ids:
        uf.add(node)
        anchored.add(node)
    for a, b, p in edges:
        if p >= threshold:
            uf.add(a)
            uf.add(b)
            uf.union(a, b)
            anchored.add(a)
            anchored.add(b)
            if dated(a) and dated(b):
                anchored.union(a, b)
    members: dict[str, list[str]] = {}
    for node in uf.parent:
        members.setdefault(uf.find(node), []).append(node)
    out: list[tuple[str, str]] = []
    for group in members.values():
        if min_component <= len(group) <= max_component:
            group.sort()
            out.extend(
                (a, b) for a, b in combinations(group, 2) if anchored.find(a) != anchored.find(b) and conflict(a, b)
            )
    return sorted(out)


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The canonical (ordered) key of an unordered pair."""
    return (a, b) if a <= b else (b, a)


def cluster_sizes(labels: Sequence[str]) -> dict[str, int]:
    """Number of meldingen per label."""
    out: dict[str, int] = {}
    for label in labels:
        out[label] = out.get(label, 0) + 1
    return out
