# SPDX-License-Identifier: EUPL-1.2
"""Capacity and occupancy: beds per facility per day, the live claim of a bed, and weekly reports.

The row of a facility for a day holds ``totaal``, ``bezet``, ``gereserveerd`` and ``geblokkeerd``. A day
without a row inherits the latest earlier row (reports are weekly). A placement claims or releases a bed with
one conditional ``UPDATE`` on today's row, so two placements racing for the last bed cannot both win: the
database evaluates the condition after taking the row lock, and a CHECK constraint refuses overbooking as a
last line of defence. A weekly report overwrites the day's figures; sending the same report again changes
nothing (the figures' hash is stored), so reports by form, API and upload are idempotent.

:func:`meld` is the one way a caller reports: it needs the ``bezetting_melden`` right (opvang users, and API
tokens with the ``opvang:bezetting`` scope) and accepts only active facilities of the caller's own organisation.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import and_, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from zicht.privacy.toegang import GeenToegang, Recht, Toegang
from zicht.storage.base import utcnow
from zicht.storage.tables import OpvangBezetting, OpvangVoorziening

KOLOMMEN = ("totaal", "bezet", "gereserveerd", "geblokkeerd")


@dataclass(frozen=True)
class Bedden:
    """Beds of one facility on one day."""

    totaal: int
    bezet: int
    gereserveerd: int = 0
    geblokkeerd: int = 0

    @property
    def vrij(self) -> int:
        """Beds that can be offered now."""
        return max(0, self.totaal - self.bezet - self.gereserveerd - self.geblokkeerd)

    @property
    def bezettingsgraad(self) -> float | None:
        """Share of usable beds (total minus blocked) that is occupied or reserved; None without beds."""
        bruikbaar = self.totaal - self.geblokkeerd
        return None if bruikbaar <= 0 else (self.bezet + self.gereserveerd) / bruikbaar


class GeenCapaciteit(RuntimeError):
    """No free bed in the facility: the placement is refused (the request stays where it was)."""


class OngeldigeBezetting(ValueError):
    """Figures that cannot be true (negative, or more beds in use than there are)."""


class NietEigenVoorziening(GeenToegang):
    """The facility is not an active one of the caller's organisation, or does not exist (the same answer)."""


def controleer(bedden: Bedden) -> None:
    """Raise OngeldigeBezetting when the figures are impossible (messages in Dutch, for row reports)."""
    if min(bedden.totaal, bedden.bezet, bedden.gereserveerd, bedden.geblokkeerd) < 0:
        raise OngeldigeBezetting("aantallen mogen niet negatief zijn")
    if bedden.bezet + bedden.gereserveerd + bedden.geblokkeerd > bedden.totaal:
        raise OngeldigeBezetting("bezet + gereserveerd + geblokkeerd is meer dan het totaal aantal bedden")


def stand_op(session: Session, datum: date, voorziening_ids: list[uuid.UUID] | None = None) -> dict[uuid.UUID, Bedden]:
    """The beds of every facility (or the given ones) on ``datum``: its latest row on or before that day.
    A facility without any row has its published capacity free."""
    laatste = select(OpvangBezetting.voorziening_id, func.max(OpvangBezetting.datum).label("datum")).where(
        OpvangBezetting.datum <= datum
    )
    if voorziening_ids is not None:
        laatste = laatste.where(OpvangBezetting.voorziening_id.in_(voorziening_ids))
    sub = laatste.group_by(OpvangBezetting.voorziening_id).subquery()
    rijen = session.execute(
        select(OpvangBezetting).join(
            sub, and_(OpvangBezetting.voorziening_id == sub.c.voorziening_id, OpvangBezetting.datum == sub.c.datum)
        )
    ).scalars()
    result = {r.voorziening_id: Bedden(r.totaal, r.bezet, r.gereserveerd, r.geblokkeerd) for r in rijen}
    zonder = select(OpvangVoorziening.id, OpvangVoorziening.capaciteit)
    if voorziening_ids is not None:
        zonder = zonder.where(OpvangVoorziening.id.in_(voorziening_ids))
    for vid, capaciteit in session.execute(zonder):
        result.setdefault(vid, Bedden(capaciteit, 0))
    return result


def _zorg_voor_rij(session: Session, voorziening_id: uuid.UUID, datum: date) -> None:
    """Make sure the facility has a row for ``datum`` (a copy of the latest earlier one)."""
    bestaat = select(OpvangBezetting.datum).where(
        OpvangBezetting.voorziening_id == voorziening_id, OpvangBezetting.datum == datum
    )
    if session.scalar(bestaat) is not None:
        return
    bedden = stand_op(session, datum, [voorziening_id]).get(voorziening_id)
    if bedden is None:
        raise LookupError("onbekende voorziening")
    try:
        with session.begin_nested():
            session.add(
                OpvangBezetting(
                    voorziening_id=voorziening_id,
                    datum=datum,
                    totaal=bedden.totaal,
                    bezet=bedden.bezet,
                    gereserveerd=bedden.gereserveerd,
                    geblokkeerd=bedden.geblokkeerd,
                    bron="plaatsing",
                )
            )
    except IntegrityError:
        pass  # a concurrent transaction created it; its row is the one to update


def verschuif_bed(session: Session, voorziening_id: uuid.UUID, datum: date, van: str | None, naar: str | None) -> None:
    """Move one bed between states on ``datum``: from ``van`` (None: a free bed) to ``naar`` (None: free).

    Claiming a free bed succeeds only while one is free, atomically; moving a reserved bed to occupied takes a
    free bed when the weekly report has already cleared the reservation.

    Raises:
        GeenCapaciteit: no free bed to claim.
    """
    _zorg_voor_rij(session, voorziening_id, datum)
    t = OpvangBezetting
    waar = [t.voorziening_id == voorziening_id, t.datum == datum]
    waarden: dict[str, object] = {"gewijzigd_op": utcnow(), "bron": "plaatsing"}
    if naar is not None:
        waarden[naar] = getattr(t, naar) + 1
    if van is not None:
        waarden[van] = getattr(t, van) - 1
        voorwaarde = getattr(t, van) > 0
    else:
        voorwaarde = t.bezet + t.gereserveerd + t.geblokkeerd < t.totaal
    resultaat = session.execute(update(t).where(*waar, voorwaarde).values(**waarden))
    if resultaat.rowcount == 1:  # type: ignore[attr-defined]
        return
    if van == "gereserveerd" and naar is not None:
        verschuif_bed(session, voorziening_id, datum, None, naar)
        return
    if van is not None:
        if naar is None:
            return  # the report already released it
        verschuif_bed(session, voorziening_id, datum, None, naar)
        return
    raise GeenCapaciteit("geen vrij bed in deze voorziening")


def inhoud_hash(bedden: Bedden) -> str:
    """Fingerprint of reported figures (idempotent re-reporting)."""
    tekst = "|".join(str(getattr(bedden, k)) for k in KOLOMMEN)
    return hashlib.sha256(tekst.encode()).hexdigest()


def rapporteer(session: Session, voorziening_id: uuid.UUID, datum: date, bedden: Bedden, bron: str) -> str:
    """Store a (weekly) occupancy report for one facility and day.

    Returns:
        ``opgeslagen`` (new), ``bijgewerkt`` (other figures than before) or ``al_aanwezig`` (the same report).

    Raises:
        OngeldigeBezetting: impossible figures or a date in the future.
    """
    controleer(bedden)
    if datum > utcnow().date():
        raise OngeldigeBezetting("datum ligt in de toekomst")
    h = inhoud_hash(bedden)
    rij = session.get(OpvangBezetting, (voorziening_id, datum), with_for_update=True)
    if rij is not None and rij.inhoud_hash == h:
        return "al_aanwezig"
    if rij is None:
        session.add(
            OpvangBezetting(
                voorziening_id=voorziening_id,
                datum=datum,
                **{k: getattr(bedden, k) for k in KOLOMMEN},
                bron=bron,
                inhoud_hash=h,
            )
        )
        session.flush()
        return "opgeslagen"
    for k in KOLOMMEN:
        setattr(rij, k, getattr(bedden, k))
    rij.bron, rij.inhoud_hash, rij.gewijzigd_op = bron, h, utcnow()
    session.flush()
    return "bijgewerkt"


def eigen_voorzieningen(session: Session, toegang: Toegang) -> dict[str, uuid.UUID]:
    """The codes and ids of the active facilities the caller may report occupancy for: its organisation's.

    Raises:
        GeenToegang: the caller lacks the ``bezetting_melden`` right.
    """
    toegang.vereis(Recht.bezetting_melden)
    if toegang.organisatie_id is None:
        return {}
    v = OpvangVoorziening
    stmt = select(v.code, v.id).where(v.organisatie_id == toegang.organisatie_id, v.actief)
    return {code: vid for code, vid in session.execute(stmt)}


def meld(session: Session, toegang: Toegang, voorziening_code: str, datum: date, bedden: Bedden, bron: str) -> str:
    """Report occupancy for one facility of the caller's own organisation (see :func:`rapporteer`).

    Raises:
        NietEigenVoorziening: not an active facility of the caller's organisation (or unknown).
        GeenToegang: the caller lacks the ``bezetting_melden`` right.
        OngeldigeBezetting: impossible figures or a date in the future.
    """
    vid = eigen_voorzieningen(session, toegang).get(voorziening_code)
    if vid is None:
        raise NietEigenVoorziening("geen voorziening van uw organisatie")
    return rapporteer(session, vid, datum, bedden, bron)
