# SPDX-License-Identifier: EUPL-1.2
"""The per-application state of the web app: settings, database, vault, reference data, templates.

One :class:`WebContext` is built by :func:`zicht.web.create_app` and hung on ``app.state.zicht`` (of the app
and of the mounted API); nothing lives at module level, so tests can run several apps side by side.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from starlette.requests import HTTPConnection

from zicht.accounts import Beveiliging
from zicht.config import Omgeving, Settings
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import transaction

if TYPE_CHECKING:
    from jinja2 import Environment

    from zicht.web.features import Feature


@dataclass
class WebContext:
    """Everything a request handler needs besides the request itself."""

    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    reference: Referentiedata
    beveiliging: Beveiliging
    features: tuple[Feature, ...] = ()
    jinja: Environment | None = field(default=None, repr=False)
    #: The statistics service (``zicht.web.statistiekdienst.dienst``), shared by the pages and the API.
    statistieken: Any = field(default=None, repr=False)
    #: Per-user budget of newly computed statistics tables (``zicht.web.statistiekdienst.rekenbudget_van``).
    rekenbudget: Any = field(default=None, repr=False)
    #: The breadcrumb trail of the pages (``zicht.web.kruimelpad.Kruimelpad``), built with the app.
    kruimelpad: Any = field(default=None, repr=False)

    @cached_property
    def vault(self) -> Vault:
        """The identity vault (built on first use, so pages without personal data work without keys)."""
        return Vault.from_settings(self.settings)

    @property
    def csrf_sleutel(self) -> bytes:
        """Key for CSRF tokens (the session secret)."""
        return self.settings.session_signing_secret().encode()

    @property
    def is_productie(self) -> bool:
        return self.settings.omgeving is Omgeving.productie

    @contextmanager
    def transactie(self) -> Iterator[Session]:
        """A session in one transaction (commit on success)."""
        with transaction(self.sessions) as session:
            yield session


def web(conn: HTTPConnection) -> WebContext:
    """The WebContext of the app serving ``conn``."""
    ctx = conn.app.state.zicht
    assert isinstance(ctx, WebContext)
    return ctx
