# SPDX-License-Identifier: EUPL-1.2
"""The codebook: every list has 'onbekend', labels resolve to codes, and HTCDS/CTDC mappings round-trip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zicht.codebook import (
    SECTOR,
    UITBUITINGSVORM,
    StandardValue,
    UnknownCode,
    alle_codelijsten,
    codelijst,
    from_standard,
    sectoren_van,
    to_standard,
)

ALL = alle_codelijsten()


@pytest.mark.parametrize("naam", sorted(ALL))
def test_elke_codelijst_heeft_onbekend_los_van_nee(naam: str) -> None:
    lijst = ALL[naam]
    assert "onbekend" in lijst
    assert lijst["onbekend"].nl == "onbekend"
    if "nee" in lijst:
        assert lijst.resolve("nee") != lijst.resolve("onbekend")


@pytest.mark.parametrize("naam", sorted(ALL))
def test_codes_zijn_leesbare_woorden_geen_enkele_letters(naam: str) -> None:
    for code in ALL[naam]:
        assert len(code.code) >= 2, code.code


@pytest.mark.parametrize("naam", sorted(ALL))
def test_code_en_labels_resolven_naar_de_code(naam: str) -> None:
    lijst = ALL[naam]
    for code in lijst:
        assert lijst.resolve(code.code) == code.code
        assert lijst.resolve(code.code.upper()) == code.code
    # Labels resolve to the code that carries them unless another code has that exact text as its code.
    for code in lijst:
        assert lijst[lijst.resolve(code.nl)].nl.casefold() == code.nl.casefold()


@pytest.mark.parametrize(
    ("lijst", "tekst", "code"),
    [
        ("uitbuitingsvorm", "Seksuele uitbuiting", "seksueel"),
        ("uitbuitingsvorm", "labour exploitation", "arbeid"),
        ("uitbuitingsvorm", "criminele uitbuiting", "crimineel"),
        ("werkwijze", "Loverboymethode", "loverboymethode"),
        ("werkwijze", "debt bondage", "schuldslavernij"),
        ("werkwijze", "valse beloften", "valse_beloften"),
        ("melder_soort", "Koninklijke Marechaussee", "kmar"),
        ("melder_soort", "politie", "nationale_politie"),
        ("land", "Polen", "PL"),
        ("land", "Oekraïne", "UA"),
        ("land", "oekraine", "UA"),
        ("land", "Nigeriaanse", "NG"),
        ("land", "NLD", "NL"),
        ("geslacht", "V", "vrouw"),
        ("dossiertype", "registratie en opvang", "registratie_opvang"),
        ("status", "mogelijk slachtoffer", "mogelijk"),
    ],
)
def test_labels_en_synoniemen(lijst: str, tekst: str, code: str) -> None:
    assert codelijst(lijst).resolve(tekst) == code


def test_onbekende_waarde_geeft_suggestie_zonder_de_waarde_te_herhalen() -> None:
    with pytest.raises(UnknownCode) as info:
        codelijst("werkwijze").resolve("schuldslavrnij")
    assert "schuldslavernij" in info.value.suggestions
    assert "schuldslavrnij" not in str(info.value)


@pytest.mark.parametrize("standaard", ["htcds", "ctdc"])
@pytest.mark.parametrize("naam", sorted(ALL))
def test_standaardwaarden_round_trippen(naam: str, standaard: str) -> None:
    lijst = ALL[naam]
    for code in lijst:
        for value in to_standard(lijst, code.code, standaard):  # type: ignore[arg-type]
            canonical = from_standard(lijst, value, standaard)  # type: ignore[arg-type]
            assert value in to_standard(lijst, canonical, standaard)  # type: ignore[arg-type]


def test_htcds_waarden_komen_uit_de_standaard() -> None:
    # The HTCDS v2.0 picklists (shared/docs/domain.md §1.1) for the fields we map.
    allowed = {
        "vic_TypeOfExploitation": {
            "ForcedLabour",
            "SexualExploitation",
            "ChildLabour",
            "ForcedMarriage",
            "Servitude",
            "ForcedMilitaryByNonStateActors",
            "OrganRemoval",
            "ForcedBegging",
            "ForcedAdoption",
            "Surrogacy",
            "Other",
        },
        "vic_TraffickingStatus": {
            "PossibleVictimOfTrafficking",
            "ActualVictimOfTrafficking",
            "NotAVictimOfTrafficking",
        },
        "prs_Gender": {
            "Feminine",
            "Masculine",
            "TransgenderFeminine",
            "TransgenderMasculine",
            "NonConforming",
            "NonSpecifiedUnknown",
        },
        "vic_TypeOfSexExploitation": {
            "Prostitution",
            "Pornography",
            "RemoteInteractiveServices",
            "PrivateSexualServices",
        },
        "hte_Type": {"Recruitment", "Transit", "Exploitation"},
    }
    for lijst in ALL.values():
        for code in lijst:
            for value in code.htcds:
                if value.veld in allowed:
                    assert value.waarde in allowed[value.veld], (lijst.naam, code.code, value)


def test_uitbuitingsvorm_mapt_naar_htcds_en_ctdc_en_terug() -> None:
    value = StandardValue("vic_TypeOfExploitation", "SexualExploitation")
    assert from_standard(UITBUITINGSVORM, value, "htcds") == "seksueel"
    assert from_standard(UITBUITINGSVORM, StandardValue("isForcedLabour", "1"), "ctdc") == "arbeid"
    assert from_standard(UITBUITINGSVORM, StandardValue("x", "y"), "htcds") == "onbekend"


def test_elke_sector_hoort_bij_een_uitbuitingsvorm() -> None:
    for sector in SECTOR:
        if sector.code != "onbekend":
            assert sector.ouder in UITBUITINGSVORM
    assert {s.code for s in sectoren_van("seksueel")} >= {"thuisprostitutie", "raamprostitutie", "onbekend"}


@given(st.sampled_from(sorted(ALL)), st.data())
def test_resolve_is_ongevoelig_voor_hoofdletters_en_spaties(naam: str, data: st.DataObject) -> None:
    lijst = ALL[naam]
    code = data.draw(st.sampled_from(lijst.codes))
    mangled = "  " + "".join(c.upper() if i % 2 else c for i, c in enumerate(code.nl)) + " "
    assert lijst[lijst.resolve(mangled)].nl.casefold() == code.nl.casefold()
