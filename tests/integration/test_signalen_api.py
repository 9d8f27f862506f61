# SPDX-License-Identifier: EUPL-1.2
"""The signalen queue over the API: the same scope as the pages (own organisation, 404 otherwise), reasons
with every cluster, pagination per the API rules, decisions with a reason in the logboek, problem+json."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.signalen_support import sla_run_op
from tests.web_support import Client, WebBed, csrf_van, maak_testbed
from zicht.storage.tables import LogboekRecord, SignaalBesluit

BASIS = "/api/v1/signalen/clusters"


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(tmp_path_factory.mktemp("signalen-api"))
    bed.extra["run"] = sla_run_op(bed.sessions, bed.org_a)
    return bed


def _melder(bed: WebBed, **kw: str) -> tuple[Client, dict[str, str]]:
    client = bed.als("melder", **kw)
    return client, {"X-CSRF-Token": csrf_van(client.get("/").text)}


def test_lijst_met_redenen_en_paginering(bed: WebBed) -> None:
    client, _ = _melder(bed)
    r = client.get(BASIS, params={"paginaGrootte": 8})
    assert r.status_code == 200 and "API-Version" in r.headers
    body = r.json()
    assert body["paginering"] == {"pagina": 1, "paginaGrootte": 8, "totaal": 23, "aantalPaginas": 3}
    assert len(body["clusters"]) == 8 and body["links"]["prev"] is None
    assert body["links"]["next"]["href"] == f"{BASIS}?status=open&pagina=2&paginaGrootte=8"
    eerste = body["clusters"][0]
    assert eerste["rang"] == 1 and eerste["soort"] == "rang" and eerste["status"] == "open"
    assert eerste["redenen"] and {"code", "gewicht", "omschrijving", "waarden"} <= eerste["redenen"][0].keys()
    assert any(x["omschrijving"].startswith(("N1:", "N2:")) for x in eerste["redenen"])
    laatste = client.get(body["links"]["last"]["href"]).json()
    assert len(laatste["clusters"]) == 7 and laatste["links"]["next"] is None
    steekproef = client.get(BASIS, params={"soort": "steekproef"}).json()
    assert [c["soort"] for c in steekproef["clusters"]] == ["steekproef"] * 3
    fout = client.get(BASIS, params={"paginaGrootte": 1000, "status": "weg"})
    assert fout.status_code == 400 and fout.headers["content-type"] == "application/problem+json"
    assert {p["name"] for p in fout.json()["invalidParams"]} == {"paginaGrootte", "status"}


def test_alleen_de_eigen_organisatie(bed: WebBed) -> None:
    client, _ = _melder(bed)
    cid = client.get(BASIS).json()["clusters"][0]["id"]
    ander, kop = _melder(bed, gebruikersnaam="melder-b")
    assert ander.get(BASIS).json()["paginering"]["totaal"] == 0
    echt, geraden = ander.get(f"{BASIS}/{cid}"), ander.get(f"{BASIS}/00000000-0000-0000-0000-000000000001")
    assert echt.status_code == geraden.status_code == 404
    assert echt.json()["detail"] == geraden.json()["detail"]
    besluit = {"besluit": "afgewezen", "reden": "Niet van ons, toch proberen"}
    assert ander.post(f"{BASIS}/{cid}/besluiten", json=besluit, headers=kop).status_code == 404
    for rol in ("gemeente", "analist"):
        assert bed.als(rol).get(BASIS).status_code == 403
    assert bed.client().get(BASIS).status_code == 401


def test_besluiten_met_reden_in_het_logboek(bed: WebBed) -> None:
    client, kop = _melder(bed)
    ids = [c["id"] for c in client.get(BASIS).json()["clusters"]]
    detail = client.get(f"{BASIS}/{ids[0]}").json()
    assert detail["advertenties"] and detail["kenmerken"] and detail["besluiten"] == []
    assert all(len(h) == 20 for a in detail["advertenties"] for h in a["contacten"])  # hashes, no numbers

    zonder = client.post(f"{BASIS}/{ids[0]}/besluiten", json={"besluit": "afgewezen", "reden": "  "}, headers=kop)
    assert zonder.status_code == 400 and zonder.json()["invalidParams"][0]["name"] == "reden"
    geen_csrf = client.post(f"{BASIS}/{ids[0]}/besluiten", json={"besluit": "afgewezen", "reden": "Zelfstandige"})
    assert geen_csrf.status_code == 403

    r = client.post(f"{BASIS}/{ids[0]}/besluiten", json={"besluit": "afgewezen", "reden": "Zelfstandige"}, headers=kop)
    assert r.status_code == 201 and r.headers["location"] == f"{BASIS}/{ids[0]}"
    assert r.json()["besluit"] == "afgewezen" and r.json()["meldingFormulier"] is None
    nogmaals = client.post(f"{BASIS}/{ids[0]}/besluiten", json={"besluit": "omgezet", "reden": "Toch wel"}, headers=kop)
    assert nogmaals.status_code == 409 and nogmaals.headers["content-type"] == "application/problem+json"

    omgezet = client.post(
        f"{BASIS}/{ids[1]}/besluiten", json={"besluit": "omgezet", "reden": "Eén nummer, veel namen"}, headers=kop
    )
    assert omgezet.status_code == 201
    formulier = omgezet.json()["meldingFormulier"]
    assert formulier.startswith("/meldingen/nieuw?melder_referentie=SIG-") and "uitbuitingsvorm=" in formulier
    assert client.get(formulier).status_code == 200

    assert ids[0] not in [c["id"] for c in client.get(BASIS).json()["clusters"]]
    afgewezen = client.get(BASIS, params={"status": "afgewezen"}).json()["clusters"]
    assert [c["id"] for c in afgewezen] == [ids[0]]
    assert client.get(f"{BASIS}/{ids[0]}").json()["besluiten"][0]["reden"] == "Zelfstandige"
    with bed.sessions() as s:
        assert len(s.scalars(select(SignaalBesluit)).all()) == 2
        redenen = [
            json.loads(r.details).get("reden")
            for r in s.scalars(
                select(LogboekRecord).where(
                    LogboekRecord.object_type == "signaal_cluster", LogboekRecord.actie == "wijzigen"
                )
            )
        ]
        assert "Zelfstandige" in redenen and "Eén nummer, veel namen" in redenen
