# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the signalen batch pipeline end to end on synthetic ads, beside an exact-hash baseline.

For each size (default 10,000 and 100,000 ads; 1,000,000 on request) it runs, in a fresh process so peak
memory is per size:

* **pipeline** - ``zicht.signalen.pijplijn``: normalise (phones, contacts to keyed hashes, gemeente, price,
  language, indicators, DuckDB price medians), MinHash-LSH micro-clusters, contact graph, ranking. Ads per
  second per stage and end to end, wall and CPU time, peak RSS;
* **daily update** - the last day's ads (1/28 of the window) arrive: normalise only them (normalised ads of
  earlier days are kept), then cluster and rank the whole window again. Its latency is what a daily run costs;
* **exact-hash baseline** - grouping the same ads by a hash of their normalised text, in the same run;
* the machine: cores and load average before and after (the machine is shared; figures vary with load).

Usage: ``python benchmarks/bench_signalen.py [SIZE ...] [--seed N]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "nl"


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def run_size(size: int, seed: int = 1) -> dict[str, Any]:
    """Figures for one size (call in a fresh process for a per-size peak RSS)."""
    from zicht.reference import load_reference
    from zicht.signalen.pijplijn import Instellingen, cluster_en_rangschik, verwerk
    from zicht.signalen.prijzen import markeer_lage_prijzen
    from zicht.signalen.verwerk import Normaliseerder, sleutel_pseudoniem
    from zicht.synth.advertenties import WereldConfig, genereer

    referentie = load_reference(REFERENCE_DIR)
    load_voor = os.getloadavg()
    wereld = genereer(WereldConfig(advertenties=size, seed=seed))
    ads = wereld.advertenties
    pseudoniem = sleutel_pseudoniem(b"bench")

    wall, cpu = time.perf_counter(), _cpu()
    res = verwerk(ads, referentie, pseudoniem)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    stages = {k: {"seconden": round(v, 3), "ads_per_s": round(size / v) if v else None} for k, v in res.tijden.items()}

    # daily update: the newest 1/28 of the ads are new; the rest stay normalised from the day before
    nieuw = max(1, size // 28)
    oud = Normaliseerder(referentie, pseudoniem).alle(ads[:-nieuw])
    t = time.perf_counter()
    vandaag = Normaliseerder(referentie, pseudoniem).alle(ads[-nieuw:], begin=len(oud))
    venster = oud + vandaag
    markeer_lage_prijzen(venster)
    cluster_en_rangschik(venster, Instellingen())
    dagelijks = time.perf_counter() - t

    t = time.perf_counter()
    groepen: dict[str, int] = {}
    for i, a in enumerate(ads):
        tekst = " ".join(f"{a['titel']} {a['tekst']}".lower().split())
        groepen.setdefault(hashlib.sha256(tekst.encode()).hexdigest(), i)
    exact = time.perf_counter() - t
    return {
        "advertenties": size,
        "cores": os.cpu_count(),
        "load_voor": [round(x, 2) for x in load_voor],
        "load_na": [round(x, 2) for x in os.getloadavg()],
        "pijplijn": {
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "ads_per_s": round(size / wall),
            "stappen": stages,
            "clusters": len(res.clusters),
        },
        "dagelijkse_update": {"nieuwe_advertenties": nieuw, "seconden": round(dagelijks, 2)},
        "exacte_hash": {"seconden": round(exact, 3), "ads_per_s": round(size / exact), "groepen": len(groepen)},
        "piek_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--in-process", action="store_true", help="Run one size in this process (internal).")
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(run_size(args.sizes[0], args.seed)))
        return 0
    for size in args.sizes:
        command = [sys.executable, __file__, str(size), "--seed", str(args.seed), "--in-process"]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        print(json.dumps(json.loads(done.stdout.strip().splitlines()[-1]), indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
