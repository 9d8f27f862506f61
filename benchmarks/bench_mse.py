# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of zicht's MSE beside SparseMSE in R, measured in the same run when R is here (shared/docs/mse.md).

First the start-up alone, as processes: ``zicht --help`` (issue 11: below 0.5 s), the imports a fit needs step
by step (with ``OPENBLAS_NUM_THREADS=1``, as ``zicht mse estimate`` sets it) and, when R is here, ``Rscript`` with
and without loading SparseMSE. Then for every reference data set (``../shared/data/mse``), in this order:

1. **End to end, one fit as a user runs it**: ``zicht mse estimate FILE --json`` as a process (interpreter
   start-up and imports included) and, when R is here, ``Rscript`` loading SparseMSE, reading FILE and running
   ``estimatepopulation.0(method = "stepwise")``. The two commands alternate ``--runs`` times; wall time per
   process and CPU time from the children's rusage (user + system), as p50 and p95.
2. **Agreement**: the model, point estimate, intercept and analytic 95% limits printed by those very processes
   (zicht's JSON against R's output), with the largest relative difference.
3. **Per fit inside one process**: the first fit after start-up, then p50/p95 of ``--fits`` further fits in the
   same process (zicht: design caches cleared before each, so every fit is cold; R: no caches to clear).
4. **Bootstrap** (NewOrl, NewOrl_5, Kosovo, Korea): zicht's ``--nboot``-replicate BCa bootstrap in-process on one
   core (median of ``--repeats`` cold runs, wall and CPU) and once with one worker per core; SparseMSE's
   ``estimatepopulation`` with the same ``nboot`` and seed, timed in R (wall and CPU) and by the process
   rusage. The jackknife acceleration a-hat does not depend on random draws and must agree; the BCa limits
   agree only in distribution (different random number generators).

Every ratio ``x`` is R time / zicht time (above 1: zicht faster), computed only from figures measured in this
run, on this machine and load, and always printed beside the absolute p50/p95 it comes from. The load average
is printed before and after every data set. Without ``Rscript`` and SparseMSE (install: docs/mse.md, "Speed"),
or with ``--no-r``, the figures of shared/docs/mse.md §c.1/§c.3 (another machine and day) are printed in
columns labelled *stored* and no ratio is computed: dividing by a constant measured elsewhere is not a
measurement. Usage::

    .venv/bin/python benchmarks/bench_mse.py [--runs 10] [--fits 20] [--nboot 1000] [--seed 1234] [--repeats 3]
        [--datasets Korea,Kosovo] [--no-parallel] [--no-r-bootstrap] [--no-r] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_insight import percentiel  # one percentile for every benchmark
from zicht.analysis.mse import estimate, get_design, read_capture_csv
from zicht.analysis.mse.bootstrap import available_cores

ROOT = Path(__file__).resolve().parents[1]
REF = ROOT.parent / "shared" / "data" / "mse"

DATASETS = ("NewOrl", "NewOrl_5", "Kosovo", "Korea", "Artificial_3")

#: STORED SparseMSE 2.0.1 run times in seconds from shared/docs/mse.md (R 4.2.2 on another 2-core VM, another
#: day): stepwise fit inside R (§c.1) and 1000-replicate bootstrap (§c.3). Printed only when R is not measured
#: in this run, labelled as stored, and never divided by.
SPARSEMSE_FIT = {"NewOrl": 1.12, "NewOrl_5": 0.03, "Kosovo": 0.15, "Korea": 0.05, "Artificial_3": 0.01}
SPARSEMSE_BOOT = {"NewOrl": 1856.0, "NewOrl_5": 32.0, "Kosovo": 53.0, "Korea": 15.0}

# One stepwise fit as a user would run it: load the package, read FILE, fit, print the result.
_R_FIT = r"""
suppressMessages(library(SparseMSE))
d <- read.csv(commandArgs(TRUE)[1])
r <- estimatepopulation.0(d, method = "stepwise")
f <- r$MSEfit$fit
terms <- names(coef(f))
cat("model", c(terms[grepl(":", terms)], colnames(r$MSEfit$emptyoverlaps)), "\n")
cat("estimate", sprintf("%.17g", unname(r$estimate)), "\n")
cat("intercept", sprintf("%.17g", unname(coef(f)[1])), "\n")
"""

# The first fit after loading, then k more in the same process: wall (Sys.time, microseconds) and CPU per fit.
_R_FITS = r"""
suppressMessages(library(SparseMSE))
a <- commandArgs(TRUE)
d <- read.csv(a[1])
for (i in 0:as.integer(a[2])) {
  c0 <- proc.time(); t0 <- Sys.time()
  r <- estimatepopulation.0(d, method = "stepwise")
  t1 <- Sys.time(); c1 <- proc.time() - c0
  cat("fit", sprintf("%.6f", as.numeric(t1 - t0, units = "secs")), c1[["user.self"]] + c1[["sys.self"]], "\n")
}
"""

_R_BOOT = r"""
suppressMessages(library(SparseMSE))
a <- commandArgs(TRUE)
d <- read.csv(a[1])
c0 <- proc.time(); t0 <- Sys.time()
b <- estimatepopulation(d, nboot = as.integer(a[2]), iseed = as.integer(a[3]))
t1 <- Sys.time(); c1 <- proc.time() - c0
cat("time", sprintf("%.3f", as.numeric(t1 - t0, units = "secs")), c1[["user.self"]] + c1[["sys.self"]], "\n")
cat("popest", sprintf("%.17g", unname(b$popest)), "\n")
cat("ahat", sprintf("%.17g", b$ahat), "\n")
q <- b$BCaquantiles
cat("bca95", sprintf("%.17g", c(q[1], q[length(q)])), "\n")
"""


def spread(xs: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of a sample, with its size."""
    return {"n": len(xs), "p50": percentiel(xs, 50), "p95": percentiel(xs, 95)}


def load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


@dataclass
class Process:
    """One finished child process: wall seconds, CPU seconds from its rusage, and its stdout."""

    wall: float
    cpu: float
    stdout: str


def run_process(cmd: Sequence[str], env: dict[str, str] | None = None) -> Process:
    """Run ``cmd`` to completion; CPU time is the growth of RUSAGE_CHILDREN (user + system) across the run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    out = subprocess.run(list(cmd), capture_output=True, text=True, check=False, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[:3])} ... failed ({out.returncode}): {out.stderr.strip()[-500:]}")
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    return Process(wall, cpu, out.stdout)


def zicht_command() -> list[str]:
    """The ``zicht`` console script of this interpreter's environment, else ``python -m zicht``."""
    script = Path(sys.executable).with_name("zicht")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "zicht"]


def r_versions() -> dict[str, str] | None:
    """R and SparseMSE versions if ``Rscript`` with the SparseMSE package can run here, else None."""
    if shutil.which("Rscript") is None:
        return None
    probe = subprocess.run(
        [
            "Rscript",
            "-e",
            'suppressMessages(library(SparseMSE)); cat(R.version.string, "|", format(packageVersion("SparseMSE")),'
            ' "|", format(packageVersion("Rcapture")), "|", format(packageVersion("lpSolve")), "\\n")',
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if probe.returncode != 0:
        return None
    parts = [p.strip() for p in probe.stdout.split("|")]
    return dict(zip(("R", "SparseMSE", "Rcapture", "lpSolve"), parts, strict=False))


def parse_r_lines(text: str) -> dict[str, list[str]]:
    """R's ``key value value ...`` lines as a dict."""
    return {parts[0]: parts[1:] for line in text.splitlines() if (parts := line.split())}


def agreement(zicht_json: str, r_out: str) -> dict[str, Any]:
    """zicht's single-fit result against SparseMSE's, both as printed by the timed processes."""
    z = json.loads(zicht_json)
    r = parse_r_lines(r_out)
    z95 = next(i for i in z["intervals"] if i["method"] == "analytic" and i["level"] == 0.95)
    zv = {"estimate": z["estimate"], "low95": z95["low"], "high95": z95["high"], "intercept": z["intercept"]}
    r_low, r_est, r_high = (float(v) for v in r["estimate"])
    rv = {"estimate": r_est, "low95": r_low, "high95": r_high, "intercept": float(r["intercept"][0])}
    rel = {k: abs(zv[k] - rv[k]) / abs(rv[k]) for k in zv}
    z_model = sorted(z["model"])
    r_model = sorted(r.get("model", []))
    return {
        "zicht": zv | {"model": z_model},
        "sparsemse": rv | {"model": r_model},
        "same_model": z_model == r_model,
        "max_rel_diff": max(rel.values()),
    }


def time_processes(path: Path, runs: int, with_r: bool) -> dict[str, Any]:
    """Alternating end-to-end runs of zicht and (when here) R on one file; figures and the printed results."""
    zicht_cmd = [*zicht_command(), "mse", "estimate", str(path), "--json"]
    r_cmd = ["Rscript", "-e", _R_FIT, str(path)]
    z_runs: list[Process] = []
    r_runs: list[Process] = []
    for _ in range(runs):
        z_runs.append(run_process(zicht_cmd))
        if with_r:
            r_runs.append(run_process(r_cmd))
    out: dict[str, Any] = {
        "zicht": {
            "command": f"zicht mse estimate {path.name} --json",
            "wall_s": spread([p.wall for p in z_runs]),
            "cpu_s": spread([p.cpu for p in z_runs]),
        }
    }
    if with_r:
        out["sparsemse"] = {
            "command": f"Rscript -e '<library(SparseMSE); read.csv; estimatepopulation.0(stepwise)>' {path.name}",
            "wall_s": spread([p.wall for p in r_runs]),
            "cpu_s": spread([p.cpu for p in r_runs]),
        }
        out["agreement"] = agreement(z_runs[0].stdout, r_runs[0].stdout)
        out["agreement"]["every_run_same_output"] = (
            len({p.stdout for p in z_runs}) == 1 and len({p.stdout for p in r_runs}) == 1
        )
        out["x_wall_p50"] = out["sparsemse"]["wall_s"]["p50"] / out["zicht"]["wall_s"]["p50"]
        out["x_cpu_p50"] = out["sparsemse"]["cpu_s"]["p50"] / out["zicht"]["cpu_s"]["p50"]
    return out


def time_help(runs: int) -> dict[str, Any]:
    """``zicht --help`` as a process: wall and CPU p50/p95 (issue 11: below 0.5 s)."""
    procs = [run_process([*zicht_command(), "--help"]) for _ in range(runs)]
    return {"wall_s": spread([p.wall for p in procs]), "cpu_s": spread([p.cpu for p in procs])}


#: What a single ``zicht mse estimate`` must import, step by step, and R's start-up: where the end-to-end time goes.
_FLOOR = (
    ("python -c pass", "pass"),
    ("import numpy", "import numpy"),
    ("import numpy, click, highspy, json", "import numpy, click, highspy, json"),
    (
        "  + scipy.special, scipy.linalg.lapack",
        "import numpy, click, highspy, json, scipy.special, scipy.linalg.lapack",
    ),
    ("  + scipy.optimize", "import numpy, click, highspy, json, scipy.special, scipy.linalg.lapack, scipy.optimize"),
)
_R_FLOOR = (("Rscript -e 1", "1"), ("Rscript -e 'library(SparseMSE)'", "suppressMessages(library(SparseMSE))"))


def time_floor(runs: int, with_r: bool) -> dict[str, dict[str, Any]]:
    """Start-up of the interpreters and of the imports a fit needs, as processes (alternating, ``runs`` each).

    The Python processes get ``OPENBLAS_NUM_THREADS=1`` unless it is set, as ``zicht mse estimate`` does.
    """
    env = dict(os.environ)
    env.setdefault("OPENBLAS_NUM_THREADS", "1")
    cmds = {label: [sys.executable, "-c", code] for label, code in _FLOOR}
    if with_r:
        cmds |= {label: ["Rscript", "-e", code] for label, code in _R_FLOOR}
    procs: dict[str, list[Process]] = {label: [] for label in cmds}
    for _ in range(runs):
        for label, cmd in cmds.items():
            procs[label].append(run_process(cmd, env))
    return {
        label: {"wall_s": spread([p.wall for p in ps]), "cpu_s": spread([p.cpu for p in ps])}
        for label, ps in procs.items()
    }


def time_fits_zicht(path: Path, fits: int) -> dict[str, Any]:
    """First fit in this process (for the first data set: also the first after import), then ``fits`` cold fits."""
    table = read_capture_csv(path)
    walls, cpus = [], []
    for _ in range(fits + 1):
        get_design.cache_clear()
        start, cpu = time.perf_counter(), time.process_time()
        estimate(table)
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - cpu)
    return {"first_wall_s": walls[0], "wall_s": spread(walls[1:]), "cpu_s": spread(cpus[1:])}


def time_fits_r(path: Path, fits: int) -> dict[str, Any]:
    """The same in one ``Rscript`` process: first fit after loading SparseMSE, then ``fits`` more."""
    proc = run_process(["Rscript", "-e", _R_FITS, str(path), str(fits)])
    rows = [line.split()[1:] for line in proc.stdout.splitlines() if line.startswith("fit ")]
    walls = [float(w) for w, _ in rows]
    cpus = [float(c) for _, c in rows]
    return {"first_wall_s": walls[0], "wall_s": spread(walls[1:]), "cpu_s": spread(cpus[1:])}


def time_bootstrap(path: Path, nboot: int, seed: int, workers: int) -> dict[str, Any]:
    """Wall and CPU time (this process only) of a cold estimate with a BCa bootstrap, and its a-hat and limits."""
    get_design.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    result = estimate(path, bootstrap=nboot, seed=seed, workers=workers)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert result.bootstrap is not None
    bca = result.interval("bca", 0.95)
    return {
        "wall_s": elapsed,
        "cpu_s": cpu,
        "workers": result.bootstrap.workers,
        "ahat": result.bootstrap.acceleration,
        "bca95": [bca.low, bca.high],
    }


def time_bootstrap_r(path: Path, nboot: int, seed: int) -> dict[str, Any]:
    proc = run_process(["Rscript", "-e", _R_BOOT, str(path), str(nboot), str(seed)])
    r = parse_r_lines(proc.stdout)
    return {
        "wall_s": float(r["time"][0]),
        "cpu_s": float(r["time"][1]),
        "process_wall_s": proc.wall,
        "process_cpu_s": proc.cpu,
        "popest": float(r["popest"][0]),
        "ahat": float(r["ahat"][0]),
        "bca95": [float(v) for v in r["bca95"]],
    }


def _s(d: dict[str, float]) -> str:
    """p50/p95 in seconds, or in ms below a second."""
    if d["p95"] < 1:
        return f"{d['p50'] * 1e3:6.1f} / {d['p95'] * 1e3:6.1f} ms"
    return f"{d['p50']:6.2f} / {d['p95']:6.2f} s "


def _row(label: str, first: float | None, figures: dict[str, Any], note: str = "") -> str:
    head = f"{first * 1e3:>7.1f}ms" if first is not None else ""
    return f"    {label:<10} {head:>9}   {_s(figures['wall_s']):>22}   {_s(figures['cpu_s']):>22}   {note}".rstrip()


def _ratio(figures: dict[str, Any]) -> str:
    wall, cpu = figures["x_wall_p50"], figures["x_cpu_p50"]
    return f"    {'x':<10} {'':>9}   {wall:>21.2f}x   {cpu:>21.2f}x   (p50 R / p50 zicht)"


def _agreement(agree: dict[str, Any]) -> str:
    z, r = agree["zicht"], agree["sparsemse"]
    model = ", ".join(z["model"]) or "main effects"
    same = "same" if agree["same_model"] else "DIFFERENT: R " + (", ".join(r["model"]) or "main effects")
    return (
        f"  agreement    model {model} ({same}); estimate {z['estimate']:,.6f} vs {r['estimate']:,.6f};"
        f" 95% {z['low95']:,.3f} - {z['high95']:,.3f} vs {r['low95']:,.3f} - {r['high95']:,.3f};"
        f" max rel. diff {agree['max_rel_diff']:.1e}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="end-to-end process runs per side and data set")
    parser.add_argument("--fits", type=int, default=20, help="fits after the first, inside one process")
    parser.add_argument("--nboot", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1234)
    parser.add_argument("--repeats", type=int, default=3, help="in-process bootstrap runs per data set (median)")
    parser.add_argument(
        "--datasets", default=",".join(DATASETS), help="comma-separated subset of " + ", ".join(DATASETS)
    )
    parser.add_argument("--no-parallel", action="store_true", help="skip the bootstrap with one worker per core")
    parser.add_argument(
        "--no-r-bootstrap", action="store_true", help="do not run SparseMSE's bootstrap (NewOrl: tens of minutes)"
    )
    parser.add_argument("--no-r", action="store_true", help="do not run R even if it is here (stored figures)")
    parser.add_argument("--json", type=Path, default=None, help="also write every figure to this JSON file")
    args = parser.parse_args(argv)
    names = [n.strip() for n in args.datasets.split(",") if n.strip()]
    unknown = sorted(set(names) - set(DATASETS))
    if unknown:
        raise SystemExit(f"unknown data set(s): {', '.join(unknown)}")
    if not REF.is_dir():
        raise SystemExit(f"reference data not found at {REF}")
    runs, fits = max(args.runs, 1), max(args.fits, 1)
    cores = available_cores()
    load_before = load()
    versions = None if args.no_r else r_versions()
    r_here = versions is not None
    wall0, cpu0, children0 = time.perf_counter(), time.process_time(), resource.getrusage(resource.RUSAGE_CHILDREN)
    report: dict[str, Any] = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
        "machine": {"cores": os.cpu_count(), "cores_available": cores, "cpu": _cpu_model(), "load_before": load_before},
        "software": {
            "python": platform.python_version(),
            "sparsemse": versions,
            "OPENBLAS_NUM_THREADS": os.environ.get("OPENBLAS_NUM_THREADS"),
        },
        "settings": vars(args) | {"json": str(args.json) if args.json else None},
        "code": _git_head(),
        "sparsemse_measured": r_here,
        "datasets": {},
    }
    print(
        f"zicht MSE benchmark, {report['date']}: {cores} of {os.cpu_count()} cores ({_cpu_model()}), load {load_before}"
    )
    if r_here:
        assert versions is not None
        print(
            f"SparseMSE {versions.get('SparseMSE')} (Rcapture {versions.get('Rcapture')}, lpSolve "
            f"{versions.get('lpSolve')}), {versions.get('R')}: measured in this run. x = R time / zicht time "
            "(above 1: zicht faster), from p50s of this run."
        )
    else:
        print("SparseMSE: not measured in this run (Rscript with SparseMSE not found, or --no-r). Figures marked")
        print("'stored' are shared/docs/mse.md §c.1/§c.3 (another machine and day), for orientation; no ratio.")
    print(
        f"end to end: p50 / p95 of {runs} alternating process runs; CPU = the child's user + system rusage. "
        f"per fit: first fit, then p50 / p95 of {fits} more in one process.\n"
    )
    hulp = time_help(runs)
    report["zicht_help"] = hulp
    print(f"start-up {'':>39} {'wall p50 / p95':>22}   {'CPU p50 / p95':>22}")
    print(f"  {'zicht --help':<46} {_s(hulp['wall_s']):>22}   {_s(hulp['cpu_s']):>22}")
    floor = time_floor(runs, r_here)
    report["start_up"] = floor
    for label, figures in floor.items():
        print(f"  {label:<46} {_s(figures['wall_s']):>22}   {_s(figures['cpu_s']):>22}")
    print()
    for name in names:
        path = REF / f"{name}.csv"
        entry: dict[str, Any] = {"load_before": load()}
        print(f"{name}  (load before {entry['load_before']})")
        proc = time_processes(path, runs, r_here)
        entry["end_to_end"] = proc
        print(f"  end to end   {'':>9}   {'wall p50 / p95':>22}   {'CPU p50 / p95':>22}")
        print(_row("zicht", None, proc["zicht"], proc["zicht"]["command"]))
        if r_here:
            print(_row("SparseMSE", None, proc["sparsemse"], "Rscript"))
            print(_ratio(proc))
            print(_agreement(proc["agreement"]))
        else:
            print(f"    SparseMSE  {SPARSEMSE_FIT[name]:>13.2f} s fit (stored, inside R; not a process time)")
        zf = time_fits_zicht(path, fits)
        entry["per_fit"] = {"zicht": zf}
        print(f"  per fit      {'first':>9}   {'wall p50 / p95':>22}   {'CPU p50 / p95':>22}")
        print(_row("zicht", zf["first_wall_s"], zf))
        if r_here:
            rf = time_fits_r(path, fits)
            entry["per_fit"]["sparsemse"] = rf
            entry["per_fit"]["x_wall_p50"] = rf["wall_s"]["p50"] / zf["wall_s"]["p50"]
            entry["per_fit"]["x_cpu_p50"] = rf["cpu_s"]["p50"] / zf["cpu_s"]["p50"]
            print(_row("SparseMSE", rf["first_wall_s"], rf))
            print(_ratio(entry["per_fit"]))
        if name in SPARSEMSE_BOOT:
            entry["bootstrap"] = _bootstrap(path, name, args, cores, r_here)
        entry["load_after"] = load()
        print(f"  (load after {entry['load_after']})\n", flush=True)
        report["datasets"][name] = entry
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report["run"] = {
        "wall_s": round(time.perf_counter() - wall0, 1),
        "cpu_self_s": round(time.process_time() - cpu0, 1),
        "cpu_children_s": round(children.ru_utime + children.ru_stime - children0.ru_utime - children0.ru_stime, 1),
        "load_before": load_before,
        "load_after": load(),
    }
    if not r_here:
        print("stored: figure from shared/docs/mse.md, not measured in this run")
    run = report["run"]
    print(
        f"run: wall {run['wall_s']} s, CPU this process {run['cpu_self_s']} s, children {run['cpu_children_s']} s; "
        f"load before {load_before}, after {run['load_after']}"
    )
    if args.json is not None:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def _bootstrap(path: Path, name: str, args: argparse.Namespace, cores: int, r_here: bool) -> dict[str, Any]:
    runs = [time_bootstrap(path, args.nboot, args.seed, workers=1) for _ in range(max(args.repeats, 1))]
    out: dict[str, Any] = {
        "zicht": {
            "wall_s": statistics.median(r["wall_s"] for r in runs),
            "cpu_s": statistics.median(r["cpu_s"] for r in runs),
            "runs": len(runs),
            "ahat": runs[0]["ahat"],
            "bca95": runs[0]["bca95"],
        }
    }
    z = out["zicht"]
    print(
        f"  bootstrap    {args.nboot} replicates, seed {args.seed}; zicht in-process, 1 core, median of {len(runs)}: "
        f"wall {z['wall_s']:.2f} s, CPU {z['cpu_s']:.2f} s"
    )
    if not args.no_parallel:
        par = time_bootstrap(path, args.nboot, args.seed, workers=cores)
        out["zicht_workers"] = {"workers": par["workers"], "wall_s": par["wall_s"]}
        print(f"    zicht with {par['workers']} worker(s): wall {par['wall_s']:.2f} s")
    if r_here and not args.no_r_bootstrap:
        rb = time_bootstrap_r(path, args.nboot, args.seed)
        out["sparsemse"] = rb
        out["x_wall"] = rb["wall_s"] / z["wall_s"]
        out["x_cpu"] = rb["cpu_s"] / z["cpu_s"]
        out["ahat_rel_diff"] = abs(z["ahat"] - rb["ahat"]) / abs(rb["ahat"])
        print(
            f"    SparseMSE estimatepopulation: wall {rb['wall_s']:.1f} s, CPU {rb['cpu_s']:.1f} s (process: wall "
            f"{rb['process_wall_s']:.1f} s, CPU {rb['process_cpu_s']:.1f} s); x {out['x_wall']:.0f} wall, "
            f"{out['x_cpu']:.0f} CPU"
        )
        print(
            f"    a-hat {z['ahat']:.6f} vs {rb['ahat']:.6f} (rel. diff {out['ahat_rel_diff']:.1e}); BCa 95% "
            f"{z['bca95'][0]:,.1f} - {z['bca95'][1]:,.1f} vs {rb['bca95'][0]:,.1f} - {rb['bca95'][1]:,.1f} "
            "(other random draws: equal only in distribution)"
        )
    else:
        why = "--no-r-bootstrap" if r_here else "stored"
        print(
            f"    SparseMSE {SPARSEMSE_BOOT[name] * args.nboot / 1000:.1f} s ({why}: §c.3 scaled to {args.nboot} "
            f"replicates; not measured here, no ratio); BCa 95% zicht {z['bca95'][0]:,.1f} - {z['bca95'][1]:,.1f}"
        )
    return out


def _git_head() -> str | None:
    out = subprocess.run(["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    return out.stdout.strip() or None


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


if __name__ == "__main__":
    main()
