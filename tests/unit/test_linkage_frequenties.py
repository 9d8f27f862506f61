# SPDX-License-Identifier: EUPL-1.2
"""The evidence of names and the prior (issue 10): people per name, Good–Turing counts, initials, namesakes with
other birth dates, and the prior estimated from the trained model."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from tests.stress_linkage.generator import generate
from tests.unit.test_linkage_stress import stress_records
from zicht.linkage import evaluate
from zicht.linkage import model as model_mod
from zicht.linkage.engine import NAAMGENOOT_GRENS, TrainingConfig, person_conflicts, train
from zicht.linkage.frequenties import _date_groups, _good_turing, initial_frequencies, people_per_name
from zicht.linkage.model import REGISTER_CONTEXT
from zicht.linkage.normalise import prepare


def _features(rows: list[dict[str, object]]) -> pd.DataFrame:
    return prepare(pd.DataFrame([{"melding_id": str(i), **r} for i, r in enumerate(rows)]))


def test_een_getypte_datum_is_geen_tweede_persoon_maar_een_reeks_wel() -> None:
    # One person whose date was mistyped once: one person.
    assert _date_groups(["1990-05-03", "1990-05-13"]) == 1
    assert _date_groups(["1990-03-05", "1990-05-03"]) == 1  # day and month swapped
    assert _date_groups(["1990-05-03", "1991-05-03"]) == 1  # the year one off
    # Each one error from the next, but the last two errors from the first: not chained into one person.
    assert _date_groups(["1990-05-03", "1990-05-13", "1990-05-19"]) == 2
    # A name carried by many people: every date counts.
    many = [f"19{70 + i // 12:02d}-{i % 12 + 1:02d}-01" for i in range(60)]
    assert _date_groups(many) == 60


def test_mensen_per_naam_telt_getypte_datums_een_keer() -> None:
    rows = [{"voornamen": "Marta", "achternaam": "Wiśniak", "geboortedatum": d} for d in ("1990-05-03", "1990-05-13")]
    rows += [{"voornamen": "Olena", "achternaam": "Bondar", "geboortedatum": d} for d in ("1970-01-02", "1991-08-09")]
    people = people_per_name(_features(rows))
    assert people["marta wisniak"] == 1
    assert people["bondar olena"] == 2


def test_good_turing_maakt_een_gedeelde_naam_nooit_zeldzamer() -> None:
    # Ten names held by one person, ten by two, one by three: unsmoothed, two would come out below one.
    counts = pd.Series([1] * 10 + [2] * 10 + [3])
    adjusted = _good_turing(counts)
    assert adjusted[1] == 1.0  # 2 * N2 / N1 = 2, never above r
    assert adjusted[1] <= adjusted[2] <= 2
    # Most names seen once: a name seen once is far rarer than once.
    assert _good_turing(pd.Series([1] * 40 + [2] * 2 + [3]))[1] == pytest.approx(0.1)


def test_voorletters_zijn_geen_tussenvoegsels() -> None:
    features = _features(
        [
            {"voornamen": "E.M.", "achternaam": "Kampwies"},
            {"voornamen": "Ewa Magdalena", "achternaam": "Kampwies"},
            {"voornamen": "Y.", "achternaam": "Kampwies"},
        ]
    )
    assert list(features["vn"]) == ["e", "ewa", "y"]
    assert features["voorletter_sleutel"][0] == features["voorletter_sleutel"][1] == "e kampwies"
    # The blocking key that exists only for a bare initial meets the written-out name's key.
    assert features["vl_anfon_kaal"][0] == features["vl_anfon"][1]
    assert pd.isna(features["vl_anfon_kaal"][1])


def test_voorletter_en_achternaam_zo_zeldzaam_als_de_mensen_die_ze_dragen() -> None:
    rows = [{"voornamen": "B.", "achternaam": "Kampwies"}, {"voornamen": "Bas", "achternaam": "Kampwies"}]
    rows += [{"voornamen": v, "achternaam": "de Vries", "geboortedatum": d} for v, d in
             [("Bart", "1990-01-02"), ("Bram", "1985-03-04"), ("Bas", "1970-05-06")]]  # fmt: skip
    letters = ["".join(chr(ord("a") + (i // 26**k) % 26) for k in range(2)) for i in range(60)]
    rows += [{"voornamen": f"Ni{x}", "achternaam": f"Achter{x}"} for x in letters]
    tf = initial_frequencies(_features(rows)).set_index("voorletter_sleutel")["tf_voorletter_sleutel"]
    # Three people are a B. de Vries, one a B. Kampwies.
    assert tf["b vries"] > tf["b kampwies"]
    assert tf["b vries"] >= 2 / (len(rows) - 2)


def _pairs(weights: dict[str, float]) -> pd.DataFrame:
    total = -10.0 + sum(weights.values())
    return pd.DataFrame(
        [
            {
                "melding_a": "0",
                "melding_b": "1",
                "match_weight": total,
                "match_probability": 2**total / (1 + 2**total),
                **{f"mw_{k}": v for k, v in weights.items()},
            }
        ]
    )


def test_naamgenoot_met_andere_geboortedatum_alleen_samen_als_de_rest_het_zegt() -> None:
    features = _features(
        [
            {"voornamen": "Ewa", "achternaam": "Kampwies", "geboortedatum": "1990-05-03"},
            {"voornamen": "Ewa", "achternaam": "Kampwies", "geboortedatum": "2001-11-19"},
        ]
    )
    edges = [("0", "1", 0.999)]
    # The name alone outweighs the dates: kept apart.
    name_only = _pairs({"naam": 24.0, "geboortedatum": -7.5, "nationaliteit": 3.0})
    assert person_conflicts(features, edges, 0.99, name_only) == [("0", "1")]
    # Without the name, nationality and sex the rest still says one person (the same address): linked.
    context = _pairs({"naam": 11.0, "geboortedatum": -7.5, "adres": 9.0, "postcode": 9.0})
    assert NAAMGENOOT_GRENS < -10.0 + 9.0 + 9.0 - 7.5
    assert person_conflicts(features, edges, 0.99, context) == []


@pytest.mark.slow
def test_prior_uit_het_model_dichter_bij_de_waarheid(tmp_path: Path) -> None:
    """Reporters without birth dates: the deterministic rules find few of the pairs, and the assumed recall
    gave a prior 20–30 % too low; the estimate from the trained model is within 10 % (measured at 600 persons,
    seeds 1–3)."""
    generate(tmp_path, persons=600, seed=1)
    records, truth = stress_records(tmp_path)
    features = prepare(records, model_mod.context_columns(REGISTER_CONTEXT), model_mod.list_columns(REGISTER_CONTEXT))
    spec = model_mod.spec_for(features, REGISTER_CONTEXT)
    start = train(features, spec, TrainingConfig(seed=42, prior_em=False)).splink_model[
        "probability_two_random_records_match"
    ]
    estimated = train(features, spec, TrainingConfig(seed=42)).splink_model["probability_two_random_records_match"]
    n = len(records)
    true = len(evaluate.true_pairs(truth)) / (n * (n - 1) / 2)
    assert abs(math.log(estimated / true)) < abs(math.log(start / true))
    assert abs(math.log(estimated / true)) < math.log(1.15)
