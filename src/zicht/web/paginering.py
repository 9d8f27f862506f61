# SPDX-License-Identifier: EUPL-1.2
"""Page links for the pagination component, keeping every other query parameter of the current URL."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from starlette.requests import Request

from zicht.registry import Pagina


@dataclass(frozen=True)
class Paginalink:
    nummer: int
    url: str | None  # None: a gap (…)
    huidig: bool = False


@dataclass(frozen=True)
class Paginering:
    """What ``nl.pagination`` renders."""

    aantal_paginas: int
    paginas: list[Paginalink]
    vorige: str | None
    volgende: str | None


def pagineer(request: Request, pagina: Pagina[Any], parameter: str = "pagina") -> Paginering:
    """Links to the first, last and nearby pages of ``pagina`` for the current URL."""

    def url(n: int) -> str:
        u = request.url.include_query_params(**{parameter: n})
        return f"{u.path}?{u.query}"

    n, laatste = pagina.pagina, pagina.aantal_paginas
    nummers = sorted({1, laatste, *range(max(1, n - 2), min(laatste, n + 2) + 1)})
    links: list[Paginalink] = []
    for i, nummer in enumerate(nummers):
        if i and nummer - nummers[i - 1] > 1:
            links.append(Paginalink(0, None))
        links.append(Paginalink(nummer, url(nummer), nummer == n))
    return Paginering(
        aantal_paginas=laatste,
        paginas=links,
        vorige=url(n - 1) if pagina.heeft_vorige else None,
        volgende=url(n + 1) if pagina.heeft_volgende else None,
    )
