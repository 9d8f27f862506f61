# SPDX-License-Identifier: EUPL-1.2
"""Login (password, then TOTP code or TOTP enrolment), logout and session extension.

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

from zicht.accounts import Inloguitkomst, controleer_inlog, controleer_totp, heeft_totp, sessies, totp
from zicht.accounts.gebruikers import haal_gebruiker, totp_koppelgeheim
from zicht.accounts.sessies import Stap
from zicht.web.auth.cookies import SESSIE, wis_cookie, zet_cookie
from zicht.web.auth.sessie import Aangemeld, Publiek, Vereist, sessie
from zicht.web.context import web
from zicht.web.errors import veilig_vervolg
from zicht.web.features import Feature
from zicht.web.formulier import formulier, tekst
from zicht.web.templating import render

router = APIRouter()
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
            stap = Stap.wachtwoord if heeft_totp(uitkomst.gebruiker) else Stap.koppelen
            sessies.beeindig_sessie(s, request.cookies.get(SESSIE))
            token = sessies.start_sessie(s, uitkomst.gebruiker.id, stap)
    if uitkomst.uitkomst is Inloguitkomst.ok:
        pad = "/inloggen/code" if stap == Stap.wachtwoord else "/inloggen/koppelen"
        return _naar(f"{pad}?volgende={quote(volgende)}", request, token)
    geblokkeerd = uitkomst.uitkomst is Inloguitkomst.geblokkeerd
    fout = (
        f"Te veel mislukte pogingen. Probeer het over {_duur(uitkomst.wacht_seconden)} opnieuw."
        if geblokkeerd
        else "De combinatie van gebruikersnaam en wachtwoord is onjuist."
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


def _duur(seconden: int) -> str:
    if seconden < 120:
        return "1 seconde" if seconden <= 1 else f"{seconden} seconden"
    return f"{(seconden + 59) // 60} minuten"


def _halverwege(request: Request, stap: str) -> Aangemeld | None:
    aangemeld = sessie(request)
    return aangemeld if aangemeld is not None and aangemeld.stap == stap else None


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


def _koppelgegevens(request: Request, aangemeld: Aangemeld) -> dict[str, str]:
    ctx = web(request)
    with ctx.transactie() as s:
        gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
        assert gebruiker is not None
        geheim = totp_koppelgeheim(ctx.beveiliging, gebruiker)
    return {
        "geheim": " ".join(geheim[i : i + 4] for i in range(0, len(geheim), 4)),
        "uri": totp.otpauth_uri(geheim, aangemeld.gebruikersnaam),
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
    with ctx.transactie() as s:
        gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
        assert gebruiker is not None
        uitkomst = controleer_totp(s, ctx.beveiliging, gebruiker, tekst(form, "code", 20), _ip(request))
        if uitkomst is Inloguitkomst.ok:
            token = sessies.vervang_sessie(s, aangemeld.token, Stap.volledig)
    if uitkomst is Inloguitkomst.ok:
        return _naar(volgende, request, token)
    fout = (
        "Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw."
        if uitkomst is Inloguitkomst.geblokkeerd
        else "Deze code is onjuist of al gebruikt. Wacht op de volgende code en probeer het opnieuw."
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
    vertalingen={
        "Te veel mislukte pogingen. Wacht even en probeer het dan opnieuw.": "Too many failed attempts. Wait a "
        "moment and try again.",
        # the 400 page of zicht.web.errors (bad page parameters)
        "Ongeldig verzoek": "Invalid request",
        "Een of meer gegevens in het adres of het formulier zijn ongeldig. Controleer de link of begin opnieuw.": ""
        "One or more values in the address or the form are invalid. Check the link or start again.",
    },
)
