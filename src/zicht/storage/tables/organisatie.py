# SPDX-License-Identifier: EUPL-1.2
"""Organisatie: a reporting organisation (melder) or another organisation using zicht."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import Boolean, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class Organisatie(Base):
    """An organisation: reporting organisations (politie-eenheid, KMar, NLA, zorgcoördinator, FairWork, …),
    CoMensha itself, municipalities and shelters. ``soort`` is a code of the ``melder_soort`` list."""

    __tablename__ = "organisatie"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    soort: Mapped[str] = mapped_column(String(40))
    #: Region of the reporter as CoMensha records it: the politie-eenheid (or KMar district); null = central.
    regio: Mapped[str | None] = mapped_column(String(80))
    #: For municipal organisations: the CBS code of the gemeente.
    gemeentecode: Mapped[str | None] = mapped_column(String(6))
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
