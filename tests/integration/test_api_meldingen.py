# SPDX-License-Identifier: EUPL-1.2
"""The API behaves as the Dutch API Design Rules ask: problem+json errors (400 with every invalid field),
no trailing-slash redirects, API-Version and security headers on every response, tokens that can be
revoked and scoped, UUIDs as ids, paging links, and meldingen only within the caller's scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.upload_helpers import wacht_op_uploads
from tests.web_support import WebBed, maak_testbed

MELDING = {
    "melderReferentie": "API-1",
    "melddatum": "2024-05-01",
    "uitbuitingsvormen": ["arbeid"],
    "sectoren": ["land_tuinbouw"],
    "werkwijzen": ["schuldslavernij"],
    "plaatsDelict": "GM0344",
    "geslacht": "man",
    "nationaliteiten": ["PL"],
    "voornamen": "Jan",
    "achternaam": "Geheim",
}


@pytest.fixture
def bed(tmp_path: Path, db_url: str) -> WebBed:
    """Runs on SQLite and on PostgreSQL."""
    return maak_testbed(tmp_path, db_url)


def _auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_api_melding_aanmaken_lezen_en_idempotent(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    client = bed.client()
    r = client.post("/api/v1/meldingen", json=MELDING, headers=_auth(token))
    assert r.status_code == 201, r.text
    melding = r.json()
    assert r.headers["location"] == f"/api/v1/meldingen/{melding['id']}"
    assert r.headers["api-version"] == "1.0.0"
    assert melding["melderReferentie"] == "API-1"
    assert melding["plaatsDelict"] == {"soort": "gemeente", "gemeenteCode": "GM0344", "land": None}
    assert "voornamen" not in melding and "Geheim" not in r.text  # identity never comes back
    assert melding["aangemaaktOp"].endswith("Z")
    again = client.post("/api/v1/meldingen", json=MELDING, headers=_auth(token))
    assert again.status_code == 200 and again.json()["id"] == melding["id"]
    conflict = client.post("/api/v1/meldingen", json={**MELDING, "geslacht": "vrouw"}, headers=_auth(token))
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"
    detail = client.get(f"/api/v1/meldingen/{melding['id']}", headers=_auth(token))
    assert detail.status_code == 200 and detail.json()["id"] == melding["id"]
    gezocht = client.post("/api/v1/meldingen/_zoek", json={"melderReferentie": "API-1"}, headers=_auth(token))
    assert [m["id"] for m in gezocht.json()["meldingen"]] == [melding["id"]]


def test_api_validatiefout_is_400_problem_json_met_alle_velden(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken"])
    client = bed.client()
    # schema level: wrong types and unknown codes, all reported at once
    r = client.post(
        "/api/v1/meldingen",
        headers=_auth(token),
        json={"melddatum": "gisteren", "uitbuitingsvormen": ["vissen"], "onbekend": 1},
    )
    assert r.status_code == 400
    assert r.headers["content-type"] == "application/problem+json"
    body = r.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    namen = {p["name"] for p in body["invalidParams"]}
    assert {"melderReferentie", "melddatum", "uitbuitingsvormen.0", "onbekend"} <= namen
    assert "gisteren" not in r.text and "vissen" not in r.text  # input values are never echoed
    # domain level (intake validator): mapped onto the API's property names
    r = client.post(
        "/api/v1/meldingen",
        headers=_auth(token),
        json={
            **MELDING,
            "melddatum": "2099-01-01",
            "plaatsDelict": "Atlantis",
            "uitbuitingVan": "2024-02-01",
            "uitbuitingTot": "2024-01-01",
        },
    )
    assert r.status_code == 400
    params = {p["name"]: p["code"] for p in r.json()["invalidParams"]}
    assert params == {"melddatum": "toekomst", "plaatsDelict": "onbekende_plaats", "uitbuitingTot": "periode_omgekeerd"}


def test_api_geen_redirect_bij_slash_aan_het_eind(bed: WebBed) -> None:
    client = bed.client()
    for pad in ("/api/v1/meldingen/", "/api/v1/codelijsten/", "/api/v1/gemeenten/"):
        r = client.get(pad)
        assert r.status_code == 404, pad
        assert r.headers["content-type"] == "application/problem+json"
        assert r.headers["api-version"] == "1.0.0"


def test_api_headers_op_elk_antwoord(bed: WebBed) -> None:
    client = bed.client()
    for pad in (
        "/api/v1/",
        "/api/v1/openapi.json",
        "/api/v1/codelijsten",
        "/api/v1/meldingen",
        "/api/v1/bestaat-niet",
        "/api/v1",
    ):
        r = client.get(pad)
        assert r.headers["api-version"] == "1.0.0", pad
        assert r.headers["cache-control"] == "no-store"
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert r.headers["strict-transport-security"].startswith("max-age=")
    openapi = client.get("/api/v1/openapi.json")
    assert openapi.headers["access-control-allow-origin"] == "*"
    assert "access-control-allow-origin" not in client.get("/api/v1/codelijsten").headers


def test_api_zonder_token_401_en_ingetrokken_token_werkt_niet_meer(bed: WebBed) -> None:
    from zicht.accounts import trek_token_in
    from zicht.accounts.tokens import lijst_tokens
    from zicht.storage import transaction

    client = bed.client()
    r = client.get("/api/v1/meldingen")
    assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
    assert client.get("/api/v1/meldingen", headers=_auth("zicht_abc_def")).status_code == 401
    token = bed.token(bed.org_a, ["meldingen:lezen"])
    assert client.get("/api/v1/meldingen", headers=_auth(token)).status_code == 200
    with transaction(bed.sessions) as s:
        (row, _), *_ = lijst_tokens(s)
        assert trek_token_in(s, row.id)
    assert client.get("/api/v1/meldingen", headers=_auth(token)).status_code == 401


def test_api_token_scope_beperkt_wat_mag(bed: WebBed) -> None:
    alleen_lezen = bed.token(bed.org_a, ["meldingen:lezen"])
    r = bed.client().post("/api/v1/meldingen", json=MELDING, headers=_auth(alleen_lezen))
    assert r.status_code == 403 and r.headers["content-type"] == "application/problem+json"


def test_api_andere_organisatie_krijgt_404_en_lijst_blijft_leeg(bed: WebBed) -> None:
    eigen = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    ander = bed.token(bed.org_b, ["meldingen:lezen"])
    client = bed.client()
    melding_id = client.post("/api/v1/meldingen", json=MELDING, headers=_auth(eigen)).json()["id"]
    r = client.get(f"/api/v1/meldingen/{melding_id}", headers=_auth(ander))
    assert r.status_code == 404
    assert client.get("/api/v1/meldingen", headers=_auth(ander)).json()["paginering"]["totaal"] == 0
    onbekend = client.get("/api/v1/meldingen/00000000-0000-4000-8000-000000000000", headers=_auth(ander))
    assert onbekend.status_code == 404 and onbekend.json()["detail"] == r.json()["detail"]


def test_api_paginering_met_links(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    client = bed.client()
    for i in range(5):
        assert (
            client.post(
                "/api/v1/meldingen", json={**MELDING, "melderReferentie": f"P-{i}"}, headers=_auth(token)
            ).status_code
            == 201
        )
    r = client.get("/api/v1/meldingen?pagina=2&paginaGrootte=2&uitbuitingsvorm=arbeid", headers=_auth(token))
    body = r.json()
    assert body["paginering"] == {"pagina": 2, "paginaGrootte": 2, "totaal": 5, "aantalPaginas": 3}
    assert len(body["meldingen"]) == 2
    assert body["links"]["next"]["href"].endswith("pagina=3&paginaGrootte=2")
    assert "uitbuitingsvorm=arbeid" in body["links"]["prev"]["href"]
    assert client.get("/api/v1/meldingen?paginaGrootte=1000", headers=_auth(token)).status_code == 400


def test_api_upload_geeft_rijrapport(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["uploads"])
    csv = (
        b"melder_referentie,melddatum,uitbuitingsvorm,plaats_delict,voornamen\n"
        b"U-1,2024-01-05,seksueel,Utrecht,Anna\n"
        b"U-2,2024-13-05,seksueel,Utrecht,Bea\n"
        b"U-3,2024-01-07,vissen,Utrecht,Cor\n"
    )
    client = bed.client()
    r = client.post("/api/v1/uploads", files={"bestand": ("m.csv", csv, "text/csv")}, headers=_auth(token))
    assert r.status_code == 202, r.text
    assert r.json()["status"] in ("bezig", "klaar") and r.headers["location"].endswith(r.json()["id"])
    wacht_op_uploads(bed.app)
    rapport = client.get(r.headers["location"], headers=_auth(token)).json()
    assert rapport["status"] == "klaar"
    assert (rapport["gelezen"], rapport["opgeslagen"], rapport["afgewezen"]) == (3, 1, 2)
    assert {(a["rijnummer"], a["kolom"]) for a in rapport["afwijzingen"]} == {(3, "melddatum"), (4, "uitbuitingsvorm")}
    csv_rapport = client.get(r.headers["location"], headers={**_auth(token), "Accept": "text/csv"})
    assert csv_rapport.headers["content-type"].startswith("text/csv")
    assert csv_rapport.text.splitlines()[0] == "rijnummer,kolom,waarde,code,reden_nl,reden_en"
    leeg = client.post("/api/v1/uploads", files={"bestand": ("m.csv", b"", "text/csv")}, headers=_auth(token))
    assert leeg.status_code == 400 and leeg.json()["invalidParams"][0]["name"] == "bestand"


def test_api_referentiegegevens_zijn_openbaar(bed: WebBed) -> None:
    client = bed.client()
    r = client.get("/api/v1/gemeenten?naam=utrecht")
    assert r.json()["gemeenten"][0]["gemeenteCode"] == "GM0344"
    assert client.get("/api/v1/gemeenten/GM0344").json()["naam"] == "Utrecht"
    assert client.get("/api/v1/gemeenten/GM9999").status_code == 404
    assert client.get("/api/v1/gemeenten/utrecht").status_code == 400
    lijsten = {c["naam"] for c in client.get("/api/v1/codelijsten").json()["codelijsten"]}
    assert {"uitbuitingsvorm", "werkwijze", "land"} <= lijsten
    codes = client.get("/api/v1/codelijsten/uitbuitingsvorm").json()["codes"]
    assert {"code": "arbeid", "label": "arbeidsuitbuiting", "labelEn": "labour exploitation"}.items() <= codes[
        1
    ].items()
