# SPDX-License-Identifier: EUPL-1.2
"""The dimensions of the statistics: counting unit, area basis, periods and breakdowns (uitsplitsingen).

Everything a request may vary is an enum or a validated value here, so SQL is only ever built from these
whitelists (never from user text). Category orders and labels come from the codebook; the age bands and
nationality groups are those of the Nationaal Rapporteur (domain.md §2.3).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from zicht.codebook import codelijst
from zicht.reference import Gebiedsniveau
from zicht.taal import N_, vertaler

ONBEKEND = "onbekend"
#: Pseudo-areas of the plaats-delict basis: exploitation abroad, or place not known.
BUITENLAND = "buitenland"
#: Melder-regio basis: a reporter without region (central reporters such as the NLA) and other regions
#: (KMar districts, the Landelijke Eenheid) that are not a politie-eenheid.
CENTRAAL = "centraal"
OVERIGE_REGIO = "overige_regio"
#: Top nationalities: a known nationality outside the top list.
OVERIG = "overig"
#: How many nationalities the ``nationaliteit`` breakdown lists by name.
TOP_NATIONALITEITEN = 10


class Eenheid(StrEnum):
    """What a figure counts: distinct persons (linked meldingen) or meldingen (reports)."""

    personen = "personen"
    meldingen = "meldingen"

    def label(self, taal: str = "nl") -> str:
        """Plain word for the unit."""
        return vertaler(taal)({"personen": N_("personen"), "meldingen": N_("meldingen")}[self.value])


class Gebiedsbasis(StrEnum):
    """Which place decides a melding's area: where the crime took place, or the reporter's region."""

    plaats_delict = "plaats_delict"
    melder_regio = "melder_regio"

    def label(self, taal: str = "nl") -> str:
        """Plain words for the basis."""
        return vertaler(taal)(
            {"plaats_delict": N_("plaats delict"), "melder_regio": N_("regio van de melder")}[self.value]
        )

    def niveaus(self) -> tuple[Gebiedsniveau, ...]:
        """The area levels this basis supports (the reporter's region is a politie-eenheid or central)."""
        if self is Gebiedsbasis.melder_regio:
            return (Gebiedsniveau.politie_eenheid, Gebiedsniveau.nederland)
        return tuple(Gebiedsniveau)


class Persoonregel(StrEnum):
    """How the categories of a person follow from their meldingen in the period.

    - ``eerste_bekende``: the value of the earliest melding where it is known (``onbekend`` only when no
      melding knows it); the categories then partition the persons.
    - ``elke``: every value any of the meldingen names; a person can count in several categories.
    """

    eerste_bekende = "eerste_bekende"
    elke = "elke"


class Uitsplitsing(StrEnum):
    """The breakdowns of the statistics (``totaal`` is no breakdown)."""

    totaal = "totaal"
    uitbuitingsvorm = "uitbuitingsvorm"
    sector = "sector"
    werkwijze = "werkwijze"
    geslacht = "geslacht"
    leeftijdsklasse = "leeftijdsklasse"
    nationaliteitsgroep = "nationaliteitsgroep"
    nationaliteit = "nationaliteit"
    melder_soort = "melder_soort"
    dossiertype = "dossiertype"

    @property
    def meervoudig(self) -> bool:
        """Whether one melding can name several categories (so categories do not add up to the total)."""
        return self in _MEERVOUDIG

    @property
    def persoonregel(self) -> Persoonregel:
        """How a person's categories follow from their meldingen."""
        return Persoonregel.elke if self in _PER_PERSOON_ELKE else Persoonregel.eerste_bekende

    def additief(self, eenheid: Eenheid) -> bool:
        """Whether the categories partition the counted units, so that they add up to the total."""
        if self is Uitsplitsing.totaal:
            return True
        if eenheid is Eenheid.meldingen:
            return not self.meervoudig
        return self.persoonregel is Persoonregel.eerste_bekende

    def label(self, taal: str = "nl") -> str:
        """The breakdown's name."""
        return vertaler(taal)(_NAMEN[self.value])


_MEERVOUDIG = frozenset(
    {Uitsplitsing.uitbuitingsvorm, Uitsplitsing.sector, Uitsplitsing.werkwijze, Uitsplitsing.nationaliteit}
)
#: A person reported by the police and by FairWork counts for both reporters.
_PER_PERSOON_ELKE = _MEERVOUDIG | {Uitsplitsing.melder_soort}

_NAMEN: dict[str, str] = {
    "totaal": N_("totaal"),
    "uitbuitingsvorm": N_("uitbuitingsvorm"),
    "sector": N_("sector"),
    "werkwijze": N_("werkwijze"),
    "geslacht": N_("geslacht"),
    "leeftijdsklasse": N_("leeftijdsklasse"),
    "nationaliteitsgroep": N_("nationaliteit (groep)"),
    "nationaliteit": N_("nationaliteit"),
    "melder_soort": N_("soort melder"),
    "dossiertype": N_("dossiertype"),
}

LEEFTIJDSKLASSEN: tuple[str, ...] = ("minderjarig", "18-22", "23+", ONBEKEND)
NATIONALITEITSGROEPEN: tuple[str, ...] = ("nederlands", "eu", "niet_eu", ONBEKEND)
#: Labels of the derived categories (Dutch source text, translated by ``categorie_label``).
_VASTE_LABELS: dict[str, str] = {
    "minderjarig": N_("minderjarig"),
    "18-22": N_("18 tot en met 22 jaar"),
    "23+": N_("23 jaar en ouder"),
    "nederlands": N_("Nederlands"),
    "eu": N_("EU (niet Nederlands)"),
    "niet_eu": N_("buiten de EU"),
    OVERIG: N_("overige nationaliteit"),
    ONBEKEND: N_("onbekend"),
    "totaal": N_("totaal"),
}
_CODELIJST: dict[Uitsplitsing, str] = {
    Uitsplitsing.uitbuitingsvorm: "uitbuitingsvorm",
    Uitsplitsing.sector: "sector",
    Uitsplitsing.werkwijze: "werkwijze",
    Uitsplitsing.geslacht: "geslacht",
    Uitsplitsing.melder_soort: "melder_soort",
    Uitsplitsing.dossiertype: "dossiertype",
    Uitsplitsing.nationaliteit: "land",
}


def vaste_categorieen(uitsplitsing: Uitsplitsing) -> tuple[str, ...]:
    """The categories of a breakdown in publication order (not for ``nationaliteit``: its top list
    depends on the data; see :func:`zicht.analysis.tellingen.top_nationaliteiten`)."""
    if uitsplitsing is Uitsplitsing.totaal:
        return ("totaal",)
    if uitsplitsing is Uitsplitsing.leeftijdsklasse:
        return LEEFTIJDSKLASSEN
    if uitsplitsing is Uitsplitsing.nationaliteitsgroep:
        return NATIONALITEITSGROEPEN
    if uitsplitsing is Uitsplitsing.nationaliteit:
        raise ValueError("the nationaliteit categories depend on the data (top list)")
    return codelijst(_CODELIJST[uitsplitsing]).waarden


def categorie_label(uitsplitsing: Uitsplitsing, code: str, taal: str = "nl") -> str:
    """The label of a category, in Dutch or English: the breakdown's own code list first (``overig`` is
    "overige uitbuiting" among the forms), then the labels of derived categories (``overig`` among the
    top-ten nationalities is "overige nationaliteit")."""
    lijst = _CODELIJST.get(uitsplitsing)
    if lijst is not None:
        try:
            return codelijst(lijst)[code].label(taal)
        except KeyError:
            pass
    _ = vertaler(taal)
    if code == OVERIG and uitsplitsing is not Uitsplitsing.nationaliteit:
        return _("overig")
    if code in _VASTE_LABELS:
        return _(_VASTE_LABELS[code])
    return code


# ---- periods --------------------------------------------------------------------------------------------


class Periodesoort(StrEnum):
    """The period kinds that may be requested: a calendar year, a quarter, or several whole years."""

    jaar = "jaar"
    kwartaal = "kwartaal"
    meerjarig = "meerjarig"


_JAAR = re.compile(r"^(\d{4})$")
_KWARTAAL = re.compile(r"^(\d{4})-?[QK]([1-4])$", re.IGNORECASE)
_JAREN = re.compile(r"^(\d{4})\s*[-–/]\s*(\d{4})$")
MIN_JAAR, MAX_JAAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Periode:
    """A reference period: whole calendar years or one quarter; ``eind`` is exclusive.

    Only aligned periods exist, so near-identical periods (a year minus one day) cannot be requested and
    differenced.

    Example:
        >>> Periode.parse("2024-Q3").label()
        '2024 K3'
        >>> Periode.parse("2022-2024").vorige().code
        '2019-2021'
    """

    begin: date
    eind: date
    soort: Periodesoort

    @classmethod
    def jaar(cls, jaar: int) -> Periode:
        """One calendar year."""
        _check_jaar(jaar)
        return cls(date(jaar, 1, 1), date(jaar + 1, 1, 1), Periodesoort.jaar)

    @classmethod
    def kwartaal(cls, jaar: int, kwartaal: int) -> Periode:
        """One quarter (1–4) of a year."""
        _check_jaar(jaar)
        if not 1 <= kwartaal <= 4:
            raise ValueError("a quarter is 1, 2, 3 or 4")
        begin = date(jaar, 3 * kwartaal - 2, 1)
        eind = date(jaar + 1, 1, 1) if kwartaal == 4 else date(jaar, 3 * kwartaal + 1, 1)
        return cls(begin, eind, Periodesoort.kwartaal)

    @classmethod
    def jaren(cls, van: int, tot_en_met: int) -> Periode:
        """Several whole years (one year gives a ``jaar`` period)."""
        _check_jaar(van)
        _check_jaar(tot_en_met)
        if tot_en_met < van:
            raise ValueError("the last year comes before the first")
        if tot_en_met == van:
            return cls.jaar(van)
        if tot_en_met - van > 9:
            raise ValueError("a multi-year period spans at most ten years")
        return cls(date(van, 1, 1), date(tot_en_met + 1, 1, 1), Periodesoort.meerjarig)

    @classmethod
    def parse(cls, text: str) -> Periode:
        """Read ``2024``, ``2024-Q3`` / ``2024-K3`` or ``2022-2024``.

        Raises:
            ValueError: For anything else.
        """
        value = text.strip()
        if m := _JAAR.match(value):
            return cls.jaar(int(m[1]))
        if m := _KWARTAAL.match(value):
            return cls.kwartaal(int(m[1]), int(m[2]))
        if m := _JAREN.match(value):
            return cls.jaren(int(m[1]), int(m[2]))
        raise ValueError(f"unknown period {text!r}; use 2024, 2024-Q3 or 2022-2024")

    @property
    def code(self) -> str:
        """Canonical text: ``2024``, ``2024-Q3`` or ``2022-2024``."""
        if self.soort is Periodesoort.kwartaal:
            return f"{self.begin.year}-Q{(self.begin.month + 2) // 3}"
        if self.soort is Periodesoort.jaar:
            return str(self.begin.year)
        return f"{self.begin.year}-{self.eind.year - 1}"

    def label(self, taal: str = "nl") -> str:
        """Readable text: ``2024``, ``2024 K3`` (``Q3`` in English) or ``2022–2024``."""
        if self.soort is Periodesoort.kwartaal:
            # TRANSLATORS: a quarter of a year, e.g. 2024 K3 (kwartaal); in English 2024 Q3
            _ = vertaler(taal)
            return _("{jaar} K{kwartaal}", jaar=self.begin.year, kwartaal=(self.begin.month + 2) // 3)
        if self.soort is Periodesoort.jaar:
            return str(self.begin.year)
        return f"{self.begin.year}–{self.eind.year - 1}"

    @property
    def jaren_lijst(self) -> tuple[int, ...]:
        """The calendar years the period touches."""
        return tuple(range(self.begin.year, self.eind.year if self.eind.month == 1 else self.eind.year + 1))

    def vorige(self) -> Periode:
        """The period of the same kind and length just before this one."""
        if self.soort is Periodesoort.kwartaal:
            q = (self.begin.month + 2) // 3
            return Periode.kwartaal(self.begin.year - 1, 4) if q == 1 else Periode.kwartaal(self.begin.year, q - 1)
        lengte = self.eind.year - self.begin.year
        return Periode.jaren(self.begin.year - lengte, self.begin.year - 1)

    def kwartalen(self) -> tuple[Periode, ...]:
        """The quarters of a year or multi-year period (the period itself for a quarter)."""
        if self.soort is Periodesoort.kwartaal:
            return (self,)
        return tuple(Periode.kwartaal(j, q) for j in range(self.begin.year, self.eind.year) for q in (1, 2, 3, 4))


def _check_jaar(jaar: int) -> None:
    if not MIN_JAAR <= jaar <= MAX_JAAR:
        raise ValueError(f"year {jaar} outside {MIN_JAAR}–{MAX_JAAR}")


def niveau_label(niveau: Gebiedsniveau, taal: str = "nl") -> str:
    """The name of an area level."""
    return vertaler(taal)(_NIVEAUS[niveau.value])


_NIVEAUS = {
    "gemeente": N_("gemeente"),
    "veiligheidsregio": N_("veiligheidsregio"),
    "politie_eenheid": N_("politie-eenheid"),
    "riec_regio": N_("RIEC-regio"),
    "provincie": N_("provincie"),
    "nederland": N_("Nederland"),
}
