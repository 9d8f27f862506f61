# SPDX-License-Identifier: EUPL-1.2
"""The batch pipeline: normalise, cluster, join, rank; timed per stage.

``engine="lokaal"`` runs in this process (city and price medians in DuckDB); ``engine="spark"`` runs the
normalisation on Spark (:mod:`zicht.signalen.spark`) and must give the same clusters on the same input.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from zicht.reference import Referentiedata
from zicht.signalen import clusters as cl
from zicht.signalen import rangschikking
from zicht.signalen.prijzen import markeer_lage_prijzen
from zicht.signalen.verwerk import Advertentie, Normaliseerder, Pseudoniem


@dataclass(frozen=True)
class Instellingen:
    """Tunable parameters (defaults as documented in docs/signalen.md)."""

    drempel: float = cl.DREMPEL
    num_perm: int = cl.NUM_PERM
    max_graad: int = cl.MAX_GRAAD


@dataclass
class Resultaat:
    """The output of one batch: normalised ads, labels, ranked clusters, and seconds per stage."""

    ads: list[Advertentie]
    micro: np.ndarray
    meta: np.ndarray
    clusters: list[rangschikking.Cluster]
    generiek: dict[str, int]
    tijden: dict[str, float] = field(default_factory=dict)


#: Ads per block handed to a worker process by :func:`normaliseer` with ``arbeiders`` > 1.
BLOK = 2000
_TAAK: tuple[Normaliseerder, Sequence[Mapping[str, object]]] | None = None  # inherited by forked workers


def _normaliseer_blok(grenzen: tuple[int, int]) -> list[Advertentie]:
    if _TAAK is None:  # pragma: no cover - only reached in a worker forked by normaliseer
        raise RuntimeError("no normalisation task")
    normaliseerder, rijen = _TAAK
    return [normaliseerder.advertentie(i, rijen[i]) for i in range(*grenzen)]


def normaliseer(
    rijen: Iterable[Mapping[str, object]],
    referentie: Referentiedata | None,
    pseudoniem: Pseudoniem,
    engine: str = "lokaal",
    arbeiders: int = 1,
) -> list[Advertentie]:
    """Normalised ads, in input order.

    With ``arbeiders`` > 1 the local engine normalises blocks of :data:`BLOK` ads in that many forked worker
    processes (each ad is normalised on its own, so the result is the same; where the platform cannot fork,
    it runs in this process)."""
    global _TAAK
    if engine == "spark":
        from zicht.signalen.spark import normaliseer_spark

        return normaliseer_spark(list(rijen), referentie, pseudoniem)
    lijst = rijen if isinstance(rijen, Sequence) else list(rijen)
    if arbeiders <= 1 or len(lijst) < 2 * BLOK or "fork" not in multiprocessing.get_all_start_methods():
        return Normaliseerder(referentie, pseudoniem).alle(lijst)
    _TAAK = (Normaliseerder(referentie, pseudoniem), lijst)
    uit: list[Advertentie] = []
    try:
        pool = multiprocessing.get_context("fork").Pool(arbeiders)
        try:
            for deel in pool.imap(
                _normaliseer_blok, [(b, min(b + BLOK, len(lijst))) for b in range(0, len(lijst), BLOK)]
            ):
                uit.extend(deel)
            pool.close()
        except BaseException:
            pool.terminate()
            raise
        finally:
            pool.join()
    finally:
        _TAAK = None
    return uit


def verwerk(
    rijen: Iterable[Mapping[str, object]],
    referentie: Referentiedata | None,
    pseudoniem: Pseudoniem,
    *,
    engine: str = "lokaal",
    instellingen: Instellingen | None = None,
    arbeiders: int = 1,
) -> Resultaat:
    """Run the whole batch pipeline over raw ads (``arbeiders``: worker processes for the normalisation)."""
    inst = instellingen or Instellingen()
    tijden: dict[str, float] = {}
    t = time.perf_counter()
    ads = normaliseer(rijen, referentie, pseudoniem, engine, arbeiders)
    markeer_lage_prijzen(ads)
    tijden["normaliseren"] = time.perf_counter() - t
    return cluster_en_rangschik(ads, inst, tijden)


def cluster_en_rangschik(
    ads: Sequence[Advertentie], inst: Instellingen, tijden: dict[str, float] | None = None
) -> Resultaat:
    """Clustering and ranking of already normalised ads."""
    tijden = {} if tijden is None else tijden
    t = time.perf_counter()
    micro = cl.tekstclusters(ads, inst.drempel, inst.num_perm)
    tijden["tekstclusters"] = time.perf_counter() - t
    t = time.perf_counter()
    sjablonen = cl.sjablonen(ads, micro)
    graaf = cl.contactgraaf(ads, micro, inst.max_graad)
    tijden["contactgraaf"] = time.perf_counter() - t
    t = time.perf_counter()
    ranglijst = rangschikking.clusters(ads, micro, graaf.meta, sjablonen, graaf.generiek)
    tijden["rangschikken"] = time.perf_counter() - t
    return Resultaat(list(ads), micro, graaf.meta, ranglijst, graaf.generiek, tijden)
