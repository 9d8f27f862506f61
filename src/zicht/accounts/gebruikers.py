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

from zicht.accounts import gebeurtenissen, herstelcodes, inlogpogingen, totp
from zicht.accounts.beveiliging import Beveiliging
from zicht.accounts.fouten import Accountfout, Gebruikersfout
from zicht.accounts.gebeurtenissen import Gebeurtenis
from zicht.accounts.gebied import kies_gebied
from zicht.accounts.organisaties import zoek_organisatie
from zicht.accounts.wachtwoord import controleer_beleid, controleer_wachtwoord, hash_wachtwoord
from zicht.privacy.logboek import Actor
from zicht.privacy.toegang import Gebied, Rol, Toegang
from zicht.reference import Referentiedata
from zicht.storage.base import utcnow
from zicht.storage.tables import Gebruiker, Organisatie
from zicht.taal import N_

_NAAM = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,63}$")


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
    referentie: Referentiedata | None = None,
    demo: bool = False,
    door: Actor | None = None,
    eenmalig: bool = False,
) -> Gebruiker:
    """Create an account (its second factor is enrolled at first login, or with :func:`zet_totp`).

    ``gebied`` (by code or name) is checked against ``referentie``, which is required with a ``gebied``.
    ``eenmalig``: the password is a generated one the user must replace at the first login. ``door`` is
    the logboek actor (a beheerder, or :data:`~zicht.accounts.gebeurtenissen.CLI`); without it nothing is
    logged (demo and test accounts).

    Raises:
        Gebruikersfout: invalid name, role, organisation or area, or a password that fails the policy.
    """
    gebruikersnaam = gebruikersnaam.strip().lower()
    if not _NAAM.match(gebruikersnaam):
        raise Gebruikersfout(
            N_("Kies een gebruikersnaam van 3 tot 64 tekens: kleine letters, cijfers en . _ @ -"), "gebruikersnaam"
        )
    try:
        rol = Rol(rol)
    except ValueError:
        raise Gebruikersfout(N_("Kies een rol uit de lijst."), "rol") from None
    if session.scalar(select(Gebruiker.id).where(Gebruiker.gebruikersnaam == gebruikersnaam)) is not None:
        raise Gebruikersfout(N_("De gebruikersnaam {naam} is al in gebruik."), "gebruikersnaam", naam=gebruikersnaam)
    org: Organisatie | None = None
    if organisatie_code:
        org = zoek_organisatie(session, organisatie_code)
        if org is None:
            raise Gebruikersfout(N_("Kies een organisatie uit de lijst."), "organisatie")
    if rol is Rol.melder and org is None:
        raise Gebruikersfout(
            N_("Kies de organisatie van de melder: een melder meldt namens een organisatie."), "organisatie"
        )
    gebied_tekst: str | None = None
    if gebied:
        if referentie is None:
            raise ValueError("maak_gebruiker: a gebied is checked against the reference data; pass referentie")
        gebied_tekst = str(kies_gebied(referentie, gebied))
    if rol is Rol.gemeente and gebied_tekst is None:
        raise Gebruikersfout(
            N_("Kies het gebied van de gemeentegebruiker: een gemeente of een regio uit de lijst."), "gebied"
        )
    try:
        controleer_beleid(wachtwoord, gebruikersnaam)
    except Accountfout as exc:
        raise Gebruikersfout(exc.tekst, exc.veld, **exc.waarden) from None
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
        wachtwoord_wijzigen=eenmalig,
    )
    session.add(gebruiker)
    session.flush()
    if door is not None:
        gebeurtenissen.registreer(session, Gebeurtenis.aangemaakt, gebruiker, door=door, details={"rol": rol.value})
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

    A failure that was evaluated is logged (an attempt that had to wait is not: it was never evaluated, and
    the wait already bounds how many failures there can be). Holds the account's throttling lock until the
    caller's transaction ends (PostgreSQL), so parallel attempts are evaluated strictly within the limit;
    commit promptly.
    """
    now = now or utcnow()
    oordeel = inlogpogingen.beoordeel(session, bev, gebruikersnaam, ip, now)
    if not oordeel.toegestaan:
        return Inlogresultaat(Inloguitkomst.geblokkeerd, wacht_seconden=oordeel.wacht_seconden)
    gebruiker = zoek_gebruiker(session, gebruikersnaam)
    opgeslagen = gebruiker.wachtwoord_hash if gebruiker is not None and gebruiker.actief else None
    if not controleer_wachtwoord(bev.hasher, opgeslagen, wachtwoord) or gebruiker is None:
        inlogpogingen.registreer(session, bev, gebruikersnaam, ip, gelukt=False, now=now)
        gebeurtenissen.registreer(session, Gebeurtenis.inloggen_mislukt, gebruiker, details={"stap": "wachtwoord"})
        return Inlogresultaat(Inloguitkomst.ongeldig)
    if bev.hasher.check_needs_rehash(gebruiker.wachtwoord_hash):
        gebruiker.wachtwoord_hash = hash_wachtwoord(bev.hasher, wachtwoord)
    return Inlogresultaat(Inloguitkomst.ok, gebruiker)


def heeft_totp(gebruiker: Gebruiker) -> bool:
    """True when the account has an enrolled (confirmed) second factor."""
    return gebruiker.totp_geheim is not None and gebruiker.totp_bevestigd


def controleer_totp(
    session: Session,
    bev: Beveiliging,
    gebruiker: Gebruiker,
    code: str,
    ip: str,
    now: datetime | None = None,
    *,
    herstelcode_toegestaan: bool = False,
) -> Inloguitkomst:
    """The second login step (or the confirmation of an enrolment): check a TOTP code, once per step.

    With ``herstelcode_toegestaan`` (the login step, not an enrolment) one of the account's unused recovery
    codes is accepted instead, and spent. The login, or the failure, is logged.
    """
    now = now or utcnow()
    if not inlogpogingen.beoordeel(session, bev, gebruiker.gebruikersnaam, ip, now).toegestaan:
        return Inloguitkomst.geblokkeerd
    koppelen = not gebruiker.totp_bevestigd
    geheim = totp.ontsleutel(bev.totp_sleutel, gebruiker.id, gebruiker.totp_geheim) if gebruiker.totp_geheim else None
    stap = totp.controleer_code(geheim, code, gebruiker.totp_laatste_stap, now.timestamp()) if geheim else None
    demo = bev.demo_bypass and gebruiker.demo and code.strip() == totp.DEMO_CODE
    herstel = (
        stap is None
        and not demo
        and herstelcode_toegestaan
        and heeft_totp(gebruiker)
        and herstelcodes.gebruik(session, gebruiker.id, code, now)
    )
    if stap is None and not demo and not herstel:
        inlogpogingen.registreer(session, bev, gebruiker.gebruikersnaam, ip, gelukt=False, now=now)
        details = {"stap": "koppelen" if koppelen else "code"}
        gebeurtenissen.registreer(session, Gebeurtenis.inloggen_mislukt, gebruiker, details=details)
        return Inloguitkomst.ongeldig
    if stap is not None:
        gebruiker.totp_laatste_stap = stap
    gebruiker.totp_bevestigd = gebruiker.totp_geheim is not None
    gebruiker.laatst_ingelogd_op = now
    inlogpogingen.registreer(session, bev, gebruiker.gebruikersnaam, ip, gelukt=True, now=now)
    if koppelen and gebruiker.totp_bevestigd:
        gebeurtenissen.registreer(session, Gebeurtenis.tweede_factor_gekoppeld, gebruiker)
    if herstel:
        over = herstelcodes.over(session, gebruiker.id)
        gebeurtenissen.registreer(session, Gebeurtenis.herstelcode_gebruikt, gebruiker, details={"over": over})
    gebeurtenissen.registreer(session, Gebeurtenis.inloggen, gebruiker, details={"herstelcode": bool(herstel)})
    return Inloguitkomst.ok


def totp_koppelgeheim(bev: Beveiliging, gebruiker: Gebruiker) -> str:
    """The secret to show during enrolment: the pending one, or a new one stored as pending."""
    if gebruiker.totp_bevestigd:
        raise Gebruikersfout(N_("De tweede factor is al gekoppeld."))
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


def _eigen_account(gebruiker: Gebruiker, door: Actor | None) -> None:
    if door is not None and door.id == str(gebruiker.id):
        raise Gebruikersfout(
            N_(
                "U kunt dit niet voor uw eigen account doen; vraag het een andere beheerder. Uw eigen wachtwoord "
                "wijzigt u onder 'Mijn account'."
            )
        )


def deactiveer_gebruiker(session: Session, gebruiker_id: uuid.UUID, door: Actor | None = None) -> bool:
    """Deactivate an account and end its sessions; False when it does not exist. Undone by
    :func:`heractiveer_gebruiker`.

    Raises:
        Gebruikersfout: a beheerder deactivating their own account.
    """
    from zicht.accounts.sessies import beeindig_sessies_van

    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return False
    _eigen_account(gebruiker, door)
    if gebruiker.actief:
        gebruiker.actief = False
        beeindig_sessies_van(session, gebruiker_id)
        gebeurtenissen.registreer(session, Gebeurtenis.gedeactiveerd, gebruiker, door=door or gebeurtenissen.CLI)
    return True


def heractiveer_gebruiker(session: Session, gebruiker_id: uuid.UUID, door: Actor | None = None) -> bool:
    """Make a deactivated account usable again (same password and second factor); False when it does not
    exist. A beheerder who suspects the password is known resets it as well (:func:`herstel_wachtwoord`)."""
    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return False
    if not gebruiker.actief:
        gebruiker.actief = True
        gebeurtenissen.registreer(session, Gebeurtenis.geheractiveerd, gebruiker, door=door or gebeurtenissen.CLI)
    return True


def herstel_tweede_factor(session: Session, gebruiker_id: uuid.UUID, door: Actor | None = None) -> bool:
    """Remove an account's second factor and recovery codes (lost phone) and end its sessions; it enrols anew
    at next login. False when the account does not exist."""
    from zicht.accounts.sessies import beeindig_sessies_van

    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return False
    _eigen_account(gebruiker, door)
    reset_totp(gebruiker)
    herstelcodes.vervallen(session, gebruiker_id)
    beeindig_sessies_van(session, gebruiker_id)
    gebeurtenissen.registreer(session, Gebeurtenis.tweede_factor_hersteld, gebruiker, door=door or gebeurtenissen.CLI)
    return True


def herstel_wachtwoord(
    session: Session, bev: Beveiliging, gebruiker_id: uuid.UUID, door: Actor | None = None
) -> str | None:
    """Reset a forgotten password: a new one-time password (returned, to be shown once), a forced new password
    and a new second factor at the next login (the old factor and recovery codes are removed: whoever lost
    the password may have lost the phone too, and the reset must not leave a way in that the beheerder
    cannot see), every session ended. None when the account does not exist.

    Raises:
        Gebruikersfout: a beheerder resetting their own account.
    """
    from zicht.accounts.sessies import beeindig_sessies_van
    from zicht.accounts.wachtwoord import eenmalig_wachtwoord

    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return None
    _eigen_account(gebruiker, door)
    wachtwoord = eenmalig_wachtwoord()
    gebruiker.wachtwoord_hash = hash_wachtwoord(bev.hasher, wachtwoord)
    gebruiker.wachtwoord_wijzigen = True
    reset_totp(gebruiker)
    herstelcodes.vervallen(session, gebruiker_id)
    beeindig_sessies_van(session, gebruiker_id)
    gebeurtenissen.registreer(session, Gebeurtenis.wachtwoord_hersteld, gebruiker, door=door or gebeurtenissen.CLI)
    return wachtwoord


def _nieuw_wachtwoord(bev: Beveiliging, gebruiker: Gebruiker, nieuw: str, herhaling: str) -> None:
    try:
        controleer_beleid(nieuw, gebruiker.gebruikersnaam, veld="nieuw")
    except Accountfout as exc:
        raise Gebruikersfout(exc.tekst, exc.veld, **exc.waarden) from None
    if nieuw != herhaling:
        raise Gebruikersfout(
            N_("De twee nieuwe wachtwoorden zijn niet gelijk. Typ het nieuwe wachtwoord twee keer."), "herhaling"
        )
    if controleer_wachtwoord(bev.hasher, gebruiker.wachtwoord_hash, nieuw):
        raise Gebruikersfout(N_("Kies een ander wachtwoord dan het huidige."), "nieuw")
    gebruiker.wachtwoord_hash = hash_wachtwoord(bev.hasher, nieuw)


def wijzig_wachtwoord(
    session: Session,
    bev: Beveiliging,
    gebruiker: Gebruiker,
    huidig: str,
    nieuw: str,
    herhaling: str,
    ip: str,
    *,
    behoud_sessie: str | None = None,
    now: datetime | None = None,
) -> None:
    """Self-service password change: the current password (throttled like a login), the new one twice, the
    policy of :func:`~zicht.accounts.wachtwoord.controleer_beleid`. Every other session of the account ends
    (``behoud_sessie``: the cookie value of the session to keep).

    Raises:
        Gebruikersfout: wrong current password, too many attempts, or a new password that fails the policy or
            does not match its repetition.
    """
    from zicht.accounts.sessies import beeindig_sessies_van, hash_token

    now = now or utcnow()
    if not inlogpogingen.beoordeel(session, bev, gebruiker.gebruikersnaam, ip, now).toegestaan:
        raise Gebruikersfout(N_("Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw."), "huidig")
    if not controleer_wachtwoord(bev.hasher, gebruiker.wachtwoord_hash, huidig):
        inlogpogingen.registreer(session, bev, gebruiker.gebruikersnaam, ip, gelukt=False, now=now)
        gebeurtenissen.registreer(session, Gebeurtenis.inloggen_mislukt, gebruiker, details={"stap": "wijzigen"})
        raise Gebruikersfout(N_("Het huidige wachtwoord is onjuist."), "huidig")
    _nieuw_wachtwoord(bev, gebruiker, nieuw, herhaling)
    gebruiker.wachtwoord_wijzigen = False
    beeindig_sessies_van(session, gebruiker.id, behalve=hash_token(behoud_sessie) if behoud_sessie else None)
    gebeurtenissen.registreer(session, Gebeurtenis.wachtwoord_gewijzigd, gebruiker)


def kies_nieuw_wachtwoord(bev: Beveiliging, session: Session, gebruiker: Gebruiker, nieuw: str, herhaling: str) -> None:
    """The forced change after a reset, during login (the one-time password was just checked).

    Raises:
        Gebruikersfout: a new password that fails the policy, equals the one-time one, or does not match.
    """
    _nieuw_wachtwoord(bev, gebruiker, nieuw, herhaling)
    gebruiker.wachtwoord_wijzigen = False
    gebeurtenissen.registreer(session, Gebeurtenis.wachtwoord_gewijzigd, gebruiker, details={"na_herstel": True})


def nieuwe_herstelcodes(session: Session, gebruiker: Gebruiker) -> list[str]:
    """A new set of recovery codes for an account with a second factor (the old set is void); shown once."""
    if not heeft_totp(gebruiker):
        raise Gebruikersfout(N_("Koppel eerst de tweede factor."))
    codes = herstelcodes.maak(session, gebruiker.id)
    gebeurtenissen.registreer(session, Gebeurtenis.herstelcodes_gemaakt, gebruiker)
    return codes


@dataclass(frozen=True)
class Accountoverzicht:
    """What the account page shows its owner and the beheerder: never a password, secret or code."""

    gebruiker: Gebruiker
    organisatie: Organisatie | None
    tweede_factor: bool
    herstelcodes_over: int


def accountoverzicht(session: Session, gebruiker_id: uuid.UUID) -> Accountoverzicht | None:
    """The account with its organisation, second-factor state and number of unused recovery codes."""
    gebruiker = session.get(Gebruiker, gebruiker_id)
    if gebruiker is None:
        return None
    org = session.get(Organisatie, gebruiker.organisatie_id) if gebruiker.organisatie_id else None
    return Accountoverzicht(gebruiker, org, heeft_totp(gebruiker), herstelcodes.over(session, gebruiker_id))
