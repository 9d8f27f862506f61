# SPDX-License-Identifier: EUPL-1.2
"""Logboek: the append-only, hash-chained record of every processing of personal data.

A record says who (user pseudonym, role, organisation), why (purpose), what (action, object type and ids)
and when — never the personal data itself. Each record carries the hash of its predecessor, so altering or
removing a record breaks the chain (``zicht logboek verify``). There is no update or delete path in code.

``sleutel_id`` marks the scheme of a record: NULL for records written before migration 0006 (plain SHA-256,
kept verifiable), otherwise the id of the logboek key whose HMAC-SHA256 forms ``hash``. The key itself is never
stored in the database (``zicht.privacy.logboek_sleutel``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, utcnow


class LogboekRecord(Base):
    """One processing operation on personal data, concerning zero or one data subject (persoon/melding)."""

    __tablename__ = "logboek"

    volgnummer: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    tijdstip: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    trace_id: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(64))  # user id or "systeem:<component>"
    rol: Mapped[str] = mapped_column(String(24))
    organisatie: Mapped[str | None] = mapped_column(String(64))
    doel: Mapped[str] = mapped_column(String(200))  # purpose / processing activity
    actie: Mapped[str] = mapped_column(String(24))  # aanmaken, lezen, wijzigen, exporteren, onthullen, koppelen
    object_type: Mapped[str] = mapped_column(String(24))  # melding, persoon, export, ...
    object_id: Mapped[str | None] = mapped_column(String(64))
    persoon_id: Mapped[str | None] = mapped_column(String(64), index=True)
    details: Mapped[str] = mapped_column(Text, default="{}")  # JSON, never personal data
    status: Mapped[int] = mapped_column(Integer, default=1)  # 0 unknown, 1 ok, 2 error
    vorige_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    sleutel_id: Mapped[str | None] = mapped_column(String(16))  # NULL: unkeyed SHA-256 (before 0006)
