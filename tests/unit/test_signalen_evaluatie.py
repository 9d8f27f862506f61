# SPDX-License-Identifier: EUPL-1.2
"""The evaluation table in docs/signalen.md is what the code measures now, on both synthetic families and
several seeds, and the pipeline beats every baseline of signals.md §2.2 on it."""

from __future__ import annotations

from pathlib import Path

import pytest

from zicht.reference import load_reference
from zicht.signalen import evaluatie, rapport

REPO = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def uitkomst() -> rapport.Uitkomst:
    return rapport.bereken(load_reference(REPO.parent / "shared" / "data" / "nl"))


def test_tabel_in_docs_is_actueel(uitkomst: rapport.Uitkomst) -> None:
    referentie = load_reference(REPO.parent / "shared" / "data" / "nl")
    pagina = (REPO / "docs" / "signalen.md").read_text(encoding="utf-8")
    assert rapport.huidig_blok(pagina) == rapport.markdown(uitkomst, referentie), (
        "run: zicht signalen evalueer --docs docs/signalen.md"
    )


@pytest.mark.parametrize("familie", rapport.FAMILIES)
def test_clusters_en_rangorde_verslaan_elke_basislijn(uitkomst: rapport.Uitkomst, familie: str) -> None:
    tabel = uitkomst.tabellen[familie]
    zicht = tabel["zicht"]
    for methode in evaluatie.METHODEN[1:5]:
        assert zicht["bcubed_f1"][0] > tabel[methode]["bcubed_f1"][0], methode
        assert zicht["p@100"][0] > tabel[methode]["p@100"][0], methode
    assert zicht["zelfstandig@100"][0] <= 0.05
    assert zicht["p@50"][0] >= 0.9


def test_familie_b_ontloopt_de_trefwoorden(uitkomst: rapport.Uitkomst) -> None:
    """Family b's organisers avoid the listed phrases: keyword screening finds none of them, structure does."""
    assert uitkomst.tabellen["b"]["trefwoorden (per advertentie)"]["p@100"][0] < 0.1
    assert uitkomst.tabellen["b"]["zicht"]["p@100"][0] > 0.85


def test_verantwoording_in_docs_is_actueel(uitkomst: rapport.Uitkomst) -> None:
    """The Algoritmeregister entry and the technical file are generated from the code and the results."""
    from zicht.signalen import indicatoren, verantwoording

    bench = verantwoording.lees_benchmark(REPO / "docs" / "signalen-benchmark.json")
    register = verantwoording.algoritmeregister(uitkomst, bench)
    dossier = verantwoording.technisch_dossier(uitkomst, bench)
    for indicator in indicatoren.INDICATOREN:
        assert f"| {indicator.code} | {indicator.naam} | {indicator.graad} | {indicator.gewicht:+.2f} |" in dossier
    for kop in ("Menselijke tussenkomst", "Wettelijke basis", "Gegevensbronnen", "Risicobeheer", "Monitoring"):
        assert f"**{kop}**" in register
    opdracht = "run: zicht signalen verantwoording --benchmark docs/signalen-benchmark.json"
    assert (REPO / "docs" / "signalen-algoritmeregister.md").read_text(encoding="utf-8") == register, opdracht
    assert (REPO / "docs" / "signalen-technisch-dossier.md").read_text(encoding="utf-8") == dossier, opdracht
