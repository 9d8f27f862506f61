# SPDX-License-Identifier: EUPL-1.2
"""A choropleth map of the Netherlands as server-rendered SVG, from an overview table and the boundaries.

Colour is never the only carrier: every area has a ``<title>`` with its name and value, withheld areas get a
hatch pattern and areas without a figure a dot pattern (both in the legend), and the map is always shown
next to its data table. The SVG has ``role="img"`` with a title and a description (the table's summary).
Gemeente and veiligheidsregio maps use their own boundaries; police units, RIEC regions and provinces are
drawn with the veiligheidsregio boundaries (every region lies in exactly one of each), coloured by the
larger area's value.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path

from zicht.analysis.tabel import Kolomsoort, Markering, Tabel, format_getal
from zicht.reference import Gebiedsniveau, Referentiedata
from zicht.reference._load import geojson_path
from zicht.taal import vertaler

BREEDTE = 480.0
#: Sequential colour classes, light to dark (ColorBrewer "Blues", colour-blind safe); the darker ones
#: carry white text in the legend.
KLEUREN = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
RAND = "#4b4b4b"
_LAT0 = 52.2


@dataclass(frozen=True)
class _Vorm:
    code: str
    pad: str


@lru_cache(maxsize=4)
def _vormen(pad: str, sleutel: str) -> tuple[tuple[_Vorm, ...], tuple[float, float, float, float]]:
    """Paths per area in map units, and the bounding box (min x, min y, max x, max y)."""
    data = json.loads(Path(pad).read_text(encoding="utf-8"))
    kx = math.cos(math.radians(_LAT0))
    ringen: list[tuple[str, list[list[tuple[float, float]]]]] = []
    for f in data["features"]:
        geo = f["geometry"]
        polys = geo["coordinates"] if geo["type"] == "MultiPolygon" else [geo["coordinates"]]
        rings = [[(lon * kx, -lat) for lon, lat in ring] for poly in polys for ring in poly]
        ringen.append((f["properties"][sleutel], rings))
    xs = [x for _, rs in ringen for r in rs for x, _ in r]
    ys = [y for _, rs in ringen for r in rs for _, y in r]
    box = (min(xs), min(ys), max(xs), max(ys))
    schaal = BREEDTE / (box[2] - box[0])
    vormen = []
    for code, rs in ringen:
        delen = []
        for r in rs:
            punten = " ".join(f"{(x - box[0]) * schaal:.1f},{(y - box[1]) * schaal:.1f}" for x, y in r)
            delen.append(f"M{punten}Z")
        vormen.append(_Vorm(code, "".join(delen)))
    return tuple(vormen), (0.0, 0.0, BREEDTE, (box[3] - box[1]) * schaal)


def klassegrenzen(waarden: list[float], n: int = len(KLEUREN) - 1) -> list[float]:
    """Upper bounds of the classes: 0 on its own, then ``n`` quantile classes of the positive shown values."""
    positief = sorted(w for w in waarden if w > 0)
    grenzen = [0.0]
    if positief:
        grenzen += [
            round(positief[min(len(positief) - 1, math.ceil(i * len(positief) / n) - 1)], 1) for i in range(1, n + 1)
        ]
    return sorted(set(grenzen))


def kaart_svg(
    tabel: Tabel,
    referentie: Referentiedata,
    niveau: Gebiedsniveau,
    *,
    markeer: str | None = None,
    taal: str = "nl",
    id_prefix: str = "kaart",
) -> str:
    """The map of an overview table (columns ``gebiedscode`` and ``per_100k``) as an SVG string.

    Args:
        tabel: An ``overzicht`` table.
        referentie: The reference data (boundary files are read from its directory).
        niveau: The level of the table's rows.
        markeer: An area code to outline (the user's own area).
        taal: Language of titles and legend.
        id_prefix: Prefix for element ids (several maps on one page).

    Returns:
        The SVG markup.
    """
    ci, vi = tabel.kolom_index("gebiedscode"), tabel.kolom_index("per_100k")
    ai = tabel.kolom_index("aantal")
    waarden: dict[str, tuple[float | None, str, Markering, str]] = {}
    for rij in tabel.rijen:
        waarden[rij[ci].tekst] = (rij[vi].getal, rij[vi].tekst, rij[ai].markering, rij[ai].tekst)
    teken_niveau = Gebiedsniveau.gemeente if niveau is Gebiedsniveau.gemeente else Gebiedsniveau.veiligheidsregio
    sleutel = "gemeentecode" if teken_niveau is Gebiedsniveau.gemeente else "veiligheidsregio_code"
    vormen, box = _vormen(str(geojson_path(referentie.bron_dir, teken_niveau.value)), sleutel)
    eigen = referentie.gebieden(niveau)
    grenzen = klassegrenzen([w[0] for c, w in waarden.items() if w[0] is not None and c in eigen])

    def gebied_van(code: str) -> str:
        if niveau in (Gebiedsniveau.gemeente, Gebiedsniveau.veiligheidsregio):
            return code
        gm = referentie.gemeenten[referentie.gebieden(Gebiedsniveau.veiligheidsregio)[code].gemeenten[0]]
        return gm.gebied_code(niveau)

    def naam(code: str) -> str:
        gebied = referentie.gebieden(niveau).get(code)
        return gebied.naam if gebied else code

    _ = vertaler(taal)
    p = escape(id_prefix)
    delen = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {BREEDTE + 170:.0f} {box[3]:.0f}" role="img" '
        f'aria-labelledby="{p}-titel {p}-beschrijving" class="mh-kaart">',
        f'<title id="{p}-titel">{escape(tabel.titel)}</title>',
        f'<desc id="{p}-beschrijving">{escape(tabel.samenvatting)}</desc>',
        "<defs>",
        f'<pattern id="{p}-gearceerd" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#6b6b6b" stroke-width="2"/></pattern>',
        f'<pattern id="{p}-punten" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<rect width="5" height="5" fill="#ffffff"/><circle cx="2.5" cy="2.5" r="0.9" fill="#6b6b6b"/></pattern>',
        "</defs>",
        '<g class="mh-kaart__gebieden">',
    ]
    markeer_pad: list[str] = []
    for vorm in vormen:
        code = gebied_van(vorm.code)
        getal, tekst, markering, aantal_tekst = waarden.get(code, (None, "–", Markering.niet_beschikbaar, "–"))
        if getal is not None:
            klasse = next((i for i, g in enumerate(grenzen) if getal <= g), len(grenzen) - 1)
            vulling = KLEUREN[min(klasse, len(KLEUREN) - 1)]
        elif markering.verborgen:
            vulling = f"url(#{p}-gearceerd)"
        else:
            vulling = f"url(#{p}-punten)"
        label = _("{gebied}: {aantal} ({cijfer} per 100.000)", gebied=naam(code), aantal=aantal_tekst, cijfer=tekst)
        delen.append(
            f'<path d="{vorm.pad}" fill="{vulling}" stroke="{RAND}" stroke-width="0.4" data-gebied="{escape(code)}">'
            f"<title>{escape(label)}</title></path>"
        )
        if markeer is not None and code == markeer:
            markeer_pad.append(vorm.pad)
    delen.append("</g>")
    if markeer_pad:
        delen.append(
            f'<path d="{"".join(markeer_pad)}" fill="none" stroke="#000000" stroke-width="2.2" class="mh-kaart__eigen"/>'
        )
    delen.append(_legenda(grenzen, p, taal, eigen=bool(markeer_pad)))
    delen.append("</svg>")
    return "".join(delen)


def _legenda(grenzen: list[float], p: str, taal: str, *, eigen: bool) -> str:
    _ = vertaler(taal)
    x, y = BREEDTE + 10, 20
    regels = ['<g class="mh-kaart__legenda" font-family="sans-serif" font-size="11" fill="#1a1a1a">']
    eenheid, eigen_gebied = _("per 100.000"), _("eigen gebied")
    regels.append(f'<text x="{x}" y="{y}" font-weight="bold">{escape(eenheid)}</text>')
    vorige = 0.0
    for i, g in enumerate(grenzen):
        y += 20
        if g == 0:
            tekst = "0"
        else:
            tekst = f"{format_getal(vorige, Kolomsoort.per_100k, taal)} – {format_getal(g, Kolomsoort.per_100k, taal)}"
        regels.append(
            f'<rect x="{x}" y="{y - 11}" width="16" height="12" fill="{KLEUREN[i]}" stroke="{RAND}" stroke-width="0.6"/>'
        )
        regels.append(f'<text x="{x + 22}" y="{y}">{escape(tekst)}</text>')
        vorige = g
    for vulling, uitleg in ((f"url(#{p}-gearceerd)", _("afgeschermd")), (f"url(#{p}-punten)", _("geen cijfer"))):
        y += 20
        regels.append(
            f'<rect x="{x}" y="{y - 11}" width="16" height="12" fill="{vulling}" stroke="{RAND}" stroke-width="0.6"/>'
        )
        regels.append(f'<text x="{x + 22}" y="{y}">{escape(uitleg)}</text>')
    if eigen:
        y += 20
        regels.append(
            f'<rect x="{x}" y="{y - 11}" width="16" height="12" fill="none" stroke="#000000" stroke-width="2.2"/>'
        )
        regels.append(f'<text x="{x + 22}" y="{y}">{escape(eigen_gebied)}</text>')
    regels.append("</g>")
    return "".join(regels)
