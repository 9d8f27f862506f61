# SPDX-License-Identifier: EUPL-1.2
"""Correcting a stored melding through the same validation and write path as a new one.

A correction starts from the melding as stored (its identity decrypted in memory only), applies the changed
fields, validates the whole melding again with :class:`~zicht.intake.Validator`, and rewrites its rows with
:func:`~zicht.intake.store` 's row builder under the same id: the content hash, the children (forms, methods,
nationalities, route) and the encrypted identity with its pseudonyms. What changed is returned by field name;
values only for fields that identify no one.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from zicht.domain import Identiteitsgegevens, MeldingInvoer, Plaats, RouteStap, Uitbuiting
from zicht.intake.columns import IDENTIFICERENDE_KOLOMMEN, KOLOM_NAMEN, KOLOMMEN
from zicht.intake.invoer import waarde
from zicht.intake.kolom import Kindtabel, Kolom, Soort
from zicht.intake.store import KINDTABELLEN, _klaar, plaatskolommen, rijnamen
from zicht.intake.validate import RawValue
from zicht.privacy.vault import Vault
from zicht.storage.bulk import bulk_insert
from zicht.storage.tables import Identiteit, Melding, Organisatie

#: Columns of the melding row a correction may change: those of every declared field but the organisation's
#: key (identity and organisation never).
_INHOUD = (*(c for k in KOLOMMEN if not k.sleutel for c in rijnamen(k)), "inhoud_hash")
_GEBOORTE = next((k.naam for k in KOLOMMEN if k.soort is Soort.geboorte), None)
_LEEFTIJD = next((k.naam for k in KOLOMMEN if k.soort is Soort.leeftijd), None)
#: The organisation's own key of a melding: a correction never changes it.
_SLEUTELS = frozenset(k.naam for k in KOLOMMEN if k.sleutel)
#: The relationships of ``Melding`` to the child tables that declared fields fill.
_RELATIES = tuple(dict.fromkeys(k.kindtabel.relatie for k in KOLOMMEN if isinstance(k.opslag, Kindtabel)))


@dataclass(frozen=True)
class Wijziging:
    """One changed field (an intake column name); ``van``/``naar`` are None for identifying fields."""

    veld: str
    van: str | None
    naar: str | None

    def as_dict(self) -> dict[str, object]:
        return {"veld": self.veld, "van": self.van, "naar": self.naar}


def _plaats(gemeente: str | None, land: str | None) -> str | None:
    return gemeente or land


def routestap_tekst(soort: str | None, plaats: str | None, datum: object = None) -> str:
    """One route event as the intake reads it (``soort:plaats`` or ``soort:plaats:datum``; the file format,
    the API and the form all write it this way). A ``:`` inside a place name becomes a space."""
    tekst = f"{soort or 'onbekend'}:{(plaats or '').replace(':', ' ') or 'onbekend'}"
    if datum:
        tekst += f":{datum.isoformat() if hasattr(datum, 'isoformat') else datum}"
    return tekst


def _opgeslagen(melding: Melding, ident: Identiteitsgegevens, k: Kolom, eerder: Mapping[str, RawValue]) -> RawValue:
    """Field ``k`` of a stored melding as the intake reads it."""
    if k.opslag is None:  # kept in the identity only
        gegeven = getattr(ident, k.identiteit or k.naam)
        return list(gegeven) if isinstance(gegeven, tuple) else gegeven
    if k.soort is Soort.geboorte:
        jaar = getattr(melding, k.kolomnaam)
        return ident.geboortedatum.isoformat() if ident.geboortedatum else (str(jaar) if jaar else None)
    if k.soort is Soort.leeftijd:  # computed from the birth date or year when there is one
        return None if _GEBOORTE and eerder.get(_GEBOORTE) else getattr(melding, k.kolomnaam)
    if k.soort is Soort.plaats:
        _, gemeente, land = plaatskolommen(k)
        return _plaats(getattr(melding, gemeente), getattr(melding, land))
    if k.soort is Soort.route:
        stappen = getattr(melding, k.kindtabel.relatie)
        return [routestap_tekst(r.soort, _plaats(r.gemeentecode, r.land), r.datum) for r in stappen]
    if isinstance(k.opslag, str):
        return getattr(melding, k.kolomnaam)
    waarden = [getattr(r, k.kindtabel.kolom) for r in getattr(melding, k.kindtabel.relatie)]
    return [w for w in waarden if w != "onbekend"] if k.soort is Soort.sector else waarden


def invoer_van(melding: Melding, identiteit: Identiteitsgegevens | None) -> dict[str, RawValue]:
    """The stored melding as raw intake columns (what the validator reads), identity included.

    The age is given only when there is no birth date or year (otherwise the validator computes it, so a
    corrected birth date cannot contradict a stale age).
    """
    ident = identiteit or Identiteitsgegevens()
    uit: dict[str, RawValue] = {}
    for k in KOLOMMEN:
        uit[k.naam] = _opgeslagen(melding, ident, k, uit)
    return uit


def _genormaliseerd(m: MeldingInvoer, k: Kolom) -> RawValue:
    """Field ``k`` of a validated melding in normal form."""
    if k.opslag is None:
        gegeven = getattr(m.identiteit, k.identiteit or k.naam)
        return list(gegeven) if isinstance(gegeven, tuple) else gegeven
    if k.soort is Soort.geboorte:
        return getattr(m.identiteit, k.identiteit or k.naam) or m.geboortejaar
    w = waarde(m, k)
    if k.soort is Soort.plaats:
        assert isinstance(w, Plaats)
        return _plaats(w.gemeentecode, w.land)
    if k.soort is Soort.uitbuiting:
        assert isinstance(w, tuple)
        return sorted({u.vorm for u in w if isinstance(u, Uitbuiting)})
    if k.soort is Soort.sector:
        assert isinstance(w, tuple)
        return sorted({u.sector for u in w if isinstance(u, Uitbuiting)} - {"onbekend"})
    if k.soort is Soort.codes:
        assert isinstance(w, tuple)
        return list(w) if k.kindtabel.volgorde else sorted(w)
    if k.soort is Soort.route:
        assert isinstance(w, tuple)
        return [
            routestap_tekst(r.soort, _plaats(r.plaats.gemeentecode, r.plaats.land), r.datum)
            for r in w
            if isinstance(r, RouteStap)
        ]
    return w  # type: ignore[return-value]


def invoer_uit(m: MeldingInvoer) -> dict[str, RawValue]:
    """A validated melding as raw intake columns in normal form (codes, CBS codes, ISO dates), so two
    meldingen compare field by field whatever spelling they came in."""
    return {k.naam: _genormaliseerd(m, k) for k in KOLOMMEN if not k.sleutel}


def samengevoegd(huidig: Mapping[str, RawValue], wijzigingen: Mapping[str, RawValue]) -> dict[str, RawValue]:
    """``huidig`` with ``wijzigingen`` applied (a merge patch: a given key replaces, None clears). The
    reference cannot change; a changed birth date drops a stored age that it would contradict."""
    onbekend = sorted(set(wijzigingen) - set(KOLOM_NAMEN))
    if onbekend:
        raise KeyError(f"unknown fields: {', '.join(onbekend)}")
    nieuw = dict(huidig) | {k: v for k, v in wijzigingen.items() if k not in _SLEUTELS}
    if _GEBOORTE and _LEEFTIJD and _GEBOORTE in wijzigingen and _LEEFTIJD not in wijzigingen:
        nieuw[_LEEFTIJD] = None if nieuw.get(_GEBOORTE) else huidig.get(_LEEFTIJD)
    return nieuw


def _tekst(waarde: object) -> str | None:
    if waarde is None or waarde == [] or waarde == "":
        return None
    if isinstance(waarde, list | tuple):
        return ";".join(str(w) for w in waarde)
    return waarde.isoformat() if hasattr(waarde, "isoformat") else str(waarde)


def verschillen(oud: Mapping[str, RawValue], nieuw: Mapping[str, RawValue]) -> list[Wijziging]:
    """The fields whose normalised value differs, in column order; identifying fields without values."""
    uit = []
    for veld in KOLOM_NAMEN:
        if veld in _SLEUTELS or (veld not in oud and veld not in nieuw):
            continue
        a, b = _tekst(oud.get(veld)), _tekst(nieuw.get(veld))
        if a != b:
            geheim = veld in IDENTIFICERENDE_KOLOMMEN
            uit.append(Wijziging(veld, None if geheim else a, None if geheim else b))
    return uit


def herschrijf(
    session: Session, vault: Vault, melding: Melding, organisatie: Organisatie, invoer: MeldingInvoer, *, now: datetime
) -> None:
    """Rewrite a stored melding's content with validated ``invoer`` under its own id, in the caller's
    transaction: the melding row's content columns, its children and its encrypted identity."""
    k = _klaar(vault, organisatie, invoer, melding.id, bron=melding.bron, import_id=melding.import_id, now=now)
    # the rows are replaced below with SQL; objects of the old rows must not linger in the session
    oud = [obj for relatie in _RELATIES for obj in getattr(melding, relatie)]
    if (identiteit := session.get(Identiteit, melding.id)) is not None:
        oud.append(identiteit)
    for obj in oud:
        session.expunge(obj)
    session.execute(update(Melding).where(Melding.id == melding.id).values({c: k.melding[c] for c in _INHOUD}))
    for tabel in KINDTABELLEN:
        session.execute(delete(tabel).where(tabel.c.melding_id == melding.id))
    session.execute(delete(Identiteit).where(Identiteit.melding_id == melding.id))
    for tabel in KINDTABELLEN:
        bulk_insert(session, tabel, k.kinderen[tabel])
    if k.identiteit is not None:
        bulk_insert(session, Identiteit.__table__, [k.identiteit])  # type: ignore[arg-type]
    session.expire(melding)
