# SPDX-License-Identifier: EUPL-1.2
"""``GET /api/v1/statistieken``: the same catalogue and the same disclosure control as the pages and the CLI;
scope per user, problem+json errors, CSV/XLSX by Accept header with a logboek record per export."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from tests.integration.test_stat_registry import _invoer
from tests.unit.test_stat_beveiliging import _data
from tests.web_support import WebBed, maak_testbed
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord, Organisatie

API = "/api/v1/statistieken"


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("stat-api")))
    ms = [m for m in _data(n=400, seed=9) if m.pd_gemeente != "GM9999"]
    with transaction(bed.sessions) as s:
        org = Organisatie(code="stat-api", naam="politie", soort="nationale_politie", regio="Midden-Nederland")
        s.add(org)
        s.flush()
        bewaar_meldingen(
            s,
            Vault.from_settings(bed.settings),
            org,
            [_invoer(m, f"A{i}") for i, m in enumerate(ms)],
            bron="api",
            actor=logboek.SYSTEEM,
        )
    return bed


def _aantallen(tabel: dict) -> list[float]:  # type: ignore[type-arg]
    kolommen = [k["soort"] for k in tabel["kolommen"]]
    return [
        c["waarde"]
        for rij in tabel["rijen"]
        for soort, c in zip(kolommen, rij, strict=True)
        if soort == "aantal" and c["waarde"] is not None
    ]


def test_gemeente_krijgt_beveiligde_tabel_en_analist_exacte(bed: WebBed) -> None:
    params = {"periode": "2023", "niveau": "gemeente", "soort": "overzicht"}
    beveiligd = bed.als("gemeente").get(API, params=params)
    assert beveiligd.status_code == 200, beveiligd.text
    data = beveiligd.json()
    assert data["metadata"]["beveiligd"] is True and data["metadata"]["drempel"] == 10
    assert all(w == 0 or (w >= 10 and w % 5 == 0) for w in _aantallen(data))
    assert any(c["markering"] == "klein_aantal" and c["tekst"] == "<10" for r in data["rijen"] for c in r)
    exact = bed.als("analist").get(API, params=params).json()
    assert exact["metadata"]["beveiligd"] is False
    assert any(0 < w < 10 for w in _aantallen(exact))


def test_buiten_eigen_gebied_en_ongeldige_verzoeken(bed: WebBed) -> None:
    c = bed.als("gemeente")  # scoped to gemeente Utrecht
    r = c.get(API, params={"periode": "2023", "soort": "reeks", "niveau": "gemeente", "gebied": "Ede"})
    assert r.status_code == 403 and r.headers["content-type"].startswith("application/problem+json")
    assert (
        c.get(API, params={"periode": "2023", "soort": "reeks", "niveau": "gemeente", "gebied": "Utrecht"}).status_code
        == 200
    )
    for params in (
        {"periode": "2023-Q7"},
        {"periode": "2023", "niveau": "gemeente", "vorm": "seksueel"},
        {"periode": "2023", "soort": "uitsplitsing", "niveau": "veiligheidsregio", "gebied": "VR09"},
    ):
        r = c.get(API, params=params)
        assert r.status_code == 400, (params, r.text)
    # the publication grid (docs/adr/0006): protected figures per calendar year; a clear 400, never a 500
    for periode in ("2023-Q2", "2022-2023"):
        params = {"periode": periode, "niveau": "gemeente", "gebied": "GM0344", "soort": "reeks"}
        r = c.get(API, params=params)
        assert r.status_code == 400 and "kalenderjaar" in r.json()["detail"], r.text
        assert bed.als("analist").get(API, params=params).status_code == 200
        assert r.headers["content-type"].startswith("application/problem+json")
    assert bed.als("beheerder").get(API, params={"periode": "2023"}).status_code == 403
    assert bed.client().get(API, params={"periode": "2023"}).status_code == 401


def test_csv_en_xlsx_via_accept_met_logboek(bed: WebBed) -> None:
    c = bed.als("gemeente")
    params = {
        "periode": "2023",
        "soort": "uitsplitsing",
        "niveau": "veiligheidsregio",
        "gebied": "VR09",
        "uitsplitsing": "geslacht",
    }
    with bed.sessions() as s:
        voor = len(s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == "statistiek")).all())
    r = c.get(API, params=params, headers={"Accept": "text/csv"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.decode("utf-8-sig").splitlines()[0].startswith("code;geslacht")  # Dutch: ';'
    assert r.headers["content-disposition"].endswith('_nl.csv"')
    x = c.get(
        API, params=params, headers={"Accept": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
    )
    assert x.status_code == 200 and x.content[:2] == b"PK"
    with bed.sessions() as s:
        na = s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == "statistiek")).all()
    assert len(na) == voor + 2 and all(r.actie == "exporteren" for r in na[voor:])
