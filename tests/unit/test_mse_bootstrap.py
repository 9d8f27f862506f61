# SPDX-License-Identifier: EUPL-1.2
"""BCa arithmetic against SparseMSE's exported replicates, and the independent, seeded, parallel bootstrap."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from scipy.stats import ks_2samp

from zicht.analysis.mse import acceleration, bca_intervals, estimate, get_design, quantile_type8, read_capture_csv
from zicht.analysis.mse.bootstrap import BootstrapJob, draw_replicates, jackknife
from zicht.analysis.mse.intervals import bca_levels, bca_levels_from_fraction

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")


def r_replicates(name: str) -> np.ndarray:
    with (REF / f"bootreps_{name}_stepwise_0.02.csv").open() as handle:
        rows = list(csv.reader(handle))[1:]
    return np.array([float(row[1]) for row in rows])


def point_and_acceleration(name: str) -> tuple[float, float]:
    table = read_capture_csv(REF / f"{name}.csv")
    design = get_design(table.n_lists)
    job = BootstrapJob(table.n_lists, tuple(design.cell_index(p) for p in table.patterns), "stepwise", 0.02, ())
    jack = jackknife(job, table.counts)
    return estimate(table).estimate, acceleration(np.asarray(table.counts, dtype=float), jack)


# §c.3: estimate, a-hat, BCa 95%, BCa 80%, fraction of replicates below the estimate
C3 = {
    "NewOrl": (1183.69, -0.02933, (717.2, 1657.6), (717.2, 1248.3), 0.130),
    "NewOrl_5": (1034.15, -0.05516, (588.8, 1703.7), (599.0, 1256.2), 0.256),
    "Kosovo": (14341.66, -0.00416, (12595.8, 16527.5), (13117.2, 15641.0), 0.493),
    "Korea": (268.78, -0.02877, (123.3, 440.3), (214.2, 394.6), 0.644),
}


@needs_ref
@pytest.mark.parametrize("name", ["NewOrl", "NewOrl_5", "Kosovo"])
def test_bca_on_sparsemse_replicates_gives_sparsemse_limits_to_0_1(name: str) -> None:
    est, ahat_r, ci95, ci80, fraction = C3[name]
    reps = r_replicates(name)
    assert len(reps) == 1000
    point, ahat = point_and_acceleration(name)
    assert point == pytest.approx(est, abs=0.005)
    assert ahat == pytest.approx(ahat_r, abs=5e-6)
    _, below = bca_levels(reps, point, ahat, np.array([0.5]))
    assert below == pytest.approx(fraction, abs=5e-4)
    bca = bca_intervals(reps, point, ahat, (0.95, 0.80))
    assert (bca[0].low, bca[0].high) == pytest.approx(ci95, abs=0.1)
    assert (bca[1].low, bca[1].high) == pytest.approx(ci80, abs=0.1)


@needs_ref
def test_bca_on_korea_replicates_matches_sparsemse_once_exact_ties_are_classified_as_in_r() -> None:
    # Seven exported Korea replicates equal the point estimate 2419/9 up to rounding (same sufficient
    # statistics of model b:c). Whether each is "strictly below" depends on bits beyond the 15 digits
    # exported and on the last bits of the estimate itself: R classified 4 of them below (641 in all; §c.3
    # prints 0.644 = mean(reps < 268.78), the rounded estimate). Ours differs from R's in the 13th digit, so it
    # may classify them differently; every classification of the ties gives limits in the envelope below.
    est, ahat_r, ci95, ci80, _ = C3["Korea"]
    reps = r_replicates("Korea")
    point, ahat = point_and_acceleration("Korea")
    assert ahat == pytest.approx(ahat_r, abs=5e-6)
    assert point == pytest.approx(2419 / 9, rel=1e-12)
    ties = np.abs(reps - point) < 1e-11 * point
    assert int(ties.sum()) == 7
    assert int((reps < point - 1e-11 * point).sum()) == 637
    assert float(np.mean(reps < round(est, 2))) == 0.644
    alphas = np.array([0.025, 0.975, 0.1, 0.9])
    limits = quantile_type8(reps, bca_levels_from_fraction(0.641, ahat, alphas))
    assert limits == pytest.approx([*ci95, *ci80], abs=0.1)
    envelope = np.array(
        [quantile_type8(reps, bca_levels_from_fraction(k / 1000, ahat, alphas)) for k in range(637, 645)]
    )
    ours = bca_intervals(reps, point, ahat, (0.95, 0.80))
    got = np.array([ours[0].low, ours[0].high, ours[1].low, ours[1].high])
    assert (envelope.min(axis=0) <= got).all() and (got <= envelope.max(axis=0)).all()


def test_quantile_type8_follows_the_hyndman_fan_definition_used_by_r() -> None:
    # Hyndman & Fan type 8: position n p + (p + 1) / 3, linear interpolation, clamped to the sample range.
    got = quantile_type8(np.arange(1.0, 11.0), np.array([0.0, 0.1, 0.5, 0.9, 1.0]))
    assert got == pytest.approx([1.0, 1 + 11 / 30, 5.5, 10 - 11 / 30, 10.0], rel=1e-12)
    assert quantile_type8(np.array([3.0, 1.0, 2.0]), np.array([0.25, 0.75])) == pytest.approx([7 / 6, 17 / 6])
    assert quantile_type8(np.array([4.0, 4.0]), np.array([0.3])) == pytest.approx([4.0])


def test_acceleration_is_the_count_weighted_grouped_jackknife_skewness() -> None:
    counts = np.array([2.0, 1.0, 0.0])
    jack = np.array([10.0, 13.0, 99.0])  # the zero-count pattern is ignored
    mean = (2 * 10 + 13) / 3
    d = np.array([mean - 10, mean - 13])
    expected = (2 * d[0] ** 3 + d[1] ** 3) / (6 * (2 * d[0] ** 2 + d[1] ** 2) ** 1.5)
    assert acceleration(counts, jack) == pytest.approx(expected, rel=1e-12)
    assert acceleration(np.array([3.0]), np.array([5.0])) == 0.0


def test_bca_without_replicates_below_the_estimate_collapses_to_the_smallest_replicate() -> None:
    reps = np.array([5.0, 6.0, 7.0, 8.0])
    intervals = bca_intervals(reps, 5.0, 0.0, (0.95,))
    assert (intervals[0].low, intervals[0].high) == (5.0, 5.0)
    intervals = bca_intervals(reps, 9.0, 0.0, (0.95,))
    assert (intervals[0].low, intervals[0].high) == (8.0, 8.0)


def test_multinomial_draws_are_reproducible_for_a_seed_and_keep_the_total() -> None:
    first = draw_replicates([5, 0, 7, 1], 50, seed=42)
    assert np.array_equal(first, draw_replicates([5, 0, 7, 1], 50, seed=42))
    assert not np.array_equal(first, draw_replicates([5, 0, 7, 1], 50, seed=43))
    assert (first.sum(axis=1) == 13).all()
    assert (first[:, 1] == 0).all()


@needs_ref
def test_bootstrap_is_identical_for_a_seed_whatever_the_number_of_workers() -> None:
    serial = estimate(REF / "Korea.csv", bootstrap=40, seed=7, workers=1)
    parallel = estimate(REF / "Korea.csv", bootstrap=40, seed=7, workers=2)
    assert serial.bootstrap is not None and parallel.bootstrap is not None
    assert parallel.bootstrap.workers == 2
    assert serial.bootstrap.replicates == parallel.bootstrap.replicates
    assert serial.intervals == parallel.intervals


@needs_ref
def test_independent_kosovo_bootstrap_agrees_with_sparsemse_within_monte_carlo_tolerance() -> None:
    result = estimate(REF / "Kosovo.csv", bootstrap=300, seed=2024, workers=1)
    assert result.bootstrap is not None
    assert result.bootstrap.acceleration == pytest.approx(-0.00416, abs=5e-6)
    _, _, ci95, ci80, fraction = C3["Kosovo"]
    for level, (low, high) in ((0.95, ci95), (0.80, ci80)):
        bca = result.interval("bca", level)
        assert bca.low == pytest.approx(low, rel=0.15)
        assert bca.high == pytest.approx(high, rel=0.15)
    assert result.bootstrap.fraction_below == pytest.approx(fraction, abs=0.1)
    assert ks_2samp(result.bootstrap.replicates, r_replicates("Kosovo")).pvalue > 0.001


@needs_ref
def test_independent_neworl5_bootstrap_80_percent_interval_agrees_with_sparsemse() -> None:
    # A loose check only: SparseMSE's exported seed-1234 sample is itself unusual. Against the distribution of
    # 100,000 replicates its one-sample KS p-value is 0.0013, and R's own replicates with other seeds give
    # two-sample KS p-values against it between 0.003 and 0.47 (median 0.05 over seeds 1-20), as ours do.
    # That the procedure per replicate is SparseMSE's is tested exactly below, on R's own replicate tables.
    result = estimate(REF / "NewOrl_5.csv", bootstrap=300, seed=2024, workers=1)
    _, _, _, (low, high), _ = C3["NewOrl_5"]
    bca = result.interval("bca", 0.80)
    assert bca.low == pytest.approx(low, rel=0.15)
    assert bca.high == pytest.approx(high, rel=0.15)
    assert result.bootstrap is not None
    assert ks_2samp(result.bootstrap.replicates, r_replicates("NewOrl_5")).pvalue > 0.001


# Replicate tables that SparseMSE itself drew: R 4.2.2, set.seed(1234), then one rmultinom(1, N_obs, counts) per
# replicate over the rows of the data file in file order, exactly as in estimatepopulation (replaying them
# through SparseMSE 2.0.1 reproduces every value of bootreps_*_stepwise_0.02.csv). Replicate number -> counts in
# file row order. NewOrl_5: the first replicate of each of the 38 models that SparseMSE's stepwise chose among
# the 1000 (main effects 510 times; up to five pairs; C:D at -inf twice, e.g. 56) and the smallest value (180).
# NewOrl: the three replicates in which list B is empty, and replicates 1-3.
R_TABLES = {
    "NewOrl_5": {
        1: "19 26 74 32 23 2 0 1 1 1 1 1 1 3",
        2: "17 22 86 28 22 0 1 1 3 1 0 4 0 0",
        6: "23 20 71 33 30 0 1 0 2 1 0 0 2 2",
        7: "20 20 66 43 18 0 1 6 5 1 0 3 1 1",
        14: "26 18 76 35 13 1 1 2 4 6 1 1 1 0",
        16: "19 28 71 38 17 1 2 0 2 3 1 0 1 2",
        18: "19 26 69 31 18 2 3 6 3 2 1 1 1 3",
        38: "33 21 71 20 22 1 1 3 2 4 3 1 1 2",
        39: "18 31 72 32 17 0 1 5 3 4 1 0 0 1",
        55: "29 24 61 36 24 1 1 0 1 1 5 0 1 1",
        56: "19 25 74 37 15 1 2 3 3 2 0 0 2 2",
        65: "26 16 71 34 28 0 0 1 1 3 1 1 2 1",
        74: "25 22 82 28 15 2 0 2 3 2 0 1 0 3",
        81: "31 15 78 24 19 2 0 6 1 3 1 1 2 2",
        97: "27 23 79 32 17 0 0 3 0 0 2 0 0 2",
        110: "18 26 74 31 22 0 0 2 7 1 2 1 1 0",
        114: "28 18 74 29 18 4 0 2 4 1 2 0 4 1",
        139: "21 21 73 33 26 2 4 1 1 0 1 0 2 0",
        158: "26 15 79 34 21 0 0 0 2 2 0 2 2 2",
        180: "25 24 57 32 24 1 0 3 3 4 2 5 2 3",
        200: "25 23 65 31 29 2 2 2 0 2 0 0 1 3",
        211: "33 22 78 24 18 2 0 1 1 1 3 0 1 1",
        219: "26 25 56 40 17 0 0 5 3 1 3 2 6 1",
        234: "17 25 70 27 29 1 2 5 2 0 1 1 4 1",
        278: "26 12 79 39 15 1 1 0 5 2 1 0 3 1",
        310: "34 18 63 36 21 0 0 3 2 2 0 1 2 3",
        354: "31 19 69 28 21 0 1 1 2 2 4 0 2 5",
        455: "27 24 61 31 30 1 0 1 1 3 4 1 0 1",
        481: "13 30 63 45 25 2 1 0 0 1 3 0 0 2",
        486: "28 25 67 28 16 1 1 3 1 4 6 2 0 3",
        504: "29 20 72 26 22 0 0 3 3 2 3 2 0 3",
        523: "30 17 81 22 16 1 0 5 2 2 3 1 1 4",
        542: "30 20 71 31 20 0 0 2 2 4 0 0 3 2",
        605: "36 27 65 22 22 2 1 2 2 2 0 0 1 3",
        720: "22 20 68 38 24 0 0 3 2 0 1 2 3 2",
        767: "12 24 79 34 24 1 1 0 6 1 0 1 2 0",
        806: "29 29 64 30 22 1 0 1 2 2 2 0 0 3",
        874: "26 18 73 35 16 0 2 6 3 1 5 0 0 0",
        939: "24 22 75 35 19 0 1 0 2 3 3 0 0 1",
    },
    "NewOrl": {
        1: "19 1 2 1 2 1 1 0 71 0 2 0 41 1 5 0 5 3 30",
        2: "21 2 2 2 2 0 5 0 72 0 2 0 32 3 6 1 5 7 23",
        3: "23 1 3 1 0 2 2 0 70 1 2 0 27 0 7 0 6 10 30",
        134: "25 1 2 1 0 0 0 0 71 2 0 2 37 3 7 2 4 7 21",
        176: "21 0 1 3 1 2 0 0 73 1 3 1 41 3 6 1 4 6 18",
        925: "26 1 1 0 0 2 0 0 65 0 2 0 43 2 7 2 7 7 20",
    },
}


@needs_ref
@pytest.mark.parametrize("name", ["NewOrl_5", "NewOrl"])
def test_sparsemse_replicate_tables_give_sparsemse_replicate_values(name: str) -> None:
    # Same tables in, same values out: the per-replicate procedure (multinomial over the file rows, stepwise
    # choice, checks, -inf pairs, empty lists) is SparseMSE's, in the one-table and in the vectorised path.
    # With an empty list (NewOrl 134, 176, 925) R's glm only approaches the -inf main effect, to 3e-9.
    with (REF / f"{name}.csv").open() as handle:
        rows = list(csv.reader(handle))[1:]
    design = get_design(len(rows[0]) - 1)
    cells = tuple(design.cell_index(tuple(int(v) for v in row[:-1])) for row in rows)
    job = BootstrapJob(design.t, cells, "stepwise", 0.02, ())
    numbers = sorted(R_TABLES[name])
    tables = np.array([[int(v) for v in R_TABLES[name][k].split()] for k in numbers])
    assert (tables.sum(axis=1) == sum(int(row[-1]) for row in rows)).all()
    expected = r_replicates(name)[np.asarray(numbers) - 1]
    tolerance = 1e-11 if name == "NewOrl_5" else 1e-8
    assert job.estimate_many(tables)[0] == pytest.approx(expected, rel=tolerance)
    assert [job.estimate(row)[0] for row in tables] == pytest.approx(expected, rel=tolerance)


def _replicate_cells(name: str, nboot: int, seed: int) -> tuple[BootstrapJob, np.ndarray]:
    table = read_capture_csv(REF / f"{name}.csv")
    design = get_design(table.n_lists)
    job = BootstrapJob(table.n_lists, tuple(design.cell_index(p) for p in table.patterns), "stepwise", 0.02, ())
    return job, draw_replicates(table.counts, nboot, seed)


@needs_ref
@pytest.mark.parametrize("name", ["Korea", "Kosovo", "NewOrl_5"])
@pytest.mark.parametrize(("method", "threshold"), [("stepwise", 0.02), ("stepwise", 1.0), ("main", 0.02)])
def test_vectorised_replicates_equal_the_one_table_procedure(name: str, method: str, threshold: float) -> None:
    job, tables = _replicate_cells(name, 150, 11)
    job = BootstrapJob(job.t, job.cells, method, threshold, ())
    values, converged = job.estimate_many(tables)
    one = [job.estimate(row) for row in tables]
    assert values == pytest.approx([v for v, _ in one], rel=1e-10)
    assert converged.tolist() == [ok for _, ok in one]


@needs_ref
def test_a_vectorised_replicate_does_not_depend_on_the_other_tables_in_its_batch() -> None:
    job, tables = _replicate_cells("NewOrl_5", 120, 5)
    whole = job.estimate_many(tables)[0]
    pieces = np.concatenate([job.estimate_many(tables[i : i + 7])[0] for i in range(0, len(tables), 7)])
    assert np.array_equal(whole, pieces)
    assert np.array_equal(whole[::-1], job.estimate_many(tables[::-1])[0])


def test_vectorised_fixed_model_and_tables_with_an_empty_or_a_full_list() -> None:
    job = BootstrapJob(3, (0, 1, 2, 3, 4, 5, 6), "fixed", 0.02, (2,))
    tables = np.array(
        [
            [50, 40, 0, 30, 0, 0, 0],  # list C has no cases
            [50, 0, 0, 30, 5, 0, 2],  # list A holds every case: dark number 0
            [41, 5, 5, 54, 0, 6, 3],
        ]
    )
    values, converged = job.estimate_many(tables)
    one = [job.estimate(row) for row in tables]
    assert values == pytest.approx([v for v, _ in one], rel=1e-10)
    assert values[1] == tables[1].sum()
    assert converged.tolist() == [ok for _, ok in one]


@needs_ref
def test_a_replicate_equal_to_the_observed_table_reproduces_the_point_estimate_exactly(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import zicht.analysis.mse.bootstrap as bootstrap_module

    table = read_capture_csv(REF / "Korea.csv")
    observed = np.asarray(table.counts, dtype=np.int64)
    real_draw = bootstrap_module.draw_replicates

    def draw(counts: np.ndarray, nboot: int, seed: int) -> np.ndarray:
        tables = real_draw(counts, nboot, seed)
        tables[::3] = observed
        return tables

    monkeypatch.setattr(bootstrap_module, "draw_replicates", draw)
    result = estimate(table, bootstrap=30, seed=3, workers=1)
    assert result.bootstrap is not None
    assert all(result.bootstrap.replicates[i] == result.estimate for i in range(0, 30, 3))
