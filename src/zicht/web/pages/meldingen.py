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

from zicht.intake import KOLOMMEN, Fout
from zicht.intake.kolom import Widget
from zicht.privacy.toegang import Recht
from zicht.registry import haal_melding, registreer_melding, zoek_meldingen
from zicht.registry.levensloop import geschiedenis
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Publiek, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.pages import levensloop, meldingfilter, meldingform
from zicht.web.pages.weergave import melding_rij, melding_weergave
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()
Lezer = Annotated[Aangemeld, Depends(Vereist(Recht.melding_lezen))]
Melder = Annotated[Aangemeld, Depends(Vereist(Recht.melding_aanmaken))]
#: Fields the new-melding form may be filled in with from the query string: {name: several values}.
VOORINVULBAAR = {k.naam: bool(k.formulier and k.formulier.widget is Widget.keuzes) for k in KOLOMMEN if k.voorinvulbaar}


@router.get("/meldingen")
def meldingenlijst(
    request: Request, aangemeld: Lezer, pagina: Annotated[int, Query(ge=1, le=1_000_000)] = 1
) -> Response:
    if aangemeld.toegang.mag(Recht.melding_landelijk):
        return RedirectResponse("/analyse/meldingen", status_code=303)
    ctx = web(request)
    gevraagd = meldingfilter.lees(request, aangemeld.toegang, ctx.reference)
    with ctx.transactie() as s:
        resultaat = zoek_meldingen(
            s, aangemeld.toegang, ctx.reference, gevraagd.filter, pagina=pagina, alleen_overzicht=True
        )
        taal = i18n.kies_taal(request)[0]
        rijen = [melding_rij(m, aangemeld.toegang, ctx.reference, taal) for m in resultaat.items]
    return render(
        request,
        "meldingen/lijst.html",
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


def _formulier(
    request: Request,
    ingevuld: dict[str, str | list[str]],
    samenvatting: list[dict[str, str]],
    per_veld: dict[str, str],
    status_code: int = 200,
    extra_route: int = 1,
) -> Response:
    taal = i18n.kies_taal(request)[0]
    gemeenten = sorted(web(request).reference.gemeenten.values(), key=lambda g: g.weergavenaam)
    return render(
        request,
        "meldingen/nieuw.html",
        {
            "secties": meldingform.secties(taal),
            "ingevuld": ingevuld,
            "routerijen": meldingform.route_weergave(ingevuld, extra_route),
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
    voor = {k: (q.getlist(k) if meerdere else q.get(k, "")[:200]) for k, meerdere in VOORINVULBAAR.items() if k in q}
    return _formulier(request, voor, [], {})


@router.post("/meldingen/nieuw")
def nieuw_opslaan(request: Request, aangemeld: Melder, form: Annotated[FormData, Depends(formulier)]) -> Response:
    ctx = web(request)
    ingevuld = meldingform.waarden(form)
    if tekst(form, "actie") == "route_erbij":  # one more route row; nothing is saved yet
        return _formulier(request, ingevuld, [], {}, extra_route=2)
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
    return detailpagina(request, aangemeld, melding_id)


def detailpagina(
    request: Request,
    aangemeld: Aangemeld,
    melding_id: uuid.UUID,
    *,
    fouten: list[Fout] | None = None,
    status_code: int = 200,
) -> Response:
    """The detail page of a melding (also after a refused lifecycle action, with its problems)."""
    ctx = web(request)
    taal = i18n.kies_taal(request)[0]
    with ctx.transactie() as s:
        melding = haal_melding(s, aangemeld.toegang, melding_id)
        if melding is None:
            raise HTTPException(404)
        weergave = melding_weergave(melding, aangemeld.toegang, ctx.reference, taal)
        levensloop_context = levensloop.detailcontext(request, aangemeld.toegang, melding, geschiedenis(s, melding))
    q = request.query_params
    samenvatting = meldingform.fouten_voor_formulier(fouten or [], taal)[0]
    return render(
        request,
        "meldingen/detail.html",
        {
            "m": weergave,
            "aangemaakt": "aangemaakt" in q,
            "al_aanwezig": "al-aanwezig" in q,
            "meldingen_bericht": next((b for b in _BERICHTEN if b in q), None),
            "mag_onthullen": aangemeld.toegang.mag(Recht.identiteit_onthullen),
            "mag_landelijk": aangemeld.toegang.mag(Recht.melding_landelijk),
            "mag_logboek": aangemeld.toegang.mag(Recht.logboek_persoon),
            "fouten": [{"veld": "beoordeling", "tekst": f["tekst"]} for f in samenvatting],
            **levensloop_context,
        },
        status_code=status_code,
    )


#: Outcomes of lifecycle actions the detail page confirms (query parameter -> message in the template).
_BERICHTEN = ("gecorrigeerd", "ongewijzigd", "status-vastgelegd", "ingetrokken", "verouderd")


FEATURE = Feature(
    naam="meldingen",
    pages=router,
    nav=(
        NavItem("/meldingen", N_("Meldingen"), Recht.melding_aanmaken, 10),
        NavItem("/meldingen/nieuw", N_("Nieuwe melding"), Recht.melding_aanmaken, 11),
    ),
    # a melding sits in the national list for those who may see it, else in the organisation's own list
    paginas={"/meldingen/{melding_id}": Paginatitel(N_("Melding {melding_id}"), ("/analyse/meldingen", "/meldingen"))},
)
