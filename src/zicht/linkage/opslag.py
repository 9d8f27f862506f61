# SPDX-License-Identifier: EUPL-1.2
"""Write a person assignment to the registry: new persons, changed meldingen, merged persons and events."""

from __future__ import annotations

import uuid
from collections.abc import Mapping

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from zicht.linkage.persons import Toewijzing
from zicht.storage.base import utcnow
from zicht.storage.tables import KoppelGebeurtenis, Melding, Persoon


def apply_assignment(
    session: Session,
    toewijzing: Toewijzing,
    *,
    oorzaak: str,
    run_id: uuid.UUID | None = None,
    besluit_id: uuid.UUID | None = None,
    previous: Mapping[str, str | None] | None = None,
) -> list[str]:
    """Write a person assignment: new persons, changed meldingen, merged/dissolved persons and events.

    Returns:
        The ids (text) of meldingen whose person changed.
    """
    now = utcnow()
    prev = previous or {}
    if toewijzing.nieuw:
        session.execute(
            insert(Persoon),
            [
                {"id": uuid.UUID(p), "status": "actief", "aangemaakt_op": now, "gewijzigd_op": now}
                for p in toewijzing.nieuw
            ],
        )
    changed = [m for m, p in toewijzing.personen.items() if prev.get(m) != p]
    if changed:
        session.execute(
            update(Melding),
            [{"id": uuid.UUID(m), "persoon_id": uuid.UUID(toewijzing.personen[m])} for m in changed],
        )
    merged_into: dict[str, str] = {}
    for g in toewijzing.gebeurtenissen:
        if g.soort == "samenvoeging":
            for old in g.van:
                if old != g.naar[0]:
                    merged_into[old] = g.naar[0]
    for old in toewijzing.opgeheven:
        target = merged_into.get(old)
        session.execute(
            update(Persoon)
            .where(Persoon.id == uuid.UUID(old))
            .values(
                status="samengevoegd" if target else "opgeheven",
                opgegaan_in=uuid.UUID(target) if target else None,
                gewijzigd_op=now,
            )
        )
    for g in toewijzing.gebeurtenissen:
        session.add(
            KoppelGebeurtenis(
                run_id=run_id,
                besluit_id=besluit_id,
                soort=g.soort,
                oorzaak=oorzaak,
                van=list(g.van),
                naar=list(g.naar),
                aantal_meldingen=g.meldingen,
                tijdstip=now,
            )
        )
    session.flush()
    return changed
