# SPDX-License-Identifier: EUPL-1.2
"""Jinja2 rendering of pages: the environment, and :func:`render` with the context every page gets.

Every page receives ``_`` and ``ngettext`` (the translator of :mod:`zicht.taal`), ``label`` (stored words as
labels, :mod:`zicht.web.i18n.labels`), ``taal``, ``aangemeld`` (the session or None), ``nav`` (the entries the
user's role may use), ``kruimels`` (the breadcrumb trail, :mod:`zicht.web.kruimelpad`; a route may name the page
with ``kruimel_titel``), ``csrf_token``, ``pad`` and ``idle_seconden``. Templates live in
``templates/<feature>/``; macros for the NL Design System components in ``templates/macros/nlds.html``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from starlette.datastructures import URL
from starlette.requests import Request
from starlette.responses import HTMLResponse

from zicht.web import i18n
from zicht.web.auth.cookies import ANONIEM, SESSIE, wis_cookie, zet_cookie
from zicht.web.auth.csrf import nieuwe_anonieme_waarde, token_voor
from zicht.web.auth.sessie import sessie, sessie_verlopen
from zicht.web.context import web
from zicht.web.i18n.labels import labeler

TEMPLATES = Path(__file__).resolve().parent / "templates"
_TZ = ZoneInfo("Europe/Amsterdam")


def _datum(waarde: date | None) -> str:
    return waarde.isoformat() if waarde else "–"


def _tijd(waarde: datetime | None) -> str:
    return waarde.astimezone(_TZ).strftime("%Y-%m-%d %H:%M") if waarde else "–"


def maak_jinja(extra_mappen: Sequence[Path] = ()) -> Environment:
    """The template environment: autoescaping, strict undefined variables, our filters."""
    env = Environment(
        loader=FileSystemLoader([TEMPLATES, *extra_mappen]),
        autoescape=select_autoescape(["html", "txt"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["datum"] = _datum
    env.filters["tijd"] = _tijd
    return env


def _lokaal(url: URL) -> str:
    return url.path + (f"?{url.query}" if url.query else "")


def _nav(request: Request) -> list[dict[str, object]]:
    aangemeld = sessie(request)
    if aangemeld is None or not aangemeld.volledig:
        return []
    items = [
        item
        for feature in web(request).features
        for item in feature.nav
        if item.recht is None or aangemeld.toegang.mag(item.recht)
    ]
    items.sort(key=lambda i: i.volgorde)
    pad = request.url.path
    # the entry whose path is the longest prefix of the page's; the start page ("/") only on itself, or every page
    # outside the menu would show "Start" as the current one (issue 14)
    actief = max(
        (i.pad for i in items if pad == i.pad or (i.pad != "/" and pad.startswith(i.pad.rstrip("/") + "/"))),
        key=len,
        default="",
    )
    return [{"pad": i.pad, "label": i.label, "actief": i.pad == actief} for i in items]


def render(
    request: Request,
    naam: str,
    context: Mapping[str, Any] | None = None,
    *,
    status_code: int = 200,
    headers: Mapping[str, str] | None = None,
) -> HTMLResponse:
    """Render template ``naam`` with the standard page context plus ``context``."""
    ctx = web(request)
    assert ctx.jinja is not None
    taal, gekozen = i18n.kies_taal(request)
    _ = i18n.vertaler(taal)
    aangemeld = sessie(request)
    nieuwe_anon = None
    if aangemeld is None and not request.cookies.get(ANONIEM) and not getattr(request.state, "zicht_anon_nieuw", None):
        nieuwe_anon = nieuwe_anonieme_waarde(request)
    waarden: dict[str, Any] = {
        "_": _,
        "ngettext": _.ngettext,
        "label": labeler(taal),
        "taal": taal,
        "aangemeld": aangemeld,
        "nav": _nav(request),
        "csrf_token": token_voor(request) or "",
        "pad": request.url.path,
        "volledig_pad": _lokaal(request.url),
        "idle_seconden": ctx.settings.session_idle_minutes * 60,
        "omgeving": ctx.settings.omgeving.value,
        "taal_url": {t: _lokaal(request.url.include_query_params(lang=t)) for t in i18n.TALEN},
    }
    waarden.update(context or {})
    if ctx.kruimelpad is not None and "kruimels" not in waarden:
        volledig = aangemeld is not None and aangemeld.volledig
        waarden["kruimels"] = ctx.kruimelpad.kruimels(
            request.url.path, aangemeld.toegang if volledig and aangemeld else None, _, waarden.get("kruimel_titel")
        )
    html = ctx.jinja.get_template(naam).render(waarden)
    response = HTMLResponse(html, status_code=status_code, headers=dict(headers or {}))
    if gekozen:
        zet_cookie(response, request, i18n.COOKIE, taal)
    if nieuwe_anon:
        zet_cookie(response, request, ANONIEM, nieuwe_anon)
    if aangemeld is None and sessie_verlopen(request):
        wis_cookie(response, request, SESSIE)
    return response
