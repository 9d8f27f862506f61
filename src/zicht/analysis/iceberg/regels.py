# SPDX-License-Identifier: EUPL-1.2
"""When a stratum is too sparse to estimate: refusal and warning rules.

Refused (no estimate, with the reason in plain Dutch):

* **W1** fewer than :attr:`Regels.min_personen` (50) observed persons;
* **W2** fewer than two informative lists (after removing lists that saw nobody, lists that saw everybody and
  duplicate lists, as SparseMSE's ``removenoninformativelists``);
* **W3** fewer than two lists that share a person with another list (nobody is on two lists: the overlap that
  MSE extrapolates from is missing and the estimate does not exist);
* **W4** fewer than :attr:`Regels.min_overlap` (5) persons on two or more lists;
* **W5** the chosen model has no maximum likelihood estimate or is not identifiable (from the MSE library).

Warned (estimate shown with the warning):

* a list with fewer than :attr:`Regels.min_lijst` (5) persons (suggest merging lists);
* only two informative lists (dependence between lists cannot be modelled);
* more than :attr:`Regels.max_ongekoppeld` (5 %) of the stratum's meldingen not linked to a person;
* lists removed as uninformative;
* and, after estimating (:mod:`~.schatting`): model choice dominates (BCa 95 % interval more than
  :attr:`Regels.dominantie` (2) times as wide as the analytic one), sensitivity to the threshold or to the
  list definition (estimate moves more than :attr:`Regels.gevoelig` (25 %)), extreme extrapolation (dark
  number more than :attr:`Regels.max_factor` (10) times the registered number), degenerate bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass

from zicht.analysis.iceberg.vangst import Vangsttabel
from zicht.analysis.mse import CaptureTable, MSEInputError, drop_uninformative_lists
from zicht.taal import N_, Tekst

__all__ = ["Beoordeling", "Regels", "beoordeel"]


@dataclass(frozen=True)
class Regels:
    """The thresholds of the refusal and warning rules (see the module docstring)."""

    min_personen: int = 50
    min_overlap: int = 5
    min_lijst: int = 5
    max_ongekoppeld: float = 0.05
    dominantie: float = 2.0
    gevoelig: float = 0.25
    max_factor: float = 10.0


@dataclass(frozen=True)
class Beoordeling:
    """The assessment of a capture table before estimating.

    Attributes:
        weigering: Why no estimate is made (plain Dutch), or None.
        regel: Code of the refusal rule (``W1`` ... ``W4``), or None.
        waarschuwingen: Warnings to show with the estimate.
        weggelaten: Lists removed as uninformative, each ``naam: reden``.
        tabel: The table to estimate from (uninformative lists removed), or None when refused.
    """

    weigering: str | None
    regel: str | None
    waarschuwingen: tuple[str, ...]
    weggelaten: tuple[str, ...]
    tabel: CaptureTable | None

    @property
    def geweigerd(self) -> bool:
        """True when no estimate is made."""
        return self.weigering is not None


_REDENEN = {
    "no individuals on this list": N_("niemand in deze selectie"),
    "every observed individual is on this list": N_("iedereen in deze selectie staat erop"),
}


def _reden(reden: str) -> str:
    if reden.startswith("same individuals as list "):
        return Tekst("dezelfde personen als lijst {lijst}", lijst=reden.removeprefix("same individuals as list "))
    return Tekst(_REDENEN[reden]) if reden in _REDENEN else reden


def _weiger(regel: str, tekst: str, waarschuwingen: list[str], weggelaten: tuple[str, ...] = ()) -> Beoordeling:
    return Beoordeling(tekst, regel, tuple(waarschuwingen), weggelaten, None)


def beoordeel(vangst: Vangsttabel, regels: Regels | None = None) -> Beoordeling:
    """Decide whether a capture table can be estimated, and what to warn about.

    Args:
        vangst: The capture table.
        regels: Thresholds (defaults: :class:`Regels`).

    Returns:
        The assessment.
    """
    regels = regels or Regels()
    waarschuwingen: list[str] = []
    n = vangst.personen
    meldingen_los = vangst.ongekoppeld
    if meldingen_los and n:
        # persons have at least one melding each, so n + ongekoppeld bounds the meldingen from below
        aandeel = meldingen_los / (meldingen_los + n)
        if aandeel > regels.max_ongekoppeld:
            waarschuwingen.append(
                Tekst(
                    "{n} meldingen in deze selectie zijn (nog) niet aan een persoon gekoppeld en tellen niet mee "
                    "(minstens {aandeel}); de schatting is daardoor te laag of onzeker.",
                    n=meldingen_los,
                    aandeel=f"{aandeel:.0%}",
                )
            )
    if vangst.niet_op_lijst:
        waarschuwingen.append(
            Tekst(
                "{n} personen zijn alleen gemeld door soorten melders die de lijstindeling weglaat.",
                n=vangst.niet_op_lijst,
            )
        )
    if n == 0:
        return _weiger("W1", Tekst("Er zijn geen gekoppelde personen in deze selectie."), waarschuwingen)
    if n < regels.min_personen:
        return _weiger(
            "W1",
            Tekst(
                "Te weinig personen: {n} geregistreerd, minstens {minimum} nodig. Een schatting op zo weinig personen "
                "is vooral ruis; kies een ruimere selectie (meer jaren, alle vormen of heel Nederland).",
                n=n,
                minimum=regels.min_personen,
            ),
            waarschuwingen,
        )
    tabel = vangst.tabel
    assert tabel is not None
    try:
        schoon, weg = drop_uninformative_lists(tabel)
    except MSEInputError:
        lijsten = ", ".join(f"{naam} ({t})" for naam, t in zip(vangst.lijsten, vangst.lijst_totalen, strict=True))
        return _weiger(
            "W2",
            Tekst(
                "Minder dan twee lijsten met informatie (personen per lijst: {lijsten}). Voor een schatting moeten "
                "minstens twee lijsten elk een deel van de personen zien.",
                lijsten=lijsten,
            ),
            waarschuwingen,
        )
    weggelaten = tuple(Tekst("{lijst}: {reden}", lijst=d.name, reden=_reden(d.reason)) for d in weg)
    waarschuwingen.extend(Tekst("Lijst weggelaten: {lijst}.", lijst=item) for item in weggelaten)
    if schoon.observed < n:
        waarschuwingen.append(
            Tekst(
                "{n} personen stonden alleen op weggelaten lijsten en tellen niet meer als waargenomen.",
                n=n - schoon.observed,
            )
        )
    paren_met_overlap: set[int] = set()
    for patroon in schoon.patterns:
        if sum(patroon) >= 2:
            paren_met_overlap.update(i for i, b in enumerate(patroon) if b)
    overlap = sum(c for p, c in zip(schoon.patterns, schoon.counts, strict=True) if sum(p) >= 2)
    if len(paren_met_overlap) < 2:
        return _weiger(
            "W3",
            Tekst(
                "Geen enkele persoon staat op twee of meer lijsten. MSE schat het dark number uit de overlap tussen "
                "lijsten; zonder overlap bestaat er geen schatting."
            ),
            waarschuwingen,
            weggelaten,
        )
    if overlap < regels.min_overlap:
        return _weiger(
            "W4",
            Tekst(
                "Te weinig overlap: {n} personen staan op twee of meer lijsten, minstens {minimum} nodig. De schatting "
                "zou bijna geheel door toeval bepaald worden.",
                n=overlap,
                minimum=regels.min_overlap,
            ),
            waarschuwingen,
            weggelaten,
        )
    klein = [
        f"{naam} ({t})" for naam, t in zip(schoon.lists, schoon.list_totals(), strict=True) if t < regels.min_lijst
    ]
    if klein:
        waarschuwingen.append(
            Tekst(
                "Kleine lijst(en): {lijsten} personen. Kleine lijsten maken de modelkeuze onzeker; vergelijk met een "
                "indeling waarin ze zijn samengevoegd.",
                lijsten=", ".join(klein),
            )
        )
    if schoon.n_lists == 2:
        waarschuwingen.append(
            Tekst(
                "Slechts twee lijsten met informatie: afhankelijkheid tussen de lijsten kan niet worden geschat, de "
                "schatting neemt aan dat ze onafhankelijk zijn."
            )
        )
    return Beoordeling(None, None, tuple(waarschuwingen), weggelaten, schoon)
