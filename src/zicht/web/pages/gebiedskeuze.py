# SPDX-License-Identifier: EUPL-1.2
"""(helper) Choosing an area by name: the areas a caller may open, their names with level ("gemeente Utrecht",
"veiligheidsregio Utrecht", "RIEC Midden-Nederland", "Nederland") as suggestions (an HTML ``<datalist>``, which
works without JavaScript), and a typed name, code or ``niveau`` + code resolved to one area.

Which areas are allowed is the caller's :class:`~zicht.analysis.Bereik` (decided in
:mod:`zicht.privacy.toegang`); this module only lists and parses.
"""

from __future__ import annotations

from dataclasses import dataclass

from zicht.analysis import Bereik
from zicht.analysis.dimensies import niveau_label
from zicht.analysis.gebieden import gebiedsnaam
from zicht.reference import AmbiguousName, Gebiedsniveau, Referentiedata, UnknownPlace
from zicht.textnorm import normalise_name

#: Levels in the order they are offered (fine to coarse).
VOLGORDE: tuple[Gebiedsniveau, ...] = tuple(Gebiedsniveau)


@dataclass(frozen=True)
class Gebiedsoptie:
    """One area a caller may open."""

    niveau: Gebiedsniveau
    code: str
    label: str


def gebiedslabel(ref: Referentiedata, niveau: Gebiedsniveau, code: str, taal: str) -> str:
    """``gemeente Utrecht``, ``veiligheidsregio Utrecht``, ``RIEC Midden-Nederland``, ``Nederland``."""
    naam = gebiedsnaam(ref, niveau, code, taal)
    if niveau is Gebiedsniveau.nederland or naam.startswith("RIEC"):
        return naam
    return f"{niveau_label(niveau, taal)} {naam}"


def opties(ref: Referentiedata, bereik: Bereik, taal: str) -> list[Gebiedsoptie]:
    """Every area the caller may open, level by level, names in alphabetical order within a level."""
    uit: list[Gebiedsoptie] = []
    for niveau in VOLGORDE:
        codes = ["NL"] if niveau is Gebiedsniveau.nederland else list(ref.gebieden(niveau))
        gekozen = [
            Gebiedsoptie(niveau, c, gebiedslabel(ref, niveau, c, taal))
            for c in codes
            if bereik.staat_toe(ref, niveau, c)
        ]
        uit += sorted(gekozen, key=lambda o: normalise_name(o.label))
    return uit


def keten(ref: Referentiedata, bereik: Bereik, niveau: Gebiedsniveau, code: str, taal: str) -> list[Gebiedsoptie]:
    """The regions an area lies in and the nation (those the caller may open), fine to coarse."""
    if niveau is Gebiedsniveau.nederland:
        return []
    gebied = ref.gebieden(niveau).get(code)
    if gebied is None:
        return []
    gm = ref.gemeenten[gebied.gemeenten[0]]
    uit: list[Gebiedsoptie] = []
    for n in VOLGORDE[VOLGORDE.index(niveau) + 1 :]:
        c = gm.gebied_code(n)
        if bereik.staat_toe(ref, n, c):
            uit.append(Gebiedsoptie(n, c, gebiedslabel(ref, n, c, taal)))
    return uit


def zoek(ref: Referentiedata, bereik: Bereik, tekst: str, niveau: str = "") -> tuple[Gebiedsniveau, str] | None:
    """The area a typed text means, if the caller may open it: a code with its level, a label from the
    suggestions (in either language), a code alone (``VR09``, ``GM0344``) or a name alone (finest level first).
    None when nothing allowed matches."""
    tekst = tekst.strip()
    if niveau in {n.value for n in Gebiedsniveau}:
        gekozen = Gebiedsniveau(niveau)
        if gekozen is Gebiedsniveau.nederland:
            return gekozen, "NL"
        try:
            code = ref.gebied(gekozen, tekst).code
        except (UnknownPlace, AmbiguousName, LookupError):
            code = ""
        if code and bereik.staat_toe(ref, gekozen, code):
            return gekozen, code
    sleutel = normalise_name(tekst)
    if not sleutel:
        return None
    for taal in ("nl", "en"):
        for optie in opties(ref, bereik, taal):
            if normalise_name(optie.label) == sleutel or optie.code.upper() == tekst.upper():
                return optie.niveau, optie.code
    for n in VOLGORDE:
        if n is Gebiedsniveau.nederland:
            continue
        try:
            code = ref.gebied(n, tekst).code
        except (UnknownPlace, AmbiguousName, LookupError):
            continue
        if bereik.staat_toe(ref, n, code):
            return n, code
    return None
