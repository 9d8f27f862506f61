# SPDX-License-Identifier: EUPL-1.2
"""Errors of the API as ``application/problem+json`` (RFC 9457, ADR ``/core/error-handling/*``).

Every 4xx/5xx response has ``type``, ``title``, ``status``, ``detail`` and ``instance``; validation errors
are 400 (never 422) and list every invalid field in ``invalidParams`` (``name``, ``code``, ``reason``, the VNG
convention). Problems never contain a stack trace, an input value or personal data.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from pydantic.alias_generators import to_camel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from zicht.analysis.publicatie import TeveelBerekeningen
from zicht.privacy.toegang import GeenToegang
from zicht.web.security import TeGrootVerzoek

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
TYPE_ONGELDIG = "urn:nl:zicht:probleem:ongeldige-invoer"


class OngeldigeParameter(BaseModel):
    """One invalid field: its name (as in the request), a stable code and the reason in Dutch."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    name: str = Field(description="Naam van het veld of de parameter, zoals in het verzoek.")
    code: str = Field(description="Vaste code van het probleem, bijvoorbeeld 'verplicht' of 'onbekende_code'.")
    reason: str = Field(description="Uitleg in het Nederlands.")


class Probleem(BaseModel):
    """A problem report (RFC 9457)."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True)

    type: str = Field("about:blank", description="URI die het soort probleem aanduidt.")
    title: str = Field(description="Korte samenvatting van het soort probleem.")
    status: int = Field(description="De HTTP-statuscode.")
    detail: str = Field(description="Uitleg over dit geval.")
    instance: str = Field(description="Het pad van het verzoek waarop dit antwoord kwam.")
    invalid_params: list[OngeldigeParameter] | None = Field(
        None, description="Bij status 400: elk ongeldig veld, allemaal tegelijk."
    )


class ApiProbleem(Exception):
    """Raised by an API route to answer with a problem."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        type: str = "about:blank",
        invalid_params: Sequence[OngeldigeParameter] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.type = type
        self.invalid_params = list(invalid_params) if invalid_params is not None else None
        self.headers = headers


def probleem(
    request: Request,
    status: int,
    detail: str,
    *,
    type: str = "about:blank",
    invalid_params: Sequence[OngeldigeParameter] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    """A problem+json response."""
    body = Probleem(
        type=type,
        title=HTTPStatus(status).phrase,
        status=status,
        detail=detail,
        instance=request.url.path,
        invalid_params=list(invalid_params) if invalid_params is not None else None,
    )
    return JSONResponse(
        body.model_dump(by_alias=True, exclude_none=True), status_code=status, media_type=MEDIA_TYPE, headers=headers
    )


_REDENEN = {
    "missing": "verplicht veld ontbreekt",
    "extra_forbidden": "onbekend veld",
    "string_too_long": "te lang",
    "string_too_short": "te kort",
    "string_pattern_mismatch": "heeft niet de juiste vorm",
    "string_type": "moet tekst zijn",
    "int_parsing": "moet een geheel getal zijn",
    "int_type": "moet een geheel getal zijn",
    "greater_than_equal": "te klein",
    "less_than_equal": "te groot",
    "date_from_datetime_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_parsing": "moet een datum zijn (JJJJ-MM-DD)",
    "date_type": "moet een datum zijn (JJJJ-MM-DD)",
    "uuid_parsing": "moet een UUID zijn",
    "list_type": "moet een lijst zijn",
    "too_long": "te veel waarden",
    "too_short": "te weinig waarden",
    "json_invalid": "geen geldige JSON",
    "model_attributes_type": "moet een object zijn",
    "dict_type": "moet een object zijn",
}


def _naam(loc: Sequence[Any]) -> str:
    delen = [str(p) for p in loc if p not in ("body", "query", "path", "header", "cookie")]
    return ".".join(delen) or "body"


async def _validatie(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    params = [
        OngeldigeParameter(
            name=_naam(err.get("loc", ())),
            code=str(err.get("type", "ongeldig")),
            reason=_REDENEN.get(str(err.get("type")), "ongeldige waarde"),
        )
        for err in exc.errors()
    ]
    return probleem(request, 400, "Het verzoek bevat ongeldige invoer.", type=TYPE_ONGELDIG, invalid_params=params)


async def _api_probleem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ApiProbleem)
    return probleem(
        request, exc.status, exc.detail, type=exc.type, invalid_params=exc.invalid_params, headers=exc.headers
    )


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    detail = {
        404: "Deze bron bestaat niet, of u heeft er geen toegang toe.",
        405: "Deze methode is hier niet toegestaan.",
    }
    return probleem(
        request,
        exc.status_code,
        detail.get(exc.status_code, HTTPStatus(exc.status_code).phrase),
        headers=dict(exc.headers) if exc.headers else None,
    )


async def _te_groot(request: Request, exc: Exception) -> Response:
    return probleem(request, 413, "Het verzoek is te groot.")


async def _geen_toegang(request: Request, exc: Exception) -> Response:
    return probleem(request, 403, "Uw rol of token geeft geen recht op deze handeling.")


async def _te_veel_berekeningen(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, TeveelBerekeningen)
    return probleem(
        request,
        429,
        f"Te veel nieuwe berekeningen in korte tijd; probeer het over {exc.wacht} seconden opnieuw.",
        headers={"Retry-After": str(exc.wacht)},
    )


async def _onverwacht(request: Request, exc: Exception) -> Response:
    log.error("onverwachte fout in de API bij %s %s: %s", request.method, request.url.path, type(exc).__name__)
    return probleem(request, 500, "Er ging iets mis aan onze kant. De fout is vastgelegd.")


def registreer(app: FastAPI) -> None:
    """Install the problem+json handlers on the API app."""
    app.add_exception_handler(RequestValidationError, _validatie)
    app.add_exception_handler(ApiProbleem, _api_probleem)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(GeenToegang, _geen_toegang)
    app.add_exception_handler(TeGrootVerzoek, _te_groot)
    app.add_exception_handler(TeveelBerekeningen, _te_veel_berekeningen)
    app.add_exception_handler(Exception, _onverwacht)


_OMSCHRIJVING = {
    400: "Ongeldige invoer; elk ongeldig veld staat in invalidParams.",
    401: "Niet geauthenticeerd: geef een geldig API-token (Authorization: Bearer).",
    403: "Geen recht op deze handeling.",
    404: "Bestaat niet, of valt buiten uw bereik.",
    406: "Gevraagd formaat wordt niet ondersteund.",
    409: "Conflict met een eerder aangeleverde melding.",
    412: "De bron is gewijzigd sinds u haar las (If-Match past niet bij de huidige ETag).",
    428: "Geef If-Match met de ETag van de versie die u las.",
    413: "Bestand te groot.",
    429: "Te veel verzoeken of berekeningen in korte tijd; zie Retry-After.",
}


def antwoorden(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The documented problem responses of a route (content type fixed to problem+json in the OpenAPI)."""
    return {code: {"model": Probleem, "description": _OMSCHRIJVING[code]} for code in codes}
