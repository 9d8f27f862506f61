# SPDX-License-Identifier: EUPL-1.2
"""Capture tables from linked persons: which lists saw each person of a stratum (year or period, form, region).

The rules (also in ``docs/ijsberg.md``):

1. **Only linked meldingen count.** A melding without a person cannot be placed on lists; such meldingen are
   counted (``ongekoppeld``) and reported, never guessed.
2. **A person belongs to the period of their first melding.** The first melding is the earliest (by year)
   among *all* rows given, so a person is counted once across consecutive years, and the table of a past year
   does not change when later meldingen arrive. A person whose first melding lies before the period is not in
   it, even if reported again in it.
3. **The capture history is taken within the period**: the person is on list L when a melding in the period
   came from a kind of reporter on list L. Kinds the list definition leaves out put nobody on a list; a person
   seen only by such kinds is not observed.
4. **Form and region of a person** are those of their first melding in the period that has a known value
   (order: year, date, then the codebook order of the forms / the name of the region); ``onbekend`` if no
   melding in the period knows it. A melding with several forms contributes them all; the codebook order
   decides among forms on the same melding.
5. The table lists every list of the definition, also lists that saw nobody in the stratum (the assessment in
   :mod:`~.regels` removes those before estimating).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from zicht.analysis.iceberg.lijsten import Lijstindeling
from zicht.analysis.iceberg.rijen import ONBEKEND, valideer_rijen
from zicht.analysis.mse import CaptureTable
from zicht.codebook import codelijst
from zicht.taal import vertaler

__all__ = ["Stratum", "Vangsttabel", "bouw_vangsttabel", "personen_van", "vorm_volgorde"]

_PERIODE = re.compile(r"^\s*(\d{4})\s*(?:[-–/]\s*(\d{4}))?\s*$")


@dataclass(frozen=True)
class Stratum:
    """The group of persons a capture table is built for.

    Attributes:
        jaar_van: First year of the period.
        jaar_tot: Last year of the period (equal to ``jaar_van`` for one year).
        vorm: Form of exploitation (code), or None for every form.
        regio: Politie-eenheid of the plaats delict, ``buitenland``/``onbekend``, or None for the whole country.
    """

    jaar_van: int
    jaar_tot: int
    vorm: str | None = None
    regio: str | None = None

    def __post_init__(self) -> None:
        if self.jaar_tot < self.jaar_van:
            raise ValueError(f"periode loopt achteruit: {self.jaar_van}-{self.jaar_tot}")

    @classmethod
    def uit_tekst(cls, periode: str, vorm: str | None = None, regio: str | None = None) -> Stratum:
        """A stratum from ``2023`` or ``2019-2023``.

        Args:
            periode: One year or two years separated by a dash.
            vorm: Form code or None.
            regio: Region or None.

        Returns:
            The stratum.

        Raises:
            ValueError: If the period is not written as a year or a range of years.
        """
        match = _PERIODE.match(periode)
        if not match:
            raise ValueError(f"periode {periode!r} is geen jaar (2023) of reeks jaren (2019-2023)")
        van = int(match.group(1))
        return cls(van, int(match.group(2) or van), vorm or None, regio or None)

    @property
    def periode(self) -> str:
        """``2023`` or ``2019-2023``."""
        return str(self.jaar_van) if self.jaar_van == self.jaar_tot else f"{self.jaar_van}-{self.jaar_tot}"

    def omschrijving(self, taal: str = "nl") -> str:
        """In words, e.g. ``2023, seksuele uitbuiting, politie-eenheid Amsterdam``."""
        _ = vertaler(taal)
        delen = [self.periode]
        if self.vorm is not None:
            try:
                delen.append(codelijst("uitbuitingsvorm")[self.vorm].label(taal))
            except KeyError:
                delen.append(_("vorm {vorm}", vorm=self.vorm))
        if self.regio == "buitenland":
            delen.append(_("buitenland"))
        elif self.regio == ONBEKEND:
            delen.append(_("onbekend"))
        elif self.regio is not None:
            delen.append(_("politie-eenheid {regio}", regio=self.regio))
        else:
            delen.append(_("heel Nederland"))
        return ", ".join(delen)

    def in_taal(self, taal: str) -> str:
        """The description in ``taal`` (so a :class:`~zicht.taal.Tekst` can hold the stratum)."""
        return self.omschrijving(taal)


@dataclass(frozen=True)
class Vangsttabel:
    """A capture table of one stratum with what went into it.

    Attributes:
        stratum: The stratum.
        indeling: The list definition.
        patronen: (pattern, number of persons) for every observed pattern, in SparseMSE cell order.
        lijst_totalen: Persons on each list (regardless of other lists), in list order.
        ongekoppeld: Meldingen in the period and stratum that are not linked to a person.
        niet_op_lijst: Persons of the stratum seen only by kinds of reporter the definition leaves out.
    """

    stratum: Stratum
    indeling: Lijstindeling
    patronen: tuple[tuple[tuple[int, ...], int], ...]
    lijst_totalen: tuple[int, ...]
    ongekoppeld: int = 0
    niet_op_lijst: int = 0
    _tabel: CaptureTable | None = field(default=None, repr=False, compare=False)

    @property
    def lijsten(self) -> tuple[str, ...]:
        """The list names."""
        return self.indeling.namen

    @property
    def personen(self) -> int:
        """Observed persons (on at least one list)."""
        return sum(n for _, n in self.patronen)

    @property
    def overlap(self) -> int:
        """Persons on two or more lists."""
        return sum(n for p, n in self.patronen if sum(p) >= 2)

    @property
    def tabel(self) -> CaptureTable | None:
        """The table as the MSE library takes it (None when nobody was observed)."""
        if self._tabel is not None or not self.patronen:
            return self._tabel
        return CaptureTable.from_rows(self.lijsten, [(*p, n) for p, n in self.patronen])

    def rijen(self) -> list[tuple[int, ...]]:
        """Rows ``(bits..., count)``."""
        return [(*p, n) for p, n in self.patronen]


def vorm_volgorde(vorm: str) -> tuple[int, str]:
    """Sort key of a form: codebook order, unknown codes after the known ones."""
    codes = codelijst("uitbuitingsvorm").waarden
    return (codes.index(vorm), vorm) if vorm in codes else (len(codes), vorm)


def _eerste_bekende(
    persoon: np.ndarray, sleutels: tuple[np.ndarray, ...], waarden: np.ndarray, bekend: np.ndarray, n: int
) -> np.ndarray:
    """Per person code (0..n-1) the value on their first row with a known value, ordered by ``sleutels``
    (most significant first); ``onbekend`` for persons without such a row."""
    uit = np.full(n, ONBEKEND, dtype=object)
    rijen = np.flatnonzero(bekend)
    if rijen.size == 0:
        return uit
    volgorde = rijen[np.lexsort((*(k[rijen] for k in reversed(sleutels)), persoon[rijen]))]
    personen, eerste = np.unique(persoon[volgorde], return_index=True)
    uit[personen] = waarden[volgorde[eerste]]
    return uit


def _rangen(waarden: np.ndarray, sleutel: Callable[[str], Any]) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes of text values ordered by ``sleutel``, and the distinct values."""
    codes, uniek = pd.factorize(waarden)
    uniek = np.asarray(uniek, dtype=object)
    volgorde = sorted(range(len(uniek)), key=lambda i: sleutel(str(uniek[i])))
    rang = np.empty(len(uniek), dtype=np.int64)
    rang[volgorde] = np.arange(len(uniek))
    return rang[codes], uniek


def personen_van(rijen: pd.DataFrame, jaar_van: int, jaar_tot: int, indeling: Lijstindeling) -> pd.DataFrame:
    """Every person whose first melding lies in the period, with form, region and list bits.

    Args:
        rijen: Capture rows (validated or not).
        jaar_van: First year.
        jaar_tot: Last year.
        indeling: The list definition.

    Returns:
        A frame indexed by ``persoon_id`` with columns ``vorm``, ``regio`` and ``bits`` (an integer with bit i
        set when list i saw the person in the period; 0 when only left-out kinds saw them).
    """
    rijen = valideer_rijen(rijen)
    persoon_tekst = rijen["persoon_id"].to_numpy(dtype=object)
    gekoppeld = np.flatnonzero(pd.notna(persoon_tekst))
    codes, ids = pd.factorize(persoon_tekst[gekoppeld])
    jaar = rijen["jaar"].to_numpy()[gekoppeld]
    eerste = np.full(len(ids), np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(eerste, codes, jaar)
    in_periode = (jaar >= jaar_van) & (jaar <= jaar_tot) & (eerste[codes] >= jaar_van) & (eerste[codes] <= jaar_tot)
    rij = gekoppeld[in_periode]
    codes = codes[in_periode]
    if rij.size == 0:
        leeg = pd.Index([], name="persoon_id", dtype=object)
        return pd.DataFrame({"vorm": [], "regio": [], "bits": []}, index=leeg).astype({"bits": np.int64})
    # persons in the period, renumbered 0..m-1 in order of first appearance
    codes, personen = pd.factorize(codes)
    m = len(personen)
    jaar = rijen["jaar"].to_numpy()[rij]
    datum = rijen["melddatum"].to_numpy()[rij].astype("datetime64[ns]").view(np.int64)
    datum = np.where(datum == np.iinfo(np.int64).min, np.iinfo(np.int64).max, datum)  # unknown date last
    vorm = rijen["vorm"].to_numpy(dtype=object)[rij]
    regio = rijen["regio"].to_numpy(dtype=object)[rij]
    vorm_rang, _ = _rangen(vorm, vorm_volgorde)
    regio_rang, _ = _rangen(regio, lambda r: r)
    per_vorm = _eerste_bekende(codes, (jaar, datum, vorm_rang), vorm, vorm != ONBEKEND, m)
    per_regio = _eerste_bekende(codes, (jaar, datum, regio_rang), regio, regio != ONBEKEND, m)
    index = {naam: i for i, naam in enumerate(indeling.namen)}
    rest = index[indeling.rest] if indeling.rest is not None else -1
    soort_codes, soorten = pd.factorize(rijen["melder_soort"].to_numpy(dtype=object)[rij])
    toewijzing = indeling.toewijzing()
    lijst_van_soort = np.array([index[toewijzing[s]] if s in toewijzing else rest for s in soorten], dtype=np.int64)
    lijst = lijst_van_soort[soort_codes] if len(soorten) else np.full(len(rij), -1, dtype=np.int64)
    bit = np.where(lijst >= 0, np.left_shift(1, np.maximum(lijst, 0)), 0).astype(np.int64)
    bits = np.zeros(m, dtype=np.int64)
    np.bitwise_or.at(bits, codes, bit)
    naam = ids[np.asarray(personen)]
    return pd.DataFrame(
        {"vorm": per_vorm, "regio": per_regio, "bits": bits},
        index=pd.Index(np.asarray(naam, dtype=object), name="persoon_id"),
    )


def _ongekoppeld(rijen: pd.DataFrame, stratum: Stratum) -> int:
    los = rijen[rijen["persoon_id"].isna() & rijen["jaar"].between(stratum.jaar_van, stratum.jaar_tot)]
    if stratum.vorm is not None:
        los = los[los["vorm"] == stratum.vorm]
    if stratum.regio is not None:
        los = los[los["regio"] == stratum.regio]
    return int(los["melding_id"].nunique())


def bouw_vangsttabel(rijen: pd.DataFrame, stratum: Stratum, indeling: Lijstindeling) -> Vangsttabel:
    """Build the capture table of one stratum (the rules are in the module docstring).

    Args:
        rijen: Capture rows (:data:`~zicht.analysis.iceberg.rijen.RIJ_KOLOMMEN`).
        stratum: Period, form and region.
        indeling: Which kinds of reporter form each list.

    Returns:
        The capture table with its counts of unlinked meldingen and of persons on no list.
    """
    rijen = valideer_rijen(rijen)
    personen = personen_van(rijen, stratum.jaar_van, stratum.jaar_tot, indeling)
    if stratum.vorm is not None:
        personen = personen[personen["vorm"] == stratum.vorm]
    if stratum.regio is not None:
        personen = personen[personen["regio"] == stratum.regio]
    t = len(indeling.namen)
    niet_op_lijst = int((personen["bits"] == 0).sum())
    tellingen = personen.loc[personen["bits"] > 0, "bits"].value_counts()
    patronen = {tuple(int(b >> i & 1) for i in range(t)): int(n) for b, n in tellingen.items()}
    tabel = CaptureTable.from_rows(indeling.namen, [(*p, n) for p, n in patronen.items()]) if patronen else None
    geordend = tuple(zip(tabel.patterns, tabel.counts, strict=True)) if tabel is not None else ()
    totalen = tabel.list_totals() if tabel is not None else (0,) * t
    return Vangsttabel(stratum, indeling, geordend, totalen, _ongekoppeld(rijen, stratum), niet_op_lijst, tabel)
