# SPDX-License-Identifier: EUPL-1.2
"""The user's own account: what zicht knows about the login (name, role, organisation or area, second factor,
unused recovery codes), a password change (current password and the new one twice; every other session of
the user ends) and a new set of recovery codes (shown once). Any logged-in user."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import Accountfout, nieuwe_herstelcodes, sessies, wijzig_wachtwoord
from zicht.accounts.gebied import is_bekend
from zicht.accounts.gebruikers import accountoverzicht, haal_gebruiker
from zicht.accounts.sessies import Stap
from zicht.accounts.wachtwoord import MIN_LENGTE
from zicht.reference import Gebiedsniveau
from zicht.web import i18n
from zicht.web.auth.cookies import SESSIE, zet_cookie
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.formulier import formulier
from zicht.web.templating import render

router = APIRouter()
Ingelogd = Annotated[Aangemeld, Depends(Vereist())]
Formulier = Annotated[FormData, Depends(formulier)]


def fout(request: Request, exc: Accountfout, veld: str = "") -> dict[str, str]:
    """An account error as an error-summary entry, in the page language."""
    _ = i18n.vertaler(i18n.kies_taal(request)[0])
    return {"veld": exc.veld or veld, "tekst": _(exc.tekst, **exc.waarden) if exc.waarden else _(exc.tekst)}


def gebiedslabel(request: Request, gebied: str | None) -> str:
    """``gemeente:GM0193`` as "gemeente Zwolle"; an area missing from the reference data says so."""
    from zicht.web.pages.gebiedskeuze import gebiedslabel as label

    if not gebied:
        return "–"
    ref = web(request).reference
    taal = i18n.kies_taal(request)[0]
    if not is_bekend(ref, gebied):
        _ = i18n.vertaler(taal)
        return _("{gebied} (onbekend gebied)", gebied=gebied)
    niveau, _, code = gebied.partition(":")
    return label(ref, Gebiedsniveau(niveau), code, taal)


def _ip(request: Request) -> str:
    return request.client.host if request.client else "onbekend"


def _accountpagina(request: Request, aangemeld: Aangemeld, extra: dict[str, Any], status_code: int = 200) -> Response:
    with web(request).transactie() as s:
        overzicht = accountoverzicht(s, aangemeld.gebruiker_id)
    assert overzicht is not None
    context = {
        "overzicht": overzicht,
        "gebiedslabel": gebiedslabel(request, overzicht.gebruiker.gebied),
        "gewijzigd": request.query_params.get("gewijzigd") == "1",
        "herstelcode_gebruikt": request.query_params.get("herstelcode") == "1",
        "fouten": [],
        **extra,
    }
    return render(request, "auth/account.html", context, status_code=status_code)


@router.get("/account")
def account(request: Request, aangemeld: Ingelogd) -> Response:
    return _accountpagina(request, aangemeld, {})


@router.get("/account/wachtwoord")
def wachtwoord_formulier(request: Request, aangemeld: Ingelogd) -> Response:
    return render(request, "auth/wachtwoord.html", {"fouten": [], "min_lengte": MIN_LENGTE})


@router.post("/account/wachtwoord")
def wachtwoord_wijzigen(request: Request, aangemeld: Ingelogd, form: Formulier) -> Response:
    ctx = web(request)
    huidig, nieuw, herhaling = (str(form.get(k) or "") for k in ("huidig", "nieuw", "herhaling"))
    try:
        with ctx.transactie() as s:
            gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
            assert gebruiker is not None
            wijzig_wachtwoord(
                s, ctx.beveiliging, gebruiker, huidig, nieuw, herhaling, _ip(request), behoud_sessie=aangemeld.token
            )
            token = sessies.vervang_sessie(s, aangemeld.token, Stap.volledig)
    except Accountfout as exc:
        context = {"fouten": [fout(request, exc, "huidig")], "min_lengte": MIN_LENGTE}
        return render(request, "auth/wachtwoord.html", context, status_code=400)
    response = RedirectResponse("/account?gewijzigd=1", status_code=303)
    zet_cookie(response, request, SESSIE, token)
    return response


@router.post("/account/herstelcodes")
def herstelcodes_maken(request: Request, aangemeld: Ingelogd, form: Formulier) -> Response:
    """A new set of recovery codes after the user ticked that the old set becomes void (works without JS)."""
    if form.get("bevestig") != "ja":
        _ = i18n.vertaler(i18n.kies_taal(request)[0])
        melding = _("Vink aan dat uw oude herstelcodes dan niet meer werken.")
        return _accountpagina(request, aangemeld, {"fouten": [{"veld": "bevestig", "tekst": melding}]}, 400)
    ctx = web(request)
    try:
        with ctx.transactie() as s:
            gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
            assert gebruiker is not None
            codes = nieuwe_herstelcodes(s, gebruiker)
    except Accountfout as exc:
        return _accountpagina(request, aangemeld, {"fouten": [fout(request, exc, "bevestig")]}, 400)
    return render(request, "auth/herstelcodes.html", {"codes": codes, "volgende": "/account", "na_koppelen": False})
