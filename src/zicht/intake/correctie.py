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

from zicht.domain import Identiteitsgegevens, MeldingInvoer
from zicht.intake.columns import IDENTIFICERENDE_KOLOMMEN, KOLOM_NAMEN
from zicht.intake.store import _klaar
from zicht.intake.validate import RawValue
from zicht.privacy.vault import Vault
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

#: Columns of the melding row a correction may change (identity, organisation and reference never).
_INHOUD = (
    "melddatum",
    "uitbuiting_van",
    "uitbuiting_tot",
    "plaats_delict_soort",
    "plaats_delict_gemeente",
    "plaats_delict_land",
    "wervingsplaats_gemeente",
    "wervingsplaats_land",
    "geslacht",
    "geboortejaar",
    "leeftijd_bij_melding",
    "dossiertype",
    "status",
    "grondslag",
    "toestemming",
    "inhoud_hash",
)


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


def invoer_van(melding: Melding, identiteit: Identiteitsgegevens | None) -> dict[str, RawValue]:
    """The stored melding as raw intake columns (what the validator reads), identity included.

    The age is given only when there is no birth date or year (otherwise the validator computes it, so a
    corrected birth date cannot contradict a stale age).
    """
    ident = identiteit or Identiteitsgegevens()
    geboorte = (
        ident.geboortedatum.isoformat()
        if ident.geboortedatum
        else (str(melding.geboortejaar) if melding.geboortejaar else None)
    )
    return {
        "melder_referentie": melding.melder_referentie,
        "melddatum": melding.melddatum,
        "uitbuitingsvorm": [u.vorm for u in melding.uitbuitingen],
        "sector": [u.sector for u in melding.uitbuitingen if u.sector != "onbekend"],
        "werkwijze": [w.werkwijze for w in melding.werkwijzen],
        "plaats_delict": _plaats(melding.plaats_delict_gemeente, melding.plaats_delict_land),
        "wervingsplaats": _plaats(melding.wervingsplaats_gemeente, melding.wervingsplaats_land),
        "uitbuiting_van": melding.uitbuiting_van,
        "uitbuiting_tot": melding.uitbuiting_tot,
        "geslacht": melding.geslacht,
        "geboortedatum": geboorte,
        "leeftijd": None if geboorte else melding.leeftijd_bij_melding,
        "nationaliteit": [n.land for n in melding.nationaliteiten],
        "dossiertype": melding.dossiertype,
        "status": melding.status,
        "grondslag": melding.grondslag,
        "toestemming": melding.toestemming,
        "voornamen": ident.voornamen,
        "achternaam": ident.achternaam,
        "documentnummer": list(ident.documentnummers),
        "telefoonnummer": list(ident.telefoonnummers),
        "toelichting": ident.toelichting,
        "route": [routestap_tekst(r.soort, _plaats(r.gemeentecode, r.land), r.datum) for r in melding.route],
    }


def invoer_uit(m: MeldingInvoer) -> dict[str, RawValue]:
    """A validated melding as raw intake columns in normal form (codes, CBS codes, ISO dates), so two
    meldingen compare field by field whatever spelling they came in."""
    ident = m.identiteit
    return {
        "melddatum": m.melddatum,
        "uitbuitingsvorm": sorted({u.vorm for u in m.uitbuitingen}),
        "sector": sorted({u.sector for u in m.uitbuitingen if u.sector != "onbekend"}),
        "werkwijze": sorted(m.werkwijzen),
        "plaats_delict": _plaats(m.plaats_delict.gemeentecode, m.plaats_delict.land),
        "wervingsplaats": _plaats(m.wervingsplaats.gemeentecode, m.wervingsplaats.land),
        "uitbuiting_van": m.uitbuiting_van,
        "uitbuiting_tot": m.uitbuiting_tot,
        "geslacht": m.geslacht,
        "geboortedatum": ident.geboortedatum or m.geboortejaar,
        "leeftijd": m.leeftijd_bij_melding,
        "nationaliteit": list(m.nationaliteiten),
        "dossiertype": m.dossiertype,
        "status": m.status,
        "grondslag": m.grondslag,
        "toestemming": m.toestemming,
        "voornamen": ident.voornamen,
        "achternaam": ident.achternaam,
        "documentnummer": list(ident.documentnummers),
        "telefoonnummer": list(ident.telefoonnummers),
        "toelichting": ident.toelichting,
        "route": [routestap_tekst(r.soort, _plaats(r.plaats.gemeentecode, r.plaats.land), r.datum) for r in m.route],
    }


def samengevoegd(huidig: Mapping[str, RawValue], wijzigingen: Mapping[str, RawValue]) -> dict[str, RawValue]:
    """``huidig`` with ``wijzigingen`` applied (a merge patch: a given key replaces, None clears). The
    reference cannot change; a changed birth date drops a stored age that it would contradict."""
    onbekend = sorted(set(wijzigingen) - set(KOLOM_NAMEN))
    if onbekend:
        raise KeyError(f"unknown fields: {', '.join(onbekend)}")
    nieuw = dict(huidig) | {k: v for k, v in wijzigingen.items() if k != "melder_referentie"}
    if "geboortedatum" in wijzigingen and "leeftijd" not in wijzigingen:
        nieuw["leeftijd"] = None if nieuw.get("geboortedatum") else huidig.get("leeftijd")
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
        if veld == "melder_referentie" or (veld not in oud and veld not in nieuw):
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
    oud = [*melding.uitbuitingen, *melding.werkwijzen, *melding.nationaliteiten, *melding.route]
    if (identiteit := session.get(Identiteit, melding.id)) is not None:
        oud.append(identiteit)
    for obj in oud:
        session.expunge(obj)
    session.execute(update(Melding).where(Melding.id == melding.id).values({c: k.melding[c] for c in _INHOUD}))
    for tabel in (MeldingUitbuiting, MeldingWerkwijze, MeldingNationaliteit, RouteGebeurtenis, Identiteit):
        session.execute(delete(tabel).where(tabel.melding_id == melding.id))
    bulk_insert(session, MeldingUitbuiting.__table__, k.uitbuitingen)  # type: ignore[arg-type]
    bulk_insert(session, MeldingWerkwijze.__table__, k.werkwijzen)  # type: ignore[arg-type]
    bulk_insert(session, MeldingNationaliteit.__table__, k.nationaliteiten)  # type: ignore[arg-type]
    bulk_insert(session, RouteGebeurtenis.__table__, k.route)  # type: ignore[arg-type]
    if k.identiteit is not None:
        bulk_insert(session, Identiteit.__table__, [k.identiteit])  # type: ignore[arg-type]
    session.expire(melding)
