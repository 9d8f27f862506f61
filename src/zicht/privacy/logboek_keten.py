# SPDX-License-Identifier: EUPL-1.2
"""The hash of one logboek record: its content and its predecessor's hash, keyed or (before 0006) not.

The hashed bytes are ``json.dumps(payload, sort_keys=True)`` of the record's fields plus ``vorige_hash``. A
record written since migration 0006 is hashed with HMAC-SHA256 under the chain sub-key of the logboek key
(``sleutel_id`` says which key), so nobody without the key can recompute the chain after changing a record.
Older records (``sleutel_id`` NULL) were hashed with plain SHA-256 and are still checked that way.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime

from zicht.storage.tables import LogboekRecord

GENESIS = "0" * 64


def _payload(rec: LogboekRecord | dict[str, object], vorige_hash: str) -> bytes:
    get = rec.get if isinstance(rec, dict) else lambda k: getattr(rec, k)
    tijdstip = get("tijdstip")
    payload = {
        "volgnummer": get("volgnummer"),
        "tijdstip": tijdstip.astimezone(UTC).isoformat() if isinstance(tijdstip, datetime) else tijdstip,
        "trace_id": get("trace_id"),
        "actor": get("actor"),
        "rol": get("rol"),
        "organisatie": get("organisatie"),
        "doel": get("doel"),
        "actie": get("actie"),
        "object_type": get("object_type"),
        "object_id": get("object_id"),
        "persoon_id": get("persoon_id"),
        "details": get("details"),
        "status": get("status"),
        "vorige_hash": vorige_hash,
    }
    return json.dumps(payload, sort_keys=True, default=str).encode()


def _digest(rec: LogboekRecord | dict[str, object], vorige_hash: str, sleutel: bytes | None = None) -> str:
    """The record's hash: HMAC-SHA256 under ``sleutel`` (the chain sub-key), or plain SHA-256 without one."""
    data = _payload(rec, vorige_hash)
    if sleutel is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(sleutel, data, hashlib.sha256).hexdigest()


class _BatchDigest:
    """:func:`_digest` for many records that differ only in sequence number, object, person and previous hash.

    ``json.dumps(payload, sort_keys=True)`` of the record is assembled from pieces encoded once per batch
    (the same bytes, so ``verify`` checks these records with :func:`_digest`), which makes appending one
    record per melding of a bulk import about ten times cheaper.
    """

    _VARIABLE = ("object_id", "persoon_id", "volgnummer", "vorige_hash")  # in sorted order

    def __init__(self, constant: dict[str, object], sleutel: bytes | None = None) -> None:
        tijdstip = constant["tijdstip"]
        values = dict(constant)
        values["tijdstip"] = tijdstip.astimezone(UTC).isoformat() if isinstance(tijdstip, datetime) else tijdstip
        # Split the sorted-key JSON text around the variable fields: pieces[i] precedes variable field i.
        pieces: list[str] = []
        current = "{"
        for key in sorted([*values, *self._VARIABLE]):
            current += ("" if current == "{" else ", ") + json.dumps(key) + ": "
            if key in self._VARIABLE:
                pieces.append(current)
                current = ""
            else:
                current += json.dumps(values[key], default=str)
        self._pieces = pieces
        self._tail = current + "}"
        self._mac = hmac.new(sleutel, digestmod=hashlib.sha256) if sleutel is not None else None
        assert sorted(self._VARIABLE) == list(self._VARIABLE)

    def __call__(self, volgnummer: int, object_id: str | None, persoon_id: str | None, vorige_hash: str) -> str:
        p = self._pieces  # sorted variable keys: object_id, persoon_id, volgnummer, vorige_hash
        data = (
            f"{p[0]}{_encode(object_id)}{p[1]}{_encode(persoon_id)}{p[2]}{volgnummer:d}{p[3]}{_encode(vorige_hash)}"
            f"{self._tail}"
        ).encode()
        if self._mac is None:
            return hashlib.sha256(data).hexdigest()
        mac = self._mac.copy()
        mac.update(data)
        return mac.hexdigest()


_encode = json.JSONEncoder(default=str).encode
