# SPDX-License-Identifier: EUPL-1.2
"""A printable PDF factsheet per gemeente or region ("Factsheet mensenhandel — gemeente X, 2024").

Built with fpdf2 from the same :class:`~zicht.analysis.dashboard.Dashboard` tables as the web page, so it
shows exactly the published figures: key figures, the map (SVG drawn as vectors), the trend, the
breakdowns, data-quality notes, the method text and the metadata of every figure.
"""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from zicht.analysis.dashboard import Dashboard
from zicht.analysis.dimensies import niveau_label
from zicht.analysis.gebieden import gebiedsnaam
from zicht.analysis.grafiek import staaf_svg, trend_svg
from zicht.analysis.kaart import kaart_svg
from zicht.analysis.methode import methodetekst
from zicht.analysis.tabel import Tabel
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference import Gebiedsniveau, Referentiedata

_FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu"))
_LATIN1 = str.maketrans(
    {
        "–": "-",
        "—": "-",
        "’": "'",
        "‘": "'",
        "“": '"',
        "”": '"',
        "≥": ">=",
        "≤": "<=",
        "∞": "oneindig",
        "·": "-",
        "…": "...",
    }
)


_ZONDER_PDF = re.compile(r"<title[^>]*>.*?</title>|<desc[^>]*>.*?</desc>|<defs>.*?</defs>", re.DOTALL)


class _Pdf(FPDF):
    def __init__(self, voettekst: str) -> None:
        super().__init__(format="A4")
        self._voettekst = voettekst
        self.unicode = False
        for d in _FONT_DIRS:
            if (d / "DejaVuSans.ttf").is_file() and (d / "DejaVuSans-Bold.ttf").is_file():
                self.add_font("zicht", "", str(d / "DejaVuSans.ttf"))
                self.add_font("zicht", "B", str(d / "DejaVuSans-Bold.ttf"))
                self.unicode = True
                break
        self.familie = "zicht" if self.unicode else "helvetica"
        self.set_auto_page_break(True, margin=18)
        self.set_margins(16, 16, 16)

    def tekst(self, s: str) -> str:
        return s if self.unicode else s.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")

    def footer(self) -> None:
        self.set_y(-13)
        self.set_font(self.familie, "", 7.5)
        self.set_text_color(80, 80, 80)
        self.cell(0, 5, self.tekst(f"{self._voettekst} — pagina {self.page_no()}/{{nb}}"), align="C")


def factsheet_titel(dashboard: Dashboard, referentie: Referentiedata, taal: str = "nl") -> str:
    """``Factsheet mensenhandel — gemeente Utrecht, 2024``."""
    naam = gebiedsnaam(referentie, dashboard.niveau, dashboard.gebied, taal)
    if taal == "en":
        return f"Factsheet human trafficking — {niveau_label(dashboard.niveau, 'en')} {naam}, {dashboard.periode.label('en')}"
    if dashboard.niveau is Gebiedsniveau.nederland:
        return f"Factsheet mensenhandel — Nederland, {dashboard.periode.label()}"
    return f"Factsheet mensenhandel — {niveau_label(dashboard.niveau)} {naam}, {dashboard.periode.label()}"


def maak_factsheet(
    dashboard: Dashboard, referentie: Referentiedata, beleid: DisclosurePolicy | None, *, taal: str = "nl"
) -> bytes:
    """Render the factsheet of a dashboard as PDF bytes.

    Args:
        dashboard: The tables (already disclosure-controlled for the requesting role).
        referentie: Reference data (names and boundaries).
        beleid: The policy the tables were protected with (None for an analyst's exact factsheet).
        taal: ``nl`` or ``en``.

    Returns:
        The PDF; the same dashboard gives the same bytes (the creation date is the data's reference date).
    """
    en = taal == "en"
    meta = dashboard.reeks.meta
    titel = factsheet_titel(dashboard, referentie, taal)
    pdf = _Pdf(f"zicht · {meta.vintage_label}")
    pdf.set_title(pdf.tekst(titel))
    pdf.set_lang("en" if en else "nl")
    pdf.set_creator("zicht")
    pdf.set_author("zicht")
    peil = meta.peildatum or dashboard.periode.eind
    pdf.set_creation_date(datetime(peil.year, peil.month, peil.day, tzinfo=UTC))
    pdf.alias_nb_pages()
    pdf.add_page()
    zwart = (26, 26, 26)
    pdf.set_text_color(*zwart)
    pdf.set_font(pdf.familie, "B", 16)
    pdf.multi_cell(0, 8, new_x="LMARGIN", new_y="NEXT", text=pdf.tekst(titel))
    pdf.set_font(pdf.familie, "", 8.5)
    regels = "  ·  ".join(f"{k}: {v}" for k, v in meta.regels(taal)[:5])
    pdf.multi_cell(0, 4.5, new_x="LMARGIN", new_y="NEXT", text=pdf.tekst(regels))
    if not meta.beveiligd:
        pdf.set_text_color(160, 0, 0)
        pdf.multi_cell(
            0,
            5,
            pdf.tekst(
                "Exact figures (analyst): not for publication."
                if en
                else "Exacte cijfers (analist): niet voor publicatie."
            ),
        )
        pdf.set_text_color(*zwart)
    _kop(pdf, "Key figures" if en else "Kerncijfers")
    _alinea(pdf, dashboard.reeks.samenvatting)
    _tabel(pdf, dashboard.reeks, laatste=3)
    for melding in dashboard.meldingen:
        _alinea(pdf, melding, klein=True)
    if dashboard.kaart is not None:
        _kop(pdf, "Map" if en else "Kaart")
        _alinea(pdf, dashboard.kaart.samenvatting)
        svg = kaart_svg(
            dashboard.kaart,
            referentie,
            dashboard.kaartniveau,
            markeer=dashboard.gebied if dashboard.kaartniveau is dashboard.niveau else None,
            taal=taal,
            voor_pdf=True,
        )
        _svg(pdf, svg, 150)
    _kop(pdf, "Trend" if en else "Verloop")
    _svg(pdf, trend_svg(dashboard.reeks, taal=taal), 165)
    _tabel(pdf, dashboard.reeks)
    _kop(pdf, "Breakdowns" if en else "Uitsplitsingen")
    for tabel in dashboard.uitsplitsingen.values():
        _subkop(pdf, tabel.titel)
        _alinea(pdf, tabel.samenvatting, klein=True)
        if any(
            r[tabel.kolom_index(k.sleutel)].getal is not None
            for r in tabel.rijen[:-1]
            for k in tabel.kolommen
            if k.sleutel.startswith("aandeel_")
        ):
            _svg(pdf, staaf_svg(tabel, taal=taal, voor_pdf=True), 150)
        _tabel(pdf, tabel)
    _kop(pdf, "Data quality" if en else "Datakwaliteit")
    _alinea(pdf, dashboard.kwaliteit.samenvatting)
    _tabel(pdf, dashboard.kwaliteit)
    _kop(pdf, "Method" if en else "Methode")
    for kop, tekst in methodetekst(beleid, taal):
        _subkop(pdf, kop)
        _alinea(pdf, tekst, klein=True)
    _kop(pdf, "About these figures" if en else "Over deze cijfers")
    for k, v in meta.regels(taal):
        _alinea(pdf, f"{k}: {v}", klein=True)
    for noot in dashboard.reeks.voetnoten:
        _alinea(pdf, noot, klein=True)
    return bytes(pdf.output())


def _svg(pdf: _Pdf, svg: str, breedte: float) -> None:
    """Draw an SVG as vectors, in the factsheet's font (or Latin-1 text with the core font)."""
    svg = _ZONDER_PDF.sub("", svg)  # fpdf2 draws no titles, descriptions or patterns (the PDF mode avoids them)
    svg = svg.replace('font-family="sans-serif"', 'font-family="zicht"') if pdf.unicode else pdf.tekst(svg)
    pdf.image(io.BytesIO(svg.encode("utf-8")), w=breedte)


def _kop(pdf: _Pdf, tekst: str) -> None:
    pdf.ln(3)
    pdf.set_font(pdf.familie, "B", 12.5)
    pdf.multi_cell(0, 7, new_x="LMARGIN", new_y="NEXT", text=pdf.tekst(tekst))


def _subkop(pdf: _Pdf, tekst: str) -> None:
    pdf.set_font(pdf.familie, "B", 10)
    pdf.multi_cell(0, 5.5, new_x="LMARGIN", new_y="NEXT", text=pdf.tekst(tekst))


def _alinea(pdf: _Pdf, tekst: str, *, klein: bool = False) -> None:
    pdf.set_font(pdf.familie, "", 8.5 if klein else 9.5)
    pdf.multi_cell(0, 4.4 if klein else 5, new_x="LMARGIN", new_y="NEXT", text=pdf.tekst(tekst))
    pdf.ln(1)


def _tabel(pdf: _Pdf, tabel: Tabel, *, laatste: int | None = None) -> None:
    """The table as shown (optionally only its last rows), with its caption."""
    rijen = tabel.rijen[-laatste:] if laatste else tabel.rijen
    kolommen = [k for k in tabel.kolommen if k.sleutel not in ("categorie", "gebiedscode", "groep")]
    idx = [tabel.kolom_index(k.sleutel) for k in kolommen]
    pdf.set_font(pdf.familie, "", 7 if len(kolommen) > 6 else 8)
    kop = FontFace(emphasis="BOLD", fill_color=(230, 236, 245))
    with pdf.table(headings_style=kop, line_height=4.2, text_align="LEFT", first_row_as_headings=True) as t:
        rij = t.row()
        for k in kolommen:
            rij.cell(pdf.tekst(k.label))
        for r in rijen:
            rij = t.row()
            for i in idx:
                rij.cell(pdf.tekst(r[i].tekst))
    pdf.ln(2)
