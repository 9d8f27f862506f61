# SPDX-License-Identifier: EUPL-1.2
"""ImportRun: one bulk upload or import of a file, with its counts and row report."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class ImportRun(Base):
    """A file import. ``rapport`` holds the rejected rows (row, column, offending value, reason), never
    the content of an identifying field. ``gelezen == geaccepteerd + afgewezen`` always."""

    __tablename__ = "import_run"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    organisatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisatie.id"))
    bestand_sha256: Mapped[str] = mapped_column(String(64))
    formaat: Mapped[str] = mapped_column(String(8))
    gelezen: Mapped[int] = mapped_column(Integer)
    geaccepteerd: Mapped[int] = mapped_column(Integer)
    opgeslagen: Mapped[int] = mapped_column(Integer)
    al_aanwezig: Mapped[int] = mapped_column(Integer)
    afgewezen: Mapped[int] = mapped_column(Integer)
    rapport: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    uitgevoerd_door: Mapped[str | None] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
