# SPDX-License-Identifier: EUPL-1.2
"""A per-user budget for expensive statistics requests (issue 15 item 4): each user may have a limited number of
tables computed per minute; a table someone already computed is a lookup and never counts; over the budget a
page and the API answer 429 with Retry-After, and another user is not affected."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.test_stat_registry import _invoer
from tests.unit.test_stat_beveiliging import _data
from tests.web_support import WebBed, maak_testbed
from zicht.analysis.publicatie import TeveelBerekeningen
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import Organisatie
from zicht.web.statistiekdienst import Rekenbudget


def test_rekenbudget_schuift_per_minuut() -> None:
    nu = [1000.0]
    budget = Rekenbudget(3, klok=lambda: nu[0])
    for _ in range(3):
        budget.reken("a")
    with pytest.raises(TeveelBerekeningen) as exc:
        budget.reken("a")
    assert exc.value.wacht == 60
    budget.reken("b")  # another user has its own budget
    nu[0] += 30
    with pytest.raises(TeveelBerekeningen) as exc:
        budget.reken("a")
    assert exc.value.wacht == 30
    nu[0] += 30.5
    budget.reken("a")  # the oldest fell out of the window


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    bed = maak_testbed(Path(tmp_path_factory.mktemp("rekenbudget")), ZICHT_STATISTIEK_BEREKENINGEN_PER_MINUUT="6")
    ms = [m for m in _data(n=300, seed=7) if m.pd_gemeente != "GM9999"]
    with transaction(bed.sessions) as s:
        org = Organisatie(code="stat-budget", naam="politie", soort="nationale_politie", regio="Midden-Nederland")
        s.add(org)
        s.flush()
        bewaar_meldingen(
            s,
            Vault.from_settings(bed.settings),
            org,
            [_invoer(m, f"B{i}") for i, m in enumerate(ms)],
            bron="api",
            actor=logboek.SYSTEEM,
        )
    return bed


def test_boven_het_budget_429_met_retry_after_en_een_opgezochte_tabel_telt_niet(bed: WebBed) -> None:
    analist = bed.als("analist")
    api = "/api/v1/statistieken"
    eerste = analist.get(api, params={"soort": "overzicht", "periode": "2023", "niveau": "veiligheidsregio"})
    assert eerste.status_code == 200, eerste.text
    # the same table again, many times: lookups, never refused
    for _ in range(20):
        r = analist.get(api, params={"soort": "overzicht", "periode": "2023", "niveau": "veiligheidsregio"})
        assert r.status_code == 200
    # new tables until the budget (6 per minute) is spent
    statussen = []
    for jaar in range(2015, 2024):
        r = analist.get(api, params={"soort": "overzicht", "periode": str(jaar), "niveau": "gemeente"})
        statussen.append(r.status_code)
        if r.status_code == 429:
            assert int(r.headers["retry-after"]) >= 1
            assert r.headers["content-type"] == "application/problem+json"
            break
    assert statussen[-1] == 429 and 200 in statussen
    pagina = analist.get("/statistieken", params={"periode": "2016", "niveau": "provincie", "gebied": "PV26"})
    assert pagina.status_code == 429 and "Probeer het over" in pagina.text and "retry-after" in pagina.headers
    # another user has its own budget
    assert (
        bed.als("identiteit")
        .get(api, params={"soort": "overzicht", "periode": "2020", "niveau": "provincie"})
        .status_code
        == 200
    )
