# SPDX-License-Identifier: EUPL-1.2
"""The parts of the factsheet as HTML fragments, each built from a table of the dashboard as published.

Every figure is the cell's own display text (``Waarde.tekst``, formatted once by :mod:`zicht.analysis.opmaak`
when the table was made), so the factsheet can show nothing the web page of the same request does not.
"""

from __future__ import annotations

import base64
import re
from html import escape

from zicht.analysis.dashboard import Dashboard
from zicht.analysis.dimensies import Uitsplitsing
from zicht.analysis.tabel import Kolomsoort, Tabel, Waarde
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.taal import N_, vertaler

#: Rows of a breakdown shown on the factsheet (the page shows them all).
TOP_RIJEN = 6


def gebiedssleutels(reeks: Tabel) -> tuple[str, str | None]:
    """The area's key in a series table's column names and the nation's (None when the area is the nation)."""
    sleutels = [k.sleutel.removeprefix("aantal_") for k in reeks.kolommen if k.sleutel.startswith("aantal_")]
    eigen = sleutels[0]
    return eigen, ("NL" if eigen != "NL" and "NL" in sleutels else None)


def _cel(reeks: Tabel, rij: tuple[Waarde, ...], sleutel: str) -> str:
    try:
        return rij[reeks.kolom_index(sleutel)].tekst
    except (KeyError, ValueError):
        return "–"


def _naam(label: str) -> str:
    """``gemeente Utrecht (aantal)`` -> ``gemeente Utrecht``."""
    return label.rsplit(" (", 1)[0]


def tegels(d: Dashboard, taal: str) -> str:
    """The key figures of the newest period: count, rate, change and the nation, as a description list."""
    _ = vertaler(taal)
    reeks = d.reeks
    rij = reeks.rijen[-1]
    eigen, land = gebiedssleutels(reeks)
    naam = _naam(reeks.kolommen[reeks.kolom_index(f"aantal_{eigen}")].label)
    periode = rij[0].tekst
    eenheid = reeks.meta.eenheid.label(taal)
    vorige = reeks.rijen[-2][0].tekst if len(reeks.rijen) > 1 else ""
    delen = [
        (_("Mogelijke slachtoffers ({eenheid}), {periode}", eenheid=eenheid, periode=periode),
         _cel(reeks, rij, f"aantal_{eigen}"), naam, ""),
        (_("Per 100.000 inwoners"), _cel(reeks, rij, f"per_100k_{eigen}"),
         _("Nederland: {cijfer}", cijfer=_cel(reeks, rij, "per_100k_NL")) if land else naam, ""),
        (_("Verandering t.o.v. {vorige}", vorige=vorige), _cel(reeks, rij, f"verandering_{eigen}"),
         _cel(reeks, rij, f"oordeel_{eigen}"), ""),
    ]  # fmt: skip
    if land:
        delen.append(
            (
                _("Nederland, {periode}", periode=periode),
                _cel(reeks, rij, "aantal_NL"),
                _("verandering") + f" {_cel(reeks, rij, 'verandering_NL')}",
                " tegel--land",
            )
        )
    return "".join(
        f'<div class="tegel{klasse}"><dt>{escape(kop)}</dt><dd><span class="getal">{escape(getal)}</span>'
        f'<span class="toelichting">{escape(toelichting)}</span></dd></div>'
        for kop, getal, toelichting, klasse in delen
    )


def _tabel(caption: str, koppen: str, rijen: list[str]) -> str:
    return f"<table><caption>{escape(caption)}</caption><thead>{koppen}</thead><tbody>{''.join(rijen)}</tbody></table>"


def trendtabel(reeks: Tabel, taal: str, laatste: int = 6) -> str:
    """The newest periods of the series: count, rate and change of the area and the nation."""
    _ = vertaler(taal)
    gebieden = [s for s in gebiedssleutels(reeks) if s]
    soorten = [("aantal", _("aantal")), ("per_100k", _("per 100.000")), ("verandering", _("verandering"))]
    koppen = '<tr><th scope="col" rowspan="2">' + escape(_("periode")) + "</th>"
    for g in gebieden:
        naam = _naam(reeks.kolommen[reeks.kolom_index(f"aantal_{g}")].label)
        koppen += f'<th scope="colgroup" colspan="{len(soorten)}">{escape(naam)}</th>'
    koppen += "</tr><tr>" + "".join(
        f'<th scope="col" class="getal">{escape(s[1])}</th>' for _g in gebieden for s in soorten
    )
    rijen = [
        f'<tr><th scope="row">{escape(r[0].tekst)}</th>'
        + "".join(f'<td class="getal">{escape(_cel(reeks, r, f"{s[0]}_{g}"))}</td>' for g in gebieden for s in soorten)
        + "</tr>"
        for r in reeks.rijen[-laatste:]
    ]
    return _tabel(reeks.titel, koppen + "</tr>", rijen)


def top_tabel(tabel: Tabel, taal: str, n: int = TOP_RIJEN) -> str:
    """The ``n`` categories of a breakdown named most often nationally, with count and share per area."""
    _ = vertaler(taal)
    paren = [
        (k.sleutel.removeprefix("aantal_"), _naam(k.label))
        for k in tabel.kolommen
        if k.soort is Kolomsoort.aantal and k.sleutel.startswith("aantal_")
    ]
    li = tabel.kolom_index("label") if any(k.sleutel == "label" for k in tabel.kolommen) else 1
    ci = tabel.kolom_index("categorie") if any(k.sleutel == "categorie" for k in tabel.kolommen) else 0
    land = tabel.kolom_index(f"aantal_{paren[-1][0]}")
    rijen = [r for r in tabel.rijen if r[ci].tekst != "totaal"]
    rijen.sort(key=lambda r: -(r[land].getal or 0.0))
    koppen = f'<tr><th scope="col" rowspan="2">{escape(tabel.kolommen[li].label)}</th>'
    koppen += "".join(f'<th scope="colgroup" colspan="2">{escape(naam)}</th>' for _s, naam in paren)
    aantal = _("aantal")
    koppen += "</tr><tr>" + "".join(
        f'<th scope="col" class="getal">{escape(aantal)}</th><th scope="col" class="getal">%</th>' for _p in paren
    )
    html_rijen = [
        f'<tr><th scope="row">{escape(r[li].tekst)}</th>'
        + "".join(
            f'<td class="getal">{escape(_cel(tabel, r, f"aantal_{s}"))}</td>'
            f'<td class="getal">{escape(_cel(tabel, r, f"aandeel_{s}"))}</td>'
            for s, _naam_ in paren
        )
        + "</tr>"
        for r in rijen[:n]
    ]
    caption = tabel.titel + (" " + _("(de {n} meest genoemde)", n=n) if len(rijen) > n else "")
    return _tabel(caption, koppen + "</tr>", html_rijen)


def vormen_en_werkwijzen(d: Dashboard, taal: str) -> str:
    """Forms (or sectors, under a form filter) and methods: reading, advice and the top categories."""
    keuze: list[Uitsplitsing] = [
        u for u in (Uitsplitsing.uitbuitingsvorm, Uitsplitsing.werkwijze) if u in d.uitsplitsingen
    ]
    if Uitsplitsing.uitbuitingsvorm not in keuze and Uitsplitsing.sector in d.uitsplitsingen:
        keuze.insert(0, Uitsplitsing.sector)
    delen = []
    for u in keuze:
        tabel = d.uitsplitsingen[u]
        advies = f'<p class="melding">{escape(tabel.advies)}</p>' if tabel.advies else ""
        delen.append(
            f"<h3>{escape(u.label(taal).capitalize())}</h3><p>{escape(tabel.samenvatting)}</p>{advies}"
            + top_tabel(tabel, taal)
        )
    _ = vertaler(taal)
    geen = _("Geen uitsplitsing beschikbaar.")
    return "".join(delen) or f"<p>{escape(geen)}</p>"


def overige(d: Dashboard, taal: str) -> str:
    """The one-line reading of every other breakdown (the full tables are on the web page)."""
    regels = [
        f"<li><strong>{escape(u.label(taal).capitalize())}</strong>: {escape(tabel.samenvatting)}</li>"
        for u, tabel in d.uitsplitsingen.items()
        if u not in (Uitsplitsing.uitbuitingsvorm, Uitsplitsing.werkwijze, Uitsplitsing.sector)
    ]
    if not regels:
        return ""
    _ = vertaler(taal)
    kop = _("Andere uitsplitsingen")
    return (
        f'<section class="overige" aria-labelledby="overige-kop"><h2 id="overige-kop">{escape(kop)}</h2>'
        f"<ul>{''.join(regels)}</ul></section>"
    )


def svg_img(svg: str, alt: str) -> str:
    """An SVG chart as an image with alternative text (tagged as a figure in the PDF)."""
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    return f'<img src="data:image/svg+xml;base64,{data}" alt="{escape(alt)}">'


#: What the numbers mean, as (heading, text): Dutch source text.
_BETEKENIS = (
    (N_("Wat wordt geteld"), N_("Mogelijke slachtoffers van mensenhandel die bij zicht zijn gemeld. Dat is het "
     "aantal gemelde, niet het werkelijke aantal slachtoffers: veel slachtoffers worden nooit gemeld, en meer "
     "meldingen kunnen ook betekenen dat beter wordt gesignaleerd.")),
    (N_("Per 100.000 inwoners"), N_("Maakt gebieden van verschillende grootte vergelijkbaar. Bij kleine aantallen "
     "schommelt dit cijfer sterk van jaar tot jaar.")),
    (N_("Verandering en oordeel"), N_("Het oordeel zegt of een verandering groter is dan toeval kan verklaren. "
     "'Geen duidelijke verandering' betekent niet dat er niets veranderde, wel dat het verschil binnen de "
     "toevalsvariatie valt.")),
    (N_("Tekens"), N_("'<10' = minder dan 10; 'x' = afgeschermd om een ander cijfer te beschermen; '–' = geen "
     "cijfer of niet gepubliceerd.")),
)  # fmt: skip


def leeswijzer(taal: str) -> list[tuple[str, str]]:
    """What the numbers mean, as ``(heading, text)``."""
    _ = vertaler(taal)
    return [(_(kop), _(tekst)) for kop, tekst in _BETEKENIS]


def alineas(delen: list[tuple[str, str]]) -> str:
    """Paragraphs with a small heading each, in two columns split by length (floats: a multi-column layout
    costs the renderer several passes)."""
    totaal, som, knip = sum(len(t) for _, t in delen), 0, len(delen)
    for i, (_, tekst) in enumerate(delen):
        if som >= totaal / 2:
            knip = i
            break
        som += len(tekst)
    kolommen = (delen[:knip], delen[knip:])
    return "".join(
        '<div class="kolom">'
        + "".join(f"<h3>{escape(kop)}</h3><p>{escape(tekst)}</p>" for kop, tekst in kolom)
        + "</div>"
        for kolom in kolommen
        if kolom
    )


def beveiligingsnoot(d: Dashboard, beleid: DisclosurePolicy | None, methode: list[tuple[str, str]], taal: str) -> str:
    """The disclosure note: how the figures were protected (or that they are exact), and the series' notes."""
    if beleid is None or not d.reeks.meta.beveiligd:
        _ = vertaler(taal)
        eerste = _("Exacte cijfers (analist): niet voor publicatie. Deze cijfers zijn niet statistisch beveiligd.")
    else:
        eerste = " ".join(tekst for _, tekst in methode)
    return "".join(f"<p>{escape(s)}</p>" for s in (eerste, *d.reeks.voetnoten))


_RING = re.compile(r"M([-\d., ]+)Z")


def _vereenvoudig_ring(m: re.Match[str], stap: float) -> str:
    punten = [tuple(map(float, p.split(","))) for p in m.group(1).split()]
    if len(punten) < 8:
        return m.group(0)
    gehouden = [punten[0]]
    for x, y in punten[1:-1]:
        vx, vy = gehouden[-1]
        if abs(x - vx) + abs(y - vy) >= stap:
            gehouden.append((x, y))
    gehouden.append(punten[-1])
    if len(gehouden) < 4:
        return m.group(0)
    return "M" + " ".join(f"{x:.1f},{y:.1f}" for x, y in gehouden) + "Z"


def vereenvoudig_kaart(svg: str, stap: float = 2.0) -> str:
    """The map with boundary points closer than ``stap`` map units (0.3 mm on paper) to the last kept one
    dropped: invisible at factsheet size, and it halves the time the PDF renderer spends drawing the map."""
    return _RING.sub(lambda m: _vereenvoudig_ring(m, stap), svg)
