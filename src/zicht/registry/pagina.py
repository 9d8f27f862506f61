# SPDX-License-Identifier: EUPL-1.2
"""A page of results: the items plus what a caller needs to build page links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

MAX_PAGINAGROOTTE = 100


@dataclass(frozen=True)
class Pagina(Generic[T]):
    """One page of a filtered list. ``pagina`` counts from 1."""

    items: Sequence[T]
    pagina: int
    pagina_grootte: int
    totaal: int

    @property
    def aantal_paginas(self) -> int:
        """Number of pages (at least 1, so an empty list has one empty page)."""
        return max(1, -(-self.totaal // self.pagina_grootte))

    @property
    def heeft_vorige(self) -> bool:
        return self.pagina > 1

    @property
    def heeft_volgende(self) -> bool:
        return self.pagina < self.aantal_paginas


def begrens(pagina: int, pagina_grootte: int) -> tuple[int, int]:
    """Clamp page number and size to sane bounds (1.., 1..MAX_PAGINAGROOTTE)."""
    return max(1, pagina), min(max(1, pagina_grootte), MAX_PAGINAGROOTTE)
