# SPDX-License-Identifier: EUPL-1.2
"""API tokens for machine-to-machine reporting: one organisation, explicit scopes, revocable.

A token reads ``zicht_<prefix>_<secret>``. The prefix finds the row; only the SHA-256 of the whole token is
stored (the secret has 256 bits of entropy, so a slow hash adds nothing). The plaintext is shown once.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.privacy.toegang import TOKEN_ROL, TOKEN_SCOPES
from zicht.storage.base import utcnow
from zicht.storage.tables import ApiToken, Organisatie
from zicht.taal import N_

_GEBRUIK_RESOLUTIE = timedelta(minutes=1)
#: The longest a token may be valid (two years; a token that never expires is not allowed).
MAX_GELDIG_DAGEN = 730


class Tokenfout(ValueError):
    """A token cannot be created as asked; the message says why."""


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def maak_token(
    session: Session,
    organisatie: Organisatie,
    scopes: Sequence[str],
    *,
    omschrijving: str,
    door: str | None = None,
    geldig_dagen: int | None = 365,
) -> tuple[str, ApiToken]:
    """Create a token; returns (plaintext, row). The plaintext cannot be recovered later.

    Raises:
        Tokenfout: an unknown scope, no scope at all, scopes of different roles together (an occupancy token
            of a shelter operator with a melding scope), or a validity outside 1..MAX_GELDIG_DAGEN days (a token
            always expires: 0 used to mean "never", and -1 made a token listed as active that never worked).
    """
    if geldig_dagen is None or not 1 <= geldig_dagen <= MAX_GELDIG_DAGEN:
        raise Tokenfout(f"geldig-dagen: tussen 1 en {MAX_GELDIG_DAGEN} dagen / between 1 and {MAX_GELDIG_DAGEN} days")
    onbekend = sorted(set(scopes) - set(TOKEN_SCOPES))
    if onbekend or not scopes:
        raise Tokenfout(f"scopes: kies uit {', '.join(TOKEN_SCOPES)} (onbekend: {', '.join(onbekend) or '-'})")
    if len({TOKEN_ROL[s] for s in scopes}) > 1:
        raise Tokenfout(N_("scopes: opvang:bezetting gaat niet samen met scopes voor meldingen; maak twee tokens"))
    prefix = secrets.token_hex(6)
    plaintext = f"zicht_{prefix}_{secrets.token_urlsafe(32)}"
    now = utcnow()
    row = ApiToken(
        prefix=prefix,
        hash=_hash(plaintext),
        organisatie_id=organisatie.id,
        scopes=" ".join(sorted(set(scopes))),
        omschrijving=omschrijving.strip()[:200] or "API-token",
        aangemaakt_door=door,
        aangemaakt_op=now,
        verloopt_op=now + timedelta(days=geldig_dagen),
    )
    session.add(row)
    session.flush()
    return plaintext, row


def controleer_token(
    session: Session, plaintext: str, now: datetime | None = None
) -> tuple[ApiToken, Organisatie] | None:
    """The live token and its organisation for a presented token, or None (unknown, revoked, expired)."""
    parts = plaintext.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != "zicht" or len(plaintext) > 120:
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.prefix == parts[1]))
    if row is None or not hmac.compare_digest(row.hash, _hash(plaintext.strip())):
        return None
    now = now or utcnow()
    if row.ingetrokken_op is not None or (row.verloopt_op is not None and row.verloopt_op <= now):
        return None
    org = session.get(Organisatie, row.organisatie_id)
    if org is None or not org.actief:
        return None
    if row.laatst_gebruikt_op is None or now - row.laatst_gebruikt_op >= _GEBRUIK_RESOLUTIE:
        row.laatst_gebruikt_op = now
    return row, org


def trek_token_in(session: Session, token_id: uuid.UUID) -> bool:
    """Revoke a token; False when it does not exist or was already revoked."""
    row = session.get(ApiToken, token_id)
    if row is None or row.ingetrokken_op is not None:
        return False
    row.ingetrokken_op = utcnow()
    return True


def lijst_tokens(session: Session) -> Sequence[tuple[ApiToken, Organisatie]]:
    """Every token with its organisation, newest first (never the secret)."""
    stmt = select(ApiToken, Organisatie).join(Organisatie).order_by(ApiToken.aangemaakt_op.desc())
    return [(t, o) for t, o in session.execute(stmt)]
