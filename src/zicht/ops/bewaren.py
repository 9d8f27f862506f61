# SPDX-License-Identifier: EUPL-1.2
"""Retention (bewaartermijnen): crypto-shred expired identities and clear old import reports, while the
minimised meldingen — and so every count and published figure — survive.

An identity expires ``bewaar_identiteit_jaren`` after the newest melding of its person (or of the melding itself
when it is not linked): while a person keeps being reported, linkage needs the identity. Each run is logged in
the logboek (action ``verwijderen``, one record per melding, with its person) and can simply be run again; a
restore runs it too, so a backup from before a purge does not bring shredded identities back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from zicht.config import Settings
from zicht.privacy import logboek
from zicht.privacy.vault import vernietig_identiteiten
from zicht.storage.tables import Identiteit, ImportRun, LogboekRecord, Melding

DOEL_OPSCHONEN = "bewaartermijn: vernietigen van verlopen gegevens (AVG art. 5 lid 1 onder e)"


@dataclass(frozen=True)
class Bewaartermijnen:
    """Retention per data category, from the settings (``ZICHT_BEWAAR_*``, ``ZICHT_SIGNALEN_BEWAARDAGEN``)."""

    identiteit_jaren: int
    melding_jaren: int
    logboek_jaren: int
    importrapport_dagen: int
    signalen_dagen: int

    @classmethod
    def from_settings(cls, settings: Settings) -> Bewaartermijnen:
        return cls(
            settings.bewaar_identiteit_jaren,
            settings.bewaar_melding_jaren,
            settings.bewaar_logboek_jaren,
            settings.bewaar_importrapport_dagen,
            settings.signalen_bewaardagen,
        )


@dataclass(frozen=True)
class Opschoning:
    """What one run destroyed (and what is past its term but kept for a decision)."""

    identiteiten: int
    importrapporten: int
    meldingen_over_termijn: int
    logboek_over_termijn: int


def jaren_terug(dag: date, jaren: int) -> date:
    """``dag`` minus whole years (29 February becomes 28 February)."""
    try:
        return dag.replace(year=dag.year - jaren)
    except ValueError:
        return dag.replace(year=dag.year - jaren, day=28)


def verlopen_identiteiten(
    session: Session, grens: date, limiet: int | None = None
) -> list[tuple[uuid.UUID, uuid.UUID | None]]:
    """(melding id, person id) of stored identities whose person's (or own) newest melding is before ``grens``."""
    laatste = (
        select(Melding.persoon_id, func.max(Melding.melddatum).label("laatste"))
        .where(Melding.persoon_id.is_not(None))
        .group_by(Melding.persoon_id)
        .subquery()
    )
    stmt = (
        select(Melding.id, Melding.persoon_id)
        .join(Identiteit, Identiteit.melding_id == Melding.id)
        .outerjoin(laatste, laatste.c.persoon_id == Melding.persoon_id)
        .where(func.coalesce(laatste.c.laatste, Melding.melddatum) < grens)
        .order_by(Melding.id)
    )
    if limiet is not None:
        stmt = stmt.limit(limiet)
    return [(r[0], r[1]) for r in session.execute(stmt)]


def _compacteer(engine: Engine) -> None:
    """Make destroyed rows unrecoverable from the database files (and so from later backups)."""
    if engine.dialect.name == "sqlite":
        raw = engine.raw_connection()  # outside SQLAlchemy's transaction: a checkpoint cannot run inside one
        try:
            raw.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # type: ignore[union-attr]
        finally:
            raw.close()
    elif engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM FULL identiteit"))
            conn.execute(text("VACUUM FULL import_run"))


def opschonen(
    sessions: sessionmaker[Session],
    termijnen: Bewaartermijnen,
    actor: logboek.Actor,
    *,
    peildatum: date | None = None,
    batch: int = 500,
) -> Opschoning:
    """Destroy expired identities and import reports in batches (one transaction each) and log every one."""
    vandaag = peildatum or datetime.now(UTC).date()
    grens = jaren_terug(vandaag, termijnen.identiteit_jaren)
    identiteiten = 0
    while True:
        with sessions() as session, session.begin():
            verlopen = verlopen_identiteiten(session, grens, batch)
            if not verlopen:
                break
            identiteiten += vernietig_identiteiten(session, [m for m, _ in verlopen])
            logboek.append(
                session,
                actor,
                actie="verwijderen",
                object_type="identiteit",
                object_ids=[str(m) for m, _ in verlopen],
                persoon_ids=[str(p) if p else None for _, p in verlopen],
                doel=DOEL_OPSCHONEN,
                details={"bewaartermijn_jaren": termijnen.identiteit_jaren, "grens": grens.isoformat()},
            )
    rapport_grens = datetime.combine(vandaag, datetime.min.time(), UTC) - timedelta(days=termijnen.importrapport_dagen)
    with sessions() as session, session.begin():
        runs = [
            r
            for r in session.scalars(select(ImportRun).where(ImportRun.aangemaakt_op < rapport_grens))
            if r.rapport or r.bestand is not None
        ]
        for run in runs:
            run.rapport = []
            run.bestand = None
        if runs:
            logboek.append(session, actor, actie="verwijderen", object_type="importrapport",
                           object_ids=[str(r.id) for r in runs], doel=DOEL_OPSCHONEN)  # fmt: skip
        meldingen_oud = session.scalar(
            select(func.count())
            .select_from(Melding)
            .where(Melding.melddatum < jaren_terug(vandaag, termijnen.melding_jaren))
        )
        log_grens = datetime.combine(jaren_terug(vandaag, termijnen.logboek_jaren), datetime.min.time(), UTC)
        logboek_oud = session.scalar(
            select(func.count()).select_from(LogboekRecord).where(LogboekRecord.tijdstip < log_grens)
        )
    bind = sessions.kw.get("bind")
    if isinstance(bind, Engine) and (identiteiten or runs):
        _compacteer(bind)
    return Opschoning(identiteiten, len(runs), int(meldingen_oud or 0), int(logboek_oud or 0))
