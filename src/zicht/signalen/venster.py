# SPDX-License-Identifier: EUPL-1.2
"""The daily update: a window of normalised ads that is clustered and ranked batch by batch.

A daily crawl adds a day's ads to the window. Re-clustering and re-ranking the whole window costs as much as
the first run; :class:`Venster` instead redoes only what the new ads touch, and gives the same result as
:func:`zicht.signalen.pijplijn.cluster_en_rangschik` over all ads (same micro- and meta-cluster labels,
same clusters, scores and reasons; ``tests/unit/test_signalen_venster.py``):

1. **micro-clusters** grow in the :class:`~zicht.signalen.clusters.Tekstindex`: only the new ads are hashed
   and looked up in the LSH index, and a link only ever joins clusters;
2. **templates** are recomputed for the micro-clusters that gained ads;
3. **contacts** held by a new ad or by an ad whose micro-cluster changed get their degree recounted, so a
   contact can become generic (or stop being so);
4. the **meta-clusters** that contain such an ad or such a contact (where it links anything before or after)
   are rebuilt from their own ads; no other meta-cluster can gain or lose an ad, since every link that
   changed lies inside them;
5. **ranking**: those meta-clusters, and the ones holding an ad whose indicator hits changed (the price
   medians move with the window, so S4 can be added to an older ad), are scored again; all others keep their
   scores, which depend on nothing that changed.

Ads only join the window here. Expiry (a run older than the retention period) removes whole runs from
storage (:mod:`zicht.signalen.opslag`); removing single ads from a window would split clusters and is not
done incrementally.
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from zicht.signalen import clusters as cl
from zicht.signalen import rangschikking
from zicht.signalen.pijplijn import Instellingen, Resultaat
from zicht.signalen.verwerk import Advertentie


class Venster:
    """A window of ads with its clusters and ranking, updated batch by batch (see the module docstring)."""

    def __init__(self, instellingen: Instellingen | None = None) -> None:
        self.inst = instellingen or Instellingen()
        self.ads: list[Advertentie] = []
        self.tekst = cl.Tekstindex(self.inst.drempel, self.inst.num_perm)
        self.micro = np.empty(0, dtype=np.int64)
        self.meta = np.empty(0, dtype=np.int64)
        self.sjablonen: dict[int, cl.Sjabloon] = {}
        self.per_contact: dict[str, list[int]] = defaultdict(list)  # contact -> ad numbers
        self.generiek: dict[str, int] = {}
        self.tel_gebruik: Counter[str] = Counter()
        self.clusters: dict[int, rangschikking.Cluster] = {}
        self._codes: list[frozenset[str]] = []

    def voeg_toe(self, nieuwe: Sequence[Advertentie], tijden: dict[str, float] | None = None) -> Resultaat:
        """Add a batch of normalised ads (after :func:`~zicht.signalen.prijzen.markeer_lage_prijzen` over the
        whole window) and return the window's result."""
        tijden = {} if tijden is None else tijden
        n0 = len(self.ads)
        self.ads.extend(nieuwe)
        n = len(self.ads)
        ads = self.ads

        t = time.perf_counter()
        self.tekst.voeg_toe(nieuwe)
        micro = self.tekst.labels()
        oud_micro = self.micro
        veranderd = np.flatnonzero(micro[:n0] != oud_micro).tolist()
        nieuw = list(range(n0, n))
        geraakt_micro = set(micro[veranderd].tolist()) | set(micro[n0:].tolist())
        for m in set(oud_micro[veranderd].tolist()) - geraakt_micro:
            self.sjablonen.pop(m, None)  # absorbed into another micro-cluster
        leden_micro: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(np.isin(micro, np.fromiter(geraakt_micro, dtype=np.int64))).tolist():
            leden_micro[int(micro[i])].append(i)
        for m, idx in leden_micro.items():
            sj = cl.sjabloon(ads, idx)
            if sj is None:
                self.sjablonen.pop(m, None)
            else:
                self.sjablonen[m] = sj
        self.micro = micro
        tijden["tekstclusters"] = time.perf_counter() - t

        t = time.perf_counter()
        # contacts whose set of micro-clusters may have changed: those of new ads and of ads that changed cluster
        for i in nieuw:
            for c in ads[i].contacten:
                self.per_contact[c].append(i)
            self.tel_gebruik.update(ads[i].telefoons)
        geraakt_contact = {c for i in (*veranderd, *nieuw) for c in ads[i].contacten}
        zaad: set[int] = set(nieuw)
        for idx in leden_micro.values():
            zaad.update(idx)
        max_graad = self.inst.max_graad
        for c in geraakt_contact:
            houders = self.per_contact[c]
            graad = len({int(micro[i]) for i in houders})
            was_generiek = c in self.generiek
            if graad > max_graad:
                self.generiek[c] = graad
            else:
                self.generiek.pop(c, None)
            if not was_generiek or graad <= max_graad:  # it links (or linked) micro-clusters
                zaad.update(houders)
        # ads whose indicator hits changed since the last batch (S4 against the window's price medians)
        codes = [a.codes for a in ads[:n0]]
        herscoren = [i for i, (oud, nu) in enumerate(zip(self._codes, codes, strict=True)) if oud != nu]
        self._codes = codes + [a.codes for a in nieuwe]

        oud_meta = np.concatenate([self.meta, np.arange(n0, n, dtype=np.int64)])
        zaad_oud = np.fromiter((i for i in zaad if i < n0), dtype=np.int64)
        getroffen = np.flatnonzero(np.isin(oud_meta, np.unique(oud_meta[zaad_oud])))
        getroffen = np.union1d(getroffen, np.arange(n0, n, dtype=np.int64))
        meta = oud_meta.copy()
        meta[getroffen] = self._componenten(getroffen, micro)
        tijden["contactgraaf"] = time.perf_counter() - t

        t = time.perf_counter()
        herscoor_meta = set(oud_meta[getroffen].tolist()) | set(self.meta[herscoren].tolist())
        for k in herscoor_meta:
            self.clusters.pop(k, None)
        opnieuw = np.union1d(getroffen, np.flatnonzero(np.isin(meta, np.unique(meta[herscoren]))))
        per_meta: dict[int, list[int]] = defaultdict(list)
        for i in opnieuw.tolist():
            per_meta[int(meta[i])].append(i)
        for k, leden in per_meta.items():
            self.clusters[k] = rangschikking.cluster(
                ads, micro, self.sjablonen, self.generiek, self.tel_gebruik, k, leden
            )
        self.meta = meta
        ranglijst = sorted(self.clusters.values(), key=rangschikking.volgorde)
        tijden["rangschikken"] = time.perf_counter() - t
        return Resultaat(list(ads), micro, meta, ranglijst, dict(self.generiek), tijden)

    def _componenten(self, leden: np.ndarray, micro: np.ndarray) -> np.ndarray:
        """Meta-cluster label (smallest ad number) of each ad in ``leden``, a union of whole meta-clusters: its
        ads joined through their micro-clusters and non-generic contacts."""
        m = len(leden)
        plaats = {int(i): k for k, i in enumerate(leden.tolist())}
        rijen: list[int] = list(range(m))
        kolommen: list[int] = [plaats[int(x)] for x in micro[leden].tolist()]  # to the micro-cluster's first ad
        knopen: dict[str, int] = {}
        for k, i in enumerate(leden.tolist()):
            for c in self.ads[i].contacten:
                if c in self.generiek:
                    continue
                rijen.append(k)
                kolommen.append(knopen.setdefault(c, m + len(knopen)))
        totaal = m + len(knopen)
        graaf = coo_matrix((np.ones(len(rijen), dtype=np.int8), (rijen, kolommen)), shape=(totaal, totaal))
        _, labels = connected_components(graaf, directed=False)
        eerste: dict[int, int] = {}
        return np.fromiter(
            (eerste.setdefault(int(labels[k]), int(i)) for k, i in enumerate(leden.tolist())), np.int64, m
        )


def venster(batches: Iterable[Sequence[Advertentie]], instellingen: Instellingen | None = None) -> Resultaat:
    """The result after adding ``batches`` one by one (for tests and the benchmark)."""
    v = Venster(instellingen)
    res: Resultaat | None = None
    for batch in batches:
        res = v.voeg_toe(batch)
    if res is None:
        raise ValueError("no batches")
    return res
