# SPDX-License-Identifier: EUPL-1.2
"""Opvang in a real browser: a CoMensha opvang user files a request, sees the proposed facilities with the reason
each fits, offers a place and places the person; the occupancy and waiting-time figures update. A gemeente user
sees the coverage map and the occupancy of its region. Every page is axe-clean."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import update

from tests.functional.conftest import Server
from tests.functional.test_toegankelijkheid import _scan
from tests.opvang_support import GEHEIM_ADRES, Opvangbed, maak_opvangbed
from zicht.opvang.regels import COMENSHA
from zicht.reference import load_reference
from zicht.storage import transaction
from zicht.storage.tables import Gebruiker

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def opvang(server: Server) -> Opvangbed:
    bed = maak_opvangbed(server.bed.sessions, load_reference(server.bed.settings.reference_dir), cosm_bedden=2)
    with transaction(server.bed.sessions) as s:
        s.execute(update(Gebruiker).where(Gebruiker.gebruikersnaam == server.bed.accounts["opvang"].gebruikersnaam)
                  .values(organisatie_id=bed.comensha))  # fmt: skip
    return bed


@pytest.fixture
def als(browser: Browser, server: Server) -> Iterator[Any]:
    contexten: list[BrowserContext] = []

    def maak(rol: str) -> Page:
        ctx = browser.new_context(bypass_csp=True, locale="nl-NL")
        contexten.append(ctx)
        ctx.add_cookies([server.cookie_voor(rol)])  # type: ignore[list-item]
        p = ctx.new_page()
        p.set_default_timeout(20_000)
        return p

    yield maak
    for ctx in contexten:
        ctx.close()


def _kerncijfer(page: Page, label: str) -> str:
    return page.locator("dt", has_text=label).locator("xpath=following-sibling::dd").inner_text().strip()


def test_opvang_vraagt_aan_kiest_uit_voorstellen_en_plaatst(als: Any, server: Server, opvang: Opvangbed) -> None:
    assert COMENSHA
    page = als("opvang")
    page.goto(f"{server.url}/opvang")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opvang en plaatsingen")
    geplaatst_voor = int(_kerncijfer(page, "Geplaatst in de afgelopen 30 dagen"))
    assert _scan(page) == []
    page.get_by_role("link", name="Nieuwe aanvraag").click()
    page.get_by_label("Pseudoniem van de persoon").fill(str(opvang.personen[-1]))
    page.get_by_label("Geslacht").select_option("vrouw")
    page.get_by_label("Leeftijd").fill("24")
    page.get_by_label("Nationaliteit").select_option("niet_eu")
    page.get_by_label("Verblijfsstatus").select_option("b8")
    page.get_by_label("Gemeente van de plaats delict").fill("Rotterdam")
    page.get_by_label("Gemeente waar de persoon nu is").fill("Amersfoort")
    assert _scan(page) == []
    page.get_by_role("button", name="Aanvraag indienen").click()
    expect(page.get_by_role("heading", level=2, name="Voorgestelde voorzieningen")).to_be_visible()
    voorstel = page.locator(".zicht-voorstellen li").first
    expect(voorstel).to_contain_text("COSM test")
    expect(voorstel).to_contain_text("bedenktijd (B8)")  # why it fits
    expect(voorstel).to_contain_text("2 bedden vrij")
    expect(voorstel).to_contain_text("km van de verblijfplaats")
    expect(voorstel).to_contain_text("besluit: CoMensha")
    assert GEHEIM_ADRES not in page.content()
    assert _scan(page) == []
    voorstel.get_by_role("button", name="Plek aanbieden in COSM test").click()
    expect(page.locator("dd").first).to_have_text("aangeboden")
    page.get_by_label("Besluit en reden").select_option("geplaatst:aanbod_aanvaard")
    page.get_by_role("button", name="Besluit vastleggen").click()
    expect(page.locator("dd").first).to_have_text("geplaatst")
    expect(page.get_by_role("table", name="Elke wijziging, oudste eerst")).to_contain_text("aanbod aanvaard")
    assert _scan(page) == []
    page.get_by_role("link", name="Terug naar de wachtrij").click()
    assert int(_kerncijfer(page, "Geplaatst in de afgelopen 30 dagen")) == geplaatst_voor + 1
    assert _kerncijfer(page, "Mediane wachttijd tot plaatsing (dagen, afgelopen 30 dagen)") != "–"
    rij = page.get_by_role("table", name="Bedden per voorziening vandaag").get_by_role("row", name="COSM test")
    expect(rij).to_contain_text("1")  # one bed occupied, one free


def test_gemeente_ziet_dekkingskaart_en_bezetting_van_de_regio(als: Any, server: Server, opvang: Opvangbed) -> None:
    page = als("gemeente")
    page.goto(f"{server.url}/netwerk")
    expect(
        page.get_by_role("img", name="Dekking zorgcoördinatoren en aandachtsfunctionarissen per gemeente")
    ).to_be_visible()
    expect(page.get_by_text("Veilig Thuis-regio's 2023")).to_be_visible()
    assert _scan(page) == []
    page.goto(f"{server.url}/opvang/regio")
    tabel = page.get_by_role("table", name="Opvang per regio")
    expect(tabel.get_by_role("row", name="Utrecht")).to_contain_text("2")  # the COSM test beds in Utrecht
    assert GEHEIM_ADRES not in page.content()
    assert _scan(page) == []
