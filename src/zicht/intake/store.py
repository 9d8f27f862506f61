# SPDX-License-Identifier: EUPL-1.2
"""Store validated meldingen: one transaction writes the registry rows, the encrypted identities and the
logboek records. Idempotent per organisation and reference: a melding already stored with the same content
is reported as already present; the same reference with other content is a conflict (nothing is changed).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from zicht.codebook import CODEBOOK_VERSIE
from zicht.domain import MeldingInvoer, Plaats, RouteStap, Uitbuiting
from zicht.intake.columns import KOLOMMEN
from zicht.intake.invoer import inhoudstekst, lezer, plaats_in
from zicht.intake.kolom import Kolom, Soort
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage.base import new_id, utcnow
from zicht.storage.bulk import bulk_insert
from zicht.storage.tables import Identiteit, Melding, Organisatie, RouteGebeurtenis

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


def kindtabel(k: Kolom) -> Table:
    """The child table a field's values are stored in (through the relationship on ``Melding``)."""
    return Melding.__mapper__.relationships[k.kindtabel.relatie].mapper.local_table  # type: ignore[return-value]


#: The child tables of a melding that declared fields fill, in declaration order.
KINDTABELLEN: tuple[Table, ...] = tuple(
    dict.fromkeys(kindtabel(k) for k in KOLOMMEN if k.soort in (Soort.codes, Soort.uitbuiting, Soort.route))
)
_SECTOR = next((k for k in KOLOMMEN if k.soort is Soort.sector), None)


def plaatskolommen(k: Kolom) -> tuple[str | None, str, str]:
    """The (soort, gemeente, land) columns of a place; a place stored without its kind has None for it."""
    soort = f"{k.kolomnaam}_soort"
    return (soort if soort in Melding.__table__.c else None), f"{k.kolomnaam}_gemeente", f"{k.kolomnaam}_land"


def rijnamen(k: Kolom) -> tuple[str, ...]:
    """The columns of the melding row that field ``k`` fills (none when it is stored elsewhere)."""
    if not isinstance(k.opslag, str):
        return ()
    if k.soort is Soort.plaats:
        return tuple(c for c in plaatskolommen(k) if c is not None)
    return (k.kolomnaam,)


KindSchrijver = Callable[[MeldingInvoer, uuid.UUID], list[dict[str, Any]]]


def _rijplan(k: Kolom) -> tuple[str, bool, object, tuple[str | None, str, str] | None, str] | None:
    """How field ``k`` goes into a melding row: where the melding keeps it, its place columns (a place) or
    its column; None when it is not stored in the row."""
    if not isinstance(k.opslag, str):
        return None
    naam, eigen, standaard = plaats_in(k)
    return naam, eigen, standaard, (plaatskolommen(k) if k.soort is Soort.plaats else None), k.kolomnaam


def _kindschrijver(k: Kolom) -> tuple[Table, KindSchrijver] | None:
    """The child table of field ``k`` and what writes its rows (None: it has no rows of its own)."""
    if k.soort not in (Soort.codes, Soort.uitbuiting, Soort.route):
        return None
    lees, kolom, volgorde = lezer(k), k.kindtabel.kolom, k.kindtabel.volgorde
    if k.soort is Soort.route:
        return kindtabel(k), lambda m, mid: [_routerij(mid, i, s) for i, s in enumerate(cast(_Stappen, lees(m)))]
    if k.soort is Soort.uitbuiting:
        sector = _SECTOR.kindtabel.kolom if _SECTOR is not None else "sector"
        return kindtabel(k), lambda m, mid: [
            {"melding_id": mid, kolom: u.vorm, sector: u.sector} for u in dict.fromkeys(cast(_Paren, lees(m)))
        ]
    if volgorde:
        return kindtabel(k), lambda m, mid: [
            {"melding_id": mid, kolom: w, volgorde: i} for i, w in enumerate(cast(_Codes, lees(m)))
        ]
    return kindtabel(k), lambda m, mid: [{"melding_id": mid, kolom: w} for w in cast(_Codes, lees(m))]


_Stappen = tuple[RouteStap, ...]
_Paren = tuple[Uitbuiting, ...]
_Codes = tuple[str, ...]
_RIJPLAN = tuple(p for k in KOLOMMEN if (p := _rijplan(k)) is not None)
_KINDSCHRIJVERS = tuple(t for k in KOLOMMEN if (t := _kindschrijver(k)) is not None)


def rijkolommen(m: MeldingInvoer) -> dict[str, Any]:
    """The columns of the melding row that the declared fields fill, from a validated melding."""
    rij: dict[str, Any] = {}
    eigen, velden = vars(m), m.velden
    for naam, van_zichzelf, standaard, plaats, kolom in _RIJPLAN:
        w = eigen[naam] if van_zichzelf else velden.get(naam, standaard)
        if plaats is None:
            rij[kolom] = w
        else:
            soort, gemeente, land = plaats
            p = cast(Plaats, w)
            if soort is not None:
                rij[soort] = p.soort.value
            rij[gemeente], rij[land] = p.gemeentecode, p.land
    return rij


def kindrijen(m: MeldingInvoer, mid: uuid.UUID) -> dict[Table, list[dict[str, Any]]]:
    """The rows of every child table for a validated melding with id ``mid``."""
    return {tabel: schrijf(m, mid) for tabel, schrijf in _KINDSCHRIJVERS}


_ROUTEKOLOMMEN = tuple(
    c.key for c in (RouteGebeurtenis.volgnummer, RouteGebeurtenis.soort, RouteGebeurtenis.gemeentecode,
                    RouteGebeurtenis.land, RouteGebeurtenis.datum)
)  # fmt: skip


def _routerij(mid: uuid.UUID, i: int, stap: RouteStap) -> dict[str, Any]:
    volgnummer, soort, gemeentecode, land, datum = _ROUTEKOLOMMEN
    return {
        "melding_id": mid,
        volgnummer: i,
        soort: stap.soort,
        gemeentecode: stap.plaats.gemeentecode,
        land: stap.plaats.land,
        datum: stap.datum,
    }


@dataclass(frozen=True, slots=True)
class _Klaar:
    """One melding made ready for storage: its rows for every registry table."""

    referentie: str
    inhoud_hash: str
    melding_id: uuid.UUID
    melding: dict[str, Any]
    kinderen: dict[Table, list[dict[str, Any]]]
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
    inhoud_hash = vault.content_hash(inhoudstekst(m))
    melding = {
        "id": mid,
        "organisatie_id": organisatie.id,
        "melder_soort": organisatie.soort,
        "melder_regio": organisatie.regio,
        **rijkolommen(m),
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
    return _Klaar(m.melder_referentie, inhoud_hash, mid, melding, kindrijen(m, mid), identiteit)


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
    for tabel in KINDTABELLEN:
        bulk_insert(session, tabel, [r for k in nieuw for r in k.kinderen[tabel]])
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
