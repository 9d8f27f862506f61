# SPDX-License-Identifier: EUPL-1.2
"""Key rotation for the identity vault: re-encrypt records under the active key, in batches."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage.tables import Identiteit


def te_roteren(session: Session, vault: Vault) -> int:
    """How many identity records are not yet encrypted with the active key."""
    stmt = select(func.count()).select_from(Identiteit).where(Identiteit.sleutel_id != vault.active_key_id)
    return int(session.scalar(stmt) or 0)


def roteer(
    sessions: sessionmaker[Session],
    vault: Vault,
    actor: logboek.Actor,
    *,
    batch: int = 1000,
    voortgang: Callable[[int], None] | None = None,
) -> int:
    """Re-encrypt every record that uses an old key with the active key. Returns the number re-encrypted.

    Each batch is one transaction; an interrupted rotation can simply be run again.
    """
    total = 0
    while True:
        with sessions() as session, session.begin():
            records = session.scalars(
                select(Identiteit).where(Identiteit.sleutel_id != vault.active_key_id).limit(batch)
            ).all()
            if not records:
                return total
            for rec in records:
                gegevens = vault.decrypt(rec.melding_id, rec.sleutel_id, rec.versleuteld)
                rec.sleutel_id, rec.versleuteld = vault.encrypt(rec.melding_id, gegevens)
            logboek.append(
                session,
                actor,
                actie="wijzigen",
                object_type="identiteit",
                object_ids=[str(r.melding_id) for r in records],
                doel="sleutelrotatie identiteitskluis",
            )
            total += len(records)
        if voortgang:
            voortgang(len(records))
