# SPDX-License-Identifier: EUPL-1.2
"""Every processing of one person (for an analyst answering a subject access request). The person's
pseudonym is sent in a form body, not in the URL."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry import verwerkingen_van_persoon
from zicht.taal import N_
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Analist = Annotated[Aangemeld, Depends(Vereist(Recht.logboek_persoon))]


@router.get("/logboek")
def logboek_formulier(request: Request, aangemeld: Analist) -> Response:
    return render(request, "logboek/persoon.html", {"persoon_id": "", "records": None, "fouten": []})


@router.post("/logboek")
def logboek_persoon(request: Request, aangemeld: Analist, form: Annotated[FormData, Depends(formulier)]) -> Response:
    invoer = tekst(form, "persoon_id", 100)
    try:
        persoon_id = uuid.UUID(invoer)
    except ValueError:
        fout = {"veld": "persoon_id", "tekst": N_("Geef het pseudoniem van de persoon (een UUID).")}
        return render(
            request, "logboek/persoon.html", {"persoon_id": invoer, "records": None, "fouten": [fout]}, status_code=400
        )
    with web(request).transactie() as s:
        records = verwerkingen_van_persoon(s, aangemeld.toegang, persoon_id)
    return render(request, "logboek/persoon.html", {"persoon_id": str(persoon_id), "records": records, "fouten": []})


FEATURE = Feature(
    naam="logboek", pages=router, nav=(NavItem("/logboek", N_("Logboek per persoon"), Recht.logboek_persoon, 30),)
)
