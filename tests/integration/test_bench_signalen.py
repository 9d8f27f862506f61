# SPDX-License-Identifier: EUPL-1.2
"""The signalen benchmark still runs end to end at a tiny size (figures are measured by the script, never
asserted)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmarks")]


def test_bench_signalen_runs() -> None:
    spec = importlib.util.spec_from_file_location("_bench_signalen", REPO_ROOT / "benchmarks" / "bench_signalen.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    out = module.run_size(600)
    assert out["advertenties"] == 600
    assert out["pijplijn"]["clusters"] > 0
    assert set(out["pijplijn"]["stappen"]) == {"normaliseren", "tekstclusters", "contactgraaf", "rangschikken"}
    update = out["dagelijkse_update"]
    assert update["dagen"] == 7 and len(update["per_dag"]) == 7
    assert sum(d["nieuwe_advertenties"] for d in update["per_dag"]) < 600
    assert update["gelijk_aan_volledig"] is True  # the incremental window ends where re-clustering ends
    assert out["exacte_hash"]["groepen"] > 0
