# SPDX-License-Identifier: EUPL-1.2
"""The synthetic evaluation in docs/mse-evaluatie.md is reproducible and says what the numbers say.

* Every generated block of the document is exactly what the code renders from docs/mse-evaluatie.csv (no
  hand-typed numbers).
* The per-estimate rows listed in the document (seeds 1-2 of 2023: analytic for six and four lists, BCa with
  200 replicates for six lists, and the control) are rerun with the generator and must reproduce the CSV.
* The qualitative claims of the text hold for the CSV (and for the generator, for the heterogeneity claim).
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from zicht.analysis.iceberg.evaluatie import (
    EvalRij,
    Samenvatting,
    evalueer_controle,
    evalueer_populatie,
    lees_csv,
    samenvatten,
    voorbeelden,
    werk_document_bij,
)
from zicht.reference import Referentiedata
from zicht.synth import SynthConfig, generate

DOC = REPO_ROOT / "docs" / "mse-evaluatie.md"
CSV = REPO_ROOT / "docs" / "mse-evaluatie.csv"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rijen() -> list[EvalRij]:
    return lees_csv(CSV)


@pytest.fixture(scope="module")
def samenvatting(rijen: list[EvalRij]) -> dict[tuple[int, str, str], Samenvatting]:
    return {(s.jaar, s.vorm, s.lijsten): s for s in samenvatten(rijen)}


def test_document_is_gegenereerd_uit_de_csv(rijen: list[EvalRij]) -> None:
    document = DOC.read_text(encoding="utf-8")
    assert werk_document_bij(document, rijen) == document, "run benchmarks/eval_mse_synth.py --hergebruik"


def _zelfde(a: EvalRij, b: EvalRij) -> None:
    assert (a.jaar, a.seed, a.vorm, a.lijsten, a.bootstrap, a.waar, a.geregistreerd, a.model, a.weigering) == (
        b.jaar, b.seed, b.vorm, b.lijsten, b.bootstrap, b.waar, b.geregistreerd, b.model, b.weigering
    )  # fmt: skip
    for veld in ("geschat", "ana_laag", "ana_hoog", "bca_laag", "bca_hoog"):
        x, y = getattr(a, veld), getattr(b, veld)
        assert (x is None) == (y is None), veld
        if x is not None:
            assert x == pytest.approx(y, rel=1e-8, abs=1e-6), (a.seed, a.vorm, a.lijsten, veld)


def test_voorbeeldrijen_worden_gereproduceerd(rijen: list[EvalRij], reference: Referentiedata) -> None:
    verwacht = voorbeelden(rijen)
    seeds = sorted({r.seed for r in verwacht})
    jaar = verwacht[0].jaar
    nboot = max(r.bootstrap for r in verwacht)
    assert seeds == [1, 2] and nboot == 200
    opnieuw: list[EvalRij] = []
    for seed in seeds:
        pop = generate(SynthConfig(jaar_van=jaar, jaar_tot=jaar, seed=seed), reference).populatie
        opnieuw += evalueer_populatie(pop, jaar, seed)
        opnieuw += evalueer_populatie(pop, jaar, seed, indelingen=("6",), bootstrap=nboot)
    for seed in seeds:
        opnieuw += evalueer_controle(seed, jaar)
        opnieuw += evalueer_controle(seed, jaar, bootstrap=nboot)
    sleutel = lambda r: (r.seed, r.vorm, r.lijsten, r.bootstrap)  # noqa: E731
    assert sorted(map(sleutel, opnieuw)) == sorted(map(sleutel, verwacht))
    per_sleutel = {sleutel(r): r for r in verwacht}
    for r in opnieuw:
        _zelfde(r, per_sleutel[sleutel(r)])


def _fractie(paar: tuple[int, int]) -> float:
    return paar[0] / paar[1] if paar[1] else math.nan


def test_beweringen_in_de_tekst(samenvatting: dict[tuple[int, str, str], Samenvatting], rijen: list[EvalRij]) -> None:
    controle = samenvatting[2023, "controle", "6"]
    synthetisch = {k: s for k, s in samenvatting.items() if k[1] != "controle"}
    # 1. the control: unbiased, nominal coverage
    assert abs(controle.bias) < 0.03
    assert _fractie(controle.ana_dekking) >= 0.90 and _fractie(controle.bca_dekking) >= 0.80
    # 2. negative bias everywhere; worst for criminal exploitation; 2018 worse than 2023
    assert all(s.bias < 0 for s in synthetisch.values())
    for jaar in (2018, 2023):
        for lijsten in ("6", "4"):
            crimineel = synthetisch[jaar, "crimineel", lijsten].bias
            assert all(
                s.bias > crimineel
                for (j, v, li), s in synthetisch.items()
                if (j, li) == (jaar, lijsten) and v != "crimineel"
            )
    for _, vorm, lijsten in [k for k in synthetisch if k[0] == 2018]:
        assert synthetisch[2018, vorm, lijsten].bias < synthetisch[2023, vorm, lijsten].bias
    # 3. analytic coverage far below nominal; 4. BCa better than analytic, still below nominal
    assert all(_fractie(s.ana_dekking) <= 0.75 for s in synthetisch.values())
    for s in synthetisch.values():
        if s.bca_dekking[1]:
            assert _fractie(s.bca_dekking) >= _fractie(s.ana_dekking)
            assert _fractie(s.bca_dekking) < 0.95
    # 5. criminal exploitation in 2018 is mostly refused (W1)
    crimineel_2018 = [r for r in rijen if (r.jaar, r.vorm, r.bootstrap) == (2018, "crimineel", 0)]
    assert sum(r.weigering == "W1" for r in crimineel_2018) > len(crimineel_2018) / 2
    # 6. four versus six lists: up to about a tenth on the mean, far more for single estimates
    verschil = [
        abs(synthetisch[j, v, "4"].geschat / synthetisch[j, v, "6"].geschat - 1)
        for (j, v, li) in synthetisch
        if li == "6"
    ]
    assert 0.05 <= max(verschil) <= 0.12
    zes = {(r.jaar, r.seed, r.vorm): r.geschat for r in rijen if r.lijsten == "6" and r.bootstrap == 0 and r.geschat}
    vier = {(r.jaar, r.seed, r.vorm): r.geschat for r in rijen if r.lijsten == "4" and r.bootstrap == 0 and r.geschat}
    assert max(abs(vier[k] / zes[k] - 1) for k in zes.keys() & vier.keys()) > 0.25
    assert abs(vier[2023, 2, "alle"] / zes[2023, 2, "alle"] - 1) > 0.25


def test_heterogeniteit_is_in_2018_veel_groter_dan_in_2023(reference: Referentiedata) -> None:
    sigma = {
        jaar: generate(SynthConfig(jaar_van=jaar, jaar_tot=jaar, seed=1), reference).manifest["per_jaar"][str(jaar)][
            "sigma"
        ]
        for jaar in (2018, 2023)
    }
    assert sigma[2018] > 2 * sigma[2023]


def test_csv_bestaat_en_dekt_de_run(rijen: list[EvalRij]) -> None:
    assert Path(CSV).is_file()
    assert {r.jaar for r in rijen} == {2018, 2023}
    assert max(r.seed for r in rijen if r.bootstrap == 0) == 50
    assert max(r.seed for r in rijen if r.bootstrap > 0) == 10
