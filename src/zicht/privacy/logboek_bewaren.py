# SPDX-License-Identifier: EUPL-1.2
"""Retention of the logboek: cut the records older than ``bewaar_logboek_jaren`` from the start of the chain,
so that ``verify`` still checks every record that remains and can tell this cut from tampering.

Before anything is deleted, a signed *bewaaranker* is appended to the anker file: an ordinary anker (the count,
that is the sequence number of the last record cut, and that record's hash) with reason ``bewaartermijn``. It
says: the chain lawfully starts after this record. ``verify`` then accepts a first record that follows the
anker's head (or lies before it, while a cut is under way) and checks it links to that head; records missing
after the cut, a truncated tail or rewritten records are reported as before. Nobody without the logboek key can
write such an anker, so deleting the start of the logboek without one is still reported as ``ontbreekt``.

The cut is itself recorded in the logboek (action ``verwijderen``, object type ``logboek``, with the range and
the count, never a data subject) in the transaction that deletes the records.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

from zicht.privacy import logboek, logboek_anker
from zicht.privacy.logboek_anker import Anker
from zicht.privacy.logboek_keten import _digest
from zicht.privacy.logboek_sleutel import LogboekInstellingen, database_van
from zicht.storage.tables import LogboekRecord

#: The reason of a bewaaranker in the anker file.
REDEN = logboek_anker.BEWAARTERMIJN


class GeenAfkapping(RuntimeError):
    """The logboek cannot be cut (no key to sign the anker, or the record at the cut fails its check)."""


@dataclass(frozen=True)
class Afkapping:
    """A retention cut: records up to and including ``tot_en_met`` deleted (``verwijderd`` of them now)."""

    tot_en_met: int
    verwijderd: int
    anker: Anker | None


def afkappunt(session: Session, grens: datetime) -> LogboekRecord | None:
    """The last record of the run of records from the start that are all older than ``grens`` (None if the first
    record is not older)."""
    eerste_nieuw = session.scalar(select(func.min(LogboekRecord.volgnummer)).where(LogboekRecord.tijdstip >= grens))
    stmt = select(LogboekRecord).where(LogboekRecord.tijdstip < grens)
    if eerste_nieuw is not None:
        stmt = stmt.where(LogboekRecord.volgnummer < eerste_nieuw)
    return session.scalars(stmt.order_by(LogboekRecord.volgnummer.desc()).limit(1)).first()


def kap_af(
    session: Session,
    instellingen: LogboekInstellingen | None,
    grens: datetime,
    actor: logboek.Actor,
    *,
    doel: str,
    details: dict[str, object] | None = None,
) -> Afkapping:
    """Delete the records older than ``grens`` from the start of the chain, in the caller's transaction, after
    signing a bewaaranker of the last one. Nothing to cut gives ``Afkapping(0, 0, None)``.

    Raises:
        GeenAfkapping: No logboek key (the anker cannot be signed), or the last record to cut does not match its
            hash (tampering to investigate first: ``zicht logboek verify``).
        OSError: The anker could not be written; nothing was deleted.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(4242001)"))  # the lock appends take
    rec = afkappunt(session, grens)
    if rec is None:
        return Afkapping(0, 0, None)
    if instellingen is None:
        raise GeenAfkapping("geen logboeksleutel: een bewaaranker kan niet worden getekend / no logboek key")
    sleutel = instellingen.sleutels.get(rec.sleutel_id) if rec.sleutel_id is not None else None
    verwacht = _digest(rec, rec.vorige_hash, sleutel.keten if sleutel is not None else None)
    if (rec.sleutel_id is not None and sleutel is None) or not hmac.compare_digest(verwacht, rec.hash):
        raise GeenAfkapping(
            f"logboekrecord {rec.volgnummer} klopt niet met zijn hash; niets verwijderd, voer 'zicht logboek verify' "
            f"uit / record {rec.volgnummer} does not match its hash"
        )
    anker = logboek_anker.teken(
        instellingen.actief, database=database_van(session), aantal=rec.volgnummer, kop=rec.hash, reden=REDEN
    )
    logboek_anker.schrijf(instellingen.ankers, anker)  # first the anker: a cut without one would look like tampering
    aantal = session.scalar(select(func.count()).where(LogboekRecord.volgnummer <= rec.volgnummer)) or 0
    logboek.append(
        session,
        actor,
        actie="verwijderen",
        object_type="logboek",
        doel=doel,
        details={**(details or {}), "tot_en_met": rec.volgnummer, "records": int(aantal)},
    )
    session.execute(delete(LogboekRecord).where(LogboekRecord.volgnummer <= rec.volgnummer))
    return Afkapping(rec.volgnummer, int(aantal), anker)


__all__ = ["REDEN", "Afkapping", "GeenAfkapping", "afkappunt", "kap_af"]
