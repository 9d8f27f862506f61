# SPDX-License-Identifier: EUPL-1.2
"""The API's data contract: Pydantic models with Dutch camelCase properties and PascalCase names.

Codes are the codebook's codes (``enum`` in the OpenAPI). Dates are ``date``; timestamps are answered in
UTC. Identifying data can be sent when creating a melding but is never returned. A melding's own models are
generated from its field declarations (:mod:`zicht.web.api.meldingschemas`).
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import Field

from zicht.domain.levensloop import BESLUITSTATUSSEN, Actie, Intrekkingsreden, Statusbeslisser
from zicht.web.api.meldingschemas import Melding, MeldingCorrectie, MeldingNieuw
from zicht.web.api.schemabasis import (
    ApiModel,
    OptioneleDatum,
    Plaats,
    Plaatstekst,
    RouteStap,
    RouteStapNieuw,
    UitbuitingData,
    als_enum,
    in_lijst,
)

__all__ = [
    "ApiModel",
    "Melding",
    "MeldingCorrectie",
    "MeldingNieuw",
    "OptioneleDatum",
    "Plaats",
    "Plaatstekst",
    "RouteStap",
    "RouteStapNieuw",
    "UitbuitingData",
]

#: Filters of the list of meldingen.
Uitbuitingsvorm = Annotated[str, in_lijst("uitbuitingsvorm"), als_enum("uitbuitingsvorm")]
Status = Annotated[str, in_lijst("status"), als_enum("status")]


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
