# SPDX-License-Identifier: EUPL-1.2
"""Information pages: privacy (what is stored and why), the user's own data, the accessibility statement,
and ``/.well-known/security.txt`` (RFC 9116)."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy import func, select
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from zicht.accounts.gebruikers import haal_gebruiker, heeft_totp
from zicht.storage.base import utcnow
from zicht.storage.tables import LogboekRecord, Organisatie, Sessie
from zicht.taal import N_
from zicht.web.auth.sessie import Aangemeld, Publiek, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, Paginatitel
from zicht.web.templating import render

router = APIRouter()

SECURITY_TXT = """\
# zicht: beveiligingsprobleem gevonden? Meld het ons (coordinated vulnerability disclosure).
Contact: mailto:{contact}
Expires: {expires}
Preferred-Languages: nl, en
Policy: https://github.com/zicht-register/zicht/blob/main/SECURITY.md
"""


@router.get("/privacy", dependencies=[Depends(Publiek())])
def privacy(request: Request) -> Response:
    return render(request, "info/privacy.html")


@router.get("/toegankelijkheid", dependencies=[Depends(Publiek())])
def toegankelijkheid(request: Request) -> Response:
    return render(request, "info/toegankelijkheid.html", {"contact": web(request).settings.contact_toegankelijkheid})


@router.get("/.well-known/security.txt", dependencies=[Depends(Publiek())])
def security_txt(request: Request) -> Response:
    expires = (utcnow() + timedelta(days=180)).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return PlainTextResponse(SECURITY_TXT.format(expires=expires, contact=web(request).settings.contact_beveiliging))


@router.get("/mijn-gegevens")
def mijn_gegevens(request: Request, aangemeld: Annotated[Aangemeld, Depends(Vereist())]) -> Response:
    """What zicht keeps about the logged-in user (account, sessions, own processing actions)."""
    with web(request).transactie() as s:
        gebruiker = haal_gebruiker(s, aangemeld.gebruiker_id)
        assert gebruiker is not None
        org = s.get(Organisatie, gebruiker.organisatie_id) if gebruiker.organisatie_id else None
        sessies = s.scalar(select(func.count()).select_from(Sessie).where(Sessie.gebruiker_id == gebruiker.id)) or 0
        verwerkingen = (
            s.scalar(select(func.count()).select_from(LogboekRecord).where(LogboekRecord.actor == str(gebruiker.id)))
            or 0
        )
        gegevens = {
            "gebruikersnaam": gebruiker.gebruikersnaam,
            "naam": gebruiker.naam,
            "rol": gebruiker.rol,
            "organisatie": org.naam if org else None,
            "gebied": gebruiker.gebied,
            "totp": heeft_totp(gebruiker),
            "aangemaakt_op": gebruiker.aangemaakt_op,
            "laatst_ingelogd_op": gebruiker.laatst_ingelogd_op,
            "sessies": sessies,
            "verwerkingen": verwerkingen,
        }
    return render(request, "info/mijn_gegevens.html", {"g": gegevens})


FEATURE = Feature(
    naam="info",
    pages=router,
    paginas={
        "/privacy": Paginatitel(N_("Privacy")),
        "/toegankelijkheid": Paginatitel(N_("Toegankelijkheidsverklaring")),
        "/mijn-gegevens": Paginatitel(N_("Mijn gegevens")),
    },
)
