# SPDX-License-Identifier: EUPL-1.2
"""The statistics service of the web app, shared by the pages and the API, and the caller's statistics role and
scope as :mod:`zicht.privacy.toegang` decides them (no page decides precision or scope; an import contract
keeps the API and the analysis from importing the pages)."""

from __future__ import annotations

import logging
import threading

from starlette.requests import Request

from zicht.analysis import Bereik, Statistiekdienst
from zicht.analysis.publicaties import Publicatieregel
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.toegang import Toegang, statistiekrol
from zicht.web.context import WebContext, web

log = logging.getLogger(__name__)
#: The purpose recorded in the logboek for every statistics export.
DOEL = "publicatie statistieken mensenhandel (regionaal beeld)"
_LOCK = threading.Lock()


def dienst(request: Request) -> Statistiekdienst:
    """The statistics service of this app (one extract per data vintage, shared by pages and API)."""
    return dienst_van(web(request))


def dienst_van(ctx: WebContext) -> Statistiekdienst:
    """The statistics service of a web context, made on first use; ``zicht serve`` warms it at start-up."""
    with _LOCK:
        gevonden = ctx.statistieken
        if gevonden is None:
            gevonden = Statistiekdienst.uit_registratie(
                ctx.engine,
                ctx.reference,
                DisclosurePolicy.from_settings(ctx.settings),
                Publicatieregel.from_settings(ctx.settings),
                opwarmen=ctx.settings.statistiek_opwarmen,
                cache_map=ctx.settings.data_dir / "cache" / "beveiliging",
            )
            ctx.statistieken = gevonden
    assert isinstance(gevonden, Statistiekdienst)
    return gevonden


def start_opwarmen(ctx: WebContext) -> None:
    """Build the newest publicatie (and through it its dashboard tables) in the background right after
    start-up, so the first user after a start does not wait for it."""
    if not ctx.settings.statistiek_opwarmen:
        return

    def opwarmen() -> None:
        try:
            dienst_van(ctx).extract(beveiligd=True)
            dienst_van(ctx).extract()
        except Exception:  # e.g. a database that is not migrated yet; the first request reports it
            log.exception("opwarmen van de statistieken mislukt")

    threading.Thread(target=opwarmen, name="zicht-opwarmen-start", daemon=True).start()


def rol_en_bereik(request: Request, toegang: Toegang) -> tuple[str, Bereik]:
    """The caller's statistics role (exact or protected) and scope, both decided in ``zicht.privacy.toegang``."""
    return statistiekrol(toegang), Bereik.voor(toegang, web(request).reference)
