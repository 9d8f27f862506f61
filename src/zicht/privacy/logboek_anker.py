# SPDX-License-Identifier: EUPL-1.2
"""Ankers: signed checkpoints of the logboek, appended to a JSON-lines file outside the database.

An anker records how many records the logboek of one database had (``aantal``, the sequence number of the
head), the head's hash (``kop``) and when, signed with HMAC-SHA256 under the anker sub-key of the logboek key.
Whoever can rewrite the database cannot rewrite the ankers without the key, so ``verify`` detects a truncated
tail (fewer records than an anker counts), the deletion of every record, and a rewritten chain (the record at
an anker's count has another hash) even when all later hashes were recomputed. An anker with reason
``bewaartermijn`` marks a retention cut: the records up to its count were deleted lawfully.

Ankers are written after the commit of a transaction that appended records, when the logboek passed a multiple
of ``anker_interval`` records or the process wrote none for ``anker_seconden``; and by ``zicht logboek anker``
and ``zicht logboek verify``. The file is only ever appended to (``O_APPEND``, one ``write`` per line under an
exclusive lock, then ``fsync``); the deployment should make it append-only (``chattr +a``) or ship it off the
host. An anker holds no personal data.
"""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import os
import time
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from zicht.privacy.logboek_sleutel import LogboekInstellingen, Sleutel, database_van

log = logging.getLogger(__name__)

VERSIE = 1
#: The reason of a *bewaaranker*: the records up to its count were deleted after their retention period, so the
#: chain lawfully starts after its head (``zicht.privacy.logboek_bewaren``).
BEWAARTERMIJN = "bewaartermijn"
#: Why an anker was written.
REDENEN = frozenset({"interval", "handmatig", "verify", BEWAARTERMIJN})
_VELDEN = ("versie", "database", "aantal", "kop", "tijdstip", "reden", "sleutel_id")


@dataclass(frozen=True)
class Anker:
    """One signed checkpoint: the logboek of ``database`` had ``aantal`` records ending in hash ``kop``."""

    database: str
    aantal: int
    kop: str
    tijdstip: str
    reden: str
    sleutel_id: str
    handtekening: str = field(default="", compare=False)
    versie: int = VERSIE

    def _inhoud(self) -> bytes:
        velden = {k: getattr(self, k) for k in _VELDEN}
        return json.dumps(velden, sort_keys=True, separators=(",", ":")).encode()

    def handtekening_voor(self, sleutel: Sleutel) -> str:
        """The signature of this anker's fields under ``sleutel``."""
        return hmac.new(sleutel.anker, self._inhoud(), hashlib.sha256).hexdigest()

    def als_regel(self) -> str:
        """The anker as one line of the anker file."""
        return json.dumps(asdict(self), sort_keys=True, separators=(",", ":")) + "\n"


def teken(sleutel: Sleutel, *, database: str, aantal: int, kop: str, reden: str) -> Anker:
    """A new anker of the given head, signed with ``sleutel``."""
    if reden not in REDENEN:
        raise ValueError(f"unknown anker reason {reden!r}")
    tijdstip = datetime.now(UTC).isoformat(timespec="seconds")
    anker = Anker(database, aantal, kop, tijdstip, reden, sleutel.id)
    return Anker(database, aantal, kop, tijdstip, reden, sleutel.id, anker.handtekening_voor(sleutel))


def schrijf(pad: Path, anker: Anker) -> None:
    """Append ``anker`` to the file at ``pad`` (created with mode 0600 when missing) and flush it to disk."""
    pad.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(pad, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        os.write(fd, anker.als_regel().encode())
        os.fsync(fd)
    finally:
        os.close(fd)  # also releases the lock


@dataclass
class Gelezen:
    """The ankers of one database in the anker file, and the lines that failed."""

    ankers: list[tuple[int, Anker]] = field(default_factory=list)  # (line number, anker)
    ongeldig: list[tuple[int, str]] = field(default_factory=list)  # (line number, reason in Dutch)
    andere_database: int = 0
    bestand_bestaat: bool = False


def _als_anker(data: Any) -> Anker | None:
    if not isinstance(data, dict) or set(data) != {*_VELDEN, "handtekening"}:
        return None
    try:
        anker = Anker(**data)
    except TypeError:
        return None
    soorten = (str, int, str, str, str, str, str)
    velden = (anker.database, anker.aantal, anker.kop, anker.tijdstip, anker.reden, anker.sleutel_id)
    if not all(isinstance(v, t) for v, t in zip((*velden, anker.handtekening), soorten, strict=True)):
        return None
    return anker


def lees(pad: Path, database: str, sleutels: Mapping[str, Sleutel]) -> Gelezen:
    """Read and check every anker in ``pad``: those of ``database``, signature checked, in file order."""
    gelezen = Gelezen()
    if not pad.is_file():
        return gelezen
    gelezen.bestand_bestaat = True
    with pad.open("rb") as bestand:
        for nummer, ruw in enumerate(bestand, start=1):
            if not ruw.strip():
                continue
            try:
                anker = _als_anker(json.loads(ruw))
            except (ValueError, UnicodeDecodeError):
                anker = None
            if anker is None:
                gelezen.ongeldig.append((nummer, "onleesbaar (geen geldig anker)"))
                continue
            sleutel = sleutels.get(anker.sleutel_id)
            if sleutel is None:
                if anker.database == database:
                    gelezen.ongeldig.append((nummer, f"getekend met een onbekende sleutel ({anker.sleutel_id})"))
                else:
                    gelezen.andere_database += 1
                continue
            if not hmac.compare_digest(anker.handtekening.encode(), anker.handtekening_voor(sleutel).encode()):
                gelezen.ongeldig.append((nummer, "de handtekening klopt niet: het anker is gewijzigd"))
            elif anker.database != database:
                gelezen.andere_database += 1
            else:
                gelezen.ankers.append((nummer, anker))
    return gelezen


# ---- ankers after the commit of appended records --------------------------------------------------------

_GEPLAND = "zicht.logboek.anker"
#: Per anker file, when this process last wrote an anker to it (time.monotonic()).
_LAATST_GESCHREVEN: dict[Path, float] = {}


@dataclass(frozen=True)
class _Gepland:
    instellingen: LogboekInstellingen
    database: str
    eerste: int
    laatste: int
    kop: str


def plan(session: Session, instellingen: LogboekInstellingen, *, eerste: int, laatste: int, kop: str) -> None:
    """Note records ``eerste``..``laatste`` appended in the session's transaction; after its commit an anker
    is written when due. A rollback forgets them: an anker never counts records that were not committed."""
    bestaand: _Gepland | None = session.info.get(_GEPLAND)
    database = database_van(session)
    begin = bestaand.eerste if bestaand is not None else eerste
    session.info[_GEPLAND] = _Gepland(instellingen, database, begin, laatste, kop)


def _is_nodig(gepland: _Gepland, nu: float) -> bool:
    n = gepland.instellingen.anker_interval
    if gepland.laatste // n > (gepland.eerste - 1) // n:
        return True
    vorige = _LAATST_GESCHREVEN.get(gepland.instellingen.ankers)
    return vorige is None or nu - vorige >= gepland.instellingen.anker_seconden


@event.listens_for(Session, "after_commit")
def _na_commit(session: Session) -> None:
    gepland: _Gepland | None = session.info.pop(_GEPLAND, None)
    if gepland is None:
        return
    nu = time.monotonic()
    if not _is_nodig(gepland, nu):
        return
    inst = gepland.instellingen
    anker = teken(inst.actief, database=gepland.database, aantal=gepland.laatste, kop=gepland.kop, reden="interval")
    try:
        schrijf(inst.ankers, anker)
    except OSError as exc:  # the processing itself is committed; verify reports the missing ankers
        log.error("logboek anker not written to %s: %s", inst.ankers, type(exc).__name__)
        return
    _LAATST_GESCHREVEN[inst.ankers] = nu


@event.listens_for(Session, "after_soft_rollback")
def _na_rollback(session: Session, previous_transaction: SessionTransaction) -> None:
    session.info.pop(_GEPLAND, None)
