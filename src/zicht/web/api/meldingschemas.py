# SPDX-License-Identifier: EUPL-1.2
"""A melding's API models, generated from its field declarations (:data:`zicht.intake.columns.KOLOMMEN`).

Each declared field becomes a property under its declared ``api`` name, typed by its kind: one code of its
code list, a list of codes, a place as text, a date, free text of bounded length. A new melding takes every
field; a correction (a JSON merge patch) the fields that may be corrected, all optional; a stored melding
answers with the values as stored (a birth year instead of the date of birth, places as gemeente code or
country, never an identifying field), each named after where it is stored, in camelCase.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Any

from pydantic import Field, create_model
from pydantic.alias_generators import to_camel, to_snake

from zicht.domain.levensloop import Correctiereden
from zicht.intake.columns import KOLOMMEN
from zicht.intake.kolom import Kolom, Soort
from zicht.web.api.schemabasis import (
    ApiModel,
    OptioneleDatum,
    Plaats,
    Plaatstekst,
    RouteStap,
    RouteStapNieuw,
    UitbuitingData,
    codetype,
)

#: A birth date as the API takes it: a full date or only the year.
GEBOORTEDATUM_PATROON = r"^\d{4}(-\d{2}-\d{2})?$"
#: The age at the report the API accepts, in years.
LEEFTIJD_MIN, LEEFTIJD_MAX = 0, 120

Veld = tuple[Any, Any]  # (type, default or FieldInfo), as pydantic.create_model takes it


def attribuut(k: Kolom) -> str:
    """The Python attribute of the API property of field ``k`` (its camelCase name in snake_case)."""
    naam = to_snake(k.api)
    if to_camel(naam) != k.api:
        raise ValueError(f"{k.naam}: API name {k.api!r} is not camelCase")
    return naam


def antwoordattribuut(k: Kolom) -> str | None:
    """The attribute of field ``k`` in a stored melding (None: not returned)."""
    if k.opslag is None or k.sleutel or k.soort is Soort.sector:
        return None
    return k.opgeslagen_als


def _element(k: Kolom) -> Any:
    """The type of one value of a field that takes several."""
    if k.soort is Soort.route:
        return RouteStapNieuw
    if k.soort is Soort.nummers:
        return Annotated[str, Field(min_length=1, max_length=k.max_lengte)]
    return codetype(k.codelijst or "")


def _lijst(k: Kolom, *, correctie: bool) -> Veld:
    grenzen: dict[str, Any] = {"max_length": k.max_aantal}
    if k.verplicht:
        grenzen["min_length"] = 1
    if correctie:
        return list[_element(k)] | None, Field(None, **grenzen)  # type: ignore[misc]
    if k.verplicht:
        return list[_element(k)], Field(**grenzen)  # type: ignore[misc]
    return list[_element(k)], Field(default_factory=list, **grenzen)  # type: ignore[misc]


def _invoerveld(k: Kolom, *, correctie: bool) -> Veld:
    """The property of field ``k`` in a new melding or (all optional, no descriptions) a correction."""
    uitleg: dict[str, Any] = {} if correctie or k.api_uitleg is None else {"description": k.api_uitleg}
    if k.meervoudig:
        return _lijst(k, correctie=correctie)
    if k.soort is Soort.code:
        return codetype(k.codelijst or "") | None, None
    if k.soort is Soort.plaats:
        return Plaatstekst | None, None
    if k.soort is Soort.geboorte:
        return str | None, Field(None, pattern=GEBOORTEDATUM_PATROON, **uitleg)
    if k.soort is Soort.leeftijd:
        return int | None, Field(None, ge=LEEFTIJD_MIN, le=LEEFTIJD_MAX, **uitleg)
    if k.soort is Soort.datum:
        if k.verplicht and not correctie:
            return date, Field(**uitleg)
        if correctie and not k.verplicht:
            return OptioneleDatum, None
        return date | None, Field(None, **uitleg) if uitleg else None
    if k.verplicht and not correctie:
        return str, Field(min_length=1, max_length=k.max_lengte, **uitleg)
    return str | None, Field(None, max_length=k.max_lengte)


def _antwoordveld(k: Kolom) -> Veld:
    """The property of field ``k`` in a stored melding."""
    if k.soort is Soort.uitbuiting:
        return list[UitbuitingData], ...
    if k.soort is Soort.codes:
        return list[str], ...
    if k.soort is Soort.route:
        return list[RouteStap], ...
    if k.soort is Soort.plaats:
        return Plaats, ...
    if k.soort in (Soort.geboorte, Soort.leeftijd):
        return int | None, None
    if k.soort is Soort.datum:
        return (date, ...) if k.verplicht else (date | None, None)
    return (str, ...) if k.verplicht or k.soort is Soort.code else (str | None, None)


def _nieuw() -> dict[str, Veld]:
    return {attribuut(k): _invoerveld(k, correctie=False) for k in KOLOMMEN}


def _correctie() -> dict[str, Veld]:
    velden: dict[str, Veld] = {"reden": (Correctiereden, Field(description="Waarom de melding wordt gecorrigeerd."))}
    velden |= {attribuut(k): _invoerveld(k, correctie=True) for k in KOLOMMEN if k.corrigeerbaar and not k.sleutel}
    return velden


def _antwoord() -> dict[str, Veld]:
    sleutel = next(k for k in KOLOMMEN if k.sleutel)
    velden: dict[str, Veld] = {
        "id": (uuid.UUID, ...),
        sleutel.kolomnaam: (str | None, Field(None, description="Alleen voor de eigen organisatie.")),
        "melder_soort": (str, ...),
    }
    velden |= {naam: _antwoordveld(k) for k in KOLOMMEN if (naam := antwoordattribuut(k)) is not None}
    velden |= {
        "bron": (str, ...),
        "persoon_id": (uuid.UUID | None, Field(None, description="Pseudoniem van de persoon, na koppeling.")),
        "codebook_versie": (str, ...),
        "gebiedsindeling_jaar": (int, ...),
        "aangemaakt_op": (datetime, ...),
        "versie": (int, Field(1, description="Inhoudsversie; dezelfde waarde als de ETag.")),
        "status_beslisser": (str | None, None),
        "status_datum": (OptioneleDatum, None),
        "gewijzigd_op": (datetime | None, None),
        "ingetrokken_op": (datetime | None, Field(None, description="Een ingetrokken melding telt nergens meer mee.")),
        "intrekkingsreden": (str | None, None),
    }
    return velden


class MeldingNieuw(create_model("MeldingNieuwVelden", __base__=ApiModel, **_nieuw())):  # type: ignore[misc]
    """A new melding. Identifying fields (names, birth date, document and phone numbers, notes) are stored
    encrypted in the identity vault and never returned by the API."""


class MeldingCorrectie(create_model("MeldingCorrectieVelden", __base__=ApiModel, **_correctie())):  # type: ignore[misc]
    """A correction as a JSON merge patch (RFC 7396): only the fields given change; ``null`` clears a field.
    The whole melding is validated again. The reference cannot change; the status has its own resource."""


class Melding(create_model("MeldingVelden", __base__=ApiModel, **_antwoord())):  # type: ignore[misc]
    """A melding as stored: minimised and without identifying data."""
