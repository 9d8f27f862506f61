# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the signalen batch pipeline end to end on synthetic ads, beside an exact-hash baseline.

For each size (default 10,000 and 100,000 ads; 1,000,000 on request) it runs, in a fresh process so peak
memory is per size:

* **pipeline** - ``zicht.signalen.pijplijn.verwerk``: normalise (phones, contacts to keyed hashes, gemeente,
  price, language, indicators, DuckDB price medians; ``--arbeiders`` worker processes), MinHash-LSH
  micro-clusters, contact graph, ranking. Ads per second per stage and end to end, wall and CPU time (this
  process and its workers), peak RSS;
* **daily update** - the window's ads up to the last ``--dagen`` days (7) are yesterday's state
  (:class:`zicht.signalen.venster.Venster`); then each of those days arrives in turn: normalise the day's ads,
  re-mark prices against the window, and add them to the window (incremental: only what the new ads touch is
  re-clustered and re-ranked). Latency per day, median and maximum, and for comparison the full re-clustering
  of the final window (what a daily run cost before), with a check that both give the same clusters;
* **exact-hash baseline** - grouping the same ads by a hash of their normalised text, in the same run;
* the machine: cores, and the load average before, during (sampled every 5 s) and after.

Usage: ``python benchmarks/bench_signalen.py [SIZE ...] [--seed N] [--arbeiders N] [--dagen N]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "nl"


def _cpu() -> float:
    """CPU seconds of this process and of its finished workers."""
    r, k = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + k.ru_utime + k.ru_stime


class _Belasting:
    """Samples the 1-minute load average every ``interval`` seconds while the benchmark runs."""

    def __init__(self, interval: float = 5.0) -> None:
        self.waarden: list[float] = [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._draad = threading.Thread(target=self._meet, args=(interval,), daemon=True)
        self._draad.start()

    def _meet(self, interval: float) -> None:
        while not self._stop.wait(interval):
            self.waarden.append(os.getloadavg()[0])

    def stop(self) -> dict[str, float]:
        self._stop.set()
        self._draad.join()
        w = self.waarden
        return {"min": round(min(w), 2), "gemiddeld": round(statistics.fmean(w), 2), "max": round(max(w), 2)}


def _dagen(ads: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """(begin, end) of each posting day; the generator writes ads in time order."""
    grenzen = [0] + [
        i for i in range(1, len(ads)) if str(ads[i]["geplaatst_op"])[:10] != str(ads[i - 1]["geplaatst_op"])[:10]
    ]
    return list(zip(grenzen, [*grenzen[1:], len(ads)], strict=True))


def run_size(size: int, seed: int = 1, arbeiders: int = 1, dagen: int = 7) -> dict[str, Any]:
    """Figures for one size (call in a fresh process for a per-size peak RSS)."""
    import numpy as np

    from zicht.reference import load_reference
    from zicht.signalen.pijplijn import Instellingen, cluster_en_rangschik, normaliseer, verwerk
    from zicht.signalen.prijzen import markeer_lage_prijzen
    from zicht.signalen.venster import Venster
    from zicht.signalen.verwerk import sleutel_pseudoniem
    from zicht.synth.advertenties import WereldConfig, genereer

    referentie = load_reference(REFERENCE_DIR)
    load_voor = os.getloadavg()
    wereld = genereer(WereldConfig(advertenties=size, seed=seed))
    ads = wereld.advertenties
    pseudoniem = sleutel_pseudoniem(b"bench")

    belasting = _Belasting()
    wall, cpu = time.perf_counter(), _cpu()
    res = verwerk(ads, referentie, pseudoniem, arbeiders=arbeiders)
    wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    load_pijplijn = belasting.stop()
    stages = {k: {"seconden": round(v, 3), "ads_per_s": round(size / v) if v else None} for k, v in res.tijden.items()}
    n_clusters = len(res.clusters)
    del res

    # daily update: the window up to the last `dagen` days is yesterday's state; then each day arrives
    belasting = _Belasting()
    per_dag = _dagen(ads)
    dagen = min(dagen, len(per_dag) - 1)
    begin = per_dag[-dagen][0]
    t = time.perf_counter()
    venster_ads = normaliseer(ads[:begin], referentie, pseudoniem, arbeiders=arbeiders)
    markeer_lage_prijzen(venster_ads)
    venster = Venster()
    venster.voeg_toe(venster_ads)
    opbouw = time.perf_counter() - t
    updates: list[dict[str, Any]] = []
    for van, tot in per_dag[-dagen:]:
        t = time.perf_counter()
        tijden: dict[str, float] = {}
        nieuw = normaliseer(ads[van:tot], referentie, pseudoniem, arbeiders=arbeiders)
        for k, a in enumerate(nieuw):
            a.nr = van + k
        venster_ads.extend(nieuw)
        tijden["normaliseren"] = time.perf_counter() - t
        markeer_lage_prijzen(venster_ads)
        tijden["prijzen"] = time.perf_counter() - t - tijden["normaliseren"]
        inc = venster.voeg_toe(nieuw, tijden)
        updates.append(
            {
                "nieuwe_advertenties": tot - van,
                "seconden": round(time.perf_counter() - t, 2),
                "stappen": {k: round(v, 3) for k, v in tijden.items()},
            }
        )
    sec = [u["seconden"] for u in updates]
    t = time.perf_counter()
    volledig = cluster_en_rangschik(venster_ads, Instellingen())
    herclusteren = time.perf_counter() - t
    gelijk = (
        np.array_equal(inc.micro, volledig.micro)
        and np.array_equal(inc.meta, volledig.meta)
        and inc.clusters == volledig.clusters
    )
    load_update = belasting.stop()
    del volledig, inc, venster, venster_ads

    t = time.perf_counter()
    groepen: dict[str, int] = {}
    for i, a in enumerate(ads):
        tekst = " ".join(f"{a['titel']} {a['tekst']}".lower().split())
        groepen.setdefault(hashlib.sha256(tekst.encode()).hexdigest(), i)
    exact = time.perf_counter() - t
    return {
        "advertenties": size,
        "cores": os.cpu_count(),
        "arbeiders": arbeiders,
        "load_voor": [round(x, 2) for x in load_voor],
        "load_na": [round(x, 2) for x in os.getloadavg()],
        "pijplijn": {
            "wall_s": round(wall, 2),
            "cpu_s": round(cpu, 2),
            "ads_per_s": round(size / wall),
            "ads_per_cpu_s": round(size / cpu),
            "load_1min": load_pijplijn,
            "stappen": stages,
            "clusters": n_clusters,
        },
        "dagelijkse_update": {
            "dagen": dagen,
            "venster_opbouw_s": round(opbouw, 2),
            "per_dag": updates,
            "mediaan_s": round(statistics.median(sec), 2),
            "max_s": round(max(sec), 2),
            "volledig_herclusteren_s": round(herclusteren, 2),
            "gelijk_aan_volledig": bool(gelijk),
            "load_1min": load_update,
        },
        "exacte_hash": {"seconden": round(exact, 3), "ads_per_s": round(size / exact), "groepen": len(groepen)},
        "piek_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "piek_rss_arbeider_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--arbeiders", type=int, default=1, help="Worker processes for the normalisation.")
    parser.add_argument("--dagen", type=int, default=7, help="Daily updates to measure.")
    parser.add_argument("--in-process", action="store_true", help="Run one size in this process (internal).")
    args = parser.parse_args(argv)
    if args.in_process:
        print(json.dumps(run_size(args.sizes[0], args.seed, args.arbeiders, args.dagen)))
        return 0
    for size in args.sizes:
        command = [sys.executable, __file__, str(size), "--seed", str(args.seed), "--in-process"]
        command += ["--arbeiders", str(args.arbeiders), "--dagen", str(args.dagen)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(done.stderr, file=sys.stderr)
            return done.returncode
        print(json.dumps(json.loads(done.stdout.strip().splitlines()[-1]), indent=2), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
