# SPDX-License-Identifier: EUPL-1.2
"""The fast IRLS fit, the checks and the stepwise choice against independent computations (statsmodels, scipy)."""

from __future__ import annotations

import math
import warnings
from itertools import combinations, product
from pathlib import Path

import numpy as np
import pytest
import statsmodels.api as sm
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.optimize import linprog
from scipy.stats import poisson
from statsmodels.tools.sm_exceptions import PerfectSeparationWarning

from zicht.analysis.mse import (
    CaptureTable,
    NoMLEError,
    check_model,
    estimate,
    get_design,
    pair_label,
    read_capture_csv,
)
from zicht.analysis.mse.bootstrap import BootstrapJob
from zicht.analysis.mse.model import fit_model

REF = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "mse"
needs_ref = pytest.mark.skipif(not REF.is_dir(), reason=f"reference data not found at {REF}")


def glm(y: np.ndarray, x: np.ndarray) -> object:
    """statsmodels Poisson GLM, fully converged.

    statsmodels flags "perfect prediction" whenever some fitted means are ~0 or equal to the counts, which is
    normal for sparse capture tables (and for saturated models), and divides by the residual degrees of
    freedom (0 for a saturated model) for a scale that a Poisson fit does not use; both are silenced here.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PerfectSeparationWarning)
        warnings.filterwarnings("ignore", "divide by zero", RuntimeWarning)
        return sm.GLM(y, x, family=sm.families.Poisson()).fit(tol=1e-13, maxiter=200)


class Reference:
    """An independent SparseMSE stepwise: own cell enumeration, statsmodels GLM, the LP as written in R."""

    def __init__(self, table: CaptureTable) -> None:
        self.t = table.n_lists
        self.cells = [c for c in product((0, 1), repeat=self.t) if any(c)]
        observed = dict(zip(table.patterns, table.counts, strict=True))
        self.y = np.array([observed.get(c, 0) for c in self.cells], dtype=float)
        self.pairs = list(combinations(range(self.t), 2))
        self.nstar = {
            p: sum(n for c, n in zip(self.cells, self.y, strict=True) if c[p[0]] and c[p[1]]) for p in self.pairs
        }

    def design(self, model: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
        infinite = [p for p in model if self.nstar[p] == 0]
        finite = [p for p in model if self.nstar[p] > 0]
        keep = np.array([not any(c[i] and c[j] for i, j in infinite) for c in self.cells])
        rows = [[1, *c, *(c[i] * c[j] for i, j in finite)] for c, k in zip(self.cells, keep, strict=True) if k]
        return np.array(rows, dtype=float), keep

    def fit(self, model: list[tuple[int, int]]) -> tuple[object, np.ndarray]:
        x, keep = self.design(model)
        return glm(self.y[keep], x), keep

    def check(self, model: list[tuple[int, int]]) -> int:
        x, keep = self.design(model)
        y = self.y[keep]
        cells, params = x.shape
        cost = np.r_[np.zeros(cells), -1.0]
        a_eq = np.hstack([x.T, np.zeros((params, 1))])
        a_ub = np.hstack([-np.eye(cells), np.ones((cells, 1))])  # s - y_k <= 0
        lp = linprog(cost, A_ub=a_ub, b_ub=np.zeros(cells), A_eq=a_eq, b_eq=x.T @ y, bounds=(0, None))
        no_mle = -lp.fun <= 1e-9 * y.sum()
        return int(no_mle) + 2 * int(np.linalg.matrix_rank(x) < params)

    def stepwise(self, threshold: float = 0.02) -> tuple[list[tuple[int, int]], float, float]:
        model: list[tuple[int, int]] = []
        fit, keep = self.fit(model)
        while True:
            kept_cells = [c for c, k in zip(self.cells, keep, strict=True) if k]
            mu = fit.fittedvalues  # type: ignore[attr-defined]
            best, best_p = None, 1.0
            for pair in self.pairs:
                if pair in model:
                    continue
                lam = sum(m for c, m in zip(kept_cells, mu, strict=True) if c[pair[0]] and c[pair[1]])
                n = self.nstar[pair]
                p = min(poisson.cdf(n, lam), poisson.sf(n - 1, lam) if n > 0 else 1.0)
                if self.check([*model, pair]) > 0:
                    p = 1.0
                if p < best_p:
                    best, best_p = pair, p
            if best is None or best_p >= threshold:
                break
            model.append(best)
            fit, keep = self.fit(model)
        params, bse = fit.params, fit.bse  # type: ignore[attr-defined]
        return model, float(self.y.sum() + math.exp(params[0])), float(bse[0])


def derived_tables() -> list[tuple[str, CaptureTable]]:
    kosovo = read_capture_csv(REF / "Kosovo.csv")
    neworl = read_capture_csv(REF / "NewOrl.csv")
    korea = read_capture_csv(REF / "Korea.csv")
    return [
        ("Kosovo EXH+ABA", kosovo.merge_lists(["EXH", "ABA"], "EXH_ABA")),
        ("Kosovo ABA+HRW", kosovo.merge_lists(["ABA", "HRW"], "ABA_HRW")),
        ("Kosovo OSCE+HRW", kosovo.merge_lists(["OSCE", "HRW"], "OSCE_HRW")),
        ("NewOrl C+D", neworl.merge_lists(["C", "D"], "CD")),
        ("NewOrl A+H, B+F", neworl.merge_lists(["A", "H"], "AH").merge_lists(["B", "F"], "BF")),
        ("NewOrl 4 lists", neworl.merge_lists(["A", "B", "C"], "ABC").merge_lists(["D", "E", "F"], "DEF")),
        ("Korea c+d", korea.merge_lists(["c", "d"], "cd")),
    ]


@needs_ref
@pytest.mark.parametrize("name", ["NewOrl", "NewOrl_5", "Kosovo", "Korea", "Artificial_3"])
def test_stepwise_equals_an_independent_statsmodels_implementation_on_reference_sets(name: str) -> None:
    # Standard errors agree to 2e-4 only: like R's glm, ours uses the IRLS weights of the last-but-one
    # iteration (this is what reproduces SparseMSE's se to 1e-6), statsmodels those of the converged fit.
    table = read_capture_csv(REF / f"{name}.csv")
    model, est, se = Reference(table).stepwise()
    result = estimate(table)
    assert [pair_label(p) for p in result.model] == [f"{table.lists[i]}:{table.lists[j]}" for i, j in model]
    assert result.estimate == pytest.approx(est, rel=1e-6)
    assert result.se_intercept == pytest.approx(se, rel=2e-4)  # R: weights of the last-but-one step


@needs_ref
def test_stepwise_on_tables_derived_by_merging_lists_equals_the_independent_implementation() -> None:
    for label, table in derived_tables():
        model, est, se = Reference(table).stepwise()
        result = estimate(table)
        expected = [f"{table.lists[i]}:{table.lists[j]}" for i, j in model]
        assert [pair_label(p) for p in result.model] == expected, label
        assert result.estimate == pytest.approx(est, rel=1e-6), label
        assert result.se_intercept == pytest.approx(se, rel=2e-4), label


@needs_ref
def test_merging_the_four_small_neworl_lists_gives_neworl_5() -> None:
    merged = read_capture_csv(REF / "NewOrl.csv").merge_lists(["B", "E", "F", "G"], "BEFG")
    assert merged == read_capture_csv(REF / "NewOrl_5.csv")


def test_two_lists_give_the_lincoln_petersen_estimate() -> None:
    table = CaptureTable.from_rows(["A", "B"], [(1, 0, 60), (0, 1, 30), (1, 1, 20)])
    result = estimate(table)
    assert result.model == ()
    assert result.dark_number == pytest.approx(60 * 30 / 20, rel=1e-9)
    assert result.df_residual == 0


def test_two_lists_without_overlap_have_no_estimate() -> None:
    table = CaptureTable.from_rows(["A", "B"], [(1, 0, 60), (0, 1, 30)])
    with pytest.raises(NoMLEError) as info:
        estimate(table)
    assert info.value.code == 1


def test_three_lists_without_any_overlap_have_no_main_effects_estimate() -> None:
    table = CaptureTable.from_rows(["A", "B", "C"], [(1, 0, 0, 5), (0, 1, 0, 6), (0, 0, 1, 7)])
    with pytest.raises(NoMLEError, match="check code 1"):
        estimate(table, method="main")


def test_saturated_three_list_model_on_a_full_table_passes_both_checks() -> None:
    design = get_design(3)
    y = np.arange(1.0, 8.0)
    assert check_model(design, y, (0, 1, 2)) == 0
    y[6] = 0.0  # no one on all three lists: the all-pairs model has no MLE
    assert check_model(design, y, (0, 1, 2)) == 1


def test_a_non_overlapping_pair_in_a_fixed_model_is_minus_infinity_with_its_diagnostic() -> None:
    table = CaptureTable.from_rows(
        ["A", "B", "C"], [(1, 0, 0, 30), (0, 1, 0, 20), (0, 0, 1, 25), (1, 0, 1, 6), (0, 1, 1, 4)]
    )
    result = estimate(table, method="fixed", pairs=["A:B"])
    assert [pair_label(p.pair) for p in result.infinite_pairs] == ["A:B"]
    ref = Reference(table)
    fit, _ = ref.fit([(0, 1)])
    assert result.intercept == pytest.approx(fit.params[0], rel=1e-7)  # type: ignore[attr-defined]
    main, keep = ref.fit([])
    lam = sum(
        m
        for c, m in zip([c for c, k in zip(ref.cells, keep, strict=True) if k], main.fittedvalues, strict=True)
        if c[0] and c[1]
    )  # type: ignore[attr-defined]
    assert result.infinite_pairs[0].poisspempty == pytest.approx(math.exp(-lam), rel=1e-6)
    assert result.aic == pytest.approx(-2 * fit.llf + 2 * 4 + 2, rel=1e-9)  # type: ignore[attr-defined]
    assert result.cells == 5


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.integers(min_value=1, max_value=300), min_size=15, max_size=15),
    pairs=st.sets(st.integers(min_value=0, max_value=5), max_size=4),
)
def test_irls_fit_equals_statsmodels_glm(counts: list[int], pairs: set[int]) -> None:
    design = get_design(4)
    y = np.asarray(counts, dtype=float)
    model = tuple(sorted(pairs))
    ours = fit_model(design, y, model)
    x = design.matrix(model, ())
    theirs: object = glm(y, x.x)
    assert ours.converged
    assert ours.intercept == pytest.approx(theirs.params[0], rel=1e-7, abs=1e-7)
    assert ours.deviance == pytest.approx(theirs.deviance, rel=1e-6, abs=1e-6)
    assert ours.se_intercept() == pytest.approx(theirs.bse[0], rel=2e-4)
    assert ours.aic == pytest.approx(theirs.aic, rel=1e-8)


def test_a_resampled_table_with_an_empty_list_is_estimated_as_sparsemse_does() -> None:
    # SparseMSE's glm lets the empty list's main effect drift to -inf and every candidate pair fails the
    # existence check, so the replicate estimate is the main-effects fit on the other lists.
    job = BootstrapJob(3, (0, 1, 2, 3, 4, 5, 6), "stepwise", 0.02, ())
    counts = [50, 40, 0, 30, 0, 0, 0]  # list C has no cases
    value, converged = job.estimate(counts)
    without_c = CaptureTable.from_rows(["A", "B"], [(1, 0, 50), (0, 1, 40), (1, 1, 30)])
    assert converged
    assert value == pytest.approx(estimate(without_c, method="main").estimate, rel=1e-12)


def test_library_imports_no_web_framework_and_nothing_from_web_or_cli() -> None:
    import ast

    import zicht.analysis.mse as package

    forbidden = ("fastapi", "starlette", "jinja2", "zicht.web", "zicht.cli")
    for source in Path(package.__file__).parent.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert not name.startswith(forbidden), f"{source.name} imports {name}"


def test_existence_decided_by_monotonicity_in_the_support_equals_the_linear_programme() -> None:
    from zicht.analysis.mse.checks import existence_lp
    from zicht.analysis.mse.design import Design

    rng = np.random.default_rng(8)
    design = Design(5)  # private caches: every decision below is made by this test
    n_lps = 0
    for _ in range(300):
        pairs = tuple(sorted(rng.choice(10, size=int(rng.integers(0, 4)), replace=False).tolist()))
        y = rng.poisson(rng.uniform(0.2, 2.0), size=31).astype(float)
        code = check_model(design, y, pairs)
        n_lps = sum(len(found) + len(absent) for found, absent in design.existence_bounds.values())
        fresh = Design(5)
        assert code == check_model(fresh, y, pairs)
        finite = tuple(p for p in pairs if (fresh.pair_cells[:, p] @ y) > 0)
        infinite = tuple(p for p in pairs if (fresh.pair_cells[:, p] @ y) <= 0)
        mm = fresh.matrix(finite, infinite)
        kept = y[mm.kept]
        if not (kept > 0).all() and (mm.x.T @ kept > 0).all():
            assert (code & 1 == 0) == existence_lp(mm.x, kept)
    assert n_lps < len(design.existence_cache)  # some decisions were implied, not solved
