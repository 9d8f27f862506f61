# SPDX-License-Identifier: EUPL-1.2
"""A small gettext-like translation layer: Dutch is the source language, English a catalogue.

Templates write ``{{ _("Meldingen") }}`` (optionally with ``{name}`` placeholders filled from keyword
arguments). In English the catalogue is consulted; a missing entry falls back to the Dutch text, and a test
checks that every text used in a template has an entry. The language comes from ``?lang=`` (which is then
remembered in a cookie) or the cookie; the default is Dutch.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from starlette.requests import HTTPConnection

from zicht.web.i18n.en import EN

TALEN = ("nl", "en")
STANDAARD = "nl"
COOKIE = "zicht_taal"

Vertaler = Callable[..., str]


def kies_taal(conn: HTTPConnection) -> tuple[str, bool]:
    """The language for this request, and whether it was chosen just now (so the cookie must be set)."""
    gevraagd = conn.query_params.get("lang")
    if gevraagd in TALEN:
        return gevraagd, True
    bewaard = conn.cookies.get(COOKIE)
    return (bewaard if bewaard in TALEN else STANDAARD), False


def vertaler(taal: str, extra: Mapping[str, str] | None = None) -> Vertaler:
    """A function translating Dutch source text into ``taal``."""
    catalogus: Mapping[str, str] = {**EN, **(extra or {})} if taal == "en" else {}

    def _(tekst: str, **waarden: object) -> str:
        vertaald = catalogus.get(tekst, tekst)
        return vertaald.format(**waarden) if waarden else vertaald

    return _


def catalogus(extra: Mapping[str, str] | None = None) -> Mapping[str, str]:
    """The full English catalogue (for completeness tests)."""
    return {**EN, **(extra or {})}
