# SPDX-License-Identifier: EUPL-1.2
"""Signalen: runs over online ads, the ranked clusters they queued, the queued ads, and reviewers' decisions.

Minimised by design (signals.md §4.4): only ads of queued clusters (the ranked top and the random audit
sample) are stored, contacts only as keyed hashes, raw text only for those ads; everything else of a run is
kept as counts per gemeente (``aggregaten``). Every row carries ``bewaren_tot`` and is deleted after it
(``zicht.signalen.opslag.verwijder_verlopen``); decisions go with their cluster, the logboek keeps who
decided what and why (never the ad's content).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Float, ForeignKey, Integer, String, Text, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from zicht.storage.base import Base, UTCDateTime, new_id, utcnow


class SignaalRun(Base):
    """One batch of ads processed for one organisation (the melder whose reviewers see its queue)."""

    __tablename__ = "signaal_run"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    organisatie_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("organisatie.id", ondelete="CASCADE"), index=True)
    bron: Mapped[str] = mapped_column(String(200))
    engine: Mapped[str] = mapped_column(String(16), default="lokaal")
    aantal_advertenties: Mapped[int] = mapped_column(Integer, default=0)
    aantal_clusters: Mapped[int] = mapped_column(Integer, default=0)
    #: Counts per gemeente code: {"GM0344": {"advertenties": n, "in_wachtrij": m}} (no personal data).
    aggregaten: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    tijden: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    uitgevoerd_door: Mapped[str] = mapped_column(String(64))
    gestart_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    bewaren_tot: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignaalCluster(Base):
    """A queued meta-cluster: its rank, score, features and reasons (a proposal, never a decision)."""

    __tablename__ = "signaal_cluster"
    __table_args__ = (
        CheckConstraint("soort IN ('rang', 'steekproef')", name="soort"),
        CheckConstraint("status IN ('open', 'afgewezen', 'omgezet')", name="status"),
    )

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    run_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("signaal_run.id", ondelete="CASCADE"), index=True)
    rang: Mapped[int] = mapped_column(Integer)
    soort: Mapped[str] = mapped_column(String(16))
    score: Mapped[float] = mapped_column(Float)
    aantal_advertenties: Mapped[int] = mapped_column(Integer)
    personen: Mapped[int] = mapped_column(Integer)
    telefoons: Mapped[int] = mapped_column(Integer)
    gemeenten: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Features (counts, shares) and the reasons: [{"code", "gewicht", "waarden"}].
    kenmerken: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    redenen: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(16), default="open")
    bewaren_tot: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignaalAdvertentie(Base):
    """One ad of a queued cluster: minimised fields, hashed contacts, indicator hits, raw text."""

    __tablename__ = "signaal_advertentie"

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    cluster_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("signaal_cluster.id", ondelete="CASCADE"), index=True)
    site: Mapped[str] = mapped_column(String(200))
    advertentie_id: Mapped[str] = mapped_column(String(200))
    geplaatst_op: Mapped[datetime] = mapped_column(UTCDateTime)
    gemeente: Mapped[str] = mapped_column(String(16))
    taal: Mapped[str] = mapped_column(String(16))
    prijs_uur: Mapped[float | None] = mapped_column(Float)
    contacten: Mapped[list[str]] = mapped_column(JSON, default=list)
    treffers: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    tekst: Mapped[str | None] = mapped_column(Text)
    bewaren_tot: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class SignaalBesluit(Base):
    """A reviewer's decision on a cluster, with the stated reason (also in the logboek)."""

    __tablename__ = "signaal_besluit"
    __table_args__ = (CheckConstraint("besluit IN ('afgewezen', 'omgezet')", name="besluit"),)

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=new_id)
    cluster_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("signaal_cluster.id", ondelete="CASCADE"), index=True)
    besluit: Mapped[str] = mapped_column(String(16))
    reden: Mapped[str] = mapped_column(String(500))
    genomen_door: Mapped[str] = mapped_column(String(64))
    rol: Mapped[str] = mapped_column(String(24))
    genomen_op: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
