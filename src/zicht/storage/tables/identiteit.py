# SPDX-License-Identifier: EUPL-1.2
"""Identiteit: the identity vault. Identifying fields of a melding, encrypted, plus keyed pseudonyms.

Only ``zicht.privacy.vault`` reads or writes the ciphertext. The pseudonym columns are HMAC-SHA256 values of
normalised identifiers, usable as exact-match keys (linkage blocking) without revealing them.
"""

from __future__ import annotations

import uuid

from sqlalchemy import ForeignKey, Index, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base


class Identiteit(Base):
    """Encrypted identifying data of one melding (AES-256-GCM; see zicht.privacy.vault)."""

    __tablename__ = "identiteit"
    __table_args__ = (
        Index("ix_identiteit_pseudo_document", "pseudo_document"),
        Index("ix_identiteit_pseudo_telefoon", "pseudo_telefoon"),
        Index("ix_identiteit_pseudo_naam_geboortedatum", "pseudo_naam_geboortedatum"),
    )

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    sleutel_id: Mapped[str] = mapped_column(String(32))
    versleuteld: Mapped[bytes] = mapped_column(LargeBinary)
    pseudo_document: Mapped[str | None] = mapped_column(String(64))
    pseudo_telefoon: Mapped[str | None] = mapped_column(String(64))
    pseudo_naam_geboortedatum: Mapped[str | None] = mapped_column(String(64))
