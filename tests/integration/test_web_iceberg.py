# SPDX-License-Identifier: EUPL-1.2
"""The iceberg page through the app: analysts only, the estimate with chart, table, model and sensitivity, the
refusal of sparse strata, validation, the cache per vintage, the downloads and their logboek records."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.iceberg_support import laad_synthetisch_jaar
from tests.web_support import WebBed, maak_testbed
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage.tables import LogboekRecord

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory, reference: Referentiedata) -> Iterator[WebBed]:
    tmp = tmp_path_factory.mktemp("ijsberg-web")
    bed = maak_testbed(tmp)
    laad_synthetisch_jaar(bed.sessions, Vault.from_settings(bed.settings), reference, tmp / "synth")
    yield bed
    bed.engine.dispose()


def test_alleen_analisten_zien_de_ijsberg(bed: WebBed) -> None:
    for rol in ("gemeente", "melder", "opvang", "beheerder"):
        client = bed.als(rol)
        assert client.get("/analyse/ijsberg").status_code == 403, rol
        assert client.get("/analyse/ijsberg/tabel.csv?jaar=2023").status_code == 403, rol
        assert "/analyse/ijsberg" not in client.get("/").text, rol
    assert bed.client().get("/analyse/ijsberg").status_code in (302, 303, 401)
    for rol in ("analist", "identiteit"):
        assert 'href="/analyse/ijsberg"' in bed.als(rol).get("/").text


def test_pagina_toont_schatting_grafiek_tabel_en_model(bed: WebBed) -> None:
    client = bed.als("analist")
    begin = time.perf_counter()
    r = client.get("/analyse/ijsberg")
    eerste = time.perf_counter() - begin
    assert r.status_code == 200
    html = r.text
    assert "<svg" in html and 'role="img"' in html and "<desc" in html
    assert "2023, heel Nederland: 868 personen geregistreerd, naar schatting" in html
    assert "95%-bootstrapinterval" in html
    for tekst in ("Cijfers bij de grafiek", "Bootstrapinterval (BCa) 95%", "Analytisch interval 95%", "Paren in het model",
                  "Gevoeligheid voor drempel en lijstindeling", "drempel 0,01", "4 lijsten", "Personen per combinatie van lijsten",
                  "Tabel downloaden (CSV)", "Methodeverantwoording", "gegevensstand"):  # fmt: skip
        assert tekst in html, tekst
    assert "<script" not in html.split("<main")[1]  # the page itself needs no script
    begin = time.perf_counter()
    assert client.get("/analyse/ijsberg?jaar=2023&lijsten=6").status_code == 200
    tweede = time.perf_counter() - begin
    assert tweede < min(1.0, eerste)  # cached per vintage and parameters
    staat = bed.app.state.zicht_ijsberg
    assert staat.schattingen.berekeningen == 1


def test_modelkeuze_domineert_geeft_een_waarschuwing(bed: WebBed) -> None:
    html = bed.als("analist").get("/analyse/ijsberg?jaar=2023&vorm=seksueel").text
    assert "De modelkeuze domineert de onzekerheid" in html


def test_schaars_stratum_wordt_geweigerd(bed: WebBed) -> None:
    r = bed.als("analist").get("/analyse/ijsberg?jaar=2023&vorm=orgaanverwijdering")
    assert r.status_code == 200
    assert "Geen schatting voor deze selectie" in r.text and "Te weinig personen" in r.text
    assert "<svg" in r.text  # the registered bar alone


def test_ongeldige_keuzes_geven_een_foutoverzicht(bed: WebBed) -> None:
    r = bed.als("analist").get("/analyse/ijsberg?jaar=1999&vorm=vis&regio=Atlantis&lijsten=9")
    assert r.status_code == 400
    for tekst in ("Kies een jaar met gekoppelde meldingen.", "Onbekende uitbuitingsvorm.", "Onbekende regio.",
                  "Onbekende lijstindeling."):  # fmt: skip
        assert tekst in r.text
    assert "Er zijn 4 fouten gevonden" in r.text


def _exporten(bed: WebBed) -> list[LogboekRecord]:
    with bed.sessions() as s:
        return list(s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == "ijsberg")))


def test_downloads_en_logboek(bed: WebBed) -> None:
    client = bed.als("analist")
    voor = len(_exporten(bed))
    r = client.get("/analyse/ijsberg/tabel.csv?jaar=2023&vorm=arbeid")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"] == 'attachment; filename="ijsberg-tabel-2023-arbeid-nederland.csv"'
    rijen = list(csv.DictReader(io.StringIO(r.text)))
    assert rijen[0]["grootheid"] == "geregistreerd" and rijen[0]["vorm"] == "arbeid"
    assert {"analytic", "bca"} <= {x["methode"] for x in rijen if x["grootheid"] == "interval"}
    vangst = client.get("/analyse/ijsberg/vangsttabel.csv?jaar=2023&vorm=arbeid")
    assert vangst.text.splitlines()[0] == "politie,kmar,nla,zorgcoordinatie,ngo,overig,personen"
    md = client.get("/analyse/ijsberg/methode.md?jaar=2023&vorm=arbeid")
    assert md.headers["content-type"].startswith("text/markdown")
    assert md.text.startswith(
        "# Schatting van het werkelijke aantal slachtoffers: 2023, arbeidsuitbuiting, heel Nederland"
    )
    pagina = client.get("/analyse/ijsberg/methode.html?jaar=2023&vorm=arbeid")
    assert pagina.text.startswith("<!DOCTYPE html>") and "<h2>Model</h2>" in pagina.text
    records = _exporten(bed)[voor:]
    assert [r.actie for r in records] == ["exporteren"] * 4
    assert {r.object_id for r in records} == {"2023/arbeid/nederland/6"}
    assert all(r.rol == "analist" and "multiple systems estimation" in r.doel for r in records)
    assert client.get("/analyse/ijsberg/tabel.csv?jaar=1999").status_code == 400


def test_engelse_pagina(bed: WebBed) -> None:
    html = bed.als("analist").get("/analyse/ijsberg?lang=en").text
    assert "Registered and estimated number of victims" in html
    # the reading, warnings and method text of the (cached, language-neutral) estimate are English too
    assert "persons registered" in html and "personen geregistreerd" not in html
    assert "Method statement" in html and "Aannames en beperkingen" not in html


def test_zonder_gekoppelde_personen(tmp_path: Path) -> None:
    leeg = maak_testbed(tmp_path)
    try:
        client = leeg.als("analist")
        html = client.get("/analyse/ijsberg").text
        assert "Nog geen gekoppelde personen" in html
        r = client.get("/analyse/ijsberg/tabel.csv")
        assert r.status_code == 200
        rijen = list(csv.DictReader(io.StringIO(r.text)))
        assert [x["grootheid"] for x in rijen] == ["geregistreerd", "geweigerd"] and rijen[0]["waarde"] == "0"
    finally:
        leeg.engine.dispose()
