# SPDX-License-Identifier: EUPL-1.2
"""The UI gallery: every component macro in every state, for reviewers and the accessibility scan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry import Pagina
from zicht.taal import N_
from zicht.web.auth.sessie import Vereist
from zicht.web.features import Feature, NavItem
from zicht.web.i18n import vertaler_voor
from zicht.web.kruimelpad import Kruimel
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()


@router.get("/ui", dependencies=[Depends(Vereist(Recht.ui_galerij))])
def galerij(request: Request, pagina: Annotated[int, Query(ge=1, le=9)] = 3) -> Response:
    voorbeeld: Pagina[object] = Pagina([], max(1, min(pagina, 9)), 10, 90)
    _ = vertaler_voor(request)
    kruimels = [Kruimel(_("Start"), "/"), Kruimel(_("Beheer"), "/beheer"), Kruimel(_("UI-galerij"), "/ui", huidig=True)]
    return render(
        request, "ui/galerij.html", {"paginering": pagineer(request, voorbeeld), "voorbeeld_kruimels": kruimels}
    )


FEATURE = Feature(naam="ui", pages=router, nav=(NavItem("/ui", N_("UI-galerij"), Recht.ui_galerij, 90),))
