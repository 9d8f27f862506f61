# SPDX-License-Identifier: EUPL-1.2
"""Unit tests of the pure linkage parts: normalisation, phonetic key, clustering, stable ids, metrics."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zicht.linkage import evaluate
from zicht.linkage.clusters import cluster
from zicht.linkage.normalise import fold, phonetic_key, prepare, surname_core
from zicht.linkage.persons import assign


@pytest.mark.parametrize(
    "variants",
    [
        ["Mohammed", "Muhammad", "Mohamed", "Mouhamed", "Mohammad"],
        ["Oleksandr", "Aleksandr", "Olexandr", "Alexander", "Олександр"],
        ["Shevchenko", "Ševčenko", "Schewtschenko", "Chevtchenko", "Shevtchenko"],
        ["Ahmed", "Achmed", "Akhmed", "Ahmad"],
        ["Youssef", "Yusuf", "Jusuf", "Yousef", "Youssouf", "Joesoef"],
        ["Yelena", "Jelena", "Elena"],
        ["Tetiana", "Tetyana", "Tatiana", "Tatyana"],
        ["Volodymyr", "Wolodymyr", "Vladimir"],
        ["Kovalchuk", "Kowaltschuk", "Kovaltchuk"],
        ["Hristov", "Christov", "Khristov"],
        ["Stoyanov", "Stojanov"],
        ["Ivanov", "Ivanoff"],
        ["Fatima", "Fatimah", "Fatma"],
    ],
)
def test_fonetische_sleutel_vangt_transliteratievarianten(variants: list[str]) -> None:
    keys = {phonetic_key((fold(v) or "").replace(" ", "")) for v in variants}
    assert len(keys) == 1


def test_fonetische_sleutel_houdt_verschillende_namen_uit_elkaar() -> None:
    assert phonetic_key("mohammed") != phonetic_key("mahmoud")
    assert phonetic_key("petrov") != phonetic_key("popov")
    assert phonetic_key(None) is None


def test_fold_en_tussenvoegsels() -> None:
    assert fold("Łukasz-Wójcik") == "lukasz wojcik"
    assert fold("O'Neill") == "oneill"
    assert fold("  ") is None
    assert surname_core("van der Berg") == ["berg"]
    assert surname_core("El Amrani") == ["amrani"]
    assert surname_core("De") == ["de"]


def test_prepare_leidt_kenmerken_af() -> None:
    records = pd.DataFrame(
        {
            "melding_id": ["a", "b", "c", "d"],
            "voornamen": ["Maria José", None, "Ama", "Thị Lan"],
            "achternaam": ["de Vries", "Vries, de", "Devries", None],
            "geboortedatum": [date(1990, 5, 12), "12-05-1990", "1990", "2001-01-01"],
            "leeftijd": [None, None, None, None],
            "telefoonnummer": ["06-12345678", "+31 6 12345678;0048 512345678", None, ""],
            "documentnummer": ["nx-12 34 56", None, "ab", None],
            "nationaliteit": ["nl", ["NL", "MA"], "onbekend", None],
        }
    )
    f = prepare(records)
    assert [None if pd.isna(v) else v for v in f["vn"]] == ["maria", None, "ama", "thi"]
    assert list(f["an_vol"])[:3] == ["devries", "devries", "devries"]
    assert [None if pd.isna(v) else v for v in f["gd"]] == ["1990-05-12", "1990-05-12", None, "2001-01-01"]
    assert [None if pd.isna(v) else v for v in f["gd_blok"]] == ["1990-05-12", "1990-05-12", None, None]
    assert list(f["gj"]) == [1990, 1990, 1990, 2001]
    assert f["tels"][0] == ["+31612345678"]
    assert "+31612345678" in f["tels"][1] and "+48512345678" in f["tels"][1]
    assert f["docs"][0] == ["NX123456"] and f["docs"][2] is None
    assert f["nat"][1] == ["MA", "NL"] and f["nat"][2] is None


def test_prepare_schat_geboortejaar_uit_leeftijd() -> None:
    f = prepare(pd.DataFrame({"melding_id": ["x"], "leeftijd": ["24"], "melddatum": ["2021-09-01"]}))
    assert f["gj"][0] == 1996 and bool(f["gj_geschat"][0])


def test_cluster_is_samenhangende_componenten_boven_drempel() -> None:
    edges = [("a", "b", 0.999), ("b", "c", 0.995), ("d", "e", 0.7)]
    result = cluster(["a", "b", "c", "d", "e", "f"], edges, 0.99)
    assert result.labels["a"] == result.labels["b"] == result.labels["c"] == "a"
    assert len({result.labels[x] for x in "def"}) == 3


def test_besluit_verschillend_wint_van_model_en_zelfde_van_drempel() -> None:
    edges = [("a", "b", 0.999), ("b", "c", 0.998), ("c", "d", 0.2)]
    result = cluster("abcd", edges, 0.99, verschillend=[("a", "c")], zelfde=[("c", "d")])
    assert result.labels["a"] == result.labels["b"]
    assert result.labels["c"] != result.labels["a"]
    assert result.labels["c"] == result.labels["d"]
    assert result.conflicten == ()


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 12), st.integers(0, 12), st.floats(0.0, 1.0)),
        max_size=40,
    )
)
def test_cluster_zonder_beperkingen_gelijk_aan_componenten(raw: list[tuple[int, int, float]]) -> None:
    ids = [f"m{i:02d}" for i in range(13)]
    edges = [(ids[a], ids[b], p) for a, b, p in raw if a != b]
    result = cluster(ids, edges, 0.9)
    # reference: naive transitive closure
    comp = {i: {i} for i in ids}
    for a, b, p in edges:
        if p >= 0.9 and comp[a] is not comp[b]:
            merged = comp[a] | comp[b]
            for x in merged:
                comp[x] = merged
    for a in ids:
        for b in ids:
            assert (result.labels[a] == result.labels[b]) == (b in comp[a])


def test_stabiele_ids_samenvoeging_en_splitsing() -> None:
    previous = {"m1": "P1", "m2": "P1", "m3": "P2", "m4": "P3", "m5": "P3", "m6": "P3"}
    clusters = {"m1": 1, "m2": 1, "m3": 1, "m4": 2, "m5": 2, "m6": 3, "m7": 4}
    counter = iter(["N1", "N2", "N3"])
    result = assign(clusters, previous, new_id=lambda: next(counter))
    assert result.personen["m1"] == result.personen["m3"] == "P1"  # largest share keeps its id
    assert result.personen["m4"] == "P3"
    assert result.personen["m6"] == "N1" and result.personen["m7"] == "N2"
    kinds = {(g.soort, g.van, g.naar) for g in result.gebeurtenissen}
    assert ("samenvoeging", ("P1", "P2"), ("P1",)) in kinds
    assert ("splitsing", ("P3",), ("N1", "P3")) in kinds
    assert result.opgeheven == ("P2",)


def test_stabiele_ids_zonder_wijziging_geen_gebeurtenissen() -> None:
    previous = {"m1": "P1", "m2": "P1", "m3": "P2"}
    result = assign({"m1": "x", "m2": "x", "m3": "y", "m4": "x"}, previous)
    assert result.personen == {"m1": "P1", "m2": "P1", "m3": "P2", "m4": "P1"}
    assert result.gebeurtenissen == ()


def test_metrieken() -> None:
    truth = {"a": 1, "b": 1, "c": 1, "d": 2}
    labels = {"a": "x", "b": "x", "c": "y", "d": "y"}
    s = evaluate.cluster_pairwise(labels, truth)
    assert (s.true_positives, s.predicted, s.actual) == (1, 2, 3)
    assert evaluate.pairwise([("a", "b"), ("d", "c")], truth).precision == 0.5
    assert evaluate.person_count_error(labels, truth) == 0.0
    per = evaluate.recall_by_variation(labels, truth, {"c": ["naam_verwisseld"]})
    assert per["naam_verwisseld"].recall == 0.0 and per["geen"].recall == 1.0
    p, r = evaluate.bcubed(labels, truth)
    assert 0 < p < 1 and 0 < r < 1
