# SPDX-License-Identifier: EUPL-1.2
"""One number and date formatter per language, for every page, chart, export and PDF (Babel, CLDR data).

Dutch writes ``11.242`` and ``98,8%``, English ``11,242`` and ``98.8%``. Every text zicht shows with a number
in it comes through here (:func:`zicht.analysis.tabel.format_getal` builds on :func:`getal`), so a page never
mixes ``98.8%`` with ``+13,5``. CSV files use :func:`csv_getal`: no thousands separator, the language's
decimal sign (what a spreadsheet of that language reads as a number).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

#: The locale of each language zicht speaks.
LOCALES = {"nl": "nl_NL", "en": "en_GB"}
#: The CSV dialect of each language: Dutch Excel splits on ``;`` and reads a decimal comma.
CSV_SCHEIDING = {"nl": ";", "en": ","}


def locale(taal: str) -> str:
    """The Babel locale of a language (``nl`` when unknown)."""
    return LOCALES.get(taal, LOCALES["nl"])


def _patroon(decimalen: int, groepering: bool) -> str:
    geheel = "#,##0" if groepering else "0"
    return geheel + ("." + "0" * decimalen if decimalen > 0 else "")


@lru_cache(maxsize=8)
def symbolen(taal: str) -> tuple[str, str, str]:
    """The decimal sign, group separator and percent sign of a language, from Babel's CLDR data."""
    tekens = Locale.parse(locale(taal)).number_symbols["latn"]
    return tekens["decimal"], tekens["group"], tekens["percentSign"]


def getal(waarde: float, decimalen: int = 0, taal: str = "nl", *, groepering: bool = True) -> str:
    """A number with a fixed number of decimals: ``getal(11242.0) == '11.242'``, ``getal(9.66, 1, 'en') == '9.7'``.

    Fixed patterns are applied directly with the locale's symbols: Babel's general pattern engine costs about
    10 µs a number, and a table formats thousands (the equality with Babel is a test)."""
    decimaal, groep, _ = symbolen(taal)
    tekst = f"{waarde:,.{decimalen}f}" if groepering else f"{waarde:.{decimalen}f}"
    if tekst.startswith("-") and not any(c not in "-0.," for c in tekst):
        tekst = tekst[1:]  # no "-0,0"
    return tekst.replace(",", "\0").replace(".", decimaal).replace("\0", groep)


def procent(aandeel: float, decimalen: int = 0, taal: str = "nl") -> str:
    """A share as a percentage: ``procent(0.988, 1) == '98,8%'``; English ``98.8%``."""
    return getal(aandeel * 100, decimalen, taal) + symbolen(taal)[2]


def verschil_procent(procenten: float, taal: str = "nl") -> str:
    """A signed change in whole percents: ``+13%``, ``-4%``."""
    tekst = getal(procenten, 0, taal)
    return ("" if tekst.startswith("-") or tekst == "0" else "+") + tekst + symbolen(taal)[2]


def datum(dag: date | None, taal: str = "nl") -> str:
    """A date in words: ``7 december 2026``, ``7 December 2026``; ``–`` for none."""
    return "–" if dag is None else format_date(dag, format="long", locale=locale(taal))


def csv_getal(waarde: float, decimalen: int, taal: str) -> str:
    """A number for a CSV file: no thousands separator, the language's decimal sign (``9,7`` / ``9.7``)."""
    return getal(waarde, decimalen, taal, groepering=False)
