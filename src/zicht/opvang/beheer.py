# SPDX-License-Identifier: EUPL-1.2
"""Managing the facility registry: register, edit and deactivate a shelter (the beheerder's screens and CLI).

No right names facility management, so it belongs to the ``beheer`` right (the beheerder manages
organisations, users and tokens; it sees no victim data, and a facility is none). Each function validates,
writes and appends a logboek record in the caller's transaction.

The confidential address is write-only here: the beheerder may enter or replace it (or clear it), but never
reads it back (only the operator's own opvang users see it, :func:`zicht.privacy.toegang.ziet_opvangadres`).
The logboek records that the address changed, never the address itself. A facility is deactivated, not
deleted: its history of occupancy and placements stays; it no longer appears in proposals or takes reports.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.accounts import zoek_organisatie
from zicht.opvang.regels import BEVEILIGINGSNIVEAUS, DOELGROEP_GESLACHT, Doelgroep, Voorzieningsoort
from zicht.privacy import logboek
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import OpvangVoorziening, Organisatie
from zicht.taal import N_

DOEL = "opvang: beheer van het register van opvangvoorzieningen"
_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,62}$")
MAX_CAPACITEIT = 10_000


class Voorzieningsfout(ValueError):
    """Input that cannot be stored; ``veld`` names the form field, the message is a Dutch sentence."""

    def __init__(self, veld: str, tekst: str) -> None:
        super().__init__(tekst)
        self.veld = veld
        self.tekst = tekst


class OnbekendeVoorziening(LookupError):
    """No facility with this id."""


@dataclass(frozen=True)
class Voorzieningsgegevens:
    """What the beheerder enters for a facility. ``adres`` None keeps the stored address (on an edit);
    ``adres_wissen`` clears it."""

    code: str
    naam: str
    soort: str
    exploitant: str  # organisation code
    gemeentecode: str
    centrumgemeente: str
    capaciteit: int
    doelgroep: Doelgroep = field(default_factory=Doelgroep)
    adres: str | None = None
    adres_wissen: bool = False


@dataclass(frozen=True)
class Beheerrij:
    """A facility as the beheerder sees it: everything but the address (only whether one is recorded)."""

    id: uuid.UUID
    code: str
    naam: str
    soort: str
    exploitant: str
    exploitant_naam: str
    gemeentecode: str
    centrumgemeente: str
    regio: str
    doelgroep: Doelgroep
    capaciteit: int
    adres_vastgelegd: bool
    actief: bool


def _controleer(
    session: Session, g: Voorzieningsgegevens, referentie: Referentiedata, bestaand: uuid.UUID | None
) -> Organisatie:
    if not _CODE.match(g.code):
        raise Voorzieningsfout("code", N_("De code bestaat uit 2 tot 63 kleine letters, cijfers en streepjes."))
    dubbel = session.scalar(select(OpvangVoorziening.id).where(OpvangVoorziening.code == g.code))
    if dubbel is not None and dubbel != bestaand:
        raise Voorzieningsfout("code", N_("Er is al een voorziening met deze code."))
    if not g.naam.strip() or len(g.naam) > 200:
        raise Voorzieningsfout("naam", N_("Vul een naam in van hooguit 200 tekens."))
    if g.soort not in Voorzieningsoort.__members__:
        raise Voorzieningsfout("soort", N_("Kies een soort voorziening."))
    org = zoek_organisatie(session, g.exploitant) if g.exploitant else None
    if org is None or not org.actief:
        raise Voorzieningsfout("exploitant", N_("Kies de organisatie die de voorziening exploiteert."))
    if g.gemeentecode not in referentie.gemeenten:
        raise Voorzieningsfout("gemeentecode", N_("Onbekende gemeente van de vestiging."))
    if g.centrumgemeente not in referentie.gemeenten:
        raise Voorzieningsfout("centrumgemeente", N_("Onbekende centrumgemeente."))
    if not 0 <= g.capaciteit <= MAX_CAPACITEIT:
        raise Voorzieningsfout("capaciteit", N_("De capaciteit is een geheel getal van 0 tot en met 10000."))
    d = g.doelgroep
    if d.geslacht not in DOELGROEP_GESLACHT:
        raise Voorzieningsfout("doelgroep_geslacht", N_("Kies voor wie de voorziening is."))
    if d.beveiligingsniveau not in BEVEILIGINGSNIVEAUS:
        raise Voorzieningsfout("beveiligingsniveau", N_("Kies een beveiligingsniveau."))
    for veld, waarde in (("leeftijd_min", d.leeftijd_min), ("leeftijd_max", d.leeftijd_max)):
        if waarde is not None and not 0 <= waarde <= 120:
            raise Voorzieningsfout(veld, N_("Een leeftijd is een geheel getal van 0 tot en met 120."))
    if d.leeftijd_min is not None and d.leeftijd_max is not None and d.leeftijd_min > d.leeftijd_max:
        raise Voorzieningsfout("leeftijd_max", N_("De hoogste leeftijd is lager dan de laagste."))
    if g.adres is not None and len(g.adres) > 300:
        raise Voorzieningsfout("adres", N_("Het adres is langer dan 300 tekens."))
    return org


def _vul(v: OpvangVoorziening, g: Voorzieningsgegevens, org: Organisatie, regios: Opvangregios) -> list[str]:
    """Copy the input onto ``v``; returns the names of the fields that changed (the address by name only)."""
    d = g.doelgroep
    nieuw: dict[str, object] = {
        "code": g.code, "naam": g.naam.strip(), "soort": g.soort, "organisatie_id": org.id,
        "gemeentecode": g.gemeentecode, "centrumgemeente": g.centrumgemeente,
        "regio": regios.regio_van.get(g.gemeentecode, "onbekend"), "capaciteit": g.capaciteit,
        "doelgroep_geslacht": d.geslacht, "leeftijd_min": d.leeftijd_min, "leeftijd_max": d.leeftijd_max,
        "b8": d.b8, "meervoudige_problematiek": d.meervoudige_problematiek, "kinderen": d.kinderen,
        "beveiligingsniveau": d.beveiligingsniveau,
    }  # fmt: skip
    if g.adres_wissen:
        nieuw["adres"] = None
    elif g.adres is not None and g.adres.strip():
        nieuw["adres"] = g.adres.strip()
    gewijzigd = [k for k, w in nieuw.items() if getattr(v, k, None) != w]
    for k in gewijzigd:
        setattr(v, k, nieuw[k])
    return gewijzigd


def registreer(
    session: Session, toegang: Toegang, g: Voorzieningsgegevens, referentie: Referentiedata, regios: Opvangregios
) -> OpvangVoorziening:
    """Register a new, active facility; its region follows from its municipality in the region division.

    Raises:
        GeenToegang: the caller lacks the beheer right.
        Voorzieningsfout: invalid input (the field and a Dutch sentence).
    """
    toegang.vereis(Recht.beheer)
    org = _controleer(session, g, referentie, None)
    v = OpvangVoorziening(id=uuid.uuid4(), actief=True)
    gewijzigd = _vul(v, g, org, regios)
    session.add(v)
    session.flush()
    logboek.append(session, toegang.actor(), actie="aanmaken", object_type="opvang_voorziening",
                   object_ids=[str(v.id)], doel=DOEL,
                   details={"code": v.code, "velden": sorted(gewijzigd)})  # fmt: skip
    return v


def _haal(session: Session, voorziening_id: uuid.UUID) -> OpvangVoorziening:
    v = session.get(OpvangVoorziening, voorziening_id, with_for_update=True)
    if v is None:
        raise OnbekendeVoorziening(str(voorziening_id))
    return v


def wijzig(
    session: Session,
    toegang: Toegang,
    voorziening_id: uuid.UUID,
    g: Voorzieningsgegevens,
    referentie: Referentiedata,
    regios: Opvangregios,
) -> list[str]:
    """Edit a facility; returns the changed fields (none: nothing is written or logged).

    Raises:
        GeenToegang, Voorzieningsfout, OnbekendeVoorziening.
    """
    toegang.vereis(Recht.beheer)
    v = _haal(session, voorziening_id)
    org = _controleer(session, g, referentie, v.id)
    gewijzigd = _vul(v, g, org, regios)
    if gewijzigd:
        session.flush()
        logboek.append(session, toegang.actor(), actie="wijzigen", object_type="opvang_voorziening",
                       object_ids=[str(v.id)], doel=DOEL,
                       details={"code": v.code, "velden": sorted(gewijzigd)})  # fmt: skip
    return gewijzigd


def zet_actief(session: Session, toegang: Toegang, voorziening_id: uuid.UUID, actief: bool) -> bool:
    """Deactivate (or reactivate) a facility; False when it already was. Its history stays.

    Raises:
        GeenToegang, OnbekendeVoorziening.
    """
    toegang.vereis(Recht.beheer)
    v = _haal(session, voorziening_id)
    if v.actief == actief:
        return False
    v.actief = actief
    session.flush()
    logboek.append(session, toegang.actor(), actie="wijzigen", object_type="opvang_voorziening",
                   object_ids=[str(v.id)], doel=DOEL, details={"code": v.code, "actief": actief})  # fmt: skip
    return True


def _rij(v: OpvangVoorziening, org: Organisatie) -> Beheerrij:
    return Beheerrij(
        v.id, v.code, v.naam, v.soort, org.code, org.naam, v.gemeentecode, v.centrumgemeente, v.regio,
        Doelgroep(v.doelgroep_geslacht, v.leeftijd_min, v.leeftijd_max, v.b8, v.meervoudige_problematiek,
                  v.kinderen, v.beveiligingsniveau),
        v.capaciteit, bool(v.adres), v.actief,
    )  # fmt: skip


def beheerlijst(session: Session, toegang: Toegang) -> list[Beheerrij]:
    """Every facility, active first, by region and name, without addresses."""
    toegang.vereis(Recht.beheer)
    stmt = (
        select(OpvangVoorziening, Organisatie)
        .join(Organisatie, Organisatie.id == OpvangVoorziening.organisatie_id)
        .order_by(OpvangVoorziening.actief.desc(), OpvangVoorziening.regio, OpvangVoorziening.naam)
    )
    return [_rij(v, o) for v, o in session.execute(stmt)]


def beheerrij(session: Session, toegang: Toegang, voorziening_id: uuid.UUID) -> Beheerrij:
    """One facility for the edit form, without its address.

    Raises:
        GeenToegang, OnbekendeVoorziening.
    """
    toegang.vereis(Recht.beheer)
    v = session.get(OpvangVoorziening, voorziening_id)
    org = session.get(Organisatie, v.organisatie_id) if v is not None else None
    if v is None or org is None:
        raise OnbekendeVoorziening(str(voorziening_id))
    return _rij(v, org)
