# SPDX-License-Identifier: EUPL-1.2
"""The analyst's national, pseudonymised list of meldingen with filters (year, form, gemeente or region,
kind of reporter), paginated; filters are applied in the query before paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from starlette.requests import Request
from starlette.responses import Response

from zicht.codebook import codelijst
from zicht.privacy.toegang import Recht
from zicht.reference import AmbiguousName, Gebiedsniveau, UnknownPlace
from zicht.registry import MeldingFilter, zoek_meldingen
from zicht.storage.base import utcnow
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.pages.weergave import melding_rij
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()


def _jaar(waarde: str) -> int | None:
    """The year filter: empty for all years, otherwise a year from 1900 to 2100 (anything else: 400)."""
    if not waarde.strip():
        return None
    if waarde.strip().isdigit() and 1900 <= int(waarde.strip()[:5]) <= 2100:
        return int(waarde.strip())
    raise HTTPException(400)


@router.get("/analyse/meldingen")
def landelijke_lijst(
    request: Request,
    aangemeld: Annotated[Aangemeld, Depends(Vereist(Recht.melding_landelijk))],
    jaar: str = "",
    vorm: str = "",
    gemeente: str = "",
    regio: str = "",
    melder: str = "",
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    fouten: list[dict[str, str]] = []
    gemeentecode: str | None = None
    if gemeente.strip():
        try:
            gemeentecode = ctx.reference.gemeente(gemeente[:100]).code
        except (UnknownPlace, AmbiguousName):
            fouten.append({"veld": "filter-gemeente", "tekst": "Onbekende of dubbelzinnige gemeente."})
    filt = MeldingFilter(
        jaar=_jaar(jaar),
        uitbuitingsvorm=vorm if vorm in codelijst("uitbuitingsvorm") else None,
        gemeente=gemeentecode,
        gebied=regio or None,
        melder_soort=melder if melder in codelijst("melder_soort") else None,
    )
    with ctx.transactie() as s:
        resultaat = zoek_meldingen(s, aangemeld.toegang, ctx.reference, filt, pagina=pagina, alleen_overzicht=True)
        rijen = [melding_rij(m, aangemeld.toegang, ctx.reference, taal) for m in resultaat.items]
    regios = sorted((g.code, g.naam) for g in ctx.reference.gebieden(Gebiedsniveau.veiligheidsregio).values())
    return render(
        request,
        "analyse/meldingen.html",
        {
            "rijen": rijen,
            "resultaat": resultaat,
            "paginering": pagineer(request, resultaat),
            "fouten": fouten,
            "filter": {"jaar": jaar, "vorm": vorm, "gemeente": gemeente, "regio": regio, "melder": melder},
            "jaren": [(str(j), str(j)) for j in range(utcnow().year, 2009, -1)],
            "vormen": [(c.code, c.label(taal)) for c in codelijst("uitbuitingsvorm").codes if c.code != "onbekend"],
            "melders": [(c.code, c.label(taal)) for c in codelijst("melder_soort").codes],
            "regios": regios,
        },
        status_code=400 if fouten else 200,
    )


FEATURE = Feature(
    naam="analyse",
    pages=router,
    nav=(NavItem("/analyse/meldingen", "Meldingen (landelijk)", Recht.melding_landelijk, 20),),
)
