# SPDX-License-Identifier: EUPL-1.2
"""Reading and registering meldingen on behalf of a caller, with authorisation and the logboek built in.

Every query applies :func:`zicht.privacy.toegang.melding_filter` before counting and paginating, so a
melding outside the caller's scope is indistinguishable from one that does not exist. Every read of a
melding appends a ``lezen`` record to the logboek (one per melding), every registration an ``aanmaken``.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import Session, raiseload, selectinload

from zicht.intake import Fout, Validator, bewaar_meldingen
from zicht.intake.validate import RawValue
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Recht, Toegang, melding_filter
from zicht.privacy.vault import Vault
from zicht.reference import Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.registry.pagina import Pagina, begrens
from zicht.storage.tables import Melding, MeldingUitbuiting, Organisatie

T = TypeVar("T")

DOEL_REGISTRATIE = "registratie van meldingen mogelijke slachtoffers mensenhandel"
DOEL_INZIEN_EIGEN = "inzien van eigen meldingen door de melder"
DOEL_ANALYSE = "landelijke registratie en analyse mensenhandel"


@dataclass(frozen=True)
class MeldingFilter:
    """Filters of a melding list, applied in the query before paging. ``gebied`` is a veiligheidsregio code
    (``VR09``); ``referentie`` the reporting organisation's own reference (exact, case as given);
    ``persoon`` a person pseudonym; withdrawn meldingen are left out unless ``ingetrokken``; ``sorteer`` is one
    of :data:`SORTERINGEN` (default: newest report first)."""

    jaar: int | None = None
    uitbuitingsvorm: str | None = None
    gemeente: str | None = None
    gebied: str | None = None
    melder_soort: str | None = None
    status: str | None = None
    referentie: str | None = None
    persoon: uuid.UUID | None = None
    ingetrokken: bool = False
    sorteer: str = "melddatum_af"


@dataclass
class Registratie:
    """Outcome of registering one melding: the stored (or already present) id, or the problems."""

    melding: Melding | None = None
    nieuw: bool = False
    fouten: list[Fout] = field(default_factory=list)
    conflict: bool = False


_NIEUWSTE_EERST = (Melding.melddatum.desc(), Melding.aangemaakt_op.desc(), Melding.id.desc())
#: The orders a list can be sorted in (every one ends on the id, so pages never overlap).
SORTERINGEN = {
    "melddatum_af": _NIEUWSTE_EERST,
    "melddatum_op": (Melding.melddatum.asc(), Melding.aangemaakt_op.asc(), Melding.id.asc()),
    "vastgelegd_af": (Melding.aangemaakt_op.desc(), Melding.id.desc()),
    "gewijzigd_af": (func.coalesce(Melding.gewijzigd_op, Melding.aangemaakt_op).desc(), Melding.id.desc()),
}


def _doel(toegang: Toegang) -> str:
    return DOEL_ANALYSE if toegang.mag(Recht.melding_landelijk) else DOEL_INZIEN_EIGEN


def _log_lezen(session: Session, toegang: Toegang, meldingen: Sequence[Melding], trace_id: str | None) -> None:
    if meldingen:
        logboek.append(
            session,
            toegang.actor(),
            actie="lezen",
            object_type="melding",
            object_ids=[str(m.id) for m in meldingen],
            persoon_ids=[str(m.persoon_id) if m.persoon_id else None for m in meldingen],
            doel=_doel(toegang),
            trace_id=trace_id,
        )


def _gefilterd(stmt: Select[T], filt: MeldingFilter, reference: Referentiedata) -> Select[T]:
    if filt.jaar is not None:
        stmt = stmt.where(Melding.melddatum >= date(filt.jaar, 1, 1), Melding.melddatum < date(filt.jaar + 1, 1, 1))
    if filt.uitbuitingsvorm:
        stmt = stmt.where(
            exists().where(MeldingUitbuiting.melding_id == Melding.id, MeldingUitbuiting.vorm == filt.uitbuitingsvorm)
        )
    if filt.gemeente:
        stmt = stmt.where(Melding.plaats_delict_gemeente == filt.gemeente)
    if filt.gebied:
        try:
            gebied = reference.gebied(Gebiedsniveau.veiligheidsregio, filt.gebied)
            stmt = stmt.where(Melding.plaats_delict_gemeente.in_(gebied.gemeenten))
        except UnknownPlace:
            stmt = stmt.where(Melding.id.is_(None))  # an unknown region matches nothing
    if filt.melder_soort:
        stmt = stmt.where(Melding.melder_soort == filt.melder_soort)
    if filt.status:
        stmt = stmt.where(Melding.status == filt.status)
    if filt.referentie:
        stmt = stmt.where(Melding.melder_referentie == filt.referentie.strip())
    if filt.persoon is not None:
        stmt = stmt.where(Melding.persoon_id == filt.persoon)
    if not filt.ingetrokken:
        stmt = stmt.where(Melding.ingetrokken_op.is_(None))
    return stmt


def zoek_meldingen(
    session: Session,
    toegang: Toegang,
    reference: Referentiedata,
    filt: MeldingFilter | None = None,
    *,
    pagina: int = 1,
    pagina_grootte: int = 25,
    trace_id: str | None = None,
    alleen_overzicht: bool = False,
) -> Pagina[Melding]:
    """One page of the meldingen the caller may read, newest first; each shown melding is logged as read.

    With ``alleen_overzicht`` only the forms of exploitation are loaded with each melding (what a list
    shows); touching the other collections then raises instead of querying row by row.
    """
    toegang.vereis(Recht.melding_lezen)
    pagina, pagina_grootte = begrens(pagina, pagina_grootte)
    filt = filt or MeldingFilter()
    volgorde = SORTERINGEN.get(filt.sorteer, _NIEUWSTE_EERST)
    gefilterd = _gefilterd(select(Melding.id).where(melding_filter(toegang)), filt, reference)
    totaal = session.scalar(select(func.count()).select_from(gefilterd.subquery())) or 0
    # Two steps: the ids of the page from the (covering) list index, then those rows. A deep page then
    # skips index entries only, not whole rows.
    ids = session.scalars(
        gefilterd.order_by(*volgorde).limit(pagina_grootte).offset((pagina - 1) * pagina_grootte)
    ).all()
    stmt = select(Melding).where(Melding.id.in_(ids)).order_by(*volgorde)
    if alleen_overzicht:
        stmt = stmt.options(selectinload(Melding.uitbuitingen), raiseload("*"))
    items = session.scalars(stmt).all() if ids else []
    _log_lezen(session, toegang, items, trace_id)
    return Pagina(items, pagina, pagina_grootte, totaal)


def haal_melding(
    session: Session, toegang: Toegang, melding_id: uuid.UUID, *, trace_id: str | None = None
) -> Melding | None:
    """One melding when the caller may read it (logged), else None, whether or not it exists."""
    toegang.vereis(Recht.melding_lezen)
    melding = session.scalar(select(Melding).where(Melding.id == melding_id, melding_filter(toegang)))
    if melding is not None:
        _log_lezen(session, toegang, [melding], trace_id)
    return melding


def zoek_op_referentie(
    session: Session, toegang: Toegang, referentie: str, *, trace_id: str | None = None
) -> Melding | None:
    """The caller's own melding with the organisation's reference ``referentie`` (logged), or None."""
    toegang.vereis(Recht.melding_lezen)
    if toegang.organisatie_id is None:
        return None
    melding = session.scalar(
        select(Melding).where(
            Melding.organisatie_id == toegang.organisatie_id,
            Melding.melder_referentie == referentie.strip(),
            melding_filter(toegang),
        )
    )
    if melding is not None:
        _log_lezen(session, toegang, [melding], trace_id)
    return melding


def registreer_melding(
    session: Session,
    vault: Vault,
    reference: Referentiedata,
    toegang: Toegang,
    raw: Mapping[str, RawValue],
    *,
    bron: str,
) -> Registratie:
    """Validate and store one melding for the caller's organisation (idempotent per reference).

    Returns the new melding, the identical melding stored before, or every validation problem.
    A reference stored earlier with other content is a conflict: nothing is changed.
    """
    toegang.vereis(Recht.melding_aanmaken)
    org = session.get(Organisatie, toegang.organisatie_id) if toegang.organisatie_id else None
    if org is None or not org.actief:
        raise GeenToegang("geen actieve organisatie")
    resultaat = Validator(reference, org.soort).validate(raw)
    if isinstance(resultaat, list):
        return Registratie(fouten=resultaat)
    opslag = bewaar_meldingen(session, vault, org, [resultaat], bron=bron, actor=toegang.actor(), doel=DOEL_REGISTRATIE)
    if opslag.opgeslagen:
        return Registratie(melding=session.get(Melding, opslag.opgeslagen[0]), nieuw=True)
    if opslag.conflicten:
        fout = Fout(
            "melder_referentie",
            resultaat.melder_referentie[:80],
            "conflict",
            "deze referentie is eerder met andere inhoud gemeld; er is niets gewijzigd",
            "this reference was reported before with other content; nothing was changed",
        )
        return Registratie(fouten=[fout], conflict=True)
    # Delivered before with the same content: answer with the stored melding (a read, so logged).
    bestaand = session.scalar(
        select(Melding).where(
            Melding.organisatie_id == org.id, Melding.melder_referentie == resultaat.melder_referentie
        )
    )
    if bestaand is not None:
        _log_lezen(session, toegang, [bestaand], None)
    return Registratie(melding=bestaand)
