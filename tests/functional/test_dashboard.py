# SPDX-License-Identifier: EUPL-1.2
"""The statistics dashboard in a real browser: a gemeente user logs in, opens the dashboard of their own
municipality, changes the filters, downloads a table as CSV and the PDF factsheet (both logged); the page works
without JavaScript, has no WCAG 2.1 A/AA violations, and screenshots of the dashboard and the factsheet are
kept in ``test-artifacts/``."""

from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.conftest import REPO_ROOT
from tests.functional import test_toegankelijkheid as axe
from tests.functional.conftest import Server, log_in
from tests.integration.test_stat_registry import _invoer
from tests.unit.test_stat_beveiliging import _data
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord, Organisatie

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

#: The first request of a period computes the protected families on the server.
REKENTIJD_MS = 90_000
ARTEFACTEN = REPO_ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def meldingen(server: Server) -> None:
    """A few hundred meldingen (2022-2023) of one police unit in the server's registry."""
    ms = [m for m in _data(n=700, seed=11) if m.pd_gemeente != "GM9999"]
    with transaction(server.bed.sessions) as s:
        if s.scalars(select(Organisatie).where(Organisatie.code == "stat-politie")).first() is None:
            org = Organisatie(
                code="stat-politie",
                naam="Politie (statistiektest)",
                soort="nationale_politie",
                regio="Midden-Nederland",
            )
            s.add(org)
            s.flush()
            bewaar_meldingen(
                s,
                Vault.from_settings(server.bed.settings),
                org,
                [_invoer(m, f"STAT{i}") for i, m in enumerate(ms)],
                bron="api",
                actor=logboek.SYSTEEM,
            )
    dienst = getattr(server.bed.app.state, "zicht_statistieken", None)
    if dienst is not None:  # another test opened the page before: read the new vintage now
        dienst.ververs()


def _exporten(server: Server) -> list[LogboekRecord]:
    with server.bed.sessions() as s:
        return list(s.scalars(select(LogboekRecord).where(LogboekRecord.object_type == "statistiek")))


def test_gemeente_opent_dashboard_wijzigt_filters_en_downloadt_csv_en_pdf(
    page: Page, server: Server, meldingen: None
) -> None:
    page.set_default_timeout(REKENTIJD_MS)
    log_in(page, server, "gemeente")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Statistieken").click()
    kop = page.get_by_role("heading", level=1)
    expect(kop).to_contain_text("gemeente Utrecht", timeout=REKENTIJD_MS)
    expect(page.get_by_role("img", name="Mogelijke slachtoffers mensenhandel per gemeente")).to_be_visible()
    expect(page.get_by_role("table", name="Mogelijke slachtoffers mensenhandel per gemeente")).to_contain_text(
        "Utrecht"
    )
    expect(page.get_by_text("Uitsplitsingen per gemeente worden niet gepubliceerd").first).to_be_visible()
    ARTEFACTEN.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTEFACTEN / "dashboard-gemeente.png"), full_page=True)

    page.get_by_label("Periode", exact=True).select_option("2022")
    page.get_by_label("Uitbuitingsvorm", exact=True).select_option("seksueel")
    page.get_by_role("button", name="Tonen").click()
    expect(kop).to_contain_text("2022", timeout=REKENTIJD_MS)
    expect(page).to_have_url(f"{server.url}/statistieken?periode=2022&niveau=gemeente&gebied=GM0344&vorm=seksueel")
    expect(page.get_by_role("img", name="per veiligheidsregio")).to_be_visible()  # forms are not published per gemeente
    expect(page.get_by_text("de kaart toont veiligheidsregio's")).to_be_visible()

    voor = len(_exporten(server))
    with page.expect_download() as download:
        page.locator('a[href*="tabel=uitsplitsing_geslacht&formaat=csv"]').click()
    assert download.value.suggested_filename.endswith(".csv")
    assert download.value.suggested_filename.endswith("_nl.csv")
    rijen = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rijen[0][:2] == ["code", "geslacht"]
    getallen = [c.replace(".", "") for r in rijen[1:5] for c in r[2:] if c.replace(".", "").isdigit()]
    assert all(int(c) == 0 or int(c) >= 10 for c in getallen), rijen
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Factsheet downloaden (PDF)").click()
    pdf_pad = Path(pdf.value.path())
    assert pdf_pad.read_bytes().startswith(b"%PDF")
    assert [r.actie for r in _exporten(server)[voor:]] == ["exporteren", "exporteren"]
    if shutil.which("pdftoppm"):
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-f",
                "1",
                "-l",
                "2",
                str(pdf_pad),
                str(ARTEFACTEN / "factsheet-gemeente"),
            ],
            check=True,
        )


def test_dashboard_werkt_zonder_javascript(browser: Browser, server: Server, meldingen: None) -> None:
    ctx = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        ctx.add_cookies([server.cookie_voor("gemeente")])
        page = ctx.new_page()
        page.set_default_timeout(REKENTIJD_MS)
        page.goto(f"{server.url}/statistieken")
        page.get_by_label("Gebied", exact=True).fill("veiligheidsregio Utrecht")
        page.get_by_role("button", name="Tonen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("veiligheidsregio Utrecht")
        expect(page).to_have_url(re.compile(r"niveau=veiligheidsregio"))
        expect(page.get_by_label("Gebied", exact=True)).to_have_value("veiligheidsregio Utrecht")
        expect(page.get_by_role("table", name="Geslacht — veiligheidsregio Utrecht").first).to_be_visible()
    finally:
        ctx.close()


def test_dashboard_heeft_geen_wcag_schendingen(browser: Browser, server: Server, meldingen: None) -> None:
    ctx = browser.new_context(bypass_csp=True)
    try:
        fouten: dict[str, object] = {}
        for rol in ("gemeente", "analist"):
            ctx.clear_cookies()
            ctx.add_cookies([server.cookie_voor(rol)])
            page = ctx.new_page()
            page.set_default_timeout(REKENTIJD_MS)
            for url in (
                "/statistieken",
                "/statistieken?periode=2023&niveau=veiligheidsregio&gebied=VR09&vorm=arbeid",
                "/statistieken?periode=2023&lang=en",
            ):
                axe._bezoek(page, f"{server.url}{url}", fouten)
            page.close()
        assert not fouten, fouten
    finally:
        ctx.close()
