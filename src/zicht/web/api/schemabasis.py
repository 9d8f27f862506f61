# SPDX-License-Identifier: EUPL-1.2
"""The building blocks of the API's data contract: the base model (Dutch camelCase properties, unknown ones
refused), code types checked against the codebook, and the small models a melding is made of."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.alias_generators import to_camel

from zicht.codebook import codelijst


class ApiModel(BaseModel):
    """Base: camelCase aliases, unknown properties refused."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


def in_lijst(naam: str) -> AfterValidator:
    """A check that a value is a code of the code list ``naam``."""
    waarden = frozenset(codelijst(naam).waarden)

    def check(value: str) -> str:
        if value not in waarden:
            raise ValueError(f"geen code van de codelijst {naam}")
        return value

    return AfterValidator(check)


def als_enum(naam: str) -> WithJsonSchema:
    """The codes of the code list ``naam`` as the ``enum`` of a property."""
    return WithJsonSchema(
        {"type": "string", "enum": list(codelijst(naam).waarden), "description": f"Code uit de codelijst {naam}."}
    )


def codetype(naam: str) -> Any:
    """The type of one code of the code list ``naam``: checked against the list, documented as its ``enum``."""
    return Annotated[str, in_lijst(naam), als_enum(naam)]


RouteSoort = Annotated[str, in_lijst("route_soort"), als_enum("route_soort")]
Plaatstekst = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        description="Een gemeente (CBS-code zoals GM0344, of de naam), een land (ISO-code of naam) of 'onbekend'.",
    ),
]
#: An optional date, documented as one schema with ``format: date`` (the ADR linter wants the format on the
#: property itself, not inside an ``anyOf``).
OptioneleDatum = Annotated[date | None, WithJsonSchema({"type": ["string", "null"], "format": "date"})]


class RouteStapNieuw(ApiModel):
    """An event on the route of the victim."""

    soort: RouteSoort
    plaats: Plaatstekst
    datum: OptioneleDatum = None


class UitbuitingData(ApiModel):
    vorm: str
    sector: str


class Plaats(ApiModel):
    """A place: in a gemeente (CBS code, division of ``gebiedsindelingJaar``), abroad, or unknown."""

    soort: str = Field(description="gemeente, buitenland of onbekend")
    gemeente_code: str | None = None
    land: str | None = None


class RouteStap(ApiModel):
    volgnummer: int
    soort: str
    gemeente_code: str | None = None
    land: str | None = None
    datum: OptioneleDatum = None
