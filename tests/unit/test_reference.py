# SPDX-License-Identifier: EUPL-1.2
"""Reference data: look-ups by code and by everyday name, the region mapping, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.config import ConfigError, load_settings
from zicht.reference import AmbiguousName, Gebiedsniveau, Referentiedata, UnknownPlace, load_reference


@pytest.mark.parametrize(
    ("tekst", "code"),
    [
        ("Den Haag", "GM0518"),
        ("'s-Gravenhage", "GM0518"),
        ("s-gravenhage", "GM0518"),
        ("’s-Gravenhage", "GM0518"),
        ("GM0518", "GM0518"),
        ("gm518", "GM0518"),
        ("0518", "GM0518"),
        ("Den Bosch", "GM0796"),
        ("'s-Hertogenbosch", "GM0796"),
        ("DEN BOSCH", "GM0796"),
        ("Utrecht", "GM0344"),
        ("Ede", "GM0228"),
        ("Súdwest-Fryslân", "GM1900"),
        ("sudwest fryslan", "GM1900"),
        ("Bergen (NH.)", "GM0373"),
        ("Bergen (L)", "GM0893"),
        ("Hengelo", "GM0164"),
        ("Nuenen, Gerwen en Nederwetten", "GM0820"),
        ("Leeuwarden", "GM0080"),
    ],
)
def test_gemeente_op_code_en_naam(reference: Referentiedata, tekst: str, code: str) -> None:
    assert reference.gemeente(tekst).code == code


def test_dubbelzinnige_naam_noemt_de_kandidaten(reference: Referentiedata) -> None:
    with pytest.raises(AmbiguousName) as info:
        reference.gemeente("Bergen")
    assert info.value.candidates == ["Bergen (L.)", "Bergen (NH.)"]


@pytest.mark.parametrize("tekst", ["Atlantis", "GM9999", "Gravenhage-Noord"])
def test_onbekende_plaats(reference: Referentiedata, tekst: str) -> None:
    with pytest.raises(UnknownPlace):
        reference.gemeente(tekst)


def test_gemeente_hoort_bij_elk_regioniveau(reference: Referentiedata) -> None:
    regio = reference.regio_van("GM0344")
    assert regio[Gebiedsniveau.veiligheidsregio] == "VR09"
    assert regio[Gebiedsniveau.politie_eenheid] == "Midden-Nederland"
    assert regio[Gebiedsniveau.riec_regio] == "RIEC Midden-Nederland"
    assert regio[Gebiedsniveau.provincie] == "PV26"
    assert regio[Gebiedsniveau.nederland] == "NL"


def test_aantallen_gebieden_per_niveau(reference: Referentiedata) -> None:
    assert len(reference.gemeenten) == 342
    counts = {n: len(reference.gebieden(n)) for n in Gebiedsniveau}
    assert counts == {
        Gebiedsniveau.gemeente: 342,
        Gebiedsniveau.veiligheidsregio: 25,
        Gebiedsniveau.politie_eenheid: 10,
        Gebiedsniveau.riec_regio: 10,
        Gebiedsniveau.provincie: 12,
        Gebiedsniveau.nederland: 1,
    }
    assert reference.inwoners_totaal == 17_590_672


def test_regio_op_naam(reference: Referentiedata) -> None:
    assert reference.gebied(Gebiedsniveau.veiligheidsregio, "Haaglanden").code == "VR15"
    assert reference.gebied(Gebiedsniveau.politie_eenheid, "midden nederland").code == "Midden-Nederland"


def test_zoeken_op_naamdeel(reference: Referentiedata) -> None:
    names = [g.weergavenaam for g in reference.find_gemeenten("ams")]
    assert names[:2] == ["Amstelveen", "Amsterdam"]
    assert "Ouder-Amstel" in names


@given(
    st.sampled_from(
        sorted(
            load_reference(Path(__file__).resolve().parents[2].parent / "shared/data/nl").gemeenten.values(),
            key=lambda g: g.code,
        )
    )
)
def test_elke_gemeente_vindbaar_op_eigen_namen(gemeente) -> None:  # type: ignore[no-untyped-def]
    ref = load_reference(Path(__file__).resolve().parents[2].parent / "shared/data/nl")
    assert ref.gemeente(gemeente.code) == gemeente
    assert ref.gemeente(gemeente.naam) == gemeente
    assert ref.gemeente(gemeente.weergavenaam.upper()) == gemeente


def test_ontbrekende_referentiemap_geeft_duidelijke_melding(tmp_path: Path) -> None:
    settings = load_settings({"ZICHT_REFERENCE_DIR": str(tmp_path)})
    with pytest.raises(ConfigError, match="ZICHT_REFERENCE_DIR"):
        _ = settings.effective_reference_dir
    with pytest.raises(ConfigError, match=r"gemeenten_2023\.csv"):
        load_reference(tmp_path)
