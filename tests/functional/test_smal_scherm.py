# SPDX-License-Identifier: EUPL-1.2
"""Every role's main pages are usable at 360 px (issue 14 item 5): the page never scrolls sideways (wide
tables scroll inside their own focusable container), measured with ``scrollWidth`` in a real browser."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser

from tests.functional.conftest import Server
from tests.functional.test_gemeente_vergelijken import _UITSTEKERS
from tests.web_support import maak_beoordelingen, nieuwe_melding

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_geen_horizontale_scroll_op_360_px(browser: Browser, server: Server) -> None:
    melder = server.bed.als("melder")
    m = nieuwe_melding(melder, melder_referentie="SMAL-1")
    tweede = nieuwe_melding(melder, melder_referentie="SMAL-2")
    paar = maak_beoordelingen(server.bed.sessions, [(m, tweede)])[0]
    per_rol = {
        "melder": ["/", "/meldingen", "/meldingen/nieuw", f"/meldingen/{m}", f"/meldingen/{m}/corrigeren", "/uploads"],
        "analist": ["/analyse/meldingen", f"/meldingen/{m}", "/analyse/koppelingen", f"/analyse/koppelingen/{paar}"],
        "identiteit": [f"/meldingen/{m}/identiteit"],
        "beheerder": ["/beheer", "/beheer/gebruikers", "/beheer/tokens", "/account"],
        "opvang": ["/opvang"],
    }
    te_breed: dict[str, Any] = {}
    for rol, paden in per_rol.items():
        ctx = browser.new_context(viewport={"width": 360, "height": 780})
        try:
            ctx.add_cookies([server.cookie_voor(rol)])
            page = ctx.new_page()
            page.set_default_timeout(30_000)
            for pad in paden:
                page.goto(server.url + pad)
                breed = page.evaluate(
                    "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
                if breed[0] > breed[1]:
                    te_breed[f"{rol} {pad}"] = (breed, page.evaluate(_UITSTEKERS))
        finally:
            ctx.close()
    assert not te_breed, te_breed
