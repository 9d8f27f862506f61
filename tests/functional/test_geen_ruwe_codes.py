# SPDX-License-Identifier: EUPL-1.2
"""No raw codes on any page, in Dutch or English (issue 14): what a user reads is a label from the codebook or
the role list in the page's language, never a stored word like ``nationale_politie`` or a pair like
``politie:zorgcoordinatie``; and an English page shows no Dutch label of a code or role. Checked on the visible
text (``innerText``) of each role's pages in a real browser, with a few hundred meldingen in the registry;
technical identifiers marked up as ``<code>`` are exempt. axe-core checks every page on the way (WCAG 2.1 A/AA)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from tests.functional import test_toegankelijkheid as axe
from tests.functional.conftest import Server
from tests.functional.test_dashboard import meldingen as meldingen
from tests.web_support import nieuwe_melding
from zicht.codebook import alle_codelijsten
from zicht.domain.rollen import Rol

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

_ZICHTBARE_TEKST = """() => {
  const kloon = document.body.cloneNode(true);
  kloon.querySelectorAll('code, script, style, [hidden]').forEach(e => e.remove());
  return kloon.innerText;
}"""


def _codes() -> tuple[set[str], set[str]]:
    """Stored words that could be mistaken for nothing else (multi-word codes), and the Dutch labels that differ
    from their English ones (a Dutch label on an English page is untranslated)."""
    codes, nl_labels = set(), set()
    for naam, lijst in alle_codelijsten().items():
        for c in lijst.codes:
            if "_" in c.code:
                codes.add(c.code)
            if naam != "land" and c.nl.lower() != c.en.lower() and len(c.nl) > 6:
                nl_labels.add(c.nl)
    nl_labels |= {r.label_nl for r in Rol if r.label_nl != r.label_en and len(r.label_nl) > 6}
    return codes, nl_labels


def test_geen_ruwe_codes_in_nederlands_en_engels(browser: Browser, server: Server, meldingen: None) -> None:
    melding = nieuwe_melding(server.bed.als("melder"), melder_referentie="CODES-1")
    per_rol = {
        "melder": ["/", "/meldingen", f"/meldingen/{melding}", "/meldingen/nieuw", "/uploads"],
        "analist": [
            "/analyse/meldingen",
            f"/meldingen/{melding}",
            "/statistieken?periode=2023&niveau=veiligheidsregio&gebied=VR09",
            "/statistieken/vergelijken?periode=2023&niveau=veiligheidsregio&gebied=VR09",
            "/iceberg",
        ],
        "gemeente": ["/", "/statistieken"],
        "beheerder": ["/beheer", "/beheer/tokens"],
    }
    codes, nl_labels = _codes()
    gevonden: dict[str, list[str]] = {}
    wcag: dict[str, object] = {}
    for rol, paden in per_rol.items():
        ctx = browser.new_context(bypass_csp=True)  # bypass only so axe can be injected
        try:
            ctx.add_cookies([server.cookie_voor(rol)])
            page = ctx.new_page()
            page.set_default_timeout(60_000)
            for pad in paden:
                for taal in ("nl", "en"):
                    page.goto(f"{server.url}{pad}{'&' if '?' in pad else '?'}lang={taal}")
                    tekst = page.evaluate(_ZICHTBARE_TEKST)
                    woorden = set(re.findall(r"\b[a-z]+(?:_[a-z]+)+\b|\b[a-z_]+:[a-z_]+\b", tekst))
                    fout = sorted(w for w in woorden if w in codes or ":" in w)
                    if taal == "en":
                        fout += sorted(label for label in nl_labels if re.search(rf"\b{re.escape(label)}\b", tekst))
                    if fout:
                        gevonden[f"{rol} {taal} {pad}"] = fout[:8]
                    if schendingen := axe._scan(page):
                        wcag[f"{rol} {taal} {pad}"] = schendingen
        finally:
            ctx.close()
    assert not gevonden, gevonden
    assert not wcag, wcag
