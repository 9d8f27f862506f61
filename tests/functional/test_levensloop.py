# SPDX-License-Identifier: EUPL-1.2
"""A melding's lifecycle in a real browser (issue 14): a melder finds its melding by reference, corrects it and
adds a route event (no JavaScript needed for the extra row); CoMensha finds it by crime location and records
``vastgesteld`` with who decided and when; the history shows both versions; axe finds no WCAG 2.1 A/AA
violation on the pages on the way."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.functional import test_toegankelijkheid as axe
from tests.functional.conftest import Server
from tests.web_support import nieuwe_melding

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _pagina(browser: Browser, server: Server, rol: str) -> Page:
    ctx = browser.new_context(locale="nl-NL", bypass_csp=True)  # bypass only so axe can be injected
    ctx.add_cookies([server.cookie_voor(rol)])
    page = ctx.new_page()
    page.set_default_timeout(20_000)
    return page


def _axe(page: Page, fouten: dict[str, Any]) -> None:
    gevonden = axe._scan(page)
    if gevonden:
        fouten[page.url] = gevonden


def test_melder_corrigeert_en_voegt_route_toe_comensha_stelt_vast(browser: Browser, server: Server) -> None:
    referentie = f"LEVEN-{uuid.uuid4().hex[:6]}"
    nieuwe_melding(server.bed.als("melder"), melder_referentie=referentie, plaats_delict="Leeuwarden")
    fouten: dict[str, Any] = {}

    # the melder searches its list by its own reference
    melder = _pagina(browser, server, "melder")
    melder.goto(f"{server.url}/meldingen")
    melder.get_by_label("Referentie van de melder").fill(referentie)
    melder.get_by_role("button", name="Zoeken").click()
    tabel = melder.get_by_role("table")
    expect(tabel.locator("tbody tr")).to_have_count(1)
    _axe(melder, fouten)
    tabel.get_by_role("link", name=referentie).click()
    melder.get_by_role("link", name="Melding corrigeren").click()
    expect(melder.get_by_role("heading", level=1)).to_contain_text("Melding corrigeren")
    _axe(melder, fouten)

    # correct the crime location and add two route events: the second row appears after "add"
    melder.get_by_label("Reden van de correctie").select_option("typefout")
    melder.get_by_label("Plaats delict").fill("Sneek")
    melder.get_by_label("Plaats delict").fill("Súdwest-Fryslân")
    melder.get_by_text("Route invullen").click()  # folded while empty
    eerste = melder.get_by_role("group", name="Gebeurtenis 1")
    eerste.get_by_label("Soort").select_option("werving")
    eerste.get_by_label("Plaats").fill("Polen")
    melder.get_by_role("button", name="Nog een gebeurtenis toevoegen").click()
    tweede = melder.get_by_role("group", name="Gebeurtenis 2")
    expect(melder.get_by_role("group", name="Gebeurtenis 1").get_by_label("Plaats")).to_have_value("Polen")
    tweede.get_by_label("Soort").select_option("uitbuiting")
    tweede.get_by_label("Plaats").fill("Leeuwarden")
    melder.get_by_role("button", name="Correctie opslaan").click()
    expect(melder.get_by_role("status").first).to_contain_text("De correctie is opgeslagen als een nieuwe versie.")
    route = melder.get_by_role("table", name="Route van het slachtoffer")
    expect(route).to_contain_text("Polen")
    expect(route).to_contain_text("Leeuwarden")
    geschiedenis = melder.get_by_role("table", name="Versies van deze melding")
    expect(geschiedenis.locator("tbody tr")).to_have_count(2)
    expect(geschiedenis).to_contain_text("typefout")
    _axe(melder, fouten)

    # CoMensha finds it by crime location, records the decision
    analist = _pagina(browser, server, "analist")
    analist.goto(f"{server.url}/analyse/meldingen")
    analist.get_by_label("Gemeente (plaats delict)").fill("Súdwest-Fryslân")
    analist.get_by_role("button", name="Zoeken").click()
    _axe(analist, fouten)
    analist.get_by_role("table").locator("tbody tr").first.get_by_role("link").first.click()
    expect(analist.get_by_role("heading", name="Beoordeling door CoMensha")).to_be_visible()
    analist.get_by_role("group", name="Status").get_by_label("vastgesteld slachtoffer").check()
    analist.get_by_label("Besloten door").select_option("openbaar_ministerie")
    analist.get_by_label("Datum van het besluit").fill("2024-06-01")
    analist.get_by_role("button", name="Status vastleggen").click()
    expect(analist.get_by_role("status").first).to_contain_text("Het besluit over de status is vastgelegd.")
    expect(analist.locator("main")).to_contain_text("Openbaar Ministerie, 2024-06-01")
    expect(analist.get_by_role("table", name="Versies van deze melding").locator("tbody tr")).to_have_count(3)
    _axe(analist, fouten)
    assert not fouten, fouten
