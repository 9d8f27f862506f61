# SPDX-License-Identifier: EUPL-1.2
"""The fast clustering and the incremental daily update give exactly what clustering everything at once
gives: the MinHash signatures of datasketch, the micro-clusters of a plain MinHash-LSH loop, and after
adding ads day by day the same micro- and meta-clusters, generic contacts, scores and reasons as
:func:`cluster_en_rangschik` over the whole window."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHash, MinHashLSH

from zicht.reference import Referentiedata, load_reference
from zicht.signalen import clusters as cl
from zicht.signalen.pijplijn import Instellingen, cluster_en_rangschik, normaliseer
from zicht.signalen.prijzen import markeer_lage_prijzen
from zicht.signalen.venster import Venster
from zicht.signalen.verwerk import Advertentie, sleutel_pseudoniem
from zicht.synth.advertenties import WereldConfig, genereer

REFERENCE_DIR = Path(__file__).resolve().parents[3] / "shared" / "data" / "nl"


@pytest.fixture(scope="module")
def referentie() -> Referentiedata:
    return load_reference(REFERENCE_DIR)


def _ads(referentie: Referentiedata, familie: str, n: int = 2500, seed: int = 4) -> list[Advertentie]:
    wereld = genereer(WereldConfig(advertenties=n, seed=seed, familie=familie))
    return normaliseer(wereld.advertenties, referentie, sleutel_pseudoniem(b"venster"))


def _lsh_lus(ads: Sequence[Advertentie], drempel: float = cl.DREMPEL, num_perm: int = cl.NUM_PERM) -> np.ndarray:
    """The plain algorithm: one datasketch MinHash per ad, each ad looked up before it is inserted."""
    hashes = MinHash.bulk([a.shingles for a in ads], num_perm=num_perm, seed=1)
    lsh = MinHashLSH(threshold=drempel, num_perm=num_perm)
    uf = cl.UnionFind(len(ads))
    for i, m in enumerate(hashes):
        for j in lsh.query(m):
            if uf.vind(i) != uf.vind(j) and m.jaccard(hashes[j]) >= drempel:
                uf.verenig(i, j)
        lsh.insert(i, m, check_duplication=False)
    return uf.labels()


@pytest.mark.parametrize("familie", ["a", "b", "arbeid"])
def test_tekstindex_is_de_lsh_lus(referentie: Referentiedata, familie: str) -> None:
    ads = _ads(referentie, familie)
    index = cl.Tekstindex()
    index.voeg_toe(ads)
    bulk = MinHash.bulk([a.shingles for a in ads], num_perm=cl.NUM_PERM, seed=1)
    for i in range(0, len(ads), 7):
        assert np.array_equal(index.handtekening(i), bulk[i].hashvalues)
    verwacht = _lsh_lus(ads)
    assert np.array_equal(index.labels(), verwacht)
    assert np.array_equal(cl.tekstclusters(ads), verwacht)
    assert len(set(verwacht.tolist())) < len(ads) / 2  # the data do form clusters


def _dagen(ads: Sequence[Advertentie]) -> list[tuple[int, int]]:
    grenzen = [0] + [i for i in range(1, len(ads)) if ads[i].geplaatst_op.date() != ads[i - 1].geplaatst_op.date()]
    return list(zip(grenzen, [*grenzen[1:], len(ads)], strict=True))


@pytest.mark.parametrize(("familie", "max_graad"), [("a", cl.MAX_GRAAD), ("b", cl.MAX_GRAAD), ("a", 2)])
def test_dag_voor_dag_is_alles_tegelijk(referentie: Referentiedata, familie: str, max_graad: int) -> None:
    """A window filled day by day (prices re-marked against the growing window each day, as a daily run
    does) ends where clustering and ranking the final window at once ends."""
    ads = _ads(referentie, familie)
    inst = Instellingen(max_graad=max_graad)
    venster = Venster(inst)
    dagen = _dagen(ads)
    assert len(dagen) >= 20
    # yesterday's window in one batch, then the last days one by one
    stappen = [(0, dagen[-6][0]), *dagen[-6:]]
    herscoord = 0
    for begin, eind in stappen:
        voor = [a.codes for a in ads[:begin]]
        markeer_lage_prijzen(ads[:eind])
        herscoord += sum(1 for a, c in zip(ads[:begin], voor, strict=True) if a.codes != c)
        res = venster.voeg_toe(ads[begin:eind])
    assert herscoord > 0  # some older ads got S4 from the moving medians and had to be scored again
    alles = cluster_en_rangschik(ads, inst)
    assert np.array_equal(res.micro, alles.micro)
    assert np.array_equal(res.meta, alles.meta)
    assert res.generiek == alles.generiek
    assert res.clusters == alles.clusters
    assert [c.sleutel for c in res.clusters[:50]] == [c.sleutel for c in alles.clusters[:50]]
    if max_graad == 2:
        assert res.generiek  # contacts became generic along the way


def test_partitie_hangt_niet_af_van_de_knip(referentie: Referentiedata) -> None:
    """Whatever the batches, the micro- and meta-cluster partition is the same."""
    ads = _ads(referentie, "b", n=1500, seed=9)
    markeer_lage_prijzen(ads)
    alles = cluster_en_rangschik(ads, Instellingen())
    for knip in ([1, 2, 3, 700], [1499], [400, 800, 1200]):
        venster = Venster()
        for begin, eind in zip([0, *knip], [*knip, len(ads)], strict=True):
            res = venster.voeg_toe(ads[begin:eind])
        assert np.array_equal(res.micro, alles.micro)
        assert np.array_equal(res.meta, alles.meta)
        assert res.clusters == alles.clusters


def test_parallel_normaliseren_is_hetzelfde(referentie: Referentiedata) -> None:
    wereld = genereer(WereldConfig(advertenties=4500, seed=2))
    pseudoniem = sleutel_pseudoniem(b"parallel")
    los = normaliseer(wereld.advertenties, referentie, pseudoniem)
    samen = normaliseer(wereld.advertenties, referentie, pseudoniem, arbeiders=2)
    assert samen == los
    assert [a.nr for a in samen] == list(range(len(los)))
