# SPDX-License-Identifier: EUPL-1.2
"""Clusters of ads: near-duplicate text (micro-clusters), the contact graph, and meta-clusters joining both.

* **Micro-clusters**: MinHash-LSH (``datasketch``) over the slot-masked shingles of each ad, candidates
  verified by their estimated Jaccard similarity, joined by union-find. Within a micro-cluster, the words
  most ads share are the *template*; the rest are *slots* (InfoShield's idea, without its MDL step).
* **Contact graph**: micro-clusters linked through shared contacts (hashed phones, e-mail addresses, handles,
  web addresses). A contact that links more than ``max_graad`` micro-clusters is *generic* (a booking line, a
  platform number, a misused number: Freeman et al.'s edge filtering) and links nothing; it is reported.
* **Meta-clusters**: connected components of micro-clusters and non-generic contacts (TrafficVis).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from zicht.signalen.verwerk import Advertentie

NUM_PERM = 64
DREMPEL = 0.6
MAX_GRAAD = 6


class UnionFind:
    """Disjoint sets over 0..n-1 with path halving."""

    def __init__(self, n: int) -> None:
        self.ouder = list(range(n))

    def vind(self, x: int) -> int:
        ouder = self.ouder
        while ouder[x] != x:
            ouder[x] = ouder[ouder[x]]
            x = ouder[x]
        return x

    def verenig(self, a: int, b: int) -> bool:
        ra, rb = self.vind(a), self.vind(b)
        if ra == rb:
            return False
        self.ouder[max(ra, rb)] = min(ra, rb)
        return True

    def labels(self) -> np.ndarray:
        return np.fromiter((self.vind(i) for i in range(len(self.ouder))), dtype=np.int64, count=len(self.ouder))


def minhashes(ads: Sequence[Advertentie], num_perm: int = NUM_PERM) -> list[MinHash]:
    """One MinHash per ad over its shingles (deterministic: SHA-1 based, fixed seed)."""
    return list(MinHash.bulk([a.shingles for a in ads], num_perm=num_perm, seed=1))


def tekstclusters(ads: Sequence[Advertentie], drempel: float = DREMPEL, num_perm: int = NUM_PERM) -> np.ndarray:
    """Micro-cluster label per ad (the smallest ad number of its cluster)."""
    hashes = minhashes(ads, num_perm)
    lsh = MinHashLSH(threshold=drempel, num_perm=num_perm)
    uf = UnionFind(len(ads))
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if uf.vind(i) != uf.vind(j) and m.jaccard(hashes[j]) >= drempel:
                uf.verenig(i, j)
        lsh.insert(i, m, check_duplication=False)
    return uf.labels()


@dataclass(frozen=True)
class Sjabloon:
    """The template of a micro-cluster: the words most of its ads share, and each ad's slot words."""

    woorden: frozenset[str]
    slots: dict[int, tuple[str, ...]]  # ad index -> capitalised slot words (names)


def sjablonen(ads: Sequence[Advertentie], micro: np.ndarray) -> dict[int, Sjabloon]:
    """Template and name slots per micro-cluster of two or more ads."""
    leden: dict[int, list[int]] = defaultdict(list)
    for i, m in enumerate(micro):
        leden[int(m)].append(i)
    uit: dict[int, Sjabloon] = {}
    for m, idx in leden.items():
        if len(idx) < 2:
            continue
        telling: Counter[str] = Counter()
        for i in idx:
            telling.update(set(ads[i].namen))
        grens = max(2, len(idx) / 2)
        vast = frozenset(w for w, n in telling.items() if n >= grens)
        uit[m] = Sjabloon(vast, {i: tuple(sorted({w for w in ads[i].namen if w not in vast})) for i in idx})
    return uit


@dataclass(frozen=True)
class Contactgraaf:
    """Meta-cluster label per ad, and the contacts filtered out as generic (with their degree)."""

    meta: np.ndarray
    generiek: dict[str, int]


def contactgraaf(ads: Sequence[Advertentie], micro: np.ndarray, max_graad: int = MAX_GRAAD) -> Contactgraaf:
    """Join micro-clusters through shared contacts, leaving out generic contacts."""
    per_contact: dict[str, set[int]] = defaultdict(set)
    for a, m in zip(ads, micro, strict=True):
        for c in a.contacten:
            per_contact[c].add(int(m))
    generiek = {c: len(ms) for c, ms in per_contact.items() if len(ms) > max_graad}
    n = len(ads)
    rijen: list[int] = []
    kolommen: list[int] = []
    for i, m in enumerate(micro):  # every ad to its micro-cluster's first ad
        rijen.append(i)
        kolommen.append(int(m))
    knopen = {c: n + k for k, c in enumerate(c for c in per_contact if c not in generiek)}
    for c, ms in per_contact.items():
        if c in generiek:
            continue
        for m in ms:
            rijen.append(m)
            kolommen.append(knopen[c])
    totaal = n + len(knopen)
    graaf = coo_matrix((np.ones(len(rijen), dtype=np.int8), (rijen, kolommen)), shape=(totaal, totaal))
    _, labels = connected_components(graaf, directed=False)
    eerste: dict[int, int] = {}
    meta = np.empty(n, dtype=np.int64)
    for i in range(n):
        meta[i] = eerste.setdefault(int(labels[i]), i)
    return Contactgraaf(meta, generiek)


def telefoon_clusters(ads: Sequence[Advertentie], max_advertenties: int | None = None) -> np.ndarray:
    """Baseline: union-find over shared phone numbers only; with ``max_advertenties``, phones in more ads
    than that are left out as generic (the filtered variant)."""
    uf = UnionFind(len(ads))
    per_tel: dict[str, list[int]] = defaultdict(list)
    for i, a in enumerate(ads):
        for t in a.telefoons:
            per_tel[t].append(i)
    for idx in per_tel.values():
        if max_advertenties is not None and len(idx) > max_advertenties:
            continue
        for j in idx[1:]:
            uf.verenig(idx[0], j)
    return uf.labels()


def exacte_clusters(ads: Sequence[Advertentie]) -> np.ndarray:
    """Baseline: ads with the same normalised text hash."""
    eerste: dict[str, int] = {}
    return np.array([eerste.setdefault(a.tekst_hash, i) for i, a in enumerate(ads)], dtype=np.int64)
