# SPDX-License-Identifier: EUPL-1.2
"""Pure domain objects and rules (no I/O, no framework)."""

from zicht.domain.melding import (
    ONBEKENDE_PLAATS,
    Identiteitsgegevens,
    MeldingInvoer,
    Plaats,
    PlaatsSoort,
    RouteStap,
    Uitbuiting,
    leeftijd_op,
    leeftijdsklasse,
)

__all__ = [
    "ONBEKENDE_PLAATS",
    "Identiteitsgegevens",
    "MeldingInvoer",
    "Plaats",
    "PlaatsSoort",
    "RouteStap",
    "Uitbuiting",
    "leeftijd_op",
    "leeftijdsklasse",
]
