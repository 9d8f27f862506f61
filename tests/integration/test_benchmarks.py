# SPDX-License-Identifier: EUPL-1.2
"""Every benchmark script still runs end to end at a tiny size, so a change that breaks one is found by the
suite and not by the next ``make bench``. These assert that the scripts complete and report their figures;
the figures themselves are measured by ``make bench`` and never asserted (timing belongs in benchmarks/)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmarks")]


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"_bench_{name}", REPO_ROOT / "benchmarks" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_bench_import_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _script("bench_import")
    monkeypatch.setattr(bench, "BENCH_DIR", tmp_path)
    assert bench.main(["--rows", "300", "--only", "sqlite"]) == 0
    out = capsys.readouterr().out
    assert "bulk import of 300 meldingen" in out
    assert "sqlite    wall" in out and "floor" in out


def test_bench_linkage_runs() -> None:
    bench = _script("bench_linkage")
    out = bench.run_size(600, seed=3, ecm=True, incremental=True)
    assert out["meldingen"] == 600
    assert out["zicht"]["kandidaten"] > 0
    assert 0.0 <= out["zicht"]["nauwkeurigheid"]["cluster_recall"] <= 1.0
    assert out["ecm"]["kandidaten"] >= out["zicht"]["kandidaten"]
    assert out["incrementeel"]["meldingen"] == 200


_MSE_TINY = ["--runs", "1", "--fits", "2", "--nboot", "20", "--repeats", "1", "--no-parallel", "--datasets", "Korea"]


def test_bench_mse_stored_figures_are_labelled_and_never_divided(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bench = _script("bench_mse")
    bench.main([*_MSE_TINY, "--no-r", "--json", str(tmp_path / "mse.json")])
    out = capsys.readouterr().out
    assert "Korea" in out and "stored" in out and "zicht --help" in out
    assert "x " not in out.replace("x = ", "")  # no ratio line
    res = json.loads((tmp_path / "mse.json").read_text(encoding="utf-8"))
    korea = res["datasets"]["Korea"]
    assert res["sparsemse_measured"] is False and "sparsemse" not in korea["end_to_end"]
    assert "x_wall" not in korea["bootstrap"] and korea["load_before"] and res["run"]["load_after"]
    assert korea["end_to_end"]["zicht"]["cpu_s"]["p50"] > 0


def test_bench_mse_measures_sparsemse_side_by_side(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = _script("bench_mse")
    if bench.r_versions() is None:
        pytest.skip("Rscript with SparseMSE is not installed (docs/mse.md, Speed)")
    bench.main([*_MSE_TINY, "--json", str(tmp_path / "mse.json")])
    assert "measured in this run" in capsys.readouterr().out
    korea = json.loads((tmp_path / "mse.json").read_text(encoding="utf-8"))["datasets"]["Korea"]
    agree = korea["end_to_end"]["agreement"]
    assert agree["same_model"] and agree["zicht"]["model"] == ["b:c"]
    assert agree["max_rel_diff"] < 1e-9  # SparseMSE's own estimate, analytic limits and intercept
    assert korea["bootstrap"]["ahat_rel_diff"] < 1e-9  # the jackknife has no random draws
    for part in (korea["end_to_end"], korea["per_fit"]):
        assert part["x_wall_p50"] > 0 and part["x_cpu_p50"] > 0
    assert korea["end_to_end"]["sparsemse"]["cpu_s"]["p50"] > 0


def test_bench_insight_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Smoke mode: a tiny demo registry, a served app, both roles logged in; warm, new-vintage and load phases once."""
    bench = _script("bench_insight")
    uit = tmp_path / "insight.json"
    assert bench.main(["--snel", "--json", str(uit)]) == 0
    assert "dashboard" in capsys.readouterr().out.lower()
    res = json.loads(uit.read_text(encoding="utf-8"))
    assert res["register"]["meldingen"] > 0
    assert {w["rol"] for w in res["warm"]} == {"gemeente", "analist"}
    assert {w["soort"] for w in res["warm"]} == {"dashboard", "api", "download"}
    assert all(w["n"] == 2 and w["p95_ms"] is not None for w in res["warm"])
    assert res["nieuwe_stand"] and res["last"]["voltooid"] > 0
    assert res["last"]["triviaal_onder_last"]["n"] > 0
