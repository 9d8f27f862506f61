# SPDX-License-Identifier: EUPL-1.2
"""Acceptance: zicht's MSE reproduces SparseMSE 2.0.1 on every reference data set (shared/docs/mse.md §c, §e)."""

from __future__ import annotations

import math
from itertools import combinations
from pathlib import Path

import numpy as np
import pytest

from zicht.analysis.mse import (
    Design,
    NoMLEError,
    NotIdentifiableError,
    check_model,
    count_triples,
    estimate,
    get_design,
    pair_label,
    read_capture_csv,
)

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
pytestmark = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")


def ref(name: str) -> Path:
    return REF / f"{name}.csv"


def cell_counts(name: str) -> tuple[Design, np.ndarray]:
    table = read_capture_csv(ref(name))
    design = get_design(table.n_lists)
    y = np.zeros(design.n_cells)
    for pattern, count in zip(table.patterns, table.counts, strict=True):
        y[design.cell_index(pattern)] = count
    return design, y


def rel(expected: float, tol: float = 1e-6) -> object:
    return pytest.approx(expected, rel=tol)


# §c.1: dataset, method, model (entry order), estimate, 95% and 80% analytic limits (printed to 0.1)
C1 = [
    ("NewOrl", "stepwise", ["D:E"], 1183.69, (720.9, 2046.1), (849.8, 1685.3)),
    ("NewOrl", "main", [], 996.66, (644.9, 1617.5), (744.8, 1361.8)),
    ("NewOrl_5", "stepwise", [], 1034.15, (658.3, 1708.6), (764.4, 1429.5)),
    (
        "Kosovo",
        "stepwise",
        ["ABA:OSCE", "OSCE:HRW", "EXH:OSCE", "EXH:ABA", "EXH:HRW"],
        14341.66,
        (12541.3, 16540.2),
        (13124.2, 15729.0),
    ),
    ("Kosovo", "main", [], 7394.59, (7172.9, 7634.0), (7247.7, 7549.0)),
    ("Korea", "stepwise", ["b:c"], 268.78, (202.5, 390.2), (221.1, 339.6)),
    ("Korea", "main", [], 141.99, (134.9, 153.4), (137.0, 148.8)),
    ("Artificial_3", "stepwise", [], 539.09, (278.7, 1170.9), (344.2, 886.9)),
]

# §c.1 fine-grained: intercept, se, dark number, deviance, df, adjusted AIC, cells, IRLS iterations
C1_FINE = [
    ("NewOrl", "stepwise", 6.906447, 0.317584, 998.692, 34.0071, 245, 113.069, 255, 8),
    ("NewOrl", "main", 6.699087, 0.289856, 811.664, 41.2917, 246, 118.354, 255, 8),
    ("NewOrl_5", "stepwise", 6.744237, 0.298269, 849.151, 19.2835, 25, 77.529, 31, 6),
    ("NewOrl_5", "main", 6.744237, 0.298269, 849.151, 19.2835, 25, 77.529, 31, 6),
    ("Kosovo", "stepwise", 9.204490, 0.101934, 9941.664, 39.8936, 5, 161.318, 15, 4),
    ("Kosovo", "main", 8.004561, 0.039240, 2994.587, 245.9387, 10, 357.363, 15, 4),
    ("Korea", "stepwise", 4.982083, 0.309145, 145.778, 8.5669, 2, 44.908, 7, 5),
    ("Korea", "main", 2.944052, 0.239351, 18.993, 138.5548, 3, 172.896, 7, 6),
    ("Artificial_3", "stepwise", 6.093782, 0.452145, 443.094, 8.8725, 3, 36.147, 7, 5),
    ("Artificial_3", "main", 6.093782, 0.452145, 443.094, 8.8725, 3, 36.147, 7, 5),
]


@pytest.mark.parametrize(("name", "method", "model", "est", "ci95", "ci80"), C1)
def test_estimate_model_and_analytic_limits_equal_sparsemse(
    name: str, method: str, model: list[str], est: float, ci95: tuple[float, float], ci80: tuple[float, float]
) -> None:
    result = estimate(ref(name), method=method)
    assert [pair_label(p) for p in result.model] == model
    assert result.infinite_pairs == ()
    assert result.estimate == pytest.approx(est, abs=0.005)
    for level, (low, high) in ((0.95, ci95), (0.80, ci80)):
        interval = result.interval("analytic", level)
        assert interval.low == pytest.approx(low, abs=0.05)
        assert interval.high == pytest.approx(high, abs=0.05)
    assert result.check_code == 0


@pytest.mark.parametrize(
    ("name", "method", "intercept", "se", "dark", "deviance", "df", "aic", "cells", "iterations"), C1_FINE
)
def test_fit_details_equal_sparsemse_to_printed_precision(
    name: str,
    method: str,
    intercept: float,
    se: float,
    dark: float,
    deviance: float,
    df: int,
    aic: float,
    cells: int,
    iterations: int,
) -> None:
    result = estimate(ref(name), method=method)
    assert result.intercept == pytest.approx(intercept, abs=1e-6)
    assert result.se_intercept == pytest.approx(se, abs=1e-6)
    assert result.dark_number == pytest.approx(dark, abs=5e-4)
    assert result.deviance == pytest.approx(deviance, abs=5e-5)
    assert result.df_residual == df
    assert result.aic == pytest.approx(aic, abs=5e-4)
    assert result.cells == cells
    assert result.iterations == iterations
    assert result.converged


def test_analytic_limits_are_the_lognormal_formula_to_1e_9() -> None:
    result = estimate(ref("Kosovo"))
    z = 1.959963984540054
    low = result.observed + math.exp(result.intercept - z * result.se_intercept)
    high = result.observed + math.exp(result.intercept + z * result.se_intercept)
    assert result.interval("analytic", 0.95).low == rel(low, 1e-12)
    assert result.interval("analytic", 0.95).high == rel(high, 1e-12)
    assert result.estimate == result.observed + math.exp(result.intercept)


def test_published_anchors_neworl_1184_997_and_neworl5_1034() -> None:
    assert round(estimate(ref("NewOrl")).estimate) == 1184
    assert round(estimate(ref("NewOrl"), method="main").estimate) == 997
    assert round(estimate(ref("NewOrl_5")).estimate) == 1034


# §c.2: (pair, N*, lambda, p) in order of entry
C2: dict[str, list[tuple[str, int, float, str]]] = {
    "NewOrl": [("D:E", 3, 0.470, "0.0122")],
    "NewOrl_5": [],
    "Kosovo": [
        ("ABA:OSCE", 457, 369.055, "5.5e-6"),
        ("OSCE:HRW", 224, 156.091, "1.9e-7"),
        ("EXH:OSCE", 478, 414.054, "1.1e-3"),
        ("EXH:ABA", 403, 329.396, "4.8e-5"),
        ("EXH:HRW", 193, 129.176, "9.8e-8"),
    ],
    "Korea": [("b:c", 66, 38.502, "3.5e-5")],
}


def significant_digits(printed: str) -> int:
    mantissa = printed.split("e")[0].replace(".", "").lstrip("0")
    return len(mantissa)


@pytest.mark.parametrize("name", sorted(C2))
def test_stepwise_path_order_n_star_lambda_and_p_values_equal_sparsemse(name: str) -> None:
    result = estimate(ref(name))
    assert len(result.steps) == len(C2[name])
    for step, (pair, n_star, expected, p_value) in zip(result.steps, C2[name], strict=True):
        assert pair_label(step.pair) == pair
        assert step.n_star == n_star
        assert step.expected == pytest.approx(expected, abs=5e-4)
        digits = significant_digits(p_value)  # as many significant digits as §c.2 prints (2 or 3)
        assert float(f"{step.p_value:.{digits - 1}e}") == pytest.approx(float(p_value), rel=1e-9)
        assert not step.infinite


def test_stepwise_chooses_sparsemse_pairs_on_kosovo() -> None:
    result = estimate(ref("Kosovo"))
    assert [pair_label(p) for p in result.model] == ["ABA:OSCE", "OSCE:HRW", "EXH:OSCE", "EXH:ABA", "EXH:HRW"]
    assert result.estimate == rel(14341.66, 1e-6)


def test_korea_stepwise_stops_after_b_c_where_adding_b_d_fails_the_existence_check() -> None:
    result = estimate(ref("Korea"))
    last_cycle = {pair_label(c.pair): c for c in result.candidates if c.cycle == 2}
    assert last_cycle.keys() == {"b:d", "c:d"}
    assert all(c.p_value >= 0.02 for c in last_cycle.values())  # c:d (and b:d) not significant
    design, y = cell_counts("Korea")
    assert check_model(design, y, (design.pair_index(0, 1), design.pair_index(0, 2))) == 1


# §c.5: thresholds 0.001 / 0.05 and the all-pairs model (analytic 95%)
C5 = [
    ("NewOrl", {"threshold": 0.001}, [], 996.66, (644.9, 1617.5)),
    ("NewOrl", {"threshold": 0.05}, ["D:E", "B:F", "A:E"], 1494.45, (833.0, 2830.9)),
    ("NewOrl_5", {"threshold": 0.001}, [], 1034.15, (658.3, 1708.6)),
    ("NewOrl_5", {"threshold": 0.05}, [], 1034.15, (658.3, 1708.6)),
    ("Kosovo", {"threshold": 0.001}, ["ABA:OSCE", "OSCE:HRW"], 8238.68, (7891.7, 8620.1)),
    ("Kosovo", {"threshold": 0.05}, ["ABA:OSCE", "OSCE:HRW", "EXH:OSCE", "EXH:ABA", "EXH:HRW"], 14341.66, None),
    ("Korea", {"threshold": 0.001}, ["b:c"], 268.78, None),
    ("Korea", {"threshold": 0.05}, ["b:c"], 268.78, None),
    ("Korea", {"threshold": 1.0}, ["b:c", "c:d"], 157.17, (133.0, 239.4)),
    ("NewOrl", {"method": "fixed", "pairs": "all"}, None, 2393.20, (420.8, 20866.2)),
    ("NewOrl_5", {"method": "fixed", "pairs": "all"}, None, 3375.55, (613.0, 23971.2)),
    ("Kosovo", {"method": "fixed", "pairs": "all"}, None, 14402.49, (12548.6, 16678.2)),
]


@pytest.mark.parametrize(("name", "kwargs", "model", "est", "ci95"), C5)
def test_other_thresholds_and_all_pairs_model_equal_sparsemse(
    name: str, kwargs: dict[str, object], model: list[str] | None, est: float, ci95: tuple[float, float] | None
) -> None:
    result = estimate(ref(name), **kwargs)
    if model is not None:
        assert [pair_label(p) for p in result.model] == model
    assert result.estimate == pytest.approx(est, abs=0.005)
    if ci95 is not None:
        assert result.interval("analytic", 0.95).low == pytest.approx(ci95[0], abs=0.05)
        assert result.interval("analytic", 0.95).high == pytest.approx(ci95[1], abs=0.05)


def test_all_pairs_neworl_has_18_infinite_pairs_and_adjusted_aic() -> None:
    result = estimate(ref("NewOrl"), method="fixed", pairs="all")
    assert len(result.infinite_pairs) == 18
    assert len(result.model) == 28
    # AIC = -2 loglik + 2 * (1 + 8 + 10 finite pairs) + 2 * 18 non-overlapping pairs
    assert result.df_residual == result.cells - 19


def test_poisspempty_of_the_all_pairs_fit_equals_sparsemse_on_neworl5() -> None:
    result = estimate(ref("NewOrl_5"), method="fixed", pairs="all")
    got = {pair_label(p.pair): p.poisspempty for p in result.infinite_pairs}
    assert got.keys() == {"A:H", "C:H", "D:H"}
    assert float(f"{got['A:H']:.3f}") == 0.823
    assert float(f"{got['C:H']:.3f}") == 0.668
    assert float(f"{got['D:H']:.3f}") == 0.783
    for pair in result.infinite_pairs:
        assert pair.poisspempty == rel(math.exp(-pair.expected), 1e-12)


def test_korea_all_pairs_model_fails_with_check_code_1() -> None:
    with pytest.raises(NoMLEError) as info:
        estimate(ref("Korea"), method="fixed", pairs="all")
    assert info.value.code == 1
    assert "check code 1" in str(info.value)


# §c.6: checkident codes
ARTIFICIAL_CODES = [
    (["A:B", "A:C", "B:C"], 2),
    (["A:B"], 1),
    (["A:B", "A:C"], 1),
    (["A:B", "B:C"], 1),
    ([], 0),
    (["A:C"], 0),
    (["B:C"], 0),
    (["A:C", "B:C"], 0),
]


@pytest.mark.parametrize(("pairs", "code"), ARTIFICIAL_CODES)
def test_checkident_codes_on_artificial_3_equal_sparsemse(pairs: list[str], code: int) -> None:
    design, y = cell_counts("Artificial_3")
    names = ("A", "B", "C")
    index = tuple(design.pair_index(names.index(p[0]), names.index(p[2])) for p in pairs)
    assert check_model(design, y, index) == code


def test_artificial_3_fixed_models_raise_the_matching_domain_errors() -> None:
    with pytest.raises(NotIdentifiableError) as info:
        estimate(ref("Artificial_3"), method="fixed", pairs="all")
    assert info.value.code == 2 and not isinstance(info.value, NoMLEError)
    with pytest.raises(NoMLEError) as info2:
        estimate(ref("Artificial_3"), method="fixed", pairs=["A:B"])
    assert info2.value.code == 1
    assert estimate(ref("Artificial_3"), method="fixed", pairs=["A:C", "B:C"]).check_code == 0


def test_checkallmodels_on_korea_fails_exactly_bc_bd_and_the_all_pairs_model() -> None:
    design, y = cell_counts("Korea")
    failing = {
        model for size in range(4) for model in combinations(range(3), size) if check_model(design, y, model) != 0
    }
    bc, bd, cd = 0, 1, 2
    assert failing == {(bc, bd), (bc, bd, cd)}
    assert count_triples(design, y) == 1
    assert count_triples(*cell_counts("Artificial_3")) == 0
