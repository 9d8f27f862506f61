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
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
Onthuller = Annotated[Aangemeld, Depends(Vereist(Recht.identiteit_onthullen))]
BUDGET_OP = "U heeft het maximum aantal identiteiten voor vandaag ingezien. De beheerder is gewaarschuwd."


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
    vertalingen={
        BUDGET_OP: "You have viewed the maximum number of identities for today. The administrator has been alerted.",
        "Kies een doel uit de lijst.": "Choose a purpose from the list.",
        "Geef een geldig zaaknummer, bijvoorbeeld PL0900-2026-123456 of OM-2026-0042.": "Give a valid case "
        "reference, for example PL0900-2026-123456 or OM-2026-0042.",
        "De toelichting is ten hoogste 140 tekens.": "The explanation is at most 140 characters.",
        "Licht het doel 'anders' toe in 10 tot 140 tekens.": "Explain the purpose 'other' in 10 to 140 characters.",
        "Opsporing en vervolging": "Investigation and prosecution",
        "Hulpverlening of plaatsing in de opvang": "Assistance or placement in a shelter",
        "Controle van een koppeling (dubbele registratie)": "Checking a link (duplicate registration)",
        "Verzoek van de betrokkene (inzage, AVG art. 15)": "Request of the data subject (access, GDPR art. 15)",
        "Anders (met toelichting)": "Other (with explanation)",
        "Zaaknummer": "Case reference",
        "Het nummer van de zaak of het dossier waarvoor u dit nodig heeft, bijvoorbeeld PL0900-2026-123456.": "The "
        "number of the case or file you need this for, for example PL0900-2026-123456.",
        "Verplicht bij 'anders', anders optioneel; ten hoogste 140 tekens, geen namen of andere persoonsgegevens.": ""
        "Required for 'other', otherwise optional; at most 140 characters, no names or other personal data.",
        "Kies het doel": "Choose the purpose",
        "Identiteitsonthullingen boven het dagbudget": "Identity reveals above the daily budget",
        "{gebruiker}: {aantal} keer geweigerd, laatst op {tijdstip}.": "{gebruiker}: refused {aantal} times, last "
        "at {tijdstip}.",
        "Deze gebruikers probeerden in de afgelopen 7 dagen meer identiteiten in te zien dan het dagbudget "
        "toestaat. Ga na of dat nodig was.": "These users tried to view more identities in the last 7 days "
        "than the daily budget allows. Check whether that was necessary.",
    },
)
