# SPDX-License-Identifier: EUPL-1.2
"""Passwords: argon2id hashes and the password policy (NCSC: length over complexity rules)."""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from zicht.accounts.fouten import Accountfout
from zicht.taal import N_

MIN_LENGTE = 12
MAX_LENGTE = 256

# A deliberately tiny list: the policy relies on length, this only stops the most obvious choices.
_TE_VOORSPELBAAR = frozenset(
    {"wachtwoord123", "welkom123456", "password1234", "123456789012", "qwertyuiop12", "zichtzicht12"}
)

_DUMMY: dict[tuple[int, int, int], str] = {}


def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash of a random password with the hasher's own parameters, verified when an account does not
    exist, so a failed login takes the same time whether or not the name is known."""
    key = (hasher.time_cost, hasher.memory_cost, hasher.parallelism)
    if key not in _DUMMY:
        _DUMMY[key] = hasher.hash(secrets.token_urlsafe(24))
    return _DUMMY[key]


class Wachtwoordfout(Accountfout):
    """A new password does not meet the policy; the message says why."""


def controleer_beleid(wachtwoord: str, gebruikersnaam: str = "", veld: str = "wachtwoord") -> None:
    """Raise Wachtwoordfout when ``wachtwoord`` is too short, too long, or obviously guessable."""
    if len(wachtwoord) < MIN_LENGTE:
        raise Wachtwoordfout(N_("Het wachtwoord moet minstens {n} tekens hebben."), veld, n=MIN_LENGTE)
    if len(wachtwoord) > MAX_LENGTE:
        raise Wachtwoordfout(N_("Het wachtwoord mag hoogstens {n} tekens hebben."), veld, n=MAX_LENGTE)
    lowered = wachtwoord.lower()
    if lowered in _TE_VOORSPELBAAR or (gebruikersnaam and gebruikersnaam.lower() in lowered):
        raise Wachtwoordfout(
            N_("Dit wachtwoord is te makkelijk te raden. Kies een langere zin die niet uw gebruikersnaam bevat."), veld
        )


def eenmalig_wachtwoord() -> str:
    """A random password for a new account or after a reset (120 bits), to be changed at the next login."""
    return secrets.token_urlsafe(15)


def hash_wachtwoord(hasher: PasswordHasher, wachtwoord: str) -> str:
    """The argon2id hash of ``wachtwoord`` (with a fresh salt)."""
    return hasher.hash(wachtwoord)


def controleer_wachtwoord(hasher: PasswordHasher, opgeslagen: str | None, wachtwoord: str) -> bool:
    """True when ``wachtwoord`` matches the stored hash. Without a stored hash a dummy hash is verified,
    so the time taken does not reveal whether the account exists."""
    try:
        return hasher.verify(opgeslagen or _dummy_hash(hasher), wachtwoord[:MAX_LENGTE]) and opgeslagen is not None
    except (VerificationError, InvalidHashError):
        return False
