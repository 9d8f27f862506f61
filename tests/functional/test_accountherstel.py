# SPDX-License-Identifier: EUPL-1.2
"""In a real browser: a beheerder resets a user's forgotten password; the user logs in with the one-time password,
chooses a new one, enrols the second factor from the QR code page (the test reads the secret from the page's
otpauth URI, as a user who cannot scan would type it), gets recovery codes, and logs in again. Every page on the
way has no WCAG 2.1 A/AA violation (axe-core)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import REPO_ROOT
from tests.functional.conftest import Server, _verse_code
from zicht.accounts import Beveiliging, maak_gebruiker, zet_totp
from zicht.storage import transaction

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NAAM = "browser-vergeetachtig"
NIEUW = "mijn-eigen-lange-zin-42"


def _axe(page: Page) -> list[Any]:
    page.add_script_tag(path=str(AXE))
    resultaat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG,
    )
    return [(page.url, v["id"], [n["target"] for n in v["nodes"]][:3]) for v in resultaat["violations"]]


@pytest.fixture
def contexten(browser: Browser) -> Iterator[tuple[BrowserContext, BrowserContext]]:
    # the scan injects axe-core, which the pages' CSP (no foreign script) would refuse
    beheer, gebruiker = browser.new_context(bypass_csp=True), browser.new_context(bypass_csp=True)
    yield beheer, gebruiker
    beheer.close()
    gebruiker.close()


def test_beheerder_herstelt_wachtwoord_en_gebruiker_koppelt_totp_met_qr_code(
    server: Server, contexten: tuple[BrowserContext, BrowserContext]
) -> None:
    bed = server.bed
    bev = Beveiliging.from_settings(bed.settings)
    with transaction(bed.app.state.zicht.sessions) as s:
        g = maak_gebruiker(s, bev, gebruikersnaam=NAAM, naam="Vergeetachtige Analist", rol="analist",
                           wachtwoord="het-oude-vergeten-wachtwoord")  # fmt: skip
        zet_totp(bev, g)  # an enrolled phone: the reset must replace it too
    schendingen: list[Any] = []
    beheer_ctx, gebruiker_ctx = contexten
    beheer_ctx.add_cookies([server.cookie_voor("beheerder")])  # type: ignore[list-item]

    # the beheerder finds the user, ticks the confirmation and resets the password
    beheer = beheer_ctx.new_page()
    beheer.goto(f"{server.url}/beheer/gebruikers")
    beheer.get_by_role("link", name=NAAM).click()
    expect(beheer.get_by_role("heading", level=1)).to_contain_text(NAAM)
    schendingen += _axe(beheer)
    beheer.get_by_role("button", name="Wachtwoord herstellen").click()  # not ticked: refused, nothing happens
    expect(beheer.get_by_role("alert")).to_contain_text("Vink eerst aan dat u dit zeker weet.")
    beheer.locator("#herstel-bevestig-ja").check()
    beheer.get_by_role("button", name="Wachtwoord herstellen").click()
    eenmalig = beheer.locator("#eenmalig-wachtwoord").inner_text().strip()
    assert len(eenmalig) >= 12
    schendingen += _axe(beheer)

    # the user logs in with it and must choose an own password
    pagina = gebruiker_ctx.new_page()
    pagina.set_default_timeout(20_000)
    pagina.goto(f"{server.url}/inloggen")
    pagina.get_by_label("Gebruikersnaam").fill(NAAM)
    pagina.get_by_label("Wachtwoord").fill(eenmalig)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/inloggen/nieuw-wachtwoord**")
    schendingen += _axe(pagina)
    pagina.get_by_label("Nieuw wachtwoord").fill(NIEUW)
    pagina.get_by_label("Herhaal het nieuwe wachtwoord").fill(NIEUW)
    pagina.get_by_role("button", name="Wachtwoord opslaan").click()

    # then enrols a new second factor from the QR code page
    pagina.wait_for_url("**/inloggen/koppelen**")
    qr = pagina.get_by_role("img", name="QR-code om zicht aan uw authenticator-app toe te voegen")
    expect(qr).to_be_visible()
    assert (qr.bounding_box() or {}).get("width", 0) >= 100
    schendingen += _axe(pagina)
    uri = pagina.locator(".zicht-uri").inner_text()
    assert uri.startswith("otpauth://totp/") and NAAM in uri
    geheim = re.search(r"secret=([A-Z2-7]+)", uri).group(1)  # type: ignore[union-attr]
    assert geheim == pagina.locator(".zicht-geheim").inner_text().replace(" ", "")
    pagina.get_by_label("Code").fill(_verse_code(geheim))
    pagina.get_by_role("button", name="Koppelen en inloggen").click()

    # recovery codes, shown once; then on to the start page, logged in
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Uw herstelcodes")
    assert pagina.locator(".zicht-herstelcode").count() == 10
    schendingen += _axe(pagina)
    pagina.get_by_role("link", name="Ik heb de codes bewaard, doorgaan").click()
    pagina.wait_for_url(f"{server.url}/")
    pagina.get_by_role("button", name="Uitloggen").click()
    pagina.wait_for_url("**/inloggen?uitgelogd=1")

    # and logs in again with the new password and the newly enrolled app
    pagina.get_by_label("Gebruikersnaam").fill(NAAM)
    pagina.get_by_label("Wachtwoord").fill(NIEUW)
    pagina.get_by_role("button", name="Inloggen").click()
    pagina.wait_for_url("**/inloggen/code**")
    pagina.get_by_label("Code").fill(_verse_code(geheim))
    pagina.get_by_role("button", name="Bevestigen").click()
    pagina.wait_for_url(f"{server.url}/")
    pagina.goto(f"{server.url}/account")
    expect(pagina.get_by_role("heading", level=1)).to_have_text("Mijn account")
    expect(pagina.locator("main")).to_contain_text(NAAM)
    schendingen += _axe(pagina)

    # the beheerder's account logboek shows what happened, and nothing of meldingen
    beheer.goto(f"{server.url}/beheer/logboek")
    expect(beheer.locator("main")).to_contain_text("wachtwoord hersteld door beheerder")
    expect(beheer.locator("main")).to_contain_text("tweede factor gekoppeld")
    schendingen += _axe(beheer)
    assert not schendingen, schendingen
