# SPDX-License-Identifier: EUPL-1.2
"""The API application, mounted by :func:`zicht.web.create_app` at ``/api/v1``.

A separate FastAPI app, so its errors are problem+json while the pages keep HTML error pages, and so its
OpenAPI document describes the API alone. Routes come from the features' ``api`` routers.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from fastapi import APIRouter, Depends, FastAPI
from fastapi.routing import APIRoute
from starlette.requests import Request
from starlette.responses import JSONResponse

from zicht.web.api import problemen
from zicht.web.api.auth import ApiPubliek
from zicht.web.api.openapi import bouw_openapi
from zicht.web.api.schemas import ApiIndex, Link
from zicht.web.context import WebContext
from zicht.web.features import Feature
from zicht.web.security import API_PREFIX, API_VERSIE


def _operation_id(route: APIRoute) -> str:
    """camelCase operation ids from the Dutch function names (``lijst_meldingen`` -> ``lijstMeldingen``)."""
    eerste, *rest = route.name.split("_")
    return eerste + "".join(p.capitalize() for p in rest)


def _index_router() -> APIRouter:
    router = APIRouter(tags=["api"])

    @router.get("/", response_model=ApiIndex, dependencies=[Depends(ApiPubliek())], summary="De ingang van de API")
    async def api_index() -> ApiIndex:  # no I/O: on the event loop, never queued behind statistics
        """Links naar de collecties van deze API en naar het OpenAPI-document."""
        links = {
            naam: Link(href=f"{API_PREFIX}/{naam}") for naam in ("meldingen", "uploads", "codelijsten", "gemeenten")
        }
        links["openapi"] = Link(href=f"{API_PREFIX}/openapi.json")
        return ApiIndex(naam="zicht API", versie=API_VERSIE, links=links)

    return router


def create_api(ctx: WebContext, features: Sequence[Feature]) -> FastAPI:
    """Build the API app for ``ctx`` with the API routers of ``features``."""
    api = FastAPI(
        title="zicht API",
        version=API_VERSIE,
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        redirect_slashes=False,
        generate_unique_id_function=_operation_id,
        separate_input_output_schemas=False,
    )
    api.state.zicht = ctx
    api.include_router(_index_router())
    for feature in features:
        if feature.api is not None:
            api.include_router(feature.api)
    problemen.registreer(api)

    def openapi() -> dict[str, Any]:
        return bouw_openapi(api)

    api.openapi = openapi  # type: ignore[method-assign]

    @api.get("/openapi.json", include_in_schema=False, dependencies=[Depends(ApiPubliek())])
    def openapi_document(request: Request) -> JSONResponse:
        return JSONResponse(bouw_openapi(api))

    return api
