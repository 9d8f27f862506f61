# SPDX-License-Identifier: EUPL-1.2
"""Retention (bewaartermijnen) per data category, applied by ``zicht bewaartermijn opschonen`` (docs/bewaren.md).

- An identity expires ``bewaar_identiteit_jaren`` after the newest melding of its person (or of the melding itself
  when it is not linked): while a person keeps being reported, linkage needs the identity. It is crypto-shredded;
  the minimised meldingen stay.
- Minimised meldingen expire ``bewaar_melding_jaren`` after their melddatum; a person is deleted whole once all
  of theirs expired (:mod:`zicht.ops.bewaren_meldingen`), after their counts went to the ledger, so every
  published figure stays the same.
- Import reports and stored upload files are cleared after ``bewaar_importrapport_dagen``.
- The logboek's records older than ``bewaar_logboek_jaren`` are cut from the start of the chain behind a signed
  bewaaranker (:mod:`zicht.privacy.logboek_bewaren`), so ``zicht logboek verify`` keeps verifying the rest.

Every deletion is logged in the logboek (action ``verwijderen``: one record per melding, with its person; the
logboek cut as one record with its range), and a run can simply be repeated; a restore runs it too, so a backup
from before a purge does not bring deleted data back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from zicht.config import Settings
from zicht.ops.bewaren_meldingen import (
    Verwijdereenheid,
    verlopen_eenheden,
    verlopen_losse_meldingen,
    verwijder_eenheden,
)
from zicht.privacy import logboek
from zicht.privacy.logboek_bewaren import GeenAfkapping, kap_af
from zicht.privacy.logboek_sleutel import instellingen_voor
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
    """What one run destroyed or deleted, and what is past its term but kept (and why)."""

    identiteiten: int
    importrapporten: int
    meldingen_over_termijn: int  # kept: the person has a newer melding or an open placement request
    logboek_over_termijn: int  # kept: 0 unless the logboek could not be cut (``logboek_niet_afgekapt``)
    meldingen: int = 0  # deleted (their counts in the ledger)
    personen: int = 0  # deleted whole
    in_tellingarchief: int = 0  # persons and unlinked meldingen added to the ledger
    logboekrecords: int = 0  # deleted from the start of the logboek
    logboek_niet_afgekapt: str | None = None


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


def compacteer(engine: Engine) -> None:
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


def _begin(dag: date) -> datetime:
    return datetime.combine(dag, datetime.min.time(), UTC)


def _identiteiten(sessions: sessionmaker[Session], termijnen: Bewaartermijnen, actor: logboek.Actor, vandaag: date,
                  batch: int) -> int:  # fmt: skip
    grens = jaren_terug(vandaag, termijnen.identiteit_jaren)
    identiteiten = 0
    while True:
        with sessions() as session, session.begin():
            verlopen = verlopen_identiteiten(session, grens, batch)
            if not verlopen:
                return identiteiten
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


def _log_meldingen(
    session: Session, actor: logboek.Actor, eenheden: list[Verwijdereenheid], details: dict[str, object]
) -> None:
    paren = [(m, e.persoon) for e in eenheden for m in e.meldingen]
    logboek.append(session, actor, actie="verwijderen", object_type="melding", object_ids=[str(m) for m, _ in paren],
                   persoon_ids=[str(p) if p else None for _, p in paren], doel=DOEL_OPSCHONEN, details=details)  # fmt: skip


def _meldingen(sessions: sessionmaker[Session], termijnen: Bewaartermijnen, actor: logboek.Actor, vandaag: date,
               batch: int) -> tuple[int, int, int]:  # fmt: skip
    """Delete expired persons, then expired unlinked meldingen, one transaction per batch: (meldingen, persons,
    units in the ledger)."""
    grens = jaren_terug(vandaag, termijnen.melding_jaren)
    details: dict[str, object] = {"bewaartermijn_jaren": termijnen.melding_jaren, "grens": grens.isoformat()}
    meldingen = personen = archief = 0
    na: uuid.UUID | None = None
    while True:
        with sessions() as session, session.begin():
            eenheden, na = verlopen_eenheden(session, grens, na=na, limiet=max(1, batch // 4))
            if na is None:
                break
            if eenheden:
                uit = verwijder_eenheden(session, eenheden)
                _log_meldingen(session, actor, eenheden, {**details, "personen": uit.personen})
                meldingen, personen, archief = (
                    meldingen + uit.meldingen,
                    personen + uit.personen,
                    archief + uit.profielen,
                )
    while True:
        with sessions() as session, session.begin():
            eenheden = verlopen_losse_meldingen(session, grens, batch)
            if not eenheden:
                return meldingen, personen, archief
            uit = verwijder_eenheden(session, eenheden)
            _log_meldingen(session, actor, eenheden, {**details, "personen": 0})
            meldingen, archief = meldingen + uit.meldingen, archief + uit.profielen


def _logboek(sessions: sessionmaker[Session], termijnen: Bewaartermijnen, actor: logboek.Actor, vandaag: date) -> tuple[
    int, str | None
]:  # fmt: skip
    """Cut the logboek's records past the term (a signed bewaaranker first): (records deleted, why not)."""
    grens = _begin(jaren_terug(vandaag, termijnen.logboek_jaren))
    details: dict[str, object] = {"bewaartermijn_jaren": termijnen.logboek_jaren, "grens": grens.date().isoformat()}
    try:
        with sessions() as session, session.begin():
            instellingen = instellingen_voor(session).instellingen
            afkapping = kap_af(session, instellingen, grens, actor, doel=DOEL_OPSCHONEN, details=details)
    except GeenAfkapping as exc:
        return 0, str(exc)
    except OSError as exc:
        return 0, f"bewaaranker niet geschreven: {type(exc).__name__} / anker not written"
    return afkapping.verwijderd, None


def opschonen(
    sessions: sessionmaker[Session],
    termijnen: Bewaartermijnen,
    actor: logboek.Actor,
    *,
    peildatum: date | None = None,
    batch: int = 500,
) -> Opschoning:
    """Apply every retention period, in batches of one transaction each, and log every deletion.

    Order: expired identities are crypto-shredded; expired persons and unlinked meldingen are written to the counts
    ledger and deleted from every table; import reports are cleared; the logboek's expired start is cut behind a
    signed bewaaranker. Running it again changes nothing.
    """
    vandaag = peildatum or datetime.now(UTC).date()
    identiteiten = _identiteiten(sessions, termijnen, actor, vandaag, batch)
    meldingen, personen, archief = _meldingen(sessions, termijnen, actor, vandaag, batch)
    rapport_grens = _begin(vandaag) - timedelta(days=termijnen.importrapport_dagen)
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
    logboekrecords, niet_afgekapt = _logboek(sessions, termijnen, actor, vandaag)
    with sessions() as session:
        meldingen_oud = session.scalar(
            select(func.count())
            .select_from(Melding)
            .where(Melding.melddatum < jaren_terug(vandaag, termijnen.melding_jaren))
        )
        log_grens = _begin(jaren_terug(vandaag, termijnen.logboek_jaren))
        logboek_oud = session.scalar(
            select(func.count()).select_from(LogboekRecord).where(LogboekRecord.tijdstip < log_grens)
        )
    bind = sessions.kw.get("bind")
    if isinstance(bind, Engine) and (identiteiten or runs or meldingen):
        compacteer(bind)
    return Opschoning(
        identiteiten, len(runs), int(meldingen_oud or 0), int(logboek_oud or 0),
        meldingen, personen, archief, logboekrecords, niet_afgekapt,
    )  # fmt: skip
