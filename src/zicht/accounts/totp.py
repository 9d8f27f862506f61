# SPDX-License-Identifier: EUPL-1.2
"""The second factor: time-based one-time passwords (RFC 6238, 30 s steps, 6 digits).

Secrets are stored encrypted (AES-256-GCM, the user id bound in as associated data). A code is accepted
for the current step and one step either side (clock drift), and never twice: the last accepted step is
remembered, so an intercepted code cannot be replayed.
"""

from __future__ import annotations

import hmac
import os
import time
import uuid

import pyotp
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

UITGEVER = "zicht"
STAP_SECONDEN = 30
DEMO_CODE = "000000"


def nieuw_geheim() -> str:
    """A new random base32 secret (160 bits)."""
    return pyotp.random_base32(32)


def otpauth_uri(geheim: str, gebruikersnaam: str) -> str:
    """The ``otpauth://`` URI an authenticator app reads (shown as text; a QR code is optional)."""
    return pyotp.TOTP(geheim).provisioning_uri(name=gebruikersnaam, issuer_name=UITGEVER)


def code_voor(geheim: str, tijdstip: float | None = None) -> str:
    """The code for ``tijdstip`` (default: now); used by tests and demo scripts."""
    return pyotp.TOTP(geheim).at(time.time() if tijdstip is None else tijdstip)


def controleer_code(geheim: str, code: str, laatste_stap: int | None, tijdstip: float | None = None) -> int | None:
    """The time step ``code`` belongs to when it is valid and newer than ``laatste_stap``; else None."""
    code = "".join(code.split())
    if not (code.isdigit() and len(code) == 6):
        return None
    now = time.time() if tijdstip is None else tijdstip
    totp = pyotp.TOTP(geheim)
    huidige = int(now // STAP_SECONDEN)
    for stap in (huidige, huidige - 1, huidige + 1):
        if laatste_stap is not None and stap <= laatste_stap:
            continue
        if hmac.compare_digest(totp.at(stap * STAP_SECONDEN), code):
            return stap
    return None


def versleutel(sleutel: bytes, gebruiker_id: uuid.UUID, geheim: str) -> bytes:
    """Encrypt a secret for storage: nonce || ciphertext."""
    nonce = os.urandom(12)
    return nonce + AESGCM(sleutel).encrypt(nonce, geheim.encode(), b"zicht/totp/v1|" + gebruiker_id.bytes)


def ontsleutel(sleutel: bytes, gebruiker_id: uuid.UUID, blob: bytes) -> str | None:
    """Decrypt a stored secret; None when it fails authentication (other key or altered data)."""
    try:
        return AESGCM(sleutel).decrypt(blob[:12], blob[12:], b"zicht/totp/v1|" + gebruiker_id.bytes).decode()
    except InvalidTag:
        return None
