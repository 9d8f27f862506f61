# SPDX-License-Identifier: EUPL-1.2
"""Account events in the logboek: logins and failed logins, accounts created, passwords changed and reset,
second factors enrolled and reset, accounts deactivated and reactivated, recovery codes made and used.

A login is the creation of a session (``aanmaken`` of object type ``sessie``; a failure has status 2); every
other event changes a ``gebruiker`` (``aanmaken`` or ``wijzigen``) and names itself in ``details.gebeurtenis``.
The object id is the account's id; the account name, password, code or client address is never written (a
failure for a name that has no account is recorded without an object id). The beheerder reads these records,
and only these, on /beheer/logboek (:func:`lijst`).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.privacy import logboek
from zicht.privacy.logboek import Actor
from zicht.storage.tables import Gebruiker, LogboekRecord, Organisatie
from zicht.taal import N_

#: The logboek purpose of account events.
DOEL = "beveiliging: toegang tot zicht (accounts en inloggen)"
#: The object types of account events; the beheerder's logboek view shows records of these types only.
OBJECTTYPEN = ("gebruiker", "sessie")


class Gebeurtenis(StrEnum):
    """What happened to an account."""

    inloggen = "inloggen"
    inloggen_mislukt = "inloggen_mislukt"
    aangemaakt = "aangemaakt"
    wachtwoord_gewijzigd = "wachtwoord_gewijzigd"
    wachtwoord_hersteld = "wachtwoord_hersteld"  # reset by a beheerder
    tweede_factor_gekoppeld = "tweede_factor_gekoppeld"
    tweede_factor_hersteld = "tweede_factor_hersteld"  # removed by a beheerder
    herstelcodes_gemaakt = "herstelcodes_gemaakt"
    herstelcode_gebruikt = "herstelcode_gebruikt"
    gedeactiveerd = "gedeactiveerd"
    geheractiveerd = "geheractiveerd"


#: Dutch labels (source text of the one catalogue, zicht.taal; translated where shown).
LABELS: dict[Gebeurtenis, str] = {
    Gebeurtenis.inloggen: N_("ingelogd"),
    Gebeurtenis.inloggen_mislukt: N_("inloggen mislukt"),
    Gebeurtenis.aangemaakt: N_("account aangemaakt"),
    Gebeurtenis.wachtwoord_gewijzigd: N_("wachtwoord gewijzigd"),
    Gebeurtenis.wachtwoord_hersteld: N_("wachtwoord hersteld door beheerder"),
    Gebeurtenis.tweede_factor_gekoppeld: N_("tweede factor gekoppeld"),
    Gebeurtenis.tweede_factor_hersteld: N_("tweede factor hersteld door beheerder"),
    Gebeurtenis.herstelcodes_gemaakt: N_("herstelcodes gemaakt"),
    Gebeurtenis.herstelcode_gebruikt: N_("herstelcode gebruikt"),
    Gebeurtenis.gedeactiveerd: N_("account gedeactiveerd"),
    Gebeurtenis.geheractiveerd: N_("account geheractiveerd"),
}

#: The actor of account actions from the command line.
CLI = Actor("systeem:cli", "beheerder")
#: The actor of a failed login for a name without an account.
ONBEKEND = Actor("systeem:inloggen", "systeem")


def actor_van(session: Session, gebruiker: Gebruiker) -> Actor:
    """The logboek actor for an account acting itself."""
    org = session.get(Organisatie, gebruiker.organisatie_id) if gebruiker.organisatie_id else None
    return Actor(str(gebruiker.id), gebruiker.rol, org.code if org else None)


def registreer(
    session: Session,
    gebeurtenis: Gebeurtenis,
    gebruiker: Gebruiker | None,
    *,
    door: Actor | None = None,
    details: Mapping[str, object] | None = None,
) -> None:
    """Append one account event in the caller's transaction. ``door`` defaults to the account itself."""
    actor = door or (actor_van(session, gebruiker) if gebruiker is not None else ONBEKEND)
    sessie = gebeurtenis in (Gebeurtenis.inloggen, Gebeurtenis.inloggen_mislukt)
    logboek.append(
        session,
        actor,
        actie="aanmaken" if sessie or gebeurtenis is Gebeurtenis.aangemaakt else "wijzigen",
        object_type="sessie" if sessie else "gebruiker",
        object_ids=[str(gebruiker.id) if gebruiker is not None else None],
        doel=DOEL,
        details={"gebeurtenis": gebeurtenis.value, **(details or {})},
        status=2 if gebeurtenis is Gebeurtenis.inloggen_mislukt else 1,
    )


@dataclass(frozen=True)
class Accountregel:
    """One account event as the beheerder sees it."""

    volgnummer: int
    tijdstip: datetime
    gebeurtenis: str  # a Gebeurtenis value
    door: str  # the actor's id (an account id or "systeem:…")
    gebruiker: str | None  # the account's id
    details: dict[str, object]


def lijst(
    session: Session, *, gebruiker_id: uuid.UUID | None = None, limiet: int = 50, overslaan: int = 0
) -> tuple[Sequence[Accountregel], bool]:
    """One page of account events, newest first, and whether there are more (no count: the logboek is large
    and the newest records are read backwards along the primary key); optionally of one account only."""
    voorwaarden = [LogboekRecord.object_type.in_(OBJECTTYPEN), LogboekRecord.doel == DOEL]
    if gebruiker_id is not None:
        voorwaarden.append(LogboekRecord.object_id == str(gebruiker_id))
    rijen = session.scalars(
        select(LogboekRecord)
        .where(*voorwaarden)
        .order_by(LogboekRecord.volgnummer.desc())
        .limit(limiet + 1)
        .offset(overslaan)
    ).all()
    uit = []
    for r in rijen[:limiet]:
        details = json.loads(r.details or "{}")
        gebeurtenis = str(details.pop("gebeurtenis", ""))
        uit.append(Accountregel(r.volgnummer, r.tijdstip, gebeurtenis, r.actor, r.object_id, details))
    return uit, len(rijen) > limiet
