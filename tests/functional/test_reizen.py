# SPDX-License-Identifier: EUPL-1.2
"""Key journeys in a real browser (chromium via Playwright) against a real server: log in with TOTP, report,
see the report listed; the error summary; an upload with a row report; a gemeente user refused a melding;
htmx enhancements working under the strict CSP; the session-expiry warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, expect

from tests.functional.conftest import Server, log_in

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def _console_fouten(page: Page) -> list[str]:
    fouten: list[str] = []

    def opvangen(bericht: ConsoleMessage) -> None:
        if bericht.type == "error":
            fouten.append(bericht.text)

    page.on("console", opvangen)
    return fouten


def test_melder_logt_in_met_totp_meldt_en_ziet_de_melding(page: Page, server: Server) -> None:
    fouten = _console_fouten(page)
    log_in(page, server, "melder")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Welkom")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Nieuwe melding").click()
    page.get_by_label("Uw referentie").fill("BROWSER-1")
    page.get_by_label("Melddatum").fill("2024-04-02")
    page.get_by_role("group", name="Uitbuitingsvorm").get_by_label("arbeidsuitbuiting").check()
    werkwijze = page.get_by_role("group", name="Werkwijze")
    werkwijze.get_by_text("Kies uit de lijst").click()  # the long optional list is folded (issue 14: tab stops)
    werkwijze.get_by_label("schuldslavernij").check()
    page.get_by_label("Plaats delict").fill("Utrecht")
    page.get_by_label("Achternaam").fill("Browsertest")
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("status")).to_contain_text("De melding is opgeslagen.")
    expect(page.get_by_role("heading", level=1)).to_contain_text("BROWSER-1")
    expect(page.locator("main")).not_to_contain_text("Browsertest")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Meldingen", exact=True).click()
    expect(page.get_by_role("table")).to_contain_text("BROWSER-1")
    assert not fouten, fouten  # htmx and zicht.js run under the CSP without errors


def test_formulier_met_fouten_geeft_foutoverzicht_met_focus(
    context: BrowserContext, page: Page, server: Server
) -> None:
    context.add_cookies([server.cookie_voor("melder")])
    page.goto(f"{server.url}/meldingen/nieuw")
    page.get_by_label("Melddatum").fill("2099-01-01")
    page.get_by_role("button", name="Melding opslaan").click()
    samenvatting = page.locator("#foutoverzicht")
    expect(samenvatting).to_be_visible()
    expect(samenvatting).to_be_focused()
    expect(page).to_have_title("Fout: Nieuwe melding – zicht")
    expect(samenvatting.get_by_role("link")).to_have_count(3)
    samenvatting.get_by_role("link", name="Melddatum: datum ligt in de toekomst").click()
    expect(page.get_by_label("Melddatum")).to_be_focused()
    expect(page.get_by_label("Melddatum")).to_have_attribute("aria-invalid", "true")


def test_upload_met_foute_rijen_toont_het_rijrapport(
    context: BrowserContext, page: Page, server: Server, tmp_path: Path
) -> None:
    context.add_cookies([server.cookie_voor("melder")])
    bestand = tmp_path / "meldingen.csv"
    bestand.write_text(
        "melder_referentie;melddatum;uitbuitingsvorm;plaats_delict\n"
        "B-1;2024-01-01;seksueel;Amsterdam\n"
        "B-2;2024-01-02;onzin;Amsterdam\n"
        "B-3;01-13-2024;seksueel;Amsterdam\n",
        encoding="utf-8",
    )
    page.goto(f"{server.url}/uploads")
    page.get_by_label("Bestand").set_input_files(bestand)
    page.get_by_role("button", name="Aanleveren").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Rijrapport van de aanlevering")
    expect(page.get_by_role("status")).to_contain_text(
        "3 rijen gelezen: 1 opgeslagen, 0 waren al aanwezig, 2 afgewezen."
    )
    tabel = page.get_by_role("table", name="Afgewezen rijen en de reden")
    expect(tabel.get_by_role("row")).to_have_count(3)
    expect(tabel).to_contain_text("uitbuitingsvorm")
    with page.expect_download() as download:
        page.get_by_role("link", name="Rijrapport downloaden (CSV)").click()
    assert download.value.suggested_filename.startswith("rijrapport-")


def test_gemeente_krijgt_geen_melding_te_zien(context: BrowserContext, page: Page, server: Server) -> None:
    melder = context.browser.new_context()  # type: ignore[union-attr]
    melder.add_cookies([server.cookie_voor("melder")])
    m = melder.new_page()
    m.goto(f"{server.url}/meldingen")
    melding_url = m.get_by_role("table").get_by_role("link").first.get_attribute("href")
    melder.close()
    assert melding_url
    context.add_cookies([server.cookie_voor("gemeente")])
    antwoord = page.goto(f"{server.url}{melding_url}")
    assert antwoord is not None and antwoord.status in (403, 404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Geen toegang")
    expect(page.get_by_role("navigation", name="Hoofdmenu")).not_to_contain_text("Meldingen")


def test_gemeente_suggesties_via_htmx(context: BrowserContext, page: Page, server: Server) -> None:
    context.add_cookies([server.cookie_voor("melder")])
    page.goto(f"{server.url}/meldingen/nieuw")
    with page.expect_response(lambda r: "/gemeenten/suggesties" in r.url):
        page.get_by_label("Plaats delict").press_sequentially("Den H", delay=20)
    expect(page.locator("#lijst-plaats_delict option[value='Den Haag']")).to_have_count(1)
    expect(page.locator("#status-plaats_delict")).to_contain_text("suggesties")


def test_waarschuwing_voor_het_einde_van_de_sessie(context: BrowserContext, page: Page, server: Server) -> None:
    context.add_cookies([server.cookie_voor("analist")])
    page.clock.install()
    page.goto(f"{server.url}/analyse/meldingen")
    waarschuwing = page.locator("#sessie-waarschuwing")
    expect(waarschuwing).to_be_hidden()
    idle = server.bed.settings.session_idle_minutes * 60
    page.clock.run_for((idle - 100) * 1000)
    expect(waarschuwing).to_be_visible()
    with page.expect_response(lambda r: r.url.endswith("/sessie/verlengen") and r.status == 204):
        waarschuwing.get_by_role("button", name="Ingelogd blijven").click()
    expect(waarschuwing).to_be_hidden()


def test_werkt_zonder_javascript(browser: object, server: Server) -> None:
    ctx = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    ctx.add_cookies([server.cookie_voor("melder")])
    page = ctx.new_page()
    page.goto(f"{server.url}/meldingen/nieuw")
    page.get_by_label("Uw referentie").fill("ZONDER-JS")
    page.get_by_label("Melddatum").fill("2024-05-05")
    page.get_by_role("group", name="Uitbuitingsvorm").get_by_label("criminele uitbuiting").check()
    page.get_by_label("Plaats delict").fill("'s-Gravenhage")  # the server resolves official and everyday names
    page.get_by_role("button", name="Melding opslaan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("ZONDER-JS")
    expect(page.locator("main")).to_contain_text("Den Haag")
    ctx.close()
