# SPDX-License-Identifier: EUPL-1.2
"""ImportRun: one bulk upload or import of a file, with its status, counts and row report.

An import is a job: ``bezig`` while it runs (or waits for a worker), then ``klaar`` or ``afgebroken`` (with
``reden``). The counts and ``hartslag`` are updated with every chunk, so a run whose process died shows as
``bezig`` with a stale heartbeat ("onderbroken") until a worker marks it ``afgebroken``.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, Integer, LargeBinary, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow

#: The statuses of an import job.
BEZIG = "bezig"
KLAAR = "klaar"
AFGEBROKEN = "afgebroken"
IMPORT_STATUSSEN = (BEZIG, KLAAR, AFGEBROKEN)


class ImportRun(Base):
    """A file import. ``rapport`` holds the rejected rows (row, column, offending value, reason), never
    the content of an identifying field. ``gelezen == geaccepteerd + afgewezen`` always."""

    __tablename__ = "import_run"
    __table_args__ = (Index("ix_import_run_status", "status", "hartslag"),)

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
    #: ``bezig``, ``klaar`` or ``afgebroken``.
    status: Mapped[str] = mapped_column(String(16), default=KLAAR, server_default=KLAAR)
    #: Why the import broke off (Dutch and English, no case data); None unless ``afgebroken``.
    reden: Mapped[str | None] = mapped_column(String(500))
    #: The file's name as uploaded (its extension decides the format).
    bestandsnaam: Mapped[str | None] = mapped_column(String(255))
    #: The uploaded file, encrypted, while the job waits or runs (web and API); removed when it ends.
    bestand: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)
    #: Last sign of life of the worker (set when claimed and with every chunk); None: not claimed yet.
    hartslag: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Fraction of the file read (0..1), when known.
    fractie: Mapped[float | None] = mapped_column(Float)
