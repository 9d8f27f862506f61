# SPDX-License-Identifier: EUPL-1.2
"""The codebook: zicht's versioned vocabulary.

Every coded field of a melding takes its values from a :class:`Codelijst` here, with Dutch and English
labels and a mapping to the international standards HTCDS v2.0 and CTDC. Stored values are readable Dutch
words (``schuldslavernij``), never single letters; every list has ``onbekend`` (unknown / not asked), which is
distinct from "no".

Example:
    >>> from zicht.codebook import codelijst
    >>> codelijst("uitbuitingsvorm").resolve("Seksuele uitbuiting")
    'seksueel'
"""

from __future__ import annotations

from zicht.codebook._landen import is_eu, landen
from zicht.codebook._lists import (
    DOSSIERTYPE,
    GESLACHT,
    GRONDSLAG,
    MELDER_SOORT,
    MELDPLICHTIGE_SOORTEN,
    ROUTE_SOORT,
    SECTOR,
    STATUS,
    TOESTEMMING,
    UITBUITINGSVORM,
    VERSIE,
    WERKWIJZE,
)
from zicht.codebook.model import Code, Codelijst, StandardValue, UnknownCode
from zicht.codebook.standards import from_standard, to_standard

CODEBOOK_VERSIE = VERSIE

_LISTS: dict[str, Codelijst] = {
    lst.naam: lst
    for lst in (
        UITBUITINGSVORM,
        SECTOR,
        WERKWIJZE,
        MELDER_SOORT,
        GESLACHT,
        DOSSIERTYPE,
        STATUS,
        GRONDSLAG,
        TOESTEMMING,
        ROUTE_SOORT,
    )
}


def codelijst(naam: str) -> Codelijst:
    """The code list called ``naam`` (``land`` is the ISO country list)."""
    if naam in ("land", "nationaliteit"):
        return landen()
    try:
        return _LISTS[naam]
    except KeyError:
        raise KeyError(f"no code list {naam!r}; known: {', '.join(sorted([*_LISTS, 'land']))}") from None


def alle_codelijsten() -> dict[str, Codelijst]:
    """Every code list by name, the country list included."""
    return {**_LISTS, "land": landen()}


def sectoren_van(vorm: str) -> tuple[Code, ...]:
    """The sectors that belong to an uitbuitingsvorm (plus ``onbekend``)."""
    return (*SECTOR.kinderen(vorm), SECTOR["onbekend"])


__all__ = [
    "CODEBOOK_VERSIE",
    "DOSSIERTYPE",
    "GESLACHT",
    "GRONDSLAG",
    "MELDER_SOORT",
    "MELDPLICHTIGE_SOORTEN",
    "ROUTE_SOORT",
    "SECTOR",
    "STATUS",
    "TOESTEMMING",
    "UITBUITINGSVORM",
    "WERKWIJZE",
    "Code",
    "Codelijst",
    "StandardValue",
    "UnknownCode",
    "alle_codelijsten",
    "codelijst",
    "from_standard",
    "is_eu",
    "landen",
    "sectoren_van",
    "to_standard",
]
