# SPDX-License-Identifier: EUPL-1.2
"""The melding as a validated value, before storage: pure data, no I/O.

A ``MeldingInvoer`` is what every intake route (form, API, bulk file) produces after validation against the
codebook and the reference data. Identifying data travels separately in ``Identiteitsgegevens`` so that the
code that stores the registry row cannot see it by accident.
"""

from __future__ import annotations

import json
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


@dataclass(frozen=True)
class MeldingInvoer:
    """A validated melding, ready to store. Codes come from the codebook, places from the reference data."""

    melder_referentie: str
    melddatum: date
    uitbuitingen: tuple[Uitbuiting, ...]
    werkwijzen: tuple[str, ...] = ("onbekend",)
    plaats_delict: Plaats = ONBEKENDE_PLAATS
    wervingsplaats: Plaats = ONBEKENDE_PLAATS
    uitbuiting_van: date | None = None
    uitbuiting_tot: date | None = None
    geslacht: str = "onbekend"
    geboortejaar: int | None = None
    leeftijd_bij_melding: int | None = None
    nationaliteiten: tuple[str, ...] = ("onbekend",)
    dossiertype: str = "onbekend"
    status: str = "mogelijk"
    grondslag: str = "onbekend"
    toestemming: str = "onbekend"
    route: tuple[RouteStap, ...] = ()
    identiteit: Identiteitsgegevens = field(default_factory=Identiteitsgegevens, repr=False)

    def canonical(self) -> str:
        """A canonical text of the whole content (identity included) for the keyed content hash."""
        # repr() of the frozen dataclasses is deterministic and much faster than asdict(); the identity has a
        # redacting repr, so its canonical JSON is appended explicitly.
        return repr(self) + "|" + self.identiteit.to_json().decode()

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
