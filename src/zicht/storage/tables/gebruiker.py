# SPDX-License-Identifier: EUPL-1.2
"""Gebruikers, web sessions, API tokens and login attempts: who may use zicht, and how they proved it.

Passwords are stored as argon2id hashes, TOTP secrets encrypted (see ``zicht.accounts.totp``), session ids and
API tokens only as SHA-256 hashes, so a copy of the database gives no way in. Login attempts keep keyed
hashes of the account name and IP address, never the values themselves.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from zicht.domain.rollen import rol_check_sql
from zicht.storage.base import Base, UTCDateTime, new_id, utcnow
from zicht.storage.tables.melding import Melding


class Gebruiker(Base):
    """A person with a local account. ``rol`` is one of the roles of ``zicht.privacy.toegang``; a melder
    belongs to an organisation, a gemeente user has a ``gebied`` (``gemeente:GM0344`` or
    ``veiligheidsregio:VR09``)."""

    __tablename__ = "gebruiker"
    __table_args__ = (
        CheckConstraint(rol_check_sql(), name="rol"),
        CheckConstraint("rol <> 'melder' OR organisatie_id IS NOT NULL", name="melder_heeft_organisatie"),
        CheckConstraint("rol <> 'gemeente' OR gebied IS NOT NULL", name="gemeente_heeft_gebied"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    gebruikersnaam: Mapped[str] = mapped_column(String(64), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    rol: Mapped[str] = mapped_column(String(16))
    organisatie_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisatie.id"))
    gebied: Mapped[str | None] = mapped_column(String(40))
    wachtwoord_hash: Mapped[str] = mapped_column(String(200))
    #: AES-GCM ciphertext of the base32 TOTP secret; null until the second factor is enrolled.
    totp_geheim: Mapped[bytes | None] = mapped_column(LargeBinary)
    #: The last accepted TOTP time step: a code is never accepted twice (replay protection).
    #: False while an enrolment is pending: the secret was shown but no code from it was entered yet.
    totp_bevestigd: Mapped[bool] = mapped_column(Boolean, default=False)
    totp_laatste_stap: Mapped[int | None] = mapped_column(BigInteger)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    #: True after a reset by a beheerder: the user must choose a new password at the next login.
    wachtwoord_wijzigen: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Demo accounts may use the fixed demo code when ZICHT_DEMO_LOGIN_BYPASS is on (never in productie).
    demo: Mapped[bool] = mapped_column(Boolean, default=False)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    laatst_ingelogd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Herstelcode(Base):
    """A one-time recovery code that replaces a TOTP code once (a lost phone). Only the SHA-256 of the code
    (bound to the account id) is stored; ``gebruikt_op`` is set when it is used."""

    __tablename__ = "herstelcode"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    gebruiker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    hash: Mapped[str] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    gebruikt_op: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Sessie(Base):
    """A web session. The primary key is the SHA-256 of the random cookie value; ``stap`` says how far the
    login got: ``wachtwoord`` (password checked, second factor pending), ``koppelen`` (TOTP enrolment
    pending) or ``volledig``."""

    __tablename__ = "sessie"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    gebruiker_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("gebruiker.id", ondelete="CASCADE"), index=True)
    stap: Mapped[str] = mapped_column(String(12))
    taal: Mapped[str] = mapped_column(String(2), default="nl")
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    laatst_actief_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    """A machine-to-machine token of one organisation with scopes. Only its SHA-256 is stored; ``prefix``
    (the public part of the token) finds the row."""

    __tablename__ = "api_token"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    hash: Mapped[str] = mapped_column(String(64))
    organisatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisatie.id"))
    scopes: Mapped[str] = mapped_column(String(200))  # space-separated
    omschrijving: Mapped[str] = mapped_column(String(200))
    aangemaakt_door: Mapped[str | None] = mapped_column(String(64))
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    verloopt_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    ingetrokken_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    laatst_gebruikt_op: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Inlogpoging(Base):
    """One login attempt, for throttling per account and per IP address (keyed hashes, kept one day)."""

    __tablename__ = "inlogpoging"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    tijdstip: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    account_sleutel: Mapped[str] = mapped_column(String(64), index=True)
    ip_sleutel: Mapped[str] = mapped_column(String(64), index=True)
    gelukt: Mapped[bool] = mapped_column(Boolean)


# Indexes for the paged lists of meldingen in the web app and the API (newest first): the organisation's own
# list, and the national list. Without them every page sorts the organisation's (or the country's) meldingen
# and a deep page of 100,000 takes seconds; with them a page is an index range. They are created by migration
# 0002 (the web app's branch) and belong with the Melding table: move them to its __table_args__ in a later
# registry migration.
Index("ix_melding_organisatie_lijst", Melding.organisatie_id, Melding.melddatum, Melding.aangemaakt_op, Melding.id)
Index("ix_melding_lijst", Melding.melddatum, Melding.aangemaakt_op, Melding.id)
