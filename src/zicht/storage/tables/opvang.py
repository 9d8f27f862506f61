# SPDX-License-Identifier: EUPL-1.2
"""Opvang: shelter facilities, their occupancy per day, and placement requests with their history.

A request refers to a person only by the pseudonymous ``persoon_id``; no name or birth date is stored here.
A facility's street address (``adres``) is confidential: only opvang users of the facility's operator see it.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow

_SOORTEN = "'cosm', 'omm', 'vrouwenopvang', 'mannenopvang', 'maatschappelijke_opvang', 'jeugdzorg', " \
    "'beschermde_opvang', 'overig'"  # fmt: skip
_STATUSSEN = "'aangevraagd', 'aangeboden', 'geplaatst', 'geweigerd', 'ingetrokken', 'uitgestroomd'"


class OpvangVoorziening(Base):
    """A shelter facility: type, operator, centrumgemeente and region, target group, security, capacity."""

    __tablename__ = "opvang_voorziening"
    __table_args__ = (
        CheckConstraint(f"soort IN ({_SOORTEN})", name="soort"),
        CheckConstraint("doelgroep_geslacht IN ('alle', 'vrouw', 'man')", name="doelgroep_geslacht"),
        CheckConstraint("beveiligingsniveau IN ('basis', 'verhoogd', 'hoog')", name="beveiligingsniveau"),
        CheckConstraint("capaciteit >= 0", name="capaciteit"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    naam: Mapped[str] = mapped_column(String(200))
    soort: Mapped[str] = mapped_column(String(32))
    #: The operator (aanbieder); its opvang users report occupancy and see the confidential address.
    organisatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisatie.id"), index=True)
    gemeentecode: Mapped[str] = mapped_column(String(6))
    centrumgemeente: Mapped[str] = mapped_column(String(6))
    regio: Mapped[str] = mapped_column(String(12), index=True)
    doelgroep_geslacht: Mapped[str] = mapped_column(String(8), default="alle")
    leeftijd_min: Mapped[int | None] = mapped_column(SmallInteger)
    leeftijd_max: Mapped[int | None] = mapped_column(SmallInteger)
    b8: Mapped[bool] = mapped_column(Boolean, default=False)
    meervoudige_problematiek: Mapped[bool] = mapped_column(Boolean, default=False)
    kinderen: Mapped[bool] = mapped_column(Boolean, default=False)
    beveiligingsniveau: Mapped[str] = mapped_column(String(12), default="basis")
    #: Confidential street address; shown only to the operator's own opvang users.
    adres: Mapped[str | None] = mapped_column(String(300))
    #: Published number of places (beds); the daily occupancy row holds the live total.
    capaciteit: Mapped[int] = mapped_column(Integer)
    actief: Mapped[bool] = mapped_column(Boolean, default=True)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OpvangBezetting(Base):
    """Beds of one facility on one day: total, occupied, reserved (offered) and blocked. The database refuses a
    negative number or more beds in use than there are, so concurrent placements cannot overbook."""

    __tablename__ = "opvang_bezetting"
    __table_args__ = (
        CheckConstraint("totaal >= 0 AND bezet >= 0 AND gereserveerd >= 0 AND geblokkeerd >= 0", name="niet_negatief"),
        CheckConstraint("bezet + gereserveerd + geblokkeerd <= totaal", name="niet_overboekt"),
        CheckConstraint("bron IN ('formulier', 'api', 'upload', 'plaatsing', 'synth')", name="bron"),
        Index("ix_opvang_bezetting_datum", "datum"),
    )

    voorziening_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opvang_voorziening.id"), primary_key=True)
    datum: Mapped[date] = mapped_column(Date, primary_key=True)
    totaal: Mapped[int] = mapped_column(Integer)
    bezet: Mapped[int] = mapped_column(Integer)
    gereserveerd: Mapped[int] = mapped_column(Integer, default=0)
    geblokkeerd: Mapped[int] = mapped_column(Integer, default=0)
    bron: Mapped[str] = mapped_column(String(12))
    #: Hash of the reported figures: the same weekly report sent again changes nothing.
    inhoud_hash: Mapped[str | None] = mapped_column(String(64))
    gewijzigd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class OpvangAanvraag(Base):
    """A placement request for one person (pseudonymised), with the coded needs, the state and its times."""

    __tablename__ = "opvang_aanvraag"
    __table_args__ = (
        CheckConstraint(f"status IN ({_STATUSSEN})", name="status"),
        CheckConstraint("kinderen >= 0", name="kinderen"),
        Index("ix_opvang_aanvraag_status", "status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    persoon_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("persoon.id"), index=True)
    aanvrager_organisatie_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("organisatie.id"))
    status: Mapped[str] = mapped_column(String(16))
    prioriteit: Mapped[int] = mapped_column(SmallInteger, default=0)
    geslacht: Mapped[str] = mapped_column(String(12))
    leeftijd: Mapped[int | None] = mapped_column(SmallInteger)
    eu_status: Mapped[str] = mapped_column(String(12))
    verblijfsstatus: Mapped[str] = mapped_column(String(24))
    alleenstaand: Mapped[bool] = mapped_column(Boolean, default=False)
    meervoudige_problematiek: Mapped[bool] = mapped_column(Boolean, default=False)
    kinderen: Mapped[int] = mapped_column(SmallInteger, default=0)
    veiligheidsrisico: Mapped[bool] = mapped_column(Boolean, default=False)
    medisch: Mapped[bool] = mapped_column(Boolean, default=False)
    #: Where the exploitation took place (for safety: place outside its region) and where the person is now.
    plaats_delict_gemeente: Mapped[str | None] = mapped_column(String(6))
    verblijfgemeente: Mapped[str | None] = mapped_column(String(6))
    voorziening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opvang_voorziening.id"), index=True)
    vorige_aanvraag_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opvang_aanvraag.id"))
    aangevraagd_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    aangeboden_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    geplaatst_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    afgesloten_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Onward: the municipality receiving the person for housing, and the hand-over to the zorgcoördinator.
    uitstroom_gemeente: Mapped[str | None] = mapped_column(String(6))
    zorgcoordinator_overgedragen: Mapped[bool] = mapped_column(Boolean, default=False)
    verlenging_reden: Mapped[str | None] = mapped_column(String(32))
    reden: Mapped[str] = mapped_column(String(32))
    versie: Mapped[int] = mapped_column(Integer, default=1)


class OpvangGebeurtenis(Base):
    """The history of a request: one row per state change or recorded decision, append-only."""

    __tablename__ = "opvang_gebeurtenis"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    aanvraag_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opvang_aanvraag.id"), index=True)
    handeling: Mapped[str] = mapped_column(String(24))
    van: Mapped[str | None] = mapped_column(String(16))
    naar: Mapped[str] = mapped_column(String(16))
    reden: Mapped[str] = mapped_column(String(32))
    voorziening_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opvang_voorziening.id"))
    door: Mapped[str] = mapped_column(String(64))
    rol: Mapped[str] = mapped_column(String(16))
    tijdstip: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
