# SPDX-License-Identifier: EUPL-1.2
"""Login (password; a new password after a reset; then a TOTP code or recovery code, or the TOTP enrolment with
its QR code and recovery codes), logout and session extension. The user's own account page and password change
live in :mod:`zicht.web.auth.account`.

Every step issues a fresh session id. Failed attempts never say whether the account exists; after too many
failures for an account from one address, or from one address overall, further attempts wait an exponentially
growing time (HTTP 429 with Retry-After; ADR 0008). The client address is the socket's peer, or the
X-Forwarded-For address when the peer is a proxy listed in ZICHT_VERTROUWDE_PROXIES (``zicht serve``).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.accounts import (
    Accountfout,
    Inloguitkomst,
    controleer_inlog,
    controleer_totp,
    heeft_totp,
    kies_nieuw_wachtwoord,
    nieuwe_herstelcodes,
    sessies,
    totp,
)
from zicht.accounts import herstelcodes as herstel
from zicht.accounts.gebruikers import haal_gebruiker, totp_koppelgeheim
from zicht.accounts.sessies import Stap
from zicht.accounts.wachtwoord import MIN_LENGTE
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth import account
from zicht.web.auth.cookies import SESSIE, wis_cookie, zet_cookie
from zicht.web.auth.qr import qr_svg
from zicht.web.auth.sessie import Aangemeld, Publiek, Vereist, sessie
from zicht.web.context import web
from zicht.web.errors import veilig_vervolg
from zicht.web.features import Feature, NavItem, Paginatitel
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
router.include_router(account.router)
Formulier = Annotated[FormData, Depends(formulier)]


def _ip(request: Request) -> str:
    return request.client.host if request.client else "onbekend"


def _naar(pad: str, request: Request, token: str | None = None) -> Response:
    response = RedirectResponse(pad, status_code=303)
    if token is not None:
        zet_cookie(response, request, SESSIE, token)
    return response


@router.get("/inloggen", dependencies=[Depends(Publiek())])
def inlogpagina(request: Request, volgende: str = "/", verlopen: bool = False, uitgelogd: bool = False) -> Response:
    aangemeld = sessie(request)
    if aangemeld is not None and aangemeld.volledig:
        return _naar(veilig_vervolg(volgende), request)
    return render(
        request,
        "auth/inloggen.html",
        {
            "volgende": veilig_vervolg(volgende),
            "verlopen": verlopen,
            "uitgelogd": uitgelogd,
            "fouten": [],
            "gebruikersnaam": "",
        },
    )


@router.post("/inloggen", dependencies=[Depends(Publiek())])
def inloggen(request: Request, form: Formulier) -> Response:
    ctx = web(request)
    naam, wachtwoord = tekst(form, "gebruikersnaam", 64), str(form.get("wachtwoord") or "")
    volgende = veilig_vervolg(tekst(form, "volgende", 500))
    with ctx.transactie() as s:
        uitkomst = controleer_inlog(s, ctx.beveiliging, naam, wachtwoord, _ip(request))
        if uitkomst.uitkomst is Inloguitkomst.ok and uitkomst.gebruiker is not None:
            stap = _stap_na_wachtwoord(uitkomst.gebruiker.wachtwoord_wijzigen, heeft_totp(uitkomst.gebruiker))
            sessies.beeindig_sessie(s, request.cookies.get(SESSIE))
            token = sessies.start_sessie(s, uitkomst.gebruiker.id, stap)
    if uitkomst.uitkomst is Inloguitkomst.ok:
        return _naar(f"{STAPPAGINA[stap]}?volgende={quote(volgende)}", request, token)
    geblokkeerd = uitkomst.uitkomst is Inloguitkomst.geblokkeerd
    fout = (
        f"Te veel mislukte pogingen. Probeer het over {_duur(uitkomst.wacht_seconden)} opnieuw."
        if geblokkeerd
        else N_("De combinatie van gebruikersnaam en wachtwoord is onjuist.")
    )
    response = render(
        request,
        "auth/inloggen.html",
        {
            "volgende": volgende,
            "verlopen": False,
            "uitgelogd": False,
            "gebruikersnaam": naam,
            "fouten": [{"veld": "gebruikersnaam", "tekst": fout}],
        },
        status_code=429 if geblokkeerd else 400,
    )
    if geblokkeerd:
        response.headers["Retry-After"] = str(max(1, uitkomst.wacht_seconden))
    return response


#: The page of each unfinished login step.
STAPPAGINA = {
    Stap.vernieuwen: "/inloggen/nieuw-wachtwoord",
    Stap.wachtwoord: "/inloggen/code",
    Stap.koppelen: "/inloggen/koppelen",
}


def _stap_na_wachtwoord(wachtwoord_wijzigen: bool, met_totp: bool) -> str:
    if wachtwoord_wijzigen:
        return Stap.vernieuwen
    return Stap.wachtwoord if met_totp else Stap.koppelen


def _duur(seconden: int) -> str:
    if seconden < 120:
        return "1 seconde" if seconden <= 1 else f"{seconden} seconden"
    return f"{(seconden + 59) // 60} minuten"


def _halverwege(request: Request, stap: str) -> Aangemeld | None:
    aangemeld = sessie(request)
    return aangemeld if aangemeld is not None and aangemeld.stap == stap else None


@router.get("/inloggen/nieuw-wachtwoord", dependencies=[Depends(Publiek())])
def nieuw_wachtwoord_pagina(request: Request, volgende: str = "/") -> Response:
    if _halverwege(request, Stap.vernieuwen) is None:
        return _naar("/inloggen", request)
    context = {"volgende": veilig_vervolg(volgende), "fouten": [], "min_lengte": MIN_LENGTE}
    return render(request, "auth/nieuw_wachtwoord.html", context)


@router.post("/inloggen/nieuw-wachtwoord", dependencies=[Depends(Publiek())])
def nieuw_wachtwoord(request: Request, form: Formulier) -> Response:
    """The forced new password after a reset by a beheerder; then the (new) second factor."""
    aangemeld = _halverwege(request, Stap.vernieuwen)
    if aangemeld is None:
        return _naar("/inloggen", request)
    ctx = web(request)
    volgende = veilig_vervolg(tekst(form, "volgende", 500))
    nieuw, herhaling = str(form.get("nieuw") or ""), str(form.get("herhaling") or "")
    try:
        with ctx.transactie() as s:
            gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
            assert gebruiker is not None
            kies_nieuw_wachtwoord(ctx.beveiliging, s, gebruiker, nieuw, herhaling)
            stap = _stap_na_wachtwoord(False, heeft_totp(gebruiker))
            token = sessies.vervang_sessie(s, aangemeld.token, stap)
    except Accountfout as exc:
        fouten = [account.fout(request, exc)]
        context = {"volgende": volgende, "fouten": fouten, "min_lengte": MIN_LENGTE}
        return render(request, "auth/nieuw_wachtwoord.html", context, status_code=400)
    return _naar(f"{STAPPAGINA[stap]}?volgende={quote(volgende)}", request, token)


@router.get("/inloggen/code", dependencies=[Depends(Publiek())])
def codepagina(request: Request, volgende: str = "/") -> Response:
    if _halverwege(request, Stap.wachtwoord) is None:
        return _naar("/inloggen", request)
    return render(request, "auth/code.html", {"volgende": veilig_vervolg(volgende), "fouten": []})


@router.get("/inloggen/koppelen", dependencies=[Depends(Publiek())])
def koppelpagina(request: Request, volgende: str = "/") -> Response:
    aangemeld = _halverwege(request, Stap.koppelen)
    if aangemeld is None:
        return _naar("/inloggen", request)
    return render(
        request,
        "auth/koppelen.html",
        {"volgende": veilig_vervolg(volgende), "fouten": [], **_koppelgegevens(request, aangemeld)},
    )


def _koppelgegevens(request: Request, aangemeld: Aangemeld) -> dict[str, object]:
    ctx = web(request)
    with ctx.transactie() as s:
        gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
        assert gebruiker is not None
        geheim = totp_koppelgeheim(ctx.beveiliging, gebruiker)
    uri = totp.otpauth_uri(geheim, aangemeld.gebruikersnaam)
    _ = i18n.vertaler(i18n.kies_taal(request)[0])
    return {
        "geheim": " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4)),
        "uri": uri,
        "qr": qr_svg(uri, _("QR-code om zicht aan uw authenticator-app toe te voegen")),
    }


@router.post("/inloggen/code", dependencies=[Depends(Publiek())])
def code_invoeren(request: Request, form: Formulier) -> Response:
    return _bevestig_code(request, form, Stap.wachtwoord, "auth/code.html")


@router.post("/inloggen/koppelen", dependencies=[Depends(Publiek())])
def koppelen(request: Request, form: Formulier) -> Response:
    return _bevestig_code(request, form, Stap.koppelen, "auth/koppelen.html")


def _bevestig_code(request: Request, form: FormData, stap: str, template: str) -> Response:
    aangemeld = _halverwege(request, stap)
    if aangemeld is None:
        return _naar("/inloggen", request)
    ctx = web(request)
    volgende = veilig_vervolg(tekst(form, "volgende", 500))
    code = tekst(form, "code", 40)
    codes: list[str] = []
    with ctx.transactie() as s:
        gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
        assert gebruiker is not None
        uitkomst = controleer_totp(
            s, ctx.beveiliging, gebruiker, code, _ip(request), herstelcode_toegestaan=stap == Stap.wachtwoord
        )
        if uitkomst is Inloguitkomst.ok:
            token = sessies.vervang_sessie(s, aangemeld.token, Stap.volledig)
            if stap == Stap.koppelen:
                codes = nieuwe_herstelcodes(s, gebruiker)
    if uitkomst is Inloguitkomst.ok:
        if codes:  # shown once, in this answer: the page after enrolment
            response = render(
                request, "auth/herstelcodes.html", {"codes": codes, "volgende": volgende, "na_koppelen": True}
            )
            zet_cookie(response, request, SESSIE, token)
            return response
        if stap == Stap.wachtwoord and herstel.lijkt_op_herstelcode(code):
            return _naar("/account?herstelcode=1", request, token)
        return _naar(volgende, request, token)
    fout = (
        N_("Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.")
        if uitkomst is Inloguitkomst.geblokkeerd
        else N_("Deze code is onjuist of al gebruikt. Wacht op de volgende code en probeer het opnieuw.")
    )
    extra = _koppelgegevens(request, aangemeld) if stap == Stap.koppelen else {}
    return render(
        request,
        template,
        {"volgende": volgende, "fouten": [{"veld": "code", "tekst": fout}], **extra},
        status_code=429 if uitkomst is Inloguitkomst.geblokkeerd else 400,
    )


@router.post("/uitloggen", dependencies=[Depends(Publiek())])
def uitloggen(request: Request) -> Response:
    with web(request).transactie() as s:
        sessies.beeindig_sessie(s, request.cookies.get(SESSIE))
    response = RedirectResponse("/inloggen?uitgelogd=1", status_code=303)
    wis_cookie(response, request, SESSIE)
    return response


@router.post("/sessie/verlengen", dependencies=[Depends(Vereist())])
def verlengen(request: Request, form: Formulier) -> Response:
    """The session was extended by loading it; answer htmx with 204, a plain form with a redirect back."""
    if request.headers.get("hx-request"):
        return Response(status_code=204)
    return _naar(veilig_vervolg(tekst(form, "terug", 500)), request)


FEATURE = Feature(
    naam="auth",
    pages=router,
    nav=(NavItem("/account", N_("Mijn account"), None, 95),),
    paginas={"/account/wachtwoord": Paginatitel(N_("Wachtwoord wijzigen"))},
)
