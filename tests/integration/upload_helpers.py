# SPDX-License-Identifier: EUPL-1.2
"""Helpers for tests of uploads as background jobs: wait until an app's import workers are idle."""

from __future__ import annotations

from fastapi import FastAPI

from zicht.registry.uploads import Importwerkers, importwerkers
from zicht.web.context import WebContext


def werkers_van(app: FastAPI) -> Importwerkers:
    """The import workers of a test app."""
    ctx = app.state.zicht
    assert isinstance(ctx, WebContext)
    return importwerkers(ctx.sessions, ctx.vault, ctx.reference, ctx.settings)


def wacht_op_uploads(app: FastAPI, timeout: float = 120) -> None:
    """Wait until every upload queued so far through ``app`` has been run."""
    werkers_van(app).wacht(timeout)
