# SPDX-License-Identifier: EUPL-1.2
"""Administration of API tokens: create one for an organisation with scopes (the token is shown once),
list them, and revoke one. Included in the beheer router (prefix ``/beheer``)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import Tokenfout, lijst_organisaties, lijst_tokens, maak_token, trek_token_in, zoek_organisatie
from zicht.privacy.toegang import TOKEN_SCOPES, Recht
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.formulier import formulier, lijst, tekst
from zicht.web.templating import render

router = APIRouter()
Beheerder = Annotated[Aangemeld, Depends(Vereist(Recht.beheer))]


def _pagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    with web(request).transactie() as s:
        tokens = lijst_tokens(s)
        organisaties = [(o.code, o.naam) for o in lijst_organisaties(s)]
    context = {
        "tokens": tokens,
        "organisaties": organisaties,
        "scopes": [(s, s) for s in TOKEN_SCOPES],
        "fouten": [],
        "nieuw": None,
        **extra,
    }
    return render(request, "beheer/tokens.html", context, status_code=status_code)


@router.get("/tokens")
def tokens(request: Request, aangemeld: Beheerder) -> Response:
    return _pagina(request, {})


@router.post("/tokens")
def token_aanmaken(request: Request, aangemeld: Beheerder, form: Annotated[FormData, Depends(formulier)]) -> Response:
    try:
        with web(request).transactie() as s:
            org = zoek_organisatie(s, tekst(form, "organisatie", 64))
            if org is None:
                raise Tokenfout("kies een organisatie")
            plaintext, _ = maak_token(
                s,
                org,
                lijst(form, "scopes"),
                omschrijving=tekst(form, "omschrijving", 200),
                door=str(aangemeld.gebruiker_id),
            )
    except Tokenfout as exc:
        return _pagina(request, {"fouten": [{"veld": "organisatie", "tekst": str(exc)}]}, status_code=400)
    return _pagina(request, {"nieuw": plaintext})


@router.post("/tokens/{token_id}/intrekken")
def token_intrekken(request: Request, aangemeld: Beheerder, token_id: uuid.UUID) -> Response:
    with web(request).transactie() as s:
        if not trek_token_in(s, token_id):
            raise HTTPException(404)
    return RedirectResponse("/beheer/tokens", status_code=303)
