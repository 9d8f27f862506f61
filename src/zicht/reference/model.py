# SPDX-License-Identifier: EUPL-1.2
"""Typed reference objects and the look-up service."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from zicht.textnorm import normalise_name


class UnknownPlace(LookupError):
    """No gemeente (or region) matches the given code or name."""


class AmbiguousName(LookupError):
    """A name matches more than one gemeente (e.g. ``Bergen``: NH. or L.)."""

    def __init__(self, name: str, candidates: Iterable[str]) -> None:
        self.candidates = sorted(candidates)
        super().__init__(f"{name!r} is ambiguous: {', '.join(self.candidates)}")


class Gebiedsniveau(StrEnum):
    """Area levels for statistics, from fine to coarse."""

    gemeente = "gemeente"
    veiligheidsregio = "veiligheidsregio"
    politie_eenheid = "politie_eenheid"
    riec_regio = "riec_regio"
    provincie = "provincie"
    nederland = "nederland"


GEBIEDSNIVEAUS: tuple[Gebiedsniveau, ...] = tuple(Gebiedsniveau)


@dataclass(frozen=True, slots=True)
class Gemeente:
    """A Dutch municipality in the CBS division of 1 January 2023 (gebiedsindeling 2023)."""

    code: str
    naam: str
    weergavenaam: str
    veiligheidsregio_code: str
    veiligheidsregio_naam: str
    provincie_code: str
    provincie_naam: str
    politie_eenheid: str
    riec_regio: str
    centroid_lon: float
    centroid_lat: float
    inwoners: int

    def gebied_code(self, niveau: Gebiedsniveau) -> str:
        """The code of the area of ``niveau`` this gemeente belongs to."""
        return {
            Gebiedsniveau.gemeente: self.code,
            Gebiedsniveau.veiligheidsregio: self.veiligheidsregio_code,
            Gebiedsniveau.politie_eenheid: self.politie_eenheid,
            Gebiedsniveau.riec_regio: self.riec_regio,
            Gebiedsniveau.provincie: self.provincie_code,
            Gebiedsniveau.nederland: "NL",
        }[niveau]


@dataclass(frozen=True, slots=True)
class Gebied:
    """An area at some level with its member gemeenten and population."""

    niveau: Gebiedsniveau
    code: str
    naam: str
    gemeenten: tuple[str, ...]
    inwoners: int


@dataclass
class Referentiedata:
    """All reference data with tolerant look-ups. Build with :func:`zicht.reference.load_reference`."""

    gemeenten: Mapping[str, Gemeente]
    gebiedsindeling_jaar: int = 2023
    bevolking_peildatum: str = "2022-01-01"
    bron_dir: str = ""
    _by_name: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _gebieden: dict[Gebiedsniveau, dict[str, Gebied]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[str, set[str]] = defaultdict(set)
        for gm in self.gemeenten.values():
            for name in (gm.naam, gm.weergavenaam):
                index[normalise_name(name)].add(gm.code)
                index[normalise_name(name, keep_suffix=False)].add(gm.code)
        for alias, code in _ALIASES.items():
            if code in self.gemeenten:
                index[normalise_name(alias)].add(code)
        self._by_name = dict(index)
        self._gebieden = self._build_gebieden()

    def _build_gebieden(self) -> dict[Gebiedsniveau, dict[str, Gebied]]:
        members: dict[Gebiedsniveau, dict[str, list[Gemeente]]] = {n: defaultdict(list) for n in Gebiedsniveau}
        for gm in self.gemeenten.values():
            for niveau in Gebiedsniveau:
                members[niveau][gm.gebied_code(niveau)].append(gm)
        names = {
            Gebiedsniveau.gemeente: lambda g: g.weergavenaam,
            Gebiedsniveau.veiligheidsregio: lambda g: g.veiligheidsregio_naam,
            Gebiedsniveau.politie_eenheid: lambda g: g.politie_eenheid,
            Gebiedsniveau.riec_regio: lambda g: g.riec_regio,
            Gebiedsniveau.provincie: lambda g: g.provincie_naam,
            Gebiedsniveau.nederland: lambda g: "Nederland",
        }
        result: dict[Gebiedsniveau, dict[str, Gebied]] = {}
        for niveau, by_code in members.items():
            result[niveau] = {
                code: Gebied(
                    niveau=niveau,
                    code=code,
                    naam=names[niveau](gms[0]),
                    gemeenten=tuple(sorted(g.code for g in gms)),
                    inwoners=sum(g.inwoners for g in gms),
                )
                for code, gms in sorted(by_code.items())
            }
        return result

    # ---- look-ups -------------------------------------------------------------------------------------

    def gemeente(self, code_or_name: str) -> Gemeente:
        """Find a gemeente by CBS code (``GM0518``, ``0518``, ``518``) or by any of its names.

        Raises:
            UnknownPlace: nothing matches.
            AmbiguousName: the name fits several gemeenten (the message lists their official names).
        """
        text = code_or_name.strip()
        code = _as_code(text)
        if code is not None:
            if code in self.gemeenten:
                return self.gemeenten[code]
            raise UnknownPlace(f"{text!r} is not a CBS gemeentecode in the {self.gebiedsindeling_jaar} division")
        for key in (normalise_name(text), normalise_name(text, keep_suffix=False)):
            codes = self._by_name.get(key)
            if codes:
                if len(codes) > 1:
                    raise AmbiguousName(text, (self.gemeenten[c].naam for c in codes))
                return self.gemeenten[next(iter(codes))]
        raise UnknownPlace(f"{text!r} is not a gemeente in the {self.gebiedsindeling_jaar} division")

    def find_gemeenten(self, query: str, limit: int = 10) -> list[Gemeente]:
        """Gemeenten whose names start with or contain ``query`` (for search boxes), best first."""
        q = normalise_name(query)
        if not q:
            return []
        scored: list[tuple[int, str, Gemeente]] = []
        for gm in self.gemeenten.values():
            names = {normalise_name(gm.naam), normalise_name(gm.weergavenaam)}
            if any(n.startswith(q) for n in names):
                scored.append((0, gm.weergavenaam, gm))
            elif any(q in n for n in names):
                scored.append((1, gm.weergavenaam, gm))
        return [gm for _, _, gm in sorted(scored, key=lambda t: (t[0], t[1]))[:limit]]

    def gebieden(self, niveau: Gebiedsniveau) -> Mapping[str, Gebied]:
        """All areas of a level, by code."""
        return self._gebieden[niveau]

    def gebied(self, niveau: Gebiedsniveau, code_or_name: str) -> Gebied:
        """One area by level and code or (normalised) name."""
        areas = self._gebieden[niveau]
        if niveau is Gebiedsniveau.gemeente:
            return areas[self.gemeente(code_or_name).code]
        if code_or_name in areas:
            return areas[code_or_name]
        wanted = normalise_name(code_or_name)
        for area in areas.values():
            if normalise_name(area.naam) == wanted or normalise_name(area.code) == wanted:
                return area
        raise UnknownPlace(f"{code_or_name!r} is not a {niveau.value}")

    def regio_van(self, gemeentecode: str) -> dict[Gebiedsniveau, str]:
        """The code of every area level a gemeente belongs to."""
        gm = self.gemeenten[gemeentecode]
        return {niveau: gm.gebied_code(niveau) for niveau in Gebiedsniveau}

    @property
    def inwoners_totaal(self) -> int:
        """Total population of the Netherlands at the population reference date."""
        return sum(g.inwoners for g in self.gemeenten.values())


def _as_code(text: str) -> str | None:
    upper = text.upper().replace(" ", "")
    if upper.startswith("GM") and upper[2:].isdigit():
        return "GM" + upper[2:].zfill(4)
    if upper.isdigit() and len(upper) <= 4:
        return "GM" + upper.zfill(4)
    return None


# Everyday names, older spellings and Frisian names that people type; official names are indexed anyway.
_ALIASES: dict[str, str] = {
    "Den Haag": "GM0518",
    "The Hague": "GM0518",
    "Gravenhage": "GM0518",
    "Den Bosch": "GM0796",
    "Hertogenbosch": "GM0796",
    "Bois-le-Duc": "GM0796",
    "Ljouwert": "GM0080",
    "Nuenen": "GM0820",
    "Súdwest Fryslân": "GM1900",
    "Sudwest Friesland": "GM1900",
    "Noordoost-Friesland": "GM1970",
    "Hengelo": "GM0164",
    "Laren": "GM0417",
    "Rijswijk": "GM0603",
    "Middelburg": "GM0687",
    "Beek": "GM0888",
    "Stein": "GM0971",
    "Volendam": "GM0385",
    "Voorburg": "GM1916",
    "Leidschendam": "GM1916",
    "Scheveningen": "GM0518",
    "Geleen": "GM1883",
    "Sittard": "GM1883",
}
