# SPDX-License-Identifier: EUPL-1.2
"""The cookies of the web app and their flags: HttpOnly, SameSite=Lax, Secure over TLS (always in
productie), no expiry (the server ends sessions)."""

from __future__ import annotations

from starlette.requests import HTTPConnection
from starlette.responses import Response

from zicht.web.context import web

SESSIE = "zicht_sessie"
ANONIEM = "zicht_anon"


def is_veilig(conn: HTTPConnection) -> bool:
    """True when cookies must carry ``Secure``: the request came over TLS, or this is productie."""
    return conn.url.scheme == "https" or web(conn).is_productie


def zet_cookie(response: Response, conn: HTTPConnection, naam: str, waarde: str) -> None:
    """Set one of our cookies with the standard flags."""
    response.set_cookie(naam, waarde, httponly=True, secure=is_veilig(conn), samesite="lax", path="/")


def wis_cookie(response: Response, conn: HTTPConnection, naam: str) -> None:
    """Remove one of our cookies."""
    response.delete_cookie(naam, httponly=True, secure=is_veilig(conn), samesite="lax", path="/")
