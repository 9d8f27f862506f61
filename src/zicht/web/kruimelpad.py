# SPDX-License-Identifier: EUPL-1.2
"""The breadcrumb trail (kruimelpad) of every page below the top level: ``Start › Meldingen › Melding 1a2b3c4d ›
Corrigeren``, built from declarations, never written per template.

A feature declares a title per page path (:class:`~zicht.web.features.Paginatitel`, ``Feature.paginas``; a menu entry declares its
own path with its label). A page's parent is the nearest shorter path that is declared, unless the declaration
names candidate parents (the first the user may open wins: the melder's list or the analyst's national list for
a melding). Which pages a user may open follows from each route's one access declaration (``Publiek()`` or
``Vereist(recht)``), so the trail never links to a page the user's role is refused. Top-level pages (the start
page and the menu entries) and pages without a declaration have no trail; so has everyone not fully logged in.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute, Mount, compile_path

from zicht.privacy.toegang import Recht, Toegang
from zicht.taal import Vertaler
from zicht.web.auth.sessie import Publiek, Vereist
from zicht.web.features import Feature, Paginatitel


@dataclass(frozen=True)
class Kruimel:
    """One step of the trail as the template shows it (``huidig``: the page itself, ``aria-current="page"``)."""

    label: str
    href: str
    huidig: bool = False


def _toegang_van(dependant: Any) -> Publiek | Vereist | None:
    if isinstance(dependant.call, Publiek | Vereist):
        return dependant.call
    for sub in dependant.dependencies:
        if (gevonden := _toegang_van(sub)) is not None:
            return gevonden
    return None


def _kort(waarde: str) -> str:
    try:
        return str(uuid.UUID(waarde))[:8]
    except ValueError:
        return waarde


class Kruimelpad:
    """The declared page titles of an app, with the access each page path requires."""

    def __init__(
        self, titels: Mapping[str, Paginatitel], toplevel: Iterable[str], eisen: Mapping[str, Publiek | Vereist]
    ) -> None:
        self.titels = dict(titels)
        self.toplevel = frozenset(toplevel)
        self.eisen = dict(eisen)
        self._patronen: list[tuple[re.Pattern[str], str]] = [
            # longest first, and a literal segment before a parameter (``…/nieuw`` before ``…/{id}``)
            (compile_path(pad)[0], pad)
            for pad in sorted(self.titels, key=lambda p: (-p.count("/"), p.count("{"), p))
        ]

    @classmethod
    def van_app(cls, routes: Sequence[BaseRoute], features: Iterable[Feature]) -> Kruimelpad:
        """The trail of an app: the features' declarations (``paginas`` and menu entries) and the access of its
        GET page routes (the API is not walked)."""
        titels: dict[str, Paginatitel] = {}
        toplevel = {"/"}
        for feature in features:
            for item in feature.nav:
                titels.setdefault(item.pad, Paginatitel(item.label))
                toplevel.add(item.pad)
            titels.update(feature.paginas)
        eisen: dict[str, Publiek | Vereist] = {}
        for route in routes:
            if isinstance(route, Mount):
                continue
            for ctx in iter_route_contexts([route]):
                if isinstance(ctx.original_route, APIRoute) and "GET" in (ctx.original_route.methods or ()):
                    eis = _toegang_van(ctx.dependant)
                    if eis is not None:
                        eisen[str(ctx.path)] = eis
        return cls(titels, toplevel, eisen)

    def _zoek(self, pad: str) -> tuple[str, dict[str, str]] | None:
        for patroon, sjabloon in self._patronen:
            if m := patroon.match(pad):
                return sjabloon, m.groupdict()
        return None

    def _mag(self, sjabloon: str, toegang: Toegang) -> bool:
        eis = self.eisen.get(sjabloon)
        if eis is None:
            return False
        recht: Recht | None = eis.recht if isinstance(eis, Vereist) else None
        return recht is None or toegang.mag(recht)

    def _ouder(self, sjabloon: str, pad: str, waarden: Mapping[str, str], toegang: Toegang) -> tuple[str, str] | None:
        """(template, concrete path) of the parent the user may open, or None."""
        for ouder in self.titels[sjabloon].ouders:
            concreet = ouder.format(**waarden)
            if self._mag(ouder, toegang):
                return ouder, concreet
        delen = pad.rstrip("/").split("/")
        while len(delen) > 1:
            delen.pop()
            korter = "/".join(delen) or "/"
            if (gevonden := self._zoek(korter)) is not None and gevonden[0] in self.titels:
                if self._mag(gevonden[0], toegang):
                    return gevonden[0], korter
                return self._ouder(gevonden[0], korter, waarden, toegang)  # skip a page the role may not open
        return None

    def kruimels(self, pad: str, toegang: Toegang | None, _: Vertaler, titel: str | None = None) -> list[Kruimel]:
        """The trail of page ``pad`` for a user (None: not logged in, no trail); ``titel`` overrides the page's
        own declared title (a name the route knows, such as an account's)."""
        if toegang is None or pad in self.toplevel:
            return []
        gevonden = self._zoek(pad)
        if gevonden is None:
            return []
        sjabloon, waarden = gevonden
        getoond = {k: _kort(v) for k, v in waarden.items()}
        trail = [Kruimel(titel or _(self.titels[sjabloon].titel, **getoond), pad, huidig=True)]
        huidig = (sjabloon, pad)
        gezien = {sjabloon}
        while (ouder := self._ouder(huidig[0], huidig[1], waarden, toegang)) is not None and ouder[0] not in gezien:
            gezien.add(ouder[0])
            trail.append(Kruimel(_(self.titels[ouder[0]].titel, **getoond), ouder[1]))
            huidig = ouder
        start = self.titels["/"]
        if huidig[1] != "/":
            trail.append(Kruimel(_(start.titel), "/"))
        return trail[::-1]
