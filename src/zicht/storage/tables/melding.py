# SPDX-License-Identifier: EUPL-1.2
"""Melding: a report of a possible victim of trafficking, in minimised form.

Identifying data (names, birth date, document numbers, phone numbers, free text) is never stored here; it
lives encrypted in :class:`~zicht.storage.tables.identiteit.Identiteit`. This table holds what statistics and
linkage need: birth year and age at report instead of the birth date, codes instead of text.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class Melding(Base):
    """A melding (report) of a possible victim by one organisation ("melder")."""

    __tablename__ = "melding"
    __table_args__ = (
        UniqueConstraint("organisatie_id", "melder_referentie", name="uq_melding_organisatie_referentie"),
        CheckConstraint("plaats_delict_soort IN ('gemeente', 'buitenland', 'onbekend')", name="plaats_delict_soort"),
        CheckConstraint(
            "(plaats_delict_soort = 'gemeente' AND plaats_delict_gemeente IS NOT NULL) OR "
            "(plaats_delict_soort = 'buitenland' AND plaats_delict_land IS NOT NULL) OR "
            "plaats_delict_soort = 'onbekend'",
            name="plaats_delict_compleet",
        ),
        CheckConstraint("leeftijd_bij_melding IS NULL OR leeftijd_bij_melding BETWEEN 0 AND 120", name="leeftijd"),
        Index("ix_melding_melddatum", "melddatum"),
        Index("ix_melding_plaats_delict_gemeente", "plaats_delict_gemeente"),
        Index("ix_melding_persoon_id", "persoon_id"),
        Index("ix_melding_aangemaakt_op", "aangemaakt_op"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    organisatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisatie.id"))
    #: The reporting organisation's own reference; unique per organisation (makes re-imports idempotent).
    melder_referentie: Mapped[str] = mapped_column(String(100))
    #: Copied from the organisation at the time of the report (organisations can change kind or region).
    melder_soort: Mapped[str] = mapped_column(String(40))
    melder_regio: Mapped[str | None] = mapped_column(String(80))
    melddatum: Mapped[date] = mapped_column(Date)
    uitbuiting_van: Mapped[date | None] = mapped_column(Date)
    uitbuiting_tot: Mapped[date | None] = mapped_column(Date)
    plaats_delict_soort: Mapped[str] = mapped_column(String(12))
    plaats_delict_gemeente: Mapped[str | None] = mapped_column(String(6))
    plaats_delict_land: Mapped[str | None] = mapped_column(String(12))
    wervingsplaats_gemeente: Mapped[str | None] = mapped_column(String(6))
    wervingsplaats_land: Mapped[str | None] = mapped_column(String(12))
    geslacht: Mapped[str] = mapped_column(String(24))
    geboortejaar: Mapped[int | None] = mapped_column(SmallInteger)
    leeftijd_bij_melding: Mapped[int | None] = mapped_column(SmallInteger)
    dossiertype: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    grondslag: Mapped[str] = mapped_column(String(16))
    toestemming: Mapped[str] = mapped_column(String(16))
    persoon_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("persoon.id"))
    #: Keyed hash of the canonical content: a re-import with the same reference but other content is a conflict.
    inhoud_hash: Mapped[str] = mapped_column(String(64))
    bron: Mapped[str] = mapped_column(String(12))  # formulier, api, upload
    import_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("import_run.id"))
    codebook_versie: Mapped[str] = mapped_column(String(16))
    gebiedsindeling_jaar: Mapped[int] = mapped_column(Integer)
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: The content version (1 at registration, +1 per correction, status decision or withdrawal): the ETag.
    versie: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    gewijzigd_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Who decided the status (``zicht.domain.levensloop.Statusbeslisser``) and when; None while ``mogelijk``.
    status_beslisser: Mapped[str | None] = mapped_column(String(24))
    status_datum: Mapped[date | None] = mapped_column(Date)
    #: A withdrawn melding counts nowhere (statistics, linkage) but keeps its history.
    ingetrokken_op: Mapped[datetime | None] = mapped_column(UTCDateTime)
    intrekkingsreden: Mapped[str | None] = mapped_column(String(24))
    dubbel_van: Mapped[uuid.UUID | None] = mapped_column(Uuid)

    uitbuitingen: Mapped[list[MeldingUitbuiting]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MeldingUitbuiting.vorm"
    )
    werkwijzen: Mapped[list[MeldingWerkwijze]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MeldingWerkwijze.werkwijze"
    )
    nationaliteiten: Mapped[list[MeldingNationaliteit]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="MeldingNationaliteit.volgorde"
    )
    route: Mapped[list[RouteGebeurtenis]] = relationship(
        cascade="all, delete-orphan", lazy="selectin", order_by="RouteGebeurtenis.volgnummer"
    )


class MeldingUitbuiting(Base):
    """One form of exploitation of a melding, with its sector (``onbekend`` when not given)."""

    __tablename__ = "melding_uitbuiting"

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    vorm: Mapped[str] = mapped_column(String(24), primary_key=True)
    sector: Mapped[str] = mapped_column(String(40), primary_key=True)


class MeldingWerkwijze(Base):
    """One method (werkwijze) used, per melding."""

    __tablename__ = "melding_werkwijze"

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    werkwijze: Mapped[str] = mapped_column(String(40), primary_key=True)


class MeldingNationaliteit(Base):
    """One nationality of the victim (ISO 3166-1 alpha-2, ``staatloos`` or ``onbekend``)."""

    __tablename__ = "melding_nationaliteit"

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    land: Mapped[str] = mapped_column(String(12), primary_key=True)
    volgorde: Mapped[int] = mapped_column(SmallInteger)


class RouteGebeurtenis(Base):
    """An event on the victim's route (HTCDS historic trafficking event): werving, transit or uitbuiting,
    with a place (a gemeente or a country) and an optional date."""

    __tablename__ = "route_gebeurtenis"

    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    volgnummer: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    soort: Mapped[str] = mapped_column(String(16))
    gemeentecode: Mapped[str | None] = mapped_column(String(6))
    land: Mapped[str | None] = mapped_column(String(12))
    datum: Mapped[date | None] = mapped_column(Date)


class MeldingVersie(Base):
    """One step in a melding's history: which version, what happened, who, when, the coded reason and the
    names of the changed fields (values only for coded fields; identifying fields by name alone)."""

    __tablename__ = "melding_versie"
    __table_args__ = (UniqueConstraint("melding_id", "versie", name="uq_melding_versie"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    melding_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), index=True)
    versie: Mapped[int] = mapped_column(Integer)
    actie: Mapped[str] = mapped_column(String(16))
    reden: Mapped[str | None] = mapped_column(String(32))
    #: [{"veld": name, "van": old, "naar": new}] — ``van``/``naar`` only for non-identifying fields.
    wijzigingen: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    actor: Mapped[str] = mapped_column(String(80))
    organisatie: Mapped[str | None] = mapped_column(String(40))
    op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
