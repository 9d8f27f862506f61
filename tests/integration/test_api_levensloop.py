# SPDX-License-Identifier: EUPL-1.2
"""The lifecycle through /api/v1 (issue 14): GET gives an ETag; PATCH corrects as a JSON merge patch with
If-Match (412 when stale, 428 without); CoMensha decides the status and withdraws a duplicate; the history
names fields, never an identifying value; a token needs the ``meldingen:corrigeren`` scope."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_api_meldingen import MELDING, _auth
from tests.web_support import WebBed, csrf_van, maak_testbed


@pytest.fixture
def bed(tmp_path: Path, db_url: str) -> WebBed:
    return maak_testbed(tmp_path, db_url)


def _nieuw(bed: WebBed, token: str, referentie: str = "API-1") -> str:
    r = bed.client().post("/api/v1/meldingen", json={**MELDING, "melderReferentie": referentie}, headers=_auth(token))
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def test_correctie_met_etag_if_match_en_geschiedenis(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen", "meldingen:corrigeren"])
    mid = _nieuw(bed, token)
    c = bed.client()
    gelezen = c.get(f"/api/v1/meldingen/{mid}", headers=_auth(token))
    assert gelezen.headers["etag"] == '"1"' and gelezen.json()["versie"] == 1
    pad = f"/api/v1/meldingen/{mid}"
    zonder = c.patch(pad, json={"reden": "typefout", "geslacht": "vrouw"}, headers=_auth(token))
    assert zonder.status_code == 428 and zonder.headers["content-type"] == "application/problem+json"
    gewijzigd = c.patch(
        pad,
        json={"reden": "typefout", "geslacht": "vrouw", "achternaam": "Geheimer", "wervingsplaats": None},
        headers=_auth(token) | {"If-Match": '"1"'},
    )
    assert gewijzigd.status_code == 200, gewijzigd.text
    assert gewijzigd.headers["etag"] == '"2"' and gewijzigd.json()["geslacht"] == "vrouw"
    assert gewijzigd.json()["uitbuitingen"] == [{"vorm": "arbeid", "sector": "land_tuinbouw"}]  # untouched
    verouderd = c.patch(pad, json={"reden": "typefout", "geslacht": "man"}, headers=_auth(token) | {"If-Match": '"1"'})
    assert verouderd.status_code == 412 and "versie 2" in verouderd.json()["detail"]
    ongeldig = c.patch(
        pad, json={"reden": "overig", "plaatsDelict": "Atlantis"}, headers=_auth(token) | {"If-Match": '"2"'}
    )
    assert ongeldig.status_code == 400
    assert [p["name"] for p in ongeldig.json()["invalidParams"]] == ["plaatsDelict"]
    assert "Atlantis" not in ongeldig.text
    versies = c.get(f"{pad}/versies", headers=_auth(token)).json()["versies"]
    assert [v["actie"] for v in versies] == ["aanmaken", "correctie"]
    velden = {w["veld"]: w for w in versies[1]["wijzigingen"]}
    assert set(velden) == {"geslacht", "achternaam"} and velden["geslacht"]["naar"] == "vrouw"
    assert velden["achternaam"]["van"] is None and "Geheim" not in str(versies)


def test_token_zonder_correctiescope_en_andere_organisatie(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    mid = _nieuw(bed, token)
    r = bed.client().patch(
        f"/api/v1/meldingen/{mid}", json={"reden": "typefout", "geslacht": "vrouw"}, headers=_auth(token)
    )
    assert r.status_code == 403
    ander = bed.token(bed.org_b, ["meldingen:lezen", "meldingen:corrigeren"])
    r = bed.client().patch(
        f"/api/v1/meldingen/{mid}",
        json={"reden": "typefout", "geslacht": "vrouw"},
        headers=_auth(ander) | {"If-Match": '"1"'},
    )
    assert r.status_code == 404


def test_comensha_legt_status_vast_en_trekt_dubbele_in(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    eerste, tweede = _nieuw(bed, token, "API-1"), _nieuw(bed, token, "API-2")
    analist = bed.als("analist")
    csrf = {"X-CSRF-Token": csrf_van(analist.get("/analyse/meldingen").text)}
    r = analist.put(
        f"/api/v1/meldingen/{eerste}/status",
        json={"status": "vastgesteld", "beslisser": "openbaar_ministerie", "datum": "2024-06-01"},
        headers=csrf | {"If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["statusBeslisser"], r.headers["etag"]) == (
        "vastgesteld",
        "openbaar_ministerie",
        '"2"',
    )
    melder = bed.client().put(
        f"/api/v1/meldingen/{eerste}/status",
        json={"status": "geen", "beslisser": "politie", "datum": "2024-06-01"},
        headers=_auth(bed.token(bed.org_a, ["meldingen:lezen", "meldingen:corrigeren"])) | {"If-Match": '"2"'},
    )
    assert melder.status_code == 403
    ingetrokken = analist.post(
        f"/api/v1/meldingen/{tweede}/_intrekken",
        json={"reden": "dubbel", "dubbelVan": eerste},
        headers=csrf | {"If-Match": '"1"'},
    )
    assert ingetrokken.status_code == 200, ingetrokken.text
    assert ingetrokken.json()["intrekkingsreden"] == "dubbel" and ingetrokken.json()["ingetrokkenOp"]
    nogmaals = analist.post(
        f"/api/v1/meldingen/{tweede}/_intrekken", json={"reden": "ten_onrechte"}, headers=csrf | {"If-Match": '"2"'}
    )
    assert nogmaals.status_code == 400


def test_lijst_filtert_op_status_en_laat_ingetrokken_weg(bed: WebBed) -> None:
    token = bed.token(bed.org_a, ["meldingen:aanmaken", "meldingen:lezen"])
    eerste, tweede = _nieuw(bed, token, "API-1"), _nieuw(bed, token, "API-2")
    analist = bed.als("analist")
    csrf = {"X-CSRF-Token": csrf_van(analist.get("/analyse/meldingen").text)}
    analist.put(
        f"/api/v1/meldingen/{eerste}/status",
        json={"status": "geen", "beslisser": "comensha", "datum": "2024-06-01"},
        headers=csrf | {"If-Match": '"1"'},
    )
    analist.post(
        f"/api/v1/meldingen/{tweede}/_intrekken", json={"reden": "ten_onrechte"}, headers=csrf | {"If-Match": '"1"'}
    )

    def ids(**params: str) -> list[str]:
        r = bed.client().get("/api/v1/meldingen", params=params, headers=_auth(token))
        assert r.status_code == 200, r.text
        return [m["id"] for m in r.json()["meldingen"]]

    assert ids() == [eerste]
    assert sorted(ids(ingetrokken="true")) == sorted([eerste, tweede])
    assert ids(status="geen") == [eerste] and ids(status="vastgesteld") == []
