# SPDX-License-Identifier: EUPL-1.2
"""Opvang pages: a request from form to placement, weekly reports by form and file, the regional pages, and
the confidential address visible only to the operator's own opvang users."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.opvang_support import GEHEIM_ADRES, Opvangbed, maak_opvangbed
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.accounts import Beveiliging, maak_gebruiker
from zicht.opvang.regels import COMENSHA
from zicht.storage import transaction


@pytest.fixture(scope="module")
def omgeving(tmp_path_factory: pytest.TempPathFactory) -> tuple[WebBed, Opvangbed]:
    from zicht.reference import load_reference

    bed = maak_testbed(tmp_path_factory.mktemp("opvang"))
    ref = load_reference(bed.settings.reference_dir)
    obed = maak_opvangbed(bed.sessions, ref, cosm_bedden=2, personen=3)
    bev = Beveiliging.from_settings(bed.settings)
    with transaction(bed.sessions) as s:
        for naam, org in (("opvang-comensha", COMENSHA), ("opvang-exploitant", "exploitant-test")):
            maak_gebruiker(s, bev, gebruikersnaam=naam, naam=naam, rol="opvang", wachtwoord="een-lang-wachtwoord-x",
                           organisatie_code=org)  # fmt: skip
    return bed, obed


def test_aanvraag_voorstel_aanbod_en_plaatsing_via_de_paginas(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, obed = omgeving
    c = bed.als("opvang", gebruikersnaam="opvang-comensha")
    pagina = c.get("/opvang/aanvragen/nieuw")
    assert pagina.status_code == 200
    r = c.post("/opvang/aanvragen/nieuw", data={
        "csrf_token": csrf_van(pagina.text), "persoon_id": str(obed.personen[0]), "geslacht": "vrouw",
        "leeftijd": "26", "eu_status": "niet_eu", "verblijfsstatus": "b8", "kinderen": "0",
        "plaats_delict": "Den Haag", "verblijfgemeente": "Amsterdam"})  # fmt: skip
    assert r.status_code == 303, r.text[:500]
    url = r.headers["location"]
    detail = c.get(url)
    assert "COSM test" in detail.text and "bedenktijd" in detail.text and "besluit: CoMensha" in detail.text
    assert GEHEIM_ADRES not in detail.text
    vid = str(obed.cosm)
    r = c.post(url + "/besluit", data={"csrf_token": csrf_van(detail.text), "naar": "aangeboden",
                                       "reden": "passend_profiel", "voorziening_id": vid})  # fmt: skip
    assert r.status_code == 303
    detail = c.get(url)
    r = c.post(url + "/besluit", data={"csrf_token": csrf_van(detail.text), "besluit": "geplaatst:aanbod_aanvaard"})
    assert r.status_code == 303
    detail = c.get(url)
    assert "geplaatst" in detail.text and "aanbod aanvaard" in detail.text  # the decision's label, not its code
    start = c.get("/opvang")
    assert start.status_code == 200 and "Mediane wachttijd" in start.text


def test_een_verboden_besluit_geeft_een_duidelijke_melding(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, obed = omgeving
    c = bed.als("opvang", gebruikersnaam="opvang-exploitant")
    pagina = c.get("/opvang/aanvragen/nieuw")
    r = c.post("/opvang/aanvragen/nieuw", data={
        "csrf_token": csrf_van(pagina.text), "persoon_id": str(obed.personen[1]), "geslacht": "vrouw",
        "leeftijd": "30", "eu_status": "niet_eu", "verblijfsstatus": "b8"})  # fmt: skip
    url = r.headers["location"]
    detail = c.get(url)
    r = c.post(url + "/besluit", data={"csrf_token": csrf_van(detail.text), "naar": "aangeboden",
                                       "reden": "passend_profiel", "voorziening_id": str(obed.cosm)})  # fmt: skip
    assert r.status_code == 400 and "alleen CoMensha" in r.text


def test_adres_alleen_voor_de_eigen_exploitant(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, _ = omgeving
    eigen = bed.als("opvang", gebruikersnaam="opvang-exploitant")
    assert GEHEIM_ADRES in eigen.get("/opvang").text
    for rol, naam in (("opvang", "opvang-comensha"), ("opvang", None), ("analist", None), ("gemeente", None)):
        c = bed.als(rol, gebruikersnaam=naam)
        for pad in ("/opvang", "/opvang/bezetting", "/opvang/regio", "/opvang/regio.csv", "/netwerk",
                    "/api/v1/opvang/voorzieningen", "/api/v1/opvang/regios"):  # fmt: skip
            assert GEHEIM_ADRES not in c.get(pad).text, (rol, naam, pad)


def test_weekrapport_per_formulier_en_bestand_met_rijrapport(omgeving: tuple[WebBed, Opvangbed]) -> None:
    bed, obed = omgeving
    c = bed.als("opvang", gebruikersnaam="opvang-exploitant")
    pagina = c.get("/opvang/bezetting")
    r = c.post("/opvang/bezetting", data={"csrf_token": csrf_van(pagina.text), "voorziening": str(obed.vo),
                                          "datum": "2024-06-03", "totaal": "5", "bezet": "4"})  # fmt: skip
    assert r.status_code == 200 and "opgeslagen" in r.text
    bestand = b"voorziening,datum,totaal,bezet,gereserveerd,geblokkeerd\nvo-test,2024-06-10,5,5,0,0\n" \
              b"vo-test,2024-06-17,5,9,0,0\ncosm-elders,2024-06-17,5,1,0,0\nvo-test,morgen,5,1,0,0\n"  # fmt: skip
    for keer in ("eerste", "tweede"):
        pagina = c.get("/opvang/bezetting")
        r = c.post("/opvang/bezetting/bestand", data={"csrf_token": csrf_van(pagina.text)},
                   files={"bestand": ("week.csv", bestand)})  # fmt: skip
        assert r.status_code == 200
        assert "Gelezen: 4" in r.text
        assert ("opgeslagen: 1" if keer == "eerste" else "al aanwezig: 1") in r.text
        assert "onbekende voorziening van uw organisatie" in r.text and "geen datum" in r.text


def test_gemeente_ziet_opvang_en_netwerk_van_de_eigen_regio(omgeving: tuple[WebBed, Opvangbed], tmp_path: Path) -> None:
    bed, _ = omgeving
    c = bed.als("gemeente")
    r = c.get("/opvang/regio")
    assert r.status_code == 200 and "Veilig Thuis-regio" in r.text and "Utrecht" in r.text
    assert "Amsterdam-Amstelland" not in r.text  # only the user's own region (Utrecht)
    r = c.get("/netwerk")
    assert r.status_code == 200 and "<svg" in r.text and "Veilig Thuis-regio" in r.text
    assert c.get("/opvang").status_code == 403
