# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: bulk import of 100,000 synthetic meldingen into SQLite and PostgreSQL.

For each database it measures, in the same run:

* **baseline** - the same CSV file read with the ``csv`` module and written without validation or encryption
  into a plain table with the file's columns (PostgreSQL: ``COPY``; SQLite: one ``executemany``);
* **import** - ``zicht.intake.importer.importeer_bestand``: read, validate against codebook and reference
  data, encrypt identities, compute pseudonyms and content hashes, write the registry tables and the logboek,
  in chunks of 5,000 rows per transaction;
* **floor** - the rows the import wrote (melding, its child tables, identiteit, logboek), read back and
  written again into an empty database with the real schema by the fastest route (PostgreSQL: ``COPY`` of
  the table's own text; SQLite: one ``executemany`` per table) in one transaction: what the schema's
  constraints, indexes and foreign keys cost with no Python work at all. No import into this schema can be
  faster than this.

and prints rows per second and the import's share of the baseline (target on PostgreSQL: at least 25%).

Input comes from the synthetic generator (``zicht.synth``: 2015-2024, seed 1, scaled to at least the asked
number of rows), written as one CSV for one organisation (references prefixed with the generating
organisation's code so they stay unique). The CSV is cached under ``var/bench/``.

Usage: ``python benchmarks/bench_import.py [--rows N] [--only sqlite|postgres] [--profile]``
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import os
import pstats
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # tests.pg (throwaway PostgreSQL) and tests.conftest (reference dir)

from sqlalchemy import Engine, text  # noqa: E402

from zicht.config import generate_key, load_settings  # noqa: E402
from zicht.intake.columns import KOLOM_NAMEN  # noqa: E402
from zicht.intake.importer import importeer_bestand  # noqa: E402
from zicht.privacy.logboek import Actor  # noqa: E402
from zicht.privacy.vault import Vault  # noqa: E402
from zicht.reference import Referentiedata, load_reference  # noqa: E402
from zicht.storage import make_engine, session_factory, transaction, upgrade  # noqa: E402
from zicht.storage.tables import Organisatie  # noqa: E402

TARGET_PG = 0.25
BENCH_DIR = REPO_ROOT / "var" / "bench"


def reference_data() -> Referentiedata:
    from tests.conftest import REFERENCE_DIR

    return load_reference(REFERENCE_DIR)


# ---- input ----------------------------------------------------------------------------------------------


def input_file(rows: int, reference: Referentiedata) -> Path:
    """A CSV with ``rows`` synthetic meldingen (generated once, then cached)."""
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"meldingen-{rows}.csv"
    if path.is_file():
        return path
    started = time.perf_counter()
    try:
        from zicht.synth import SynthConfig, generate
    except ImportError:
        _fallback_rows(path, rows, reference)
        print(f"input: zicht.synth not available, wrote {rows:,} simple generated rows to {path}")
        return path
    schaal = 1.0
    while True:
        frame = generate(SynthConfig(jaar_van=2015, jaar_tot=2024, seed=1, schaal=schaal), reference).meldingen
        if len(frame) >= rows:
            break
        schaal *= 1.2 * rows / max(len(frame), 1)
    frame = frame.head(rows).copy()
    frame["melder_referentie"] = frame["organisatie"].astype(str) + "/" + frame["melder_referentie"].astype(str)
    columns = [c for c in frame.columns if c in KOLOM_NAMEN]
    frame[columns].to_csv(path, index=False)
    print(f"input: {rows:,} meldingen from zicht.synth (schaal {schaal:.1f}) in {time.perf_counter() - started:.0f} s")
    return path


def _fallback_rows(path: Path, rows: int, reference: Referentiedata) -> None:
    rnd = random.Random(1)
    gemeenten = sorted(reference.gemeenten)
    vormen = ("seksueel", "arbeid", "crimineel", "onbekend")
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(
            [
                "melder_referentie",
                "melddatum",
                "uitbuitingsvorm",
                "plaats_delict",
                "geslacht",
                "geboortedatum",
                "nationaliteit",
                "voornamen",
                "achternaam",
                "telefoonnummer",
            ]
        )
        for i in range(rows):
            melddatum = date(2015, 1, 1) + timedelta(days=rnd.randrange(3650))
            writer.writerow(
                [
                    f"B-{i:07d}",
                    melddatum.isoformat(),
                    rnd.choice(vormen),
                    rnd.choice(gemeenten),
                    rnd.choice(("vrouw", "man")),
                    (melddatum - timedelta(days=rnd.randrange(6000, 20000))).isoformat(),
                    rnd.choice(("NL", "RO", "PL", "NG")),
                    f"Naam{i}",
                    f"Achter{i % 997}",
                    f"06{rnd.randrange(10**8):08d}",
                ]
            )


# ---- databases ------------------------------------------------------------------------------------------


class Database:
    """Fresh databases on one backend, plus the CPU seconds its server processes used so far (PostgreSQL)."""

    def __init__(self, new_url: Callable[[], str], server_pid: int | None = None) -> None:
        self.new_url = new_url
        self.server_pid = server_pid

    def server_cpu(self) -> float:
        """CPU seconds of the PostgreSQL server's processes (postmaster and its children); 0 for SQLite."""
        if self.server_pid is None:
            return 0.0
        total = 0.0
        for pid in [self.server_pid, *_children(self.server_pid)]:
            try:
                fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue  # a backend that just ended
            total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / os.sysconf("SC_CLK_TCK")
        return total


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


@contextmanager
def sqlite_databases() -> Iterator[Database]:
    with tempfile.TemporaryDirectory(prefix="zicht-bench-") as tmp:
        counter = iter(range(1000))
        yield Database(lambda: f"sqlite:///{Path(tmp) / f'bench-{next(counter)}.sqlite3'}")


@contextmanager
def postgres_databases() -> Iterator[Database]:
    from tests.pg import postgres_server

    with postgres_server() as server:
        pid_file = server.datadir / "postmaster.pid"
        pid = int(pid_file.read_text().split()[0]) if pid_file.exists() and Path("/proc").is_dir() else None
        yield Database(server.create_database, pid)


# ---- measurements ---------------------------------------------------------------------------------------


Timing = tuple[int, float, float]  # rows, wall seconds, CPU seconds (this process plus the database server)


def baseline(engine: Engine, path: Path, db: Database) -> Timing:
    """Read the CSV and insert it as plain text into a table with the file's columns."""
    with path.open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    columns = ", ".join(f'"{c}" text' for c in header)
    names = ", ".join(f'"{c}"' for c in header)
    with engine.begin() as conn:
        conn.execute(text(f"CREATE TABLE baseline_melding ({columns})"))
    started, cpu = time.perf_counter(), time.process_time() + db.server_cpu()
    count = 0
    raw = engine.raw_connection()
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            next(reader)
            cursor = raw.cursor()
            if engine.dialect.name == "postgresql":
                with cursor.copy(f"COPY baseline_melding ({names}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                    for row in reader:
                        copy.write_row([v or None for v in row])
                        count += 1
            else:
                rows = [[v or None for v in row] for row in reader]
                count = len(rows)
                marks = ", ".join("?" for _ in header)
                cursor.executemany(f"INSERT INTO baseline_melding ({names}) VALUES ({marks})", rows)
            cursor.close()
        raw.commit()
    finally:
        raw.close()
    return count, time.perf_counter() - started, time.process_time() + db.server_cpu() - cpu


def run_import(
    engine: Engine, path: Path, reference: Referentiedata, vault: Vault, db: Database, profile: bool
) -> Timing:
    upgrade(engine)
    sessions = session_factory(engine)
    with transaction(sessions) as session:
        session.add(Organisatie(code="bench", naam="Benchmark", soort="nationale_politie", regio="Rotterdam"))
    profiler = cProfile.Profile() if profile else None
    started, cpu = time.perf_counter(), time.process_time() + db.server_cpu()
    if profiler:
        profiler.enable()
    rapport = importeer_bestand(
        sessions, vault, reference, "bench", path, bestandsnaam=path.name, actor=Actor("systeem:bench", "systeem")
    )
    if profiler:
        profiler.disable()
    elapsed, cpu = time.perf_counter() - started, time.process_time() + db.server_cpu() - cpu
    assert rapport.read == rapport.accepted + rapport.rejected
    if rapport.rejected:
        print(f"  note: {rapport.rejected} rows rejected, e.g. {rapport.afgewezen[:3]}")
    if profiler:
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    return rapport.stored, elapsed, cpu


#: Tables the import writes, parents before children (the order the floor writes them in).
FLOOR_TABLES = (
    "melding",
    "melding_uitbuiting",
    "melding_werkwijze",
    "melding_nationaliteit",
    "route_gebeurtenis",
    "identiteit",
    "logboek",
)


def floor(source: Engine, target: Engine, db: Database, meldingen: int) -> Timing:
    """Write the import's own rows again into an empty database with the same schema, timing only the writes."""
    upgrade(target)
    untimed = ("organisatie", "import_run")
    if source.dialect.name == "postgresql":
        dumps: dict[str, tuple[str, bytes]] = {}
        raw = source.raw_connection()
        try:
            cursor = raw.cursor()
            for table in (*untimed, *FLOOR_TABLES):
                cursor.execute(
                    "SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) FROM pg_attribute "
                    "WHERE attrelid = %s::regclass AND attnum > 0 AND NOT attisdropped",
                    (table,),
                )
                names = cursor.fetchone()[0]  # type: ignore[index]
                buffer = bytearray()
                with cursor.copy(f"COPY {table} ({names}) TO STDOUT") as copy:  # type: ignore[attr-defined]
                    for block in copy:
                        buffer += block
                dumps[table] = (names, bytes(buffer))
        finally:
            raw.close()

        def write(cursor: Any, table: str) -> None:
            names, data = dumps[table]
            with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for start in range(0, len(data), 1 << 20):
                    copy.write(data[start : start + (1 << 20)])

    else:
        rows: dict[str, tuple[list[str], list[tuple[Any, ...]]]] = {}
        with source.connect() as conn:
            for table in (*untimed, *FLOOR_TABLES):
                result = conn.exec_driver_sql(f"SELECT * FROM {table}")
                rows[table] = (list(result.keys()), [tuple(r) for r in result])

        def write(cursor: Any, table: str) -> None:
            names, values = rows[table]
            marks = ", ".join("?" for _ in names)
            cursor.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES ({marks})", values)

    raw = target.raw_connection()
    try:
        cursor = raw.cursor()
        sqlite = target.dialect.name == "sqlite"  # its driver runs in autocommit mode under zicht's engine
        if sqlite:
            cursor.execute("BEGIN IMMEDIATE")
        for table in untimed:
            write(cursor, table)
        raw.commit()
        started, cpu = time.perf_counter(), time.process_time() + db.server_cpu()
        if sqlite:
            cursor.execute("BEGIN IMMEDIATE")
        for table in FLOOR_TABLES:
            write(cursor, table)
        raw.commit()
        elapsed, cpu = time.perf_counter() - started, time.process_time() + db.server_cpu() - cpu
    finally:
        raw.close()
    return meldingen, elapsed, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    parser.add_argument("--profile", action="store_true", help="print a cProfile of the import")
    args = parser.parse_args(argv)

    reference = reference_data()
    path = input_file(args.rows, reference)
    settings = load_settings(
        {"ZICHT_VAULT_KEYS": f"k1:{generate_key()}", "ZICHT_PSEUDONYM_KEY": generate_key(), "ZICHT_OMGEVING": "test"}
    )
    vault = Vault.from_settings(settings)
    backends: list[tuple[str, Callable[[], AbstractContextManager[Database]]]] = [
        ("sqlite", sqlite_databases),
        ("postgres", postgres_databases),
    ]
    results = []
    for name, factory in backends:
        if args.only and args.only != name:
            continue
        with factory() as db:
            base_engine = make_engine(db.new_url())
            base = baseline(base_engine, path, db)
            base_engine.dispose()
            engine = make_engine(db.new_url())
            imported = run_import(engine, path, reference, vault, db, args.profile)
            floor_engine = make_engine(db.new_url())
            lowest = floor(engine, floor_engine, db, imported[0])
            floor_engine.dispose()
            engine.dispose()
        results.append((name, base, imported, lowest))
    print(f"\nbulk import of {args.rows:,} meldingen ({path.name})")
    print("rows/s by wall clock, and by CPU time (benchmark process + database server processes; the CPU")
    print("figure is what an otherwise idle machine would approach, and is robust to other load);")
    print("share = rows/s as a share of the baseline's")
    header = ("database", "", "baseline", "import", "share", "floor", "share")
    print(f"{header[0]:<10}{header[1]:<6}{header[2]:>12}{header[3]:>10}{header[4]:>8}{header[5]:>10}{header[6]:>8}")
    shares: dict[str, tuple[float, float]] = {}
    for name, base, imported, lowest in results:
        for label, index in (("wall", 1), ("CPU", 2)):
            rates = [r[0] / r[index] for r in (base, imported, lowest)]
            if label == "wall":
                shares[name] = (rates[1] / rates[0], rates[2] / rates[0])
            print(
                f"{name if label == 'wall' else '':<10}{label:<6}{rates[0]:>12,.0f}{rates[1]:>10,.0f}"
                f"{rates[1] / rates[0]:>8.1%}{rates[2]:>10,.0f}{rates[2] / rates[0]:>8.1%}"
            )
    if "postgres" in shares:
        status = "met" if shares["postgres"][0] >= TARGET_PG else "NOT met"
        print(f"target: import at least {TARGET_PG:.0%} of the baseline on PostgreSQL (wall clock) - {status}")
        print(
            f"(writing the same rows into this schema with no Python work at all reaches "
            f"{shares['postgres'][1]:.0%} of the baseline)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
