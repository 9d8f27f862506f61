# SPDX-License-Identifier: EUPL-1.2
"""A two-page A4 factsheet per area and period ("Factsheet mensenhandel — gemeente X, 2024").

Page one: key figures, the reading of the series, the trend (chart and table) and the map; page two: the
forms and methods named most, the other breakdowns in one line each, what the numbers mean, the reference
dates, the data vintage (or publicatie) and the disclosure note. Built from the same
:class:`~zicht.analysis.dashboard.Dashboard` as the web page, so it shows exactly the published figures, as an
HTML template (``templates/factsheet/``) rendered by WeasyPrint as tagged PDF/UA-1: the text is extractable
in reading order and every chart is a figure with alternative text.
"""

from __future__ import annotations

from functools import lru_cache
from html import escape
from importlib.resources import files
from string import Template

import structlog

from zicht.analysis import factsheet_inhoud as inhoud
from zicht.analysis.dashboard import Dashboard
from zicht.analysis.dimensies import niveau_label
from zicht.analysis.gebieden import gebiedsnaam
from zicht.analysis.grafiek import trend_svg
from zicht.analysis.kaart import kaart_svg
from zicht.analysis.methode import methodetekst
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.taal import vertaler

_log = structlog.get_logger(__name__)


@lru_cache(maxsize=2)
def _sjabloon(naam: str) -> Template:
    return Template(files("zicht.analysis").joinpath("templates", "factsheet", naam).read_text(encoding="utf-8"))


def factsheet_titel(dashboard: Dashboard, referentie: Referentiedata, taal: str = "nl") -> str:
    """``Factsheet mensenhandel — gemeente Utrecht, 2024``."""
    _ = vertaler(taal)
    naam = gebiedsnaam(referentie, dashboard.niveau, dashboard.gebied, taal)
    if dashboard.niveau is not Gebiedsniveau.nederland:
        naam = f"{niveau_label(dashboard.niveau, taal)} {naam}"
    return _("Factsheet mensenhandel — {gebied}, {periode}", gebied=naam, periode=dashboard.periode.label(taal))


def _css_tekst(s: str) -> str:
    return s.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def _kaart(dashboard: Dashboard, referentie: Referentiedata, taal: str) -> str:
    kaart = dashboard.kaart
    if kaart is None:
        return ""
    eigen = dashboard.gebied if dashboard.kaartniveau is dashboard.niveau else None
    svg = kaart_svg(kaart, referentie, dashboard.kaartniveau, markeer=eigen, taal=taal, id_prefix="fs-kaart")
    svg = inhoud.vereenvoudig_kaart(svg)
    _ = vertaler(taal)
    tekst = f"<p>{escape(kaart.samenvatting)}</p>"
    if eigen is not None:
        try:
            rij = kaart.rij("gebiedscode", eigen)
            naam = gebiedsnaam(referentie, dashboard.niveau, eigen, taal)
            aantal, per = rij[kaart.kolom_index("aantal")].tekst, rij[kaart.kolom_index("per_100k")].tekst
            tekst += "<p>" + escape(_("{gebied}: {aantal} ({cijfer} per 100.000 inwoners).", gebied=naam,
                                      aantal=aantal, cijfer=per)) + "</p>"  # fmt: skip
        except KeyError:
            pass
    if kaart.advies:
        tekst += f'<p class="melding">{escape(kaart.advies)}</p>'
    kop = _("Kaart")
    return (
        f'<section class="kaart" aria-labelledby="kaart-kop"><h2 id="kaart-kop">{kop}</h2><div class="paar">'
        f'<figure class="grafiek-kaart">{inhoud.svg_img(svg, kaart.titel + ". " + kaart.samenvatting)}</figure>'
        f'<div class="kaart-tekst">{tekst}</div></div></section>'
    )


#: Style classes tried in turn until the factsheet fits two pages (the last hides the method and the other
#: breakdowns' one-line readings, which are on the web page; key figures, charts and notes always stay).
COMPACTHEID = ("", "compact", "compact compacter")
#: The most pages a factsheet has.
MAX_PAGINAS = 2


def factsheet_html(
    dashboard: Dashboard,
    referentie: Referentiedata,
    beleid: DisclosurePolicy | None,
    *,
    taal: str = "nl",
    klasse: str = "",
) -> str:
    """The factsheet as one self-contained HTML document (charts embedded as SVG images)."""
    _ = vertaler(taal)
    meta = dashboard.reeks.meta
    titel = factsheet_titel(dashboard, referentie, taal)
    regels = dict(meta.regels(taal))
    peil_kop = _("Peildatum gegevens")
    stand_kop = _("Gegevensstand")
    ondertitel = f"{peil_kop}: {regels.get(peil_kop, '–')} · {stand_kop}: {meta.vintage_label}"
    methode = methodetekst(beleid, taal)
    beveiliging_kop = _("Statistische beveiliging")
    uitleg = [(k, v) for k, v in methode if k != beveiliging_kop]
    css = _sjabloon("factsheet.css").substitute(voet=_css_tekst(f"zicht · {meta.vintage_label}"), pagina=_("pagina"))
    peil = meta.peildatum or dashboard.periode.eind
    waarschuwing = (
        ""
        if meta.beveiligd
        else '<p class="waarschuwing">' + escape(_("Exacte cijfers (analist): niet voor publicatie.")) + "</p>"
    )
    trend = trend_svg(dashboard.reeks, taal=taal, id_prefix="fs-trend")
    return _sjabloon("factsheet.html").substitute(
        taal="en" if taal == "en" else "nl",
        klasse=klasse,
        titel=escape(titel),
        gemaakt=peil.isoformat(),
        beschrijving=escape(dashboard.reeks.samenvatting),
        css=css,
        ondertitel=escape(ondertitel),
        waarschuwing=waarschuwing,
        kop_kern=_("Kerncijfers"),
        tegels=inhoud.tegels(dashboard, taal),
        lezing=escape(dashboard.reeks.samenvatting),
        meldingen="".join(f'<p class="melding">{escape(m)}</p>' for m in dict.fromkeys(dashboard.meldingen)),
        kop_verloop=_("Verloop"),
        trend=inhoud.svg_img(trend, dashboard.reeks.titel + ". " + dashboard.reeks.samenvatting),
        trendtabel=inhoud.trendtabel(dashboard.reeks, taal),
        kaart=_kaart(dashboard, referentie, taal),
        kop_vormen=_("Vormen en werkwijzen"),
        vormen=inhoud.vormen_en_werkwijzen(dashboard, taal),
        overige=inhoud.overige(dashboard, taal),
        kop_betekenis=_("Wat betekenen deze cijfers?"),
        betekenis=inhoud.alineas(inhoud.leeswijzer(taal)),
        kop_methode=_("Methode"),
        methode=inhoud.alineas(uitleg),
        kop_over=_("Over deze cijfers"),
        meta="".join(f"<div><dt>{escape(k)}</dt><dd>{escape(v)}</dd></div>" for k, v in meta.regels(taal)),
        beveiliging=inhoud.beveiligingsnoot(dashboard, beleid, [p for p in methode if p[0] == beveiliging_kop], taal),
    )


def maak_factsheet(
    dashboard: Dashboard, referentie: Referentiedata, beleid: DisclosurePolicy | None, *, taal: str = "nl"
) -> bytes:
    """Render the factsheet of a dashboard as a tagged PDF (PDF/UA-1), at most two A4 pages.

    Args:
        dashboard: The tables (already disclosure-controlled for the requesting role).
        referentie: Reference data (names and boundaries).
        beleid: The policy the tables were protected with (None for an analyst's exact factsheet).
        taal: ``nl`` or ``en``.

    Returns:
        The PDF; the same dashboard gives the same bytes (the creation date is the data's reference date).
    """
    from weasyprint import HTML  # imported on first use: loading Pango and the CSS engine takes a while

    opties = {"pdf_variant": "pdf/ua-1", "pdf_identifier": b"zicht-factsheet"}
    for klasse in COMPACTHEID:
        html = factsheet_html(dashboard, referentie, beleid, taal=taal, klasse=klasse)
        document = HTML(string=html).render(**opties)
        if len(document.pages) <= MAX_PAGINAS:
            break
        _log.info("factsheet_compacter", klasse=klasse or "standaard", paginas=len(document.pages))
    pdf = document.write_pdf(**opties)  # never cut: a third page rather than a lost note
    assert isinstance(pdf, bytes)
    return pdf
