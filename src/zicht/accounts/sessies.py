# SPDX-License-Identifier: EUPL-1.2
"""Server-side web sessions: the cookie holds a random value, the database only its SHA-256.

A session ends after ``session_idle_minutes`` without a request, after :data:`MAX_SESSIEDUUR` in total, at
logout, or when the account is deactivated. Every change of login stage issues a new session id, so a
session id planted before login (session fixation) is worthless afterwards.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, or_
from sqlalchemy.orm import Session

from zicht.accounts.beveiliging import MAX_SESSIEDUUR
from zicht.storage.base import utcnow
from zicht.storage.tables import Gebruiker, Sessie

#: Activity is written back at most this often (a write per request would serialise every page view).
_ACTIVITEIT_RESOLUTIE = timedelta(seconds=15)


class Stap:
    """How far a login got."""

    wachtwoord = "wachtwoord"  # password checked, TOTP code pending
    vernieuwen = "vernieuwen"  # one-time password checked (after a reset), a new password pending
    koppelen = "koppelen"  # password checked, TOTP enrolment pending
    volledig = "volledig"


@dataclass(frozen=True)
class GeladenSessie:
    """A live session with its account."""

    sessie: Sessie
    gebruiker: Gebruiker
    verloopt_op: datetime


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def hash_token(token: str) -> str:
    """The stored id of the session whose cookie value is ``token``."""
    return _hash(token)


def start_sessie(session: Session, gebruiker_id: uuid.UUID, stap: str, taal: str = "nl") -> str:
    """Create a session; returns the cookie value (shown to nobody else, stored only hashed)."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    session.add(
        Sessie(
            id=_hash(token), gebruiker_id=gebruiker_id, stap=stap, taal=taal, aangemaakt_op=now, laatst_actief_op=now
        )
    )
    return token


def laad_sessie(
    session: Session, token: str | None, idle: timedelta, now: datetime | None = None
) -> GeladenSessie | None:
    """The live session for a cookie value; an expired one is deleted and None returned."""
    if not token or len(token) > 100:
        return None
    now = now or utcnow()
    sessie = session.get(Sessie, _hash(token))
    if sessie is None:
        return None
    gebruiker = session.get(Gebruiker, sessie.gebruiker_id)
    verloopt = min(sessie.laatst_actief_op + idle, sessie.aangemaakt_op + MAX_SESSIEDUUR)
    if gebruiker is None or not gebruiker.actief or now >= verloopt:
        session.delete(sessie)
        return None
    if now - sessie.laatst_actief_op >= _ACTIVITEIT_RESOLUTIE:
        sessie.laatst_actief_op = now
        verloopt = min(now + idle, sessie.aangemaakt_op + MAX_SESSIEDUUR)
    return GeladenSessie(sessie, gebruiker, verloopt)


def vervang_sessie(session: Session, oude_token: str, stap: str) -> str:
    """End the session of ``oude_token`` and start one at ``stap`` for the same account (new id)."""
    oud = session.get(Sessie, _hash(oude_token))
    if oud is None:
        raise LookupError("sessie bestaat niet")
    gebruiker_id, taal = oud.gebruiker_id, oud.taal
    session.delete(oud)
    return start_sessie(session, gebruiker_id, stap, taal)


def beeindig_sessie(session: Session, token: str | None) -> None:
    """Log out: delete the session (a no-op for an unknown value)."""
    if token:
        session.execute(delete(Sessie).where(Sessie.id == _hash(token)))


def beeindig_sessies_van(session: Session, gebruiker_id: uuid.UUID, behalve: str | None = None) -> None:
    """End every session of an account (deactivation, TOTP or password reset), or every one but the session
    with id ``behalve`` (a password change ends the user's other sessions)."""
    stmt = delete(Sessie).where(Sessie.gebruiker_id == gebruiker_id)
    if behalve is not None:
        stmt = stmt.where(Sessie.id != behalve)
    session.execute(stmt)


def ruim_op(session: Session, idle: timedelta, now: datetime | None = None) -> None:
    """Delete sessions that have expired."""
    now = now or utcnow()
    session.execute(
        delete(Sessie).where(or_(Sessie.laatst_actief_op < now - idle, Sessie.aangemaakt_op < now - MAX_SESSIEDUUR))
    )
