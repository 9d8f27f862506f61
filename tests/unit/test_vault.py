# SPDX-License-Identifier: EUPL-1.2
"""The identity vault: authenticated encryption bound to the melding, key rotation, keyed pseudonyms."""

from __future__ import annotations

import base64
import uuid
from datetime import date

import pytest

from zicht.config import generate_key
from zicht.domain import Identiteitsgegevens
from zicht.privacy.vault import Vault, VaultError, normalise_document, normalise_phone

GEGEVENS = Identiteitsgegevens(
    voornamen="Oleksandra",
    achternaam="Kovalenko",
    geboortedatum=date(1999, 4, 3),
    documentnummers=("FT-123 456",),
    telefoonnummers=("06-12345678",),
    toelichting="vrije tekst",
)


def _key() -> bytes:
    return base64.urlsafe_b64decode(generate_key())


def test_versleutelen_en_ontsleutelen() -> None:
    vault = Vault("k1", {"k1": _key()}, _key())
    mid = uuid.uuid4()
    key_id, blob = vault.encrypt(mid, GEGEVENS)
    assert key_id == "k1"
    assert b"Kovalenko" not in blob and b"1999" not in blob
    assert vault.decrypt(mid, key_id, blob) == GEGEVENS


def test_ciphertext_is_gebonden_aan_de_melding() -> None:
    vault = Vault("k1", {"k1": _key()}, _key())
    key_id, blob = vault.encrypt(uuid.uuid4(), GEGEVENS)
    with pytest.raises(VaultError):
        vault.decrypt(uuid.uuid4(), key_id, blob)


def test_gewijzigde_ciphertext_wordt_geweigerd_zonder_inhoud_te_tonen() -> None:
    vault = Vault("k1", {"k1": _key()}, _key())
    mid = uuid.uuid4()
    key_id, blob = vault.encrypt(mid, GEGEVENS)
    tampered = blob[:-1] + bytes([blob[-1] ^ 1])
    with pytest.raises(VaultError) as info:
        vault.decrypt(mid, key_id, tampered)
    assert "Kovalenko" not in str(info.value)


def test_oude_sleutel_blijft_leesbaar_na_rotatie() -> None:
    k1, k2, pk = _key(), _key(), _key()
    mid = uuid.uuid4()
    old = Vault("k1", {"k1": k1}, pk)
    key_id, blob = old.encrypt(mid, GEGEVENS)
    new = Vault("k2", {"k1": k1, "k2": k2}, pk)
    assert new.decrypt(mid, key_id, blob) == GEGEVENS
    assert new.encrypt(mid, GEGEVENS)[0] == "k2"
    with pytest.raises(VaultError, match="not configured"):
        Vault("k2", {"k2": k2}, pk).decrypt(mid, key_id, blob)


def test_pseudoniemen_zijn_stabiel_en_genormaliseerd() -> None:
    pk = _key()
    vault = Vault("k1", {"k1": _key()}, pk)
    a = vault.pseudoniemen(GEGEVENS)
    b = vault.pseudoniemen(
        Identiteitsgegevens(
            voornamen="KOVALENKO",
            achternaam="oleksandra",
            geboortedatum=date(1999, 4, 3),
            documentnummers=("ft123456",),
            telefoonnummers=("+31 6 1234 5678",),
        )
    )
    assert a == b  # swapped name order, case, spacing and phone format do not matter
    assert all(v and len(v) == 64 for v in a.values())
    other = Vault("k1", {"k1": _key()}, _key()).pseudoniemen(GEGEVENS)
    assert other["pseudo_document"] != a["pseudo_document"]  # keyed: another key, another pseudonym


def test_normalisatie() -> None:
    assert normalise_document("nx-12 34 56") == "NX123456"
    assert normalise_phone("06-12345678") == "+31612345678"
    assert normalise_phone("+48 601 234 567") == "+48601234567"


def test_repr_lekt_geen_identiteit() -> None:
    assert "Kovalenko" not in repr(GEGEVENS) and "Kovalenko" not in str(GEGEVENS)
