# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: how fast, and in how much memory, hostile import files are refused (issue 15).

Each file is built with the builders of ``tests/unit/test_upload_grenzen.py`` and then read with
``zicht.intake.files.read_rows`` (the reader behind ``zicht import``, the upload page and the API) in a
fresh Python process, which reports

* **wall** and **CPU** seconds from opening the file to its refusal (or its last row),
* **peak** memory: the growth of the process's maximum resident set size over the reading (what the
  operating system saw, C libraries included).

Targets (issue 15): every bomb refused in under 2 s with under 100 MB extra memory; the figures are reported,
never asserted. The red team measured 155 s / +750 MB for the shared-strings bomb and 673 s / 1.5 GB for the
rows bomb on the code before the limits.

Usage: ``python benchmarks/bench_upload_bombs.py [--snel] [--json FILE] [--legit]`` (``--legit`` adds an
ordinary 200,000-row XLSX written by openpyxl, to show what the reader costs on a real file).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # the builders in tests/unit/test_upload_grenzen.py

from tests.unit import test_upload_grenzen as bouw  # noqa: E402

GRENS_S = 2.0
GRENS_MB = 100.0


def _bommen(snel: bool) -> dict[str, tuple[str, Callable[[Path], Path]]]:
    """{name: (file name, builder)}; ``snel`` makes the big ones small (for the suite's smoke test)."""
    schaal = 100 if snel else 1

    def csv_regel(pad: Path) -> Path:
        pad.write_bytes(bouw.CSV_KOP + b"," * (50_000_000 // schaal) + b"\n")
        return pad

    def csv_rijen(pad: Path) -> Path:
        pad.write_bytes(bouw.CSV_KOP + b"R,2023-01-02,arbeid\n" * (2_500_000 // schaal))
        return pad

    def json_array(pad: Path) -> Path:
        pad.write_bytes(b"[" + b"0," * (20_000_000 // schaal) + b"0]")
        return pad

    def jsonl_diep(pad: Path) -> Path:
        pad.write_bytes(
            (b'{"melder_referentie": ' + b"[" * 1_000_000 + b"]" * 1_000_000 + b"}\n") * (10 // min(10, schaal))
        )
        return pad

    def stijlen(pad: Path) -> Path:
        xf = b'<xf numFmtId="14"/>' * (500_000 // schaal)
        extra = {"xl/styles.xml": b"<styleSheet " + bouw._NS + b"><cellXfs>" + xf + b"</cellXfs></styleSheet>"}
        pad.write_bytes(bouw.xlsx(bouw.GELDIGE_RIJ, extra=extra))
        return pad

    def lege_rijen(pad: Path) -> Path:
        bouw.schrijf_xlsx(pad, bouw.blad(bouw.herhaal(b"<row/>", 1_048_577 if not snel else 20_000)))
        return pad

    def samengevoegd(pad: Path) -> Path:
        delen = [*bouw.blad(iter([bouw.GELDIGE_RIJ]))][:-1]
        staart = [b"<mergeCells>", *bouw.herhaal(b'<mergeCell ref="A1:B2"/>', 8_000_000 // schaal)]
        bouw.schrijf_xlsx(pad, iter([*delen, b"</sheetData>", *staart, b"</mergeCells></worksheet>"]))
        return pad

    def binnen_grens(pad: Path) -> Path:
        bouw.schrijf_xlsx(pad, bouw.blad(bouw.herhaal(b"<row><c><v>1</v></c></row>", 3_000_000 // schaal)))
        return pad

    return {
        "gedeelde teksten (8M)": ("teksten.xlsx", lambda p: bouw.bom_gedeelde_teksten(p, 8_000_000 // schaal)),
        "rijen (10M)": ("rijen.xlsx", lambda p: bouw.bom_rijen(p, 10_000_000 // schaal)),
        "liegende zip": ("liegt.xlsx", lambda p: bouw.liegende_zip(p, 300_000 // schaal)),
        "rijen binnen uitpakgrens (3M)": ("binnen.xlsx", binnen_grens),
        "lege rijen (1M)": ("leeg.xlsx", lege_rijen),
        "stijlblad (500k xf)": ("stijlen.xlsx", stijlen),
        "samengevoegde cellen (8M)": ("samen.xlsx", samengevoegd),
        "csv-regel van 50 MB": ("regel.csv", csv_regel),
        "csv met 2,5M rijen": ("rijen.csv", csv_rijen),
        "json-array van 20 MB": ("array.json", json_array),
        "jsonl diep genest": ("diep.jsonl", jsonl_diep),
    }


def _legit(pad: Path) -> Path:
    from datetime import date

    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Meldingen")
    ws.append(["melder_referentie", "melddatum", "uitbuitingsvorm", "plaats_delict", "geslacht", "voornamen"])
    for i in range(200_000):
        ws.append([f"REF-{i:07d}", date(2023, 1 + i % 12, 1 + i % 28), "seksueel", "Utrecht", "vrouw", f"Naam{i}"])
    wb.save(pad)
    return pad


def meet(pad: str, naam: str) -> dict[str, object]:
    """Read one file in this process; what happened and what it cost (called in a fresh process)."""
    from zicht.intake.files import BestandsFout, read_rows

    basis = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    wall, cpu = time.perf_counter(), time.process_time()
    rijen = 0
    try:
        for _ in read_rows(Path(pad), naam):
            rijen += 1
        uitkomst = "gelezen"
    except BestandsFout as exc:
        uitkomst = exc.code
    return {
        "uitkomst": uitkomst,
        "rijen": rijen,
        "wall_s": time.perf_counter() - wall,
        "cpu_s": time.process_time() - cpu,
        "piek_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - basis) / 1024,
    }


#: With --snel the bombs are a hundredth of their size, and so are the limits they meet.
SNELLE_GRENZEN = {
    "ZICHT_IMPORT_MAX_RIJEN": "2000",
    "ZICHT_IMPORT_MAX_GEDEELDE_TEKSTEN": "10000",
    "ZICHT_IMPORT_MAX_UITGEPAKT_MB": "2",
}


def _in_eigen_proces(pad: Path, grenzen: dict[str, str]) -> dict[str, object]:
    code = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import bench_upload_bombs as b; "
        "print(json.dumps(b.meet(sys.argv[2], sys.argv[3])))"
    )
    uit = subprocess.run(
        [sys.executable, "-c", code, str(Path(__file__).parent), str(pad), pad.name],
        capture_output=True,
        text=True,
        check=True,
        timeout=1800,
        env={**os.environ, **grenzen},
    )
    return dict(json.loads(uit.stdout.strip().splitlines()[-1]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--snel", action="store_true", help="small bombs (smoke test)")
    parser.add_argument("--legit", action="store_true", help="also an ordinary 200,000-row XLSX")
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    args = parser.parse_args(argv)
    bommen = _bommen(args.snel)
    if args.legit:
        bommen["gewoon werkblad (200k rijen)"] = ("gewoon.xlsx", _legit)
    resultaten = []
    with tempfile.TemporaryDirectory(prefix="zicht-bommen-") as tmp:
        for naam, (bestand, bouwer) in bommen.items():
            pad = bouwer(Path(tmp) / bestand)
            grenzen = SNELLE_GRENZEN if args.snel else {}
            res = {"bom": naam, "bestand_kb": pad.stat().st_size / 1024, **_in_eigen_proces(pad, grenzen)}
            pad.unlink()
            resultaten.append(res)
    kop = f"{'bom':32} {'op schijf':>10} {'uitkomst':>20} {'wall s':>7} {'CPU s':>7} {'piek MB':>8}"
    print(f"hostile import files, refused by zicht.intake.files (targets: < {GRENS_S:g} s, < {GRENS_MB:g} MB)")
    print(kop)
    print("-" * len(kop))
    for r in resultaten:
        print(
            f"{r['bom']:32} {r['bestand_kb']:>7.0f} KB {r['uitkomst']:>20} {r['wall_s']:>7.2f} {r['cpu_s']:>7.2f} "
            f"{r['piek_mb']:>8.1f}"
        )
    if args.json:
        args.json.write_text(json.dumps(resultaten, indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
