# SPDX-License-Identifier: EUPL-1.2
"""API: the signalen review queue (docs/signalen.md) with the same rules as the pages.

Only a reviewer of the organisation that ran the crawl or import (``Recht.signalen_beoordelen``, the melder
role) sees its clusters; another organisation's cluster answers 404, exactly like one that does not exist.
Every cluster comes with the reasons for its score; the score is a proposal. A decision (``afgewezen`` or
``omgezet``) always carries a reason and goes into the logboek; ``omgezet`` answers with the link to the
melding form prefilled with what the ads make evident. Nothing is decided or reported automatically.
API tokens have no signalen scope: the queue is used from the web application's session.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import APIRouter, Body, Depends, Path, Query
from pydantic import Field
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht, Toegang
from zicht.registry.pagina import MAX_PAGINAGROOTTE, Pagina
from zicht.signalen import wachtrij
from zicht.signalen.redenen import omschrijving
from zicht.storage.tables import SignaalAdvertentie, SignaalBesluit, SignaalCluster
from zicht.web.api import schemas
from zicht.web.api.auth import ApiVereist
from zicht.web.api.problemen import TYPE_ONGELDIG, ApiProbleem, OngeldigeParameter, Probleem, antwoorden
from zicht.web.api.schemas import ApiModel
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.security import API_PREFIX

router = APIRouter(prefix="/signalen", tags=["signalen"])
Beoordelaar = Annotated[Toegang, Depends(ApiVereist(Recht.signalen_beoordelen))]
BASIS = f"{API_PREFIX}/signalen/clusters"
NIET_GEVONDEN = "Dit cluster bestaat niet, of valt buiten uw bereik."

Status = Literal["open", "afgewezen", "omgezet"]
Soort = Literal["rang", "steekproef"]


class SignaalReden(ApiModel):
    """Eén bijdrage aan de score: de code (signals.md §3), het gewicht en de waarden die het onderbouwen."""

    code: str
    gewicht: float
    omschrijving: str = Field(description="De reden in woorden, met de waarden ingevuld.")
    waarden: dict[str, Any]


class SignaalClusterSamenvatting(ApiModel):
    """Een cluster in de wachtrij, met de redenen van zijn score (een voorstel, geen besluit)."""

    id: uuid.UUID
    rang: int
    soort: Soort = Field(description="rang: uit de top van de rangschikking; steekproef: willekeurig gekozen.")
    status: Status
    score: float
    aantal_advertenties: int
    personen: int = Field(description="Aantal verschillende namen in de advertenties.")
    telefoons: int
    gemeenten: list[str] = Field(description="CBS-gemeentecodes van de advertenties.")
    redenen: list[SignaalReden]
    bewaren_tot: datetime = Field(description="Daarna wordt het cluster met zijn advertenties verwijderd.")


class SignaalAdvertentieModel(ApiModel):
    """Eén advertentie van een cluster: contacten alleen als sleutel-hash, tekst zoals geplaatst."""

    site: str
    advertentie_id: str
    geplaatst_op: datetime
    gemeente: str
    taal: str
    prijs_uur: float | None = None
    contacten: list[str] = Field(description="Gehashte contactgegevens (HMAC); nooit het nummer zelf.")
    treffers: dict[str, str] = Field(description="Indicatorcode en de zinsnede die trof.")
    tekst: str | None = None


class SignaalBesluitModel(ApiModel):
    """Het besluit van een beoordelaar, met de reden (ook in het logboek)."""

    id: uuid.UUID
    besluit: Literal["afgewezen", "omgezet"]
    reden: str
    genomen_op: datetime
    melding_formulier: str | None = Field(
        None, description="Bij omgezet: het meldingformulier, vooringevuld. U vult aan en slaat zelf op."
    )


class SignaalClusterDetail(SignaalClusterSamenvatting):
    """Een cluster met zijn kenmerken, advertenties en besluiten. Het lezen wordt gelogd."""

    kenmerken: dict[str, Any]
    advertenties: list[SignaalAdvertentieModel]
    besluiten: list[SignaalBesluitModel]


class SignaalClusterCollectie(ApiModel):
    """Een pagina clusters: nieuwste run eerst, dan op rang."""

    clusters: list[SignaalClusterSamenvatting]
    paginering: schemas.Paginering
    links: schemas.Links


class SignaalBesluitNieuw(ApiModel):
    """Een besluit over een open cluster."""

    besluit: Literal["afgewezen", "omgezet"]
    reden: str = Field(min_length=5, max_length=500, description="Verplicht; komt met uw naam in het logboek.")


def _redenen(rij: SignaalCluster) -> list[SignaalReden]:
    return [
        SignaalReden(
            code=str(r["code"]),
            gewicht=float(r["gewicht"]),
            omschrijving=omschrijving(str(r["code"]), dict(r.get("waarden") or {})),
            waarden=dict(r.get("waarden") or {}),
        )
        for r in rij.redenen
    ]


def _samenvatting(rij: SignaalCluster) -> dict[str, Any]:
    return {
        "id": rij.id,
        "rang": rij.rang,
        "soort": rij.soort,
        "status": rij.status,
        "score": round(rij.score, 4),
        "aantal_advertenties": rij.aantal_advertenties,
        "personen": rij.personen,
        "telefoons": rij.telefoons,
        "gemeenten": list(rij.gemeenten),
        "redenen": _redenen(rij),
        "bewaren_tot": rij.bewaren_tot,
    }


def _advertentie(a: SignaalAdvertentie) -> SignaalAdvertentieModel:
    return SignaalAdvertentieModel(
        site=a.site,
        advertentie_id=a.advertentie_id,
        geplaatst_op=a.geplaatst_op,
        gemeente=a.gemeente,
        taal=a.taal,
        prijs_uur=a.prijs_uur,
        contacten=list(a.contacten),
        treffers=dict(a.treffers),
        tekst=a.tekst,
    )


def _besluit(b: SignaalBesluit, formulier: str | None = None) -> SignaalBesluitModel:
    return SignaalBesluitModel(
        id=b.id,
        besluit=b.besluit,
        reden=b.reden,
        genomen_op=b.genomen_op,
        melding_formulier=formulier,
    )


def _formulier(request: Request, s: Session, toegang: Toegang, cluster_id: uuid.UUID) -> str | None:
    if not toegang.mag(Recht.melding_aanmaken):
        return None
    gevonden = wachtrij.cluster(s, toegang, cluster_id)
    assert gevonden is not None
    gemeenten = {g: gm.weergavenaam for g, gm in web(request).reference.gemeenten.items()}
    return f"/meldingen/nieuw?{wachtrij.melding_voorinvulling(gevonden[0], gevonden[1], gemeenten)}"


@router.get("/clusters", response_model=SignaalClusterCollectie, responses=antwoorden(400, 401, 403),
            summary="Clusters in de wachtrij")  # fmt: skip
def lijst_clusters(
    request: Request,
    toegang: Beoordelaar,
    pagina: Annotated[int, Query(ge=1, le=100_000, description="Paginanummer, vanaf 1.")] = 1,
    pagina_grootte: Annotated[int, Query(alias="paginaGrootte", ge=1, le=MAX_PAGINAGROOTTE)] = 25,
    status: Annotated[Status, Query(description="Alleen clusters met deze status.")] = "open",
    soort: Annotated[Soort | None, Query(description="Alleen de rangschikking of alleen de steekproef.")] = None,
) -> SignaalClusterCollectie:
    """De clusters van uw organisatie met de redenen van hun score, nieuwste run eerst en dan op rang."""
    with web(request).transactie() as s:
        items, totaal = wachtrij.pagina(
            s, toegang, status=status, soort=soort, pagina=pagina, pagina_grootte=pagina_grootte
        )
        resultaat = Pagina([SignaalClusterSamenvatting(**_samenvatting(r)) for r in items], pagina, pagina_grootte,
                           totaal)  # fmt: skip
    query = {"status": status, **({"soort": soort} if soort else {})}

    def link(n: int) -> schemas.Link:
        return schemas.Link(href=f"{BASIS}?{urlencode({**query, 'pagina': n, 'paginaGrootte': pagina_grootte})}")

    return SignaalClusterCollectie(
        clusters=list(resultaat.items),
        paginering=schemas.Paginering(
            pagina=pagina, pagina_grootte=pagina_grootte, totaal=totaal, aantal_paginas=resultaat.aantal_paginas
        ),
        links=schemas.Links(
            zelf=link(pagina),
            first=link(1),
            prev=link(pagina - 1) if resultaat.heeft_vorige else None,
            next=link(pagina + 1) if resultaat.heeft_volgende else None,
            last=link(resultaat.aantal_paginas),
        ),
    )


@router.get("/clusters/{clusterId}", response_model=SignaalClusterDetail, responses=antwoorden(400, 401, 403, 404),
            summary="Cluster")  # fmt: skip
def lees_cluster(
    request: Request, toegang: Beoordelaar, cluster_id: Annotated[uuid.UUID, Path(alias="clusterId")]
) -> SignaalClusterDetail:
    """Eén cluster met redenen, kenmerken, advertenties en besluiten. Het lezen komt in het logboek."""
    with web(request).transactie() as s:
        gevonden = wachtrij.cluster(s, toegang, cluster_id)
        if gevonden is None:
            raise ApiProbleem(404, NIET_GEVONDEN)
        rij, ads = gevonden
        return SignaalClusterDetail(
            **_samenvatting(rij),
            kenmerken=dict(rij.kenmerken),
            advertenties=[_advertentie(a) for a in ads],
            besluiten=[_besluit(b) for b in wachtrij.besluiten(s, rij.id)],
        )


@router.post(
    "/clusters/{clusterId}/besluiten",
    response_model=SignaalBesluitModel,
    status_code=201,
    responses={
        **antwoorden(400, 401, 403, 404),
        409: {"model": Probleem, "description": "Over dit cluster is al besloten."},
    },
    summary="Besluit over een cluster",
)
def neem_besluit(
    request: Request,
    response: Response,
    toegang: Beoordelaar,
    cluster_id: Annotated[uuid.UUID, Path(alias="clusterId")],
    body: Annotated[SignaalBesluitNieuw, Body()],
) -> SignaalBesluitModel:
    """Wijst een open cluster af of zet het om, met een reden (in het logboek). Omzetten maakt geen melding:
    het antwoord wijst naar het vooringevulde meldingformulier, dat u aanvult en zelf opslaat. Een cluster
    waarover al besloten is geeft 409."""
    try:
        with web(request).transactie() as s:
            genomen = wachtrij.besluit(s, toegang, cluster_id, body.besluit, body.reden)
            formulier = _formulier(request, s, toegang, cluster_id) if body.besluit == "omgezet" else None
            uit = _besluit(genomen, formulier)
    except wachtrij.BesluitFout as e:
        if str(e) == "niet open":
            with web(request).transactie() as s:
                if not wachtrij.bestaat(s, toegang, cluster_id):
                    raise ApiProbleem(404, NIET_GEVONDEN) from None
            raise ApiProbleem(409, "Over dit cluster is al besloten.") from None
        raise ApiProbleem(400, "Het besluit bevat ongeldige invoer.", type=TYPE_ONGELDIG, invalid_params=[
            OngeldigeParameter(name="reden", code="te_kort", reason="geef een reden van 5 tot 500 tekens")
        ]) from None  # fmt: skip
    response.headers["Location"] = f"{BASIS}/{cluster_id}"
    return uit


FEATURE = Feature(naam="api-signalen", api=router)
