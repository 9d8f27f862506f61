# SPDX-License-Identifier: EUPL-1.2
"""API: gemeenten of the CBS division (public reference data), searchable by name."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from starlette.requests import Request

from zicht.reference import Gemeente as GemeenteRef
from zicht.web.api import schemas
from zicht.web.api.auth import ApiPubliek
from zicht.web.api.problemen import ApiProbleem, antwoorden
from zicht.web.context import web
from zicht.web.features import Feature

router = APIRouter(prefix="/gemeenten", tags=["gemeenten"], dependencies=[Depends(ApiPubliek())])


def naar_gemeente(gm: GemeenteRef, jaar: int) -> schemas.Gemeente:
    """The API view of a gemeente."""
    return schemas.Gemeente(
        gemeente_code=gm.code,
        naam=gm.weergavenaam,
        veiligheidsregio_code=gm.veiligheidsregio_code,
        veiligheidsregio_naam=gm.veiligheidsregio_naam,
        provincie_naam=gm.provincie_naam,
        gebiedsindeling_jaar=jaar,
    )


@router.get("", response_model=schemas.GemeenteCollectie, responses=antwoorden(400), summary="Gemeenten")
def zoek_gemeenten(
    request: Request,
    naam: Annotated[str | None, Query(max_length=100, description="Begin of deel van de naam.")] = None,
    aantal: Annotated[int, Query(ge=1, le=400, description="Hoeveel gemeenten ten hoogste.")] = 10,
) -> schemas.GemeenteCollectie:
    """Gemeenten waarvan de naam begint met of bevat wat u zoekt (zonder naam: alle, op naam)."""
    ref = web(request).reference
    if naam and naam.strip():
        gevonden = ref.find_gemeenten(naam, limit=aantal)
    else:
        gevonden = sorted(ref.gemeenten.values(), key=lambda g: g.weergavenaam)[:aantal]
    return schemas.GemeenteCollectie(gemeenten=[naar_gemeente(g, ref.gebiedsindeling_jaar) for g in gevonden])


@router.get("/{gemeenteCode}", response_model=schemas.Gemeente, responses=antwoorden(400, 404), summary="Gemeente")
def lees_gemeente(
    request: Request, gemeente_code: Annotated[str, Path(alias="gemeenteCode", pattern=r"^GM\d{4}$")]
) -> schemas.Gemeente:
    """Eén gemeente op haar CBS-code."""
    ref = web(request).reference
    gm = ref.gemeenten.get(gemeente_code)
    if gm is None:
        raise ApiProbleem(404, "Geen gemeente met deze code in deze gebiedsindeling.")
    return naar_gemeente(gm, ref.gebiedsindeling_jaar)


FEATURE = Feature(naam="api-gemeenten", api=router)
