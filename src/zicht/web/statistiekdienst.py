# SPDX-License-Identifier: EUPL-1.2
"""The statistics service of the web app, shared by the pages and the API, and the caller's statistics role and
scope as :mod:`zicht.privacy.toegang` decides them (no page decides precision or scope; an import contract
keeps the API and the analysis from importing the pages)."""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable

from starlette.requests import Request

from zicht.analysis import Bereik, Statistiekdienst
from zicht.analysis.publicatie import TeveelBerekeningen, rekenbudget
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


class Rekenbudget:
    """At most ``per_minuut`` newly computed statistics tables per user in any 60 seconds (a sliding window;
    tables someone computed before are lookups and never count). In memory, per process: a limit on one
    server's work, not an account quota."""

    def __init__(self, per_minuut: int, klok: Callable[[], float] = time.monotonic) -> None:
        self.per_minuut = per_minuut
        self._klok = klok
        self._lock = threading.Lock()
        self._momenten: dict[str, deque[float]] = {}

    def reken(self, actor: str) -> None:
        """Count one computation for ``actor``; raises :class:`TeveelBerekeningen` over the budget."""
        nu = self._klok()
        with self._lock:
            momenten = self._momenten.setdefault(actor, deque())
            while momenten and momenten[0] <= nu - 60:
                momenten.popleft()
            if len(momenten) >= self.per_minuut:
                raise TeveelBerekeningen(max(1, math.ceil(momenten[0] + 60 - nu)))
            momenten.append(nu)


def rekenbudget_van(ctx: WebContext) -> Rekenbudget:
    """The computation budget of an app (one per web context, made on first use)."""
    with _LOCK:
        if ctx.rekenbudget is None:
            ctx.rekenbudget = Rekenbudget(ctx.settings.statistiek_berekeningen_per_minuut)
        budget = ctx.rekenbudget
    assert isinstance(budget, Rekenbudget)
    return budget


def rol_en_bereik(request: Request, toegang: Toegang) -> tuple[str, Bereik]:
    """The caller's statistics role (exact or protected) and scope, both decided in ``zicht.privacy.toegang``.

    Every statistics route calls this first; it also charges the tables this request computes to the caller's
    budget (:class:`Rekenbudget`) for the rest of the request."""
    budget = rekenbudget_van(web(request))
    rekenbudget.set(lambda: budget.reken(toegang.actor_id))
    return statistiekrol(toegang), Bereik.voor(toegang, web(request).reference)
