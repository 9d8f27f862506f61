# SPDX-License-Identifier: EUPL-1.2
"""The identity vault: authenticated encryption of identifying fields and keyed pseudonyms.

Identifying data of a melding (names, birth date, document numbers, phone numbers, free text) is serialised
to JSON and encrypted with AES-256-GCM. The melding id and the key id are bound in as associated data, so a
ciphertext cannot be moved to another melding unnoticed. Keys come from configuration with a key id, so
keys can be rotated: new records use the active key, old ones stay readable until re-encrypted
(``zicht vault rotate``).

Pseudonyms are HMAC-SHA256 over normalised identifiers with a separate key: equal inputs give equal
pseudonyms (usable as exact-match linkage keys), but the input cannot be recovered without the key.
"""

from __future__ import annotations

import hmac
import os
import re
import uuid
from collections.abc import Sequence

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy.orm import Session

from zicht.config import Settings
from zicht.domain.melding import Identiteitsgegevens
from zicht.textnorm import normalise_name

_NONCE_BYTES = 12


class VaultError(RuntimeError):
    """Decryption failed: wrong key, unknown key id or tampered data. Never carries plaintext."""


class Vault:
    """Encrypts and decrypts identity records and computes pseudonyms. Build with :meth:`from_settings`."""

    def __init__(self, active_key_id: str, keys: dict[str, bytes], pseudonym_key: bytes) -> None:
        if active_key_id not in keys:
            raise ValueError("active key id not among the keys")
        self.active_key_id = active_key_id
        self._aead = {kid: AESGCM(key) for kid, key in keys.items()}
        self._pseudonym_key = pseudonym_key

    @classmethod
    def from_settings(cls, settings: Settings) -> Vault:
        """A vault with the configured keys; raises ConfigError naming the variable when one is missing."""
        active, ring = settings.vault_keyring()
        return cls(active, ring, settings.pseudonym_secret())

    # ---- encryption -------------------------------------------------------------------------------------

    def encrypt(self, melding_id: uuid.UUID, gegevens: Identiteitsgegevens) -> tuple[str, bytes]:
        """Encrypt with the active key. Returns (key id, nonce || ciphertext)."""
        nonce = os.urandom(_NONCE_BYTES)
        aad = self._aad(melding_id, self.active_key_id)
        return self.active_key_id, nonce + self._aead[self.active_key_id].encrypt(nonce, gegevens.to_json(), aad)

    def decrypt(self, melding_id: uuid.UUID, key_id: str, blob: bytes) -> Identiteitsgegevens:
        """Decrypt a record; raises VaultError on an unknown key or any tampering."""
        aead = self._aead.get(key_id)
        if aead is None:
            raise VaultError(f"key id {key_id!r} is not configured (ZICHT_VAULT_KEYS)")
        try:
            raw = aead.decrypt(blob[:_NONCE_BYTES], blob[_NONCE_BYTES:], self._aad(melding_id, key_id))
        except InvalidTag:
            raise VaultError("identity record failed authentication (wrong key or altered data)") from None
        return Identiteitsgegevens.from_json(raw)

    @staticmethod
    def _aad(melding_id: uuid.UUID, key_id: str) -> bytes:
        return b"zicht/identiteit/v1|" + melding_id.bytes + b"|" + key_id.encode()

    # ---- pseudonyms -------------------------------------------------------------------------------------

    def pseudonym(self, soort: str, value: str) -> str:
        """HMAC-SHA256 pseudonym of a normalised identifier of kind ``soort`` (hex)."""
        msg = f"{soort}\x1f{value}".encode()
        return hmac.digest(self._pseudonym_key, msg, "sha256").hex()  # one-shot C path; same value as hmac.new

    def pseudoniemen(self, gegevens: Identiteitsgegevens) -> dict[str, str | None]:
        """Exact-match keys for linkage: first document number, first phone number, and name + birth date."""
        doc = normalise_document(gegevens.documentnummers[0]) if gegevens.documentnummers else None
        tel = normalise_phone(gegevens.telefoonnummers[0]) if gegevens.telefoonnummers else None
        naam = " ".join(sorted(normalise_name(f"{gegevens.voornamen or ''} {gegevens.achternaam or ''}").split()))
        nd = f"{naam}|{gegevens.geboortedatum.isoformat()}" if naam and gegevens.geboortedatum else None
        return {
            "pseudo_document": self.pseudonym("document", doc) if doc else None,
            "pseudo_telefoon": self.pseudonym("telefoon", tel) if tel else None,
            "pseudo_naam_geboortedatum": self.pseudonym("naam_geboortedatum", nd) if nd else None,
        }

    def content_hash(self, canonical: str) -> str:
        """Keyed hash of a melding's canonical content (detects changed re-imports without storing content)."""
        return self.pseudonym("inhoud", canonical)


def normalise_document(value: str) -> str:
    """Upper-case alphanumerics only: ``nx-12 34 56`` -> ``NX123456``."""
    return "".join(ch for ch in value.upper() if ch.isalnum())


_PHONE_SEPARATORS = str.maketrans("", "", " -.()")
_NL_PHONE = re.compile(r"(?:\+31|0031|0)([1-9][0-9]{8})")


def normalise_phone(value: str, region: str = "NL") -> str:
    """E.164 form when parseable (``06-12345678`` -> ``+31612345678``), else digits only."""
    if region == "NL":
        # Fast path for the common Dutch forms (same result as phonenumbers, which costs ~100 µs per call).
        match = _NL_PHONE.fullmatch(value.translate(_PHONE_SEPARATORS))
        if match:
            return "+31" + match.group(1)
    import phonenumbers

    try:
        parsed = phonenumbers.parse(value, region)
        if phonenumbers.is_possible_number(parsed):
            return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
    except phonenumbers.NumberParseException:
        pass
    return "".join(ch for ch in value if ch.isdigit())


def vernietig_identiteiten(session: Session, melding_ids: Sequence[uuid.UUID]) -> int:
    """Crypto-shred the identities of ``melding_ids``: overwrite ciphertext and pseudonyms, then delete the rows.

    The vault keys are shared by many records, so shredding means destroying the ciphertext itself: on SQLite
    ``secure_delete`` zeroes the freed pages; on PostgreSQL the caller compacts the table afterwards
    (``zicht.ops.bewaren``). Returns the number of identities destroyed. No plaintext is ever read.
    """
    from sqlalchemy import delete, text, update

    from zicht.storage.tables import Identiteit

    if not melding_ids:
        return 0
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("PRAGMA secure_delete = ON"))
    waar = Identiteit.melding_id.in_(list(melding_ids))
    session.execute(
        update(Identiteit)
        .where(waar)
        .values(versleuteld=b"", pseudo_document=None, pseudo_telefoon=None, pseudo_naam_geboortedatum=None)
    )
    return int(session.execute(delete(Identiteit).where(waar)).rowcount or 0)  # type: ignore[attr-defined]
