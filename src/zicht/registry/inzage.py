# SPDX-License-Identifier: EUPL-1.2
"""Every processing of one person: the logboek records that name the person, plus those of the meldingen
linked to the person (records written before linkage carry only the melding id). Listing them is itself
a processing and is logged."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from zicht.privacy import logboek
from zicht.privacy.toegang import Recht, Toegang
from zicht.storage.tables import LogboekRecord, Melding

DOEL_INZAGE = "verantwoording: overzicht van verwerkingen van een persoon"


def verwerkingen_van_persoon(
    session: Session, toegang: Toegang, persoon_id: uuid.UUID, *, trace_id: str | None = None
) -> Sequence[LogboekRecord]:
    """The logboek records concerning ``persoon_id``, oldest first (the look-up itself is appended last).

    Raises:
        GeenToegang: the caller lacks the ``logboek_persoon`` right.
    """
    toegang.vereis(Recht.logboek_persoon)
    melding_ids = [str(m) for m in session.scalars(select(Melding.id).where(Melding.persoon_id == persoon_id))]
    pid = str(persoon_id)
    records = session.scalars(
        select(LogboekRecord)
        .where(
            or_(
                LogboekRecord.persoon_id == pid,
                (LogboekRecord.object_type == "melding") & LogboekRecord.object_id.in_(melding_ids),
            )
        )
        .order_by(LogboekRecord.volgnummer)
    ).all()
    logboek.append(
        session,
        toegang.actor(),
        actie="lezen",
        object_type="logboek",
        object_ids=[pid],
        persoon_ids=[pid],
        doel=DOEL_INZAGE,
        trace_id=trace_id,
    )
    return records
