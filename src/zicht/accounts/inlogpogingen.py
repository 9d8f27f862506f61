# SPDX-License-Identifier: EUPL-1.2
"""Login throttling with exponential delay, kept in the database so it holds across workers (ADR 0008).

Failed password and TOTP attempts both count, as keyed hashes of the account name and the client address.
Three counts decide whether an attempt is evaluated now or must wait:

- per (account, address): after ``per_account`` free failures, every further failure doubles the wait
  (``basis``, 2x, 4x, ... up to ``max_wachttijd``), measured from that pair's last failure;
- per address (any account): after ``per_ip`` failures within ``venster`` the address waits in the same way;
- per account (any address): when ``globaal`` failures arrived within ``venster``, a pair gets only one free
  attempt before its own delay starts. This only slows: the wait always belongs to the (account, address)
  pair that failed, so an attacker's failures never make the owner wait at another address.

A successful login (password and second factor) clears the pair's failures. The check, the password
evaluation and the record happen under one lock per account (:mod:`zicht.accounts.vergrendeling`), so
parallel attempts are evaluated strictly within the limit. Attempts are pruned after a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, delete, func, select
from sqlalchemy.orm import Session

from zicht.accounts.beveiliging import Beveiliging, Inlogbeperking
from zicht.accounts.vergrendeling import INLOGPOGING, vergrendel
from zicht.storage.tables import Inlogpoging

BEWAARTERMIJN = timedelta(days=1)


@dataclass(frozen=True)
class Oordeel:
    """Whether an attempt may be evaluated now; otherwise how long to wait (whole seconds, at least 1)."""

    toegestaan: bool
    wacht_seconden: int = 0


def _sleutels(bev: Beveiliging, gebruikersnaam: str, ip: str) -> tuple[str, str]:
    return bev.sleutel("account", gebruikersnaam.strip().lower()), bev.sleutel("ip", ip)


def wachttijd(beperking: Inlogbeperking, mislukt: int, vrij: int) -> timedelta:
    """The wait after ``mislukt`` failures of which ``vrij`` are free: zero, then basis x 2^k, capped."""
    if mislukt < vrij:
        return timedelta(0)
    stappen = min(mislukt - vrij, 30)  # 2^30 seconds is far beyond any cap
    return min(beperking.basis * (2**stappen), beperking.max_wachttijd)


def _telling(session: Session, *voorwaarden: ColumnElement[bool]) -> tuple[int, datetime | None]:
    stmt = select(func.count(), func.max(Inlogpoging.tijdstip)).where(~Inlogpoging.gelukt, *voorwaarden)
    aantal, laatste = session.execute(stmt).one()
    return int(aantal or 0), laatste


def _resterend(now: datetime, laatste: datetime | None, wacht: timedelta) -> timedelta:
    if laatste is None or wacht <= timedelta(0):
        return timedelta(0)
    return max(timedelta(0), laatste + wacht - now)


def beoordeel(session: Session, bev: Beveiliging, gebruikersnaam: str, ip: str, now: datetime) -> Oordeel:
    """Lock the account's attempts for this transaction and decide whether this attempt is evaluated now.

    The lock is held until the caller's transaction ends, so the caller evaluates and records the attempt
    (:func:`registreer`) before any parallel attempt for the same account is judged.
    """
    account, adres = _sleutels(bev, gebruikersnaam, ip)
    vergrendel(session, INLOGPOGING, account)
    b = bev.beperking
    sinds = now - b.venster
    globaal, _ = _telling(session, Inlogpoging.account_sleutel == account, Inlogpoging.tijdstip >= sinds)
    vrij = 1 if globaal >= b.globaal else b.per_account
    paar, paar_laatst = _telling(
        session,
        Inlogpoging.account_sleutel == account,
        Inlogpoging.ip_sleutel == adres,
        Inlogpoging.tijdstip >= now - BEWAARTERMIJN,
    )
    per_adres, adres_laatst = _telling(session, Inlogpoging.ip_sleutel == adres, Inlogpoging.tijdstip >= sinds)
    rest = max(
        _resterend(now, paar_laatst, wachttijd(b, paar, vrij)),
        _resterend(now, adres_laatst, wachttijd(b, per_adres, b.per_ip)),
    )
    if rest > timedelta(0):
        return Oordeel(False, max(1, int(rest.total_seconds() + 0.999)))
    return Oordeel(True)


def registreer(
    session: Session, bev: Beveiliging, gebruikersnaam: str, ip: str, *, gelukt: bool, now: datetime
) -> None:
    """Record an attempt; a success clears the earlier failures of this (account, address) pair."""
    account, adres = _sleutels(bev, gebruikersnaam, ip)
    if gelukt:
        session.execute(
            delete(Inlogpoging).where(Inlogpoging.account_sleutel == account, Inlogpoging.ip_sleutel == adres)
        )
    session.add(Inlogpoging(tijdstip=now, account_sleutel=account, ip_sleutel=adres, gelukt=gelukt))
    session.flush()


def ruim_op(session: Session, now: datetime) -> int:
    """Delete attempts older than the retention period; returns how many."""
    result = session.execute(delete(Inlogpoging).where(Inlogpoging.tijdstip < now - BEWAARTERMIJN))
    return int(getattr(result, "rowcount", 0) or 0)
