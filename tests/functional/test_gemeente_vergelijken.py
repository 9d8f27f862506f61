# SPDX-License-Identifier: EUPL-1.2
"""The municipal view in a real browser, on a desktop and at 390 px: a gemeente user opens its dashboard,
switches to its veiligheidsregio by name, opens the comparison with similar municipalities, sorts the table,
downloads the comparison as XLSX and the factsheet; no page scrolls sideways at 390 px (tables scroll inside
their own container) and axe-core finds no WCAG 2.1 A/AA violation. Screenshots go to ``test-artifacts/``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, expect

from tests.functional import test_toegankelijkheid as axe
from tests.functional.conftest import Server
from tests.functional.test_dashboard import ARTEFACTEN, REKENTIJD_MS
from tests.functional.test_dashboard import meldingen as meldingen

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

BREEDTES = {"breed": {"width": 1280, "height": 900}, "smal": {"width": 390, "height": 844}}


#: The outermost elements that stick out on the right (to say what breaks the layout when the test fails).
_UITSTEKERS = """() => {
  const w = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > w + 1 && !e.closest('[role=region]')
                 && ![...e.children].some(c => c.getBoundingClientRect().right > w + 1))
    .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));
}"""


def _geen_horizontale_scroll(page: Page) -> None:
    breed = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert breed[0] <= breed[1], f"{page.url}: scrollWidth {breed[0]} > clientWidth {breed[1]}: " + ", ".join(
        page.evaluate(_UITSTEKERS)
    )


def _reis(page: Page, server: Server, breedte: str) -> None:
    smal = breedte == "smal"
    page.goto(f"{server.url}/statistieken")
    kop = page.get_by_role("heading", level=1)
    expect(kop).to_contain_text("gemeente Utrecht", timeout=REKENTIJD_MS)
    if smal:
        _geen_horizontale_scroll(page)
        kop_hoogte = page.evaluate("() => document.querySelector('header').getBoundingClientRect().height")
        assert kop_hoogte <= 200, kop_hoogte  # was 300 px before the responsive rules

    # the map's table sorts by rate (a header link; the nation's row stays last)
    kaarttabel = page.get_by_role("table", name="Mogelijke slachtoffers mensenhandel per gemeente, 2023")
    kaarttabel.get_by_role("link", name="per 100.000 inwoners").click()
    expect(kaarttabel.get_by_role("columnheader", name="per 100.000 inwoners")).to_have_attribute(
        "aria-sort", "descending"
    )
    expect(kaarttabel.locator("tbody tr").last.locator("th")).to_have_text("Nederland")
    if smal:
        _geen_horizontale_scroll(page)

    # to the veiligheidsregio, by name, with the suggestions of the datalist
    veld = page.get_by_label("Gebied", exact=True)
    expect(veld).to_have_attribute("list", "stat-gebied-lijst")
    veld.fill("veiligheidsregio Utrecht")
    page.get_by_role("button", name="Tonen").click()
    expect(kop).to_contain_text("veiligheidsregio Utrecht", timeout=REKENTIJD_MS)
    expect(page).to_have_url(f"{server.url}/statistieken?periode=2023&niveau=veiligheidsregio&gebied=VR09")
    expect(page.get_by_role("navigation", name="Regio's van dit gebied")).to_contain_text("provincie Utrecht")
    if smal:
        _geen_horizontale_scroll(page)

    # back to the own gemeente, then the comparison with similar municipalities
    veld.fill("gemeente Utrecht")
    page.get_by_role("button", name="Tonen").click()
    expect(kop).to_contain_text("gemeente Utrecht", timeout=REKENTIJD_MS)
    page.get_by_role("link", name="Vergelijken met vergelijkbare gebieden").click()
    expect(kop).to_contain_text("Vergelijken – gemeente Utrecht", timeout=REKENTIJD_MS)
    expect(page.locator("#groepering")).to_contain_text("Vergelijkbare gemeenten: 100.000 of meer inwoners")
    expect(page.get_by_role("img", name="Utrecht vergeleken met vergelijkbare gebieden")).to_be_visible()
    tabel = page.get_by_role("table", name="Utrecht vergeleken met vergelijkbare gebieden")
    expect(tabel).to_contain_text("Utrecht")
    page.screenshot(path=str(ARTEFACTEN / f"vergelijken-{breedte}.png"), full_page=True)
    if smal:
        _geen_horizontale_scroll(page)

    # sort by area name (a link in the column header: works with or without JavaScript)
    tabel.get_by_role("link", name="gebied").click()
    kopcel = tabel.get_by_role("columnheader", name="gebied")
    expect(kopcel).to_have_attribute("aria-sort", "ascending")
    namen = page.locator("#tabel-vergelijking tbody th").all_inner_texts()
    assert namen == sorted(namen, key=str.casefold) and len(namen) >= 5

    # downloads: the comparison as XLSX, the factsheet of the gemeente
    with page.expect_download() as xlsx:
        page.get_by_role("link", name="Tabel downloaden als Excel (XLSX)").click()
    blad = load_workbook(io.BytesIO(Path(xlsx.value.path()).read_bytes()))["Tabel"]
    assert str(blad["A1"].value).startswith("Utrecht vergeleken met vergelijkbare gebieden")
    page.get_by_role("link", name="Terug naar het regionaal beeld").click()
    expect(kop).to_contain_text("gemeente Utrecht", timeout=REKENTIJD_MS)
    with page.expect_download() as pdf:
        page.get_by_role("link", name="Factsheet downloaden (PDF)").click()
    assert Path(pdf.value.path()).read_bytes().startswith(b"%PDF")


@pytest.mark.parametrize("breedte", sorted(BREEDTES))
def test_gemeente_wisselt_van_gebied_vergelijkt_sorteert_en_downloadt(
    browser: Browser,
    server: Server,
    meldingen: None,
    breedte: str,
) -> None:
    ARTEFACTEN.mkdir(exist_ok=True)
    ctx = browser.new_context(locale="nl-NL", viewport=BREEDTES[breedte], accept_downloads=True)  # type: ignore[arg-type]
    try:
        ctx.add_cookies([server.cookie_voor("gemeente")])
        page = ctx.new_page()
        page.set_default_timeout(REKENTIJD_MS)
        _reis(page, server, breedte)
    finally:
        ctx.close()


def test_gemeentepaginas_smal_en_breed_zonder_wcag_schendingen(
    browser: Browser, server: Server, meldingen: None
) -> None:
    fouten: dict[str, object] = {}
    for breedte, viewport in BREEDTES.items():
        ctx = browser.new_context(bypass_csp=True, viewport=viewport)  # type: ignore[arg-type]
        try:
            ctx.add_cookies([server.cookie_voor("gemeente")])
            page = ctx.new_page()
            page.set_default_timeout(REKENTIJD_MS)
            for url in (
                "/statistieken?periode=2023&niveau=veiligheidsregio&gebied=VR09",
                "/statistieken/vergelijken?periode=2023&niveau=gemeente&gebied=GM0344",
                "/statistieken/vergelijken?periode=2023&niveau=gemeente&gebied=GM0344&sorteer=per_100k&richting=af",
                "/statistieken/vergelijken?periode=2023&niveau=veiligheidsregio&gebied=VR09&lang=en",
            ):
                axe._bezoek(page, f"{server.url}{url}", fouten)
                if breedte == "smal":
                    _geen_horizontale_scroll(page)
        finally:
            ctx.close()
    assert not fouten, fouten
