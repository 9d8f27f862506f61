# SPDX-License-Identifier: EUPL-1.2
"""Who calls the API: an organisation's token (``Authorization: Bearer``), or, for same-origin htmx calls
from the pages, the session cookie (then unsafe methods need the ``X-CSRF-Token`` header).

Every API route declares its access with one dependency: ``Depends(ApiVereist(recht))`` or
``Depends(ApiPubliek())``; the authorisation matrix test reads these declarations.
"""

from __future__ import annotations

import hmac

from fastapi import Depends
from fastapi.security import APIKeyCookie, HTTPAuthorizationCredentials, HTTPBearer
from starlette.requests import Request

from zicht.accounts import controleer_token
from zicht.privacy.toegang import Recht, Toegang
from zicht.web.api.problemen import ApiProbleem
from zicht.web.auth.cookies import SESSIE
from zicht.web.auth.csrf import HEADER, VEILIGE_METHODEN, token_voor
from zicht.web.auth.sessie import sessie
from zicht.web.context import web

bearer = HTTPBearer(
    scheme_name="bearerAuth",
    auto_error=False,
    description="API-token van een organisatie (aan te maken door een beheerder, `zicht users token-aanmaken`).",
)
sessie_cookie = APIKeyCookie(
    name=SESSIE,
    scheme_name="sessieCookie",
    auto_error=False,
    description="Sessie van de webapplicatie (alleen voor aanroepen vanaf de eigen pagina's; "
    "onveilige methoden vereisen de header X-CSRF-Token).",
)


def _niet_geauthenticeerd() -> ApiProbleem:
    return ApiProbleem(
        401, "Geef een geldig API-token mee (Authorization: Bearer).", headers={"WWW-Authenticate": "Bearer"}
    )


def _via_token(request: Request, token: str) -> Toegang:
    with web(request).transactie() as s:
        gevonden = controleer_token(s, token)
        if gevonden is None:
            raise _niet_geauthenticeerd()
        row, org = gevonden
        return Toegang.voor_token(row.id, org.id, org.code, tuple(row.scopes.split()))


def _via_sessie(request: Request) -> Toegang:
    aangemeld = sessie(request)
    if aangemeld is None or not aangemeld.volledig:
        raise _niet_geauthenticeerd()
    if request.method not in VEILIGE_METHODEN:
        verwacht = token_voor(request)
        gegeven = request.headers.get(HEADER, "")
        if verwacht is None or not hmac.compare_digest(gegeven, verwacht):
            raise ApiProbleem(403, "Aanroep met sessie zonder geldige X-CSRF-Token-header.")
    return aangemeld.toegang


class ApiVereist:
    """Dependency: an authenticated caller holding ``recht``; returns its Toegang."""

    def __init__(self, recht: Recht) -> None:
        self.recht = recht

    def __call__(
        self,
        request: Request,
        credentials: HTTPAuthorizationCredentials | None = Depends(bearer),  # noqa: B008
        cookie: str | None = Depends(sessie_cookie),
    ) -> Toegang:
        if credentials is not None:
            toegang = _via_token(request, credentials.credentials)
        elif cookie:
            toegang = _via_sessie(request)
        else:
            raise _niet_geauthenticeerd()
        toegang.vereis(self.recht)
        return toegang

    def __repr__(self) -> str:
        return f"ApiVereist({self.recht.value})"


class ApiPubliek:
    """Dependency marking an API route as public (reference data, the index, the OpenAPI document)."""

    async def __call__(self) -> None:  # async: a public route needs no worker thread
        return None

    def __repr__(self) -> str:
        return "ApiPubliek()"
