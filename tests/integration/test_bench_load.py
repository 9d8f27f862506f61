# SPDX-License-Identifier: EUPL-1.2
"""``benchmarks/bench_load.py`` still runs end to end at a tiny size (smoke mode on SQLite): a served app, every
role's clients, every kind of request measured and the trivial endpoint probed. The figures themselves are
measured by running the script (docs/statistieken.md) and never asserted here."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("benchmarks")]


def test_bench_load_runs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    spec = importlib.util.spec_from_file_location("_bench_load", REPO_ROOT / "benchmarks" / "bench_load.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = bench
    spec.loader.exec_module(bench)
    status = bench.main(["--snel", "--db", "sqlite", "--uit", str(tmp_path), "--naam", "bl"])
    assert "bench_load" in capsys.readouterr().out
    res = json.loads((tmp_path / "bl.json").read_text(encoding="utf-8"))
    assert (tmp_path / "bl.txt").read_text(encoding="utf-8").startswith("bench_load")
    [db] = res["databases"]
    assert db["database"] == "sqlite" and db["register"]["meldingen"] > 0
    per_soort = {s["soort"]: s for s in db["per_soort"]}
    for soort in ("pagina", "statistiek-pagina", "statistiek-api", "melding", "upload", "triviaal"):
        assert per_soort[soort]["n"] > 0, soort
    assert db["oordeel"]["uploads_voltooid"] >= 1
    assert set(db["clients"]) == {"gemeente", "analist", "melder", "beheerder", "opvang", "identiteit"}
    assert all(db["paginas"][rol] for rol in db["clients"])  # every role has pages in the mix
    assert db["server"]["cpu_last_s"] is not None and len(db["load"]["start"]) == 3
    # the exit status follows the verdict: any error, or the trivial endpoint's p95 at 1 s or more
    fouten = sum(s["fouten"] for s in db["per_soort"]) + len(db["paginas_fout_bij_start"])
    assert db["oordeel"]["fouten"] == fouten
    assert status == (1 if fouten or not db["oordeel"]["triviaal_p95_gehaald"] else 0)
