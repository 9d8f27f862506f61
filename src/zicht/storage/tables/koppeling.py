# SPDX-License-Identifier: EUPL-1.2
"""Koppeling: linkage runs, scored pairs, the review queue, analyst decisions and merge/split events.

Nothing here is identifying: runs store the trained model (settings and m/u probabilities), pairs and
review items store melding ids, scores and comparison levels (e.g. "voornaam: fonetisch gelijk"), never a
value. Decisions are never deleted: undoing one sets ``ingetrokken_op``, so the history stays complete.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, Float, ForeignKey, Index, Integer, String, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class KoppelRun(Base):
    """One linkage run: a full relink (``volledig``) or the incremental linking of new meldingen."""

    __tablename__ = "koppel_run"
    __table_args__ = (
        CheckConstraint("soort IN ('volledig', 'incrementeel', 'besluit')", name="soort"),
        CheckConstraint("status IN ('bezig', 'voltooid', 'mislukt')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    soort: Mapped[str] = mapped_column(String(16))
    engine: Mapped[str] = mapped_column(String(16), default="duckdb")
    status: Mapped[str] = mapped_column(String(16), default="bezig")
    #: The trained model (Splink settings with m/u, the model spec and the training configuration).
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    #: The run whose parameters an incremental run reused.
    model_van: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("koppel_run.id"))
    drempel_boven: Mapped[float] = mapped_column(Float)
    drempel_onder: Mapped[float] = mapped_column(Float)
    seed: Mapped[int | None] = mapped_column(Integer)
    aantal_meldingen: Mapped[int] = mapped_column(Integer, default=0)
    aantal_kandidaten: Mapped[int] = mapped_column(BigInteger, default=0)
    aantal_paren: Mapped[int] = mapped_column(Integer, default=0)
    aantal_personen: Mapped[int] = mapped_column(Integer, default=0)
    aantal_samenvoegingen: Mapped[int] = mapped_column(Integer, default=0)
    aantal_splitsingen: Mapped[int] = mapped_column(Integer, default=0)
    aantal_beoordelen: Mapped[int] = mapped_column(Integer, default=0)
    tijden: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    versies: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    #: The quality audit's design of a full run: strata with units, weights and model probabilities per
    #: reporter pair and variation kind (counts and level names only; see zicht.linkage.steekproef).
    kwaliteit_opzet: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    uitgevoerd_door: Mapped[str] = mapped_column(String(64))
    gestart_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    voltooid_op: Mapped[datetime | None] = mapped_column(UTCDateTime)


class KoppelPaar(Base):
    """A scored pair at or above the lower threshold (``melding_a`` < ``melding_b`` as text), kept so analyst
    decisions can re-cluster the affected persons without scoring again."""

    __tablename__ = "koppel_paar"
    __table_args__ = (Index("ix_koppel_paar_melding_b", "melding_b"),)

    melding_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    melding_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("koppel_run.id", ondelete="CASCADE"), index=True)
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)


class KoppelStrijdig(Base):
    """Two meldingen that automatic links would chain into one person although their birth dates cannot be
    one person's (``zicht.linkage.engine.person_conflicts``): a cannot-link of the model, kept so that
    re-clustering after an analyst's decision keeps them apart as the run did. Holds ids only; an analyst's
    *same person* decision overrides it."""

    __tablename__ = "koppel_strijdig"
    __table_args__ = (Index("ix_koppel_strijdig_melding_b", "melding_b"),)

    melding_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    melding_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"), primary_key=True)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("koppel_run.id", ondelete="CASCADE"), index=True)


class KoppelBesluit(Base):
    """An analyst's decision that two meldingen are (``zelfde``) or are not (``verschillend``) one person.

    A decision always overrides the model. Undoing it sets ``ingetrokken_op``/``ingetrokken_door``; the row
    stays.
    """

    __tablename__ = "koppel_besluit"
    __table_args__ = (
        CheckConstraint("oordeel IN ('zelfde', 'verschillend')", name="oordeel"),
        Index("ix_koppel_besluit_paar", "melding_a", "melding_b"),
        Index("ix_koppel_besluit_melding_b", "melding_b"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    melding_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    melding_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    oordeel: Mapped[str] = mapped_column(String(16))
    beoordeling_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("koppel_beoordeling.id"))
    genomen_door: Mapped[str] = mapped_column(String(64))
    rol: Mapped[str] = mapped_column(String(24))
    genomen_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ingetrokken_door: Mapped[str | None] = mapped_column(String(64))
    ingetrokken_op: Mapped[datetime | None] = mapped_column(UTCDateTime)


class KoppelBeoordeling(Base):
    """A review-queue item: a pair between the thresholds whose meldingen are in different persons.

    ``niveaus`` holds per comparison the level (gamma), its label and Bayes factor, so the page can show
    what drove the score without showing any value. ``soort`` says why the pair is there: ``wachtrij`` (the
    model is unsure) or ``steekproef`` (drawn at random to measure the linkage's quality).
    """

    __tablename__ = "koppel_beoordeling"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'besloten', 'vervallen')", name="status"),
        CheckConstraint("soort IN ('wachtrij', 'steekproef')", name="soort"),
        Index("ix_koppel_beoordeling_status", "status", "match_probability"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("koppel_run.id"))
    melding_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    melding_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    match_probability: Mapped[float] = mapped_column(Float)
    match_weight: Mapped[float] = mapped_column(Float)
    niveaus: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open")
    aangemaakt_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    soort: Mapped[str] = mapped_column(String(16), default="wachtrij", server_default="wachtrij")


class KoppelSteekproef(Base):
    """One unit of a full run's quality audit: a pair drawn at random from a stratum, in the stratum's order.

    ``gewicht`` is the number of melding pairs the unit stands for (a pair of persons kept apart stands for
    every pair between them). An analyst's decision on the pair (``koppel_besluit``) is the unit's label.
    """

    __tablename__ = "koppel_steekproef"
    __table_args__ = (Index("ix_koppel_steekproef_run", "run_id", "stratum", "rang"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("koppel_run.id", ondelete="CASCADE"))
    stratum: Mapped[str] = mapped_column(String(32))
    rang: Mapped[int] = mapped_column(Integer)
    melding_a: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    melding_b: Mapped[uuid.UUID] = mapped_column(ForeignKey("melding.id", ondelete="CASCADE"))
    gewicht: Mapped[float] = mapped_column(Float)
    match_probability: Mapped[float] = mapped_column(Float)
    melder_paar: Mapped[str] = mapped_column(String(80))
    variaties: Mapped[list[str]] = mapped_column(JSON, default=list)
    beoordeling_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("koppel_beoordeling.id"), index=True)


class KoppelGebeurtenis(Base):
    """A merge (``samenvoeging``) or split (``splitsing``) of persons, with its cause."""

    __tablename__ = "koppel_gebeurtenis"
    __table_args__ = (
        CheckConstraint("soort IN ('samenvoeging', 'splitsing')", name="soort"),
        CheckConstraint("oorzaak IN ('herkoppeling', 'incrementeel', 'besluit', 'ongedaan')", name="oorzaak"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    run_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("koppel_run.id"), index=True)
    besluit_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("koppel_besluit.id"))
    soort: Mapped[str] = mapped_column(String(16))
    oorzaak: Mapped[str] = mapped_column(String(16))
    van: Mapped[list[str]] = mapped_column(JSON, default=list)
    naar: Mapped[list[str]] = mapped_column(JSON, default=list)
    aantal_meldingen: Mapped[int] = mapped_column(Integer, default=0)
    tijdstip: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
