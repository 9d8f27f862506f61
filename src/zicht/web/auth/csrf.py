# SPDX-License-Identifier: EUPL-1.2
"""CSRF protection for every unsafe request to a page (forms and htmx alike).

The token is an HMAC, under the session secret, of the session cookie (or, before login, of a random
anonymous cookie): a synchronizer token that needs no server-side storage. Forms send it as the hidden
field ``csrf_token``, htmx requests as the ``X-CSRF-Token`` header (set once on ``<body hx-headers>``).
Requests a browser marks as cross-site (``Sec-Fetch-Site``) are refused outright as a second line.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import HTTPConnection, Request

from zicht.web.auth.cookies import ANONIEM
from zicht.web.auth.sessie import sessie
from zicht.web.context import web

VEILIGE_METHODEN = frozenset({"GET", "HEAD", "OPTIONS"})
VELD = "csrf_token"
HEADER = "x-csrf-token"


class CsrfFout(Exception):
    """An unsafe request without a valid CSRF token."""


def _binding(conn: HTTPConnection) -> str | None:
    aangemeld = sessie(conn)
    if aangemeld is not None:
        return "s:" + aangemeld.token
    nieuw = getattr(conn.state, "zicht_anon_nieuw", None)
    anon = nieuw or conn.cookies.get(ANONIEM)
    return "a:" + anon if anon else None


def nieuwe_anonieme_waarde(conn: HTTPConnection) -> str:
    """Create the anonymous binding for a visitor without one (the caller sets the cookie)."""
    waarde = secrets.token_urlsafe(24)
    conn.state.zicht_anon_nieuw = waarde
    return waarde


def token_voor(conn: HTTPConnection) -> str | None:
    """The CSRF token for this visitor, or None when there is nothing to bind it to yet."""
    binding = _binding(conn)
    if binding is None:
        return None
    return hmac.new(web(conn).csrf_sleutel, b"csrf\x1f" + binding.encode(), hashlib.sha256).hexdigest()


async def csrf_bewaking(request: Request) -> None:
    """Dependency on every page router: refuse an unsafe request without a valid token."""
    if request.method in VEILIGE_METHODEN:
        return
    if request.headers.get("sec-fetch-site") == "cross-site":
        raise CsrfFout()
    gegeven = request.headers.get(HEADER)
    if not gegeven and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        waarde = (await request.form()).get(VELD)
        gegeven = waarde if isinstance(waarde, str) else None
    verwacht = await run_in_threadpool(token_voor, request)
    if not gegeven or verwacht is None or not hmac.compare_digest(gegeven, verwacht):
        raise CsrfFout()
