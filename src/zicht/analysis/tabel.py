# SPDX-License-Identifier: EUPL-1.2
"""Typed result objects: every figure carries its unit, period, reference dates and data vintage.

A :class:`Tabel` is what every face (web page, API, CLI, CSV/XLSX/PDF export) shows, cell for cell. Cells are
:class:`Waarde` objects with the number (None when withheld), the text to show (``35``, ``<10``, ``x``) and a
:class:`Markering` that says why, so that an export can never lose the marking of a suppressed cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from zicht.analysis import opmaak
from zicht.analysis.dimensies import Eenheid, Gebiedsbasis
from zicht.taal import vertaler


class Markering(StrEnum):
    """Why a cell shows what it shows.

    - ``getoond``: the figure (rounded when disclosure control applies).
    - ``klein_aantal``: withheld because the count is small (shown as ``<10``).
    - ``onderdrukt``: withheld to protect another cell (shown as ``x``).
    - ``niet_beschikbaar``: there is no figure (no population, no previous period), shown as ``–``.
    """

    getoond = "getoond"
    klein_aantal = "klein_aantal"
    onderdrukt = "onderdrukt"
    niet_beschikbaar = "niet_beschikbaar"

    @property
    def verborgen(self) -> bool:
        """Whether the value is withheld for disclosure control."""
        return self in (Markering.klein_aantal, Markering.onderdrukt)


class Kolomsoort(StrEnum):
    """What a column holds (decides formatting and which cells can be suppressed)."""

    tekst = "tekst"
    aantal = "aantal"
    per_100k = "per_100k"
    aandeel = "aandeel"
    verhouding = "verhouding"


@dataclass(frozen=True)
class Waarde:
    """One cell: the number (None when withheld or not applicable), its display text and marking."""

    getal: float | None
    tekst: str
    markering: Markering = Markering.getoond

    @classmethod
    def van_tekst(cls, tekst: str) -> Waarde:
        """A text cell (labels, codes)."""
        return cls(None, tekst)

    @classmethod
    def leeg(cls) -> Waarde:
        """No figure (shown as an en dash)."""
        return cls(None, "–", Markering.niet_beschikbaar)

    @property
    def verborgen(self) -> bool:
        """Whether the value is withheld for disclosure control."""
        return self.markering.verborgen


@dataclass(frozen=True)
class Kolom:
    """A column: stable machine key (export header), label, kind."""

    sleutel: str
    label: str
    soort: Kolomsoort = Kolomsoort.aantal


@dataclass(frozen=True)
class Metadata:
    """What every figure must state.

    Attributes:
        eenheid: Persons or meldingen.
        periode: The period's canonical code (``2024``, ``2024-Q3``, ``2022-2024``) or a range for series.
        periode_label: The period in words.
        peildatum: Date of the data status (the newest melding in the vintage).
        bevolking_peildatum: Reference date of the population figures (rates per 100,000).
        vintage: Fingerprint of the data vintage.
        vintage_label: The vintage in words.
        gebiedsindeling: CBS boundary year of the gemeente codes.
        basis: Which place decides a melding's area.
        beveiligd: Whether disclosure control was applied (every role but the analyst's).
        drempel: The disclosure threshold in force, if protected.
        afrondingsbasis: The rounding base in force, if protected.
        filter: The population filter in words (``''`` when none).
        koppelingsgraad: Share of meldingen linked to a person when the table counts persons.
    """

    eenheid: Eenheid
    periode: str
    periode_label: str
    peildatum: date | None
    bevolking_peildatum: str
    vintage: str
    vintage_label: str
    gebiedsindeling: int
    basis: Gebiedsbasis
    beveiligd: bool
    drempel: int | None = None
    afrondingsbasis: int | None = None
    filter: str = ""
    koppelingsgraad: float | None = None

    def regels(self, taal: str = "nl") -> list[tuple[str, str]]:
        """The metadata as ``(label, value)`` lines for exports and footers."""
        _ = vertaler(taal)
        regels = [
            (_("Eenheid"), self.eenheid.label(taal)),
            (_("Periode"), self.periode_label),
            (_("Peildatum gegevens"), opmaak.datum(self.peildatum, taal)),
            (_("Peildatum bevolking"), _datumtekst(self.bevolking_peildatum, taal)),
            (_("Gegevensstand"), self.vintage_label),
            (_("Gebiedsindeling"), str(self.gebiedsindeling)),
            (_("Gebied volgens"), self.basis.label(taal)),
        ]
        if self.filter:
            regels.append((_("Filter"), self.filter))
        if self.beveiligd:
            regels.append(
                (
                    _("Statistische beveiliging"),
                    _(
                        "aantallen onder {drempel} afgeschermd, afgerond op {basis}",
                        drempel=self.drempel,
                        basis=self.afrondingsbasis,
                    ),
                )
            )
        else:
            regels.append((_("Statistische beveiliging"), _("geen (analist)")))
        if self.koppelingsgraad is not None:
            regels.append((_("Gekoppelde meldingen"), opmaak.procent(self.koppelingsgraad, 0, taal)))
        return regels

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready metadata (camelCase keys, as the API uses)."""
        return {
            "eenheid": self.eenheid.value,
            "periode": self.periode,
            "periodeLabel": self.periode_label,
            "peildatum": self.peildatum.isoformat() if self.peildatum else None,
            "bevolkingPeildatum": self.bevolking_peildatum,
            "gegevensstand": self.vintage,
            "gegevensstandLabel": self.vintage_label,
            "gebiedsindeling": self.gebiedsindeling,
            "gebiedsbasis": self.basis.value,
            "beveiligd": self.beveiligd,
            "drempel": self.drempel,
            "afrondingsbasis": self.afrondingsbasis,
            "filter": self.filter,
            "koppelingsgraad": self.koppelingsgraad,
        }


def _datumtekst(iso: str, taal: str) -> str:
    """An ISO date string in words (left as it is when it is no date)."""
    try:
        return opmaak.datum(date.fromisoformat(iso), taal)
    except ValueError:
        return iso


@dataclass(frozen=True)
class Tabel:
    """A finished table: columns, rows of cells, metadata, a plain-language reading and notes.

    Attributes:
        id: Stable identifier of the table kind and request, e.g. ``uitsplitsing/geslacht/VR09/2024``.
        titel: The caption.
        kolommen: The columns in fixed order (exports keep this order).
        rijen: The rows; each has one cell per column.
        meta: Unit, period, dates, vintage and protection.
        samenvatting: One sentence in plain language that says what the table shows (the chart's text
            alternative).
        advies: Advice when most cells are withheld (coarser level or longer period), else None.
        voetnoten: Further notes (counting rules, unknown values).
    """

    id: str
    titel: str
    kolommen: tuple[Kolom, ...]
    rijen: tuple[tuple[Waarde, ...], ...]
    meta: Metadata
    samenvatting: str = ""
    advies: str | None = None
    voetnoten: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        for rij in self.rijen:
            if len(rij) != len(self.kolommen):
                raise ValueError(f"table {self.id}: a row has {len(rij)} cells for {len(self.kolommen)} columns")

    def kolom_index(self, sleutel: str) -> int:
        """Position of a column by key."""
        for i, k in enumerate(self.kolommen):
            if k.sleutel == sleutel:
                return i
        raise KeyError(sleutel)

    def kolom(self, sleutel: str) -> list[Waarde]:
        """All cells of one column."""
        i = self.kolom_index(sleutel)
        return [rij[i] for rij in self.rijen]

    def rij(self, sleutel: str, waarde: str) -> tuple[Waarde, ...]:
        """The first row whose cell in column ``sleutel`` has text ``waarde``."""
        i = self.kolom_index(sleutel)
        for rij in self.rijen:
            if rij[i].tekst == waarde:
                return rij
        raise KeyError(waarde)

    @property
    def aandeel_verborgen(self) -> float:
        """Share of the numeric cells (other than zeros) that are withheld."""
        cellen = [
            c
            for rij in self.rijen
            for k, c in zip(self.kolommen, rij, strict=True)
            if k.soort is Kolomsoort.aantal and c.markering is not Markering.niet_beschikbaar and c.getal != 0
        ]
        return sum(c.verborgen for c in cellen) / len(cellen) if cellen else 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form: metadata, columns and rows of ``{waarde, tekst, markering}`` cells."""
        return {
            "id": self.id,
            "titel": self.titel,
            "metadata": self.meta.as_dict(),
            "samenvatting": self.samenvatting,
            "advies": self.advies,
            "voetnoten": list(self.voetnoten),
            "kolommen": [{"sleutel": k.sleutel, "label": k.label, "soort": k.soort.value} for k in self.kolommen],
            "rijen": [
                [{"waarde": c.getal, "tekst": c.tekst, "markering": c.markering.value} for c in rij]
                for rij in self.rijen
            ],
        }


def format_getal(getal: float | None, soort: Kolomsoort, taal: str = "nl", *, groepering: bool = True) -> str:
    """Format a number for display with the language's formatter (:mod:`zicht.analysis.opmaak`): counts
    with thousands separators, rates with one decimal, shares in whole percents, ratios with two decimals.

    Example:
        >>> format_getal(11242, Kolomsoort.aantal), format_getal(3.14159, Kolomsoort.per_100k)
        ('11.242', '3,1')
        >>> format_getal(11242, Kolomsoort.aantal, "en"), format_getal(3.14159, Kolomsoort.per_100k, "en")
        ('11,242', '3.1')
    """
    if getal is None:
        return "–"
    if soort is Kolomsoort.aantal:
        return opmaak.getal(round(getal), 0, taal, groepering=groepering)
    if soort is Kolomsoort.aandeel:
        return opmaak.procent(getal, 0, taal)
    if soort is Kolomsoort.verhouding:
        return opmaak.getal(getal, 2, taal, groepering=groepering)
    return opmaak.getal(getal, 1, taal, groepering=groepering)


#: Column kinds whose shown cells are re-rendered in the table's language by :func:`in_taal`.
_HERFORMATTEERBAAR = frozenset({Kolomsoort.aantal, Kolomsoort.per_100k, Kolomsoort.aandeel})


def in_taal(tabel: Tabel, taal: str) -> Tabel:
    """The table with every shown count, rate and share written by the formatter of ``taal``.

    Cells are built in several places (the disclosure families write Dutch digits); this is the one step that
    makes a table speak one language, so ``1.045`` never appears in an English table. Markers (``<10``, ``x``,
    ``–``), ranges and ratio texts are left as they are. Every builder writes Dutch by default, so a Dutch
    table is returned as it is.
    """
    if taal not in opmaak.LOCALES or taal == "nl":
        return tabel
    rijen = tuple(
        tuple(
            Waarde(c.getal, format_getal(c.getal, k.soort, taal), c.markering)
            if k.soort in _HERFORMATTEERBAAR and c.getal is not None and c.markering is Markering.getoond
            else c
            for k, c in zip(tabel.kolommen, rij, strict=True)
        )
        for rij in tabel.rijen
    )
    return replace(tabel, rijen=rijen)
