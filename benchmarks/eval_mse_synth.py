# SPDX-License-Identifier: EUPL-1.2
"""Synthetic evaluation of the iceberg estimate: bias and coverage on populations of known size.

For every year and seed, ``zicht.synth`` draws a hidden population (about 4-5 times the registered number) and
lets the reporter kinds observe it; the registered persons' capture rows go through the iceberg pipeline
(``zicht.analysis.iceberg``: capture table, sparsity rules, SparseMSE stepwise 0.02) and each estimate is
compared with the true size of its stratum. Analytic 95 % intervals for every seed and both list definitions;
BCa 95 % intervals (a seeded bootstrap that reruns the model choice) for the first ``--bca-seeds`` seeds, six
lists only. A control population in which every list sees every person independently (MSE's assumptions hold)
checks that the pipeline itself is sound.

Writes ``docs/mse-evaluatie.csv`` (one row per estimate) and the generated blocks of ``docs/mse-evaluatie.md``;
``tests/integration/test_iceberg_synth.py`` reruns the first seeds and checks both files. Usage::

    .venv/bin/python benchmarks/eval_mse_synth.py                 # the published run (about 5 minutes)
    .venv/bin/python benchmarks/eval_mse_synth.py --seeds 3 --bca-seeds 1 --nboot 50 --dry-run
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pandas as pd

from zicht.analysis.iceberg.evaluatie import (
    EvalRij,
    evalueer_controle,
    evalueer_populatie,
    lees_csv,
    markdown_samenvatting,
    samenvatten,
    schrijf_csv,
    werk_document_bij,
)
from zicht.reference import Referentiedata, load_reference
from zicht.synth import SynthConfig, generate

ROOT = Path(__file__).resolve().parents[1]
REFERENCE_DIR = ROOT.parent / "shared" / "data" / "nl"
CSV = ROOT / "docs" / "mse-evaluatie.csv"
DOC = ROOT / "docs" / "mse-evaluatie.md"

#: The published run: years, seeds, BCa seeds, bootstrap replicates.
JAREN = (2018, 2023)
SEEDS = 50
BCA_SEEDS = 10
NBOOT = 200


def populatie(jaar: int, seed: int, referentie: Referentiedata) -> pd.DataFrame:
    """The hidden population of one synthetic year (``schaal`` 1: the published registered total)."""
    return generate(SynthConfig(jaar_van=jaar, jaar_tot=jaar, seed=seed, schaal=1.0), referentie).populatie


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jaren", type=int, nargs="+", default=list(JAREN))
    parser.add_argument("--seeds", type=int, default=SEEDS)
    parser.add_argument("--bca-seeds", type=int, default=BCA_SEEDS)
    parser.add_argument("--nboot", type=int, default=NBOOT)
    parser.add_argument("--dry-run", action="store_true", help="print the tables, write nothing")
    parser.add_argument("--hergebruik", action="store_true", help="rebuild the document from the existing CSV")
    args = parser.parse_args()
    rijen: list[EvalRij]
    if args.hergebruik:
        rijen = lees_csv(CSV)
    else:
        referentie = load_reference(REFERENCE_DIR)
        rijen = []
        begin = time.perf_counter()
        for jaar in args.jaren:
            for seed in range(1, args.seeds + 1):
                pop = populatie(jaar, seed, referentie)
                rijen += evalueer_populatie(pop, jaar, seed)
                if seed <= args.bca_seeds:
                    rijen += evalueer_populatie(pop, jaar, seed, indelingen=("6",), bootstrap=args.nboot)
                print(f"{jaar} seed {seed}: {time.perf_counter() - begin:.0f} s", flush=True)
        for seed in range(1, args.seeds + 1):
            rijen += evalueer_controle(seed, max(args.jaren))
            if seed <= args.bca_seeds:
                rijen += evalueer_controle(seed, max(args.jaren), bootstrap=args.nboot)
    samenvatting = markdown_samenvatting(samenvatten(rijen))
    print(samenvatting)
    if args.dry_run:
        return
    CSV.write_text(schrijf_csv(rijen), encoding="utf-8")
    DOC.write_text(werk_document_bij(DOC.read_text(encoding="utf-8"), rijen), encoding="utf-8")
    print(f"written: {CSV.relative_to(ROOT)}, {DOC.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
