# SPDX-License-Identifier: EUPL-1.2
"""Revealing the identity behind a melding (shared by the registry service layer and the linkage review): only with the ``identiteit_onthullen`` right, only for a stated
purpose, and always logged (``onthullen``) with that purpose before the data is returned."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.domain import Identiteitsgegevens
from zicht.privacy import logboek
from zicht.privacy.toegang import Recht, Toegang, melding_filter
from zicht.privacy.vault import Vault
from zicht.storage.tables import Identiteit, Melding

MIN_DOEL = 10
MAX_DOEL = 200


class DoelOntbreekt(ValueError):
    """The stated purpose is missing, too short or too long."""


def controleer_doel(doel: str) -> str:
    """The purpose, stripped; raises DoelOntbreekt unless it has MIN_DOEL to MAX_DOEL characters."""
    doel = " ".join(doel.split())
    if not MIN_DOEL <= len(doel) <= MAX_DOEL:
        raise DoelOntbreekt(f"geef een doel van {MIN_DOEL} tot {MAX_DOEL} tekens")
    return doel


def onthul_identiteit(
    session: Session,
    vault: Vault,
    toegang: Toegang,
    melding_id: uuid.UUID,
    doel: str,
    *,
    trace_id: str | None = None,
) -> Identiteitsgegevens | None:
    """Decrypt the identifying data of one melding for a stated purpose.

    Returns None when the melding does not exist or is outside the caller's scope, and empty
    ``Identiteitsgegevens`` when nothing identifying was reported.

    Raises:
        GeenToegang: the caller lacks the ``identiteit_onthullen`` right.
        DoelOntbreekt: no usable purpose was given.
    """
    toegang.vereis(Recht.identiteit_onthullen)
    doel = controleer_doel(doel)
    melding = session.scalar(select(Melding).where(Melding.id == melding_id, melding_filter(toegang)))
    if melding is None:
        return None
    rij = session.get(Identiteit, melding_id)
    logboek.append(
        session,
        toegang.actor(),
        actie="onthullen",
        object_type="melding",
        object_ids=[str(melding.id)],
        persoon_ids=[str(melding.persoon_id) if melding.persoon_id else None],
        doel=doel,
        trace_id=trace_id,
    )
    if rij is None:
        return Identiteitsgegevens()
    return vault.decrypt(melding_id, rij.sleutel_id, rij.versleuteld)
