# SPDX-License-Identifier: EUPL-1.2
"""A data subject's access request (AVG art. 15): the person's meldingen and every processing of them.

Builds on :func:`zicht.registry.verwerkingen_van_persoon` (which checks the right and logs the look-up); the
meldingen are listed in minimised form, with whether their identity is still held, was shredded after its
retention period or was erased on request (``zicht wissen``), and the meldingen already deleted after their
retention period (known from the logboek, as long as it keeps their records).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.ops.wissen import DOEL_WISSEN
from zicht.privacy.toegang import Toegang
from zicht.registry import verwerkingen_van_persoon
from zicht.storage.tables import Identiteit, LogboekRecord, Melding, Organisatie


@dataclass(frozen=True)
class MeldingRegel:
    """One melding of the person, minimised."""

    id: str
    melddatum: date
    organisatie: str
    status: str
    identiteit_bewaard: bool
    #: ``bewaard``, ``gewist`` (erased on request) or ``vernietigd`` (shredded after the retention period).
    identiteit: str = "bewaard"


@dataclass(frozen=True)
class Inzage:
    """The answer to an access request."""

    persoon_id: str
    meldingen: tuple[MeldingRegel, ...]
    verwerkingen: Sequence[LogboekRecord]
    #: Meldingen of the person deleted after their retention period (ids from the logboek).
    verwijderd: tuple[str, ...] = ()

    @property
    def lezingen(self) -> list[LogboekRecord]:
        """The reads, reveals and exports among the processings."""
        return [r for r in self.verwerkingen if r.actie in ("lezen", "onthullen", "exporteren")]


def inzageverzoek(session: Session, toegang: Toegang, persoon_id: uuid.UUID) -> Inzage:
    """The meldingen and processings of ``persoon_id`` (raises GeenToegang without the logboek right)."""
    verwerkingen = verwerkingen_van_persoon(session, toegang, persoon_id)
    rijen = session.execute(
        select(Melding.id, Melding.melddatum, Organisatie.code, Melding.status, Identiteit.melding_id)
        .join(Organisatie, Organisatie.id == Melding.organisatie_id)
        .outerjoin(Identiteit, Identiteit.melding_id == Melding.id)
        .where(Melding.persoon_id == persoon_id)
        .order_by(Melding.melddatum, Melding.id)
    )
    gewist = {
        r.object_id
        for r in verwerkingen
        if r.actie == "verwijderen" and r.object_type == "identiteit" and r.doel == DOEL_WISSEN
    }
    meldingen = tuple(
        MeldingRegel(str(r[0]), r[1], r[2], r[3], r[4] is not None,
                     "bewaard" if r[4] is not None else "gewist" if str(r[0]) in gewist else "vernietigd")
        for r in rijen
    )  # fmt: skip
    bestaand = {m.id for m in meldingen}
    verwijderd = tuple(
        dict.fromkeys(
            r.object_id
            for r in verwerkingen
            if r.actie == "verwijderen" and r.object_type == "melding" and r.object_id and r.object_id not in bestaand
        )
    )
    return Inzage(str(persoon_id), meldingen, verwerkingen, verwijderd)
