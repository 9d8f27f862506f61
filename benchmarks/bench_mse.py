# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of zicht's MSE against SparseMSE's run times (shared/docs/mse.md §c.1 and §c.3).

For every reference data set: the stepwise fit (point estimate, analytic interval and diagnostics; median of
repeated warm runs) and the full 1000-replicate BCa bootstrap (point estimate, jackknife, 1000 replicates each
rerunning the stepwise choice), in-process on one core (median wall and CPU time of ``--repeats`` cold runs)
and once with one worker process per core.

SparseMSE's times were measured on a 2-core VM; its bootstrap jobs ran two side by side, about one core each
(§c.3). On a shared machine compare the CPU column: wall time then includes waiting for a core. Usage::

    .venv/bin/python benchmarks/bench_mse.py [--nboot 1000] [--seed 1234] [--repeats 5] [--datasets Korea,Kosovo]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from zicht.analysis.mse import estimate, get_design
from zicht.analysis.mse.bootstrap import available_cores

REF = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "mse"

#: SparseMSE 2.0.1 run times in seconds: stepwise fit (§c.1) and 1000-replicate bootstrap (§c.3).
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
    load = os.getloadavg()[0]
    print(f"zicht MSE benchmark: {args.nboot} replicates, seed {args.seed}, {cores} cores, load average {load:.2f}")
    print("SparseMSE times: fit §c.1, bootstrap §c.3 of shared/docs/mse.md (R 4.2.2, about one core per job)")
    print("fit: median and minimum wall time of 9 cold runs; x = SparseMSE time / zicht median")
    print(f"bootstrap: median wall time in-process (1 core) and median CPU seconds of {args.repeats} cold runs, then")
    print("wall time with one worker per core; x = SparseMSE time / that zicht time. On a loaded machine wall time")
    print("exceeds CPU time.\n")
    header = (
        f"{'data set':<13}{'fit R':>7}{'median':>9}{'min':>8}{'x':>6} | {'boot R':>7}{'1 core':>8}{'x':>6}"
        f"{'cpu':>7}{'x':>6}{'cores':>6}{'all':>8}{'x':>6} | BCa 95% (zicht, seed)"
    )
    print(header)
    print("-" * len(header))
    for name in names:
        path = REF / f"{name}.csv"
        fit, fit_min = time_fit(path)
        r_fit = SPARSEMSE_FIT[name]
        line = f"{name:<13}{r_fit:>6.2f}s{fit * 1e3:>7.1f}ms{fit_min * 1e3:>6.1f}ms{r_fit / fit:>5.0f}x"
        if name in SPARSEMSE_BOOT:
            runs = [time_bootstrap(path, args.nboot, args.seed, workers=1) for _ in range(max(args.repeats, 1))]
            serial = statistics.median(run[0] for run in runs)
            cpu = statistics.median(run[1] for run in runs)
            bca = runs[0][3]
            r = SPARSEMSE_BOOT[name] * args.nboot / 1000
            line += f" | {r:>6.0f}s{serial:>7.2f}s{r / serial:>5.0f}x{cpu:>6.2f}s{r / cpu:>5.0f}x"
            if args.no_parallel:
                line += f"{'-':>6}{'-':>8}{'-':>6}"
            else:
                parallel, _, used, _ = time_bootstrap(path, args.nboot, args.seed, workers=cores)
                line += f"{used:>6d}{parallel:>7.2f}s{r / parallel:>5.0f}x"
            line += f" | {bca[0]:,.1f} - {bca[1]:,.1f}"
        else:
            line += " | (no bootstrap reference)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
