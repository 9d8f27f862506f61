# SPDX-License-Identifier: EUPL-1.2
"""Persoon: one (possible) victim, a cluster of linked meldingen, identified by a random stable pseudonym."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import ForeignKey, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class Persoon(Base):
    """A person as zicht counts them: the meldingen linked to one victim. The id is random, never derived
    from identifying data; ``status`` is ``actief``, ``samengevoegd`` (merged into ``opgegaan_in``) or
    ``opgeheven`` (dissolved by a split)."""

    __tablename__ = "persoon"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    status: Mapped[str] = mapped_column(String(16), default="actief")
    opgegaan_in: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persoon.id"))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    gewijzigd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
