# SPDX-License-Identifier: EUPL-1.2
"""The iceberg page for analysts: registered versus estimated victims (multiple systems estimation).

``/analyse/ijsberg`` shows, for a year (or period), a form of exploitation and a region, the registered
persons and the MSE estimate of the total with its analytic and BCa intervals as a server-rendered SVG bar
chart with the data table next to it, a one-line Dutch reading, the model explained in plain Dutch, the
sensitivity to the stepwise threshold and to the list definition, and warnings (sparse strata are refused).
The table (CSV), the capture table (CSV) and the method text (Markdown, HTML) can be downloaded; every
download appends an ``exporteren`` record to the logboek.

Only roles with :attr:`Recht.melding_landelijk` (analysts) see the page; gemeente users do not (yet). Every
estimate is cached per data vintage and parameters, so a repeated page load or a download is instant. Works
without JavaScript: the filters are a GET form.
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

import pandas as pd
from fastapi import APIRouter, Depends
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from zicht.analysis.extract import Vintage, lees_vintage
from zicht.analysis.iceberg import (
    BUITENLAND,
    INDELINGEN,
    ONBEKEND,
    STANDAARD_BOOTSTRAP,
    STANDAARD_SEED,
    IJsbergSchatting,
    Instellingen,
    Rekencache,
    Stratum,
    getal,
    lijstindeling,
    lijstnaam,
    methode_markdown,
    methode_secties,
    methode_titel,
    resultaat_csv,
    resultaattabel,
    rijen_uit_register,
    schat,
    vangsttabel_csv,
)
from zicht.codebook import codelijst
from zicht.privacy import logboek
from zicht.privacy.toegang import Recht
from zicht.reference import Gebiedsniveau
from zicht.storage.base import utcnow
from zicht.taal import N_
from zicht.web import i18n
from zicht.web.auth.sessie import Aangemeld, Vereist
from zicht.web.context import web
from zicht.web.features import Feature, NavItem
from zicht.web.templating import render

router = APIRouter()
Analist = Annotated[Aangemeld, Depends(Vereist(Recht.melding_landelijk))]

PAD = "/analyse/ijsberg"
#: Purpose recorded in the logboek for downloads.
DOEL = "analyse: schatting van het werkelijke aantal slachtoffers (multiple systems estimation)"
#: Parameters of the page's estimates (a modest seeded bootstrap; see docs/ijsberg.md).
INSTELLINGEN = Instellingen(bootstrap=STANDAARD_BOOTSTRAP, seed=STANDAARD_SEED, workers=1)
_STAAT_LOCK = threading.Lock()


@dataclass
class _Staat:
    """Per-application caches: capture rows per vintage, estimates per vintage and parameters."""

    rijen: Rekencache[pd.DataFrame]
    schattingen: Rekencache[IJsbergSchatting]


def _staat(request: Request) -> _Staat:
    state = request.app.state
    with _STAAT_LOCK:
        staat = getattr(state, "zicht_ijsberg", None)
        if staat is None:
            staat = _Staat(Rekencache(maximum=2), Rekencache(maximum=128))
            state.zicht_ijsberg = staat
    assert isinstance(staat, _Staat)
    return staat


@dataclass(frozen=True)
class _Gegevens:
    vintage: Vintage
    rijen: pd.DataFrame
    jaren: tuple[int, ...]


def _gegevens(request: Request) -> _Gegevens:
    ctx = web(request)
    vintage = lees_vintage(ctx.engine, ctx.reference)
    rijen = _staat(request).rijen.haal(vintage.code, lambda: rijen_uit_register(ctx.engine, ctx.reference))
    gekoppeld = rijen.loc[rijen["persoon_id"].notna(), "jaar"]
    return _Gegevens(vintage, rijen, tuple(sorted({int(j) for j in gekoppeld.unique()}, reverse=True)))


@dataclass(frozen=True)
class _Keuze:
    stratum: Stratum | None
    lijsten: str
    filter: dict[str, str]
    fouten: tuple[dict[str, str], ...]

    def query(self) -> str:
        return urlencode({k: v for k, v in self.filter.items() if v})


def _regios(request: Request) -> list[tuple[str, str]]:
    _ = i18n.vertaler_voor(request)
    eenheden = sorted(web(request).reference.gebieden(Gebiedsniveau.politie_eenheid))
    return [(e, e) for e in eenheden] + [(BUITENLAND, _("buitenland")), (ONBEKEND, _("onbekend"))]


def _keuze(
    request: Request,
    gegevens: _Gegevens,
    jaar: str,
    vorm: str,
    regio: str,
    lijsten: str,
    standaardjaar: int | None = None,
) -> _Keuze:
    """Validate the filters. Without a year: the latest year with linked persons, else ``standaardjaar``."""
    fouten: list[dict[str, str]] = []
    jaar = jaar.strip()[:9]
    gekozen_jaar: int | None = None
    if jaar:
        if jaar.isdigit() and int(jaar) in gegevens.jaren:
            gekozen_jaar = int(jaar)
        else:
            fouten.append({"veld": "ijsberg-jaar", "tekst": N_("Kies een jaar met gekoppelde meldingen.")})
    elif gegevens.jaren:
        gekozen_jaar = gegevens.jaren[0]
    else:
        gekozen_jaar = standaardjaar
    vorm = vorm.strip()
    if vorm and vorm not in codelijst("uitbuitingsvorm"):
        fouten.append({"veld": "ijsberg-vorm", "tekst": N_("Onbekende uitbuitingsvorm.")})
        vorm = ""
    regio = regio.strip()
    if regio and regio not in {code for code, _ in _regios(request)}:
        fouten.append({"veld": "ijsberg-regio", "tekst": N_("Onbekende regio.")})
        regio = ""
    lijsten = lijsten.strip() or "6"
    if lijsten not in INDELINGEN:
        fouten.append({"veld": "ijsberg-lijsten", "tekst": N_("Onbekende lijstindeling.")})
        lijsten = "6"
    stratum = (
        None if gekozen_jaar is None or fouten else Stratum(gekozen_jaar, gekozen_jaar, vorm or None, regio or None)
    )
    filt = {"jaar": str(gekozen_jaar or ""), "vorm": vorm, "regio": regio, "lijsten": lijsten}
    return _Keuze(stratum, lijsten, filt, tuple(fouten))


def _schatting(request: Request, gegevens: _Gegevens, stratum: Stratum, lijsten: str) -> IJsbergSchatting:
    indeling = lijstindeling(lijsten)
    sleutel = (gegevens.vintage.code, stratum, indeling.spec(), INSTELLINGEN.sleutel())
    return _staat(request).schattingen.haal(sleutel, lambda: schat(gegevens.rijen, stratum, indeling, INSTELLINGEN))


# --- the SVG bar chart ----------------------------------------------------------------------------------------


def _stap(maximum: float) -> float:
    """A round tick step giving at most six ticks up to ``maximum``."""
    if maximum <= 0:
        return 1.0
    ruw = maximum / 5
    macht = 10 ** math.floor(math.log10(ruw))
    for factor in (1, 2, 2.5, 5, 10):
        if factor * macht >= ruw:
            return float(factor * macht)
    return float(10 * macht)  # pragma: no cover - the loop always returns


def staafdiagram(s: IJsbergSchatting, taal: str = "nl") -> dict[str, Any]:
    """Geometry of the bar chart: registered and estimated bars, interval whiskers, axis ticks.

    Args:
        s: The estimate.

    Returns:
        Coordinates and labels for ``templates/iceberg/grafiek.html`` (width 460, height 300 user units).
    """
    breedte, hoogte, links, boven, onder = 460, 300, 64, 16, 40
    plot_h = hoogte - boven - onder
    bca, ana = s.interval("bca"), s.interval("analytic")
    waarden = [float(s.geregistreerd)]
    if s.geschat is not None:
        waarden.append(s.geschat)
    waarden.extend(iv.high for iv in (bca, ana) if iv is not None and math.isfinite(iv.high))
    stap = _stap(max(waarden))
    top = stap * math.ceil(max(waarden) / stap) if max(waarden) > 0 else stap

    def y(waarde: float) -> float:
        return round(boven + plot_h * (1 - min(waarde, top) / top), 1)

    balk_b = 90
    x_reg, x_sch = links + 24, links + 24 + balk_b + 40
    staven = [
        {"x": x_reg, "y": y(s.geregistreerd), "h": round(y(0) - y(s.geregistreerd), 1), "b": balk_b,
         "kleur": "#154273", "label": N_("Geregistreerd"), "waarde": getal(s.geregistreerd, taal=taal)},
    ]  # fmt: skip
    snorren = []
    if s.geschat is not None:
        staven.append(
            {"x": x_sch, "y": y(s.geschat), "h": round(y(0) - y(s.geschat), 1), "b": balk_b, "kleur": "#7c9cc4",
             "label": N_("Geschat"), "waarde": getal(s.geschat, taal=taal)}
        )  # fmt: skip
        for iv, dx, dik in ((bca, balk_b * 0.35, 3), (ana, balk_b * 0.65, 1.5)):
            if iv is None:
                continue
            hoog = iv.high if math.isfinite(iv.high) else top
            snorren.append(
                {"x": round(x_sch + dx, 1), "y1": y(iv.low), "y2": y(hoog), "dik": dik, "methode": iv.method,
                 "afgekapt": hoog > top}
            )  # fmt: skip
    ticks = []
    waarde = 0.0
    while waarde <= top + 1e-9:
        ticks.append({"y": y(waarde), "label": getal(waarde, taal=taal)})
        waarde += stap
    return {
        "breedte": breedte,
        "hoogte": hoogte,
        "links": links,
        "rechts_x": x_sch + balk_b + 28,
        "basis": y(0),
        "plot_rechts": x_sch + balk_b + 16,
        "staven": staven,
        "snorren": snorren,
        "ticks": ticks,
    }


# --- pages ----------------------------------------------------------------------------------------------------


@router.get(PAD)
def ijsberg(
    request: Request, aangemeld: Analist, jaar: str = "", vorm: str = "", regio: str = "", lijsten: str = "6"
) -> Response:
    gegevens = _gegevens(request)
    keuze = _keuze(request, gegevens, jaar, vorm, regio, lijsten)
    s = _schatting(request, gegevens, keuze.stratum, keuze.lijsten) if keuze.stratum is not None else None
    taal = i18n.kies_taal(request)[0]
    _ = i18n.vertaler(taal)
    vormen = [(c.code, c.label(taal)) for c in codelijst("uitbuitingsvorm").codes]
    context: dict[str, Any] = {
        "s": s,
        "keuze": keuze,
        "filter": keuze.filter,
        "fouten": list(keuze.fouten),
        "gegevensstand": gegevens.vintage.label(taal),
        "jaren": [(str(j), str(j)) for j in gegevens.jaren],
        "vormen": vormen,
        "regios": _regios(request),
        "indelingen": [("6", _("6 lijsten (standaard)")), ("4", _("4 lijsten"))],
        "geen_personen": not gegevens.jaren,
        "basis": PAD,
    }
    if s is not None:
        context.update(
            {
                "grafiek": staafdiagram(s, taal),
                "tabel": resultaattabel(s, taal),
                "methode": methode_secties(s, gegevens.vintage.label(taal), taal)[1:],
                "query": keuze.query(),
                "getal": lambda waarde, decimalen=0: getal(waarde, decimalen, taal),
                "lijstnaam": lambda naam: lijstnaam(naam, taal),
            }
        )
    return render(request, "iceberg/pagina.html", context, status_code=400 if keuze.fouten else 200)


def _export(
    request: Request, aangemeld: Aangemeld, formaat: str, jaar: str, vorm: str, regio: str, lijsten: str
) -> tuple[IJsbergSchatting, _Gegevens]:
    gegevens = _gegevens(request)
    # without linked persons the export still answers, with the refusal (no persons) for the latest year
    jaren = gegevens.rijen["jaar"]
    keuze = _keuze(request, gegevens, jaar, vorm, regio, lijsten, int(jaren.max()) if len(jaren) else utcnow().year)
    if keuze.stratum is None:
        raise HTTPException(400)
    s = _schatting(request, gegevens, keuze.stratum, keuze.lijsten)
    with web(request).transactie() as sessie:
        logboek.append(
            sessie,
            aangemeld.toegang.actor(),
            actie="exporteren",
            object_type="ijsberg",
            object_ids=[f"{s.stratum.periode}/{s.stratum.vorm or 'alle'}/{s.stratum.regio or 'nederland'}/{s.indeling.naam}"],
            doel=DOEL,
            details={"formaat": formaat, "gegevensstand": gegevens.vintage.code, "lijsten": s.indeling.spec(),
                     "bootstrap": INSTELLINGEN.bootstrap, "seed": INSTELLINGEN.seed},
        )  # fmt: skip
    return s, gegevens


def _bestandsnaam(s: IJsbergSchatting, soort: str, extensie: str) -> str:
    delen = ["ijsberg", soort, s.stratum.periode, s.stratum.vorm or "alle", s.stratum.regio or "nederland"]
    naam = "-".join(d.replace(" ", "_") for d in delen)
    return "".join(c for c in naam if c.isalnum() or c in "-_") + f".{extensie}"


def _download(inhoud: str, media: str, naam: str) -> Response:
    return Response(inhoud, media_type=media, headers={"Content-Disposition": f'attachment; filename="{naam}"'})


@router.get(PAD + "/tabel.csv")
def tabel_csv(
    request: Request, aangemeld: Analist, jaar: str = "", vorm: str = "", regio: str = "", lijsten: str = "6"
) -> Response:
    s, g = _export(request, aangemeld, "csv", jaar, vorm, regio, lijsten)
    return _download(resultaat_csv(s, g.vintage.code), "text/csv; charset=utf-8", _bestandsnaam(s, "tabel", "csv"))


@router.get(PAD + "/vangsttabel.csv")
def vangst_csv(
    request: Request, aangemeld: Analist, jaar: str = "", vorm: str = "", regio: str = "", lijsten: str = "6"
) -> Response:
    s, _ = _export(request, aangemeld, "vangsttabel-csv", jaar, vorm, regio, lijsten)
    return _download(vangsttabel_csv(s), "text/csv; charset=utf-8", _bestandsnaam(s, "vangsttabel", "csv"))


@router.get(PAD + "/methode.md")
def methode_md(
    request: Request, aangemeld: Analist, jaar: str = "", vorm: str = "", regio: str = "", lijsten: str = "6"
) -> Response:
    s, g = _export(request, aangemeld, "markdown", jaar, vorm, regio, lijsten)
    taal = i18n.kies_taal(request)[0]
    return _download(
        methode_markdown(s, g.vintage.label(taal), taal), "text/markdown; charset=utf-8",
        _bestandsnaam(s, "methode", "md"),
    )  # fmt: skip


@router.get(PAD + "/methode.html")
def methode_html(
    request: Request, aangemeld: Analist, jaar: str = "", vorm: str = "", regio: str = "", lijsten: str = "6"
) -> Response:
    s, g = _export(request, aangemeld, "html", jaar, vorm, regio, lijsten)
    ctx = web(request)
    assert ctx.jinja is not None
    taal = i18n.kies_taal(request)[0]
    inhoud = ctx.jinja.get_template("iceberg/methode.html").render(
        s=s, taal=taal, secties=methode_secties(s, g.vintage.label(taal), taal), titel=methode_titel(s, taal)
    )
    return _download(inhoud, "text/html; charset=utf-8", _bestandsnaam(s, "methode", "html"))


FEATURE = Feature(
    naam="iceberg",
    pages=router,
    nav=(NavItem(PAD, N_("IJsberg"), Recht.melding_landelijk, 22),),
)
