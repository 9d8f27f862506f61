# SPDX-License-Identifier: EUPL-1.2
"""Server-side sorting of a published statistics table by a column, through links in the column headers.

No JavaScript is needed: a header link carries ``sorteer=<column key>&richting=op|af`` and the page renders the
rows in that order; the sorted column carries ``aria-sort``. Only what is published is sorted: withheld cells
(``<10``, ``x``) have no number and keep their published order after every shown figure, in either direction,
so the order of the rows never says anything about a withheld count. Rows that are not part of the ranking
(the nation's total, reference areas) stay where the caller puts them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from zicht.analysis.tabel import Kolomsoort, Tabel

OP, AF = "op", "af"


@dataclass(frozen=True)
class Kolomkop:
    """One header cell: its label, whether the column is numeric, the link that sorts by it (None: not
    sortable) and its ``aria-sort`` state (None: not the sorted column)."""

    label: str
    numeriek: bool
    href: str | None = None
    aria_sort: str | None = None


@dataclass(frozen=True)
class Sortering:
    """The asked order, normalised: an unknown column means the table's own order."""

    kolom: str
    richting: str

    @classmethod
    def uit(cls, sorteer: str, richting: str, sorteerbaar: Mapping[str, str]) -> Sortering:
        kolom = sorteer if sorteer in sorteerbaar else ""
        return cls(kolom, AF if richting == AF else OP)


def volgorde(tabel: Tabel, rijen: Iterable[int], sortering: Sortering) -> list[int]:
    """The row indices ``rijen`` in the asked order (text columns by name, case-insensitive; numeric columns
    by value with withheld and missing figures last, in their published order)."""
    rijen = list(rijen)
    if not sortering.kolom:
        return rijen
    k = tabel.kolom_index(sortering.kolom)
    af = sortering.richting == AF
    if tabel.kolommen[k].soort is Kolomsoort.tekst:
        return sorted(rijen, key=lambda i: tabel.rijen[i][k].tekst.casefold(), reverse=af)
    getoond = [i for i in rijen if tabel.rijen[i][k].getal is not None]
    rest = [i for i in rijen if tabel.rijen[i][k].getal is None]
    return sorted(getoond, key=lambda i: tabel.rijen[i][k].getal or 0.0, reverse=af) + rest


def koppen(
    tabel: Tabel,
    zichtbaar: Sequence[int],
    query: Mapping[str, str],
    sortering: Sortering,
    sorteerbaar: Mapping[str, str],
) -> list[Kolomkop]:
    """Header cells of the visible columns; a sortable column links to the other direction when it is the
    sorted one, else to its default direction (``sorteerbaar`` maps column key to that default)."""
    uit = []
    for i in zichtbaar:
        k = tabel.kolommen[i]
        numeriek = k.soort is not Kolomsoort.tekst
        if k.sleutel not in sorteerbaar:
            uit.append(Kolomkop(k.label, numeriek))
            continue
        nieuw, aria = sorteerbaar[k.sleutel], None
        if sortering.kolom == k.sleutel:
            nieuw = OP if sortering.richting == AF else AF
            aria = "descending" if sortering.richting == AF else "ascending"
        href = "?" + urlencode(dict(query) | {"sorteer": k.sleutel, "richting": nieuw})
        uit.append(Kolomkop(k.label, numeriek, href, aria))
    return uit
