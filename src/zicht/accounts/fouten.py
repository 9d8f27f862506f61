# SPDX-License-Identifier: EUPL-1.2
"""The error type of the account functions: a Dutch message with its placeholders kept apart, so the web app
can show it in the page language (the Dutch text is the key of the English catalogue) and the CLI prints it."""

from __future__ import annotations


class Accountfout(ValueError):
    """An account action cannot be done as asked. ``tekst`` is Dutch source text with ``{name}`` placeholders
    filled from ``waarden``; ``veld`` names the form field it is about (empty when none)."""

    def __init__(self, tekst: str, veld: str = "", **waarden: object) -> None:
        super().__init__(tekst.format(**waarden) if waarden else tekst)
        self.tekst = tekst
        self.veld = veld
        self.waarden = waarden


class Gebruikersfout(Accountfout):
    """An account cannot be created or changed as asked; ``tekst`` says why (Dutch source text)."""
