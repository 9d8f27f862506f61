# SPDX-License-Identifier: EUPL-1.2
"""Security headers on every response, per kind of response (HTML page, API, static file).

Pages get a strict Content-Security-Policy (``default-src 'self'``, no inline script or style,
``frame-ancestors 'none'``); API responses get the headers of the API Design Rules
(``/core/transport/security-headers``) plus the ``API-Version`` header (``/core/version-header``); the
published OpenAPI document may be fetched from any origin (``/core/publish-openapi``).
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIX = "/api/v1"
API_VERSIE = "1.0.0"
OPENAPI_PAD = f"{API_PREFIX}/openapi.json"

CSP_PAGINA = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)

_ALGEMEEN = (
    ("strict-transport-security", "max-age=31536000; includeSubDomains"),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
)
_PAGINA = (
    *_ALGEMEEN,
    ("content-security-policy", CSP_PAGINA),
    ("referrer-policy", "same-origin"),
    ("cache-control", "no-store"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=(), payment=()"),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
)
_API = (
    *_ALGEMEEN,
    ("content-security-policy", "default-src 'none'; frame-ancestors 'none'"),
    ("referrer-policy", "no-referrer"),
    ("cache-control", "no-store"),
    ("api-version", API_VERSIE),
)
_STATISCH = (
    *_ALGEMEEN,
    ("cache-control", "public, max-age=3600"),
    ("cross-origin-resource-policy", "same-origin"),
)


def soort_pad(path: str) -> str:
    """``api``, ``statisch`` or ``pagina`` for a request path."""
    if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
        return "api"
    if path.startswith("/static/"):
        return "statisch"
    return "pagina"


class Beveiligingsheaders:
    """ASGI middleware that adds the headers for the kind of response (without overriding a handler's own
    ``Cache-Control`` or ``Content-Security-Policy``)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        soort = soort_pad(path)
        extra = _API if soort == "api" else _STATISCH if soort == "statisch" else _PAGINA

        async def send_met_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for naam, waarde in extra:
                    if naam not in headers:
                        headers[naam] = waarde
                if path == OPENAPI_PAD:
                    headers["access-control-allow-origin"] = "*"
                    headers["cross-origin-resource-policy"] = "cross-origin"
            await send(message)

        await self.app(scope, receive, send_met_headers)


class TeGrootVerzoek(Exception):
    """The request body is larger than the app accepts."""


class Verzoeklimiet:
    """ASGI middleware limiting the request body: a declared ``Content-Length`` above ``max_bytes`` is refused
    at once (413, before any form or file is parsed); a body that turns out larger while it is read raises
    :class:`TeGrootVerzoek`, which the apps answer with 413 as well."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        lengte = dict(scope.get("headers") or []).get(b"content-length")
        if lengte is not None and lengte.isdigit() and int(lengte) > self.max_bytes:
            await _te_groot(scope, send)
            return
        gelezen = 0

        async def tellend() -> Message:
            nonlocal gelezen
            message = await receive()
            if message["type"] == "http.request":
                gelezen += len(message.get("body", b""))
                if gelezen > self.max_bytes:
                    raise TeGrootVerzoek()
            return message

        await self.app(scope, tellend, send)


async def _te_groot(scope: Scope, send: Send) -> None:
    api = soort_pad(scope["path"]) == "api"
    if api:
        body = (
            '{"type":"about:blank","title":"Content Too Large","status":413,'
            '"detail":"Het verzoek is te groot.","instance":"' + scope["path"].replace('"', "") + '"}'
        ).encode()
        soort = b"application/problem+json"
    else:
        body = b"Het verzoek is te groot / the request is too large."
        soort = b"text/plain; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", soort), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
