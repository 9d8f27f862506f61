# SPDX-License-Identifier: EUPL-1.2
"""The app factory: :func:`create_app` builds the web app (pages) with the API mounted at ``/api/v1``.

Nothing is created at import time; every app has its own engine, templates and state, so tests can build
as many apps as they like. The factory fixes the framework defaults the Dutch API Design Rules need
(no trailing-slash redirects, problem+json errors) and installs the security headers and CSRF protection.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine

from zicht.accounts import Beveiliging
from zicht.config import Settings, load_settings
from zicht.privacy import logboek
from zicht.reference import load_reference
from zicht.registry.uploads import MAX_BESTAND_BYTES
from zicht.storage import engine_from_settings, session_factory
from zicht.web import errors
from zicht.web.api.app import create_api
from zicht.web.auth.csrf import csrf_bewaking
from zicht.web.context import WebContext
from zicht.web.features import FEATURES, Feature, laad_features
from zicht.web.kruimelpad import Kruimelpad
from zicht.web.security import API_PREFIX, Beveiligingsheaders, Verzoeklimiet
from zicht.web.templating import TEMPLATES, maak_jinja

STATIC = Path(__file__).resolve().parent / "static"
#: Largest request body: an upload of MAX_BESTAND_BYTES plus multipart overhead.
MAX_VERZOEK_BYTES = MAX_BESTAND_BYTES + 1024 * 1024


def create_app(
    settings: Settings,
    *,
    features: Sequence[Feature] | None = None,
    engine: Engine | None = None,
) -> FastAPI:
    """Build the zicht web application.

    Args:
        settings: the configuration (``ZICHT_SESSION_SECRET`` is required; vault keys when meldingen are
            created or identities revealed).
        features: the features to serve; default every feature in :data:`zicht.web.features.FEATURES`.
        engine: an existing database engine (default: one built from the settings).

    Returns:
        The ASGI application. The database must be migrated (``zicht db upgrade``).
    """
    settings.session_signing_secret()  # fail now, with the variable to set, rather than at the first form
    gekozen = tuple(features) if features is not None else laad_features(FEATURES)
    engine = engine or engine_from_settings(settings)
    ctx = WebContext(
        settings=settings,
        engine=engine,
        sessions=session_factory(engine),
        reference=load_reference(settings.effective_reference_dir),
        beveiliging=Beveiliging.from_settings(settings),
        features=gekozen,
    )
    # the logboek's key and anker file come from these settings, not from the process environment
    logboek.configureer(ctx.sessions, logboek.LogboekInstellingen.from_settings(settings))
    ctx.jinja = maak_jinja([f.templates for f in gekozen if f.templates is not None and f.templates != TEMPLATES])
    app = FastAPI(
        title="zicht",
        docs_url=None,
        redoc_url=None,
        openapi_url=None,
        redirect_slashes=False,
    )
    app.state.zicht = ctx
    for feature in gekozen:
        if feature.pages is not None:
            app.include_router(feature.pages, dependencies=[Depends(csrf_bewaking)])
    ctx.kruimelpad = Kruimelpad.van_app(app.routes, gekozen)
    app.mount(API_PREFIX, create_api(ctx, gekozen), name="api")
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    errors.registreer(app)
    app.add_middleware(Verzoeklimiet, max_bytes=MAX_VERZOEK_BYTES)
    app.add_middleware(Beveiligingsheaders)
    return app


def warm_op_na_start(app: FastAPI) -> FastAPI:
    """Start building the statistics of the newest publicatie in the background (``zicht serve``)."""
    from zicht.web.statistiekdienst import start_opwarmen

    start_opwarmen(app.state.zicht)
    return app


def create_app_from_environment() -> FastAPI:
    """Factory for ``uvicorn --factory`` and multi-worker serving: settings from ``ZICHT_*`` variables."""
    return warm_op_na_start(create_app(load_settings(os.environ)))
