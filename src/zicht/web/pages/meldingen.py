# SPDX-License-Identifier: EUPL-1.2
"""Pages of a reporting organisation: its list of meldingen, the melding form, and a melding's details
(the details also serve analysts, within their own scope)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Query
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.privacy.toegang import Recht
from zicht.registry import haal_melding, registreer_melding, zoek_meldingen
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Publiek, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.formulier import formulier
from zicht.web.pages import meldingform
from zicht.web.pages.weergave import melding_rij, melding_weergave
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()
Lezer = Annotated[Aangemeld, Depends(Vereist(Recht.melding_lezen))]
Melder = Annotated[Aangemeld, Depends(Vereist(Recht.melding_aanmaken))]
VOORINVULBAAR = ("melder_referentie", "plaats_delict", "uitbuitingsvorm", "sector", "werkwijze")


@router.get("/meldingen")
def meldingenlijst(
    request: Request, aangemeld: Lezer, pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1
) -> Response:
    if aangemeld.toegang.mag(Recht.melding_landelijk):
        return RedirectResponse("/analyse/meldingen", status_code=303)
    ctx = web(request)
    with ctx.transactie() as s:
        resultaat = zoek_meldingen(s, aangemeld.toegang, ctx.reference, pagina=pagina, alleen_overzicht=True)
        taal = i18n.kies_taal(request)[0]
        rijen = [melding_rij(m, aangemeld.toegang, ctx.reference, taal) for m in resultaat.items]
    return render(
        request,
        "meldingen/lijst.html",
        {"rijen": rijen, "resultaat": resultaat, "paginering": pagineer(request, resultaat)},
    )


def _formulier(
    request: Request,
    ingevuld: dict[str, str | list[str]],
    samenvatting: list[dict[str, str]],
    per_veld: dict[str, str],
    status_code: int = 200,
) -> Response:
    taal = i18n.kies_taal(request)[0]
    gemeenten = sorted(web(request).reference.gemeenten.values(), key=lambda g: g.weergavenaam)
    return render(
        request,
        "meldingen/nieuw.html",
        {
            "secties": meldingform.secties(taal),
            "ingevuld": ingevuld,
            "fouten": samenvatting,
            "per_veld": per_veld,
            "gemeenten": gemeenten,
        },
        status_code=status_code,
    )


@router.get("/meldingen/nieuw")
def nieuw_formulier(request: Request, aangemeld: Melder) -> Response:
    # prefill from the query string (e.g. a converted signalen cluster); codes and places only, never identity
    q = request.query_params
    voor = {
        k: (q.getlist(k) if k in ("uitbuitingsvorm", "sector", "werkwijze") else q.get(k, "")[:200])
        for k in VOORINVULBAAR
        if k in q
    }
    return _formulier(request, voor, [], {})


@router.post("/meldingen/nieuw")
def nieuw_opslaan(request: Request, aangemeld: Melder, form: Annotated[FormData, Depends(formulier)]) -> Response:
    ctx = web(request)
    ingevuld = meldingform.waarden(form)
    with ctx.transactie() as s:
        registratie = registreer_melding(
            s, ctx.vault, ctx.reference, aangemeld.toegang, meldingform.invoer(ingevuld), bron="formulier"
        )
    if registratie.fouten:
        samenvatting, per_veld = meldingform.fouten_voor_formulier(registratie.fouten, i18n.kies_taal(request)[0])
        return _formulier(request, ingevuld, samenvatting, per_veld, status_code=400)
    assert registratie.melding is not None
    status = "aangemaakt" if registratie.nieuw else "al-aanwezig"
    return RedirectResponse(f"/meldingen/{registratie.melding.id}?{status}=1", status_code=303)


@router.get("/gemeenten/suggesties", dependencies=[Depends(Publiek())])
def gemeente_suggesties(request: Request, veld: str = "plaats_delict") -> Response:
    """htmx fragment: <option>s for the datalist of a place field (the same search as GET /api/v1/gemeenten)."""
    zoekterm = request.query_params.get(veld, "")[:100]
    gevonden = web(request).reference.find_gemeenten(zoekterm, limit=15) if zoekterm.strip() else []
    return render(request, "meldingen/suggesties.html", {"gemeenten": gevonden})


@router.get("/meldingen/{melding_id}")
def melding_detail(request: Request, aangemeld: Lezer, melding_id: uuid.UUID) -> Response:
    ctx = web(request)
    with ctx.transactie() as s:
        melding = haal_melding(s, aangemeld.toegang, melding_id)
        if melding is None:
            raise HTTPException(404)
        weergave = melding_weergave(melding, aangemeld.toegang, ctx.reference, i18n.kies_taal(request)[0])
    return render(
        request,
        "meldingen/detail.html",
        {
            "m": weergave,
            "aangemaakt": "aangemaakt" in request.query_params,
            "al_aanwezig": "al-aanwezig" in request.query_params,
            "mag_onthullen": aangemeld.toegang.mag(Recht.identiteit_onthullen),
        },
    )


FEATURE = Feature(
    naam="meldingen",
    pages=router,
    nav=(
        NavItem("/meldingen", "Meldingen", Recht.melding_aanmaken, 10),
        NavItem("/meldingen/nieuw", "Nieuwe melding", Recht.melding_aanmaken, 11),
    ),
)
