# SPDX-License-Identifier: EUPL-1.2
"""Linkage accuracy on the synthetic generator's ground truth: the accuracy table of docs/linkage.md.

For each data set ``SEED:JAAR_VAN-JAAR_TOT[:SCHAAL]`` it generates meldingen with ``zicht.synth``, links them
as the registry does (``zicht.linkage.evaluate.synth_accuracy``) and prints one table row (cluster precision
and recall over linkable meldingen, person-count error) plus the recall per variation type.
``tests/unit/test_linkage_synth.py`` gates the same figures. Usage::

    .venv/bin/python benchmarks/eval_linkage_synth.py 1:2023-2024 2:2023-2024 3:2023-2024 5:2023-2024:2 \\
        4:2015-2024 1:2015-2024 2:2015-2024
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from zicht.linkage.evaluate import SynthAccuracy, synth_accuracy
from zicht.reference import Referentiedata, load_reference
from zicht.synth import SynthConfig, generate


def accuracy(seed: int, jaar_van: int, jaar_tot: int, reference: Referentiedata, schaal: float = 1.0) -> SynthAccuracy:
    """Generate one synthetic data set and score its linkage."""
    result = generate(SynthConfig(jaar_van=jaar_van, jaar_tot=jaar_tot, seed=seed, schaal=schaal), reference)
    return synth_accuracy(result.meldingen, result.waarheid, reference, seed=seed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("sets", nargs="+", help="e.g. 1:2023-2024 or 5:2023-2024:2")
    parser.add_argument("--referentie", type=Path, help="reference data (default: ZICHT_REFERENCE_DIR or ../shared)")
    args = parser.parse_args(argv)
    if args.referentie is None:
        from zicht.config import load_settings

        args.referentie = load_settings().effective_reference_dir
    reference = load_reference(args.referentie)
    out = sys.stdout
    out.write("| seed, years, meldingen | cluster precision | cluster recall | persons (linkable) | persons (all) |\n")
    out.write("| --- | --- | --- | --- | --- |\n")
    for spec in args.sets:
        parts = spec.split(":")
        van, tot = (int(x) for x in parts[1].split("-"))
        schaal = float(parts[2]) if len(parts) > 2 else 1.0
        acc = accuracy(int(parts[0]), van, tot, reference, schaal)
        s = acc.scores
        out.write(
            f"| {parts[0]}, {van}–{str(tot)[2:]}{f' ×{schaal:g}' if schaal != 1.0 else ''}, {acc.meldingen:,} "
            f"| {s.precision:.3f} | {s.recall:.3f} | {acc.personen_fout:+.1%} | {acc.personen_fout_alle:+.1%} |\n"
        )
        per = ", ".join(f"{k} {v.recall:.3f} ({v.actual})" for k, v in acc.per_variatie.items())
        out.write(f"recall per variation: {per}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
