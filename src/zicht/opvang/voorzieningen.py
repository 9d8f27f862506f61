# SPDX-License-Identifier: EUPL-1.2
"""The facility registry: shelters with type, operator, centrumgemeente, region, target group and security.

A facility's street address is confidential. :func:`weergave` is the one place that turns a stored facility
into what a caller may see: the address only for opvang users of the facility's own operator
(:func:`zicht.privacy.toegang.ziet_opvangadres`); the location municipality only for opvang users; everyone
else sees type, region and centrumgemeente.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.opvang.regels import (
    BESCHERMING_LABELS,
    BEVEILIGINGSNIVEAUS,
    DOELGROEP_GESLACHT,
    SOORT_LABELS,
    Doelgroep,
    Voorzieningsoort,
)
from zicht.privacy.toegang import Recht, Toegang, ziet_opvangadres
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import OpvangVoorziening


def doelgroep_van(v: OpvangVoorziening) -> Doelgroep:
    """The target-group rules of a stored facility."""
    return Doelgroep(
        geslacht=v.doelgroep_geslacht,
        leeftijd_min=v.leeftijd_min,
        leeftijd_max=v.leeftijd_max,
        b8=v.b8,
        meervoudige_problematiek=v.meervoudige_problematiek,
        kinderen=v.kinderen,
        beveiligingsniveau=v.beveiligingsniveau,
    )


@dataclass(frozen=True)
class NieuweVoorziening:
    """The fields of a new facility (the operator is an organisation id)."""

    code: str
    naam: str
    soort: Voorzieningsoort
    organisatie_id: uuid.UUID
    gemeentecode: str
    centrumgemeente: str
    capaciteit: int
    doelgroep: Doelgroep = field(default_factory=Doelgroep)
    adres: str | None = None


def maak_voorziening(
    session: Session, nieuw: NieuweVoorziening, referentie: Referentiedata, regios: Opvangregios
) -> OpvangVoorziening:
    """Register a facility; its region follows from its municipality in the region division.

    Raises:
        ValueError: an unknown municipality or code.
    """
    d = nieuw.doelgroep
    for gm in (nieuw.gemeentecode, nieuw.centrumgemeente):
        if gm not in referentie.gemeenten:
            raise ValueError(f"onbekende gemeente {gm}")
    if d.geslacht not in DOELGROEP_GESLACHT or d.beveiligingsniveau not in BEVEILIGINGSNIVEAUS:
        raise ValueError("onbekende doelgroep of beveiliging")
    v = OpvangVoorziening(
        id=uuid.uuid4(),
        code=nieuw.code,
        naam=nieuw.naam,
        soort=nieuw.soort.value,
        organisatie_id=nieuw.organisatie_id,
        gemeentecode=nieuw.gemeentecode,
        centrumgemeente=nieuw.centrumgemeente,
        regio=regios.regio_van.get(nieuw.gemeentecode, "onbekend"),
        doelgroep_geslacht=d.geslacht,
        leeftijd_min=d.leeftijd_min,
        leeftijd_max=d.leeftijd_max,
        b8=d.b8,
        meervoudige_problematiek=d.meervoudige_problematiek,
        kinderen=d.kinderen,
        beveiligingsniveau=d.beveiligingsniveau,
        adres=nieuw.adres,
        capaciteit=nieuw.capaciteit,
        actief=True,
    )
    session.add(v)
    session.flush()
    return v


@dataclass(frozen=True)
class Voorzieningweergave:
    """A facility as one caller may see it. ``adres`` and ``gemeente`` are None when not for this caller."""

    id: uuid.UUID
    code: str
    naam: str
    soort: str
    soort_label: str
    regio: str
    regio_naam: str
    centrumgemeente: str
    gemeente: str | None
    adres: str | None
    beveiliging: str
    capaciteit: int
    eigen: bool


def weergave(
    v: OpvangVoorziening, toegang: Toegang, referentie: Referentiedata, regios: Opvangregios
) -> Voorzieningweergave:
    """What ``toegang`` may see of facility ``v`` (the only place deciding on the confidential address)."""
    opvang = toegang.mag(Recht.opvang)

    def naam(gm: str) -> str:
        g = referentie.gemeenten.get(gm)
        return g.weergavenaam if g else gm

    return Voorzieningweergave(
        id=v.id,
        code=v.code,
        naam=v.naam,
        soort=v.soort,
        soort_label=SOORT_LABELS.get(v.soort, v.soort),
        regio=v.regio,
        regio_naam=regios.naam(v.regio),
        centrumgemeente=naam(v.centrumgemeente),
        gemeente=naam(v.gemeentecode) if opvang else None,
        adres=v.adres if ziet_opvangadres(toegang, v.organisatie_id) else None,
        beveiliging=BESCHERMING_LABELS.get(v.beveiligingsniveau, v.beveiligingsniveau),
        capaciteit=v.capaciteit,
        eigen=toegang.is_eigen_organisatie(v.organisatie_id),
    )


def voorzieningen(session: Session, *, regio: str | None = None, alleen_actief: bool = True) -> list[OpvangVoorziening]:
    """Stored facilities, optionally of one region, by region and name."""
    stmt = select(OpvangVoorziening).order_by(OpvangVoorziening.regio, OpvangVoorziening.naam)
    if regio is not None:
        stmt = stmt.where(OpvangVoorziening.regio == regio)
    if alleen_actief:
        stmt = stmt.where(OpvangVoorziening.actief)
    return list(session.scalars(stmt))
