# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: full linkage of synthetic meldingen, the recordlinkage ECM baseline, and incremental latency.

For each size (default 10,000 and 100,000 meldingen; 1,000,000 on request) it runs, in a fresh process so
peak memory is per size:

* **zicht** - ``zicht.linkage.engine.link``: prepare, train (EM + u sampling), block and score with Splink on
  DuckDB, cluster. Reports wall time per stage, peak RSS, candidate pairs and comparisons per second, and
  accuracy against the generator's truth (cluster precision/recall over linkable meldingen, person count);
* **ECM** - ``recordlinkage.ECMClassifier`` (unsupervised Fellegi-Sunter, the toolkit's classic) on *the
  same blocked candidate pairs*, with binary agreement features on the same normalised fields (names by
  Levenshtein similarity >= 0.85: recordlinkage 0.14's Jaro-Winkler calls a function that jellyfish 1.x no
  longer has; the phonetic blocking keys, sex and nationality are left out because they agree within almost
  every block and pull ECM's two classes apart on the wrong axis); reports compare + fit time, pairs per
  second and its pairwise precision/recall;
* **incremental** - a :class:`~zicht.linkage.incremental.LinkIndex` over the size's meldingen (up to
  100,000), then ``link_one`` for 200 further meldingen: median, 95th percentile and maximum latency.

Input comes from the synthetic generator (``zicht.synth``: years 2015-2024, scaled so the number of meldingen
reaches the size), linked as decrypted records in memory (no database, as inside the trusted boundary).

Usage: ``python benchmarks/bench_linkage.py [SIZE ...] [--seed N] [--no-ecm] [--no-incremental]``
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "nl"
MELDINGEN_PER_SCHAAL = 10_000  # about 10,000 meldingen for 2015-2024 at schaal 1


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def synthetic(size: int, seed: int) -> tuple[Any, dict[str, str], dict[str, list[str]]]:
    """Records, truth and variations for about ``size`` meldingen (truncated to exactly ``size``)."""
    from zicht.linkage.evaluate import records_from_import_frame
    from zicht.reference import load_reference
    from zicht.synth import SynthConfig, generate

    reference = load_reference(REFERENCE_DIR)
    schaal = max(size / MELDINGEN_PER_SCHAAL * 1.05, 0.05)
    result = generate(SynthConfig(jaar_van=2015, jaar_tot=2024, seed=seed, schaal=schaal), reference)
    regio = {o.code: o.regio for o in result.organisaties}
    records = records_from_import_frame(result.meldingen, reference, regio)
    records["_persoon"] = list(result.waarheid["persoon_id"])
    records["_variaties"] = list(result.waarheid["variaties"])
    records = records.drop_duplicates("melding_id").iloc[:size].reset_index(drop=True)
    truth = dict(zip(records["melding_id"], records["_persoon"].astype(str), strict=True))
    variations = {
        m: [v for v in str(x).split(";") if v]
        for m, x in zip(records["melding_id"], records["_variaties"], strict=True)
    }
    return records.drop(columns=["_persoon", "_variaties"]), truth, variations


def ecm_baseline(features: Any, pairs: Any, truth: dict[str, str]) -> dict[str, Any]:
    """recordlinkage's ECM classifier on the same candidate pairs, binary agreement on the same fields."""
    import pandas as pd
    import recordlinkage

    from zicht.linkage import evaluate

    frame = features.set_index("unique_id")
    index = pd.MultiIndex.from_arrays([pairs["melding_a"], pairs["melding_b"]])
    start = time.perf_counter()
    compare = recordlinkage.Compare(n_jobs=1)
    compare.string("vn", "vn", method="levenshtein", threshold=0.85, label="vn", missing_value=0)
    compare.string("an", "an", method="levenshtein", threshold=0.85, label="an", missing_value=0)
    compare.exact("gd", "gd", label="gd", missing_value=0)
    compare.exact("gj", "gj", label="gj", missing_value=0)
    compare.exact("doc1", "doc1", label="doc1", missing_value=0)
    compare.exact("tel1", "tel1", label="tel1", missing_value=0)
    compare.exact("plaats_delict", "plaats_delict", label="plaats", missing_value=0)
    vectors = compare.compute(index, frame)
    compared = time.perf_counter()
    ecm = recordlinkage.ECMClassifier(binarize=None)
    links = ecm.fit_predict(vectors)
    fitted = time.perf_counter()
    scores = evaluate.pairwise(list(links), truth)
    return {
        "compare_s": round(compared - start, 2),
        "fit_s": round(fitted - compared, 2),
        "pairs_per_s": round(len(index) / max(compared - start, 1e-9)),
        "precision": round(scores.precision, 4),
        "recall": round(scores.recall, 4),
    }


def run_size(size: int, seed: int, ecm: bool, incremental: bool) -> dict[str, Any]:
    """Everything for one size, in this process."""
    from zicht.linkage import evaluate
    from zicht.linkage.engine import Drempels, TrainingConfig, link, predict
    from zicht.linkage.incremental import LinkIndex
    from zicht.linkage.model import REGISTER_CONTEXT, context_columns, list_columns
    from zicht.linkage.normalise import prepare

    out: dict[str, Any] = {"meldingen": size}
    t0 = time.perf_counter()
    records, truth, variations = synthetic(size + (200 if incremental else 0), seed)
    extra = records.iloc[size:]
    records = records.iloc[:size]
    out["genereren_s"] = round(time.perf_counter() - t0, 1)
    config = TrainingConfig(seed=seed)
    t1 = time.perf_counter()
    chunks = 1 if size <= 200_000 else 4
    result = link(records, config=config, context=REGISTER_CONTEXT, drempels=Drempels(), num_chunks=chunks)
    out["zicht"] = {
        "totaal_s": round(time.perf_counter() - t1, 1),
        "stappen_s": {k: round(v, 1) for k, v in result.tijden.items()},
        "kandidaten": result.kandidaten,
        "vergelijkingen_per_s": round(result.kandidaten / max(result.tijden.get("vergelijken", 0.0), 1e-9))
        if result.kandidaten
        else None,
        "u_steekproef_paren": config.u_max_pairs,
        "piek_rss_mb": round(_peak_rss_mb()),
    }
    labels = result.clusters.labels
    linkable = {m for m in labels if "anoniem" not in variations.get(m, [])}
    sub_labels = {m: labels[m] for m in linkable}
    sub_truth = {m: truth[m] for m in linkable}
    scores = evaluate.cluster_pairwise(sub_labels, sub_truth)
    out["zicht"]["nauwkeurigheid"] = {
        "cluster_precisie": round(scores.precision, 4),
        "cluster_recall": round(scores.recall, 4),
        "personen_fout": round(evaluate.person_count_error(sub_labels, sub_truth), 4),
        "personen_fout_alle": round(evaluate.person_count_error(labels, truth), 4),
    }
    if ecm:
        features = prepare(records, context_columns(REGISTER_CONTEXT), list_columns(REGISTER_CONTEXT))
        all_pairs, _ = predict(features, result.model, 0.0)
        strong = result.paren[result.paren["match_probability"] >= result.drempels.boven]
        zicht_pairs = evaluate.pairwise(zip(strong["melding_a"], strong["melding_b"], strict=True), truth)
        out["zicht"]["paar_precisie"] = round(zicht_pairs.precision, 4)
        out["zicht"]["paar_recall"] = round(zicht_pairs.recall, 4)
        out["ecm"] = ecm_baseline(features, all_pairs, truth)
        out["ecm"]["kandidaten"] = len(all_pairs)
    if incremental and size <= 100_000 and len(extra):
        t2 = time.perf_counter()
        index = LinkIndex.build(
            records, {m: str(labels[m]) for m in records["melding_id"]}, result.model, result.drempels
        )
        build = time.perf_counter() - t2
        latencies = [index.link_one(extra.iloc[[i]]).seconden for i in range(len(extra))]
        latencies.sort()
        out["incrementeel"] = {
            "index_bouwen_s": round(build, 1),
            "meldingen": len(latencies),
            "mediaan_ms": round(statistics.median(latencies) * 1000, 1),
            "p95_ms": round(latencies[int(0.95 * (len(latencies) - 1))] * 1000, 1),
            "max_ms": round(latencies[-1] * 1000, 1),
        }
    out["piek_rss_mb"] = round(_peak_rss_mb())
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sizes", nargs="*", type=int, default=[10_000, 100_000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-ecm", action="store_true")
    parser.add_argument("--no-incremental", action="store_true")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = run_size(args.sizes[0], args.seed, not args.no_ecm, not args.no_incremental)
        print(json.dumps(result))
        return 0
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, str(size), "--seed", str(args.seed), "--child"]
        command += ["--no-ecm"] if args.no_ecm else []
        command += ["--no-incremental"] if args.no_incremental else []
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            print(f"{size}: failed after {time.perf_counter() - start:.0f} s\n{done.stderr[-2000:]}", file=sys.stderr)
            continue
        result = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(result)
        print(json.dumps(result, indent=2), flush=True)
    return 0 if results else 1


if __name__ == "__main__":
    sys.exit(main())
