# SPDX-License-Identifier: EUPL-1.2
"""The synthetic generator reproduces the published figures (domain.md §2.4–2.6) within stated tolerances."""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pytest

from zicht.config import load_settings
from zicht.reference import Referentiedata, load_reference
from zicht.synth import SynthConfig, SynthResult, doelen, generate
from zicht.synth import calibratie as cal
from zicht.synth.meting import meet, vier_eenheden_aandeel

SEEDS = (1, 2, 3)
JAREN = (2014, 2024)


def _reference() -> Referentiedata:
    return load_reference(load_settings().effective_reference_dir)


@lru_cache(maxsize=len(SEEDS))
def _resultaat(seed: int) -> SynthResult:
    return generate(SynthConfig(jaar_van=JAREN[0], jaar_tot=JAREN[1], seed=seed), _reference())


@lru_cache(maxsize=len(SEEDS))
def _gemeten(seed: int) -> dict[int, dict[str, float]]:
    return meet(_resultaat(seed))


@pytest.mark.parametrize("seed", SEEDS)
def test_yearly_person_totals_are_exact(seed: int) -> None:
    gemeten = _gemeten(seed)
    for jaar in range(JAREN[0], JAREN[1] + 1):
        assert gemeten[jaar]["personen"] == cal.PERSONEN[jaar]


@pytest.mark.parametrize("seed", SEEDS)
def test_every_target_within_tolerance(seed: int) -> None:
    gemeten = _gemeten(seed)
    buiten: list[str] = []
    for jaar, waarden in gemeten.items():
        for naam, doel in doelen(jaar).items():
            waarde = waarden[naam]
            if abs(waarde - doel.waarde) > doel.tolerantie + 1e-9:
                buiten.append(f"{jaar} {naam}: {waarde:.3f} vs {doel.waarde:.3f} ± {doel.tolerantie}")
    assert not buiten, "\n".join(buiten)


def test_reports_per_person_in_published_range_for_2023_2024() -> None:
    for seed in SEEDS:
        gemeten = _gemeten(seed)
        totaal = sum(gemeten[j]["meldingen_per_persoon"] * gemeten[j]["personen"] for j in (2023, 2024))
        personen = sum(gemeten[j]["personen"] for j in (2023, 2024))
        assert 1.12 <= totaal / personen <= 1.22


def test_reporter_mix_2023_2024_matches_comensha() -> None:
    # CoMensha, Het beeld van 2024, verdieping 3
    gepubliceerd = {
        2023: {"nationale_politie": 0.345, "zorgcoordinatie": 0.299, "fairwork": 0.223, "kmar": 0.048, "nla": 0.032},
        2024: {"nationale_politie": 0.310, "zorgcoordinatie": 0.283, "fairwork": 0.242, "kmar": 0.063, "nla": 0.067},
    }
    for seed in SEEDS:
        for jaar, mix in gepubliceerd.items():
            for soort, aandeel in mix.items():
                assert _gemeten(seed)[jaar][f"melder_{soort}"] == pytest.approx(aandeel, abs=0.03), (seed, jaar, soort)


def test_police_share_higher_before_2018_and_fewer_voluntary_reports_in_2018() -> None:
    r = _resultaat(1)
    w = r.waarheid
    vrijwillig = ~w["melder_soort"].isin(["nationale_politie", "kmar", "nla"])
    per_jaar = vrijwillig.groupby(w["jaar"].astype(int)).sum()
    assert per_jaar[2018] < 0.5 * per_jaar[[2014, 2015, 2016, 2017]].mean()
    politie = (w["melder_soort"] == "nationale_politie").groupby(w["jaar"].astype(int)).mean()
    assert politie[2015] > politie[2023] + 0.1


def test_four_police_units_make_three_quarters_of_domestic_sexual_reports() -> None:
    aandelen = [vier_eenheden_aandeel(_resultaat(seed)) for seed in SEEDS]
    assert np.mean(aandelen) >= cal.VIER_EENHEDEN_AANDEEL - 0.03


def test_hidden_population_four_to_five_times_registered() -> None:
    pop = _resultaat(1).populatie
    per_jaar = pop.groupby("jaar")["geregistreerd"].agg(["size", "sum"])
    verhouding = per_jaar["size"] / per_jaar["sum"]
    assert ((verhouding >= 3.9) & (verhouding <= 5.1)).all()


def test_minors_labour_and_criminal_exploitation_are_seen_less() -> None:
    pop = _resultaat(1).populatie
    gezien = pop.groupby(pop["leeftijdsgroep"].astype(str))["geregistreerd"].mean()
    assert gezien["minderjarig"] < gezien["volwassen"]
    per_vorm = pop.groupby(pop["uitbuitingsvorm"].astype(str))["geregistreerd"].mean()
    assert per_vorm["arbeid"] < per_vorm["seksueel"]
    assert per_vorm["crimineel"] < per_vorm["seksueel"]


def test_werkwijze_fits_form_and_victim() -> None:
    pop = _resultaat(1).populatie
    reg = pop[pop["geregistreerd"]]
    ww = reg["werkwijze"].astype(str)
    loverboy = reg[ww.str.contains("loverboymethode")]
    jong_nl_vrouw = (loverboy["nationaliteit"].astype(str) == "NL") & (loverboy["geslacht"].astype(str) != "man")
    assert jong_nl_vrouw.mean() > 0.6
    ng_seks = reg[(reg["nationaliteit"].astype(str) == "NG") & (reg["uitbuitingsvorm"].astype(str) == "seksueel")]
    assert ng_seks["werkwijze"].astype(str).str.contains("voodoo_eed").mean() > 0.4
    assert ng_seks["werkwijze"].astype(str).str.contains("schuldslavernij").mean() > 0.5
    arbeid_oost = reg[
        reg["nationaliteit"].astype(str).isin(["PL", "UA"]) & (reg["uitbuitingsvorm"].astype(str) == "arbeid")
    ]
    assert arbeid_oost["werkwijze"].astype(str).str.contains("excessieve_werktijden|innemen_documenten").mean() > 0.6


def test_criminal_exploitation_of_minors_rises_in_2023_2024() -> None:
    pop = _resultaat(1).populatie
    minder = pop[pop["geregistreerd"] & (pop["leeftijdsgroep"].astype(str) == "minderjarig")]
    crimineel = (minder["uitbuitingsvorm"].astype(str) == "crimineel").groupby(minder["jaar"]).mean()
    assert crimineel[[2023, 2024]].mean() > crimineel[[2016, 2017, 2018, 2019]].mean()
