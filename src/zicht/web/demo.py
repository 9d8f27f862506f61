# SPDX-License-Identifier: EUPL-1.2
"""Demo accounts: one per role, for synthetic data only. ``zicht demo`` prints what this returns.

Every call (re)sets the demo accounts' passwords and TOTP secrets and returns them, so a rerun always
prints working credentials. With ``ZICHT_DEMO_LOGIN_BYPASS`` the fixed code ``000000`` also works for these
accounts (never in productie: the setting is refused there, and so is this function).
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from zicht.accounts import Beveiliging, maak_gebruiker, maak_organisatie, totp, zet_totp, zoek_gebruiker
from zicht.accounts.sessies import beeindig_sessies_van
from zicht.accounts.wachtwoord import hash_wachtwoord
from zicht.config import Omgeving, Settings
from zicht.privacy.toegang import Rol
from zicht.reference import load_reference
from zicht.storage import transaction
from zicht.storage.tables import Organisatie

DEMO_ORGANISATIE = "demo-politie"


@dataclass(frozen=True)
class DemoAccount:
    """A demo account and how to log in with it."""

    rol: str
    gebruikersnaam: str
    wachtwoord: str
    totp_geheim: str
    naam: str
    organisatie: str | None = None
    gebied: str | None = None

    @property
    def otpauth_uri(self) -> str:
        """The ``otpauth://`` URI of the TOTP secret (an authenticator app reads it, or a QR code of it)."""
        return totp.otpauth_uri(self.totp_geheim, self.gebruikersnaam)


_ROLLEN: Sequence[tuple[Rol, str, str, str | None]] = (
    (Rol.melder, "demo-melder", "Demo Melder, politie", None),
    (Rol.analist, "demo-analist", "Demo Analist, CoMensha", None),
    (Rol.identiteit, "demo-identiteit", "Demo Identiteitsfunctionaris, CoMensha", None),
    (Rol.gemeente, "demo-gemeente", "Demo Beleidsmedewerker Utrecht", "gemeente:GM0344"),
    (Rol.opvang, "demo-opvang", "Demo Opvangcoördinator", None),
    (Rol.beheerder, "demo-beheerder", "Demo Beheerder", None),
)


def _melder_organisatie(session: Session) -> Organisatie:
    """An existing reporting organisation (preferably a police unit), or a new demo one."""
    bestaand = session.scalars(
        select(Organisatie)
        .where(Organisatie.actief)
        .order_by((Organisatie.soort != "nationale_politie"), Organisatie.code)
        .limit(1)
    ).first()
    if bestaand is not None:
        return bestaand
    return maak_organisatie(
        session,
        code=DEMO_ORGANISATIE,
        naam="Demo politie-eenheid Midden-Nederland",
        soort="nationale_politie",
        regio="Midden-Nederland",
    )


def maak_demo_accounts(sessions: sessionmaker[Session], settings: Settings) -> list[DemoAccount]:
    """Create (or reset) one demo account per role; returns their credentials.

    Raises:
        RuntimeError: when ``ZICHT_OMGEVING=productie``.
    """
    if settings.omgeving is Omgeving.productie:
        raise RuntimeError("demo-accounts worden niet aangemaakt in productie / no demo accounts in productie")
    bev = Beveiliging.from_settings(settings)
    referentie = load_reference(settings.effective_reference_dir)
    accounts: list[DemoAccount] = []
    with transaction(sessions) as session:
        org = _melder_organisatie(session)
        for rol, gebruikersnaam, naam, gebied in _ROLLEN:
            wachtwoord = f"demo-{secrets.token_urlsafe(12)}"
            org_code = org.code if rol is Rol.melder else None
            gebruiker = zoek_gebruiker(session, gebruikersnaam)
            if gebruiker is None:
                gebruiker = maak_gebruiker(
                    session,
                    bev,
                    gebruikersnaam=gebruikersnaam,
                    naam=naam,
                    rol=rol,
                    wachtwoord=wachtwoord,
                    organisatie_code=org_code,
                    gebied=gebied,
                    referentie=referentie,
                    demo=True,
                )
            else:
                gebruiker.wachtwoord_hash = hash_wachtwoord(bev.hasher, wachtwoord)
                gebruiker.actief = True
                gebruiker.wachtwoord_wijzigen = False
                beeindig_sessies_van(session, gebruiker.id)
            geheim = zet_totp(bev, gebruiker)
            accounts.append(DemoAccount(rol.value, gebruikersnaam, wachtwoord, geheim, naam, org_code, gebied))
    return accounts
