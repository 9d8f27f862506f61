# SPDX-License-Identifier: EUPL-1.2
"""The choropleth map: every fill an area is drawn with has a legend box with that same fill (issue 13: the
factsheet's legend boxes for "afgeschermd" and "geen cijfer" were empty white while the map used grey with ×),
every area has its name and value in a ``<title>``, and the map names itself for assistive technology."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from zicht.analysis.dimensies import Eenheid, Gebiedsbasis
from zicht.analysis.kaart import KLEUREN, kaart_svg
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Metadata, Tabel, Waarde
from zicht.reference import Gebiedsniveau, Referentiedata

NS = {"s": "http://www.w3.org/2000/svg"}


def _overzicht(reference: Referentiedata) -> Tabel:
    """Veiligheidsregio rows: some with a figure, one small count, one suppressed; the rest get no row."""
    codes = sorted(reference.gebieden(Gebiedsniveau.veiligheidsregio))
    rijen = []
    for i, code in enumerate(codes[:20]):
        if i == 0:
            aantal, rate = Waarde(None, "<10", Markering.klein_aantal), Waarde(None, "x", Markering.onderdrukt)
        elif i == 1:
            aantal, rate = Waarde(None, "x", Markering.onderdrukt), Waarde(None, "x", Markering.onderdrukt)
        else:
            aantal, rate = Waarde(10.0 * i, str(10 * i)), Waarde(0.5 * i, f"{0.5 * i:.1f}".replace(".", ","))
        rijen.append((Waarde.van_tekst(code), aantal, rate))
    meta = Metadata(
        eenheid=Eenheid.personen,
        periode="2023",
        periode_label="2023",
        peildatum=None,
        bevolking_peildatum="2024-01-01",
        vintage="v",
        vintage_label="v",
        gebiedsindeling=2024,
        basis=Gebiedsbasis.plaats_delict,
        beveiligd=True,
    )
    kolommen = (
        Kolom("gebiedscode", "code", Kolomsoort.tekst),
        Kolom("aantal", "aantal"),
        Kolom("per_100k", "per 100.000", Kolomsoort.per_100k),
    )
    return Tabel("overzicht/test", "Kaarttitel", kolommen, tuple(rijen), meta, samenvatting="Een samenvatting.")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_elke_vulling_van_de_kaart_staat_in_de_legenda(reference: Referentiedata, taal: str) -> None:
    svg = kaart_svg(
        _overzicht(reference), reference, Gebiedsniveau.veiligheidsregio, markeer="VR09", taal=taal, id_prefix="k"
    )
    root = ET.fromstring(svg)
    gebieden = root.find("s:g[@class='mh-kaart__gebieden']", NS)
    legenda = root.find("s:g[@class='mh-kaart__legenda']", NS)
    assert gebieden is not None and legenda is not None
    vullingen = {p.get("fill") for p in gebieden.findall("s:path", NS)}
    vakjes = {r.get("fill") for r in legenda.findall("s:rect", NS)}
    # withheld, no figure and at least two colour classes are on this map, and each has its own legend box
    assert {"url(#k-gearceerd)", "url(#k-punten)"} <= vullingen
    assert len(vullingen & set(KLEUREN)) >= 2
    assert vullingen <= vakjes, vullingen - vakjes
    # the patterns the boxes use are defined, and a pattern is not plain white
    for patroon in ("k-gearceerd", "k-punten"):
        defin = root.find(f"s:defs/s:pattern[@id='{patroon}']", NS)
        assert defin is not None and len(list(defin)) >= 2
    woorden = [t.text for t in legenda.findall("s:text", NS)]
    verwacht = (
        ("withheld", "no figure", "your area") if taal == "en" else ("afgeschermd", "geen cijfer", "eigen gebied")
    )
    assert all(w in woorden for w in verwacht), woorden


def test_elk_gebied_draagt_naam_en_waarde_en_de_kaart_heeft_titel_en_beschrijving(reference: Referentiedata) -> None:
    svg = kaart_svg(_overzicht(reference), reference, Gebiedsniveau.veiligheidsregio, id_prefix="k")
    root = ET.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "k-titel k-beschrijving"
    paden = root.findall("s:g[@class='mh-kaart__gebieden']/s:path", NS)
    assert len(paden) == len(reference.gebieden(Gebiedsniveau.veiligheidsregio))
    titels = [p.findtext("s:title", namespaces=NS) or "" for p in paden]
    assert all(re.match(r".+: (\S+) \((\S+) per 100\.000\)$", t) for t in titels), titels[:3]
    assert any(t.endswith(": <10 (x per 100.000)") for t in titels)
