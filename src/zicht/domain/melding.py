# SPDX-License-Identifier: EUPL-1.2
"""The melding as a validated value, before storage: pure data, no I/O.

A ``MeldingInvoer`` is what every intake route (form, API, bulk file) produces after validation against the
codebook and the reference data. Identifying data travels separately in ``Identiteitsgegevens`` so that the
code that stores the registry row cannot see it by accident.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property


class PlaatsSoort(StrEnum):
    """Where something happened: in a Dutch gemeente, abroad, or unknown."""

    gemeente = "gemeente"
    buitenland = "buitenland"
    onbekend = "onbekend"


@dataclass(frozen=True, slots=True)
class Plaats:
    """A place: a CBS gemeentecode (``GM0344``), a country code (``PL``) when abroad, or unknown."""

    soort: PlaatsSoort = PlaatsSoort.onbekend
    gemeentecode: str | None = None
    land: str | None = None

    def __post_init__(self) -> None:
        if self.soort is PlaatsSoort.gemeente and not self.gemeentecode:
            raise ValueError("a place in a gemeente needs a gemeentecode")
        if self.soort is PlaatsSoort.buitenland and not self.land:
            raise ValueError("a place abroad needs a country code")

    @classmethod
    def in_gemeente(cls, code: str) -> Plaats:
        return cls(PlaatsSoort.gemeente, gemeentecode=code)

    @classmethod
    def in_land(cls, land: str) -> Plaats:
        return cls(PlaatsSoort.buitenland, land=land)

    def tekst(self) -> str:
        """Compact text form: the gemeentecode, the country code or ``onbekend``."""
        return self.gemeentecode or self.land or "onbekend"


ONBEKENDE_PLAATS = Plaats()


@dataclass(frozen=True, slots=True)
class Uitbuiting:
    """One form of exploitation with its sector (``onbekend`` when not given)."""

    vorm: str
    sector: str = "onbekend"


@dataclass(frozen=True, slots=True)
class RouteStap:
    """An event on the route: werving, transit or uitbuiting, at a place, on an optional date."""

    soort: str
    plaats: Plaats
    datum: date | None = None


@dataclass(frozen=True)
class Identiteitsgegevens:
    """Identifying data of one melding. Lives only in memory and, encrypted, in the identity vault."""

    voornamen: str | None = None
    achternaam: str | None = None
    geboortedatum: date | None = None
    documentnummers: tuple[str, ...] = ()
    telefoonnummers: tuple[str, ...] = ()
    toelichting: str | None = None  # free text
    extra: dict[str, str] = field(default_factory=dict)

    def is_leeg(self) -> bool:
        """True when nothing identifying was given."""
        return not (
            self.voornamen
            or self.achternaam
            or self.geboortedatum
            or self.documentnummers
            or self.telefoonnummers
            or self.toelichting
            or self.extra
        )

    def to_json(self) -> bytes:
        """Canonical JSON bytes (the plaintext that the vault encrypts)."""
        return self._json

    @cached_property
    def _json(self) -> bytes:
        # Computed once per instance: storing a melding needs it twice (content hash and encryption).
        data = {
            "voornamen": self.voornamen,
            "achternaam": self.achternaam,
            "geboortedatum": self.geboortedatum.isoformat() if self.geboortedatum else None,
            "documentnummers": list(self.documentnummers),
            "telefoonnummers": list(self.telefoonnummers),
            "toelichting": self.toelichting,
            "extra": self.extra,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> Identiteitsgegevens:
        """Inverse of :meth:`to_json`."""
        data = json.loads(raw)
        return cls(
            voornamen=data.get("voornamen"),
            achternaam=data.get("achternaam"),
            geboortedatum=date.fromisoformat(data["geboortedatum"]) if data.get("geboortedatum") else None,
            documentnummers=tuple(data.get("documentnummers") or ()),
            telefoonnummers=tuple(data.get("telefoonnummers") or ()),
            toelichting=data.get("toelichting"),
            extra=dict(data.get("extra") or {}),
        )

    def __repr__(self) -> str:  # never print identifying data by accident
        return "Identiteitsgegevens(<redacted>)"

    __str__ = __repr__


@dataclass(frozen=True, init=False)
class MeldingInvoer:
    """A validated melding, ready to store. Codes come from the codebook, places from the reference data.

    The attributes are what the domain's own rules read (the report date, the exploitation period, the age)
    and the composite parts (the forms of exploitation with their sectors, the route, the identity). Every other
    field of a melding is declared in :mod:`zicht.intake.columns` and travels in ``velden``, under the name it is
    stored by (``MeldingInvoer(..., geslacht="man")``). A field that is not given has its declared default.
    """

    melder_referentie: str
    melddatum: date
    uitbuitingen: tuple[Uitbuiting, ...]
    uitbuiting_van: date | None
    uitbuiting_tot: date | None
    geboortejaar: int | None
    leeftijd_bij_melding: int | None
    route: tuple[RouteStap, ...]
    identiteit: Identiteitsgegevens = field(repr=False)
    velden: Mapping[str, object] = field(default_factory=dict)

    def __init__(
        self,
        melder_referentie: str,
        melddatum: date,
        uitbuitingen: tuple[Uitbuiting, ...],
        *,
        uitbuiting_van: date | None = None,
        uitbuiting_tot: date | None = None,
        geboortejaar: int | None = None,
        leeftijd_bij_melding: int | None = None,
        route: tuple[RouteStap, ...] = (),
        identiteit: Identiteitsgegevens | None = None,
        **velden: object,
    ) -> None:
        # frozen: the attributes are set once, here (past the dataclass's refusing __setattr__)
        self.__dict__.update(
            melder_referentie=melder_referentie,
            melddatum=melddatum,
            uitbuitingen=uitbuitingen,
            uitbuiting_van=uitbuiting_van,
            uitbuiting_tot=uitbuiting_tot,
            geboortejaar=geboortejaar,
            leeftijd_bij_melding=leeftijd_bij_melding,
            route=route,
            identiteit=Identiteitsgegevens() if identiteit is None else identiteit,
            velden=velden,
        )

    @property
    def minderjarig(self) -> bool | None:
        """Minor at the time of the report; None when the age is unknown."""
        return None if self.leeftijd_bij_melding is None else self.leeftijd_bij_melding < 18


def leeftijd_op(geboortedatum: date, peildatum: date) -> int:
    """Age in whole years on ``peildatum``."""
    jaren = peildatum.year - geboortedatum.year
    if (peildatum.month, peildatum.day) < (geboortedatum.month, geboortedatum.day):
        jaren -= 1
    return jaren


def leeftijdsklasse(leeftijd: int | None) -> str:
    """Age band used by the Nationaal Rapporteur: ``minderjarig``, ``18-22``, ``23+`` or ``onbekend``."""
    if leeftijd is None:
        return "onbekend"
    if leeftijd < 18:
        return "minderjarig"
    return "18-22" if leeftijd <= 22 else "23+"
