# SPDX-License-Identifier: EUPL-1.2
"""The UI gallery: every component macro in every state, for reviewers and the accessibility scan."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from starlette.requests import Request
from starlette.responses import Response

from zicht.privacy.toegang import Recht
from zicht.registry import Pagina
from zicht.web.auth.sessie import Vereist
from zicht.web.features import Feature, NavItem
from zicht.web.paginering import pagineer
from zicht.web.templating import render

router = APIRouter()


@router.get("/ui", dependencies=[Depends(Vereist(Recht.ui_galerij))])
def galerij(request: Request, pagina: Annotated[int, Query(ge=1, le=9)] = 3) -> Response:
    voorbeeld: Pagina[object] = Pagina([], max(1, min(pagina, 9)), 10, 90)
    return render(request, "ui/galerij.html", {"paginering": pagineer(request, voorbeeld)})


FEATURE = Feature(naam="ui", pages=router, nav=(NavItem("/ui", "UI-galerij", Recht.ui_galerij, 90),))
