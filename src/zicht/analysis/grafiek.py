# SPDX-License-Identifier: EUPL-1.2
"""Server-rendered SVG charts: a trend line chart and a bar chart of a breakdown.

Accessible by construction: ``role="img"`` with a title and the table's one-line reading as description,
series told apart by marker shape and line style as well as colour, withheld points drawn as an open
marker on the axis with a ``<title>`` saying so, and the data table is always shown next to the chart.
"""

from __future__ import annotations

from html import escape

from zicht.analysis.tabel import Kolomsoort, Tabel, format_getal
from zicht.taal import vertaler

KLEUR_GEBIED = "#08519c"
KLEUR_LAND = "#b35806"
_B, _H = 560.0, 260.0
_L, _R, _T, _O = 48.0, 150.0, 16.0, 36.0


def _schaal_max(waarden: list[float]) -> float:
    hoogste = max(waarden, default=0.0)
    if hoogste <= 0:
        return 1.0
    stap = 10 ** max(0, len(str(int(hoogste))) - 1)
    for factor in (1, 2, 2.5, 5, 10):
        if hoogste <= stap * factor:
            return float(stap * factor)
    return hoogste


def trend_svg(tabel: Tabel, *, taal: str = "nl", id_prefix: str = "trend") -> str:
    """A line chart of the ``per_100k_*`` columns of a series table (area and nation).

    Rates are drawn rather than counts, so a municipality and the nation share one axis.
    """
    reeksen = [k for k in tabel.kolommen if k.sleutel.startswith("per_100k_")]
    perioden = [r[0].tekst for r in tabel.rijen]
    waarden = [[r[tabel.kolom_index(k.sleutel)] for r in tabel.rijen] for k in reeksen]
    ymax = _schaal_max([w.getal for serie in waarden for w in serie if w.getal is not None])
    breedte, hoogte = _B - _L - _R, _H - _T - _O
    n = max(1, len(perioden) - 1)

    def x(i: int) -> float:
        return _L + breedte * i / n

    def y(v: float) -> float:
        return _T + hoogte * (1 - v / ymax)

    p = escape(id_prefix)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_B:.0f} {_H:.0f}" role="img" '
        f'aria-labelledby="{p}-titel {p}-beschrijving" class="mh-grafiek" font-family="sans-serif" font-size="11">',
        f'<title id="{p}-titel">{escape(tabel.titel)}</title>',
        f'<desc id="{p}-beschrijving">{escape(tabel.samenvatting)}</desc>',
    ]
    for i in range(5):
        v = ymax * i / 4
        delen.append(f'<line x1="{_L}" x2="{_L + breedte}" y1="{y(v):.1f}" y2="{y(v):.1f}" stroke="#d0d0d0"/>')
        delen.append(
            f'<text x="{_L - 6}" y="{y(v) + 4:.1f}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(format_getal(v, Kolomsoort.per_100k, taal))}</text>"
        )
    stap = max(1, len(perioden) // 10)
    for i, label in enumerate(perioden):
        if i % stap == 0 or i == len(perioden) - 1:
            delen.append(
                f'<text x="{x(i):.1f}" y="{_H - _O + 16}" text-anchor="middle" fill="#1a1a1a">{escape(label)}</text>'
            )
    _ = vertaler(taal)
    eenheid, afgeschermd = _("per 100.000 inwoners"), _("afgeschermd")
    delen.append(f'<text x="{_L}" y="{_T - 4}" fill="#1a1a1a">{escape(eenheid)}</text>')
    stijlen = [(KLEUR_GEBIED, "", "circle"), (KLEUR_LAND, "6 4", "square")]
    for s, (kolom, serie) in enumerate(zip(reeksen, waarden, strict=True)):
        kleur, streep, vorm = stijlen[s % len(stijlen)]
        punten = [(i, w.getal) for i, w in enumerate(serie) if w.getal is not None]
        segment: list[str] = []
        vorige_i = None
        for i, v in punten:
            if vorige_i is not None and i != vorige_i + 1 and len(segment) > 1:
                delen.append(_lijn(segment, kleur, streep))
                segment = []
            elif vorige_i is not None and i != vorige_i + 1:
                segment = []
            segment.append(f"{x(i):.1f},{y(v):.1f}")
            vorige_i = i
        if len(segment) > 1:
            delen.append(_lijn(segment, kleur, streep))
        naam = kolom.label.rsplit(" (", 1)[0]
        for i, w in enumerate(serie):
            if w.getal is not None:
                titel = f"{naam}, {perioden[i]}: {w.tekst}"
                delen.append(_marker(vorm, x(i), y(w.getal), kleur, titel, open_=False))
            else:
                titel = f"{naam}, {perioden[i]}: {afgeschermd}"
                delen.append(_marker(vorm, x(i), y(0), kleur, titel, open_=True))
        ly = _T + 14 + 22 * s
        lx = _B - _R + 12
        delen.append(
            f'<line x1="{lx}" x2="{lx + 24}" y1="{ly}" y2="{ly}" stroke="{kleur}" stroke-width="2.5"'
            + (f' stroke-dasharray="{streep}"' if streep else "")
            + "/>"
        )
        delen.append(_marker(vorm, lx + 12, ly, kleur, naam, open_=False))
        delen.append(f'<text x="{lx + 30}" y="{ly + 4}" fill="#1a1a1a">{escape(naam[:22])}</text>')
    ly = _T + 14 + 22 * len(reeksen)
    delen.append(_marker("circle", _B - _R + 24, ly, "#4b4b4b", "", open_=True))
    delen.append(f'<text x="{_B - _R + 42}" y="{ly + 4}" fill="#1a1a1a">{escape(afgeschermd)}</text>')
    delen.append("</svg>")
    return "".join(delen)


def _lijn(punten: list[str], kleur: str, streep: str) -> str:
    dash = f' stroke-dasharray="{streep}"' if streep else ""
    return f'<polyline points="{" ".join(punten)}" fill="none" stroke="{kleur}" stroke-width="2.5"{dash}/>'


def _marker(vorm: str, cx: float, cy: float, kleur: str, titel: str, *, open_: bool) -> str:
    vulling = "#ffffff" if open_ else kleur
    tt = f"<title>{escape(titel)}</title>" if titel else ""
    if vorm == "square":
        return (
            f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{vulling}" stroke="{kleur}" '
            f'stroke-width="1.5">{tt}</rect>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4.5" fill="{vulling}" stroke="{kleur}" stroke-width="1.5">{tt}</circle>'


def _regels(tekst: str, breedte: int) -> list[str]:
    """A label on at most two lines of about ``breedte`` characters, broken between words (never cut: a chart
    shows the codebook label in full)."""
    if len(tekst) <= breedte or " " not in tekst:
        return [tekst]
    woorden = tekst.split(" ")
    eerste = ""
    for i, woord in enumerate(woorden):
        if eerste and len(eerste) + 1 + len(woord) > breedte:
            return [eerste, " ".join(woorden[i:])]
        eerste = f"{eerste} {woord}".strip()
    return [eerste]


def staaf_svg(tabel: Tabel, *, taal: str = "nl", id_prefix: str = "staaf", max_rijen: int = 12) -> str:
    """Horizontal bars of the shares (``aandeel_*``) of the most specific area with figures and the nation."""
    reeksen = [k for k in tabel.kolommen if k.sleutel.startswith("aandeel_")]
    met_cijfers = [
        k for k in reeksen if any(r[tabel.kolom_index(k.sleutel)].getal is not None for r in tabel.rijen[:-1])
    ]
    gekozen = ([met_cijfers[0], met_cijfers[-1]] if len(met_cijfers) > 1 else met_cijfers)[:2]
    rijen = [r for r in tabel.rijen[:-1]][:max_rijen]
    hoogte = _T + 20 + len(rijen) * 34 + 30
    breedte = 360.0
    p = escape(id_prefix)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_B:.0f} {hoogte:.0f}" role="img" '
        f'aria-labelledby="{p}-titel {p}-beschrijving" class="mh-grafiek" font-family="sans-serif" font-size="11">',
        f'<title id="{p}-titel">{escape(tabel.titel)}</title>',
        f'<desc id="{p}-beschrijving">{escape(tabel.samenvatting)}</desc>',
    ]
    x0 = 170.0
    kleuren = [(KLEUR_GEBIED, None), (KLEUR_LAND, f"url(#{p}-streep)")]
    delen.append(
        f'<defs><pattern id="{p}-streep" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{KLEUR_LAND}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="1.5"/></pattern></defs>'
    )
    for j, rij in enumerate(rijen):
        ytop = _T + 20 + j * 34
        regels = _regels(rij[1].tekst, 28)
        delen.append(
            f'<text x="{x0 - 6}" y="{ytop + (14 if len(regels) == 1 else 9)}" text-anchor="end" fill="#1a1a1a">'
            + "".join(
                f'<tspan x="{x0 - 6}" dy="{0 if i == 0 else 12}">{escape(r)}</tspan>' for i, r in enumerate(regels)
            )
            + "</text>"
        )
        for s, kolom in enumerate(gekozen):
            w = rij[tabel.kolom_index(kolom.sleutel)]
            kleur, patroon = kleuren[s]
            yb = ytop + s * 13
            if w.getal is None:
                delen.append(
                    f'<text x="{x0 + 2}" y="{yb + 10}" fill="#4b4b4b">{escape(w.tekst)}'
                    f"<title>{escape(kolom.label)}: {escape(w.tekst)}</title></text>"
                )
                continue
            lengte = breedte * w.getal
            delen.append(
                f'<rect x="{x0}" y="{yb}" width="{lengte:.1f}" height="11" fill="{patroon or kleur}" '
                f'stroke="{kleur}"><title>{escape(kolom.label)}: {escape(w.tekst)}</title></rect>'
            )
            delen.append(f'<text x="{x0 + lengte + 4:.1f}" y="{yb + 10}" fill="#1a1a1a">{escape(w.tekst)}</text>')
    ly = hoogte - 14
    for s, kolom in enumerate(gekozen):
        kleur, patroon = kleuren[s]
        lx = x0 + s * 190
        delen.append(
            f'<rect x="{lx}" y="{ly - 10}" width="16" height="11" fill="{patroon or kleur}" stroke="{kleur}"/>'
        )
        delen.append(f'<text x="{lx + 22}" y="{ly}" fill="#1a1a1a">{escape(kolom.label[:30])}</text>')
    delen.append("</svg>")
    return "".join(delen)
