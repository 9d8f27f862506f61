# SPDX-License-Identifier: EUPL-1.2
"""Browser-test fixtures: a uvicorn server over a fresh SQLite database on a free loopback port, and Debian's
chromium driven by Playwright (which cannot download its own browser here)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uvicorn
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.web_support import WebBed, maak_testbed
from zicht.accounts import sessies, totp
from zicht.accounts.sessies import Stap
from zicht.storage import transaction
from zicht.web.auth.cookies import SESSIE

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
]


@dataclass
class Server:
    """A running app: its base URL and the test bed behind it."""

    url: str
    bed: WebBed

    def cookie_voor(self, rol: str, gebruikersnaam: str | None = None) -> dict[str, str]:
        """A session cookie for ``rol`` (a complete login without the UI)."""
        naam = gebruikersnaam or self.bed.accounts[rol].gebruikersnaam
        with transaction(self.bed.sessions) as s:
            token = sessies.start_sessie(s, self.bed.gebruiker_id(naam), Stap.volledig)
        return {"name": SESSIE, "value": token, "url": self.url}


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    bed = maak_testbed(tmp_path_factory.mktemp("browser"))
    poort = _vrije_poort()
    uv = uvicorn.Server(uvicorn.Config(bed.app, host="127.0.0.1", port=poort, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not uv.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    yield Server(f"http://127.0.0.1:{poort}", bed)
    uv.should_exit = True
    thread.join(timeout=10)
    bed.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} ontbreekt: apt-get install chromium (zie .ci/run)")
    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    ctx = browser.new_context(locale="nl-NL")
    yield ctx
    ctx.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    p = context.new_page()
    p.set_default_timeout(20_000)
    return p


_gebruikte_stap: dict[str, int] = {}


def _verse_code(geheim: str) -> str:
    """A TOTP code the server has not yet accepted for this account.

    The server refuses a step it has already seen (replay protection) and accepts one step of clock drift
    either side. Two logins of the same account within one 30-second step (e.g. the analyst in two test
    modules on the session-wide server) therefore use the next step's code, and wait only when that one
    is used as well.
    """
    nu = time.time()
    stap = max(int(nu // totp.STAP_SECONDEN), _gebruikte_stap.get(geheim, -1) + 1)
    wacht = (stap - 1) * totp.STAP_SECONDEN - nu
    if wacht > 0:
        time.sleep(wacht + 0.5)
    _gebruikte_stap[geheim] = stap
    return totp.code_voor(geheim, stap * totp.STAP_SECONDEN)


def log_in(page: Page, server: Server, rol: str) -> None:
    """Log in through the pages: user name and password, then the TOTP code computed with pyotp."""
    acc = server.bed.accounts[rol]
    page.goto(f"{server.url}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(acc.gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(acc.wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/code**")
    page.get_by_label("Code").fill(_verse_code(acc.totp_geheim))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{server.url}/")
