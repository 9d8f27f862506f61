# SPDX-License-Identifier: EUPL-1.2
"""The lifecycle on the web pages (issue 14): a melder corrects its melding from a prefilled form that never
shows identifying data; a stale form saves nothing and says so; CoMensha records a status decision and
withdraws a duplicate (with confirmation); the detail page shows the route and the history."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.integration.test_api_meldingen import MELDING
from tests.web_support import GEHEIME_NAAM, WebBed, csrf_van, maak_testbed, nieuwe_melding


@pytest.fixture
def bed(tmp_path: Path) -> WebBed:
    return maak_testbed(tmp_path)


def _formulier(html: str) -> dict[str, str | list[str]]:
    """The values a browser would submit from the correction form as rendered."""
    velden: dict[str, str | list[str]] = {}
    for naam, waarde in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', html):
        if naam == "csrf_token" or 'type="checkbox"' in naam:
            continue
        velden.setdefault(naam, waarde)
    for m in re.finditer(r"<input([^>]*)>", html):
        attrs = m.group(1)
        if ('type="checkbox"' in attrs or 'type="radio"' in attrs) and "checked" in attrs:
            naam = re.search(r'name="([^"]+)"', attrs).group(1)  # type: ignore[union-attr]
            waarde = re.search(r'value="([^"]*)"', attrs).group(1)  # type: ignore[union-attr]
            if 'type="checkbox"' in attrs:
                lijst = velden.get(naam)
                velden[naam] = [*(lijst if isinstance(lijst, list) else []), waarde]
            else:
                velden[naam] = waarde
    for m in re.finditer(r'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        gekozen = re.search(r'<option value="([^"]*)"[^>]*selected', m.group(2))
        velden[m.group(1)] = gekozen.group(1) if gekozen else ""
    return velden


def test_melder_corrigeert_via_het_formulier_zonder_identiteit_te_zien(bed: WebBed) -> None:
    melder = bed.als("melder")
    mid = nieuwe_melding(melder)
    detail = melder.get(f"/meldingen/{mid}")
    assert "Melding corrigeren" in detail.text and "Geschiedenis" in detail.text
    form = melder.get(f"/meldingen/{mid}/corrigeren")
    assert form.status_code == 200
    assert GEHEIME_NAAM.split()[1] not in form.text and "2005-06-07" not in form.text  # identity never shown
    data = _formulier(form.text) | {
        "csrf_token": csrf_van(form.text),
        "reden": "typefout",
        "plaats_delict": "Amersfoort",
    }
    assert data["versie"] == "1" and data["geslacht"] == "vrouw"
    opgeslagen = melder.post(f"/meldingen/{mid}/corrigeren", data=data)
    assert opgeslagen.status_code == 303 and opgeslagen.headers["location"].endswith("?gecorrigeerd=1")
    detail = melder.get(opgeslagen.headers["location"])
    assert "Amersfoort" in detail.text and "nieuwe versie" in detail.text
    geschiedenis = re.search(r'<table[^>]*id="tabel-geschiedenis".*?</table>', detail.text, re.S)
    assert geschiedenis is not None and "gecorrigeerd" in geschiedenis.group(0) and "typefout" in geschiedenis.group(0)
    assert "Plaats delict" in geschiedenis.group(0) or "plaats delict" in geschiedenis.group(0).lower()
    # the same (now stale) form again: nothing is saved, the page says why
    oud = melder.post(f"/meldingen/{mid}/corrigeren", data=data | {"plaats_delict": "Zeist"})
    assert oud.status_code == 409 and "nu versie 2" in oud.text
    assert "Zeist" not in melder.get(f"/meldingen/{mid}").text
    # the name itself, corrected without ever being shown
    form = melder.get(f"/meldingen/{mid}/corrigeren")
    data = _formulier(form.text) | {"csrf_token": csrf_van(form.text), "reden": "typefout", "achternaam": "Anders"}
    assert melder.post(f"/meldingen/{mid}/corrigeren", data=data).status_code == 303
    assert "Anders" not in melder.get(f"/meldingen/{mid}").text


def test_ongeldige_correctie_toont_fouten_bij_het_veld(bed: WebBed) -> None:
    melder = bed.als("melder")
    mid = nieuwe_melding(melder)
    form = melder.get(f"/meldingen/{mid}/corrigeren")
    data = _formulier(form.text) | {"csrf_token": csrf_van(form.text), "reden": "", "plaats_delict": "Atlantis"}
    zonder_reden = melder.post(f"/meldingen/{mid}/corrigeren", data=data)
    assert zonder_reden.status_code == 400 and 'href="#veld-reden"' in zonder_reden.text
    fout = melder.post(f"/meldingen/{mid}/corrigeren", data=data | {"reden": "overig"})
    assert fout.status_code == 400 and 'href="#veld-plaats_delict"' in fout.text


def test_andere_organisatie_en_gemeente_kunnen_niet_corrigeren(bed: WebBed) -> None:
    mid = nieuwe_melding(bed.als("melder"))
    assert bed.als("melder", gebruikersnaam="melder-b").get(f"/meldingen/{mid}/corrigeren").status_code == 404
    assert bed.als("gemeente").get(f"/meldingen/{mid}/corrigeren").status_code == 403


def test_comensha_legt_status_vast_en_trekt_een_dubbele_in(bed: WebBed) -> None:
    melder = bed.als("melder")
    eerste = nieuwe_melding(melder)
    tweede = nieuwe_melding(melder, melder_referentie="REF-DUBBEL")
    analist = bed.als("analist")
    detail = analist.get(f"/meldingen/{eerste}")
    assert "Beoordeling door CoMensha" in detail.text
    csrf = csrf_van(detail.text)
    zonder = analist.post(
        f"/meldingen/{eerste}/status", data={"csrf_token": csrf, "versie": "1", "status": "vastgesteld"}
    )
    assert zonder.status_code == 400 and "wie heeft besloten?" in zonder.text
    r = analist.post(
        f"/meldingen/{eerste}/status",
        data={"csrf_token": csrf, "versie": "1", "status": "vastgesteld", "beslisser": "openbaar_ministerie",
              "datum": "2024-06-01"},
    )  # fmt: skip
    assert r.status_code == 303
    detail = analist.get(r.headers["location"])
    assert "vastgesteld slachtoffer" in detail.text and "Openbaar Ministerie, 2024-06-01" in detail.text
    assert (
        bed.als("melder")
        .post(f"/meldingen/{eerste}/status", data={"csrf_token": csrf_van(melder.get("/").text), "status": "geen"})
        .status_code
        == 403
    )
    onbevestigd = analist.post(
        f"/meldingen/{tweede}/intrekken",
        data={"csrf_token": csrf, "versie": "1", "intrekkingsreden": "dubbel", "dubbel_van": eerste},
    )
    assert onbevestigd.status_code == 400 and "bevestig" in onbevestigd.text
    ingetrokken = analist.post(
        f"/meldingen/{tweede}/intrekken",
        data={"csrf_token": csrf, "versie": "1", "intrekkingsreden": "dubbel", "dubbel_van": eerste, "bevestig": "ja"},
    )
    assert ingetrokken.status_code == 303
    detail = analist.get(f"/meldingen/{tweede}")
    assert "telt nergens meer mee" in detail.text and "Melding intrekken" not in detail.text


def test_route_uit_een_bestand_staat_op_de_detailpagina(bed: WebBed) -> None:
    """A route delivered by file or API (the form has none yet) is shown on the detail page."""
    token = bed.token(bed.org_a, ["meldingen:aanmaken"])
    melding = {**MELDING, "route": [{"soort": "werving", "plaats": "Utrecht", "datum": "2023-10-01"}]}
    r = bed.client().post("/api/v1/meldingen", json=melding, headers={"Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    mid = r.json()["id"]
    melder = bed.als("melder")
    tabel = re.search(r'<table[^>]*id="tabel-route".*?</table>', melder.get(f"/meldingen/{mid}").text, re.S)
    assert tabel is not None and "werving" in tabel.group(0) and "Utrecht" in tabel.group(0)


def test_route_invullen_regel_toevoegen_en_corrigeren_zonder_javascript(bed: WebBed) -> None:
    melder = bed.als("melder")
    form = melder.get("/meldingen/nieuw")
    assert 'name="route_soort_0"' in form.text and 'name="route_soort_1"' not in form.text
    basis = {
        "csrf_token": csrf_van(form.text),
        "melder_referentie": "ROUTE-1",
        "melddatum": "2024-03-01",
        "uitbuitingsvorm": ["seksueel"],
        "plaats_delict": "Utrecht",
        "route_soort_0": "werving",
        "route_plaats_0": "Roemenië",
        "route_datum_0": "2023-09-01",
    }
    # "one more event": the form comes back with the entered row and an empty one; nothing is saved
    erbij = melder.post("/meldingen/nieuw", data=basis | {"actie": "route_erbij"})
    assert erbij.status_code == 200 and 'name="route_soort_2"' in erbij.text
    assert 'value="Roemenië"' in erbij.text
    assert "ROUTE-1" not in melder.get("/meldingen").text
    data = basis | {"route_soort_1": "uitbuiting", "route_plaats_1": "Amsterdam"}
    r = melder.post("/meldingen/nieuw", data=data)
    assert r.status_code == 303, r.text
    detail = melder.get(r.headers["location"]).text
    tabel = re.search(r'<table[^>]*id="tabel-route".*?</table>', detail, re.S)
    assert tabel is not None and "Roemenië" in tabel.group(0) and "Amsterdam" in tabel.group(0)
    # correct: clear the first row (removes the event), change the second's place
    mid = r.headers["location"].split("/")[-1].split("?")[0]
    form = melder.get(f"/meldingen/{mid}/corrigeren")
    assert 'value="Amsterdam"' in form.text
    velden = _formulier(form.text) | {"csrf_token": csrf_van(form.text), "reden": "nieuwe_informatie"}
    velden |= {"route_soort_0": "", "route_plaats_0": "", "route_datum_0": "", "route_plaats_1": "Rotterdam"}
    assert melder.post(f"/meldingen/{mid}/corrigeren", data=velden).status_code == 303
    tabel = re.search(r'<table[^>]*id="tabel-route".*?</table>', melder.get(f"/meldingen/{mid}").text, re.S)
    assert tabel is not None and "Rotterdam" in tabel.group(0) and "Roemenië" not in tabel.group(0)
    # a bad route row is reported on the route field
    fout = melder.post("/meldingen/nieuw", data=basis | {"melder_referentie": "ROUTE-2", "route_plaats_0": "Atlantis"})
    assert fout.status_code == 400 and 'href="#veld-route"' in fout.text
