# SPDX-License-Identifier: EUPL-1.2
"""Backup and restore of the registry database, with a manifest that a restore checks.

SQLite is copied with the online backup API (consistent while the registry runs); PostgreSQL with ``pg_dump
--format=custom`` from the local binaries, under a snapshot that the manifest's counts were taken in, and put
back with ``pg_restore``. The manifest (``manifest.json``) holds the row count of every table, the logboek's
head (count and hash), the schema revisions, the time of the backup and the SHA-256 of the dump file.

The vault keys, the pseudonym key and the logboek key are never in a backup: they live in the environment
(``ZICHT_VAULT_KEYS``, ``ZICHT_PSEUDONYM_KEY``, ``ZICHT_LOGBOEK_SLEUTEL``) and must be kept apart, e.g. in
the organisation's secret store (docs/backup.md). A backup without its keys reveals no identity; a backup
restored without the keys is useless for identity reveal and linkage.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, MetaData, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from zicht.privacy import logboek
from zicht.storage.base import utcnow

MANIFEST = "manifest.json"
SQLITE_BESTAND = "zicht.sqlite3"
PG_BESTAND = "zicht.dump"
MANIFEST_VERSIE = 1


class BackupFout(RuntimeError):
    """A backup or restore could not be made or does not check out; the message names the reason."""


@dataclass(frozen=True)
class Manifest:
    """What a backup holds, written beside the dump and checked on restore."""

    versie: int
    database: str  # sqlite or postgresql
    bestand: str
    sha256: str
    gemaakt_op: str
    revisies: list[str]
    tellingen: dict[str, int]
    logboek_aantal: int
    logboek_kop: str | None
    sleutels: str = "niet in de backup: ZICHT_VAULT_KEYS, ZICHT_PSEUDONYM_KEY en ZICHT_LOGBOEK_SLEUTEL apart bewaren"

    def schrijf(self, map_: Path) -> None:
        """Write ``manifest.json`` into ``map_``."""
        (map_ / MANIFEST).write_text(json.dumps(asdict(self), indent=2, sort_keys=True) + "\n", encoding="utf-8")

    @classmethod
    def lees(cls, map_: Path) -> Manifest:
        """Read and check the shape of ``manifest.json`` in ``map_``."""
        pad = map_ / MANIFEST
        if not pad.is_file():
            raise BackupFout(f"geen {MANIFEST} in {map_} / no manifest")
        try:
            data = json.loads(pad.read_text(encoding="utf-8"))
            manifest = cls(**data)
        except (ValueError, TypeError) as exc:
            raise BackupFout(f"{MANIFEST} is onleesbaar / unreadable manifest: {type(exc).__name__}") from None
        if manifest.versie != MANIFEST_VERSIE:
            raise BackupFout(f"onbekende manifestversie {manifest.versie} / unknown manifest version")
        return manifest


def _sha256(pad: Path) -> str:
    h = hashlib.sha256()
    with pad.open("rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


def tellingen(conn: Connection) -> dict[str, int]:
    """Rows per table (every table in the database, also ones this code does not model)."""
    namen = sorted(inspect(conn).get_table_names())
    prep = conn.dialect.identifier_preparer
    return {naam: int(conn.execute(text(f"SELECT count(*) FROM {prep.quote(naam)}")).scalar_one()) for naam in namen}


def _logboek_kop(conn: Connection) -> tuple[int, str | None]:
    if "logboek" not in inspect(conn).get_table_names():
        return 0, None
    rij = conn.execute(text("SELECT count(*), max(volgnummer) FROM logboek")).one()
    if not rij[0]:
        return 0, None
    kop = conn.execute(text("SELECT hash FROM logboek WHERE volgnummer = :v"), {"v": rij[1]}).scalar_one()
    return int(rij[0]), str(kop)


def _revisies(conn: Connection) -> list[str]:
    if "alembic_version" not in inspect(conn).get_table_names():
        return []
    return sorted(str(r) for r in conn.execute(text("SELECT version_num FROM alembic_version")).scalars())


def pg_tool(naam: str) -> str:
    """Path of a PostgreSQL client program (``pg_dump``, ``pg_restore``), newest local version first."""
    for kandidaat in sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{naam}"), reverse=True):
        return kandidaat
    gevonden = shutil.which(naam)
    if gevonden is None:
        raise BackupFout(f"{naam} niet gevonden; installeer de PostgreSQL-clientprogramma's / {naam} not found")
    return gevonden


def _pg_args(engine: Engine) -> tuple[list[str], dict[str, str]]:
    url = make_url(str(engine.url.render_as_string(hide_password=False)))
    args = [f"--dbname={url.database}"]
    if url.host:
        args.append(f"--host={url.host}")
    if url.port:
        args.append(f"--port={url.port}")
    if url.username:
        args.append(f"--username={url.username}")
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return args, env


def _voer_uit(cmd: list[str], env: Mapping[str, str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False, env=dict(env))  # noqa: S603
    if proc.returncode != 0:
        # pg tools' stderr names objects, never row content
        raise BackupFout(f"{Path(cmd[0]).name} mislukt (exit {proc.returncode}): {proc.stderr.strip()[:500]}")


def maak_backup(engine: Engine, map_: Path) -> Manifest:
    """Write a backup of the database behind ``engine`` plus its manifest into the (new or empty) ``map_``."""
    map_.mkdir(parents=True, exist_ok=True)
    if any(map_.iterdir()):
        raise BackupFout(f"{map_} is niet leeg / backup directory is not empty")
    if engine.dialect.name == "sqlite":
        bron = engine.url.database
        if not bron or bron == ":memory:":
            raise BackupFout("alleen een SQLite-bestand kan worden geback-upt / only an SQLite file")
        doel = map_ / SQLITE_BESTAND
        with sqlite3.connect(bron) as src, sqlite3.connect(doel) as dst:
            src.backup(dst)
        src.close()
        dst.close()
        kopie = _sqlite_engine(doel)
        try:
            with kopie.connect() as conn:
                telling, kop, revisies = tellingen(conn), _logboek_kop(conn), _revisies(conn)
        finally:
            kopie.dispose()
    elif engine.dialect.name == "postgresql":
        doel = map_ / PG_BESTAND
        args, env = _pg_args(engine)
        with engine.connect() as conn:
            conn.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"))
            snapshot = conn.execute(text("SELECT pg_export_snapshot()")).scalar_one()
            telling, kop, revisies = tellingen(conn), _logboek_kop(conn), _revisies(conn)
            cmd = [pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-acl", f"--snapshot={snapshot}"]
            _voer_uit([*cmd, f"--file={doel}", *args], env)
            conn.rollback()
    else:  # pragma: no cover - only the two supported databases
        raise BackupFout(f"database {engine.dialect.name} wordt niet ondersteund / unsupported database")
    manifest = Manifest(
        versie=MANIFEST_VERSIE,
        database=engine.dialect.name,
        bestand=doel.name,
        sha256=_sha256(doel),
        gemaakt_op=utcnow().isoformat(),
        revisies=revisies,
        tellingen=telling,
        logboek_aantal=kop[0],
        logboek_kop=kop[1],
    )
    manifest.schrijf(map_)
    return manifest


def _sqlite_engine(pad: Path) -> Engine:
    from zicht.storage.engine import make_engine

    return make_engine(f"sqlite:///{pad}")


def is_leeg(engine: Engine) -> bool:
    """True when the database holds no table, or only empty ones."""
    with engine.connect() as conn:
        return all(n == 0 for t, n in tellingen(conn).items() if t != "alembic_version")


def _leeg_pg(engine: Engine) -> None:
    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        meta.drop_all(conn)


def herstel(engine: Engine, map_: Path, *, forceer: bool = False) -> Manifest:
    """Restore the backup in ``map_`` into the database behind ``engine`` and check it against the manifest.

    Raises:
        BackupFout: no or a damaged backup, another kind of database, a non-empty target without ``forceer``,
            or counts, logboek head or revisions that differ from the manifest after the restore.
    """
    manifest = Manifest.lees(map_)
    bestand = map_ / manifest.bestand
    if not bestand.is_file() or _sha256(bestand) != manifest.sha256:
        raise BackupFout(f"{manifest.bestand} ontbreekt of klopt niet met het manifest / dump missing or altered")
    if manifest.database != engine.dialect.name:
        raise BackupFout(f"backup van {manifest.database}, doel is {engine.dialect.name} / wrong database kind")
    if not forceer and not is_leeg(engine):
        raise BackupFout("de doeldatabase is niet leeg; gebruik --force om haar te overschrijven / target not empty")
    if engine.dialect.name == "sqlite":
        doel = engine.url.database
        assert doel
        engine.dispose()
        with sqlite3.connect(bestand) as src, sqlite3.connect(doel) as dst:
            src.backup(dst)
        src.close()
        dst.close()
    else:
        _leeg_pg(engine)
        args, env = _pg_args(engine)
        _voer_uit([pg_tool("pg_restore"), "--no-owner", "--no-acl", "--exit-on-error", *args, str(bestand)], env)
    with engine.connect() as conn:
        telling, kop, revisies = tellingen(conn), _logboek_kop(conn), _revisies(conn)
    verschil = sorted(t for t in set(telling) | set(manifest.tellingen) if telling.get(t) != manifest.tellingen.get(t))
    if verschil:
        raise BackupFout(f"tellingen wijken af van het manifest in {', '.join(verschil)} / counts differ")
    if kop != (manifest.logboek_aantal, manifest.logboek_kop) or revisies != manifest.revisies:
        raise BackupFout("logboekkop of schemarevisie wijkt af van het manifest / logboek head or revision differs")
    return manifest


def log_backup(sessions: sessionmaker[Session], actor: logboek.Actor, *, actie: str, manifest: Manifest | None) -> None:
    """Record a backup (``exporteren``) or restore (``wijzigen``) in the logboek (no personal data, only counts)."""
    details: dict[str, object] = {"tabellen": len(manifest.tellingen)} if manifest else {}
    if manifest:
        details["gemaakt_op"] = manifest.gemaakt_op
    with sessions() as session, session.begin():
        logboek.append(session, actor, actie=actie, object_type="backup", doel="continuïteit: backup en herstel",
                       details=details)  # fmt: skip


__all__ = ["BackupFout", "Manifest", "herstel", "is_leeg", "log_backup", "maak_backup"]
