# SPDX-License-Identifier: EUPL-1.2
"""Login throttling per account and per IP address, kept in the database so it holds across workers.

Failed password and TOTP attempts both count. A successful login clears the account's failures; the
address's failures age out with the window. Attempts are stored as keyed hashes and pruned after a day.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from zicht.accounts.beveiliging import Beveiliging
from zicht.storage.tables import Inlogpoging

BEWAARTERMIJN = timedelta(days=1)


def _sleutels(bev: Beveiliging, gebruikersnaam: str, ip: str) -> tuple[str, str]:
    return bev.sleutel("account", gebruikersnaam.strip().lower()), bev.sleutel("ip", ip)


def is_geblokkeerd(session: Session, bev: Beveiliging, gebruikersnaam: str, ip: str, now: datetime) -> bool:
    """True when the account or the address has too many recent failures."""
    account, adres = _sleutels(bev, gebruikersnaam, ip)
    sinds = now - bev.beperking.venster
    base = select(func.count()).select_from(Inlogpoging).where(Inlogpoging.tijdstip >= sinds, ~Inlogpoging.gelukt)
    per_account = session.scalar(base.where(Inlogpoging.account_sleutel == account)) or 0
    if per_account >= bev.beperking.per_account:
        return True
    per_ip = session.scalar(base.where(Inlogpoging.ip_sleutel == adres)) or 0
    return per_ip >= bev.beperking.per_ip


def registreer(
    session: Session, bev: Beveiliging, gebruikersnaam: str, ip: str, *, gelukt: bool, now: datetime
) -> None:
    """Record an attempt; a success clears the account's earlier failures."""
    account, adres = _sleutels(bev, gebruikersnaam, ip)
    if gelukt:
        session.execute(delete(Inlogpoging).where(Inlogpoging.account_sleutel == account))
    session.add(Inlogpoging(tijdstip=now, account_sleutel=account, ip_sleutel=adres, gelukt=gelukt))


def ruim_op(session: Session, now: datetime) -> int:
    """Delete attempts older than the retention period; returns how many."""
    result = session.execute(delete(Inlogpoging).where(Inlogpoging.tijdstip < now - BEWAARTERMIJN))
    return int(getattr(result, "rowcount", 0) or 0)
