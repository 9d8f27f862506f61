# SPDX-License-Identifier: EUPL-1.2
"""One-time recovery codes: ten per account, made when the second factor is enrolled (or on request), shown
once, stored only as SHA-256 bound to the account id. Each replaces a TOTP code once at login (a lost or
broken phone); making a new set voids the old one.

A code has 80 random bits (16 base32 characters in groups of four), so an unsalted fast hash is safe: there is
nothing to guess from it. Codes are compared case- and separator-insensitively.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import uuid
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from zicht.storage.base import utcnow
from zicht.storage.tables.gebruiker import Herstelcode

AANTAL = 10
_TEKENS = 16


def _normaal(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def _hash(gebruiker_id: uuid.UUID, code: str) -> str:
    return hashlib.sha256(b"zicht/herstelcode/v1|" + gebruiker_id.bytes + _normaal(code).encode()).hexdigest()


def lijkt_op_herstelcode(code: str) -> bool:
    """True when ``code`` has the shape of a recovery code (not of a 6-digit TOTP code)."""
    return len(_normaal(code)) == _TEKENS


def _nieuwe_code() -> str:
    ruw = base64.b32encode(secrets.token_bytes(10)).decode()  # 80 bits -> 16 characters, no padding
    return "-".join(ruw[i : i + 4] for i in range(0, _TEKENS, 4)).lower()


def maak(session: Session, gebruiker_id: uuid.UUID, now: datetime | None = None) -> list[str]:
    """Replace the account's recovery codes with :data:`AANTAL` new ones; returns them (shown once)."""
    now = now or utcnow()
    session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker_id))
    codes = [_nieuwe_code() for _ in range(AANTAL)]
    session.add_all(
        Herstelcode(gebruiker_id=gebruiker_id, hash=_hash(gebruiker_id, c), aangemaakt_op=now) for c in codes
    )
    session.flush()
    return codes


def gebruik(session: Session, gebruiker_id: uuid.UUID, code: str, now: datetime | None = None) -> bool:
    """Use a recovery code: True (and the code is spent) when it is one of the account's unused codes."""
    if not lijkt_op_herstelcode(code):
        return False
    gezocht = _hash(gebruiker_id, code)
    ongebruikt = session.scalars(
        select(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker_id, Herstelcode.gebruikt_op.is_(None))
    ).all()
    for rij in ongebruikt:
        if hmac.compare_digest(rij.hash, gezocht):
            # spend it only if no parallel login spent it first (one UPDATE with the condition: atomic)
            besteed = session.execute(
                update(Herstelcode)
                .where(Herstelcode.id == rij.id, Herstelcode.gebruikt_op.is_(None))
                .values(gebruikt_op=now or utcnow())
                .execution_options(synchronize_session=False)
            )
            session.expire(rij)
            return bool(besteed.rowcount)  # type: ignore[attr-defined]
    return False


def over(session: Session, gebruiker_id: uuid.UUID) -> int:
    """How many unused recovery codes the account has."""
    stmt = select(func.count()).where(Herstelcode.gebruiker_id == gebruiker_id, Herstelcode.gebruikt_op.is_(None))
    return int(session.scalar(stmt) or 0)


def vervallen(session: Session, gebruiker_id: uuid.UUID) -> None:
    """Void every recovery code of the account (its second factor was reset)."""
    session.execute(delete(Herstelcode).where(Herstelcode.gebruiker_id == gebruiker_id))
