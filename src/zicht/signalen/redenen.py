# SPDX-License-Identifier: EUPL-1.2
"""How each reason of a cluster's score is worded for a reviewer (pages and API), with the reason's values as
placeholders."""

from __future__ import annotations

#: Reason code -> Dutch wording with the reason's values as placeholders.
REDENEN: dict[str, str] = {
    "N1": "N1: één contact voor {personen} verschillende namen",
    "N2": "N2: één tekstsjabloon met {personen} verschillende namen in de vrije velden",
    "N3": "N3: {per_week} gemeenten per week",
    "N4": "N4: {telefoons} telefoonnummers binnen het cluster",
    "N5": "N5: {sjablonen} sjablonen verbonden door {contacten} gedeelde contacten",
    "N6": "N6: {aandeel}% van de advertenties binnen tien minuten na een andere geplaatst",
    "advertentie": "Zinnen in de advertenties (gemiddeld, begrensd): {codes}",
    "wegwerp": "Wegwerpnummers ({aandeel}%): structuur telt minder mee (spam)",
    "N7": "N7: tegensignalen van zelfstandig of vergund werk in {aandeel}% van de advertenties",
    "niet_meegeteld": "Gezien maar niet meegeteld (weerlegd of zwak bewijs): {codes}",
}


def omschrijving(code: str, waarden: dict[str, object]) -> str:
    """The Dutch wording of one reason with its values filled in (the code itself when unknown)."""
    try:
        return REDENEN.get(code, code).format(**waarden)
    except (KeyError, IndexError, ValueError):
        return REDENEN.get(code, code)
