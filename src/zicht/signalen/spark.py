# SPDX-License-Identifier: EUPL-1.2
"""``--engine spark``: the per-ad normalisation (the costly, embarrassingly parallel stage) on Spark.

Each partition builds one :class:`~zicht.signalen.verwerk.Normaliseerder` and normalises its ads; the driver
collects them in input order and clusters and ranks exactly as the local engine does, so both engines give
the same clusters on the same input (tested in local mode). The clustering itself (MinHash-LSH, contact
graph) still runs on the driver: at national scale that is ample (see benchmarks/bench_signalen.py); an
EU-wide crawl would need the LSH banding as a Spark group-by as well, which is not built.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from zicht.reference import Referentiedata
from zicht.signalen.verwerk import Advertentie, Normaliseerder, Pseudoniem


def local_spark(cores: int = 2) -> Any:
    """A local Spark session for ``--engine spark`` and the tests."""
    import os
    import sys

    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("zicht-signalen")
        .config("spark.pyspark.python", sys.executable)
        .config("spark.executorEnv.PYTHONPATH", os.pathsep.join(p for p in sys.path if p))
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def normaliseer_spark(
    rijen: Sequence[Mapping[str, object]],
    referentie: Referentiedata | None,
    pseudoniem: Pseudoniem,
    spark: Any = None,
    partities: int = 8,
) -> list[Advertentie]:
    """Normalised ads in input order, computed on Spark."""
    sessie = spark or local_spark()
    rijen_met_nr = [(i, dict(r)) for i, r in enumerate(rijen)]

    def partitie(deel: Iterator[tuple[int, dict[str, object]]]) -> Iterator[Advertentie]:
        normaliseerder = Normaliseerder(referentie, pseudoniem)
        for nr, rij in deel:
            yield normaliseerder.advertentie(nr, rij)

    rdd = sessie.sparkContext.parallelize(rijen_met_nr, max(1, min(partities, len(rijen_met_nr))))
    return sorted(rdd.mapPartitions(partitie).collect(), key=lambda a: a.nr)
