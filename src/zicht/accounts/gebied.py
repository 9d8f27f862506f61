# SPDX-License-Identifier: EUPL-1.2
"""The area of a gemeente user, checked against the reference data: an account can only get an area that
exists (``gemeente:GM0344``, ``veiligheidsregio:VR09``, ...), given by code or by name."""

from __future__ import annotations

from zicht.accounts.fouten import Gebruikersfout
from zicht.privacy.toegang import GEBIED_NIVEAUS, Gebied
from zicht.reference import AmbiguousName, Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.taal import N_

ONBEKEND = N_("Kies een gebied uit de lijst: een gemeente of een regio. '{invoer}' is geen bekend gebied.")


def kies_gebied(referentie: Referentiedata, tekst: str) -> Gebied:
    """The area ``tekst`` means: ``niveau:code`` or ``niveau:naam``, or a code or name alone (a name alone is
    looked up from the finest level: ``Utrecht`` is the gemeente).

    Raises:
        Gebruikersfout: no area of the reference data matches (field ``gebied``).
    """
    tekst = tekst.strip()
    niveau, sep, waarde = tekst.partition(":")
    niveaus = [niveau.strip()] if sep and niveau.strip() in GEBIED_NIVEAUS else list(GEBIED_NIVEAUS)
    gezocht = waarde.strip() if sep and niveau.strip() in GEBIED_NIVEAUS else tekst
    if gezocht:
        for n in niveaus:
            try:
                gevonden = referentie.gebied(Gebiedsniveau(n), gezocht)
            except (UnknownPlace, AmbiguousName, LookupError):
                continue
            return Gebied(n, gevonden.code)
    raise Gebruikersfout(ONBEKEND, "gebied", invoer=tekst[:60])


def is_bekend(referentie: Referentiedata, gebied: str) -> bool:
    """Whether a stored ``niveau:code`` names an area of the reference data."""
    niveau, _, code = gebied.partition(":")
    if niveau not in GEBIED_NIVEAUS:
        return False
    return code in referentie.gebieden(Gebiedsniveau(niveau))
