# SPDX-License-Identifier: EUPL-1.2
"""``--engine spark`` (local mode) gives the same clusters and ranking as the local engine on the same input.

Skipped cleanly when pyspark or Java is missing (``pip install zicht[spark]``)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from zicht.signalen.pijplijn import verwerk
from zicht.signalen.verwerk import sleutel_pseudoniem
from zicht.synth.advertenties import WereldConfig, genereer

pytestmark = [pytest.mark.spark, pytest.mark.slow]
pytest.importorskip("pyspark")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("Java is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from zicht.signalen.spark import local_spark

    sessie = local_spark()
    sessie.sparkContext.setLogLevel("ERROR")
    yield sessie
    sessie.stop()


def test_spark_geeft_dezelfde_clusters_als_lokaal(spark: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import zicht.signalen.spark as spark_module

    monkeypatch.setattr(spark_module, "local_spark", lambda cores=2: spark)
    wereld = genereer(WereldConfig(advertenties=800, seed=4, familie="b"))
    sleutel = sleutel_pseudoniem(b"spark")
    lokaal = verwerk(wereld.advertenties, None, sleutel)
    verdeeld = verwerk(wereld.advertenties, None, sleutel, engine="spark")
    assert np.array_equal(lokaal.micro, verdeeld.micro)
    assert np.array_equal(lokaal.meta, verdeeld.meta)
    assert [(c.leden, c.score) for c in lokaal.clusters] == [(c.leden, c.score) for c in verdeeld.clusters]
