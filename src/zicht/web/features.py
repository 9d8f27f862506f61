# SPDX-License-Identifier: EUPL-1.2
"""The feature registry: how a capability adds its pages, API routes, templates and navigation entries.

A feature module defines one :class:`Feature` (conventionally ``FEATURE``) and is listed once in
:data:`FEATURES`. The app factory includes its routers (pages with CSRF protection, API routes under
``/api/v1``), adds its template directory, and shows its navigation entries to the roles holding the entry's
right (labels are Dutch source text marked ``N_``, translated through :mod:`zicht.taal`). See
``src/zicht/web/README.md``.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from fastapi import APIRouter

from zicht.privacy.toegang import Recht

#: "module:attribute" of every feature, in navigation order. Add one line to add a capability.
FEATURES: tuple[str, ...] = (
    "zicht.web.auth.routes:FEATURE",
    "zicht.web.pages.home:FEATURE",
    "zicht.web.pages.meldingen:FEATURE",
    "zicht.web.pages.levensloop:FEATURE",
    "zicht.web.pages.identiteit:FEATURE",
    "zicht.web.pages.uploads:FEATURE",
    "zicht.web.pages.analyse:FEATURE",
    "zicht.web.pages.koppelingen:FEATURE",
    "zicht.web.pages.signalen:FEATURE",
    "zicht.web.pages.iceberg:FEATURE",
    "zicht.web.pages.dashboard:FEATURE",
    "zicht.web.pages.opvang:FEATURE",
    "zicht.web.pages.netwerk:FEATURE",
    "zicht.web.pages.vergelijken:FEATURE",
    "zicht.web.pages.logboek:FEATURE",
    "zicht.web.pages.beheer:FEATURE",
    "zicht.web.pages.info:FEATURE",
    "zicht.web.pages.ui:FEATURE",
    "zicht.web.api.meldingen:FEATURE",
    "zicht.web.api.meldingwijziging:FEATURE",
    "zicht.web.api.uploads:FEATURE",
    "zicht.web.api.codelijsten:FEATURE",
    "zicht.web.api.gemeenten:FEATURE",
    "zicht.web.api.statistieken:FEATURE",
    "zicht.web.api.opvang:FEATURE",
    "zicht.web.api.signalen:FEATURE",
)


@dataclass(frozen=True)
class NavItem:
    """A navigation entry. ``label`` is Dutch source text (translated through the catalogue); the entry
    is shown to users holding ``recht`` (``None``: every logged-in user)."""

    pad: str
    label: str
    recht: Recht | None = None
    volgorde: int = 50


@dataclass(frozen=True)
class Paginatitel:
    """A page's place in the breadcrumb trail (:mod:`zicht.web.kruimelpad`).

    Attributes:
        titel: Dutch source text (marked ``N_``); the path's parameters fill its placeholders, an id shortened to
            its first eight characters (``Melding {melding_id}`` → ``Melding 1a2b3c4d``).
        ouders: Candidate parent paths (templates with the same parameters); the first the user may open is the
            parent. Empty: the nearest declared shorter path.
    """

    titel: str
    ouders: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feature:
    """One capability of the web app.

    Attributes:
        naam: short name; its templates live in ``templates/<naam>/`` by convention.
        pages: router with HTML pages (every unsafe request is CSRF-checked by the app).
        api: router mounted under ``/api/v1`` (problem+json errors, ``API-Version`` header).
        nav: navigation entries.
        templates: an extra template directory (for features living outside ``zicht.web``).
        paginas: page titles by path for the breadcrumb trail (:mod:`zicht.web.kruimelpad`); a menu entry's path
            needs none.
    """

    naam: str
    pages: APIRouter | None = None
    api: APIRouter | None = None
    nav: tuple[NavItem, ...] = ()
    templates: Path | None = None
    paginas: Mapping[str, Paginatitel] = field(default_factory=dict)


def laad_features(namen: Sequence[str] = FEATURES) -> tuple[Feature, ...]:
    """Import the features named ``module:attribute``."""
    result = []
    for naam in namen:
        module, _, attr = naam.partition(":")
        feature = getattr(importlib.import_module(module), attr or "FEATURE")
        if not isinstance(feature, Feature):
            raise TypeError(f"{naam} is not a Feature")
        result.append(feature)
    return tuple(result)
