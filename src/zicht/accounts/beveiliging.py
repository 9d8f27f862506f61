# SPDX-License-Identifier: EUPL-1.2
"""The security parameters of the account system, derived once from :class:`~zicht.config.Settings`.

Keys are derived with HKDF from configured secrets, one key per purpose, so no purpose can read another's
data: the TOTP secrets are encrypted with a key derived from ``ZICHT_PSEUDONYM_KEY`` (which, unlike the
session secret, stays the same for the lifetime of the registry), and login-attempt keys are keyed hashes
under a key derived from ``ZICHT_SESSION_SECRET``.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass, field
from datetime import timedelta

from argon2 import PasswordHasher
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from zicht.config import Omgeving, Settings

#: A session ends this long after login, however active it is (re-authentication for long days).
MAX_SESSIEDUUR = timedelta(hours=12)


def _derive(secret: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=b"zicht/accounts/v1", info=purpose.encode()).derive(secret)


def _hasher(omgeving: Omgeving) -> PasswordHasher:
    # The test environment hashes with minimal cost so the suite stays fast; every hash records its own
    # parameters, so verification never depends on this choice.
    if omgeving is Omgeving.test:
        return PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1)
    return PasswordHasher()


@dataclass(frozen=True)
class Inlogbeperking:
    """Login throttling with exponential delay (``zicht.accounts.inlogpogingen``, ADR 0008).

    ``per_account`` free failures per (account, address) pair, ``per_ip`` per address within ``venster``;
    after that each failure doubles the wait, starting at ``basis`` and capped at ``max_wachttijd``. From
    ``globaal`` failures of one account (any address) within ``venster`` on, a pair gets one free attempt."""

    per_account: int = 5
    per_ip: int = 20
    globaal: int = 20
    venster: timedelta = timedelta(minutes=15)
    basis: timedelta = timedelta(seconds=1)
    max_wachttijd: timedelta = timedelta(minutes=15)


@dataclass(frozen=True)
class Beveiliging:
    """Keys, hasher and limits used by the account functions. Build with :meth:`from_settings`."""

    totp_sleutel: bytes
    poging_sleutel: bytes
    sessie_idle: timedelta
    demo_bypass: bool = False
    beperking: Inlogbeperking = field(default_factory=Inlogbeperking)
    hasher: PasswordHasher = field(default_factory=PasswordHasher)  # argon2id, RFC 9106 parameters

    @classmethod
    def from_settings(cls, settings: Settings) -> Beveiliging:
        """Derive the keys; raises ConfigError naming the variable when a secret is missing."""
        return cls(
            totp_sleutel=_derive(settings.pseudonym_secret(), "totp-geheim"),
            poging_sleutel=_derive(settings.session_signing_secret().encode(), "inlogpoging"),
            sessie_idle=timedelta(minutes=settings.session_idle_minutes),
            demo_bypass=settings.demo_login_bypass and settings.omgeving is not Omgeving.productie,
            hasher=_hasher(settings.omgeving),
        )

    def sleutel(self, soort: str, waarde: str) -> str:
        """A keyed hash of a login-attempt key (account name or IP address)."""
        return hmac.new(self.poging_sleutel, f"{soort}\x1f{waarde}".encode(), hashlib.sha256).hexdigest()
