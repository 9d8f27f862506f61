# SPDX-License-Identifier: EUPL-1.2
"""TellingArchief: the counts of meldingen deleted after their retention period, so published figures survive.

When ``zicht bewaartermijn opschonen`` deletes the meldingen of a person (or an unlinked melding) past
``ZICHT_BEWAAR_MELDING_JAREN``, it first writes what the statistics need of them here, at the grain the
statistics count: one *profiel* per person (its meldingen with their quarter, publicatie moment and coded
breakdowns, never an id, reference, organisation, date of birth or identity) and ``aantal``, the number of
deleted persons (or unlinked meldingen) with exactly that profile. The analysis reads the rows back into the
melding tables of the extract and the capture rows (``zicht.analysis.archief``), so every published table
gives the same figures after the deletion as before it (docs/bewaren.md).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, Integer, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, utcnow


class TellingArchief(Base):
    """One profile of deleted persons (or unlinked meldingen) and how many had it."""

    __tablename__ = "telling_archief"
    __table_args__ = (CheckConstraint("aantal > 0", name="aantal"), CheckConstraint("meldingen > 0", name="meldingen"))

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    #: SHA-256 of ``profiel``: a second person with the same profile raises ``aantal`` of this row.
    profiel_hash: Mapped[str] = mapped_column(String(64), unique=True)
    #: Canonical JSON (``zicht.analysis.archief``): whether linked, and per melding its coded values.
    profiel: Mapped[str] = mapped_column(Text)
    #: Persons (or, for an unlinked profile, meldingen) with this profile.
    aantal: Mapped[int] = mapped_column(Integer)
    #: Meldingen per person of this profile.
    meldingen: Mapped[int] = mapped_column(Integer)
    eerste_jaar: Mapped[int] = mapped_column(SmallInteger)
    laatste_jaar: Mapped[int] = mapped_column(SmallInteger)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    bijgewerkt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
