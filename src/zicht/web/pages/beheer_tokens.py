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
from zicht.privacy.toegang import TOKEN_SCOPE_LABELS, TOKEN_SCOPES, Recht
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.formulier import formulier, lijst, tekst
from zicht.web.templating import render

router = APIRouter()
Beheerder = Annotated[Aangemeld, Depends(Vereist(Recht.beheer))]


def scope_label(scope: str, taal: str) -> str:
    """What a scope allows, in the page's language (the code itself for an unknown scope)."""
    return i18n.vertaler(taal)(TOKEN_SCOPE_LABELS.get(scope, scope))


def _pagina(request: Request, extra: dict[str, Any], status_code: int = 200) -> Response:
    taal = i18n.kies_taal(request)[0]
    with web(request).transactie() as s:
        tokens = lijst_tokens(s)
        organisaties = [(o.code, o.naam) for o in lijst_organisaties(s)]
    context = {
        "tokens": tokens,
        "organisaties": organisaties,
        "scopes": [(s, scope_label(s, taal)) for s in TOKEN_SCOPES],
        "scope_label": lambda scopes: ", ".join(scope_label(s, taal) for s in scopes.split()),
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
                raise Tokenfout(N_("Kies een organisatie uit de lijst."))
            plaintext, _ = maak_token(
                s,
                org,
                lijst(form, "scopes"),
                omschrijving=tekst(form, "omschrijving", 200),
                door=str(aangemeld.gebruiker_id),
            )
    except Tokenfout as exc:
        veld = "scopes" if str(exc).startswith("scopes") else "organisatie"
        _ = i18n.vertaler_voor(request)
        return _pagina(request, {"fouten": [{"veld": veld, "tekst": _(str(exc))}]}, status_code=400)
    return _pagina(request, {"nieuw": plaintext})


def _bevestigpagina(request: Request, token_id: uuid.UUID, fout: str | None = None) -> Response:
    with web(request).transactie() as s:
        gevonden = next(((t, org) for t, org in lijst_tokens(s) if t.id == token_id), None)
    if gevonden is None or gevonden[0].ingetrokken_op is not None:
        raise HTTPException(404)
    taal = i18n.kies_taal(request)[0]
    token, org = gevonden
    return render(
        request,
        "beheer/token_intrekken.html",
        {
            "token": token,
            "organisatie": org,
            "scopes": ", ".join(scope_label(sc, taal) for sc in token.scopes.split()),
            "fouten": [{"veld": "bevestig", "tekst": fout}] if fout else [],
        },
        status_code=400 if fout else 200,
    )


@router.get("/tokens/{token_id}/intrekken")
def token_intrekken_bevestigen(request: Request, aangemeld: Beheerder, token_id: uuid.UUID) -> Response:
    """Revoking a token cannot be undone: the beheerder confirms on its own page first."""
    return _bevestigpagina(request, token_id)


@router.post("/tokens/{token_id}/intrekken")
def token_intrekken(
    request: Request, aangemeld: Beheerder, token_id: uuid.UUID, form: Annotated[FormData, Depends(formulier)]
) -> Response:
    if tekst(form, "bevestig") != "ja":
        return _bevestigpagina(request, token_id, N_("Bevestig dat het token direct en voorgoed ophoudt te werken."))
    with web(request).transactie() as s:
        if not trek_token_in(s, token_id):
            raise HTTPException(404)
    return RedirectResponse("/beheer/tokens?ingetrokken=1", status_code=303)
