# SPDX-License-Identifier: EUPL-1.2
"""An axe-core scan of every page (each role's pages, error states, error pages, the UI gallery, English) finds
no WCAG 2.1 A/AA violation. axe-core comes from node_modules; the scan context bypasses the CSP so the script
can be injected (the pages themselves allow no inline or foreign script)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.conftest import REPO_ROOT
from tests.functional.conftest import Server
from tests.web_support import maak_beoordelingen, nieuwe_melding

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="module")
def gegevens(server: Server) -> dict[str, str]:
    melder = server.bed.als("melder")
    melding = nieuwe_melding(melder, melder_referentie=f"AXE-{uuid.uuid4().hex[:6]}")
    from tests.web_support import csrf_van

    r = melder.post(
        "/uploads",
        data={"csrf_token": csrf_van(melder.get("/uploads").text)},
        files={"bestand": ("m.csv", b"melder_referentie,melddatum,uitbuitingsvorm\nX-1,2024-01-01,vis\n")},
    )
    # an upload runs as a job: the form redirects to its page (/uploads/{id}); wait until it has run
    from tests.integration.upload_helpers import wacht_op_uploads

    assert r.status_code == 303, r.status_code
    upload = r.headers["location"].rstrip("/").rsplit("/", 1)[-1]
    wacht_op_uploads(server.bed.app)
    tweede = nieuwe_melding(melder, melder_referentie=f"AXE-{uuid.uuid4().hex[:6]}")
    paar = maak_beoordelingen(server.bed.sessions, [(melding, tweede)])[0]
    return {"melding": melding, "upload": upload, "paar": paar}


def _scan(page: Page) -> list[dict[str, Any]]:
    assert AXE.is_file(), "node_modules/axe-core ontbreekt: voer 'npm ci' uit"
    page.add_script_tag(path=str(AXE))
    resultaat = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        WCAG,
    )
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in resultaat["violations"]
    ]


@pytest.fixture
def scanner(browser: Browser, server: Server) -> Iterator[Any]:
    contexten: list[BrowserContext] = []

    def maak(rol: str | None) -> Page:
        ctx = browser.new_context(bypass_csp=True)
        contexten.append(ctx)
        if rol:
            naam = "melder-b" if rol == "melder_b" else None
            ctx.add_cookies([server.cookie_voor("melder" if rol == "melder_b" else rol, naam)])
        return ctx.new_page()

    yield maak
    for ctx in contexten:
        ctx.close()


def _bezoek(page: Page, url: str, fouten: dict[str, Any]) -> None:
    page.goto(url)
    gevonden = _scan(page)
    if gevonden:
        fouten[url] = gevonden


def test_geen_wcag_schendingen_op_enige_pagina(scanner: Any, server: Server, gegevens: dict[str, str]) -> None:
    u = server.url
    m, up, k = gegevens["melding"], gegevens["upload"], gegevens["paar"]
    per_rol = {
        None: ["/", "/inloggen", "/privacy", "/toegankelijkheid", "/pagina-bestaat-niet"],
        "melder": [
            "/",
            "/meldingen",
            "/meldingen/nieuw",
            f"/meldingen/{m}?aangemaakt=1",
            "/uploads",
            f"/uploads/{up}",
            "/mijn-gegevens",
            "/meldingen/nieuw?lang=en",
            "/beheer",
            f"/meldingen/{m}/corrigeren",
            "/meldingen?jaar=0&gemeente=Atlantis",
            "/account",
        ],
        "analist": [
            "/analyse/meldingen",
            "/analyse/meldingen?persoon=geen-pseudoniem&ingetrokken=ja",
            f"/meldingen/{m}",
            "/logboek",
            "/analyse/koppelingen",
            f"/analyse/koppelingen/{k}",
        ],
        "identiteit": [f"/meldingen/{m}/identiteit", f"/analyse/koppelingen/{k}"],
        "gemeente": ["/"],
        "beheerder": [
            "/beheer",
            "/beheer/gebruikers",
            "/beheer/organisaties",
            "/beheer/tokens",
            "/beheer/logboek",
            "/ui",
            "/account",
        ],
    }
    fouten: dict[str, Any] = {}
    for rol, paden in per_rol.items():
        page = scanner(rol)
        for pad in paden:
            _bezoek(page, u + pad, fouten)

    # states after a submit: the form's error summary, the identity reveal, the logboek result
    page = scanner("melder")
    page.goto(f"{u}/meldingen/nieuw")
    page.get_by_role("button", name="Melding opslaan").click()
    if gevonden := _scan(page):
        fouten["melding-fouten"] = gevonden
    page = scanner("identiteit")
    page.goto(f"{u}/meldingen/{m}/identiteit")
    page.get_by_label("Doel").select_option("koppelcontrole")
    page.get_by_label("Zaaknummer").fill("CM-2026-17")
    page.get_by_role("button", name="Identiteit tonen").click()
    if gevonden := _scan(page):
        fouten["onthuld"] = gevonden
    page = scanner("identiteit")
    page.goto(f"{u}/analyse/koppelingen/{k}")
    page.get_by_role("button", name="Identiteiten tonen").click()
    if gevonden := _scan(page):
        fouten["koppeling-doel-fout"] = gevonden
    page.get_by_label("Doel").select_option("koppelcontrole")
    page.get_by_label("Zaaknummer").fill("CM-2026-18")
    page.get_by_role("button", name="Identiteiten tonen").click()
    if gevonden := _scan(page):
        fouten["koppeling-onthuld"] = gevonden
    page = scanner("analist")
    page.goto(f"{u}/analyse/koppelingen/{k}")
    page.get_by_role("button", name="Zelfde persoon").click()
    if gevonden := _scan(page):
        fouten["koppeling-besloten"] = gevonden
    page.get_by_role("button", name="Ongedaan maken").click()
    if gevonden := _scan(page):
        fouten["koppeling-ongedaan"] = gevonden
    page.goto(f"{u}/logboek")
    page.get_by_label("Pseudoniem van de persoon").fill(str(uuid.uuid4()))
    page.get_by_role("button", name="Verwerkingen tonen").click()
    if gevonden := _scan(page):
        fouten["logboek-resultaat"] = gevonden
    page = scanner(None)
    page.goto(f"{u}/inloggen")
    page.get_by_label("Gebruikersnaam").fill("niemand")
    page.get_by_label("Wachtwoord").fill("verkeerd-verkeerd")
    page.get_by_role("button", name="Inloggen").click()
    if gevonden := _scan(page):
        fouten["inloggen-fout"] = gevonden
    assert not fouten, json.dumps(fouten, indent=2)


def test_tweede_factor_paginas_zijn_toegankelijk(scanner: Any, server: Server) -> None:
    acc = server.bed.accounts["opvang"]
    page = scanner(None)
    page.goto(f"{server.url}/inloggen")
    page.get_by_label("Gebruikersnaam").fill(acc.gebruikersnaam)
    page.get_by_label("Wachtwoord").fill(acc.wachtwoord)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url("**/inloggen/code**")
    assert _scan(page) == []
    page.get_by_label("Code").fill("000000")
    page.get_by_role("button", name="Bevestigen").click()
    assert _scan(page) == []
