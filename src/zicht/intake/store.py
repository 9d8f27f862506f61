# SPDX-License-Identifier: EUPL-1.2
"""Store validated meldingen: one transaction writes the registry rows, the encrypted identities and the
logboek records. Idempotent per organisation and reference: a melding already stored with the same content
is reported as already present; the same reference with other content is a conflict (nothing is changed).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.codebook import CODEBOOK_VERSIE
from zicht.domain import MeldingInvoer
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage.base import new_id, utcnow
from zicht.storage.bulk import bulk_insert
from zicht.storage.tables import (
    Identiteit,
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingWerkwijze,
    Organisatie,
    RouteGebeurtenis,
)

GEBIEDSINDELING_JAAR = 2023
#: The purpose recorded in the logboek when meldingen are stored.
DOEL = "registratie van meldingen mogelijke slachtoffers mensenhandel"
_CHUNK = 900  # stays under SQLite's bound-parameter limit


@dataclass
class OpslagResultaat:
    """What happened to each melding handed to :func:`bewaar_meldingen`."""

    opgeslagen: list[uuid.UUID] = field(default_factory=list)
    al_aanwezig: list[str] = field(default_factory=list)  # references
    conflicten: list[str] = field(default_factory=list)  # references stored earlier with other content


def bestaande_referenties(session: Session, organisatie_id: uuid.UUID, referenties: Sequence[str]) -> dict[str, str]:
    """{reference: content hash} of the given references already stored for the organisation."""
    found: dict[str, str] = {}
    unique = list(dict.fromkeys(referenties))
    for start in range(0, len(unique), _CHUNK):
        chunk = unique[start : start + _CHUNK]
        rows = session.execute(
            select(Melding.melder_referentie, Melding.inhoud_hash).where(
                Melding.organisatie_id == organisatie_id, Melding.melder_referentie.in_(chunk)
            )
        )
        found.update({ref: h for ref, h in rows})
    return found


@dataclass(frozen=True, slots=True)
class _Klaar:
    """One melding made ready for storage: its rows for every registry table."""

    referentie: str
    inhoud_hash: str
    melding_id: uuid.UUID
    melding: dict[str, Any]
    uitbuitingen: list[dict[str, Any]]
    werkwijzen: list[dict[str, Any]]
    nationaliteiten: list[dict[str, Any]]
    route: list[dict[str, Any]]
    identiteit: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class VoorbereideMeldingen:
    """Meldingen of one organisation made ready for storage by :func:`bereid_voor`: ids drawn, content
    hashed, identities encrypted and pseudonymised, rows built. Holds no database state, so the next chunk
    of an import can be prepared while the previous one is written (:func:`schrijf`)."""

    organisatie_id: uuid.UUID
    organisatie_code: str
    bron: str
    meldingen: tuple[_Klaar, ...]


def bereid_voor(
    vault: Vault,
    organisatie: Organisatie,
    invoer: Sequence[MeldingInvoer],
    *,
    bron: str,
    import_id: uuid.UUID | None = None,
) -> VoorbereideMeldingen:
    """The CPU-bound half of storing meldingen (no database access); see :func:`bewaar_meldingen`."""
    now = utcnow()
    klaar = [_klaar(vault, organisatie, m, new_id(), bron=bron, import_id=import_id, now=now) for m in invoer]
    return VoorbereideMeldingen(organisatie.id, organisatie.code, bron, tuple(klaar))


def _klaar(
    vault: Vault,
    organisatie: Organisatie,
    m: MeldingInvoer,
    mid: uuid.UUID,
    *,
    bron: str,
    import_id: uuid.UUID | None,
    now: datetime,
) -> _Klaar:
    """The rows of one melding with id ``mid`` (a new one, or a stored one being corrected)."""
    inhoud_hash = vault.content_hash(m.canonical())
    melding = {
        "id": mid,
        "organisatie_id": organisatie.id,
        "melder_referentie": m.melder_referentie,
        "melder_soort": organisatie.soort,
        "melder_regio": organisatie.regio,
        "melddatum": m.melddatum,
        "uitbuiting_van": m.uitbuiting_van,
        "uitbuiting_tot": m.uitbuiting_tot,
        "plaats_delict_soort": m.plaats_delict.soort.value,
        "plaats_delict_gemeente": m.plaats_delict.gemeentecode,
        "plaats_delict_land": m.plaats_delict.land,
        "wervingsplaats_gemeente": m.wervingsplaats.gemeentecode,
        "wervingsplaats_land": m.wervingsplaats.land,
        "geslacht": m.geslacht,
        "geboortejaar": m.geboortejaar,
        "leeftijd_bij_melding": m.leeftijd_bij_melding,
        "dossiertype": m.dossiertype,
        "status": m.status,
        "grondslag": m.grondslag,
        "toestemming": m.toestemming,
        "persoon_id": None,
        "inhoud_hash": inhoud_hash,
        "bron": bron,
        "import_id": import_id,
        "codebook_versie": CODEBOOK_VERSIE,
        "gebiedsindeling_jaar": GEBIEDSINDELING_JAAR,
        "aangemaakt_op": now,
    }
    identiteit: dict[str, Any] | None = None
    if not m.identiteit.is_leeg():
        key_id, blob = vault.encrypt(mid, m.identiteit)
        identiteit = {
            "melding_id": mid,
            "sleutel_id": key_id,
            "versleuteld": blob,
            **vault.pseudoniemen(m.identiteit),
        }
    return _Klaar(
        m.melder_referentie,
        inhoud_hash,
        mid,
        melding,
        [{"melding_id": mid, "vorm": u.vorm, "sector": u.sector} for u in dict.fromkeys(m.uitbuitingen)],
        [{"melding_id": mid, "werkwijze": w} for w in m.werkwijzen],
        [{"melding_id": mid, "land": land, "volgorde": i} for i, land in enumerate(m.nationaliteiten)],
        [
            {
                "melding_id": mid,
                "volgnummer": i,
                "soort": stap.soort,
                "gemeentecode": stap.plaats.gemeentecode,
                "land": stap.plaats.land,
                "datum": stap.datum,
            }
            for i, stap in enumerate(m.route)
        ],
        identiteit,
    )


def schrijf(
    session: Session,
    voorbereid: VoorbereideMeldingen,
    *,
    actor: logboek.Actor,
    doel: str = DOEL,
) -> OpslagResultaat:
    """The database half of storing meldingen, in the caller's transaction; see :func:`bewaar_meldingen`."""
    result = OpslagResultaat()
    existing = bestaande_referenties(session, voorbereid.organisatie_id, [k.referentie for k in voorbereid.meldingen])
    nieuw: list[_Klaar] = []
    for k in voorbereid.meldingen:
        stored_hash = existing.get(k.referentie)
        if stored_hash is None:
            nieuw.append(k)
        elif stored_hash == k.inhoud_hash:
            result.al_aanwezig.append(k.referentie)
        else:
            result.conflicten.append(k.referentie)
    if not nieuw:
        return result
    bulk_insert(session, Melding.__table__, [k.melding for k in nieuw])  # type: ignore[arg-type]
    bulk_insert(session, MeldingUitbuiting.__table__, [r for k in nieuw for r in k.uitbuitingen])  # type: ignore[arg-type]
    bulk_insert(session, MeldingWerkwijze.__table__, [r for k in nieuw for r in k.werkwijzen])  # type: ignore[arg-type]
    bulk_insert(session, MeldingNationaliteit.__table__, [r for k in nieuw for r in k.nationaliteiten])  # type: ignore[arg-type]
    bulk_insert(session, RouteGebeurtenis.__table__, [r for k in nieuw for r in k.route])  # type: ignore[arg-type]
    identiteiten = [k.identiteit for k in nieuw if k.identiteit is not None]
    bulk_insert(session, Identiteit.__table__, identiteiten)  # type: ignore[arg-type]
    logboek.append(
        session,
        actor,
        actie="aanmaken",
        object_type="melding",
        object_ids=[str(k.melding_id) for k in nieuw],
        doel=doel,
        details={"bron": voorbereid.bron, "organisatie": voorbereid.organisatie_code},
    )
    result.opgeslagen = [k.melding_id for k in nieuw]
    return result


def bewaar_meldingen(
    session: Session,
    vault: Vault,
    organisatie: Organisatie,
    invoer: Sequence[MeldingInvoer],
    *,
    bron: str,
    actor: logboek.Actor,
    import_id: uuid.UUID | None = None,
    doel: str = DOEL,
) -> OpslagResultaat:
    """Store meldingen of one organisation in the caller's transaction.

    The composition of :func:`bereid_voor` (encryption, hashing, rows: no database) and :func:`schrijf`
    (duplicate check, bulk insert, logboek); a bulk import runs the two halves for consecutive chunks at the
    same time.

    Args:
        session: open session; commit/rollback is the caller's.
        vault: encrypts the identifying data and computes pseudonyms.
        organisatie: the reporting organisation (its kind and region are copied onto each melding).
        invoer: validated meldingen; references must be unique within the sequence.
        bron: ``formulier``, ``api`` or ``upload``.
        actor: who stores (for the logboek).
        import_id: the ImportRun of a bulk upload, if any.
        doel: the purpose recorded in the logboek.

    Returns:
        Which meldingen were stored, already present or in conflict.
    """
    voorbereid = bereid_voor(vault, organisatie, invoer, bron=bron, import_id=import_id)
    return schrijf(session, voorbereid, actor=actor, doel=doel)
