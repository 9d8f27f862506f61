# SPDX-License-Identifier: EUPL-1.2
"""One language layer for every text a person reads: gettext with Dutch as the source language.

The message id is the Dutch text; English lives in ``locale/en/LC_MESSAGES/zicht.po`` (a gettext catalogue kept
by Babel: ``make vertalingen`` extracts the texts of the code and the templates and updates the catalogue). Both
the web pages and the analysis (tables, charts, factsheets) translate through :func:`vertaler`, so there is one
catalogue and one way to write a text:

    _ = vertaler(taal)
    _("Meldingen")                                          # gettext
    _("Welkom, {naam}", naam=naam)                          # placeholders in str.format style
    _.ngettext("{n} melding", "{n} meldingen", aantal)      # plural; {n} is the count
    _.pgettext("uitsplitsing", "totaal")                    # a context when one Dutch text needs two translations
    LABELS = {"x": N_("tekst")}  ...  _(LABELS["x"])        # marked for extraction, translated where shown
    Tekst("{n} personen geregistreerd", n=12)               # made where the language is not known yet; it is
                                                            # the Dutch text (a str), and _(tekst) translates it

The catalogue is read from the ``.po`` file when a language is first asked for (and compiled in memory), not
from a compiled ``.mo``: the repository, a clean clone and an installed wheel then have exactly one source of
truth, and nothing has to be built before the pages, the tests or the CLI can run (docs/adr/0009).
A text missing from the catalogue falls back to the Dutch source; ``tests/unit/test_vertalingen.py`` fails
when any extracted text has no English translation.
"""

from __future__ import annotations

import gettext
import io
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["DOMEIN", "LOCALE", "N_", "STANDAARD", "TALEN", "Tekst", "Vertaler", "po_bestand", "vertaler"]

#: The languages of the interface; the first is the source language (the message ids).
TALEN: tuple[str, ...] = ("nl", "en")
STANDAARD = "nl"
#: The gettext domain and the directory of the catalogues (``<taal>/LC_MESSAGES/<domein>.po``).
DOMEIN = "zicht"
LOCALE = Path(__file__).resolve().parent / "locale"


def N_(tekst: str) -> str:  # noqa: N802 - the gettext convention, and the name Babel extracts
    """Mark a text for extraction without translating it here (it is translated where it is shown)."""
    return tekst


def po_bestand(taal: str) -> Path:
    """The catalogue file of a target language."""
    return LOCALE / taal / "LC_MESSAGES" / f"{DOMEIN}.po"


class Tekst(str):
    """A text made where the language is not known yet (a table built once for every reader, an estimate kept in
    a cache): the Dutch source text with its values filled in, so it is the Dutch text wherever a ``str`` is used
    (JSON, logs, tests), and it remembers its source and values so that ``_(tekst)`` shows it in another language.
    A value may itself be a :class:`Tekst`, or have ``in_taal(taal)`` (a number formatted per language).
    Babel extracts ``Tekst("…")`` like ``_("…")`` (the keyword is configured in ``[tool.babel]``)."""

    bron: str
    waarden: dict[str, object]

    def __new__(cls, bron: str, /, **waarden: object) -> Tekst:
        tekst = super().__new__(
            cls, bron.format(**{k: _in_taal(v, STANDAARD) for k, v in waarden.items()}) if waarden else bron
        )
        tekst.bron = bron
        tekst.waarden = waarden
        return tekst

    def __reduce__(self) -> tuple[Any, ...]:
        return _tekst, (self.bron, self.waarden)


def _tekst(bron: str, waarden: dict[str, object]) -> Tekst:
    return Tekst(bron, **waarden)


def _in_taal(waarde: object, taal: str) -> object:
    if isinstance(waarde, Tekst):
        return vertaler(taal)(waarde)
    in_taal = getattr(waarde, "in_taal", None)
    return in_taal(taal) if callable(in_taal) else waarde


class Vertaler:
    """Translates Dutch source text into one language; ``{naam}`` placeholders are filled from keywords."""

    def __init__(self, taal: str, vertalingen: gettext.NullTranslations) -> None:
        self.taal = taal
        self._vertalingen = vertalingen

    def __call__(self, tekst: str, /, **waarden: object) -> str:
        if isinstance(tekst, Tekst) and not waarden:
            waarden = tekst.waarden
            tekst = tekst.bron
        vertaald = self._vertalingen.gettext(tekst)
        return vertaald.format(**{k: _in_taal(v, self.taal) for k, v in waarden.items()}) if waarden else vertaald

    def ngettext(self, enkelvoud: str, meervoud: str, aantal: int, /, **waarden: object) -> str:
        """The singular or plural form for ``aantal`` (``{n}`` is ``aantal`` unless given as a keyword)."""
        return self._vertalingen.ngettext(enkelvoud, meervoud, aantal).format(**{"n": aantal, **waarden})

    def pgettext(self, context: str, tekst: str, /, **waarden: object) -> str:
        """A text whose translation depends on a context (one Dutch word, two English ones)."""
        vertaald = self._vertalingen.pgettext(context, tekst)
        return vertaald.format(**waarden) if waarden else vertaald

    def __repr__(self) -> str:
        return f"Vertaler({self.taal!r})"


@cache
def vertaler(taal: str) -> Vertaler:
    """The translator into ``taal``; the source language, or a language without a catalogue, gives Dutch."""
    if taal == STANDAARD or taal not in TALEN:
        return Vertaler(STANDAARD, gettext.NullTranslations())
    # imported here: Babel is needed once per process and language, not by every command that imports a label
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_bestand(taal).open("rb") as f:
        catalogus = read_po(f, locale=taal, domain=DOMEIN)
    mo = io.BytesIO()
    write_mo(mo, catalogus, use_fuzzy=False)  # a fuzzy entry is a guess nobody checked: Dutch until it is
    mo.seek(0)
    return Vertaler(taal, gettext.GNUTranslations(mo))
