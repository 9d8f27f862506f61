# SPDX-License-Identifier: EUPL-1.2
"""Areas for tables: names, the comparison areas of an area, the rows of an overview, scope checks."""

from __future__ import annotations

from dataclasses import dataclass

from zicht.analysis.dimensies import BUITENLAND, CENTRAAL, ONBEKEND, OVERIGE_REGIO, Gebiedsbasis
from zicht.privacy.toegang import Toegang, studiegemeenten
from zicht.reference import Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.taal import N_, vertaler

_PSEUDO: dict[str, str] = {
    BUITENLAND: N_("buitenland"),
    ONBEKEND: N_("plaats onbekend"),
    OVERIGE_REGIO: N_("andere regio (KMar-district e.a.)"),
    CENTRAAL: N_("landelijke melder (geen regio)"),
}


def gebiedsnaam(referentie: Referentiedata, niveau: Gebiedsniveau, code: str, taal: str = "nl") -> str:
    """The name of an area or pseudo-area."""
    if code in _PSEUDO:
        return vertaler(taal)(_PSEUDO[code])
    if niveau is Gebiedsniveau.nederland:
        _ = vertaler(taal)
        return _("Nederland")
    gebied = referentie.gebieden(niveau).get(code)
    return code if gebied is None else gebied.naam


def normaliseer_gebied(referentie: Referentiedata, niveau: Gebiedsniveau, tekst: str | None) -> str:
    """The code of an area given a code or name (``NL`` for the nation).

    Raises:
        UnknownPlace: The area does not exist at that level.
    """
    if niveau is Gebiedsniveau.nederland:
        return "NL"
    if not tekst:
        raise UnknownPlace(f"no area given for level {niveau.value}")
    return referentie.gebied(niveau, tekst).code


def vergelijkingsgebieden(
    referentie: Referentiedata, niveau: Gebiedsniveau, code: str, basis: Gebiedsbasis, *, provincie: bool = False
) -> list[tuple[Gebiedsniveau, str]]:
    """The area itself, the larger areas it lies in, and the nation (for side-by-side comparison); with
    ``provincie`` also the province (form-filtered breakdowns are published from the province up)."""
    if niveau is Gebiedsniveau.nederland:
        return [(Gebiedsniveau.nederland, "NL")]
    if basis is Gebiedsbasis.melder_regio or niveau in (
        Gebiedsniveau.politie_eenheid,
        Gebiedsniveau.riec_regio,
        Gebiedsniveau.provincie,
    ):
        return [(niveau, code), (Gebiedsniveau.nederland, "NL")]
    eerste = referentie.gebieden(niveau)[code].gemeenten[0]
    gm = referentie.gemeenten[eerste]
    uit: list[tuple[Gebiedsniveau, str]] = [(niveau, code)]
    if niveau is Gebiedsniveau.gemeente:
        uit.append((Gebiedsniveau.veiligheidsregio, gm.veiligheidsregio_code))
    uit.append((Gebiedsniveau.politie_eenheid, gm.politie_eenheid))
    if provincie:
        uit.append((Gebiedsniveau.provincie, gm.gebied_code(Gebiedsniveau.provincie)))
    uit.append((Gebiedsniveau.nederland, "NL"))
    return uit


def overzichtsrijen(referentie: Referentiedata, niveau: Gebiedsniveau, basis: Gebiedsbasis) -> tuple[str, ...]:
    """The rows of an overview at a level: every area plus the pseudo-areas of the basis."""
    if niveau is Gebiedsniveau.nederland:
        return ("NL",)
    if basis is Gebiedsbasis.melder_regio:
        return (*referentie.gebieden(Gebiedsniveau.politie_eenheid), OVERIGE_REGIO, CENTRAAL)
    return (*referentie.gebieden(niveau), BUITENLAND, ONBEKEND)


@dataclass(frozen=True)
class Bereik:
    """The areas a user may study in depth. Overviews of all areas (maps) are open to every role, since
    they are disclosure-controlled like everything else; this scope decides which areas a role may open
    (pilot view, breakdowns, trends).

    Attributes:
        gemeenten: The gemeente codes the user works for; None means every area (analysts).
    """

    gemeenten: frozenset[str] | None = None

    @classmethod
    def alles(cls) -> Bereik:
        """Every area."""
        return cls(None)

    @classmethod
    def voor(cls, toegang: Toegang, referentie: Referentiedata) -> Bereik:
        """The scope of a caller, as :func:`zicht.privacy.toegang.studiegemeenten` decides it."""
        return cls(studiegemeenten(toegang, referentie))

    def staat_toe(self, referentie: Referentiedata, niveau: Gebiedsniveau, code: str) -> bool:
        """Whether the area is the user's own, a region it lies in, or the nation."""
        if self.gemeenten is None or niveau is Gebiedsniveau.nederland:
            return True
        if niveau is Gebiedsniveau.gemeente:
            return code in self.gemeenten
        return any(
            g in referentie.gemeenten and referentie.gemeenten[g].gebied_code(niveau) == code for g in self.gemeenten
        )

    def eigen_gebieden(self, referentie: Referentiedata) -> list[tuple[Gebiedsniveau, str]]:
        """The user's own gemeenten and their regions, fine to coarse (for menus)."""
        if self.gemeenten is None:
            return []
        uit: list[tuple[Gebiedsniveau, str]] = []
        for niveau in (Gebiedsniveau.gemeente, *[n for n in Gebiedsniveau if n is not Gebiedsniveau.gemeente]):
            for g in sorted(self.gemeenten):
                if g in referentie.gemeenten:
                    item = (niveau, referentie.gemeenten[g].gebied_code(niveau))
                    if item not in uit:
                        uit.append(item)
        return uit
