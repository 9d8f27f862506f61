# SPDX-License-Identifier: EUPL-1.2
"""The API's data contract: Pydantic models with Dutch camelCase properties and PascalCase names.

Codes are the codebook's codes (``enum`` in the OpenAPI). Dates are ``date``; timestamps are answered in
UTC. Identifying data can be sent when creating a melding but is never returned.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema
from pydantic.alias_generators import to_camel

from zicht.codebook import codelijst
from zicht.domain.levensloop import BESLUITSTATUSSEN, Actie, Correctiereden, Intrekkingsreden, Statusbeslisser


class ApiModel(BaseModel):
    """Base: camelCase aliases, unknown properties refused."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, extra="forbid")


def _in_lijst(naam: str) -> AfterValidator:
    waarden = frozenset(codelijst(naam).waarden)

    def check(value: str) -> str:
        if value not in waarden:
            raise ValueError(f"geen code van de codelijst {naam}")
        return value

    return AfterValidator(check)


def _enum(naam: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": "string", "enum": list(codelijst(naam).waarden), "description": f"Code uit de codelijst {naam}."}
    )


Uitbuitingsvorm = Annotated[str, _in_lijst("uitbuitingsvorm"), _enum("uitbuitingsvorm")]
Sector = Annotated[str, _in_lijst("sector"), _enum("sector")]
Werkwijze = Annotated[str, _in_lijst("werkwijze"), _enum("werkwijze")]
Geslacht = Annotated[str, _in_lijst("geslacht"), _enum("geslacht")]
Dossiertype = Annotated[str, _in_lijst("dossiertype"), _enum("dossiertype")]
Status = Annotated[str, _in_lijst("status"), _enum("status")]
Grondslag = Annotated[str, _in_lijst("grondslag"), _enum("grondslag")]
Toestemming = Annotated[str, _in_lijst("toestemming"), _enum("toestemming")]
Land = Annotated[str, _in_lijst("land"), _enum("land")]
RouteSoort = Annotated[str, _in_lijst("route_soort"), _enum("route_soort")]
Plaatstekst = Annotated[
    str,
    Field(
        min_length=1,
        max_length=100,
        description="Een gemeente (CBS-code zoals GM0344, of de naam), een land (ISO-code of naam) of 'onbekend'.",
    ),
]
Korttekst = Annotated[str, Field(min_length=1, max_length=50)]
#: An optional date, documented as one schema with ``format: date`` (the ADR linter wants the format on the
#: property itself, not inside an ``anyOf``).
OptioneleDatum = Annotated[date | None, WithJsonSchema({"type": ["string", "null"], "format": "date"})]


class RouteStapNieuw(ApiModel):
    """An event on the route of the victim."""

    soort: RouteSoort
    plaats: Plaatstekst
    datum: OptioneleDatum = None


class MeldingNieuw(ApiModel):
    """A new melding. Identifying fields (names, birth date, document and phone numbers, notes) are stored
    encrypted in the identity vault and never returned by the API."""

    melder_referentie: str = Field(
        min_length=1,
        max_length=100,
        description="Uw eigen kenmerk; een herhaalde aanlevering met dezelfde referentie en inhoud maakt niets dubbel.",
    )
    melddatum: date = Field(description="Datum van de melding.")
    uitbuitingsvormen: list[Uitbuitingsvorm] = Field(min_length=1, max_length=6)
    sectoren: list[Sector] = Field(default_factory=list, max_length=10)
    werkwijzen: list[Werkwijze] = Field(default_factory=list, max_length=25)
    plaats_delict: Plaatstekst | None = None
    wervingsplaats: Plaatstekst | None = None
    uitbuiting_van: date | None = None
    uitbuiting_tot: date | None = None
    geslacht: Geslacht | None = None
    geboortedatum: str | None = Field(
        None, pattern=r"^\d{4}(-\d{2}-\d{2})?$", description="Volledige datum (JJJJ-MM-DD) of alleen het jaar."
    )
    leeftijd: int | None = Field(
        None, ge=0, le=120, description="Leeftijd bij de melding, als de geboortedatum onbekend is."
    )
    nationaliteiten: list[Land] = Field(default_factory=list, max_length=5)
    dossiertype: Dossiertype | None = None
    status: Status | None = None
    grondslag: Grondslag | None = None
    toestemming: Toestemming | None = None
    voornamen: str | None = Field(None, max_length=200)
    achternaam: str | None = Field(None, max_length=200)
    documentnummers: list[Korttekst] = Field(default_factory=list, max_length=5)
    telefoonnummers: list[Korttekst] = Field(default_factory=list, max_length=5)
    toelichting: str | None = Field(None, max_length=5000)
    route: list[RouteStapNieuw] = Field(default_factory=list, max_length=20)


class MeldingCorrectie(ApiModel):
    """A correction as a JSON merge patch (RFC 7396): only the fields given change; ``null`` clears a field.
    The whole melding is validated again. The reference cannot change; the status has its own resource."""

    reden: Correctiereden = Field(description="Waarom de melding wordt gecorrigeerd.")
    melddatum: date | None = None
    uitbuitingsvormen: list[Uitbuitingsvorm] | None = Field(None, min_length=1, max_length=6)
    sectoren: list[Sector] | None = Field(None, max_length=10)
    werkwijzen: list[Werkwijze] | None = Field(None, max_length=25)
    plaats_delict: Plaatstekst | None = None
    wervingsplaats: Plaatstekst | None = None
    uitbuiting_van: OptioneleDatum = None
    uitbuiting_tot: OptioneleDatum = None
    geslacht: Geslacht | None = None
    geboortedatum: str | None = Field(None, pattern=r"^\d{4}(-\d{2}-\d{2})?$")
    leeftijd: int | None = Field(None, ge=0, le=120)
    nationaliteiten: list[Land] | None = Field(None, max_length=5)
    dossiertype: Dossiertype | None = None
    grondslag: Grondslag | None = None
    toestemming: Toestemming | None = None
    voornamen: str | None = Field(None, max_length=200)
    achternaam: str | None = Field(None, max_length=200)
    documentnummers: list[Korttekst] | None = Field(None, max_length=5)
    telefoonnummers: list[Korttekst] | None = Field(None, max_length=5)
    toelichting: str | None = Field(None, max_length=5000)
    route: list[RouteStapNieuw] | None = Field(None, max_length=20)


class MeldingStatusbesluit(ApiModel):
    """CoMensha's decision on the status: ``vastgesteld`` or ``geen`` with who decided and when, or back to
    ``mogelijk``."""

    status: Literal[BESLUITSTATUSSEN]  # type: ignore[valid-type]
    beslisser: Statusbeslisser | None = None
    datum: OptioneleDatum = None


class MeldingIntrekking(ApiModel):
    """Withdraw a melding (CoMensha): a duplicate of ``dubbelVan``, made in error, or at the reporter's request."""

    reden: Intrekkingsreden
    dubbel_van: uuid.UUID | None = None


class VeldWijziging(ApiModel):
    """One changed field; ``van``/``naar`` are empty for identifying fields."""

    veld: str
    van: str | None = None
    naar: str | None = None


class MeldingVersie(ApiModel):
    """One step in a melding's history."""

    versie: int
    actie: Actie
    op: datetime
    organisatie: str | None = None
    reden: str | None = None
    wijzigingen: list[VeldWijziging]


class MeldingVersieCollectie(ApiModel):
    """A melding's history, oldest first."""

    versies: list[MeldingVersie]


class MeldingZoekvraag(ApiModel):
    """Search for one of your own meldingen by your reference (sent in the body: no data in the URL)."""

    melder_referentie: str = Field(min_length=1, max_length=100)


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


class Melding(ApiModel):
    """A melding as stored: minimised and without identifying data."""

    id: uuid.UUID
    melder_referentie: str | None = Field(None, description="Alleen voor de eigen organisatie.")
    melder_soort: str
    melddatum: date
    uitbuitingen: list[UitbuitingData]
    werkwijzen: list[str]
    plaats_delict: Plaats
    wervingsplaats: Plaats
    uitbuiting_van: date | None = None
    uitbuiting_tot: date | None = None
    geslacht: str
    geboortejaar: int | None = None
    leeftijd_bij_melding: int | None = None
    nationaliteiten: list[str]
    dossiertype: str
    status: str
    grondslag: str
    toestemming: str
    route: list[RouteStap]
    bron: str
    persoon_id: uuid.UUID | None = Field(None, description="Pseudoniem van de persoon, na koppeling.")
    codebook_versie: str
    gebiedsindeling_jaar: int
    aangemaakt_op: datetime
    versie: int = Field(1, description="Inhoudsversie; dezelfde waarde als de ETag.")
    status_beslisser: str | None = None
    status_datum: OptioneleDatum = None
    gewijzigd_op: datetime | None = None
    ingetrokken_op: datetime | None = Field(None, description="Een ingetrokken melding telt nergens meer mee.")
    intrekkingsreden: str | None = None


class Link(ApiModel):
    href: str


class Links(ApiModel):
    """Links for paging (relations as in RFC 8288: self, first, prev, next, last)."""

    zelf: Link = Field(alias="self")
    first: Link
    prev: Link | None = None
    next: Link | None = None
    last: Link


class Paginering(ApiModel):
    pagina: int
    pagina_grootte: int
    totaal: int
    aantal_paginas: int


class MeldingCollectie(ApiModel):
    meldingen: list[Melding]
    paginering: Paginering
    links: Links


class Afwijzing(ApiModel):
    """One reason one row of an upload was rejected (identifying values are never repeated)."""

    rijnummer: int | None = None
    kolom: str | None = None
    waarde: str | None = None
    code: str
    reden: str
    reden_en: str


class Importrapport(ApiModel):
    """The outcome of an upload: counts (gelezen = geaccepteerd + afgewezen) and the rejected rows."""

    id: uuid.UUID
    formaat: str
    gelezen: int
    geaccepteerd: int
    opgeslagen: int
    al_aanwezig: int
    afgewezen: int
    afwijzingen: list[Afwijzing]
    afwijzingen_weggelaten: int = 0
    aangemaakt_op: datetime


class Code(ApiModel):
    code: str
    label: str
    label_en: str
    uitleg: str | None = None
    ouder: str | None = None
    groep: str | None = None


class CodelijstSamenvatting(ApiModel):
    naam: str
    label: str
    label_en: str
    versie: str
    meervoudig: bool
    aantal_codes: int


class Codelijst(CodelijstSamenvatting):
    codes: list[Code]


class CodelijstCollectie(ApiModel):
    codelijsten: list[CodelijstSamenvatting]


class Gemeente(ApiModel):
    """A gemeente in the CBS division of ``gebiedsindelingJaar``."""

    gemeente_code: str
    naam: str
    veiligheidsregio_code: str
    veiligheidsregio_naam: str
    provincie_naam: str
    gebiedsindeling_jaar: int


class GemeenteCollectie(ApiModel):
    gemeenten: list[Gemeente]


class ApiIndex(ApiModel):
    naam: str
    versie: str
    links: dict[str, Link]
