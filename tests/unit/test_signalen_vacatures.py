# SPDX-License-Identifier: EUPL-1.2
"""Synthetic job ads (familie ``arbeid``): recruiters exercise the job-ad indicators J1-J11, certified temp
agencies are the hard negative (housing with a deduction and transport, J3/J11, but no fees, passports or cash),
and the queue puts recruiters on top."""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from tests.signalen_support import REFERENCE_DIR
from zicht.reference import load_reference
from zicht.signalen import evaluatie, rapport
from zicht.signalen.wachtrij import melding_voorinvulling
from zicht.synth.advertenties import WereldConfig, genereer


@pytest.fixture(scope="module")
def wereld_en_uitkomst() -> tuple[object, object, dict[str, dict[str, float]]]:
    wereld = genereer(WereldConfig(advertenties=4000, seed=7, familie="arbeid"))
    res, maten = evaluatie.evalueer(wereld.advertenties, wereld.waarheid, load_reference(REFERENCE_DIR), "arbeid")
    return wereld, res, maten


def test_vacatures_hebben_waarheid_en_alle_soorten() -> None:
    wereld = genereer(WereldConfig(advertenties=1500, seed=2, familie="arbeid"))
    assert len(wereld.advertenties) == len(wereld.waarheid) == 1500
    soorten = Counter(str(w["soort"]) for w in wereld.waarheid)
    assert set(soorten) == {"werver", "uitzendbureau", "werkgever", "oplichter"}
    assert wereld.advertenties == genereer(WereldConfig(advertenties=1500, seed=2, familie="arbeid")).advertenties
    assert {str(w["taal"]) for w in wereld.waarheid} == {"nl", "en"}


def test_j_indicatoren_worden_geraakt_en_harde_negatieven_lijken_erop(wereld_en_uitkomst: tuple) -> None:
    wereld, res, _ = wereld_en_uitkomst
    per_soort: dict[str, Counter[str]] = defaultdict(Counter)
    for a, w in zip(res.ads, wereld.waarheid, strict=True):
        per_soort[str(w["soort"])].update(a.codes)
    werver = per_soort["werver"]
    assert {f"J{i}" for i in range(1, 12)} <= set(werver)  # every job-ad indicator is exercised
    bureau = per_soort["uitzendbureau"]
    assert bureau["J3"] > 0 and bureau["J11"] > 0 and bureau["N7"] > 0  # legitimate look-alikes and counter-signals
    assert not {"J2", "J4", "J5", "J8"} & set(bureau)
    assert per_soort["oplichter"]["J1"] > 0


def test_wervers_bovenaan_en_omzetten_is_arbeid(wereld_en_uitkomst: tuple) -> None:
    wereld, res, maten = wereld_en_uitkomst
    top = rapport.top_soorten(res, wereld.waarheid, 50)
    assert top["werver"] >= 45 and top["uitzendbureau"] <= 2
    assert maten["zicht"]["p@50"] >= 0.9 and maten["zicht"]["zelfstandig@100"] <= 0.05
    assert maten["zicht"]["bcubed_f1"] > maten["MinHash alleen"]["bcubed_f1"]

    class Rij:
        id = "12345678-0000-0000-0000-000000000000"

    class Ad:
        def __init__(self, gemeente: str, treffers: dict[str, str]) -> None:
            self.gemeente, self.treffers = gemeente, treffers

    eerste = res.clusters[0]
    ads = [Ad(res.ads[i].gemeente, res.ads[i].treffers) for i in eerste.leden]
    query = melding_voorinvulling(Rij(), ads, {})  # type: ignore[arg-type]
    assert "uitbuitingsvorm=arbeid" in query
