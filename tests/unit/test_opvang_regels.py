# SPDX-License-Identifier: EUPL-1.2
"""The placement rules: every eligibility rule (table-driven), the target group, and every transition."""

from __future__ import annotations

import itertools

import pytest

from zicht.opvang.regels import (
    OVERGANGEN,
    REDENEN,
    Doelgroep,
    OngeldigeOvergang,
    Profiel,
    Status,
    Voorzieningsoort,
    controleer_overgang,
    geschikte_soorten,
    past_bij_doelgroep,
)

V = Voorzieningsoort

GESCHIKTHEID = [
    # (profile, allowed types)
    (Profiel("vrouw", 25, "niet_eu", "b8"), {V.cosm}),
    (Profiel("man", 40, "niet_eu", "geen"), {V.cosm}),
    (Profiel("vrouw", 30, "niet_eu", "onbekend", meervoudige_problematiek=True), {V.cosm, V.omm}),
    (Profiel("vrouw", 22, "nl", "onbekend"), {V.vrouwenopvang, V.maatschappelijke_opvang}),
    (Profiel("man", 35, "eu", "onbekend"), {V.mannenopvang, V.maatschappelijke_opvang}),
    (Profiel("anders", 35, "nl", "onbekend"), {V.maatschappelijke_opvang}),
    (Profiel("onbekend", 35, "eu", "onbekend"), {V.vrouwenopvang, V.mannenopvang, V.maatschappelijke_opvang}),
    (Profiel("man", 30, "niet_eu", "verblijfsvergunning"), {V.mannenopvang, V.maatschappelijke_opvang}),
    (Profiel("man", 30, "niet_eu", "asiel"), {V.overig}),
    (Profiel("vrouw", 28, "nl", "onbekend", meervoudige_problematiek=True),
     {V.omm, V.vrouwenopvang, V.maatschappelijke_opvang}),
    (Profiel("vrouw", 16, "nl", "onbekend"), {V.jeugdzorg}),
    (Profiel("vrouw", 16, "niet_eu", "b8"), {V.jeugdzorg}),  # a minor never goes to COSM
    (Profiel("man", 15, "niet_eu", "asiel", alleenstaand=True), {V.beschermde_opvang}),
    (Profiel("vrouw", 17, "eu", "onbekend", alleenstaand=True), {V.jeugdzorg}),
    (Profiel("vrouw", 17, "nl", "onbekend", meervoudige_problematiek=True), {V.jeugdzorg}),  # OMM is for adults
    (Profiel("vrouw", None, "niet_eu", "b8"), {V.cosm}),  # unknown age: not treated as a minor
]  # fmt: skip


@pytest.mark.parametrize(("profiel", "verwacht"), GESCHIKTHEID)
def test_geschiktheidsregels_geven_precies_de_toegestane_soorten(profiel: Profiel, verwacht: set[V]) -> None:
    soorten = geschikte_soorten(profiel)
    assert set(soorten) == verwacht
    assert all(reden for reden in soorten.values())


def test_alleen_volwassen_niet_eu_in_bedenktijd_komen_in_cosm() -> None:
    for profiel, verwacht in GESCHIKTHEID:
        if V.cosm in verwacht:
            assert not profiel.minderjarig and profiel.eu_status == "niet_eu"


DOELGROEP = [
    (Profiel("man", 30), Doelgroep(geslacht="vrouw"), "alleen voor vrouwen"),
    (Profiel("vrouw", 30), Doelgroep(geslacht="vrouw"), None),
    (Profiel("onbekend", 30), Doelgroep(geslacht="vrouw"), None),
    (Profiel("vrouw", 16), Doelgroep(leeftijd_min=18), "vanaf 18 jaar"),
    (Profiel("vrouw", 24), Doelgroep(leeftijd_max=23), "tot en met 23 jaar"),
    (Profiel("vrouw", 30, kinderen=2), Doelgroep(kinderen=False), "geen plek voor meekomende kinderen"),
    (Profiel("vrouw", 30, kinderen=2), Doelgroep(kinderen=True), None),
    (Profiel("vrouw", 30, "niet_eu", "b8"), Doelgroep(b8=False), "geen opvang tijdens bedenktijd (B8)"),
    (Profiel("vrouw", 30, meervoudige_problematiek=True), Doelgroep(), "geen begeleiding bij meervoudige problematiek"),
    (Profiel("vrouw", 30, veiligheidsrisico=True), Doelgroep(beveiligingsniveau="basis"),
     "beveiliging te laag bij veiligheidsrisico"),
    (Profiel("vrouw", 30, veiligheidsrisico=True), Doelgroep(beveiligingsniveau="hoog"), None),
]  # fmt: skip


@pytest.mark.parametrize(("profiel", "doelgroep", "verwacht"), DOELGROEP)
def test_doelgroep_van_een_voorziening(profiel: Profiel, doelgroep: Doelgroep, verwacht: str | None) -> None:
    assert past_bij_doelgroep(profiel, doelgroep) == verwacht


def test_prioriteit_telt_veiligheid_minderjarig_medisch_en_kinderen() -> None:
    assert Profiel().prioriteit() == 0
    assert Profiel(leeftijd=15, veiligheidsrisico=True, medisch=True, kinderen=1).prioriteit() == 4


TOEGESTAAN = sorted((van.value, naar.value) for van, naar in OVERGANGEN)


@pytest.mark.parametrize(("van", "naar"), TOEGESTAAN)
def test_elke_toegestane_overgang_met_elke_eigen_reden(van: str, naar: str) -> None:
    for reden in REDENEN[Status(naar)]:
        controleer_overgang(Status(van), Status(naar), reden)
    with pytest.raises(OngeldigeOvergang, match="reden"):
        controleer_overgang(Status(van), Status(naar), "zomaar")


VERBODEN = sorted(
    (van.value, naar.value) for van, naar in itertools.product(Status, Status) if (van, naar) not in OVERGANGEN
)


@pytest.mark.parametrize(("van", "naar"), VERBODEN)
def test_elke_verboden_overgang_wordt_geweigerd(van: str, naar: str) -> None:
    reden = next(iter(REDENEN[Status(naar)]))
    with pytest.raises(OngeldigeOvergang, match="niet toegestaan"):
        controleer_overgang(Status(van), Status(naar), reden)


def test_eindstatussen_hebben_geen_uitgang() -> None:
    for eind in (Status.geweigerd, Status.ingetrokken, Status.uitgestroomd):
        assert not [n for v, n in OVERGANGEN if v is eind]


def test_bezettingsupload_leest_xlsx_met_dezelfde_grenzen_als_meldingen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A weekly occupancy XLSX goes through the bounded reader of the melding uploads: a shared-strings bomb
    is refused before it is read, an ordinary sheet is read."""
    import io
    import tracemalloc

    import openpyxl
    import pytest

    from tests.unit.test_upload_grenzen import bom_gedeelde_teksten
    from zicht.opvang.upload import Bestandsfout, _rijen

    bom = bom_gedeelde_teksten(tmp_path / "bom.xlsx").read_bytes()
    tracemalloc.start()
    with pytest.raises(Bestandsfout, match="teksten"):
        list(_rijen(bom, "bezetting.xlsx"))
    _, piek = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert piek < 100 * 2**20
    boek = openpyxl.Workbook()
    blad = boek.active
    assert blad is not None
    blad.append(["voorziening", "datum", "totaal", "bezet"])
    blad.append(["COSM-A", "2026-11-30", 26, 20])
    buf = io.BytesIO()
    boek.save(buf)
    assert list(_rijen(buf.getvalue(), "bezetting.xlsx")) == [
        (2, {"voorziening": "COSM-A", "datum": "2026-11-30", "totaal": "26", "bezet": "20"})
    ]
