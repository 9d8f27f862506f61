# SPDX-License-Identifier: EUPL-1.2
"""Netwerk: who holds the zorgcoördinator and aandachtsfunctionaris roles per gemeente, and first contacts.

Only organisations and contact roles are stored, never a person's name or contact data (of a victim or of a
professional): the network is about coverage, not about people.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class NetwerkFunctie(Base):
    """A zorgcoördinator or aandachtsfunctionaris for a gemeente, or (``dekking = 'regio'``) for the whole
    shelter region of that gemeente (a centrumgemeente's coordinator), from ``sinds`` until ``tot``."""

    __tablename__ = "netwerk_functie"
    __table_args__ = (
        CheckConstraint("functie IN ('zorgcoordinator', 'aandachtsfunctionaris')", name="functie"),
        CheckConstraint("dekking IN ('gemeente', 'regio')", name="dekking"),
        Index("ix_netwerk_functie_gemeentecode", "gemeentecode"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    gemeentecode: Mapped[str] = mapped_column(String(6))
    functie: Mapped[str] = mapped_column(String(24))
    dekking: Mapped[str] = mapped_column(String(8), default="gemeente")
    organisatie: Mapped[str] = mapped_column(String(200))
    contactrol: Mapped[str] = mapped_column(String(200))
    sinds: Mapped[date] = mapped_column(Date)
    tot: Mapped[date | None] = mapped_column(Date)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class NetwerkContact(Base):
    """The first contact of a zorgcoördinator after a melding (for the time-to-first-contact indicator)."""

    __tablename__ = "netwerk_contact"

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    contact_op: Mapped[date] = mapped_column(Date)
