# SPDX-License-Identifier: EUPL-1.2
"""Accounts: local users with argon2id passwords and TOTP, web sessions, API tokens, login throttling.

Usable from the web app and the CLI alike; no web framework here. Authorisation (what an account may do)
is decided in :mod:`zicht.privacy.toegang`. A later OpenID Connect login (Authlib) only has to end in
:func:`zicht.accounts.sessies.start_sessie` for an account found by its IdP subject; everything after the
login stays the same.
"""

from zicht.accounts.beveiliging import Beveiliging, Inlogbeperking
from zicht.accounts.fouten import Accountfout
from zicht.accounts.gebied import kies_gebied
from zicht.accounts.gebruikers import (
    Gebruikersfout,
    Inloguitkomst,
    controleer_inlog,
    controleer_totp,
    deactiveer_gebruiker,
    heeft_totp,
    heractiveer_gebruiker,
    herstel_tweede_factor,
    herstel_wachtwoord,
    kies_nieuw_wachtwoord,
    lijst_gebruikers,
    maak_gebruiker,
    nieuwe_herstelcodes,
    reset_totp,
    toegang_van,
    wijzig_wachtwoord,
    zet_totp,
    zoek_gebruiker,
)
from zicht.accounts.organisaties import Organisatiefout, lijst_organisaties, maak_organisatie, zoek_organisatie
from zicht.accounts.tokens import Tokenfout, controleer_token, lijst_tokens, maak_token, trek_token_in

__all__ = [
    "Accountfout",
    "Beveiliging",
    "Gebruikersfout",
    "Inlogbeperking",
    "Inloguitkomst",
    "Organisatiefout",
    "Tokenfout",
    "controleer_inlog",
    "controleer_token",
    "controleer_totp",
    "deactiveer_gebruiker",
    "heeft_totp",
    "heractiveer_gebruiker",
    "herstel_tweede_factor",
    "herstel_wachtwoord",
    "kies_gebied",
    "kies_nieuw_wachtwoord",
    "lijst_gebruikers",
    "lijst_organisaties",
    "lijst_tokens",
    "maak_gebruiker",
    "maak_organisatie",
    "maak_token",
    "nieuwe_herstelcodes",
    "reset_totp",
    "toegang_van",
    "trek_token_in",
    "wijzig_wachtwoord",
    "zet_totp",
    "zoek_gebruiker",
    "zoek_organisatie",
]
