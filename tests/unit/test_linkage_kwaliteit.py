# SPDX-License-Identifier: EUPL-1.2
"""The stratified quality estimate (zicht.linkage.kwaliteit): hand-computed cases, the interval around its own
estimate, a census giving the truth exactly, the teaching order, variation kinds from level labels, and the
pair page's rounding that keeps the shown weights adding up to the score."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.linkage.domeinen import Cel, domein_strata, melder_paar, variaties
from zicht.linkage.kwaliteit import Onvergeleken, Oordeel, Stratum, schat
from zicht.linkage.leerwaarde import leerwaarde, volgorde
from zicht.linkage.meting import Getrokken, stand_van
from zicht.web.pages.koppelkwaliteit import afgerond


def census(naam: str, gekoppeld: bool, same: list[bool], weights: list[float] | None = None) -> Stratum:
    w = weights or [1.0] * len(same)
    return Stratum(naam, gekoppeld, len(same), sum(w), 0.5, tuple(Oordeel(s, x) for s, x in zip(same, w, strict=True)))


def test_een_volledig_beoordeelde_registratie_geeft_precies_de_waarheid() -> None:
    linked = census("gekoppeld_direct", True, [True] * 9 + [False])
    apart = census("apart_0.5-0.9", False, [True, False, True], [2.0, 1.0, 1.0])  # 3 missed pairs
    s = schat([linked, apart])
    assert s.precisie is not None and s.recall is not None
    assert s.precisie.onder == s.precisie.schatting == s.precisie.boven == pytest.approx(0.9)
    assert s.recall.schatting == pytest.approx(9 / 12) and s.recall.onder == s.recall.boven == s.recall.schatting
    assert s.precisie.bron == s.recall.bron == "beoordeeld" and s.beslissingen == 13


def test_posterior_is_jeffreys_met_gewogen_aandeel_en_anders_het_model_als_twee_besluiten() -> None:
    decided = Stratum("s", True, 10, 10.0, 0.9, (Oordeel(True), Oordeel(True), Oordeel(True), Oordeel(False)))
    assert decided.posterior() == (3.5, 1.5)
    weighted = Stratum("s", False, 10, 20.0, 0.5, (Oordeel(True, 3.0), Oordeel(False, 1.0)))
    assert weighted.posterior() == (2.0, 1.0)  # k = n * 3/4 = 1.5 of n = 2
    model = Stratum("s", True, 10, 10.0, 0.9)
    assert model.posterior() == pytest.approx((2.3, 0.7))  # k = 2 * 0.9 of n = 2, Jeffreys
    assert Stratum("s", True, 10, 10.0, 0.9, terugval=0.5).posterior() == pytest.approx((1.5, 1.5))


def test_zonder_besluiten_zegt_de_schatting_dat_ze_op_het_model_rust_met_een_breed_interval() -> None:
    """However sure the model is of its links, without decisions the interval stays wide."""
    s = schat([Stratum("gekoppeld_direct", True, 100, 100.0, 0.9999), Stratum("apart_0.5-0.9", False, 5, 5.0, 0.7)])
    assert s.precisie is not None and s.recall is not None
    assert s.precisie.bron == s.recall.bron == "model" and s.beslissingen == 0
    assert s.precisie.onder < 0.6 and s.precisie.boven > 0.99
    assert s.recall.boven - s.recall.onder > 0.05  # at most 5 of about 95 pairs missed
    half = schat([census("gekoppeld_direct", True, [True] * 5), Stratum("apart_0.5-0.9", False, 5, 5.0, 0.7)])
    assert half.precisie is not None and half.precisie.bron == "beoordeeld"
    assert half.recall is not None and half.recall.bron == "gemengd"


def test_dezelfde_besluiten_geven_dezelfde_cijfers() -> None:
    strata = [
        Stratum("gekoppeld_direct", True, 200, 200.0, 0.99, tuple(Oordeel(i != 3) for i in range(20))),
        Stratum("apart_0.1-0.5", False, 40, 55.0, 0.2, tuple(Oordeel(i == 0) for i in range(8))),
    ]
    assert schat(strata, seed=7) == schat(strata, seed=7)


def test_onvergeleken_paren_volgen_chao_en_verlagen_de_volledigheid() -> None:
    never = Onvergeleken(f1=6, f2=4)
    assert never.chao == pytest.approx(6 * 5 / 10)
    draws = never.trek(np.random.default_rng(1), 20_000)
    assert draws.min() >= 0 and 2.0 < draws.mean() < 8.0
    linked = census("gekoppeld_direct", True, [True] * 50)
    without = schat([linked])
    with_never = schat([linked], onvergeleken=never)
    assert without.recall is not None and with_never.recall is not None and with_never.nooit_vergeleken is not None
    assert without.recall.schatting == 1.0 and with_never.recall.onder < 1.0
    assert Onvergeleken.uit({"1": 3, "2": 1, "5": 40}) == Onvergeleken(3, 1) and Onvergeleken.uit(None) is None


strata_st = st.lists(
    st.tuples(
        st.booleans(),
        st.integers(min_value=0, max_value=60),
        st.floats(min_value=0.0, max_value=1.0),
        st.lists(st.tuples(st.booleans(), st.floats(min_value=0.5, max_value=4.0)), max_size=12),
    ),
    min_size=1,
    max_size=5,
)


@given(strata_st)
def test_de_schatting_ligt_altijd_binnen_haar_interval(
    raw: list[tuple[bool, int, float, list[tuple[bool, float]]]],
) -> None:
    strata = []
    for i, (gekoppeld, extra, model, decided) in enumerate(raw):
        oordelen = tuple(Oordeel(s, w) for s, w in decided)
        units = len(oordelen) + extra
        weight = sum(o.gewicht for o in oordelen) + extra * 1.5
        strata.append(Stratum(f"s{i}", gekoppeld, units, weight, model, oordelen))
    s = schat(strata, trekkingen=400)
    for figure in (s.precisie, s.recall):
        if figure is not None:
            assert 0.0 <= figure.onder <= figure.schatting <= figure.boven <= 1.0 + 1e-12


@given(
    st.lists(st.lists(st.booleans(), min_size=1, max_size=30), min_size=1, max_size=4),
    st.lists(st.lists(st.booleans(), max_size=30), max_size=4),
)
def test_een_census_geeft_een_interval_van_breedte_nul_rond_de_waarheid(
    linked: list[list[bool]], apart: list[list[bool]]
) -> None:
    strata = [census(f"g{i}", True, same) for i, same in enumerate(linked)]
    strata += [census(f"a{i}", False, same) for i, same in enumerate(apart)]
    tp = sum(sum(same) for same in linked)
    fn = sum(sum(same) for same in apart)
    s = schat(strata, trekkingen=50)
    assert s.precisie is not None and s.recall is not None
    assert s.precisie.onder == s.precisie.boven == pytest.approx(tp / sum(len(x) for x in linked))
    assert s.recall.onder == s.recall.boven == pytest.approx(tp / (tp + fn) if tp + fn else 1.0)


def test_alleen_besluiten_bovenaan_de_willekeurige_volgorde_tellen() -> None:
    """Decided units up to the first undecided one in a stratum's random order form a simple random sample; a
    decision further down fixes that pair but is not counted."""
    opzet = {"strata": [{"naam": "gekoppeld_direct", "gekoppeld": True, "eenheden": 10, "gewicht": 10.0,
                         "model": 0.99, "cellen": {}}]}  # fmt: skip
    units = [Getrokken("gekoppeld_direct", r, (f"a{r}", f"b{r}"), 1.0, "x + y", ("geen",)) for r in range(4)]
    labels = {("a0", "b0"): "zelfde", ("a1", "b1"): "verschillend", ("a3", "b3"): "zelfde"}
    stand = stand_van(opzet, units, labels)
    assert stand.strata[0].oordelen == (Oordeel(True, 1.0), Oordeel(False, 1.0))
    assert [u.rang for u in stand.counted["gekoppeld_direct"]] == [0, 1]


def test_een_domein_zonder_eigen_besluiten_leunt_op_zijn_stratum() -> None:
    stratum = Stratum("gekoppeld_direct", True, 100, 100.0, 0.99, tuple(Oordeel(True) for _ in range(20)))
    cellen = {"gekoppeld_direct": Cel(10, 10.0, 9.9)}
    (own,) = domein_strata([stratum], cellen, {"gekoppeld_direct": [Oordeel(True)] * 3})
    assert own.eenheden == 10 and own.beslissingen == 3 and own.terugval == pytest.approx(stratum.gemiddelde())
    (borrowed,) = domein_strata([stratum], cellen, {})
    mean = stratum.gemiddelde()
    assert borrowed.beslissingen == 0 and borrowed.terugval == pytest.approx(mean)
    assert borrowed.posterior() == pytest.approx((2 * mean + 0.5, 2 * (1 - mean) + 0.5))  # two pseudo-decisions
    assert domein_strata([stratum], {}, {}) == []


def test_de_wachtrij_volgt_per_stratum_de_willekeurige_volgorde_en_slaat_niets_over() -> None:
    strata = [
        Stratum("gekoppeld_direct", True, 500, 500.0, 0.999),
        Stratum("apart_0.5-0.9", False, 30, 30.0, 0.6),
        Stratum("apart_0.01-0.1", False, 400, 450.0, 0.03),
        census("gekoppeld_besloten", True, [True] * 5),
    ]
    items = {
        "gekoppeld_direct": ["d0", "d1", "d2"],
        "apart_0.5-0.9": ["q0", "q1", "q2", "q3"],
        "apart_0.01-0.1": ["l0"],
    }
    order = volgorde(strata, items)
    assert sorted(order) == sorted(x for xs in items.values() for x in xs)
    for xs in items.values():
        assert [x for x in order if x in xs] == xs
    values = leerwaarde(strata)
    _, units, decided = values["gekoppeld_besloten"]
    assert units == decided == 5  # a stratum known in full has nothing left to teach

    def gain(name: str) -> float:
        factor, n_units, n = values[name]
        return factor / (n + 1) * (1 - n / n_units) - factor / (n + 2) * (1 - (n + 1) / n_units)

    best = max(items, key=gain)
    assert order[0] == items[best][0]  # the first pair comes from where a decision shrinks the figures most


@pytest.mark.parametrize(
    ("naam", "datum", "verwacht"),
    [
        ("gelijk", "gelijk", ("geen",)),
        ("voor- en achternaam verwisseld", "gelijk", ("naam_verwisseld",)),
        ("verwisseld, fonetisch gelijk", "onbekend", ("naam_verwisseld", "geboortedatum_ontbreekt")),
        ("fonetisch gelijk (transliteratie, tussenvoegsel)", "dag en maand verwisseld",
         ("naam_fonetisch", "geboortedatum_dag_maand")),
        ("beide bijna gelijk (tikfout)", "gelijk, beide 1 januari (mogelijk plaatshouder)",
         ("naam_tikfout", "geboortedatum_1_januari")),
        ("alleen achternaam gelijk", "zelfde jaar of leeftijd bij melding past, datum onvolledig of 1 januari",
         ("naam_deels", "geboortedatum_onvolledig")),
        ("gelijk", "een tikfout verschil", ("geboortedatum_tikfout",)),
        ("onbekend", "een jaar verschil", ("naam_onbekend", "geboortedatum_anders")),
    ],
)  # fmt: skip
def test_variatiesoort_volgt_uit_de_niveaus_van_naam_en_geboortedatum(
    naam: str, datum: str, verwacht: tuple[str, ...]
) -> None:
    assert variaties({"naam": naam, "geboortedatum": datum, "geslacht": "gelijk"}) == verwacht


def test_melderpaar_is_ongeordend() -> None:
    assert melder_paar("nationale_politie", "fairwork") == melder_paar("fairwork", "nationale_politie")
    assert melder_paar(None, "kmar") == "kmar + onbekend"


@given(st.lists(st.floats(min_value=-30.0, max_value=30.0, allow_nan=False), min_size=1, max_size=14))
def test_getoonde_gewichten_tellen_op_tot_de_getoonde_score(delen: list[float]) -> None:
    totaal = math.fsum(delen)
    getoond = afgerond(delen, totaal)
    assert round(sum(getoond) * 10) == round(totaal * 10)
    assert all(abs(g - d) < 0.1 + 1e-9 for g, d in zip(getoond, delen, strict=True))
