# SPDX-License-Identifier: EUPL-1.2
"""The iceberg page in a real browser: an analyst logs in with TOTP, opens the page for a year and a form,
reads the estimate and downloads the table (logged as an export); the page works without JavaScript and has no
WCAG 2.1 A/AA violations."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.functional import test_toegankelijkheid as axe
from tests.functional.conftest import Server, log_in
from tests.iceberg_support import laad_synthetisch_jaar
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage.tables import LogboekRecord

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: The first estimate of a stratum runs a 200-replicate bootstrap on the server.
REKENTIJD_MS = 60_000


@pytest.fixture(scope="module")
def synthetisch_jaar(server: Server, reference: Referentiedata, tmp_path_factory: pytest.TempPathFactory) -> None:
    """One synthetic year imported into the server's registry, persons set from the generator's truth."""
    laad_synthetisch_jaar(
        server.bed.sessions, Vault.from_settings(server.bed.settings), reference, tmp_path_factory.mktemp("ijsberg")
    )


def _exporten(server: Server) -> list[LogboekRecord]:
    with server.bed.sessions() as s:
        return list(s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == "ijsberg")))


def test_analist_opent_de_ijsberg_voor_een_jaar_en_vorm_en_downloadt_de_tabel(
    page: Page, server: Server, synthetisch_jaar: None
) -> None:
    log_in(page, server, "analist")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="IJsberg").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Geregistreerd en geschat aantal slachtoffers", timeout=REKENTIJD_MS
    )
    page.get_by_label("Jaar", exact=True).select_option("2023")
    page.get_by_label("Uitbuitingsvorm", exact=True).select_option("seksueel")
    page.get_by_role("button", name="Schatten").click()
    lezing = page.locator("#lezing")
    expect(lezing).to_contain_text("2023, seksuele uitbuiting, heel Nederland:", timeout=REKENTIJD_MS)
    expect(lezing).to_contain_text("personen geregistreerd, naar schatting")
    expect(page).to_have_url(f"{server.url}/analyse/ijsberg?jaar=2023&vorm=seksueel&regio=&lijsten=6")
    expect(page.get_by_role("img", name="Geregistreerd en geschat, met 95%-intervallen")).to_be_visible()
    cijfers = page.get_by_role("table", name="Cijfers bij de grafiek")
    expect(cijfers).to_contain_text("Bootstrapinterval (BCa) 95%")
    expect(cijfers).to_contain_text("Analytisch interval 95%")
    expect(page.get_by_role("table", name="Gevoeligheid voor drempel en lijstindeling")).to_contain_text("4 lijsten")
    voor = len(_exporten(server))
    with page.expect_download() as download:
        page.get_by_role("link", name="Tabel downloaden (CSV)", exact=True).click()
    assert download.value.suggested_filename == "ijsberg-tabel-2023-seksueel-nederland.csv"
    rijen = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    geregistreerd = next(r for r in rijen if r["grootheid"] == "geregistreerd")
    assert geregistreerd["periode"] == "2023" and geregistreerd["vorm"] == "seksueel"
    assert geregistreerd["waarde"] in lezing.inner_text().replace(".", "")
    assert any(r["methode"] == "bca" and r["niveau"] == "0.95" for r in rijen)
    nieuw = _exporten(server)[voor:]
    assert [(r.actie, r.object_id) for r in nieuw] == [("exporteren", "2023/seksueel/nederland/6")]


def test_ijsberg_werkt_zonder_javascript(browser: Browser, server: Server, synthetisch_jaar: None) -> None:
    ctx = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        ctx.add_cookies([server.cookie_voor("analist")])
        page = ctx.new_page()
        page.set_default_timeout(REKENTIJD_MS)
        page.goto(f"{server.url}/analyse/ijsberg")
        page.get_by_label("Uitbuitingsvorm", exact=True).select_option("arbeid")
        page.get_by_label("Lijstindeling", exact=True).select_option("4")
        page.get_by_role("button", name="Schatten").click()
        expect(page.locator("#lezing")).to_contain_text(
            "2023, arbeidsuitbuiting, heel Nederland:", timeout=REKENTIJD_MS
        )
        expect(page.get_by_role("table", name="Personen per combinatie van lijsten")).to_contain_text("KMar en NLA")
        page.get_by_text("Methodeverantwoording").click()  # <details> opens natively
        expect(page.get_by_role("heading", name="Aannames en beperkingen")).to_be_visible()
    finally:
        ctx.close()


def test_ijsberg_heeft_geen_wcag_schendingen(browser: Browser, server: Server, synthetisch_jaar: None) -> None:
    ctx = browser.new_context(bypass_csp=True)
    try:
        ctx.add_cookies([server.cookie_voor("analist")])
        page = ctx.new_page()
        page.set_default_timeout(REKENTIJD_MS)
        fouten: dict[str, object] = {}
        for url in ("/analyse/ijsberg?jaar=2023&vorm=seksueel", "/analyse/ijsberg?jaar=2023&vorm=orgaanverwijdering",
                    "/analyse/ijsberg?jaar=1999", "/analyse/ijsberg?jaar=2023&vorm=seksueel&lang=en"):  # fmt: skip
            axe._bezoek(page, f"{server.url}{url}", fouten)
        assert not fouten, fouten
    finally:
        ctx.close()
