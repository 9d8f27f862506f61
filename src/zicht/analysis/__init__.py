# SPDX-License-Identifier: EUPL-1.2
"""Analysis: regional statistics with disclosure control, trends, data quality, exports; MSE in ``mse``.

Statistics (issue "Statistieken") work on a minimised, pseudonymised extract of the registry in DuckDB
(:mod:`~.extract`), count persons or meldingen by period x area x breakdown (:mod:`~.tellingen`), protect
every table that leaves the analyst role (:mod:`~.beveiliging`, :mod:`~.cijfers`) and present typed tables
(:mod:`~.tabel`) through one role-aware entry point::

    from zicht.analysis import Periode, Statistiekdienst, Tabelsoort, Verzoek

    dienst = Statistiekdienst.uit_registratie(engine, referentie, DisclosurePolicy.from_settings(settings))
    tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, Periode.jaar(2024)), rol="gemeente")

Names are imported lazily, so ``import zicht.analysis.mse`` does not load DuckDB, fpdf2 or openpyxl.
"""

from __future__ import annotations

import importlib
from typing import Any

_NAMEN: dict[str, str] = {
    # requests and the entry point
    "Statistiekdienst": "publicatie",
    "Verzoek": "publicatie",
    "Tabelsoort": "publicatie",
    "BuitenBereik": "publicatie",
    "ANALIST_ROLLEN": "publicatie",
    "PUBLIEK": "publicatie",
    "is_beveiligd": "publicatie",
    "met_en_zonder": "groepen",
    "NietBeschikbaar": "tabelcontext",
    "Bereik": "gebieden",
    # dimensions
    "Eenheid": "dimensies",
    "Gebiedsbasis": "dimensies",
    "Periode": "dimensies",
    "Periodesoort": "dimensies",
    "Uitsplitsing": "dimensies",
    "Kwaliteitsgroep": "kwaliteit",
    # data and counts
    "Extract": "extract",
    "ExtractBron": "extract",
    "RuweGegevens": "extract",
    "Vintage": "extract",
    "lees_register": "extract",
    "lees_vintage": "extract",
    "maak_extract": "extract",
    "Filter": "tellingen",
    "Kubus": "tellingen",
    "tel": "tellingen",
    "top_nationaliteiten": "tellingen",
    "tel_kwaliteit": "kwaliteit",
    "cijfers": "cijfers",
    # trends
    "Oordeel": "trends",
    "Verandering": "trends",
    "verandering": "trends",
    "verandering_tussen": "trends",
    # results and outputs
    "Tabel": "tabel",
    "Kolom": "tabel",
    "Kolomsoort": "tabel",
    "Markering": "tabel",
    "Metadata": "tabel",
    "Waarde": "tabel",
    "Dashboard": "dashboard",
    "maak_dashboard": "dashboard",
    "naar_csv": "export",
    "naar_xlsx": "export",
    "registreer_export": "export",
    "maak_factsheet": "factsheet",
    "kaart_svg": "kaart",
    "trend_svg": "grafiek",
    "staaf_svg": "grafiek",
    "methodetekst": "methode",
}

__all__ = sorted(_NAMEN)


def __getattr__(naam: str) -> Any:
    """Import a public name on first use."""
    module = _NAMEN.get(naam)
    if module is None:
        raise AttributeError(f"module 'zicht.analysis' has no attribute {naam!r}")
    waarde = getattr(importlib.import_module(f"zicht.analysis.{module}"), naam)
    globals()[naam] = waarde
    return waarde


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
