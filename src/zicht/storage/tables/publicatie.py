# SPDX-License-Identifier: EUPL-1.2
"""Publicatie: a moment up to which protected statistics are published (a frozen data vintage)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, utcnow


class Publicatie(Base):
    """Every role but the analyst's sees figures over the meldingen recorded up to ``tot`` of the newest
    publicatie, so that one new melding does not change a published table (docs/adr/0006). A new row is made
    when enough new meldingen have arrived and enough time has passed, or by hand (``zicht publiceer``)."""

    __tablename__ = "publicatie"
    __table_args__ = (CheckConstraint("reden IN ('eerste', 'automatisch', 'handmatig')", name="reden"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tot: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    reden: Mapped[str] = mapped_column(String(16))
    door: Mapped[str | None] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
