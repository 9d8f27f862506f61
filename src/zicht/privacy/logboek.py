# SPDX-License-Identifier: EUPL-1.2
"""Append to and verify the keyed, anchored logboek of personal-data processing.

Every create, read, update, export and identity reveal of personal data appends one record per data
subject: who (actor pseudonym, role, organisation), why (purpose), what (action, object type and id) and when.
Records never contain the personal data itself. Each record's hash is an HMAC-SHA256, under a key kept outside
the database, of its content and the previous record's hash (``zicht.privacy.logboek_keten``); records from
before migration 0006 keep their plain SHA-256 hashes. Signed ankers outside the database record the count
and head hash from time to time (``zicht.privacy.logboek_anker``). ``verify`` (``zicht.privacy.logboek_controle``)
detects altered, inserted, removed and rehashed records, a truncated tail and an emptied logboek.
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from zicht.privacy import logboek_anker
from zicht.privacy.logboek_controle import Probleem, VerifyResult
from zicht.privacy.logboek_controle import verify as _controleer
from zicht.privacy.logboek_keten import GENESIS, _BatchDigest, _digest
from zicht.privacy.logboek_sleutel import (
    LogboekInstellingen,
    configureer,
    instellingen_voor,
    zonder_sleutel_fout,
)
from zicht.storage.base import utcnow
from zicht.storage.bulk import bulk_insert
from zicht.storage.tables import LogboekRecord

__all__ = [
    "ACTIES",
    "GENESIS",
    "SYSTEEM",
    "Actor",
    "LogboekInstellingen",
    "Probleem",
    "VerifyResult",
    "_BatchDigest",
    "_digest",
    "append",
    "configureer",
    "for_person",
    "verify",
]

_log = logging.getLogger(__name__)
_GEWAARSCHUWD: list[bool] = []

#: Actions that may be recorded.
ACTIES = frozenset({"aanmaken", "lezen", "wijzigen", "exporteren", "onthullen", "koppelen", "verwijderen"})


@dataclass(frozen=True)
class Actor:
    """Who processes: a user id (or ``systeem:<component>``), role and organisation code."""

    id: str
    rol: str
    organisatie: str | None = None


SYSTEEM = Actor("systeem", "systeem", None)


def _lock(session: Session) -> None:
    # Serialise appends so the chain stays linear under concurrency (PostgreSQL: transaction-scoped lock).
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(4242001)"))


def append(
    session: Session,
    actor: Actor,
    *,
    actie: str,
    object_type: str,
    object_ids: Sequence[str | None] | None = None,
    doel: str,
    persoon_ids: Sequence[str | None] | None = None,
    details: dict[str, object] | None = None,
    trace_id: str | None = None,
    status: int = 1,
) -> int:
    """Append one record per object (data subject) in the caller's transaction.

    Args:
        session: the open session; the records commit or roll back with the processing itself.
        actor: who processes.
        actie: one of ACTIES.
        object_type: e.g. ``melding``, ``persoon``, ``export``.
        object_ids: one record per id (None means one record without a subject).
        doel: the purpose (processing activity), stated by the user for reveals.
        persoon_ids: the person of each object, parallel to object_ids, for subject access requests.
        details: extra non-personal context (counts, filters), stored as JSON.
        trace_id: W3C trace id to group records of one operation; generated when absent.
        status: 0 unknown, 1 ok, 2 error.

    Returns:
        The number of records appended.
    """
    if actie not in ACTIES:
        raise ValueError(f"unknown logboek action {actie!r}")
    ids: Sequence[str | None] = list(object_ids) if object_ids else [None]
    persons: Sequence[str | None] = list(persoon_ids) if persoon_ids else [None] * len(ids)
    if len(persons) != len(ids):
        raise ValueError("persoon_ids must be parallel to object_ids")
    gevonden = instellingen_voor(session)
    instellingen = gevonden.instellingen
    if instellingen is None and gevonden.productie:
        raise zonder_sleutel_fout()
    _lock(session)
    last = session.execute(
        select(LogboekRecord.volgnummer, LogboekRecord.hash, LogboekRecord.sleutel_id)
        .order_by(LogboekRecord.volgnummer.desc())
        .limit(1)
    ).first()
    volgnummer, vorige = (last[0], last[1]) if last else (0, GENESIS)
    if instellingen is None:
        if last is not None and last[2] is not None:  # an unkeyed record after keyed ones would fail verify
            raise zonder_sleutel_fout()
        if not _GEWAARSCHUWD:
            _GEWAARSCHUWD.append(True)
            _log.warning("logboek records are chained without a key: set ZICHT_LOGBOEK_SLEUTEL")
    eerste = volgnummer + 1
    trace = trace_id or secrets.token_hex(16)
    now = utcnow()
    details_json = json.dumps(details or {}, sort_keys=True, default=str)
    constant: dict[str, object] = {
        "tijdstip": now,
        "trace_id": trace,
        "actor": actor.id,
        "rol": actor.rol,
        "organisatie": actor.organisatie,
        "doel": doel,
        "actie": actie,
        "object_type": object_type,
        "details": details_json,
        "status": status,
    }
    sleutel_id = instellingen.actief.id if instellingen is not None else None
    digest = _BatchDigest(constant, instellingen.actief.keten if instellingen is not None else None)
    rows: list[dict[str, object]] = []
    for object_id, persoon_id in zip(ids, persons, strict=True):
        volgnummer += 1
        row: dict[str, object] = {
            "volgnummer": volgnummer,
            **constant,
            "object_id": object_id,
            "persoon_id": persoon_id,
            "vorige_hash": vorige,
            "sleutel_id": sleutel_id,
        }
        row["hash"] = vorige = digest(volgnummer, object_id, persoon_id, vorige)
        rows.append(row)
    bulk_insert(session, LogboekRecord.__table__, rows)  # type: ignore[arg-type]
    if instellingen is not None:
        logboek_anker.plan(session, instellingen, eerste=eerste, laatste=volgnummer, kop=vorige)
    return len(rows)


def verify(session: Session, batch: int = 5000, *, instellingen: LogboekInstellingen | None = None) -> VerifyResult:
    """Check the keyed chain and the ankers; report every altered, inserted, removed or rehashed record.

    Args:
        session: a session on the registry database.
        batch: records fetched per round trip.
        instellingen: the keys and anker file; default those of the session (see ``configureer``).
    """
    if instellingen is None:
        instellingen = instellingen_voor(session).instellingen
    return _controleer(session, instellingen, batch)


def for_person(session: Session, persoon_id: str) -> Iterable[LogboekRecord]:
    """Every processing of one person, oldest first (for a subject access request)."""
    stmt = select(LogboekRecord).where(LogboekRecord.persoon_id == persoon_id).order_by(LogboekRecord.volgnummer)
    return session.scalars(stmt).all()
