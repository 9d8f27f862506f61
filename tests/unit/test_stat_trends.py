# SPDX-License-Identifier: EUPL-1.2
"""Changes on the previous period: the exact conditional test, and honesty about rounded figures."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.stats import binomtest

from zicht.analysis.dimensies import Periode
from zicht.analysis.trends import Oordeel, verandering, verandering_tussen


def test_duidelijke_toename_en_ruis() -> None:
    assert verandering(40, 65).oordeel is Oordeel.toename
    assert verandering(65, 40).oordeel is Oordeel.afname
    assert verandering(40, 46).oordeel is Oordeel.geen_duidelijke_verandering
    assert verandering(0, 0).oordeel is Oordeel.onbepaald
    v = verandering(0, 12)
    assert math.isinf(v.verhouding or 0) and v.oordeel is Oordeel.toename


def test_interval_van_de_verhouding_bevat_de_schatting_en_klopt_met_de_toets() -> None:
    v = verandering(40, 65)
    assert v.ondergrens is not None and v.bovengrens is not None
    assert v.ondergrens < 65 / 40 < v.bovengrens
    assert v.ondergrens > 1.0
    assert v.p_waarde == binomtest(65, 105, 0.5).pvalue
    assert "duidelijke toename" in v.tekst() and "+62%" in v.tekst()


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 80), st.integers(0, 80), st.integers(0, 4), st.integers(0, 4))
def test_oordeel_over_afgeronde_cijfers_geldt_voor_elke_ware_waarde(a: int, b: int, da: int, db: int) -> None:
    """A verdict on intervals must hold for every pair of true counts inside them."""
    v = verandering_tussen((a, a + da), (b, b + db))
    if v.oordeel in (Oordeel.toename, Oordeel.afname):
        for x in (a, a + da):
            for y in (b, b + db):
                assert verandering(x, y).oordeel is v.oordeel


def test_perioden() -> None:
    assert Periode.parse("2024").vorige() == Periode.jaar(2023)
    assert Periode.parse("2024-K1").vorige() == Periode.kwartaal(2023, 4)
    assert Periode.parse("2022–2024").vorige().code == "2019-2021"
    assert [q.code for q in Periode.jaar(2024).kwartalen()] == ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]
    for fout in ("24", "2024-Q5", "2024-2040", "2025-2024", "volgend jaar"):
        try:
            Periode.parse(fout)
        except ValueError:
            continue
        raise AssertionError(fout)


def test_overig_heet_naar_de_uitsplitsing() -> None:
    """Issue 13: "overige uitbuiting" was labelled "overige nationaliteit" in chart, table and PDF."""
    from zicht.analysis.dimensies import Uitsplitsing, categorie_label

    assert categorie_label(Uitsplitsing.uitbuitingsvorm, "overig") == "overige uitbuiting"
    assert categorie_label(Uitsplitsing.nationaliteit, "overig") == "overige nationaliteit"
    assert categorie_label(Uitsplitsing.sector, "overig", "en") == "other"
