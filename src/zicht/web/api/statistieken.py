# SPDX-License-Identifier: EUPL-1.2
"""API: ``GET /api/v1/statistieken`` — the statistics tables with the same parameters as the dashboard and the
CLI, and the same disclosure control (every role but the analyst's gets protected tables).

The table comes as JSON by default; ``Accept: text/csv`` or the XLSX media type gives the export exactly as
shown, which is recorded in the logboek.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from pydantic import Field
from starlette.requests import Request
from starlette.responses import Response

from zicht.analysis import BuitenBereik, NietBeschikbaar, Verzoek, naar_csv, naar_xlsx, registreer_export
from zicht.analysis.export import MEDIATYPES, bestandsnaam
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import UnknownPlace
from zicht.web.api.auth import ApiVereist
from zicht.web.api.problemen import ApiProbleem, antwoorden
from zicht.web.api.schemas import ApiModel
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.statistiekdienst import DOEL, dienst, rol_en_bereik

router = APIRouter(prefix="/statistieken", tags=["statistieken"])
Gebruiker = Annotated[Toegang, Depends(ApiVereist(Recht.aggregaten))]


class Kolom(ApiModel):
    """A column of a table."""

    sleutel: str = Field(description="Vaste sleutel van de kolom (ook de kolomkop in de export).")
    label: str
    soort: Literal["tekst", "aantal", "per_100k", "aandeel", "verhouding"]


class Cel(ApiModel):
    """One cell: the number (null when withheld or not applicable), the text as shown and why."""

    waarde: float | None
    tekst: str
    markering: Literal["getoond", "klein_aantal", "onderdrukt", "niet_beschikbaar"]


class StatistiekMetadata(ApiModel):
    """What every figure states: unit, period, reference dates, data vintage and protection."""

    eenheid: Literal["personen", "meldingen"]
    periode: str
    periode_label: str
    peildatum: str | None = Field(description="Datum van de gegevensstand (ISO 8601).")
    bevolking_peildatum: str
    gegevensstand: str
    gegevensstand_label: str
    gebiedsindeling: int
    gebiedsbasis: Literal["plaats_delict", "melder_regio"]
    beveiligd: bool
    drempel: int | None
    afrondingsbasis: int | None
    filter: str
    koppelingsgraad: float | None


class StatistiekTabel(ApiModel):
    """A statistics table exactly as published."""

    id: str
    titel: str
    metadata: StatistiekMetadata
    samenvatting: str
    advies: str | None
    voetnoten: list[str]
    kolommen: list[Kolom]
    rijen: list[list[Cel]]


_BESTANDEN: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "De tabel (JSON), of de export als CSV of XLSX bij die Accept-header. CSV is UTF-8 met BOM "
        "in het dialect van de taal, genoemd in de bestandsnaam: taal=nl `;` als scheidingsteken en een decimale "
        "komma (wat Nederlandse Excel leest; `…_nl.csv`), taal=en `,` en een decimale punt (`…_en.csv`); "
        "getallen zonder scheiding van duizendtallen, afgeschermde cellen als `<10`, `x` of `–`.",
        "content": {
            MEDIATYPES["csv"].split(";")[0]: {"schema": {"type": "string"}},
            MEDIATYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        },
    }
}


@router.get(
    "",
    response_model=StatistiekTabel,
    responses={**antwoorden(400, 401, 403, 429), **_BESTANDEN},
    summary="Statistiektabel",
)
def statistiek(
    request: Request,
    toegang: Gebruiker,
    periode: Annotated[str, Query(max_length=9, description="2024, 2024-Q3 of 2022-2024 (bij een reeks: de laatste).")],
    soort: Annotated[Literal["overzicht", "uitsplitsing", "reeks", "met_zonder", "kwaliteit"], Query()] = "overzicht",
    niveau: Annotated[
        Literal["gemeente", "veiligheidsregio", "politie_eenheid", "riec_regio", "provincie", "nederland"], Query()
    ] = "nederland",
    gebied: Annotated[str, Query(max_length=60, description="Code of naam van het gebied.")] = "NL",
    uitsplitsing: Annotated[str, Query(max_length=30, description="Bijv. geslacht, leeftijdsklasse.")] = "totaal",
    eenheid: Annotated[Literal["personen", "meldingen"] | None, Query()] = None,
    gebiedsbasis: Annotated[Literal["plaats_delict", "melder_regio"], Query(alias="gebiedsbasis")] = "plaats_delict",
    vorm: Annotated[str | None, Query(max_length=30, description="Alleen deze uitbuitingsvorm.")] = None,
    categorie: Annotated[str | None, Query(max_length=30, description="Groep bij met_zonder, bijv. NG.")] = None,
    van_jaar: Annotated[int | None, Query(alias="vanJaar", ge=2000, le=2100)] = None,
    per_kwartaal: Annotated[bool, Query(alias="perKwartaal")] = False,
    groep: Annotated[Literal["melder_regio", "melder_soort"], Query()] = "melder_regio",
    taal: Annotated[Literal["nl", "en"], Query()] = "nl",
) -> Response | StatistiekTabel:
    """Een tabel uit de vaste catalogus, na statistische beveiliging voor elke rol behalve analisten."""
    params = {
        "soort": soort, "periode": periode, "niveau": niveau, "gebied": gebied, "uitsplitsing": uitsplitsing,
        "eenheid": eenheid, "gebiedsbasis": gebiedsbasis, "vorm": vorm, "categorie": categorie, "vanJaar": van_jaar,
        "perKwartaal": "true" if per_kwartaal else "", "groep": groep, "taal": taal,
    }  # fmt: skip
    rol, bereik = rol_en_bereik(request, toegang)
    try:
        tabel = dienst(request).statistiek(Verzoek.uit_parameters(params), rol=rol, bereik=bereik)
    except BuitenBereik:
        raise ApiProbleem(403, "Dit gebied valt buiten het gebied van deze gebruiker.") from None
    except (UnknownPlace, NietBeschikbaar, ValueError) as exc:
        raise ApiProbleem(400, str(exc)) from None
    accept = request.headers.get("accept", "")
    for formaat in ("csv", "xlsx"):
        if MEDIATYPES[formaat].split(";")[0] in accept:
            data = naar_csv(tabel, taal) if formaat == "csv" else naar_xlsx(tabel, taal)
            with web(request).transactie() as sessie:
                registreer_export(sessie, toegang.actor(), tabel, formaat, doel=DOEL)
            naam = bestandsnaam(tabel, formaat, taal)
            return Response(
                data, media_type=MEDIATYPES[formaat], headers={"Content-Disposition": f'attachment; filename="{naam}"'}
            )
    return StatistiekTabel.model_validate(tabel.as_dict())


FEATURE = Feature(naam="api-statistieken", api=router)
