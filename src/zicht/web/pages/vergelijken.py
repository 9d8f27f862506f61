# SPDX-License-Identifier: EUPL-1.2
"""``/statistieken/vergelijken``: an area beside comparable areas, its regions and the nation.

Rates per 100,000 with exact Poisson intervals, a ranking in three bands against the median area (so small
differences are not over-read), a dot-and-interval chart (server-side SVG) and a table sortable by any column
through the ``sorteer`` query parameter (links in the column headers: no JavaScript needed). Everything comes
from :func:`zicht.analysis.vergelijking.vergelijk`, which reads only the overview tables published for the
caller's role; the area choice is limited to the caller's scope like the dashboard's.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from zicht.analysis import BuitenBereik, NietBeschikbaar, Periode, is_beveiligd
from zicht.analysis.intervalgrafiek import interval_svg
from zicht.analysis.tabel import Tabel
from zicht.analysis.vergelijking import Vergelijking, vergelijk
from zicht.reference import Gebiedsniveau, UnknownPlace
from zicht.taal import N_
from zicht.web import i18n, sortering
from zicht.web.features import Feature, Paginatitel
from zicht.web.pages.dashboard import VERGELIJK_PAD, Gebruiker, _keuze, canoniek, opties, tabel_download
from zicht.web.sortering import Sortering
from zicht.web.statistiekdienst import dienst, rol_en_bereik
from zicht.web.templating import render

router = APIRouter()
#: Columns of the comparison table that can be sorted, with the default direction of each.
SORTEERBAAR = {"gebied": "op", "aantal": "af", "per_100k": "af", "positie": "op"}
#: Columns of the table that the page leaves to the downloads (the page says the same in its headings).
_VERBORGEN = frozenset({"gebiedscode", "groep"})


def _vergelijking(request: Request, aangemeld: Gebruiker, keuze: dict[str, str], taal: str) -> Vergelijking:
    rol, bereik = rol_en_bereik(request, aangemeld.toegang)
    return vergelijk(
        dienst(request),
        Gebiedsniveau(keuze["niveau"]),
        keuze["gebied"],
        Periode.parse(keuze["periode"]),
        rol=rol,
        bereik=bereik,
        vorm=keuze["vorm"] or None,
        taal=taal,
    )


def _rijen(tabel: Tabel, volgorde: list[int]) -> list[list[tuple[str, bool, bool]]]:
    zichtbaar = [i for i, k in enumerate(tabel.kolommen) if k.sleutel not in _VERBORGEN]
    kop = tabel.kolom_index("gebied")
    return [[(tabel.rijen[r][i].tekst, i == kop, tabel.rijen[r][i].verborgen) for i in zichtbaar] for r in volgorde]


@router.get(VERGELIJK_PAD)
def vergelijken(
    request: Request,
    aangemeld: Gebruiker,
    periode: str = "",
    niveau: str = "",
    gebied: str = "",
    vorm: str = "",
    sorteer: str = "",
    richting: str = "",
) -> Response:
    taal = i18n.kies_taal(request)[0]
    keuze, fouten = _keuze(request, aangemeld.toegang, periode, niveau, gebied, vorm)
    if not fouten and (omleiding := canoniek(request, keuze, niveau, gebied)) is not None:
        return omleiding
    rol, _ = rol_en_bereik(request, aangemeld.toegang)
    query = {k: v for k, v in keuze.items() if v}
    context: dict[str, Any] = {
        "filter": keuze,
        "fouten": fouten,
        "opties": opties(request, aangemeld.toegang, keuze, taal),
        "basis": VERGELIJK_PAD,
        "query": urlencode(query),
        "beveiligd": is_beveiligd(rol),
        "v": None,
        "probleem": None,
    }
    if keuze["niveau"] == Gebiedsniveau.nederland.value:
        context["probleem"] = N_("Kies een gemeente of regio om te vergelijken.")
        return render(request, "dashboard/vergelijken.html", context, status_code=400 if fouten else 200)
    try:
        v = _vergelijking(request, aangemeld, keuze, taal)
    except BuitenBereik:
        raise HTTPException(403) from None
    except (NietBeschikbaar, UnknownPlace, ValueError) as exc:
        context["probleem"] = str(exc)
        return render(request, "dashboard/vergelijken.html", context, status_code=400)
    orde = Sortering.uit(sorteer, richting, SORTEERBAAR)
    positie = v.tabel.kolom_index("positie")
    gerangschikt = [i for i, r in enumerate(v.tabel.rijen) if r[positie].tekst != "–"]
    zichtbaar = [i for i, k in enumerate(v.tabel.kolommen) if k.sleutel not in _VERBORGEN]
    context |= {
        "v": v,
        "grafiek": interval_svg(v, taal=taal),
        "koppen": sortering.koppen(v.tabel, zichtbaar, query, orde, SORTEERBAAR),
        "rijen": _rijen(v.tabel, sortering.volgorde(v.tabel, gerangschikt, orde)),
        "referenties": _rijen(v.tabel, [i for i, r in enumerate(v.tabel.rijen) if r[-1].tekst == "–"]),
        "sorteer": orde.kolom,
    }
    return render(request, "dashboard/vergelijken.html", context, status_code=400 if fouten else 200)


@router.get(VERGELIJK_PAD + "/export")
def exporteer(
    request: Request,
    aangemeld: Gebruiker,
    formaat: str = "csv",
    periode: str = "",
    niveau: str = "",
    gebied: str = "",
    vorm: str = "",
) -> Response:
    """The comparison table as CSV or XLSX, exactly as shown; recorded in the logboek."""
    if formaat not in ("csv", "xlsx"):
        raise HTTPException(404)
    taal = i18n.kies_taal(request)[0]
    keuze, fouten = _keuze(request, aangemeld.toegang, periode, niveau, gebied, vorm)
    if fouten or keuze["niveau"] == Gebiedsniveau.nederland.value:
        raise HTTPException(400)
    try:
        tabel = _vergelijking(request, aangemeld, keuze, taal).tabel
    except BuitenBereik:
        raise HTTPException(403) from None
    except (NietBeschikbaar, UnknownPlace, ValueError):
        raise HTTPException(400) from None
    return tabel_download(request, aangemeld, tabel, formaat, taal)


FEATURE = Feature(
    naam="vergelijken", pages=router, paginas={"/statistieken/vergelijken": Paginatitel(N_("Vergelijken"))}
)
