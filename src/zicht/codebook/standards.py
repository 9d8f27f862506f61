# SPDX-License-Identifier: EUPL-1.2
"""Mapping between zicht codes and HTCDS / CTDC values, in both directions.

Several Dutch codes can map to one standard value (HTCDS has no "criminal exploitation"; window and club
prostitution are both ``Prostitution``). The reverse mapping therefore returns the *first* code in list
order that carries the value, which is the canonical one; ``to_standard(from_standard(v)) == v`` always holds.
"""

from __future__ import annotations

from typing import Literal

from zicht.codebook.model import Codelijst, StandardValue

Standaard = Literal["htcds", "ctdc"]


def to_standard(lijst: Codelijst, code: str, standaard: Standaard) -> tuple[StandardValue, ...]:
    """The HTCDS or CTDC values of one code (empty when the standard has no equivalent)."""
    entry = lijst[code]
    return entry.htcds if standaard == "htcds" else entry.ctdc


def from_standard(lijst: Codelijst, value: StandardValue, standaard: Standaard) -> str:
    """The canonical zicht code for an HTCDS or CTDC value; ``onbekend`` when none carries it."""
    for entry in lijst:
        values = entry.htcds if standaard == "htcds" else entry.ctdc
        if value in values:
            return entry.code
    return "onbekend"
