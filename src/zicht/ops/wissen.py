# SPDX-License-Identifier: EUPL-1.2
"""Erasure on request (AVG art. 17, within its limits): crypto-shred a person's identity at once.

A data subject may ask CoMensha to erase their data. What zicht erases is the identity: the encrypted identifying
data and the pseudonyms of every melding of the person (and of persons merged into them), destroyed as in the
retention purge (:func:`zicht.privacy.vault.vernietig_identiteiten`), so no reveal or linkage can use it again.
The minimised meldingen stay: they hold no identifying data, and the registration serves a task in the public
interest (AVG art. 6(1)(e)) whose statistics art. 17(3)(d) with art. 89(1) protect where erasing would seriously
impair them. They go when their own retention period ends (``zicht bewaartermijn opschonen``). A backup made
before the erasure still holds the ciphertext until it is rotated out; after restoring one, repeat the erasure
(docs/bewaren.md).

The request is identified by a reference (``verzoek``, e.g. ``AVG-2026-0012``) in the logboek, never by the
requester's name. Only a caller with the ``identiteit_wissen`` right may erase.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.ops.bewaren_meldingen import alle_samengevoegd
from zicht.privacy import logboek
from zicht.privacy.toegang import Recht, Toegang
from zicht.privacy.vault import vernietig_identiteiten
from zicht.storage.tables import Identiteit, Melding, Persoon

DOEL_WISSEN = "rechten van betrokkenen: wissen van de identiteit op verzoek (AVG art. 17)"
_VERZOEK = re.compile(r"^[A-Z][A-Z0-9]{1,11}(?:-[A-Z0-9]{1,12}){1,3}$")


class OngeldigVerzoek(ValueError):
    """The request reference does not have the form of one (letters, digits and dashes, e.g. AVG-2026-0012)."""


class NietGevonden(LookupError):
    """No person or melding with this id."""


@dataclass(frozen=True)
class Wissing:
    """What an erasure did: the person (None for an unlinked melding), its meldingen and the identities destroyed
    now (0 when none was left: already erased or shredded after the retention period)."""

    persoon_id: str | None
    meldingen: tuple[str, ...]
    identiteiten: int


def controleer_verzoek(verzoek: str) -> str:
    """The request reference, upper case; raises OngeldigVerzoek unless it looks like one (with a digit)."""
    tekst = verzoek.strip().upper()
    if not (_VERZOEK.fullmatch(tekst) and any(c.isdigit() for c in tekst)):
        raise OngeldigVerzoek(
            "geef het kenmerk van het verzoek, bijvoorbeeld AVG-2026-0012 / give the request's reference"
        )
    return tekst


def _meldingen_van(session: Session, doel: uuid.UUID) -> tuple[uuid.UUID | None, list[uuid.UUID]]:
    """(person, meldingen) for a person id or a melding id; a merged person stands for the one it went into."""
    persoon = session.get(Persoon, doel)
    if persoon is None:
        melding = session.get(Melding, doel)
        if melding is None:
            raise NietGevonden(f"geen persoon of melding {doel} / no such person or melding")
        if melding.persoon_id is None:
            return None, [melding.id]
        persoon = session.get_one(Persoon, melding.persoon_id)
    hoofd = persoon.opgegaan_in or persoon.id
    personen = alle_samengevoegd(session, [hoofd])[hoofd]
    ids = list(session.scalars(select(Melding.id).where(Melding.persoon_id.in_(personen)).order_by(Melding.id)))
    return hoofd, ids


def wis_identiteit(session: Session, toegang: Toegang, doel: uuid.UUID, *, verzoek: str) -> Wissing:
    """Crypto-shred the identity of the person ``doel`` (a person id, or a melding id of the person) in the
    caller's transaction, and log it per melding. Compact the database after the commit
    (:func:`zicht.ops.bewaren.compacteer`) so the ciphertext is gone from its files too.

    Raises:
        GeenToegang: The caller lacks ``identiteit_wissen``.
        OngeldigVerzoek: The request reference is not one.
        NietGevonden: No such person or melding.
    """
    toegang.vereis(Recht.identiteit_wissen)
    kenmerk = controleer_verzoek(verzoek)
    persoon, meldingen = _meldingen_van(session, doel)
    bewaard = list(session.scalars(select(Identiteit.melding_id).where(Identiteit.melding_id.in_(meldingen))))
    vernietigd = vernietig_identiteiten(session, bewaard)
    pid = str(persoon) if persoon else None
    logboek.append(
        session,
        toegang.actor(),
        actie="verwijderen",
        object_type="identiteit",
        object_ids=[str(m) for m in meldingen],
        persoon_ids=[pid] * len(meldingen),
        doel=DOEL_WISSEN,
        details={"verzoek": kenmerk, "vernietigd": vernietigd},
    )
    return Wissing(pid, tuple(str(m) for m in meldingen), vernietigd)


__all__ = ["DOEL_WISSEN", "NietGevonden", "OngeldigVerzoek", "Wissing", "controleer_verzoek", "wis_identiteit"]
