# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of zicht's MSE, beside SparseMSE run in the same run when R is here (shared/docs/mse.md §c.1, §c.3).

For every reference data set: the stepwise fit (point estimate, analytic interval and diagnostics; median of
repeated warm runs), the same single fit end to end as a user runs it (``zicht mse estimate FILE --json`` as a
process, start-up included), and the full 1000-replicate BCa bootstrap (in-process on one core, median wall
and CPU time of ``--repeats`` cold runs, and once with one worker process per core).

**SparseMSE side by side.** When ``Rscript`` with the SparseMSE package is installed (``apt-get install
r-base-core`` and, from CRAN, ``Rscript -e 'install.packages("SparseMSE")'``), the same fits and bootstraps
are timed in R in this run, on this machine and load, and the ratios are computed from those. Otherwise the
figures of mse.md (R 4.2.2 on another 2-core VM, another day) are printed in their own columns labelled
*stored*, and no ratio is printed: dividing by a constant measured elsewhere is not a measurement. Usage::

    .venv/bin/python benchmarks/bench_mse.py [--nboot 1000] [--seed 1234] [--repeats 5] [--datasets Korea,Kosovo]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from zicht.analysis.mse import estimate, get_design
from zicht.analysis.mse.bootstrap import available_cores

REF = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mse"

#: STORED SparseMSE 2.0.1 run times in seconds from mse.md (another machine and day): stepwise fit (§c.1) and
#: 1000-replicate bootstrap (§c.3). Printed for orientation only, never divided by.
SPARSEMSE_FIT = {"NewOrl": 1.12, "NewOrl_5": 0.03, "Kosovo": 0.15, "Korea": 0.05, "Artificial_3": 0.01}
SPARSEMSE_BOOT = {"NewOrl": 1856.0, "NewOrl_5": 32.0, "Kosovo": 53.0, "Korea": 15.0}


def time_fit(path: Path, repeats: int = 9) -> tuple[float, float]:
    """Median and minimum wall time of a cold estimate (imports warm, design and check caches cleared)."""
    estimate(path)  # warm imports
    times = []
    for _ in range(repeats):
        get_design.cache_clear()
        start = time.perf_counter()
        estimate(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times), min(times)


def time_bootstrap(path: Path, nboot: int, seed: int, workers: int) -> tuple[float, float, int, tuple[float, float]]:
    """Wall and CPU time (this process only) of a cold estimate with a BCa bootstrap."""
    get_design.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    result = estimate(path, bootstrap=nboot, seed=seed, workers=workers)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.bootstrap is not None
    bca = result.interval("bca", 0.95)
    return elapsed, cpu, result.bootstrap.workers, (bca.low, bca.high)


DATASETS = ("NewOrl", "NewOrl_5", "Kosovo", "Korea", "Artificial_3")

_R_FIT = """
suppressMessages(library(SparseMSE))
d <- read.csv(commandArgs(TRUE)[1])
t <- system.time(estimatepopulation.0(d, method = "stepwise"))
cat(t[["elapsed"]], "\\n")
"""
_R_BOOT = """
suppressMessages(library(SparseMSE))
a <- commandArgs(TRUE)
d <- read.csv(a[1])
t <- system.time(estimatepopulation(d, nboot = as.integer(a[2]), iseed = as.integer(a[3])))
cat(t[["elapsed"]], "\\n")
"""


def sparsemse_available() -> bool:
    """Whether ``Rscript`` with the SparseMSE package can run here."""
    if shutil.which("Rscript") is None:
        return False
    check = subprocess.run(["Rscript", "-e", "library(SparseMSE)"], capture_output=True, check=False)
    return check.returncode == 0


def time_r(script: str, *args: str) -> tuple[float, float]:
    """(wall seconds of the whole ``Rscript`` process, seconds R reports for the call itself)."""
    start = time.perf_counter()
    out = subprocess.run(["Rscript", "-e", script, *args], capture_output=True, text=True, check=True)
    return time.perf_counter() - start, float(out.stdout.split()[-1])


def time_cli(path: Path, repeats: int = 5) -> tuple[float, float]:
    """Median wall and CPU time of ``zicht mse estimate FILE --json`` as a separate process (start-up included)."""
    walls, cpus = [], []
    for _ in range(repeats):
        before = os.times()
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "zicht", "mse", "estimate", str(path), "--json"], capture_output=True, check=True
        )
        walls.append(time.perf_counter() - start)
        after = os.times()
        cpus.append(after.children_user + after.children_system - before.children_user - before.children_system)
    return statistics.median(walls), statistics.median(cpus)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nboot", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--repeats", type=int, default=3, help="in-process bootstrap runs per data set (median)")
    parser.add_argument(
        "--datasets", default=",".join(DATASETS), help="comma-separated subset of " + ", ".join(DATASETS)
    )
    parser.add_argument("--no-parallel", action="store_true", help="skip the run with one worker per core")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.datasets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(DATASETS))
    if unknown:
        raise SystemExit(f"unknown data set(s): {', '.join(unknown)}")
    if not REF.is_dir():
        raise SystemExit(f"reference data not found at {REF}")
    cores = available_cores()
    load_before = os.getloadavg()
    r_here = sparsemse_available()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    print(f"zicht MSE benchmark: {args.nboot} replicates, seed {args.seed}, {cores} cores, load {load_before}")
    if r_here:
        print("SparseMSE: measured in this run (Rscript); ratios x = R time / zicht time, same machine and load")
    else:
        print("SparseMSE: Rscript with SparseMSE not found here. Columns 'R stored' are mse.md §c.1/§c.3 (another")
        print("machine and day), shown for orientation; no ratio is computed from them.")
    print("fit: median and minimum wall time of 9 warm in-process runs; cli: median wall / CPU of 5 runs of")
    print("'zicht mse estimate FILE --json' as a process; bootstrap: median wall and CPU of --repeats cold runs on one")
    print("core, then wall with one worker per core.\n")
    header = (
        f"{'data set':<13}{'fit':>9}{'min':>8}{'cli wall':>10}{'cli cpu':>9}{'R fit':>10}{'R proc':>9}{'x cli':>7}"
        f" | {'1 core':>8}{'cpu':>8}{'cores':>6}{'all':>8}{'R boot':>10}{'x':>6} | BCa 95% (zicht, seed)"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        path = REF / f"{name}.csv"
        fit, fit_min = time_fit(path)
        cli_wall, cli_cpu = time_cli(path)
        line = f"{name:<13}{fit * 1e3:>7.1f}ms{fit_min * 1e3:>6.1f}ms{cli_wall:>9.2f}s{cli_cpu:>8.2f}s"
        if r_here:
            r_proc, r_fit = time_r(_R_FIT, str(path))
            line += f"{r_fit:>9.2f}s{r_proc:>8.2f}s{r_proc / cli_wall:>6.1f}x"
        else:
            line += f"{SPARSEMSE_FIT[name]:>8.2f}s*{'-':>9}{'-':>7}"
        if name in SPARSEMSE_BOOT:
            runs = [time_bootstrap(path, args.nboot, args.seed, workers=1) for _ in range(max(args.repeats, 1))]
            serial = statistics.median(run[0] for run in runs)
            cpu = statistics.median(run[1] for run in runs)
            bca = runs[0][3]
            line += f" | {serial:>7.2f}s{cpu:>7.2f}s"
            if args.no_parallel:
                line += f"{'-':>6}{'-':>8}"
            else:
                parallel, _, used, _ = time_bootstrap(path, args.nboot, args.seed, workers=cores)
                line += f"{used:>6d}{parallel:>7.2f}s"
            if r_here:
                _, r_boot = time_r(_R_BOOT, str(path), str(args.nboot), str(args.seed))
                line += f"{r_boot:>9.1f}s{r_boot / serial:>5.0f}x"
            else:
                line += f"{SPARSEMSE_BOOT[name] * args.nboot / 1000:>8.1f}s*{'-':>6}"
            line += f" | {bca[0]:,.1f} - {bca[1]:,.1f}"
        else:
            line += " | (no bootstrap reference)"
        print(line, flush=True)
    if not r_here:
        print("\n* stored figure from mse.md, not measured in this run")
    print(
        f"\nrun: wall {time.perf_counter() - wall0:.1f} s, CPU this process {time.process_time() - cpu0:.1f} s; "
        f"load before {load_before}, after {os.getloadavg()}"
    )


if __name__ == "__main__":
    main()
