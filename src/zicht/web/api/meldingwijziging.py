# SPDX-License-Identifier: EUPL-1.2
"""API: a melding after registration — correct it (JSON merge patch), decide its status, withdraw it, read
its history. Every change needs ``If-Match`` with the ETag of the version the caller read (``GET`` returns
it): a stale version answers 412, a missing header 428, so two people never overwrite each other unseen.
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Header, Path
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import Response

from zicht.domain.levensloop import Statusbeslisser
from zicht.privacy.toegang import Recht, Toegang
from zicht.registry import haal_melding
from zicht.registry.levensloop import (
    NietGevonden,
    Ongeldig,
    Uitkomst,
    VerouderdeVersie,
    bestaat,
    corrigeer,
    geschiedenis,
    trek_in,
    wijzig_status,
)
from zicht.web.api import schemas
from zicht.web.api.auth import ApiVereist
from zicht.web.api.omzetten import KOLOM_NAAR_VELD, naar_invoer_deels, naar_melding, ongeldige_parameters
from zicht.web.api.problemen import TYPE_ONGELDIG, ApiProbleem, antwoorden
from zicht.web.context import web
from zicht.web.features import Feature

router = APIRouter(prefix="/meldingen", tags=["meldingen"])

Lezen = Annotated[Toegang, Depends(ApiVereist(Recht.melding_lezen))]
Corrigeren = Annotated[Toegang, Depends(ApiVereist(Recht.melding_corrigeren))]
Beoordelen = Annotated[Toegang, Depends(ApiVereist(Recht.melding_beoordelen))]
MeldingId = Annotated[uuid.UUID, Path(alias="meldingId")]
IfMatch = Annotated[
    str | None,
    Header(
        alias="If-Match",
        description='De ETag van de versie die u las (bijvoorbeeld "3"), uit de ETag-header van GET.',
        max_length=40,
    ),
]
ETAG = {"ETag": {"description": "De inhoudsversie van de melding, voor If-Match.", "schema": {"type": "string"}}}


def etag(versie: int) -> str:
    """The strong ETag of a melding version."""
    return f'"{versie}"'


def _versie(if_match: str | None) -> int:
    """The version the caller read, from ``If-Match`` (428 when absent, 412 when it names no version)."""
    if if_match is None or not if_match.strip():
        raise ApiProbleem(428, "Geef If-Match met de ETag van de versie die u las (GET geeft die in ETag).")
    waarde = if_match.strip().removeprefix("W/").strip('"')
    if not waarde.isdigit():
        raise ApiProbleem(412, "If-Match noemt geen versie van deze melding.")
    return int(waarde)


def _uitvoeren(
    s: Session, response: Response, toegang: Toegang, melding_id: uuid.UUID, if_match: str | None, actie: Any
) -> schemas.Melding:
    """Run ``actie(versie)``: a melding outside the caller's scope is 404 before anything else is said about
    it (also before a missing If-Match); problems become problem+json."""
    if not bestaat(s, toegang, melding_id):
        raise ApiProbleem(404, "Deze melding bestaat niet, of valt buiten uw bereik.")
    versie = _versie(if_match)
    try:
        uitkomst: Uitkomst = actie(versie)
    except NietGevonden:
        raise ApiProbleem(404, "Deze melding bestaat niet, of valt buiten uw bereik.") from None
    except VerouderdeVersie as exc:
        raise ApiProbleem(
            412, f"De melding is intussen gewijzigd (nu versie {exc.huidig}); lees haar opnieuw."
        ) from None
    except Ongeldig as exc:
        raise ApiProbleem(
            400, "De wijziging is ongeldig.", type=TYPE_ONGELDIG, invalid_params=ongeldige_parameters(exc.fouten)
        ) from None
    response.headers["ETag"] = etag(uitkomst.melding.versie)
    return naar_melding(uitkomst.melding, toegang)


@router.patch(
    "/{meldingId}",
    response_model=schemas.Melding,
    responses={200: {"headers": ETAG}, **antwoorden(400, 401, 403, 404, 412, 428)},
    summary="Melding corrigeren",
)
def corrigeer_melding(
    request: Request,
    response: Response,
    toegang: Corrigeren,
    melding_id: MeldingId,
    correctie: Annotated[schemas.MeldingCorrectie, Body()],
    if_match: IfMatch = None,
) -> schemas.Melding:
    """Corrigeert uw eigen melding (CoMensha: elke melding) als JSON merge patch: alleen de gegeven velden
    veranderen, `null` maakt een veld leeg. De hele melding wordt opnieuw gecontroleerd. Een correctie van
    naam, geboortedatum, document- of telefoonnummer, geslacht of nationaliteit koppelt de melding bij de
    volgende koppeling opnieuw."""
    ctx = web(request)
    wijzigingen = naar_invoer_deels(correctie)
    with ctx.transactie() as s:
        return _uitvoeren(
            s,
            response,
            toegang,
            melding_id,
            if_match,
            lambda versie: corrigeer(
                s, ctx.vault, ctx.reference, toegang, melding_id, wijzigingen, versie=versie, reden=correctie.reden
            ),
        )


@router.put(
    "/{meldingId}/status",
    response_model=schemas.Melding,
    responses={200: {"headers": ETAG}, **antwoorden(400, 401, 403, 404, 412, 428)},
    summary="Status van een melding vastleggen",
)
def leg_status_vast(
    request: Request,
    response: Response,
    toegang: Beoordelen,
    melding_id: MeldingId,
    besluit: Annotated[schemas.MeldingStatusbesluit, Body()],
    if_match: IfMatch = None,
) -> schemas.Melding:
    """CoMensha legt het besluit over de status vast: `vastgesteld` of `geen` met wie besloot en wanneer, of
    terug naar `mogelijk`."""
    ctx = web(request)
    beslisser = Statusbeslisser(besluit.beslisser) if besluit.beslisser else None
    with ctx.transactie() as s:
        return _uitvoeren(
            s,
            response,
            toegang,
            melding_id,
            if_match,
            lambda versie: wijzig_status(
                s, toegang, melding_id, besluit.status, versie=versie, beslisser=beslisser, datum=besluit.datum
            ),
        )


@router.post(
    "/{meldingId}/_intrekken",
    response_model=schemas.Melding,
    responses={200: {"headers": ETAG}, **antwoorden(400, 401, 403, 404, 412, 428)},
    summary="Melding intrekken",
)
def trek_melding_in(
    request: Request,
    response: Response,
    toegang: Beoordelen,
    melding_id: MeldingId,
    intrekking: Annotated[schemas.MeldingIntrekking, Body()],
    if_match: IfMatch = None,
) -> schemas.Melding:
    """CoMensha trekt een melding in (een dubbele, een ten onrechte gedane of op verzoek van de melder). Ze
    blijft met haar geschiedenis bestaan maar telt nergens meer mee."""
    ctx = web(request)
    with ctx.transactie() as s:
        return _uitvoeren(
            s,
            response,
            toegang,
            melding_id,
            if_match,
            lambda versie: trek_in(
                s, toegang, melding_id, versie=versie, reden=intrekking.reden, dubbel_van=intrekking.dubbel_van
            ),
        )


@router.get(
    "/{meldingId}/versies",
    response_model=schemas.MeldingVersieCollectie,
    responses=antwoorden(400, 401, 403, 404),
    summary="Geschiedenis van een melding",
)
def versies(request: Request, toegang: Lezen, melding_id: MeldingId) -> schemas.MeldingVersieCollectie:
    """Elke versie van de melding: wie (organisatie), wanneer, waarom en welke velden; waarden alleen van
    velden die niemand identificeren."""
    ctx = web(request)
    with ctx.transactie() as s:
        melding = haal_melding(s, toegang, melding_id)
        if melding is None:
            raise ApiProbleem(404, "Deze melding bestaat niet, of valt buiten uw bereik.")
        return schemas.MeldingVersieCollectie(
            versies=[
                schemas.MeldingVersie(
                    versie=v.versie,
                    actie=v.actie,
                    op=v.op,
                    organisatie=v.organisatie,
                    reden=v.reden,
                    wijzigingen=[
                        schemas.VeldWijziging(
                            veld=KOLOM_NAAR_VELD.get(str(w["veld"]), str(w["veld"])),
                            van=_tekst(w.get("van")),
                            naar=_tekst(w.get("naar")),
                        )
                        for w in v.wijzigingen
                    ],
                )
                for v in geschiedenis(s, melding)
            ]
        )


def _tekst(waarde: object) -> str | None:
    return None if waarde is None else str(waarde)


FEATURE = Feature(naam="api-meldingwijziging", api=router)
