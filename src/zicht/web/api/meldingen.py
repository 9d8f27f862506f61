# SPDX-License-Identifier: EUPL-1.2
"""API: meldingen of the caller's scope — create, list (paged, filtered), read, and search by reference."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Path, Query
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht, Toegang
from zicht.registry import MeldingFilter, haal_melding, registreer_melding, zoek_meldingen, zoek_op_referentie
from zicht.registry.pagina import MAX_PAGINAGROOTTE, Pagina
from zicht.web.api import schemas
from zicht.web.api.auth import ApiVereist
from zicht.web.api.omzetten import naar_collectie, naar_invoer, naar_melding, ongeldige_parameters
from zicht.web.api.problemen import TYPE_ONGELDIG, ApiProbleem, antwoorden
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.security import API_PREFIX

router = APIRouter(prefix="/meldingen", tags=["meldingen"])

Lezen = Annotated[Toegang, Depends(ApiVereist(Recht.melding_lezen))]
Aanmaken = Annotated[Toegang, Depends(ApiVereist(Recht.melding_aanmaken))]
BASIS = f"{API_PREFIX}/meldingen"


@router.get("", response_model=schemas.MeldingCollectie, responses=antwoorden(400, 401, 403), summary="Meldingen")
def lijst_meldingen(
    request: Request,
    toegang: Lezen,
    pagina: Annotated[int, Query(ge=1, le=100_000, description="Paginanummer, vanaf 1.")] = 1,
    pagina_grootte: Annotated[int, Query(alias="paginaGrootte", ge=1, le=MAX_PAGINAGROOTTE)] = 25,
    jaar: Annotated[int | None, Query(ge=1990, le=2100, description="Jaar van de melddatum.")] = None,
    uitbuitingsvorm: Annotated[schemas.Uitbuitingsvorm | None, Query()] = None,
    gemeente_code: Annotated[str | None, Query(alias="gemeenteCode", pattern=r"^GM\d{4}$")] = None,
    melder_soort: Annotated[str | None, Query(alias="melderSoort", max_length=40)] = None,
    status: Annotated[schemas.Status | None, Query()] = None,
    persoon_id: Annotated[
        uuid.UUID | None, Query(alias="persoonId", description="Alle meldingen van één persoon.")
    ] = None,
    ingetrokken: Annotated[bool, Query(description="Ook ingetrokken meldingen.")] = False,
) -> schemas.MeldingCollectie:
    """De meldingen die u mag inzien (voor een organisatie: de eigen meldingen), nieuwste eerst. Ingetrokken
    meldingen alleen met `ingetrokken=true`."""
    ctx = web(request)
    filt = MeldingFilter(
        jaar=jaar,
        uitbuitingsvorm=uitbuitingsvorm,
        gemeente=gemeente_code,
        melder_soort=melder_soort,
        status=status,
        persoon=persoon_id,
        ingetrokken=ingetrokken,
    )
    with ctx.transactie() as s:
        resultaat = zoek_meldingen(s, toegang, ctx.reference, filt, pagina=pagina, pagina_grootte=pagina_grootte)
        query = {
            k: str(v)
            for k, v in {
                "jaar": jaar,
                "uitbuitingsvorm": uitbuitingsvorm,
                "gemeenteCode": gemeente_code,
                "melderSoort": melder_soort,
                "status": status,
                "persoonId": persoon_id,
                "ingetrokken": "true" if ingetrokken else None,
            }.items()
            if v is not None
        }
        return naar_collectie(resultaat, toegang, BASIS, query)


@router.post(
    "",
    response_model=schemas.Melding,
    status_code=201,
    responses={
        200: {"model": schemas.Melding, "description": "Deze melding was al met dezelfde inhoud aangeleverd."},
        **antwoorden(400, 401, 403, 409),
    },
    summary="Melding aanleveren",
)
def maak_melding(
    request: Request, response: Response, toegang: Aanmaken, body: schemas.MeldingNieuw
) -> schemas.Melding:
    """Levert één melding aan voor uw organisatie. Dezelfde referentie met dezelfde inhoud geeft de bestaande
    melding terug (200); dezelfde referentie met andere inhoud is een conflict (409)."""
    ctx = web(request)
    with ctx.transactie() as s:
        registratie = registreer_melding(s, ctx.vault, ctx.reference, toegang, naar_invoer(body), bron="api")
        if registratie.fouten:
            status, detail = (
                (409, "Deze referentie is eerder met andere inhoud aangeleverd.")
                if registratie.conflict
                else (400, "De melding bevat ongeldige invoer.")
            )
            raise ApiProbleem(
                status, detail, type=TYPE_ONGELDIG, invalid_params=ongeldige_parameters(registratie.fouten)
            )
        assert registratie.melding is not None
        response.status_code = 201 if registratie.nieuw else 200
        response.headers["Location"] = f"{BASIS}/{registratie.melding.id}"
        return naar_melding(registratie.melding, toegang)


@router.post(
    "/_zoek",
    response_model=schemas.MeldingCollectie,
    responses=antwoorden(400, 401, 403),
    summary="Eigen melding zoeken op referentie",
)
def zoek_melding(
    request: Request, toegang: Lezen, vraag: Annotated[schemas.MeldingZoekvraag, Body()]
) -> schemas.MeldingCollectie:
    """Zoekt uw eigen melding op uw referentie. De referentie staat in de body, niet in de URL."""
    ctx = web(request)
    with ctx.transactie() as s:
        melding = zoek_op_referentie(s, toegang, vraag.melder_referentie)
        items = [melding] if melding is not None else []
        return naar_collectie(Pagina(items, 1, MAX_PAGINAGROOTTE, len(items)), toegang, BASIS, {})


@router.get(
    "/{meldingId}",
    response_model=schemas.Melding,
    responses={
        200: {"headers": {"ETag": {"description": "De inhoudsversie, voor If-Match.", "schema": {"type": "string"}}}},
        **antwoorden(400, 401, 403, 404),
    },
    summary="Melding",
)
def lees_melding(
    request: Request, response: Response, toegang: Lezen, melding_id: Annotated[uuid.UUID, Path(alias="meldingId")]
) -> schemas.Melding:
    """Eén melding, als die binnen uw bereik valt (anders 404, ook als ze bestaat). De ETag-header noemt haar
    versie; geef die als If-Match bij een wijziging."""
    ctx = web(request)
    with ctx.transactie() as s:
        melding = haal_melding(s, toegang, melding_id)
        if melding is None:
            raise ApiProbleem(404, "Deze melding bestaat niet, of valt buiten uw bereik.")
        response.headers["ETag"] = f'"{melding.versie}"'
        return naar_melding(melding, toegang)


FEATURE = Feature(naam="api-meldingen", api=router)
