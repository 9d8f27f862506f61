# SPDX-License-Identifier: EUPL-1.2
"""Who is asking: the session behind the cookie, and the dependencies that guard page routes.

Every page route declares its access with exactly one dependency: ``Depends(Publiek())`` or
``Depends(Vereist(recht))`` (``Vereist()`` for any logged-in user). The authorisation matrix test reads
these declarations from the routes and checks them against every role.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import HTTPConnection, Request

from zicht.accounts import sessies, toegang_van
from zicht.accounts.sessies import Stap
from zicht.privacy.toegang import GeenToegang, Recht, Toegang
from zicht.web.auth.cookies import SESSIE
from zicht.web.context import web


@dataclass(frozen=True)
class Aangemeld:
    """A live session: the account, how far its login got, and (once complete) its rights."""

    gebruiker_id: uuid.UUID
    gebruikersnaam: str
    naam: str
    rol: str
    stap: str
    token: str
    toegang: Toegang
    verloopt_op: datetime

    @property
    def volledig(self) -> bool:
        """True when both factors were checked."""
        return self.stap == Stap.volledig


_NIET_GELADEN = object()


class NietIngelogd(Exception):
    """The route needs a logged-in user; ``verlopen`` when a session existed but has expired."""

    def __init__(self, verlopen: bool = False) -> None:
        super().__init__("niet ingelogd")
        self.verlopen = verlopen


def sessie(conn: HTTPConnection) -> Aangemeld | None:
    """The live session of this request (loaded once per request), or None."""
    cached = getattr(conn.state, "zicht_sessie", _NIET_GELADEN)
    if cached is not _NIET_GELADEN:
        assert cached is None or isinstance(cached, Aangemeld)
        return cached
    token = conn.cookies.get(SESSIE)
    result: Aangemeld | None = None
    verlopen = False
    if token:
        ctx = web(conn)
        with ctx.transactie() as s:
            geladen = sessies.laad_sessie(s, token, ctx.beveiliging.sessie_idle)
            if geladen is None:
                verlopen = True
            else:
                g = geladen.gebruiker
                result = Aangemeld(
                    gebruiker_id=g.id,
                    gebruikersnaam=g.gebruikersnaam,
                    naam=g.naam,
                    rol=g.rol,
                    stap=geladen.sessie.stap,
                    token=token,
                    toegang=toegang_van(s, g),
                    verloopt_op=geladen.verloopt_op,
                )
    conn.state.zicht_sessie = result
    conn.state.zicht_sessie_verlopen = verlopen
    return result


def sessie_verlopen(conn: HTTPConnection) -> bool:
    """True when the request carried a session cookie whose session has ended."""
    sessie(conn)
    return bool(getattr(conn.state, "zicht_sessie_verlopen", False))


class Publiek:
    """Dependency marking a page as public (no login needed)."""

    def __call__(self) -> None:
        return None

    def __repr__(self) -> str:
        return "Publiek()"


class Vereist:
    """Dependency: a fully logged-in user holding ``recht`` (any right when None)."""

    def __init__(self, recht: Recht | None = None) -> None:
        self.recht = recht

    def __call__(self, request: Request) -> Aangemeld:
        aangemeld = sessie(request)
        if aangemeld is None or not aangemeld.volledig:
            raise NietIngelogd(verlopen=sessie_verlopen(request))
        if self.recht is not None and not aangemeld.toegang.mag(self.recht):
            raise GeenToegang(self.recht.value)
        return aangemeld

    def __repr__(self) -> str:
        return f"Vereist({self.recht.value if self.recht else ''})"
