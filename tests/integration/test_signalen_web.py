# SPDX-License-Identifier: EUPL-1.2
"""The signalen queue over HTTP: scoped to the reviewer's organisation, decisions need a reason and are
logged, converting opens the prefilled melding form, a gemeente sees protected aggregates only, and expired
signalen are gone from every table."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.signalen_support import sla_run_op
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.signalen.opslag import verwijder_verlopen
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import LogboekRecord, SignaalAdvertentie, SignaalBesluit, SignaalCluster, SignaalRun


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(tmp_path_factory.mktemp("signalen"))
    bed.extra["run"] = sla_run_op(bed.sessions, bed.org_a)
    return bed


def _clusters(html: str) -> list[str]:
    return re.findall(r'href="/signalen/clusters/([0-9a-f-]{36})"', html)


def test_wachtrij_toont_redenen_alleen_aan_de_eigen_organisatie(bed: WebBed) -> None:
    r = bed.als("melder").get("/signalen")
    assert r.status_code == 200
    assert "N1: één contact voor" in r.text or "N2: één tekstsjabloon" in r.text
    assert len(_clusters(r.text)) == 23  # 20 ranked + 3 audit sample
    ander = bed.als("melder", gebruikersnaam="melder-b")
    assert _clusters(ander.get("/signalen").text) == []
    assert ander.get(f"/signalen/clusters/{_clusters(r.text)[0]}").status_code == 404
    assert bed.als("gemeente").get("/signalen").status_code == 403
    assert bed.als("analist").get("/signalen").status_code == 403


def test_besluit_vereist_reden_en_komt_in_het_logboek(bed: WebBed) -> None:
    client = bed.als("melder")
    ids = _clusters(client.get("/signalen").text)
    detail = client.get(f"/signalen/clusters/{ids[1]}")
    assert "Waarom dit cluster" in detail.text
    token = csrf_van(detail.text)
    zonder = client.post(f"/signalen/clusters/{ids[1]}/besluit", data={"csrf_token": token, "besluit": "afgewezen"})
    assert zonder.status_code == 400
    r = client.post(
        f"/signalen/clusters/{ids[1]}/besluit",
        data={"csrf_token": token, "besluit": "afgewezen", "reden": "Zelfstandige, eigen website"},
    )
    assert r.status_code == 303 and r.headers["location"] == "/signalen?besloten=afgewezen"
    r = client.post(
        f"/signalen/clusters/{ids[0]}/besluit",
        data={"csrf_token": token, "besluit": "omgezet", "reden": "Eén nummer voor vele namen"},
    )
    assert r.status_code == 303 and r.headers["location"].startswith("/meldingen/nieuw?melder_referentie=SIG-")
    formulier = client.get(r.headers["location"])
    assert formulier.status_code == 200 and 'value="SIG-' in formulier.text
    with bed.sessions() as s:
        besluiten = {b.besluit: b.reden for b in s.scalars(select(SignaalBesluit))}
        assert besluiten == {"afgewezen": "Zelfstandige, eigen website", "omgezet": "Eén nummer voor vele namen"}
        records = list(
            s.scalars(
                select(LogboekRecord).where(
                    LogboekRecord.object_type == "signaal_cluster", LogboekRecord.actie == "wijzigen"
                )
            )
        )
        assert {r.object_id for r in records} == {ids[0], ids[1]}
        assert all(json.loads(r.details)["reden"] for r in records)


def test_gemeente_ziet_alleen_beveiligde_aantallen(bed: WebBed) -> None:
    r = bed.als("gemeente").get("/signalen/overzicht")
    assert r.status_code == 200
    assert "/signalen/clusters/" not in r.text
    assert "Advertenties per gemeente" in r.text or "Nog geen signalen" in r.text


def test_verlopen_signalen_zijn_uit_elke_tabel_verdwenen(tmp_path: Path) -> None:
    bed = maak_testbed(tmp_path)
    sla_run_op(bed.sessions, bed.org_a, n=600, nu=utcnow() - timedelta(days=40), bewaardagen=28)
    vers = sla_run_op(bed.sessions, bed.org_a, n=600)
    with transaction(bed.sessions) as s:
        cluster = s.scalars(select(SignaalCluster).join(SignaalRun).where(SignaalRun.id != uuid.UUID(vers))).first()
        assert cluster is not None
        s.add(SignaalBesluit(cluster_id=cluster.id, besluit="afgewezen", reden="test", genomen_door="x", rol="melder"))
    with transaction(bed.sessions) as s:
        weg = verwijder_verlopen(s)
    assert weg["signaal_run"] == 1 and weg["signaal_advertentie"] > 0 and weg["signaal_besluit"] == 1
    with bed.sessions() as s:
        for tabel in (SignaalRun, SignaalCluster, SignaalAdvertentie):
            oud = s.scalar(select(func.count()).select_from(tabel).where(tabel.bewaren_tot < utcnow()))
            assert oud == 0, tabel.__tablename__
        assert s.scalar(select(func.count()).select_from(SignaalBesluit)) == 0
        assert [str(r) for r in s.scalars(select(SignaalRun.id))] == [vers]
        assert s.scalar(select(func.count()).select_from(SignaalAdvertentie)) > 0
