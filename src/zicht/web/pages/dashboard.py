# SPDX-License-Identifier: EUPL-1.2
"""The statistics dashboard: the regional picture for municipalities (own area, its regions and the nation)
and analysts (any area).

``/statistieken`` shows for one area and period: a choropleth map (server-rendered SVG, withheld areas
hatched and named in the legend), the ten-year trend, every breakdown and the data quality, each chart with
its data table next to it and a one-line reading. Filters (period, level, area, form) are a GET form, so the
page works without JavaScript. CSV and XLSX of every table exactly as shown and the PDF factsheet can be
downloaded; every download is recorded in the logboek. All figures come from
:class:`zicht.analysis.Statistiekdienst`, so every role but the analyst's sees disclosure-controlled figures
only, exactly as the API and the CLI do.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from zicht.analysis import (
    NietBeschikbaar,
    Periode,
    Tabel,
    is_beveiligd,
    kaart_svg,
    maak_dashboard,
    maak_factsheet,
    naar_csv,
    naar_xlsx,
    registreer_export,
    staaf_svg,
    trend_svg,
)
from zicht.analysis.dashboard import Dashboard
from zicht.analysis.dimensies import Periodesoort, niveau_label
from zicht.analysis.export import MEDIATYPES, bestandsnaam
from zicht.analysis.gebieden import gebiedsnaam
from zicht.analysis.tabel import Kolomsoort
from zicht.codebook import codelijst
from zicht.privacy.toegang import Recht, Toegang
from zicht.reference import Gebiedsniveau
from zicht.taal import N_
from zicht.web import i18n, sortering
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.pages import gebiedskeuze
from zicht.web.sortering import AF, OP, Sortering
from zicht.web.statistiekdienst import DOEL, dienst, rol_en_bereik
from zicht.web.templating import render

log = logging.getLogger(__name__)
router = APIRouter()
Gebruiker = Annotated[Aangemeld, Depends(Vereist(Recht.aggregaten))]
PAD = "/statistieken"
#: The comparison page (zicht.web.pages.vergelijken).
VERGELIJK_PAD = PAD + "/vergelijken"


def _keuze(
    request: Request, toegang: Toegang, periode: str, niveau: str, gebied: str, vorm: str
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The validated filter (defaults: the last full year, the user's own area). The area may be given as a
    level and code (links, exports) or as a name typed or picked from the suggestions ("veiligheidsregio
    Utrecht"); only areas in the caller's scope are found."""
    ref = web(request).reference
    fouten: list[dict[str, str]] = []
    rol, bereik = rol_en_bereik(request, toegang)
    beveiligd = is_beveiligd(rol)
    extract = dienst(request).extract(beveiligd=beveiligd)
    laatste = (extract.jaren or (2024, 2024))[1]
    if not periode:
        periode = str(laatste)
    try:
        if Periode.parse(periode).soort is not Periodesoort.jaar and beveiligd:
            fouten.append({"veld": "stat-periode", "tekst": N_("Kies een kalenderjaar.")})
            periode = str(laatste)
    except ValueError:
        fouten.append(
            {
                "veld": "stat-periode",
                "tekst": N_("Kies een kalenderjaar.")
                if beveiligd
                else N_("Kies een jaar, kwartaal (2024-Q3) of periode (2022-2024)."),
            }
        )
        periode = str(laatste)
    if not niveau and not gebied:
        niveau = toegang.gebied.niveau if toegang.gebied else "nederland"
        gebied = toegang.gebied.code if toegang.gebied else "NL"
    gevonden = gebiedskeuze.zoek(ref, bereik, gebied, niveau)
    if gevonden is None and niveau in {n.value for n in Gebiedsniveau} and gebied:
        binnen = _gebied_op_niveau(request, gebied, Gebiedsniveau(niveau))
        if binnen is not None and bereik.staat_toe(ref, Gebiedsniveau(niveau), binnen):
            gevonden = (Gebiedsniveau(niveau), binnen)
    if gevonden is None:
        fouten.append({"veld": "stat-gebied", "tekst": N_("Kies een gebied uit de lijst.")})
        gevonden = (Gebiedsniveau.nederland, "NL")
    if vorm and vorm not in codelijst("uitbuitingsvorm"):
        fouten.append({"veld": "stat-vorm", "tekst": N_("Onbekende uitbuitingsvorm.")})
        vorm = ""
    return {"periode": periode, "niveau": gevonden[0].value, "gebied": gevonden[1], "vorm": vorm}, fouten


def canoniek(request: Request, keuze: dict[str, str], niveau: str, gebied: str) -> Response | None:
    """A redirect to the page's canonical URL (level and code) when the area was typed as a name, so that
    links, bookmarks and exports name the area by code."""
    if not gebied or (niveau == keuze["niveau"] and gebied == keuze["gebied"]):
        return None
    params = {k: v for k, v in keuze.items() if v} | {k: v for k, v in request.query_params.items() if k not in keuze}
    return RedirectResponse(f"{request.url.path}?{urlencode(params)}", status_code=303)


def _gebied_op_niveau(request: Request, code: str, niveau: Gebiedsniveau) -> str | None:
    """After a change of level: the area of the new level that holds the previous area (or its first
    gemeente), so switching from a gemeente to "veiligheidsregio" shows that gemeente's region."""
    ref = web(request).reference
    gm = ref.gemeenten.get(code)
    if gm is None:
        for n in Gebiedsniveau:
            if n is not Gebiedsniveau.nederland and code in ref.gebieden(n):
                gm = ref.gemeenten[ref.gebieden(n)[code].gemeenten[0]]
                break
    return None if gm is None else gm.gebied_code(niveau)


def _dashboard(request: Request, aangemeld: Aangemeld, keuze: dict[str, str], taal: str) -> Dashboard:
    rol, bereik = rol_en_bereik(request, aangemeld.toegang)
    try:
        return maak_dashboard(
            dienst(request),
            Gebiedsniveau(keuze["niveau"]),
            keuze["gebied"],
            Periode.parse(keuze["periode"]),
            rol=rol,
            bereik=bereik,
            vorm=keuze["vorm"] or None,
            taal=taal,
        )
    except PermissionError:
        raise HTTPException(403) from None


#: The map's table can be sorted by these columns (with each one's default direction); the nation's row stays last.
KAART_SORTEERBAAR = {"gebied": OP, "aantal": AF, "per_100k": AF}


def _tabelview(
    tabel: Tabel,
    sleutel: str,
    algemeen: tuple[str, ...] = (),
    *,
    sorteren: tuple[Mapping[str, str], Sortering, Mapping[str, str]] | None = None,
) -> dict[str, Any]:
    """Rows ready for the template: header cells (sort links when ``sorteren`` gives the page's query, the asked
    order and the sortable columns), the first text column as row headers, numeric classes."""
    verborgen = ("gebiedscode", "categorie", "groep")
    kop = next(
        (i for i, k in enumerate(tabel.kolommen) if k.soort is Kolomsoort.tekst and k.sleutel not in verborgen),
        0,
    )
    zichtbaar = [i for i, k in enumerate(tabel.kolommen) if k.sleutel not in verborgen]
    volgorde = list(range(len(tabel.rijen)))
    if sorteren is None:
        koppen = sortering.koppen(tabel, zichtbaar, {}, Sortering("", OP), {})
    else:
        query, orde, sorteerbaar = sorteren
        koppen = sortering.koppen(tabel, zichtbaar, query, orde, sorteerbaar)
        code = tabel.kolom_index("gebiedscode")
        vast = [i for i in volgorde if tabel.rijen[i][code].tekst == "NL"]
        volgorde = sortering.volgorde(tabel, [i for i in volgorde if i not in vast], orde) + vast
    return {
        "tabel": tabel,
        "sleutel": sleutel,
        "id": "tabel-" + sleutel.replace("_", "-"),
        "koppen": koppen,
        "rijen": [
            [(tabel.rijen[r][i].tekst, i == kop, tabel.rijen[r][i].verborgen) for i in zichtbaar] for r in volgorde
        ],
        "noten": [n for n in tabel.voetnoten if n not in algemeen],
    }


def opties(request: Request, toegang: Toegang, keuze: dict[str, str], taal: str) -> dict[str, Any]:
    """The choices of the filter form: periods the role can get (analysts also quarters and three-year
    periods; protected roles calendar years only, docs/adr/0006), the areas in the caller's scope by name,
    the regions the chosen area lies in, and the forms of exploitation."""
    ref = web(request).reference
    rol, bereik = rol_en_bereik(request, toegang)
    extract = dienst(request).extract(beveiligd=is_beveiligd(rol))
    eerste, laatste = extract.jaren or (2024, 2024)
    jaren = [(str(j), str(j)) for j in range(laatste, eerste - 1, -1)]
    if not is_beveiligd(rol):  # protected figures exist per calendar year only (docs/adr/0006)
        jaren += [(q.code, q.label(taal)) for j in range(laatste, eerste - 1, -1) for q in Periode.jaar(j).kwartalen()]
        jaren += [(f"{j - 2}-{j}", f"{j - 2}–{j}") for j in range(laatste, eerste + 1, -1)]
    vormen = [(c.code, c.label(taal)) for c in codelijst("uitbuitingsvorm").codes if c.code != "onbekend"]
    niveau = Gebiedsniveau(keuze["niveau"])
    return {
        "jaren": jaren,
        "vormen": vormen,
        "gebieden": gebiedskeuze.opties(ref, bereik, taal),
        "gebied_label": gebiedskeuze.gebiedslabel(ref, niveau, keuze["gebied"], taal),
        "keten": gebiedskeuze.keten(ref, bereik, niveau, keuze["gebied"], taal),
        "periode_hint": N_("Een kalenderjaar. Zijn de aantallen klein, kies dan een hoger niveau.")
        if is_beveiligd(rol)
        else N_("Een kalenderjaar, een kwartaal of drie jaar samen (analisten)."),
    }


@router.get(PAD)
def statistieken(
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
    ref = web(request).reference
    gekozen = Gebiedsniveau(keuze["niveau"])
    query = urlencode({k: v for k, v in keuze.items() if v})
    try:
        d = _dashboard(request, aangemeld, keuze, taal)
    except NietBeschikbaar as exc:  # e.g. counts too small to publish anything for this area and period
        return render(
            request,
            "dashboard/niet_beschikbaar.html",
            {
                "filter": keuze,
                "fouten": fouten,
                "opties": opties(request, aangemeld.toegang, keuze, taal),
                "naam": gebiedsnaam(ref, gekozen, keuze["gebied"], taal),
                "niveau_naam": niveau_label(gekozen, taal),
                "basis": PAD,
                "query": query,
                "probleem": str(exc),
            },
        )
    context: dict[str, Any] = {
        "d": d,
        "filter": keuze,
        "fouten": fouten,
        "opties": opties(request, aangemeld.toegang, keuze, taal),
        "vergelijken": VERGELIJK_PAD + "?" + query if gekozen is not Gebiedsniveau.nederland else None,
        "naam": gebiedsnaam(ref, gekozen, keuze["gebied"], taal),
        "niveau_naam": niveau_label(gekozen, taal),
        "beveiligd": is_beveiligd(rol),
        "query": query,
        "basis": PAD,
        "kaart": None
        if d.kaart is None
        else kaart_svg(
            d.kaart, ref, d.kaartniveau, markeer=keuze["gebied"] if d.kaartniveau is gekozen else None, taal=taal
        ),
        "trend": trend_svg(d.reeks, taal=taal),
        "tabellen": {
            "kaart": _tabelview(
                d.kaart,
                "kaart",
                d.reeks.voetnoten,
                sorteren=(
                    {k: v for k, v in keuze.items() if v},
                    Sortering.uit(sorteer, richting, KAART_SORTEERBAAR),
                    KAART_SORTEERBAAR,
                ),
            )
            if d.kaart
            else None,
            "reeks": _tabelview(d.reeks, "reeks", d.reeks.voetnoten),
            "kwaliteit": _tabelview(d.kwaliteit, "kwaliteit", d.reeks.voetnoten),
        },
        "uitsplitsingen": [
            (
                _tabelview(t, f"uitsplitsing_{wat.value}"),
                staaf_svg(t, taal=taal, id_prefix=f"staaf-{wat.value}") if _heeft_aandelen(t) else None,
            )
            for wat, t in d.uitsplitsingen.items()
        ],
    }
    return render(request, "dashboard/pagina.html", context, status_code=400 if fouten else 200)


def _heeft_aandelen(tabel: Tabel) -> bool:
    return any(
        rij[i].getal is not None
        for rij in tabel.rijen[:-1]
        for i, k in enumerate(tabel.kolommen)
        if k.sleutel.startswith("aandeel_")
    )


def _kies_tabel(d: Dashboard, sleutel: str) -> Tabel:
    if sleutel == "kaart" and d.kaart is not None:
        return d.kaart
    if sleutel == "reeks":
        return d.reeks
    if sleutel == "kwaliteit":
        return d.kwaliteit
    for wat, tabel in d.uitsplitsingen.items():
        if sleutel == f"uitsplitsing_{wat.value}":
            return tabel
    raise HTTPException(404)


@router.get(PAD + "/export")
def exporteer(
    request: Request,
    aangemeld: Gebruiker,
    tabel: str,
    formaat: str = "csv",
    periode: str = "",
    niveau: str = "",
    gebied: str = "",
    vorm: str = "",
) -> Response:
    """One table of the dashboard as CSV or XLSX, exactly as shown; recorded in the logboek."""
    if formaat not in ("csv", "xlsx"):
        raise HTTPException(404)
    taal = i18n.kies_taal(request)[0]
    keuze, fouten = _keuze(request, aangemeld.toegang, periode, niveau, gebied, vorm)
    if fouten:
        raise HTTPException(404)
    return tabel_download(
        request, aangemeld, _kies_tabel(_dashboard(request, aangemeld, keuze, taal), tabel), formaat, taal
    )


def tabel_download(request: Request, aangemeld: Aangemeld, tabel: Tabel, formaat: str, taal: str) -> Response:
    """A shown table as a CSV or XLSX download, recorded in the logboek (every statistics page uses this)."""
    data = naar_csv(tabel, taal) if formaat == "csv" else naar_xlsx(tabel, taal)
    with web(request).transactie() as sessie:
        registreer_export(sessie, aangemeld.toegang.actor(), tabel, formaat, doel=DOEL)
    naam = bestandsnaam(tabel, formaat, taal)
    return Response(
        data, media_type=MEDIATYPES[formaat], headers={"Content-Disposition": f'attachment; filename="{naam}"'}
    )


@router.get(PAD + "/factsheet.pdf")
def factsheet(
    request: Request, aangemeld: Gebruiker, periode: str = "", niveau: str = "", gebied: str = "", vorm: str = ""
) -> Response:
    """The printable factsheet of the area; recorded in the logboek."""
    taal = i18n.kies_taal(request)[0]
    keuze, fouten = _keuze(request, aangemeld.toegang, periode, niveau, gebied, vorm)
    if fouten:
        raise HTTPException(404)
    d = _dashboard(request, aangemeld, keuze, taal)
    rol, _ = rol_en_bereik(request, aangemeld.toegang)
    beveiligd = is_beveiligd(rol)
    # the same dashboard of the same extract gives the same PDF: made once per publicatie (or vintage)
    pdf = (
        dienst(request)
        .extract(beveiligd=beveiligd)
        .onthoud(
            ("factsheet", beveiligd, taal, *sorted(keuze.items())),
            lambda: maak_factsheet(d, web(request).reference, dienst(request).beleid if beveiligd else None, taal=taal),
        )
    )
    with web(request).transactie() as sessie:
        registreer_export(sessie, aangemeld.toegang.actor(), d.reeks, "pdf", doel=DOEL)
    naam = f"factsheet-mensenhandel-{keuze['niveau']}-{keuze['gebied']}-{keuze['periode']}.pdf"
    naam = "".join(c if c.isalnum() or c in "-_." else "_" for c in naam)
    return Response(
        pdf, media_type=MEDIATYPES["pdf"], headers={"Content-Disposition": f'attachment; filename="{naam}"'}
    )


FEATURE = Feature(
    naam="dashboard",
    pages=router,
    nav=(NavItem(PAD, N_("Statistieken"), Recht.aggregaten, volgorde=40),),
)

__all__ = ["FEATURE", "NietBeschikbaar"]
