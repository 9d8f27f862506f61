# SPDX-License-Identifier: EUPL-1.2
"""One number formatter per language (Babel): Dutch ``11.242`` and ``9,7``, English ``11,242`` and ``9.7``, in
tables, charts and exports alike; CSV in the dialect a spreadsheet of that language reads (Dutch ``;`` and
decimal comma, English ``,`` and decimal point, the dialect named in the file name); and every label of every
dimension, in table and chart, is its codebook label."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace
from html import escape

import pytest

from tests.unit.test_stat_beveiliging import BELEID, JAAR, _data
from tests.unit.test_stat_reference import REF, ruw
from zicht.analysis import Statistiekdienst, Tabelsoort, Uitsplitsing, Verzoek, maak_extract, naar_csv, staaf_svg
from zicht.analysis.dimensies import _CODELIJST, _VASTE_LABELS, OVERIG, Periode
from zicht.analysis.export import bestandsnaam
from zicht.analysis.opmaak import datum, getal, procent
from zicht.analysis.tabel import Kolomsoort, Markering, Waarde, format_getal, in_taal
from zicht.codebook import codelijst
from zicht.reference import Gebiedsniveau
from zicht.taal import vertaler

TWEE_JAAR = Periode.parse("2022-2023")


@pytest.fixture(scope="module")
def dienst() -> Statistiekdienst:
    extract = maak_extract(ruw(_data()), REF)
    return Statistiekdienst(lambda: extract, BELEID)


def test_getallen_per_taal_met_babel() -> None:
    assert format_getal(11242, Kolomsoort.aantal) == "11.242"
    assert format_getal(11242, Kolomsoort.aantal, "en") == "11,242"
    assert format_getal(9.66, Kolomsoort.per_100k) == "9,7"
    assert format_getal(9.66, Kolomsoort.per_100k, "en") == "9.7"
    assert format_getal(12345.25, Kolomsoort.per_100k) == "12.345,2"
    assert format_getal(0.5, Kolomsoort.aandeel) == "50%"
    assert procent(0.988, 1) == "98,8%" and procent(0.988, 1, "en") == "98.8%"
    assert getal(11242.0, 0, "nl", groepering=False) == "11242"
    import datetime as dt

    assert datum(dt.date(2026, 12, 7)) == "7 december 2026"
    assert datum(dt.date(2026, 12, 7), "en") == "7 December 2026"


def test_een_engelse_tabel_schrijft_elk_getal_engels(dienst: Statistiekdienst) -> None:
    for taal, scheiding, komma in (("nl", ".", ","), ("en", ",", ".")):
        tabel = dienst.statistiek(
            Verzoek(Tabelsoort.overzicht, TWEE_JAAR, Gebiedsniveau.provincie, taal=taal), rol="analist"
        )
        nl = tabel.rij("gebiedscode", "NL")
        aantal, rate = nl[tabel.kolom_index("aantal")], nl[tabel.kolom_index("per_100k")]
        assert aantal.getal is not None and aantal.getal >= 1000
        assert aantal.tekst == f"{int(aantal.getal):,}".replace(",", scheiding)
        assert re.fullmatch(rf"\d+\{komma}\d", rate.tekst), rate.tekst
    # protected cells come from the disclosure families in Dutch digits: in_taal rewrites them
    beveiligd = dienst.statistiek(
        Verzoek(Tabelsoort.overzicht, JAAR, Gebiedsniveau.provincie, taal="en"), rol="gemeente"
    )
    groot = replace(beveiligd, rijen=tuple(
        tuple(Waarde(1045.0, "1.045") if k.sleutel == "aantal" and c.markering is Markering.getoond else c
              for k, c in zip(beveiligd.kolommen, r, strict=True)) for r in beveiligd.rijen))  # fmt: skip
    engels = in_taal(groot, "en")
    assert {r[engels.kolom_index("aantal")].tekst for r in engels.rijen} <= {"1,045", "<10", "x", "0", "–"}
    assert in_taal(groot, "nl").kolom("aantal")[-1].tekst == "1.045"


def test_csv_in_het_dialect_van_de_taal_en_dat_in_de_bestandsnaam(dienst: Statistiekdienst) -> None:
    verzoek = Verzoek(Tabelsoort.overzicht, TWEE_JAAR, Gebiedsniveau.veiligheidsregio)
    tabel = dienst.statistiek(verzoek, rol="analist")
    nl = naar_csv(tabel, "nl")
    assert nl.startswith(b"\xef\xbb\xbf")
    rijen = list(csv.reader(io.StringIO(nl.decode("utf-8-sig")), delimiter=";"))
    assert rijen[0] == [k.label for k in tabel.kolommen]
    data = [r for r in rijen[1 : 1 + len(tabel.rijen)]]
    assert all(re.fullmatch(r"\d+", r[2]) for r in data)  # counts without thousands separator
    assert all(re.fullmatch(r"\d+,\d", r[3]) for r in data if r[3] != "–")  # decimal comma
    assert any(int(r[2]) >= 1000 for r in data)  # the nation: 1234, not 1.234
    en_tabel = dienst.statistiek(
        Verzoek(Tabelsoort.overzicht, TWEE_JAAR, Gebiedsniveau.veiligheidsregio, taal="en"), rol="analist"
    )
    en = list(csv.reader(io.StringIO(naar_csv(en_tabel, "en").decode("utf-8-sig"))))
    assert all(re.fullmatch(r"\d+\.\d", r[3]) for r in en[1 : 1 + len(en_tabel.rijen)] if r[3] != "–")
    assert bestandsnaam(tabel, "csv", "nl").endswith("_nl.csv")
    assert bestandsnaam(en_tabel, "csv", "en").endswith("_en.csv")
    assert bestandsnaam(tabel, "xlsx").endswith(".xlsx") and "_nl" not in bestandsnaam(tabel, "xlsx")


def _codeboeklabel(wat: Uitsplitsing, code: str, taal: str) -> str:
    lijst = _CODELIJST.get(wat)
    if lijst is not None and code in codelijst(lijst):
        return codelijst(lijst)[code].label(taal)
    assert code in _VASTE_LABELS or code == OVERIG, (wat, code)
    if code == OVERIG and wat is not Uitsplitsing.nationaliteit:
        return vertaler(taal)("overig")
    return vertaler(taal)(_VASTE_LABELS[code])


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("wat", [u for u in Uitsplitsing if u is not Uitsplitsing.totaal])
def test_elk_label_van_elke_dimensie_is_het_codeboeklabel(
    dienst: Statistiekdienst, wat: Uitsplitsing, taal: str
) -> None:
    tabel = dienst.statistiek(
        Verzoek(Tabelsoort.uitsplitsing, JAAR, Gebiedsniveau.nederland, "NL", wat, taal=taal), rol="analist"
    )
    svg = staaf_svg(tabel, taal=taal)
    svg_tekst = re.sub(r"</tspan><tspan[^>]*>", " ", svg)
    categorieen = [(r[0].tekst, r[1].tekst) for r in tabel.rijen[:-1]]
    assert categorieen
    for code, label in categorieen:
        verwacht = _codeboeklabel(wat, code, taal)
        assert label == verwacht, (wat, code, label, verwacht)
        if categorieen.index((code, label)) < 12:  # the chart shows the first twelve categories, never cut short
            assert f">{escape(verwacht)}</tspan>" in svg_tekst, (wat, verwacht)
    if wat is Uitsplitsing.uitbuitingsvorm and "overig" in dict(categorieen):
        assert dict(categorieen)["overig"] == ("other exploitation" if taal == "en" else "overige uitbuiting")


@pytest.mark.parametrize("taal", ["nl", "en"])
def test_snelle_opmaak_is_gelijk_aan_die_van_babel(taal: str) -> None:
    """getal applies the locale's CLDR symbols directly (Babel's pattern engine costs ~10 µs a number); it
    writes what Babel writes."""
    import random

    from babel.numbers import format_decimal, format_percent

    loc = {"nl": "nl_NL", "en": "en_GB"}[taal]
    rnd = random.Random(1)
    for _ in range(500):
        x = round(rnd.uniform(0, 2_000_000), 3) + 0.0001  # no exact halves: both round the same way
        assert getal(x, 0, taal) == format_decimal(x, format="#,##0", locale=loc)
        assert getal(x, 1, taal) == format_decimal(x, format="#,##0.0", locale=loc)
        assert getal(x, 1, taal, groepering=False) == format_decimal(x, format="0.0", locale=loc)
        a = rnd.random()
        assert procent(a, 0, taal) == format_percent(a, format="#,##0%", locale=loc)
