# SPDX-License-Identifier: EUPL-1.2
"""What the opvang pages and the API show: the queue, the facilities with today's beds, a request in full.

Each function authorises (the opvang right), filters what the caller may see (addresses through
:func:`zicht.opvang.voorzieningen.weergave`) and appends a logboek record where it reads requests about persons.
"""

from __future__ import annotations

import statistics
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.opvang.aanvragen import DOEL, geschiedenis, haal, profiel_van
from zicht.opvang.bezetting import Bedden, stand_op
from zicht.opvang.regels import COSM_NORM_DAGEN, Status
from zicht.opvang.voorstellen import Afgewezen, Voorstel, stel_voor
from zicht.opvang.voorzieningen import Voorzieningweergave, voorzieningen, weergave
from zicht.privacy import logboek
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.base import utcnow
from zicht.storage.tables import OpvangAanvraag, OpvangGebeurtenis, OpvangVoorziening


@dataclass(frozen=True)
class VoorzieningMetBedden:
    """A facility as the caller may see it, with its beds today."""

    voorziening: Voorzieningweergave
    bedden: Bedden


@dataclass(frozen=True)
class Dashboard:
    """The opvang start page: facilities with beds, the open queue, waiting time and COSM overstays."""

    voorzieningen: list[VoorzieningMetBedden]
    wachtrij: list[OpvangAanvraag]
    mediane_wachttijd_dagen: float | None
    geplaatst_afgelopen_30: int
    langer_dan_norm: list[OpvangAanvraag]
    indeling: str


def voorzieningen_met_bedden(
    session: Session, toegang: Toegang, referentie: Referentiedata, regios: Opvangregios, datum: date
) -> list[VoorzieningMetBedden]:
    """Every active facility with today's beds, as the caller may see it."""
    alle = voorzieningen(session)
    stand = stand_op(session, datum)
    return [VoorzieningMetBedden(weergave(v, toegang, referentie, regios), stand.get(v.id, Bedden(v.capaciteit, 0)))
            for v in alle]  # fmt: skip


def dashboard(session: Session, toegang: Toegang, referentie: Referentiedata, regios: Opvangregios) -> Dashboard:
    """The opvang start page for an opvang user (pseudonymised; one logboek record for the queue read)."""
    toegang.vereis(Recht.opvang)
    nu = utcnow()
    a = OpvangAanvraag
    open_ = list(
        session.scalars(
            select(a)
            .where(a.status.in_([Status.aangevraagd.value, Status.aangeboden.value]))
            .order_by(a.prioriteit.desc(), a.aangevraagd_op)
            .limit(200)
        )
    )
    geplaatst = list(session.scalars(select(a).where(a.geplaatst_op.is_not(None))))
    recent = [p for p in geplaatst if p.geplaatst_op and (nu - p.geplaatst_op).days <= 30]
    wachttijden = [((p.geplaatst_op - p.aangevraagd_op).total_seconds() / 86400) for p in recent if p.geplaatst_op]
    cosm = set(session.scalars(select(OpvangVoorziening.id).where(OpvangVoorziening.soort == "cosm")))
    te_lang = [p for p in geplaatst if p.status == Status.geplaatst.value and p.voorziening_id in cosm
               and p.geplaatst_op and (nu - p.geplaatst_op).days > COSM_NORM_DAGEN]  # fmt: skip
    gelezen = [*open_, *te_lang]
    if gelezen:
        logboek.append(session, toegang.actor(), actie="lezen", object_type="opvang_aanvraag",
                       object_ids=[str(x.id) for x in gelezen], persoon_ids=[str(x.persoon_id) for x in gelezen],
                       doel=DOEL, details={"overzicht": "wachtrij"})  # fmt: skip
    return Dashboard(
        voorzieningen_met_bedden(session, toegang, referentie, regios, nu.date()),
        open_,
        statistics.median(wachttijden) if wachttijden else None,
        len(recent),
        te_lang,
        regios.omschrijving,
    )


@dataclass(frozen=True)
class Aanvraagbeeld:
    """One request with its history, the facility it concerns and (while open) proposals."""

    aanvraag: OpvangAanvraag
    geschiedenis: list[OpvangGebeurtenis]
    voorziening: Voorzieningweergave | None
    voorstellen: list[Voorstel]
    afgewezen: list[Afgewezen]
    namen: dict[uuid.UUID, str]


def aanvraagbeeld(
    session: Session,
    toegang: Toegang,
    aanvraag_id: uuid.UUID,
    referentie: Referentiedata,
    regios: Opvangregios,
    taal: str = "nl",
) -> Aanvraagbeeld:
    """A request in full for the opvang user (the proposals' reasons in ``taal``); the read is logged. Raises
    NietGevonden for an unknown id."""
    a = haal(session, toegang, aanvraag_id)
    logboek.append(session, toegang.actor(), actie="lezen", object_type="opvang_aanvraag", object_ids=[str(a.id)],
                   persoon_ids=[str(a.persoon_id)], doel=DOEL)  # fmt: skip
    voorstellen: list[Voorstel] = []
    afgewezen: list[Afgewezen] = []
    if a.status == Status.aangevraagd.value:
        voorstellen, afgewezen = stel_voor(session, referentie, regios, profiel_van(a),
                                           plaats_delict_gemeente=a.plaats_delict_gemeente,
                                           verblijfgemeente=a.verblijfgemeente, datum=utcnow().date(),
                                           taal=taal)  # fmt: skip
    v = session.get(OpvangVoorziening, a.voorziening_id) if a.voorziening_id else None
    hist = geschiedenis(session, toegang, a.id)
    ids = {g.voorziening_id for g in hist if g.voorziening_id}
    namen = dict(session.execute(select(OpvangVoorziening.id, OpvangVoorziening.naam)
                                 .where(OpvangVoorziening.id.in_(ids))).all()) if ids else {}  # fmt: skip
    return Aanvraagbeeld(
        a, hist, weergave(v, toegang, referentie, regios) if v else None, voorstellen, afgewezen, namen
    )
