# SPDX-License-Identifier: EUPL-1.2
"""How each reason of a cluster's score is worded for a reviewer (pages and API), with the reason's values as
placeholders."""

from __future__ import annotations

from zicht.taal import N_

#: Reason code -> Dutch wording with the reason's values as placeholders (translated where shown).
REDENEN: dict[str, str] = {
    "N1": N_("N1: één contact voor {personen} verschillende namen"),
    "N2": N_("N2: één tekstsjabloon met {personen} verschillende namen in de vrije velden"),
    "N3": N_("N3: {per_week} gemeenten per week"),
    "N4": N_("N4: {telefoons} telefoonnummers binnen het cluster"),
    "N5": N_("N5: {sjablonen} sjablonen verbonden door {contacten} gedeelde contacten"),
    "N6": N_("N6: {aandeel}% van de advertenties binnen tien minuten na een andere geplaatst"),
    "advertentie": N_("Zinnen in de advertenties (gemiddeld, begrensd): {codes}"),
    "wegwerp": N_("Wegwerpnummers ({aandeel}%): structuur telt minder mee (spam)"),
    "N7": N_("N7: tegensignalen van zelfstandig of vergund werk in {aandeel}% van de advertenties"),
    "niet_meegeteld": N_("Gezien maar niet meegeteld (weerlegd of zwak bewijs): {codes}"),
}


def omschrijving(code: str, waarden: dict[str, object]) -> str:
    """The Dutch wording of one reason with its values filled in (the code itself when unknown)."""
    try:
        return REDENEN.get(code, code).format(**waarden)
    except (KeyError, IndexError, ValueError):
        return REDENEN.get(code, code)
