# SPDX-License-Identifier: EUPL-1.2
"""A transaction-scoped lock per key, so a check-then-record sequence (login throttling, a reveal budget) holds
under concurrency.

On PostgreSQL this is ``pg_advisory_xact_lock(namespace, key)``: concurrent transactions for the same key queue
until the holder commits or rolls back, so each sees the attempts the previous one recorded. The two-integer
form lives in a key space apart from the one-integer lock of the logboek. SQLite needs nothing: its engine
starts every transaction with ``BEGIN IMMEDIATE`` (``zicht.storage.engine``), which already serialises writers.
"""

from __future__ import annotations

import hashlib

from sqlalchemy import text
from sqlalchemy.orm import Session

#: Namespaces (first key of the two-integer advisory lock), one per purpose.
INLOGPOGING = 4242002
ONTHULBUDGET = 4242003


def vergrendel(session: Session, naamruimte: int, sleutel: str) -> None:
    """Hold a lock on ``sleutel`` within ``naamruimte`` until the caller's transaction ends."""
    if session.get_bind().dialect.name != "postgresql":
        return
    getal = int.from_bytes(hashlib.sha256(sleutel.encode()).digest()[:4], "big", signed=True)
    session.execute(text("SELECT pg_advisory_xact_lock(:ns, :k)"), {"ns": naamruimte, "k": getal})
