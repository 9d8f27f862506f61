# SPDX-License-Identifier: EUPL-1.2
"""Local accounts: create, list, deactivate; check a password and a TOTP code; enrol the second factor.

The functions work in the caller's session and transaction and never commit. A failed check never says
whether the account exists.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.accounts import inlogpogingen, totp
from zicht.accounts.beveiliging import Beveiliging
from zicht.accounts.organisaties import zoek_organisatie
from zicht.accounts.wachtwoord import controleer_beleid, controleer_wachtwoord, hash_wachtwoord
from zicht.privacy.toegang import Gebied, Rol, Toegang
from zicht.storage.base import utcnow
from zicht.storage.tables import Gebruiker, Organisatie

_NAAM = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")


class Gebruikersfout(ValueError):
    """An account cannot be created or changed as asked; the message says why."""


class Inloguitkomst(StrEnum):
    """Outcome of a login step. ``ongeldig`` covers unknown account, wrong password and wrong code alike."""

    ok = "ok"
    ongeldig = "ongeldig"
    geblokkeerd = "geblokkeerd"


@dataclass(frozen=True)
class Inlogresultaat:
    """The outcome and, when ``ok``, the account."""

    uitkomst: Inloguitkomst
    gebruiker: Gebruiker | None = None
    #: When ``geblokkeerd``: how many seconds until this account may be tried again from this address.
    wacht_seconden: int = 0


def maak_gebruiker(
    session: Session,
    bev: Beveiliging,
    *,
    gebruikersnaam: str,
    naam: str,
    rol: Rol | str,
    wachtwoord: str,
    organisatie_code: str | None = None,
    gebied: str | None = None,
    demo: bool = False,
) -> Gebruiker:
    """Create an account (its second factor is enrolled at first login, or with :func:`zet_totp`).

    Raises:
        Gebruikersfout: invalid name, role, organisation or area, or a password that fails the policy.
    """
    gebruikersnaam = gebruikersnaam.strip().lower()
    if not _NAAM.match(gebruikersnaam):
        raise Gebruikersfout("gebruikersnaam: 3-64 tekens, kleine letters, cijfers en . _ @ -")
    try:
        rol = Rol(rol)
    except ValueError:
        raise Gebruikersfout(f"onbekende rol {rol!r}; kies uit {', '.join(Rol)}") from None
    if session.scalar(select(Gebruiker.id).where(Gebruiker.gebruikersnaam == gebruikersnaam)) is not None:
        raise Gebruikersfout(f"gebruikersnaam {gebruikersnaam!r} is al in gebruik")
    org: Organisatie | None = None
    if organisatie_code:
        org = zoek_organisatie(session, organisatie_code)
        if org is None:
            raise Gebruikersfout(f"onbekende organisatie {organisatie_code!r}")
    if rol is Rol.melder and org is None:
        raise Gebruikersfout("een melder hoort bij een organisatie (--organisatie)")
    gebied_tekst: str | None = None
    if gebied:
        try:
            gebied_tekst = str(Gebied.parse(gebied))
        except ValueError as exc:
            raise Gebruikersfout(str(exc)) from None
    if rol is Rol.gemeente and gebied_tekst is None:
        raise Gebruikersfout("een gemeentegebruiker heeft een gebied (bijv. gemeente:GM0344)")
    try:
        controleer_beleid(wachtwoord, gebruikersnaam)
    except ValueError as exc:
        raise Gebruikersfout(str(exc)) from None
    gebruiker = Gebruiker(
        gebruikersnaam=gebruikersnaam,
        naam=naam.strip()[:200] or gebruikersnaam,
        rol=rol.value,
        organisatie_id=org.id if org else None,
        gebied=gebied_tekst,
        wachtwoord_hash=hash_wachtwoord(bev.hasher, wachtwoord),
        totp_bevestigd=False,
        actief=True,
        demo=demo,
    )
    session.add(gebruiker)
    session.flush()
    return gebruiker


def zoek_gebruiker(session: Session, gebruikersnaam: str) -> Gebruiker | None:
    """The account called ``gebruikersnaam`` (case-insensitive), or None."""
    return session.scalar(select(Gebruiker).where(Gebruiker.gebruikersnaam == gebruikersnaam.strip().lower()))


def lijst_gebruikers(session: Session) -> Sequence[tuple[Gebruiker, Organisatie | None]]:
    """Every account with its organisation, by user name."""
    stmt = (
        select(Gebruiker, Organisatie)
        .outerjoin(Organisatie, Organisatie.id == Gebruiker.organisatie_id)
        .order_by(Gebruiker.gebruikersnaam)
    )
    return [(g, o) for g, o in session.execute(stmt)]


def toegang_van(session: Session, gebruiker: Gebruiker) -> Toegang:
    """The rights of an account."""
    org = session.get(Organisatie, gebruiker.organisatie_id) if gebruiker.organisatie_id else None
    return Toegang.voor_rol(
        str(gebruiker.id),
        gebruiker.rol,
        organisatie_id=org.id if org else None,
        organisatie_code=org.code if org else None,
        gebied=Gebied.parse(gebruiker.gebied) if gebruiker.gebied else None,
    )


def controleer_inlog(
    session: Session, bev: Beveiliging, gebruikersnaam: str, wachtwoord: str, ip: str, now: datetime | None = None
) -> Inlogresultaat:
    """The first login step: check the password, with throttling per account and per address.

    Holds the account's throttling lock until the caller's transaction ends (PostgreSQL), so parallel
    attempts are evaluated strictly within the limit; commit promptly.
    """
    now = now or utcnow()
    oordeel = inlogpogingen.beoordeel(session, bev, gebruikersnaam, ip, now)
    if not oordeel.toegestaan:
        return Inlogresultaat(Inloguitkomst.geblokkeerd, wacht_seconden=oordeel.wacht_seconden)
    gebruiker = zoek_gebruiker(session, gebruikersnaam)
    opgeslagen = gebruiker.wachtwoord_hash if gebruiker is not None and gebruiker.actief else None
    if not controleer_wachtwoord(bev.hasher, opgeslagen, wachtwoord) or gebruiker is None:
        inlogpogingen.registreer(session, bev, gebruikersnaam, ip, gelukt=False, now=now)
        return Inlogresultaat(Inloguitkomst.ongeldig)
    if bev.hasher.check_needs_rehash(gebruiker.wachtwoord_hash):
        gebruiker.wachtwoord_hash = hash_wachtwoord(bev.hasher, wachtwoord)
    return Inlogresultaat(Inloguitkomst.ok, gebruiker)


def heeft_totp(gebruiker: Gebruiker) -> bool:
    """True when the account has an enrolled (confirmed) second factor."""
    return gebruiker.totp_geheim is not None and gebruiker.totp_bevestigd


def controleer_totp(
    session: Session, bev: Beveiliging, gebruiker: Gebruiker, code: str, ip: str, now: datetime | None = None
) -> Inloguitkomst:
    """The second login step (or the confirmation of an enrolment): check a TOTP code, once per step."""
    now = now or utcnow()
    if not inlogpogingen.beoordeel(session, bev, gebruiker.gebruikersnaam, ip, now).toegestaan:
        return Inloguitkomst.geblokkeerd
    geheim = totp.ontsleutel(bev.totp_sleutel, gebruiker.id, gebruiker.totp_geheim) if gebruiker.totp_geheim else None
    stap = totp.controleer_code(geheim, code, gebruiker.totp_laatste_stap, now.timestamp()) if geheim else None
    demo = bev.demo_bypass and gebruiker.demo and code.strip() == totp.DEMO_CODE
    if stap is None and not demo:
        inlogpogingen.registreer(session, bev, gebruiker.gebruikersnaam, ip, gelukt=False, now=now)
        return Inloguitkomst.ongeldig
    if stap is not None:
        gebruiker.totp_laatste_stap = stap
    gebruiker.totp_bevestigd = gebruiker.totp_geheim is not None
    gebruiker.laatst_ingelogd_op = now
    inlogpogingen.registreer(session, bev, gebruiker.gebruikersnaam, ip, gelukt=True, now=now)
    return Inloguitkomst.ok


def totp_koppelgeheim(bev: Beveiliging, gebruiker: Gebruiker) -> str:
    """The secret to show during enrolment: the pending one, or a new one stored as pending."""
    if gebruiker.totp_bevestigd:
        raise Gebruikersfout("tweede factor is al gekoppeld")
    if gebruiker.totp_geheim is not None:
        bestaand = totp.ontsleutel(bev.totp_sleutel, gebruiker.id, gebruiker.totp_geheim)
        if bestaand is not None:
            return bestaand
    geheim = totp.nieuw_geheim()
    gebruiker.totp_geheim = totp.versleutel(bev.totp_sleutel, gebruiker.id, geheim)
    return geheim


def zet_totp(bev: Beveiliging, gebruiker: Gebruiker, geheim: str | None = None) -> str:
    """Enrol a second factor directly (CLI, demo accounts); returns the secret to hand to the user."""
    geheim = geheim or totp.nieuw_geheim()
    gebruiker.totp_geheim = totp.versleutel(bev.totp_sleutel, gebruiker.id, geheim)
    gebruiker.totp_bevestigd = True
    gebruiker.totp_laatste_stap = None
    return geheim


def reset_totp(gebruiker: Gebruiker) -> None:
    """Remove the second factor; the user enrols a new one at the next login."""
    gebruiker.totp_geheim = None
    gebruiker.totp_bevestigd = False
    gebruiker.totp_laatste_stap = None


def haal_gebruiker(session: Session, gebruiker_id: uuid.UUID) -> Gebruiker | None:
    """The account with ``gebruiker_id``, or None."""
    return session.get(Gebruiker, gebruiker_id)


def deactiveer_gebruiker(session: Session, gebruiker_id: uuid.UUID) -> bool:
    """Deactivate an account and end its sessions; False when it does not exist."""
    from zicht.accounts.sessies import beeindig_sessies_van

    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return False
    gebruiker.actief = False
    beeindig_sessies_van(session, gebruiker_id)
    return True


def herstel_tweede_factor(session: Session, gebruiker_id: uuid.UUID) -> bool:
    """Remove an account's second factor (lost phone) and end its sessions; it enrols anew at next login."""
    from zicht.accounts.sessies import beeindig_sessies_van

    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return False
    reset_totp(gebruiker)
    beeindig_sessies_van(session, gebruiker_id)
    return True
