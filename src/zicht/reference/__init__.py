# SPDX-License-Identifier: EUPL-1.2
"""Dutch reference data: gemeenten, veiligheidsregio's, provincies, politie-eenheden, RIEC-regio's, population.

The files are not part of the repository; they are read at run time from ``ZICHT_REFERENCE_DIR`` (see
``zicht.config``). Look-ups by CBS code and by name are tolerant of case, diacritics, ``'s-`` prefixes,
province suffixes and everyday names (``Den Haag`` = ``'s-Gravenhage`` = ``GM0518``).
"""

from zicht.reference._load import load_reference
from zicht.reference.model import (
    GEBIEDSNIVEAUS,
    AmbiguousName,
    Gebied,
    Gebiedsniveau,
    Gemeente,
    Referentiedata,
    UnknownPlace,
)
from zicht.textnorm import normalise_name

__all__ = [
    "GEBIEDSNIVEAUS",
    "AmbiguousName",
    "Gebied",
    "Gebiedsniveau",
    "Gemeente",
    "Referentiedata",
    "UnknownPlace",
    "load_reference",
    "normalise_name",
]
