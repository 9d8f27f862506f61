# SPDX-License-Identifier: EUPL-1.2
"""Server-rendered SVG dot-and-interval chart of a comparison (rates per 100,000 with 95% intervals).

Accessible like the other charts (:mod:`zicht.analysis.grafiek`): ``role="img"`` with a title and the
comparison's one-line reading as description, every row with a ``<title>`` in words, the chosen area told
apart by a bold label and a square marker as well as colour, a withheld figure drawn as its interval only with
an open marker, and the data table always next to it.
"""

from __future__ import annotations

from html import escape

from zicht.analysis.grafiek import KLEUR_GEBIED, KLEUR_LAND, _schaal_max
from zicht.analysis.tabel import Kolomsoort, format_getal
from zicht.analysis.vergelijking import Band, Punt, Vergelijking
from zicht.taal import vertaler

_B = 560.0
_LABEL = 190.0
_RECHTS = 24.0
_RIJ = 20.0
_BOVEN = 28.0


def _rij_titel(p: Punt, taal: str) -> str:
    _ = vertaler(taal)
    if p.laag is None or p.hoog is None:
        return _("{gebied}: {aantal}, geen interval", gebied=p.naam, aantal=p.aantal.tekst)
    rate = p.aantal.tekst if p.rate is None else format_getal(p.rate, Kolomsoort.per_100k, taal)
    laag, hoog = format_getal(p.laag, Kolomsoort.per_100k, taal), format_getal(p.hoog, Kolomsoort.per_100k, taal)
    positie = _("t.o.v. het midden")
    band = "" if p.band is Band.onbekend else f"; {positie}: {p.band.label(taal)}"
    return _("{gebied}: {cijfer} per 100.000 (interval {laag} tot {hoog})", gebied=p.naam, cijfer=rate, laag=laag,
             hoog=hoog) + band  # fmt: skip


def interval_svg(v: Vergelijking, *, taal: str = "nl", id_prefix: str = "vergelijking") -> str:
    """The chart: one row per comparable area in ranking order, a gap, then the regions and the nation; a
    dashed line at the median area's rate."""
    rijen: list[Punt | None] = [*v.punten, None, *v.referenties]
    hoogte = _BOVEN + len(rijen) * _RIJ + 34
    xmax = _schaal_max([p.hoog for p in rijen if p is not None and p.hoog is not None])
    breedte = _B - _LABEL - _RECHTS

    def x(waarde: float) -> float:
        return _LABEL + breedte * min(waarde, xmax) / xmax

    _ = vertaler(taal)
    as_tekst, midden = _("per 100.000 inwoners, met 95%-interval"), _("midden (mediaan)")
    p_id = escape(id_prefix)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_B:.0f} {hoogte:.0f}" role="img" '
        f'aria-labelledby="{p_id}-titel {p_id}-beschrijving" class="mh-grafiek" font-family="sans-serif" '
        'font-size="11">',
        f'<title id="{p_id}-titel">{escape(v.tabel.titel)}</title>',
        f'<desc id="{p_id}-beschrijving">{escape(v.tabel.samenvatting)}</desc>',
    ]
    onder = hoogte - 30
    for i in range(5):
        waarde = xmax * i / 4
        delen.append(
            f'<line x1="{x(waarde):.1f}" x2="{x(waarde):.1f}" y1="{_BOVEN - 6}" y2="{onder}" stroke="#d0d0d0"/>'
        )
        delen.append(
            f'<text x="{x(waarde):.1f}" y="{onder + 14}" text-anchor="middle" fill="#1a1a1a">'
            f"{escape(format_getal(waarde, Kolomsoort.per_100k, taal))}</text>"
        )
    delen.append(
        f'<text x="{_LABEL + breedte / 2:.1f}" y="{onder + 27}" text-anchor="middle" fill="#1a1a1a">'
        f"{escape(as_tekst)}"
        "</text>"
    )
    if v.mediaan is not None and v.mediaan.rate is not None:
        mx = x(v.mediaan.rate)
        delen.append(
            f'<line x1="{mx:.1f}" x2="{mx:.1f}" y1="{_BOVEN - 6}" y2="{onder}" stroke="#1a1a1a" '
            'stroke-dasharray="4 3"/>'
        )
        delen.append(
            f'<text x="{mx:.1f}" y="{_BOVEN - 10}" text-anchor="middle" fill="#1a1a1a">{escape(midden)}</text>'
        )
    for j, p in enumerate(rijen):
        if p is None:
            continue
        y = _BOVEN + j * _RIJ + _RIJ / 2
        referentie = j > len(v.punten)
        kleur = KLEUR_LAND if referentie else KLEUR_GEBIED
        gewicht = ' font-weight="bold"' if p.eigen else ""
        naam = p.naam if len(p.naam) <= 30 else p.naam[:29] + "…"
        delen.append(f"<g><title>{escape(_rij_titel(p, taal))}</title>")
        delen.append(
            f'<text x="{_LABEL - 8}" y="{y + 4:.1f}" text-anchor="end" fill="#1a1a1a"{gewicht}>{escape(naam)}</text>'
        )
        if p.laag is not None and p.hoog is not None:
            delen.append(
                f'<line x1="{x(p.laag):.1f}" x2="{x(p.hoog):.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{kleur}" '
                f'stroke-width="{3 if p.eigen else 1.5}"/>'
            )
        if p.rate is not None:
            cx = x(p.rate)
            if p.eigen:
                delen.append(f'<rect x="{cx - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{kleur}"/>')
            else:
                delen.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4" fill="{kleur}"/>')
        else:
            begin = x(p.hoog) + 6 if p.hoog is not None else _LABEL + 2
            if p.hoog is not None:
                delen.append(
                    f'<circle cx="{x(p.hoog):.1f}" cy="{y:.1f}" r="3.5" fill="#ffffff" stroke="{kleur}" '
                    'stroke-width="1.5"/>'
                )
            delen.append(f'<text x="{begin:.1f}" y="{y + 4:.1f}" fill="#4b4b4b">{escape(p.aantal.tekst)}</text>')
        delen.append("</g>")
    delen.append("</svg>")
    return "".join(delen)
