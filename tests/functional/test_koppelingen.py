# SPDX-License-Identifier: EUPL-1.2
"""The linkage review queue in a real browser: an analyst logs in with TOTP, opens the queue, decides one pair
"same person", undoes it, decides another "different persons"; the queue shrinks, the decisions (and the undo)
are stored, and no name is shown. The identiteit role reveals both identities for a logged purpose."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Browser, Page, expect
from sqlalchemy import select

from tests.functional.conftest import Server, log_in
from tests.web_support import GEHEIME_NAAM, maak_beoordelingen, nieuwe_melding
from zicht.storage.tables import KoppelBeoordeling, KoppelBesluit, LogboekRecord

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


@pytest.fixture(scope="module")
def paren(server: Server) -> list[str]:
    """Three open review items over six new meldingen (in queue order)."""
    melder = server.bed.als("melder")
    ids = [
        nieuwe_melding(melder, melder_referentie=f"KOP-{uuid.uuid4().hex[:6]}", geslacht=g)
        for g in ("vrouw", "vrouw", "man", "man", "vrouw", "man")
    ]
    return maak_beoordelingen(server.bed.sessions, [(ids[0], ids[1]), (ids[2], ids[3]), (ids[4], ids[5])])


def _besluiten(server: Server, items: list[str]) -> list[KoppelBesluit]:
    with server.bed.sessions() as s:
        return list(
            s.scalars(
                select(KoppelBesluit)
                .where(KoppelBesluit.beoordeling_id.in_([uuid.UUID(i) for i in items]))
                .order_by(KoppelBesluit.genomen_op)
            )
        )


def _aantal(page: Page) -> int:
    tekst = page.locator("#aantal-te-beoordelen").inner_text()
    match = re.search(r"(\d+) paren te beoordelen", tekst)
    assert match, tekst
    return int(match.group(1))


def test_analist_werkt_de_wachtrij_af(page: Page, server: Server, paren: list[str]) -> None:
    eerste, tweede, _ = paren
    log_in(page, server, "analist")
    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Koppelingen beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Te beoordelen koppelingen")
    begin = _aantal(page)
    assert begin >= 3
    wachtrij = page.get_by_role("table", name="Open paren, meest leerzame eerst")
    expect(wachtrij).to_contain_text("80.0%")

    # the first pair: side by side, the comparison levels, no name
    wachtrij.get_by_role("link", name=f"Paar {eerste[:8]} beoordelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Paar {eerste[:8]} beoordelen")
    kenmerken = page.get_by_role("table", name="De twee meldingen")
    expect(kenmerken).to_contain_text("Melddatum")
    expect(kenmerken).to_contain_text("2024-03-01")
    expect(kenmerken).to_contain_text("Seksuele uitbuiting", ignore_case=True)
    niveaus = page.get_by_role("table", name="Vergelijkingen en hun gewicht")
    expect(niveaus).to_contain_text("fonetisch gelijk")
    expect(niveaus).to_contain_text("+6,1")
    assert GEHEIME_NAAM.split()[1] not in page.content()
    expect(page.get_by_role("heading", name="Identiteiten inzien")).to_have_count(0)

    # "same person", then undo
    page.get_by_role("button", name="Zelfde persoon").click()
    expect(page.get_by_role("status").filter(has_text="Besluit vastgelegd: zelfde persoon.")).to_be_visible()
    assert f"/analyse/koppelingen/{eerste}" not in page.url
    besluiten = _besluiten(server, paren)
    assert [(str(b.beoordeling_id), b.oordeel, b.rol) for b in besluiten] == [(eerste, "zelfde", "analist")]
    page.get_by_role("button", name="Ongedaan maken").click()
    expect(page.get_by_role("status").filter(has_text="Besluit ongedaan gemaakt")).to_be_visible()
    expect(page).to_have_url(f"{server.url}/analyse/koppelingen/{eerste}?melding=ongedaan")
    expect(page.get_by_role("button", name="Zelfde persoon")).to_be_visible()  # open again
    besluiten = _besluiten(server, paren)
    assert len(besluiten) == 1 and besluiten[0].ingetrokken_op is not None and besluiten[0].ingetrokken_door

    # the second pair: "different persons"
    page.get_by_role("link", name="Terug naar de wachtrij").click()
    assert _aantal(page) == begin
    page.get_by_role("link", name=f"Paar {tweede[:8]} beoordelen").click()
    page.get_by_role("button", name="Verschillende personen").click()
    expect(page.get_by_role("status").filter(has_text="verschillende personen")).to_be_visible()
    page.get_by_role("link", name="Terug naar de wachtrij").click()
    assert _aantal(page) == begin - 1
    expect(page.get_by_role("link", name=f"Paar {tweede[:8]} beoordelen")).to_have_count(0)
    expect(page.get_by_role("link", name=f"Paar {eerste[:8]} beoordelen")).to_be_visible()

    besluiten = _besluiten(server, paren)
    actief = [(str(b.beoordeling_id), b.oordeel) for b in besluiten if b.ingetrokken_op is None]
    assert actief == [(tweede, "verschillend")]
    with server.bed.sessions() as s:
        status = {str(i.id): i.status for i in s.scalars(select(KoppelBeoordeling))}
        koppelen = s.scalars(select(LogboekRecord).where(LogboekRecord.actie == "koppelen")).all()
    assert status[eerste] == "open" and status[tweede] == "besloten"
    assert len(koppelen) >= 3  # decide, undo, decide


def test_identiteit_rol_onthult_met_doel_en_het_wordt_gelogd(
    browser: Browser, server: Server, paren: list[str]
) -> None:
    ctx = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        ctx.add_cookies([server.cookie_voor("identiteit")])
        page = ctx.new_page()
        derde = paren[2]
        page.goto(f"{server.url}/analyse/koppelingen/{derde}")
        assert GEHEIME_NAAM.split()[1] not in page.content()
        page.get_by_role("button", name="Identiteiten tonen").click()
        # a purpose from the list and a case reference, as for one melding (issue 15: no free text alone)
        expect(page.get_by_text("Kies een doel uit de lijst.").first).to_be_visible()
        page.get_by_label("Doel").select_option("koppelcontrole")
        page.get_by_label("Zaaknummer").fill("CM-2026-17")
        page.get_by_role("button", name="Identiteiten tonen").click()
        expect(page.get_by_role("table", name="Identiteiten")).to_contain_text(GEHEIME_NAAM.split()[1])
        with server.bed.sessions() as s:
            onthuld = s.scalars(
                select(LogboekRecord).where(
                    LogboekRecord.actie == "onthullen", LogboekRecord.doel == "koppelcontrole | zaak CM-2026-17"
                )
            ).all()
        assert len(onthuld) == 2
    finally:
        ctx.close()
