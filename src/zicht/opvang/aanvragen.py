# SPDX-License-Identifier: EUPL-1.2
"""The placement request aggregate: filing, every state change, and the history of each request.

Every change goes through :func:`verwerk` (filing through :func:`dien_in`), and both write through
:func:`_leg_vast`, which appends the history row and the logboek record in the caller's transaction: a change
is stored with its history and its logboek entry, or not at all. A request names its person only by the
pseudonymous ``persoon_id``. Decisions are made by a person; :mod:`zicht.opvang.voorstellen` only proposes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.opvang.bezetting import verschuif_bed
from zicht.opvang.regels import (
    BESLISSER,
    COMENSHA,
    EU_STATUS,
    GESLACHTEN,
    REDENEN,
    VERBLIJFSSTATUS,
    VERLENGINGSREDENEN,
    OngeldigeOvergang,
    Profiel,
    Status,
    Voorzieningsoort,
    controleer_overgang,
    geschikte_soorten,
    past_bij_doelgroep,
)
from zicht.opvang.voorzieningen import doelgroep_van
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Recht, Toegang
from zicht.storage.base import utcnow
from zicht.storage.tables import OpvangAanvraag, OpvangGebeurtenis, OpvangVoorziening, Persoon

#: Purpose recorded in the logboek for every processing of a request.
DOEL = "opvang: plaatsing van een mogelijk slachtoffer"

#: Which bed moves with each transition (from, to); None is a free bed.
_BED: dict[tuple[Status, Status], tuple[str | None, str | None]] = {
    (Status.aangevraagd, Status.aangeboden): (None, "gereserveerd"),
    (Status.aangeboden, Status.geplaatst): ("gereserveerd", "bezet"),
    (Status.aangeboden, Status.geweigerd): ("gereserveerd", None),
    (Status.aangeboden, Status.ingetrokken): ("gereserveerd", None),
    (Status.geplaatst, Status.uitgestroomd): ("bezet", None),
}


class NietGevonden(LookupError):
    """No such request, or not one the caller may see (the same answer for both)."""


@dataclass(frozen=True)
class Aanvraaggegevens:
    """What a request records besides the person: the profile and the places that matter."""

    profiel: Profiel
    plaats_delict_gemeente: str | None = None
    verblijfgemeente: str | None = None


def profiel_van(a: OpvangAanvraag) -> Profiel:
    """The coded profile of a stored request."""
    return Profiel(
        geslacht=a.geslacht,
        leeftijd=a.leeftijd,
        eu_status=a.eu_status,
        verblijfsstatus=a.verblijfsstatus,
        alleenstaand=a.alleenstaand,
        meervoudige_problematiek=a.meervoudige_problematiek,
        kinderen=a.kinderen,
        veiligheidsrisico=a.veiligheidsrisico,
        medisch=a.medisch,
    )


def _leg_vast(
    session: Session,
    toegang: Toegang,
    aanvraag: OpvangAanvraag,
    *,
    handeling: str,
    van: str | None,
    reden: str,
    nu: datetime,
    voorziening_id: uuid.UUID | None = None,
) -> None:
    """Append the history row and the logboek record of one change (same transaction)."""
    session.add(
        OpvangGebeurtenis(
            aanvraag_id=aanvraag.id,
            handeling=handeling,
            van=van,
            naar=aanvraag.status,
            reden=reden,
            voorziening_id=voorziening_id or aanvraag.voorziening_id,
            door=toegang.actor_id[:64],
            rol=toegang.rol.value,
            tijdstip=nu,
        )
    )
    logboek.append(
        session,
        toegang.actor(),
        actie="aanmaken" if handeling == "aanvraag" else "wijzigen",
        object_type="opvang_aanvraag",
        object_ids=[str(aanvraag.id)],
        persoon_ids=[str(aanvraag.persoon_id)],
        doel=DOEL,
        details={"handeling": handeling, "van": van, "naar": aanvraag.status, "reden": reden},
    )
    session.flush()


def _controleer_profiel(p: Profiel) -> None:
    if p.geslacht not in GESLACHTEN or p.eu_status not in EU_STATUS or p.verblijfsstatus not in VERBLIJFSSTATUS:
        raise ValueError("onbekende code in het profiel")
    if p.leeftijd is not None and not 0 <= p.leeftijd <= 120:
        raise ValueError("leeftijd moet tussen 0 en 120 liggen")
    if not 0 <= p.kinderen <= 20:
        raise ValueError("aantal kinderen moet tussen 0 en 20 liggen")


def dien_in(
    session: Session,
    toegang: Toegang,
    persoon_id: uuid.UUID,
    gegevens: Aanvraaggegevens,
    *,
    reden: str = "nieuwe_aanvraag",
    vorige_aanvraag_id: uuid.UUID | None = None,
    nu: datetime | None = None,
) -> OpvangAanvraag:
    """File a placement request for a person known from meldingen.

    Raises:
        GeenToegang: the caller lacks the opvang right.
        NietGevonden: no active person with this id.
        ValueError: an invalid profile or reason.
    """
    toegang.vereis(Recht.opvang)
    _controleer_profiel(gegevens.profiel)
    if reden not in REDENEN[Status.aangevraagd]:
        raise ValueError("onbekende reden")
    persoon = session.get(Persoon, persoon_id)
    if persoon is None or persoon.status != "actief":
        raise NietGevonden("persoon")
    nu = nu or utcnow()
    p = gegevens.profiel
    aanvraag = OpvangAanvraag(
        id=uuid.uuid4(),
        persoon_id=persoon_id,
        aanvrager_organisatie_id=toegang.organisatie_id,
        status=Status.aangevraagd.value,
        prioriteit=p.prioriteit(),
        geslacht=p.geslacht,
        leeftijd=p.leeftijd,
        eu_status=p.eu_status,
        verblijfsstatus=p.verblijfsstatus,
        alleenstaand=p.alleenstaand,
        meervoudige_problematiek=p.meervoudige_problematiek,
        kinderen=p.kinderen,
        veiligheidsrisico=p.veiligheidsrisico,
        medisch=p.medisch,
        plaats_delict_gemeente=gegevens.plaats_delict_gemeente,
        verblijfgemeente=gegevens.verblijfgemeente,
        vorige_aanvraag_id=vorige_aanvraag_id,
        aangevraagd_op=nu,
        reden=reden,
        zorgcoordinator_overgedragen=False,
        versie=1,
    )
    session.add(aanvraag)
    session.flush()
    _leg_vast(session, toegang, aanvraag, handeling="aanvraag", van=None, reden=reden, nu=nu)
    return aanvraag


def haal(session: Session, toegang: Toegang, aanvraag_id: uuid.UUID, *, voor_wijziging: bool = False) -> OpvangAanvraag:
    """One request, for a caller with the opvang right (locked for update when it will change).

    Raises:
        GeenToegang: the caller lacks the opvang right.
        NietGevonden: no such request.
    """
    toegang.vereis(Recht.opvang)
    aanvraag = session.get(OpvangAanvraag, aanvraag_id, with_for_update=voor_wijziging)
    if aanvraag is None:
        raise NietGevonden("aanvraag")
    return aanvraag


def _mag_beslissen(toegang: Toegang, soort: Voorzieningsoort) -> None:
    if BESLISSER[soort] == COMENSHA and toegang.organisatie_code != COMENSHA:
        raise GeenToegang("alleen CoMensha plaatst in " + soort.value)


def verwerk(
    session: Session,
    toegang: Toegang,
    aanvraag_id: uuid.UUID,
    naar: Status,
    reden: str,
    *,
    voorziening_id: uuid.UUID | None = None,
    uitstroom_gemeente: str | None = None,
    zorgcoordinator_overgedragen: bool = False,
    nu: datetime | None = None,
) -> OpvangAanvraag:
    """Change the state of a request: the one way a request changes.

    Checks that the transition is allowed and the reason belongs to it, that the caller may decide for the
    facility (CoMensha alone for COSM and OMM; a centrumgemeente's consent for Wmo shelter), that the person
    fits the facility, and moves the bed (claiming a free bed atomically). Writes history and logboek.

    Raises:
        OngeldigeOvergang: transition, reason or facility not allowed.
        GeenToegang: the caller may not make this decision.
        GeenCapaciteit: no free bed (nothing is changed).
        NietGevonden: no such request or facility.
    """
    aanvraag = haal(session, toegang, aanvraag_id, voor_wijziging=True)
    van = Status(aanvraag.status)
    controleer_overgang(van, naar, reden)
    nu = nu or utcnow()
    if naar is Status.aangeboden:
        if voorziening_id is None:
            raise OngeldigeOvergang("een aanbod noemt een voorziening")
        voorziening = session.get(OpvangVoorziening, voorziening_id)
        if voorziening is None or not voorziening.actief:
            raise NietGevonden("voorziening")
        soort = Voorzieningsoort(voorziening.soort)
        profiel = profiel_van(aanvraag)
        if soort not in geschikte_soorten(profiel):
            raise OngeldigeOvergang(f"{soort.value} is niet toegestaan voor dit profiel")
        waarom_niet = past_bij_doelgroep(profiel, doelgroep_van(voorziening))
        if waarom_niet is not None:
            raise OngeldigeOvergang(f"past niet bij de doelgroep: {waarom_niet}")
        _mag_beslissen(toegang, soort)
        aanvraag.voorziening_id = voorziening.id
    elif naar is Status.geplaatst:
        voorziening = session.get(OpvangVoorziening, aanvraag.voorziening_id)
        assert voorziening is not None
        soort = Voorzieningsoort(voorziening.soort)
        _mag_beslissen(toegang, soort)
        if BESLISSER[soort] == "centrumgemeente" and reden != "centrumgemeente_akkoord":
            raise OngeldigeOvergang("voor deze opvang beslist de centrumgemeente: reden centrumgemeente_akkoord")
    bed = _BED.get((van, naar))
    if bed is not None and aanvraag.voorziening_id is not None:
        verschuif_bed(session, aanvraag.voorziening_id, nu.date(), bed[0], bed[1])
    aanvraag.status = naar.value
    aanvraag.reden = reden
    aanvraag.versie += 1
    if naar is Status.aangeboden:
        aanvraag.aangeboden_op = nu
    elif naar is Status.geplaatst:
        aanvraag.geplaatst_op = nu
    elif naar is Status.uitgestroomd:
        aanvraag.afgesloten_op = nu
        aanvraag.uitstroom_gemeente = uitstroom_gemeente
        aanvraag.zorgcoordinator_overgedragen = zorgcoordinator_overgedragen
    else:
        aanvraag.afgesloten_op = nu
        if van is Status.aangevraagd:
            aanvraag.voorziening_id = None
    _leg_vast(session, toegang, aanvraag, handeling="status", van=van.value, reden=reden, nu=nu)
    return aanvraag


def registreer_capaciteitstekort(
    session: Session, toegang: Toegang, aanvraag_id: uuid.UUID, voorziening_id: uuid.UUID, nu: datetime | None = None
) -> None:
    """Record that an offer failed for lack of capacity (the request keeps its state; counted in reports)."""
    aanvraag = haal(session, toegang, aanvraag_id, voor_wijziging=True)
    _leg_vast(session, toegang, aanvraag, handeling="capaciteit", van=aanvraag.status, reden="geen_capaciteit",
              nu=nu or utcnow(), voorziening_id=voorziening_id)  # fmt: skip


def leg_verlenging_vast(
    session: Session, toegang: Toegang, aanvraag_id: uuid.UUID, reden: str, nu: datetime | None = None
) -> OpvangAanvraag:
    """State why a placed person stays beyond the COSM three-month norm.

    Raises:
        OngeldigeOvergang: not placed, or an unknown reason.
    """
    aanvraag = haal(session, toegang, aanvraag_id, voor_wijziging=True)
    if aanvraag.status != Status.geplaatst.value or reden not in VERLENGINGSREDENEN:
        raise OngeldigeOvergang("een verlengingsreden hoort bij een geplaatste persoon en een bekende reden")
    aanvraag.verlenging_reden = reden
    aanvraag.versie += 1
    _leg_vast(session, toegang, aanvraag, handeling="verlenging", van=aanvraag.status, reden=reden, nu=nu or utcnow())
    return aanvraag


def geschiedenis(session: Session, toegang: Toegang, aanvraag_id: uuid.UUID) -> list[OpvangGebeurtenis]:
    """The history of a request, oldest first."""
    toegang.vereis(Recht.opvang)
    stmt = select(OpvangGebeurtenis).where(OpvangGebeurtenis.aanvraag_id == aanvraag_id).order_by(OpvangGebeurtenis.id)
    return list(session.scalars(stmt))
