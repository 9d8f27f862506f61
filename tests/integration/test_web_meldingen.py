# SPDX-License-Identifier: EUPL-1.2
"""The pages of the main journeys: the melding form (with its error summary), the organisation's list and
detail, the upload with its row report, the analyst's filtered list, identity reveal with a purpose, the
logboek per person, and the language switch. Every personal-data access leaves a logboek record."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select, update

from tests.integration.upload_helpers import wacht_op_uploads
from tests.web_support import GEHEIME_NAAM, GEHEIME_REFERENTIE, WebBed, csrf_van, maak_testbed, nieuwe_melding
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord, Melding, Persoon


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("web"))


def _records(bed: WebBed, **filters: str) -> list[LogboekRecord]:
    with bed.sessions() as s:
        stmt = select(LogboekRecord).order_by(LogboekRecord.volgnummer)
        for k, v in filters.items():
            stmt = stmt.where(getattr(LogboekRecord, k) == v)
        return list(s.scalars(stmt))


def test_melder_meldt_en_ziet_de_melding_in_lijst_en_detail(bed: WebBed) -> None:
    client = bed.als("melder")
    melding_id = nieuwe_melding(client, melder_referentie="FORM-1")
    detail = client.get(f"/meldingen/{melding_id}?aangemaakt=1")
    assert detail.status_code == 200
    assert "De melding is opgeslagen." in detail.text and "FORM-1" in detail.text
    assert "seksuele uitbuiting" in detail.text and "Utrecht" in detail.text
    assert GEHEIME_NAAM.split()[1] not in detail.text  # identity is never shown to the melder
    lijst = client.get("/meldingen")
    assert f'href="/meldingen/{melding_id}"' in lijst.text
    aangemaakt = _records(bed, actie="aanmaken", object_id=melding_id)
    assert len(aangemaakt) == 1 and aangemaakt[0].rol == "melder"
    assert len(_records(bed, actie="lezen", object_id=melding_id)) >= 2  # detail and list
    for rec in _records(bed):
        assert GEHEIME_NAAM.split()[1] not in rec.details + rec.doel  # never personal data in the logboek


def test_formulier_met_fouten_toont_foutoverzicht_met_links(bed: WebBed) -> None:
    client = bed.als("melder")
    token = csrf_van(client.get("/meldingen/nieuw").text)
    r = client.post(
        "/meldingen/nieuw",
        data={"csrf_token": token, "melddatum": "2099-01-01", "plaats_delict": "Bergen", "voornamen": "Piet"},
    )
    assert r.status_code == 400
    assert 'id="foutoverzicht"' in r.text and "autofocus" in r.text
    for veld in ("melder_referentie", "melddatum", "uitbuitingsvorm", "plaats_delict"):
        assert f'href="#veld-{veld}"' in r.text, veld
        assert f'id="veld-{veld}"' in r.text
    assert 'aria-invalid="true"' in r.text
    assert 'value="Piet"' in r.text  # entered values are kept
    assert "<title>Fout: Nieuwe melding – zicht</title>" in r.text


def test_formulier_vraagt_elk_veld_met_uitleg_en_codelijsten(bed: WebBed) -> None:
    html = bed.als("melder").get("/meldingen/nieuw").text
    assert "Uitbuitingsvorm" in html and "(verplicht)" in html
    assert "nodig voor het landelijk en regionaal beeld" in html  # uitleg of the column
    assert 'type="checkbox" id="veld-werkwijze-loverboymethode"' in html
    assert 'name="uitbuitingsvorm" value="crimineel"' in html
    assert 'hx-get="/gemeenten/suggesties?veld=plaats_delict"' in html
    assert '<option value="Utrecht">' in html  # the no-JavaScript datalist


def test_engelse_taal_via_lang_en_blijft_bewaard(bed: WebBed) -> None:
    client = bed.als("melder")
    r = client.get("/meldingen/nieuw?lang=en")
    assert '<html lang="en"' in r.text and "New report" in r.text and "Form of exploitation" in r.text
    assert "zicht_taal=en" in r.headers["set-cookie"]
    assert "Save report" in client.get("/meldingen/nieuw").text
    assert '<html lang="nl"' in client.get("/meldingen/nieuw?lang=nl").text


def test_upload_toont_rijrapport_en_csv(bed: WebBed) -> None:
    client = bed.als("melder")
    token = csrf_van(client.get("/uploads").text)
    csv = (
        b"melder_referentie,melddatum,uitbuitingsvorm,plaats_delict,achternaam\n"
        b"UP-1,2024-02-01,arbeid,Rotterdam,Geheimhouder\n"
        b"UP-2,2024-02-31,arbeid,Rotterdam,Geheimhouder\n"
        b"UP-3,2024-02-03,arbeid,Nergenshuizen,Geheimhouder\n"
    )
    r = client.post("/uploads", data={"csrf_token": token}, files={"bestand": ("meldingen.csv", csv, "text/csv")})
    assert r.status_code == 303 and r.headers["location"].startswith("/uploads/")
    wacht_op_uploads(bed.app)
    r = client.get(r.headers["location"])
    assert r.status_code == 200 and "klaar" in r.text
    assert "3 rijen gelezen: 1 opgeslagen, 0 waren al aanwezig, 2 afgewezen." in r.text
    assert "Geheimhouder" not in r.text
    pad = next(
        p.split('"')[0] for p in r.text.split('href="') if p.startswith("/uploads/") and "/rapport" in p.split('"')[0]
    )
    csv_rapport = client.get(pad)
    assert csv_rapport.status_code == 200 and "attachment" in csv_rapport.headers["content-disposition"]
    regels = csv_rapport.text.splitlines()
    assert regels[0] == "rijnummer,kolom,waarde,code,reden_nl,reden_en" and len(regels) == 3
    assert _records(bed, actie="exporteren", object_type="import")
    leeg = client.post("/uploads", data={"csrf_token": token})
    assert leeg.status_code == 400 and 'href="#bestand"' in leeg.text


def test_analist_filtert_landelijk_en_ziet_geen_referentie(bed: WebBed) -> None:
    melder = bed.als("melder")
    nieuwe_melding(
        melder,
        melder_referentie=GEHEIME_REFERENTIE,
        melddatum="2023-04-04",
        uitbuitingsvorm=["crimineel"],
        plaats_delict="Amsterdam",
    )
    client = bed.als("analist")
    r = client.get("/analyse/meldingen?jaar=2023&vorm=crimineel")
    assert r.status_code == 200 and "1 meldingen" in r.text and "Amsterdam" in r.text
    assert GEHEIME_REFERENTIE not in r.text
    r = client.get("/analyse/meldingen?gemeente=Amsterdam&melder=nationale_politie")
    assert "1 meldingen" in r.text
    assert "Geen meldingen met deze filters." in client.get("/analyse/meldingen?regio=VR01").text
    r = client.get("/analyse/meldingen?gemeente=Atlantis")
    assert r.status_code == 400 and "foutoverzicht" in r.text
    assert client.get("/meldingen").headers["location"] == "/analyse/meldingen"


def test_identiteit_onthullen_vraagt_een_doel_en_wordt_gelogd(bed: WebBed) -> None:
    melding_id = nieuwe_melding(bed.als("melder"), melder_referentie="ID-1")
    client = bed.als("identiteit")
    pagina = client.get(f"/meldingen/{melding_id}/identiteit")
    token = csrf_van(pagina.text)
    kort = client.post(f"/meldingen/{melding_id}/identiteit", data={"csrf_token": token, "doel": "even"})
    assert kort.status_code == 400 and GEHEIME_NAAM.split()[1] not in kort.text
    assert not _records(bed, actie="onthullen", object_id=melding_id)
    # a purpose from the list plus a case reference (issue 15), never free text alone
    velden = {"csrf_token": token, "doel": "koppelcontrole", "zaaknummer": "CM-2026-17"}
    r = client.post(f"/meldingen/{melding_id}/identiteit", data=velden)
    assert r.status_code == 200 and GEHEIME_NAAM.split()[1] in r.text and "2005-06-07" in r.text
    (record,) = _records(bed, actie="onthullen", object_id=melding_id)
    assert record.doel == "koppelcontrole | zaak CM-2026-17" and record.rol == "identiteit"
    assert str(bed.gebruiker_id(bed.accounts["identiteit"].gebruikersnaam)) == record.actor
    assert r.headers["cache-control"] == "no-store"
    assert client.post(f"/meldingen/{uuid.uuid4()}/identiteit", data=velden).status_code == 404


def test_logboek_per_persoon_toont_alle_verwerkingen(bed: WebBed) -> None:
    melding_id = nieuwe_melding(bed.als("melder"), melder_referentie="PERS-1")
    persoon = uuid.uuid4()
    with transaction(bed.sessions) as s:
        s.add(Persoon(id=persoon))
        s.flush()
        s.execute(update(Melding).where(Melding.id == uuid.UUID(melding_id)).values(persoon_id=persoon))
    analist = bed.als("analist")
    assert analist.get(f"/meldingen/{melding_id}").status_code == 200  # a read that names the person now
    token = csrf_van(analist.get("/logboek").text)
    r = analist.post("/logboek", data={"csrf_token": token, "persoon_id": str(persoon)})
    assert r.status_code == 200
    assert "aanmaken" in r.text and "lezen" in r.text  # the creation (before linkage) and the read
    assert _records(bed, object_type="logboek", persoon_id=str(persoon))  # the look-up itself is logged
    assert analist.post("/logboek", data={"csrf_token": token, "persoon_id": "geen-uuid"}).status_code == 400


def test_beheerder_maakt_gebruiker_organisatie_en_token(bed: WebBed) -> None:
    client = bed.als("beheerder")
    token = csrf_van(client.get("/beheer/organisaties").text)
    r = client.post(
        "/beheer/organisaties",
        data={"csrf_token": token, "code": "kmar-schiphol", "naam": "KMar Schiphol", "soort": "kmar"},
    )
    assert r.status_code == 303
    r = client.post(
        "/beheer/gebruikers",
        data={
            "csrf_token": token,
            "gebruikersnaam": "kmar-1",
            "naam": "K. Mar",
            "rol": "melder",
            "organisatie": "kmar-schiphol",
        },
    )
    assert r.status_code == 200 and "Gebruiker aangemaakt" in r.text
    r = client.post("/beheer/gebruikers", data={"csrf_token": token, "gebruikersnaam": "x", "rol": "melder"})
    assert r.status_code == 400 and "foutoverzicht" in r.text
    r = client.post(
        "/beheer/tokens",
        data={
            "csrf_token": token,
            "organisatie": "kmar-schiphol",
            "scopes": ["meldingen:aanmaken"],
            "omschrijving": "koppeling",
        },
    )
    assert r.status_code == 200 and "zicht_" in r.text
    plaintext = r.text.split('zicht-geheim">')[1].split("<")[0]
    assert bed.client().get("/api/v1/meldingen", headers={"Authorization": f"Bearer {plaintext}"}).status_code == 403


def test_paginas_hebben_unieke_titels_een_h1_en_landmarks(bed: WebBed) -> None:
    client = bed.als("beheerder")
    titels = set()
    for pad in (
        "/",
        "/beheer",
        "/beheer/gebruikers",
        "/beheer/organisaties",
        "/beheer/tokens",
        "/ui",
        "/privacy",
        "/toegankelijkheid",
        "/mijn-gegevens",
    ):
        html = client.get(pad).text
        assert html.count("<h1") == 1, pad
        assert '<main class="utrecht-page-content zicht-main" id="inhoud"' in html and "<header" in html
        assert 'href="#inhoud"' in html and '<body id="top"' in html
        assert "<script>" not in html and "style=" not in html  # no inline script or style (CSP)
        titels.add(html.split("<title>")[1].split("</title>")[0])
    assert len(titels) == 9


def test_security_txt(bed: WebBed) -> None:
    r = bed.client().get("/.well-known/security.txt")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
    assert "Contact: mailto:" in r.text and "Expires: " in r.text


def test_contactadressen_komen_uit_de_instellingen(tmp_path_factory: pytest.TempPathFactory) -> None:
    bed = maak_testbed(
        tmp_path_factory.mktemp("contact"),
        ZICHT_CONTACT_BEVEILIGING="cvd@gemeente.example",
        ZICHT_CONTACT_TOEGANKELIJKHEID="digitoegankelijk@gemeente.example",
    )
    client = bed.client()
    assert "Contact: mailto:cvd@gemeente.example\n" in client.get("/.well-known/security.txt").text
    assert "digitoegankelijk@gemeente.example" in client.get("/toegankelijkheid").text
    assert "Report it to digitoegankelijk@gemeente.example" in client.get("/toegankelijkheid?lang=en").text


def test_paginas_hebben_strikte_csp(tmp_path_factory: pytest.TempPathFactory) -> None:
    bed = maak_testbed(tmp_path_factory.mktemp("csp"))
    r = bed.client().get("/inloggen")
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert r.headers["x-frame-options"] == "DENY" and r.headers["cache-control"] == "no-store"
