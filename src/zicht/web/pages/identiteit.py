# SPDX-License-Identifier: EUPL-1.2
"""Identity reveal for the ``identiteit`` role: choose a purpose from the list, give the case reference (and an
explanation for ``anders``), and see the decrypted data of one melding. The reveal and its purpose are logged
before anything is shown; a user's reveals per 24 hours are limited (``ZICHT_ONTHULLINGEN_PER_DAG``), beyond
which the beheerder is alerted. The page is never cached."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry.identiteit import (
    DOELEN,
    OngeldigOnthulverzoek,
    Onthulstatus,
    controleer_onthulverzoek,
    onthul_voor_zaak,
)
from zicht.taal import N_
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Onthuller = Annotated[Aangemeld, Depends(Vereist(Recht.identiteit_onthullen))]
BUDGET_OP = N_("U heeft het maximum aantal identiteiten voor vandaag ingezien. De beheerder is gewaarschuwd.")


def _pagina(request: Request, melding_id: uuid.UUID, extra: dict[str, Any], status_code: int = 200) -> Response:
    context = {
        "melding_id": melding_id,
        "fouten": [],
        "ingevuld": {"doel": "", "zaaknummer": "", "toelichting": ""},
        "doelen": [(code.value, label) for code, label in DOELEN.items()],
        "identiteit": None,
        "logboekdoel": "",
        **extra,
    }
    return render(request, "identiteit/onthullen.html", context, status_code=status_code)


@router.get("/meldingen/{melding_id}/identiteit")
def doel_formulier(request: Request, aangemeld: Onthuller, melding_id: uuid.UUID) -> Response:
    return _pagina(request, melding_id, {})


@router.post("/meldingen/{melding_id}/identiteit")
def onthullen(
    request: Request, aangemeld: Onthuller, melding_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    ctx = web(request)
    ingevuld = {"doel": tekst(form, "doel", 40), "zaaknummer": tekst(form, "zaaknummer", 60)}
    ingevuld["toelichting"] = tekst(form, "toelichting", 500)
    try:
        verzoek = controleer_onthulverzoek(ingevuld["doel"], ingevuld["zaaknummer"], ingevuld["toelichting"])
    except OngeldigOnthulverzoek as exc:
        fouten = [{"veld": veld, "tekst": bericht} for veld, bericht in exc.fouten]
        return _pagina(request, melding_id, {"fouten": fouten, "ingevuld": ingevuld}, status_code=400)
    with ctx.transactie() as s:
        uitkomst = onthul_voor_zaak(
            s, ctx.vault, aangemeld.toegang, melding_id, verzoek, dagbudget=ctx.settings.onthullingen_per_dag
        )
    if uitkomst.status is Onthulstatus.budget_op:
        fout = {"veld": "doel", "tekst": BUDGET_OP}
        return _pagina(request, melding_id, {"fouten": [fout], "ingevuld": ingevuld}, status_code=429)
    if uitkomst.status is Onthulstatus.niet_gevonden:
        raise HTTPException(404)
    return _pagina(
        request,
        melding_id,
        {"ingevuld": ingevuld, "identiteit": uitkomst.identiteit, "logboekdoel": verzoek.logboekdoel},
    )


FEATURE = Feature(
    naam="identiteit",
    pages=router,
    paginas={"/meldingen/{melding_id}/identiteit": Paginatitel(N_("Identiteit inzien"))},
)
