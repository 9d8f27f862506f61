# SPDX-License-Identifier: EUPL-1.2
"""Declared data sources: how a fact that is not a melding joins the extract, the vintage and the disclosure gate.

A capability (opvang today, online signals later) declares a :class:`Gegevensbron` in its own package and lists
it once in :data:`BRONNEN` as ``"module:attribute"`` (like the web's ``FEATURES``), so the analysis core imports
nothing from it. A declaration names:

- the DuckDB table it becomes in the extract, and its columns with their *role* (area, date, unit, category,
  measure): a unit column (a UUID) becomes a dense number and a category ``onbekend`` when empty, as for
  meldingen;
- ``rijen(tot)``: the SQLAlchemy select of its rows, as they stood at ``tot`` (a publicatie) or now (None);
- ``stand(tot)``: a select of one row of cheap aggregates (count, latest change) that changes whenever the rows
  change. It becomes part of the :class:`~zicht.analysis.extract.Vintage`, so a new occupancy report gives the
  analyst a new vintage, while a publicatie's stand stays fixed;
- ``telt``: whether its counts describe persons (they pass the disclosure gate for everyone but the analyst) or
  things such as beds (shown exactly).

See ``docs/adr/0007-declared-data-sources.md``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from functools import cache
from typing import Any

import duckdb
import pyarrow as pa
from sqlalchemy import Connection, Engine, String, cast, select

from zicht.analysis.dimensies import ONBEKEND
from zicht.privacy.disclosure import DisclosurePolicy, Unit, protect_series

#: "module:attribute" of every declared source (a Gegevensbron or a sequence of them). Add one line per capability.
BRONNEN: tuple[str, ...] = ("zicht.opvang.bronnen:BRONNEN",)

#: Tables of the melding extract a source may not replace.
KERNTABELLEN = frozenset({"melding", "uitbuiting", "werkwijze", "nationaliteit", "gebied"})
_STROOM = {"stream_results": True, "yield_per": 50_000}
_NAAM = re.compile(r"^[a-z][a-z0-9_]{0,62}$")


class Rol(StrEnum):
    """What a column is for in the analysis."""

    gebied = "gebied"  # a gemeentecode or region code
    datum = "datum"  # a date or moment
    eenheid = "eenheid"  # the id of what is counted (person, request): replaced by a dense number
    categorie = "categorie"  # a coded value; empty becomes ``onbekend``
    maat = "maat"  # a number to sum (beds)


class Telt(StrEnum):
    """What a count over the source describes."""

    personen = "personen"  # through the disclosure gate
    zaken = "zaken"  # beds, facilities: exact


_TYPES: dict[str, pa.DataType] = {
    "tekst": pa.string(),
    "geheel": pa.int64(),
    "datum": pa.date32(),
    "tijdstip": pa.timestamp("us", tz="UTC"),
}


@dataclass(frozen=True)
class Kolom:
    """A column of a source. ``soort`` is ``tekst``, ``geheel``, ``datum`` or ``tijdstip`` (UTC, stored naive)."""

    naam: str
    rol: Rol
    soort: str = "tekst"


@dataclass(frozen=True)
class Gegevensbron:
    """A declared data source.

    Attributes:
        naam: Its table in the extract (lower case, not a melding table).
        kolommen: The columns, in the order ``rijen`` selects them.
        rijen: The select of its rows as they stood at ``tot`` (None: now). No identifying data.
        stand: A select of one row of aggregates that changes whenever the rows (as of ``tot``) change.
        telt: Whether counts describe persons (disclosure gate) or things (exact).
        omschrijving: One line for the documentation and the vintage.
    """

    naam: str
    kolommen: tuple[Kolom, ...]
    rijen: Callable[[datetime | None], Any]
    stand: Callable[[datetime | None], Any]
    telt: Telt
    omschrijving: str = ""

    def __post_init__(self) -> None:
        if not _NAAM.match(self.naam) or self.naam in KERNTABELLEN:
            raise ValueError(f"ongeldige naam van een gegevensbron: {self.naam!r}")
        namen = [k.naam for k in self.kolommen]
        if not namen or len(set(namen)) != len(namen) or not all(_NAAM.match(n) for n in namen):
            raise ValueError(f"gegevensbron {self.naam}: kolomnamen ongeldig of dubbel")
        if any(k.soort not in _TYPES for k in self.kolommen):
            raise ValueError(f"gegevensbron {self.naam}: onbekende kolomsoort")

    @property
    def schema(self) -> pa.Schema:
        """The Arrow schema of its raw rows."""
        return pa.schema([(k.naam, _TYPES[k.soort]) for k in self.kolommen])

    def kolommen_met(self, rol: Rol) -> tuple[str, ...]:
        """The names of the columns with ``rol``."""
        return tuple(k.naam for k in self.kolommen if k.rol == rol)


def _laad(verwijzing: str) -> tuple[Gegevensbron, ...]:
    module, _, attribuut = verwijzing.partition(":")
    waarde = getattr(importlib.import_module(module), attribuut)
    return (waarde,) if isinstance(waarde, Gegevensbron) else tuple(waarde)


def uit_verwijzingen(verwijzingen: Iterable[str]) -> tuple[Gegevensbron, ...]:
    """The sources behind ``"module:attribute"`` references, checked for duplicate names."""
    bronnen = tuple(b for v in verwijzingen for b in _laad(v))
    return controleer(bronnen)


def controleer(bronnen: Iterable[Gegevensbron]) -> tuple[Gegevensbron, ...]:
    """The sources as a tuple; raises ValueError when two share a name."""
    bronnen = tuple(bronnen)
    namen = [b.naam for b in bronnen]
    dubbel = sorted({n for n in namen if namen.count(n) > 1})
    if dubbel:
        raise ValueError(f"gegevensbronnen met dezelfde naam: {', '.join(dubbel)}")
    return bronnen


@cache
def gedeclareerde_bronnen() -> tuple[Gegevensbron, ...]:
    """Every source listed in :data:`BRONNEN` (loaded once)."""
    return uit_verwijzingen(BRONNEN)


@dataclass(frozen=True)
class Poortcijfers:
    """Counts per category after the gate: display text per category and for the total."""

    cellen: dict[str, str]
    totaal: str
    exact: bool


def door_de_poort(
    bron: Gegevensbron,
    waarden: Mapping[str, int],
    *,
    exact: bool,
    policy: DisclosurePolicy,
    naam: str = "",
) -> Poortcijfers:
    """Counts per category of one breakdown over ``bron``, as they may be shown.

    Things (``Telt.zaken``) and callers who see exact statistics get the counts; counts of persons are protected
    as one breakdown with its total (:func:`zicht.privacy.disclosure.protect_series`): ``<10``, rounding.
    """
    if exact or bron.telt is Telt.zaken:
        return Poortcijfers(
            {c: str(int(v)) for c, v in waarden.items()}, str(sum(int(v) for v in waarden.values())), True
        )
    beschermd = protect_series(dict(waarden), policy, unit=Unit.personen, name=naam or bron.naam)
    kolom = beschermd.columns[0]
    return Poortcijfers({c: beschermd.cell(c, kolom).display for c in waarden}, beschermd.total.display, False)


def stand_tekst(waarden: Iterable[Any]) -> str:
    """The aggregates of a ``stand`` row as stable text (moments in UTC)."""
    delen = []
    for w in waarden:
        if isinstance(w, datetime):
            w = (w if w.tzinfo is None else w.astimezone(UTC)).isoformat()
        delen.append(str(w))
    return "|".join(delen)


@contextmanager
def verbind(bind: Engine | Connection) -> Iterator[Connection]:
    """A connection of ``bind``; an open connection (a session's, whose SQLite lock a second connection would
    wait for) is used as it is and left open."""
    if isinstance(bind, Connection):
        yield bind
    else:
        with bind.connect() as conn:
            yield conn


def lees_bron(engine: Engine | Connection, bron: Gegevensbron, tot: datetime | None) -> pa.Table:
    """The rows of one declared source; text columns as text (a UUID becomes its string), moments in UTC.

    Dates are read as ISO text and parsed by Arrow (parsing them row by row in Python is most of the time a large
    source takes to read)."""
    kolommen: list[list[Any]] = [[] for _ in bron.kolommen]
    sub = bron.rijen(tot).subquery()
    stmt = select(*(cast(c, String) if k.soort == "datum" else c for c, k in zip(sub.c, bron.kolommen, strict=True)))
    with verbind(engine) as conn:
        result = conn.execute(stmt, execution_options=_STROOM)
        for rows in result.partitions():
            for i, values in enumerate(zip(*rows, strict=True)):
                kolommen[i].extend(values)
    schema = bron.schema
    arrays = []
    for kolom, waarden, veld in zip(bron.kolommen, kolommen, schema, strict=True):
        if kolom.soort == "tekst":
            waarden = [v if v is None or isinstance(v, str) else str(v) for v in waarden]
        if kolom.soort == "datum":
            arrays.append(pa.array([None if v is None else v[:10] for v in waarden], pa.string()).cast(veld.type))
        else:
            arrays.append(pa.array(waarden, type=veld.type))
    return pa.Table.from_arrays(arrays, schema=schema)


def _bron_sql(bron: Gegevensbron) -> str:
    """The extract table of a declared source: a unit id becomes a dense number, an empty category ``onbekend``."""
    delen = []
    for k in bron.kolommen:
        c = f'"{k.naam}"'
        if k.rol is Rol.eenheid:
            delen.append(
                f"CASE WHEN {c} IS NULL THEN NULL ELSE CAST(dense_rank() OVER (ORDER BY {c}) AS INTEGER) END AS {c}"
            )
        elif k.rol is Rol.categorie and k.soort == "tekst":
            delen.append(f"coalesce({c}, '{ONBEKEND}') AS {c}")
        else:
            delen.append(c)
    return f'CREATE TABLE "{bron.naam}" AS SELECT {", ".join(delen)} FROM bron_arrow'


def laad_in_duckdb(
    con: duckdb.DuckDBPyConnection, ruw: Iterable[tuple[Gegevensbron, pa.Table]]
) -> dict[str, Gegevensbron]:
    """Load every declared source into its own table (moments as naive UTC timestamps)."""
    geladen: dict[str, Gegevensbron] = {}
    for bron, tabel in ruw:
        for i, veld in enumerate(tabel.schema):
            if pa.types.is_timestamp(veld.type) and veld.type.tz is not None:
                tabel = tabel.set_column(i, veld.name, tabel.column(i).cast(pa.timestamp("us")))
        con.register("bron_arrow", tabel)
        con.execute(_bron_sql(bron))
        con.unregister("bron_arrow")
        geladen[bron.naam] = bron
    return geladen
