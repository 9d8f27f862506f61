# SPDX-License-Identifier: EUPL-1.2
"""Intake: validation and storage of meldingen from every route (form, API, bulk file)."""

from zicht.intake.columns import IDENTIFICERENDE_KOLOMMEN, KOLOM_NAMEN, KOLOMMEN, Kolom, canonical_column
from zicht.intake.store import OpslagResultaat, bewaar_meldingen
from zicht.intake.validate import REDACTED, Fout, Validator

__all__ = [
    "IDENTIFICERENDE_KOLOMMEN",
    "KOLOMMEN",
    "KOLOM_NAMEN",
    "REDACTED",
    "Fout",
    "Kolom",
    "OpslagResultaat",
    "Validator",
    "bewaar_meldingen",
    "canonical_column",
]
