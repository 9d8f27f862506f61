# SPDX-License-Identifier: EUPL-1.2
"""Identity reveal for the ``identiteit`` role: state a purpose, and see the decrypted data of one melding.
The reveal and its purpose are logged before anything is shown; the page is never cached."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry import DoelOntbreekt, onthul_identiteit
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Onthuller = Annotated[Aangemeld, Depends(Vereist(Recht.identiteit_onthullen))]


@router.get("/meldingen/{melding_id}/identiteit")
def doel_formulier(request: Request, aangemeld: Onthuller, melding_id: uuid.UUID) -> Response:
    return render(
        request, "identiteit/onthullen.html", {"melding_id": melding_id, "fouten": [], "doel": "", "identiteit": None}
    )


@router.post("/meldingen/{melding_id}/identiteit")
def onthullen(
    request: Request, aangemeld: Onthuller, melding_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    ctx = web(request)
    doel = tekst(form, "doel", 500)
    try:
        with ctx.transactie() as s:
            identiteit = onthul_identiteit(s, ctx.vault, aangemeld.toegang, melding_id, doel)
    except DoelOntbreekt:
        fout = {"veld": "doel", "tekst": "Beschrijf het doel in 10 tot 200 tekens."}
        return render(
            request,
            "identiteit/onthullen.html",
            {"melding_id": melding_id, "fouten": [fout], "doel": doel, "identiteit": None},
            status_code=400,
        )
    if identiteit is None:
        raise HTTPException(404)
    return render(
        request,
        "identiteit/onthullen.html",
        {"melding_id": melding_id, "fouten": [], "doel": doel, "identiteit": identiteit},
    )


FEATURE = Feature(naam="identiteit", pages=router)
