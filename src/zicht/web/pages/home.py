# SPDX-License-Identifier: EUPL-1.2
"""The start page: what zicht is (for visitors) or what the user's role can do (after login)."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.requests import Request
from starlette.responses import Response

from zicht.taal import N_
from zicht.web.auth.sessie import Publiek
from zicht.web.features import Feature, NavItem
from zicht.web.templating import render

router = APIRouter()


@router.get("/", dependencies=[Depends(Publiek())])
def start(request: Request) -> Response:
    return render(request, "home/start.html")


FEATURE = Feature(naam="home", pages=router, nav=(NavItem("/", N_("Start"), None, 0),))
