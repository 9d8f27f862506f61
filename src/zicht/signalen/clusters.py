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
    """Disjoint sets over 0..n-1 with path halving; the root of a set is its smallest member."""

    def __init__(self, n: int) -> None:
        self.ouder = list(range(n))

    def __len__(self) -> int:
        return len(self.ouder)

    def uitbreiden(self, n: int) -> None:
        """Add singletons until there are ``n`` elements."""
        self.ouder.extend(range(len(self.ouder), n))

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


class Tekstindex:
    """MinHash-LSH micro-clusters that grow batch by batch (the same partition as clustering all ads at once).

    Two ads are joined when the LSH index (``datasketch``) proposes them as candidates (one of its bands of
    the MinHash signature is equal) and their estimated Jaccard similarity is at least ``drempel``; the
    micro-clusters are the connected components of those links. Both tests depend on the pair alone, so the
    components do not depend on the order in which ads arrive, and a new batch only adds links from its own
    ads: clustering yesterday's window and adding today's ads gives the partition of clustering everything.

    Ads of one template with their slots masked mostly have the *same* shingle set, so the index holds one
    entry per distinct shingle set (at 300,000 synthetic ads: 57,000 sets over 20,000 distinct shingles),
    and a signature is the element-wise minimum of its shingles' MinHash values, each shingle hashed once.
    That equals ``MinHash.update_batch`` over the set (a MinHash is the minimum over its elements).
    """

    def __init__(self, drempel: float = DREMPEL, num_perm: int = NUM_PERM) -> None:
        self.drempel = drempel
        self.num_perm = num_perm
        self.lsh = MinHashLSH(threshold=drempel, num_perm=num_perm)
        self._leeg = MinHash(num_perm=num_perm, seed=1)
        self._per_shingle: dict[bytes, int] = {}
        self._shingle_waarden = np.empty((0, num_perm), dtype=self._leeg.hashvalues.dtype)
        self._per_set: dict[frozenset[bytes], int] = {}
        self._handtekeningen = np.empty((0, num_perm), dtype=self._leeg.hashvalues.dtype)
        self.sets = UnionFind(0)  # over distinct shingle sets
        self.set_van: list[int] = []  # ad -> distinct shingle set
        self._eerste_ad: list[int] = []  # distinct shingle set -> first ad that has it

    def __len__(self) -> int:
        return len(self.set_van)

    def _nieuwe_shingles(self, sets: Sequence[frozenset[bytes]]) -> None:
        nieuw = list(dict.fromkeys(s for sleutel in sets for s in sleutel if s not in self._per_shingle))
        if not nieuw:
            return
        begin = len(self._per_shingle)
        for k, s in enumerate(nieuw):
            self._per_shingle[s] = begin + k
        enkel = MinHash.bulk([[s] for s in nieuw], num_perm=self.num_perm, seed=1)
        self._shingle_waarden = np.vstack([self._shingle_waarden, np.stack([m.hashvalues for m in enkel])])

    def voeg_toe(self, ads: Sequence[Advertentie]) -> list[int]:
        """Add ads (numbered on from the ads already added); returns the new distinct shingle sets."""
        nieuwe_sets: list[frozenset[bytes]] = []
        begin_set = len(self._per_set)
        for a in ads:
            sleutel = frozenset(a.shingles)
            k = self._per_set.get(sleutel)
            if k is None:
                k = self._per_set[sleutel] = begin_set + len(nieuwe_sets)
                nieuwe_sets.append(sleutel)
                self._eerste_ad.append(len(self.set_van))
            self.set_van.append(k)
        if not nieuwe_sets:
            return []
        # signatures of the new sets: minimum over their shingles' values (and the empty MinHash's maximum)
        self._nieuwe_shingles(nieuwe_sets)
        blokken = [self._handtekeningen]
        for b in range(0, len(nieuwe_sets), 4096):
            ids: list[int] = []
            grenzen: list[int] = []
            for sleutel in nieuwe_sets[b : b + 4096]:
                grenzen.append(len(ids))
                ids.extend(self._per_shingle[s] for s in sleutel)
            waarden = self._shingle_waarden[np.asarray(ids, dtype=np.int64)]
            minima = np.minimum.reduceat(waarden, np.asarray(grenzen, dtype=np.int64), axis=0)
            blokken.append(np.minimum(minima, self._leeg.hashvalues))
        self._handtekeningen = handtekeningen = np.vstack(blokken)
        self.sets.uitbreiden(len(self._per_set))
        uf, drempel, num_perm = self.sets, self.drempel, float(self.num_perm)
        m = self._leeg.copy()  # carries each signature into the index (which keeps only its band keys)
        nieuwe = list(range(begin_set, len(self._per_set)))
        for k in nieuwe:
            m.hashvalues = handtekeningen[k]
            kandidaten = [j for j in self.lsh.query(m) if uf.vind(j) != uf.vind(k)]
            if kandidaten:
                gelijk = np.count_nonzero(handtekeningen[kandidaten] == handtekeningen[k], axis=1)
                for j, n in zip(kandidaten, gelijk.tolist(), strict=True):
                    if n / num_perm >= drempel:  # as MinHash.jaccard: the share of equal values
                        uf.verenig(k, j)
            self.lsh.insert(k, m, check_duplication=False)
        return nieuwe

    def handtekening(self, ad: int) -> np.ndarray:
        """The MinHash values of ad number ``ad``."""
        return self._handtekeningen[self.set_van[ad]]

    def labels(self) -> np.ndarray:
        """Micro-cluster label per ad: the smallest ad number of its cluster."""
        wortel = self.sets.labels()  # root set of each distinct set: the set that came first
        eerste = np.asarray(self._eerste_ad, dtype=np.int64)
        return eerste[wortel][np.asarray(self.set_van, dtype=np.int64)]


def tekstclusters(ads: Sequence[Advertentie], drempel: float = DREMPEL, num_perm: int = NUM_PERM) -> np.ndarray:
    """Micro-cluster label per ad (the smallest ad number of its cluster)."""
    index = Tekstindex(drempel, num_perm)
    index.voeg_toe(ads)
    return index.labels()


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
        sj = sjabloon(ads, idx)
        if sj is not None:
            uit[m] = sj
    return uit


def sjabloon(ads: Sequence[Advertentie], idx: Sequence[int]) -> Sjabloon | None:
    """The template of the micro-cluster of ads ``idx``; None for a single ad."""
    if len(idx) < 2:
        return None
    telling: Counter[str] = Counter()
    for i in idx:
        telling.update(set(ads[i].namen))
    grens = max(2, len(idx) / 2)
    vast = frozenset(w for w, n in telling.items() if n >= grens)
    return Sjabloon(vast, {i: tuple(sorted({w for w in ads[i].namen if w not in vast})) for i in idx})


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
