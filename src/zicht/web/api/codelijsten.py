# SPDX-License-Identifier: EUPL-1.2
"""API: the codebook's code lists (public reference data)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path

from zicht.codebook import Codelijst as CodelijstModel
from zicht.codebook import alle_codelijsten
from zicht.web.api import schemas
from zicht.web.api.auth import ApiPubliek
from zicht.web.api.problemen import ApiProbleem, antwoorden
from zicht.web.features import Feature

router = APIRouter(prefix="/codelijsten", tags=["codelijsten"], dependencies=[Depends(ApiPubliek())])


def _samenvatting(lijst: CodelijstModel) -> schemas.CodelijstSamenvatting:
    return schemas.CodelijstSamenvatting(
        naam=lijst.naam,
        label=lijst.nl,
        label_en=lijst.en,
        versie=lijst.versie,
        meervoudig=lijst.meervoudig,
        aantal_codes=len(lijst.codes),
    )


@router.get("", response_model=schemas.CodelijstCollectie, summary="Codelijsten")
def lijst_codelijsten() -> schemas.CodelijstCollectie:
    """Alle codelijsten van het codebook, zonder hun codes."""
    return schemas.CodelijstCollectie(codelijsten=[_samenvatting(lst) for lst in alle_codelijsten().values()])


@router.get("/{naam}", response_model=schemas.Codelijst, responses=antwoorden(400, 404), summary="Codelijst")
def lees_codelijst(naam: Annotated[str, Path(pattern=r"^[a-z_]{1,40}$")]) -> schemas.Codelijst:
    """Eén codelijst met al haar codes, labels (Nederlands en Engels) en uitleg."""
    lijst = alle_codelijsten().get(naam)
    if lijst is None:
        raise ApiProbleem(404, "Deze codelijst bestaat niet.")
    return schemas.Codelijst(
        **_samenvatting(lijst).model_dump(),
        codes=[
            schemas.Code(code=c.code, label=c.nl, label_en=c.en, uitleg=c.uitleg or None, ouder=c.ouder, groep=c.groep)
            for c in lijst.codes
        ],
    )


FEATURE = Feature(naam="api-codelijsten", api=router)
