# SPDX-License-Identifier: EUPL-1.2
"""Error handling of the HTML pages: login redirects, 400/403/404 pages, and a 500 page without details.

A page route's parameter that fails validation (a wrong type, a number out of bounds) gives the 400 page,
never FastAPI's 422 JSON, which would echo the input.

API errors are handled separately (problem+json, see ``zicht.web.api.problemen``); a request under
``/api/`` that reaches these handlers (e.g. ``/api/v1`` itself) is answered in problem+json too.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from zicht.analysis.publicatie import TeveelBerekeningen
from zicht.privacy.toegang import GeenToegang
from zicht.taal import N_
from zicht.web.auth.csrf import CsrfFout
from zicht.web.auth.sessie import NietIngelogd
from zicht.web.i18n import vertaler_voor
from zicht.web.security import TeGrootVerzoek, soort_pad
from zicht.web.templating import render

log = logging.getLogger(__name__)


def veilig_vervolg(pad: str | None) -> str:
    """A local path to continue to after login; anything else (other hosts, ``//x``, ``\\``) becomes ``/``."""
    if not pad or not pad.startswith("/") or pad.startswith("//") or "\\" in pad or len(pad) > 500:
        return "/"
    return pad


def _foutpagina(request: Request, status: int, titel: str, uitleg: str, **waarden: object) -> Response:
    """The error page (or problem+json under ``/api/``); ``titel`` and ``uitleg`` are Dutch source text."""
    if soort_pad(request.url.path) == "api":
        return JSONResponse(
            {
                "type": "about:blank",
                "title": HTTPStatus(status).phrase,
                "status": status,
                "detail": titel,
                "instance": request.url.path,
            },
            status_code=status,
            media_type="application/problem+json",
        )
    _ = vertaler_voor(request)
    return render(
        request,
        "fouten/fout.html",
        # no breadcrumb trail: the page asked for is not shown (and a refused id must look like an unknown one)
        {"status": status, "titel": _(titel), "uitleg": _(uitleg, **waarden) if uitleg else "", "kruimels": []},
        status_code=status,
    )


async def niet_ingelogd(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, NietIngelogd)
    doel = f"/inloggen?volgende={quote(veilig_vervolg(request.url.path + ('?' + request.url.query if request.url.query else '')))}"
    if exc.verlopen:
        doel += "&verlopen=1"
    if request.headers.get("hx-request"):
        return Response(status_code=401, headers={"HX-Redirect": doel})
    return RedirectResponse(doel, status_code=303)


async def geen_toegang(request: Request, exc: Exception) -> Response:
    return _foutpagina(request, 403, N_("Geen toegang"), N_("Uw rol geeft geen toegang tot deze pagina."))


async def csrf_fout(request: Request, exc: Exception) -> Response:
    return _foutpagina(
        request,
        403,
        N_("Formulier verlopen"),
        N_("Het formulier is verlopen of niet door deze site verstuurd. Probeer het opnieuw."),
    )


async def te_groot(request: Request, exc: Exception) -> Response:
    return _foutpagina(request, 413, N_("Te groot"), N_("Het verzoek of bestand is te groot."))


ONGELDIG_TITEL = N_("Ongeldig verzoek")
ONGELDIG_UITLEG = N_(
    "Een of meer gegevens in het adres of het formulier zijn ongeldig. Controleer de link of begin opnieuw."
)


async def ongeldig_verzoek(request: Request, exc: Exception) -> Response:
    return _foutpagina(request, 400, ONGELDIG_TITEL, ONGELDIG_UITLEG)


async def http_fout(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        return _foutpagina(request, 400, ONGELDIG_TITEL, ONGELDIG_UITLEG)
    if exc.status_code == 404:
        return _foutpagina(
            request, 404, N_("Pagina niet gevonden"), N_("Deze pagina bestaat niet, of u heeft er geen toegang toe.")
        )
    if soort_pad(request.url.path) == "api":
        return _foutpagina(request, exc.status_code, HTTPStatus(exc.status_code).phrase, "")
    return _foutpagina(request, exc.status_code, N_("Dit verzoek kan niet worden verwerkt"), "")


async def te_veel_berekeningen(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TeveelBerekeningen)
    antwoord = _foutpagina(
        request,
        429,
        N_("Even geduld"),
        N_("U heeft in korte tijd veel nieuwe tabellen laten berekenen. Probeer het over {wacht} seconden opnieuw."),
        wacht=exc.wacht,
    )
    antwoord.headers["Retry-After"] = str(exc.wacht)
    return antwoord


async def serverfout(request: Request, exc: Exception) -> Response:
    log.error("onverwachte fout bij %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return _foutpagina(request, 500, N_("Er ging iets mis"), N_("Probeer het later opnieuw. De fout is vastgelegd."))


def registreer(app: FastAPI) -> None:
    """Install the page error handlers on the app."""
    app.add_exception_handler(NietIngelogd, niet_ingelogd)
    app.add_exception_handler(GeenToegang, geen_toegang)
    app.add_exception_handler(CsrfFout, csrf_fout)
    app.add_exception_handler(TeGrootVerzoek, te_groot)
    app.add_exception_handler(TeveelBerekeningen, te_veel_berekeningen)
    app.add_exception_handler(RequestValidationError, ongeldig_verzoek)
    app.add_exception_handler(StarletteHTTPException, http_fout)
    app.add_exception_handler(Exception, serverfout)
