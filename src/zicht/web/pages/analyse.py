# SPDX-License-Identifier: EUPL-1.2
"""The analyst's national, pseudonymised list of meldingen with search, filters and sorting
(:mod:`zicht.web.pages.meldingfilter`), paginated; filters are applied in the query before paging."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry import zoek_meldingen
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.pages import meldingfilter
from zicht.web.pages.weergave import melding_rij
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()


@router.get("/analyse/meldingen")
def landelijke_lijst(
    request: Request,
    aangemeld: Annotated[Aangemeld, Depends(Vereist(Recht.melding_landelijk))],
    pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> Response:
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    gevraagd = meldingfilter.lees(request, aangemeld.toegang, ctx.reference)
    with ctx.transactie() as s:
        resultaat = zoek_meldingen(
            s, aangemeld.toegang, ctx.reference, gevraagd.filter, pagina=pagina, alleen_overzicht=True
        )
        rijen = [melding_rij(m, aangemeld.toegang, ctx.reference, taal) for m in resultaat.items]
    return render(
        request,
        "analyse/meldingen.html",
        {
            "rijen": rijen,
            "resultaat": resultaat,
            "paginering": pagineer(request, resultaat),
            "fouten": gevraagd.fouten,
            "filter": gevraagd.waarden,
            "gefilterd": gevraagd.actief,
            **meldingfilter.opties(request, ctx.reference),
        },
        status_code=400 if gevraagd.fouten else 200,
    )


FEATURE = Feature(
    naam="analyse",
    pages=router,
    nav=(NavItem("/analyse/meldingen", N_("Meldingen (landelijk)"), Recht.melding_landelijk, 20),),
)
