# SPDX-License-Identifier: EUPL-1.2
"""The page language of a request. The texts themselves go through the one catalogue of :mod:`zicht.taal`.

Templates write ``{{ _("Meldingen") }}`` (optionally with ``{name}`` placeholders filled from keyword
arguments) and ``{{ ngettext("{n} melding", "{n} meldingen", aantal) }}``; routes use ``vertaler_voor(request)``.
The language comes from ``?lang=`` (which is then remembered in a cookie) or the cookie; the default is Dutch.
"""

from __future__ import annotations

from starlette.requests import HTTPConnection

from zicht.taal import N_, STANDAARD, TALEN, Vertaler, vertaler

__all__ = ["COOKIE", "N_", "STANDAARD", "TALEN", "Vertaler", "kies_taal", "vertaler", "vertaler_voor"]

COOKIE = "zicht_taal"


def kies_taal(conn: HTTPConnection) -> tuple[str, bool]:
    """The language for this request, and whether it was chosen just now (so the cookie must be set)."""
    gevraagd = conn.query_params.get("lang")
    if gevraagd in TALEN:
        return gevraagd, True
    bewaard = conn.cookies.get(COOKIE)
    return (bewaard if bewaard in TALEN else STANDAARD), False


def vertaler_voor(conn: HTTPConnection) -> Vertaler:
    """The translator into the language of this request."""
    return vertaler(kies_taal(conn)[0])
