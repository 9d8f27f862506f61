# SPDX-License-Identifier: EUPL-1.2
"""Limits on import files (``Grenzen``), their refusals in Dutch and English, and the checks shared by the
readers: lines read with a length bound, and every row checked for its number of rows and cell lengths.

A hostile file must cost a bounded amount of time and memory however it is built: a few hundred kilobytes of
XLSX can unpack to gigabytes, a CSV line can be fifty megabytes of commas. Every limit is checked while the
file streams, before the data it guards is held in memory, and limits that concern the file as a whole are
checked before the first row is handed out (so an import refuses the file and writes nothing).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, AnyStr, Generic

from zicht.intake.files._common import BestandsFout, RawRow, rij_fout
from zicht.intake.validate import Fout

if TYPE_CHECKING:
    from zicht.config import Settings

log = logging.getLogger(__name__)
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Grenzen:
    """Limits of one import (defaults as in :class:`zicht.config.Settings`, ``ZICHT_IMPORT_MAX_*``).

    Attributes:
        max_bestand_bytes: size of the file as delivered (compressed, for XLSX).
        max_uitgepakt_bytes: XLSX: the parts unpacked, declared and actually read.
        max_rijen: rows besides the header.
        max_kolommen: columns of the header; cells of a row.
        max_celtekens: characters of one cell (of a multi-valued JSON list: all values together).
        max_gedeelde_teksten: XLSX: entries of the shared-strings table.
        max_zip_onderdelen: XLSX: members of the zip.
    """

    max_bestand_bytes: int = 50 * MB
    max_uitgepakt_bytes: int = 200 * MB
    max_rijen: int = 200_000
    max_kolommen: int = 200
    max_celtekens: int = 10_000
    max_gedeelde_teksten: int = 1_000_000
    max_zip_onderdelen: int = 1000

    @classmethod
    def uit_instellingen(cls, settings: Settings) -> Grenzen:
        """The limits configured in ``settings``."""
        return cls(
            max_bestand_bytes=settings.import_max_bestand_mb * MB,
            max_uitgepakt_bytes=settings.import_max_uitgepakt_mb * MB,
            max_rijen=settings.import_max_rijen,
            max_kolommen=settings.import_max_kolommen,
            max_celtekens=settings.import_max_celtekens,
            max_gedeelde_teksten=settings.import_max_gedeelde_teksten,
            max_zip_onderdelen=settings.import_max_zip_onderdelen,
        )

    @property
    def max_regeltekens(self) -> int:
        """Longest line of a CSV or JSONL file: a full row of full cells."""
        return self.max_kolommen * self.max_celtekens

    @property
    def max_tokenbytes(self) -> int:
        """XLSX: longest stretch of XML without a tag boundary or text event (a cell's text may be written
        with character references of up to ten bytes per character)."""
        return max(MB, 16 * self.max_celtekens)


def standaard_grenzen() -> Grenzen:
    """The limits of the ``ZICHT_IMPORT_MAX_*`` environment (defaults when the environment is unusable)."""
    from zicht.config import ConfigError, load_settings

    try:
        return Grenzen.uit_instellingen(load_settings())
    except ConfigError:
        log.warning("import limits: the ZICHT_* configuration is invalid, the default limits apply")
        return Grenzen()


def getal(n: int, taal: str) -> str:
    """A whole number with thousands separators: ``200.000`` in Dutch, ``200,000`` in English."""
    text = f"{n:,}"
    return text.replace(",", ".") if taal == "nl" else text


def megabytes(n: int) -> str:
    return f"{n / MB:g} MB"


def te_groot(grootte_grens: int) -> BestandsFout:
    return BestandsFout(
        "te_groot",
        f"het bestand is groter dan {megabytes(grootte_grens)}; splits het in kleinere bestanden",
        f"the file is larger than {megabytes(grootte_grens)}; split it into smaller files",
    )


def te_veel_rijen(grens: int) -> BestandsFout:
    return BestandsFout(
        "te_veel_rijen",
        f"het bestand bevat meer dan {getal(grens, 'nl')} rijen; splits het in kleinere bestanden",
        f"the file holds more than {getal(grens, 'en')} rows; split it into smaller files",
    )


def te_veel_kolommen(grens: int) -> BestandsFout:
    return BestandsFout(
        "te_veel_kolommen",
        f"de kopregel heeft meer dan {getal(grens, 'nl')} kolommen",
        f"the header has more than {getal(grens, 'en')} columns",
    )


def rij_te_breed(rijnummer: int, grens: int) -> RawRow:
    """A row with more cells than the limit (rejected as a whole, nothing of it is kept)."""
    return RawRow(
        rijnummer,
        {},
        (
            rij_fout(
                "te_veel_kolommen",
                f"rij heeft meer dan {getal(grens, 'nl')} cellen",
                f"row has more than {getal(grens, 'en')} cells",
            ),
        ),
    )


def regel_te_lang(rijnummer: int, grens: int) -> RawRow:
    """A line longer than any row can be (rejected without being held in memory)."""
    return RawRow(
        rijnummer,
        {},
        (
            rij_fout(
                "te_lang",
                f"regel is langer dan {getal(grens, 'nl')} tekens",
                f"line is longer than {getal(grens, 'en')} characters",
            ),
        ),
    )


class RegelTeLang(Exception):
    """Raised (once) by :class:`BegrensdeRegels` for a line over the limit; iteration may continue."""

    def __init__(self, regel: int) -> None:
        super().__init__(regel)
        self.regel = regel


class BegrensdeRegels(Generic[AnyStr]):
    """The lines of a text or binary stream, none held longer than ``max_tekens`` (plus its line end).

    A longer line is skipped in pieces and announced by raising :class:`RegelTeLang`; the next ``next``
    continues with the line after it (``csv.reader`` resumes the same way after an error of its source).
    ``regel`` is the number of physical lines read so far.
    """

    def __init__(self, stream: IO[AnyStr], max_tekens: int) -> None:
        self.stream: IO[AnyStr] = stream
        self.max_tekens = max_tekens
        self.regel = 0

    def __iter__(self) -> BegrensdeRegels[AnyStr]:
        return self

    def __next__(self) -> AnyStr:
        line = self.stream.readline(self.max_tekens + 2)
        if not line:
            raise StopIteration
        self.regel += 1
        if len(line) > self.max_tekens and _content_length(line) > self.max_tekens:
            if not _ends_line(line):
                self._skip_rest()
            raise RegelTeLang(self.regel)
        return line

    def _skip_rest(self) -> None:
        while piece := self.stream.readline(1024 * 1024):
            if _ends_line(piece):
                return


def _ends_line(line: str | bytes) -> bool:
    """Binary lines (JSONL) end at a line feed only; text read with ``newline=""`` (CSV) also at a CR."""
    if isinstance(line, bytes):
        return line.endswith(b"\n")
    return line.endswith(("\n", "\r"))


def _content_length(line: str | bytes) -> int:
    n = len(line)
    while n and line[n - 1 : n] in ("\n", "\r", b"\n", b"\r"):
        n -= 1
    return n


def bewaakte_rijen(rijen: Iterator[RawRow], grenzen: Grenzen) -> Iterator[RawRow]:
    """The rows of a reader, checked against the limits every reader shares.

    A row with a cell over ``max_celtekens`` is rejected (naming the column); more than ``max_rijen`` rows
    stop the file (a safety net: the readers count the rows before the first one is handed out).
    """
    for aantal, rij in enumerate(rijen, start=1):
        if aantal > grenzen.max_rijen:
            raise te_veel_rijen(grenzen.max_rijen)
        if not rij.fouten:
            fouten = _te_lange_cellen(rij, grenzen.max_celtekens)
            if fouten:
                rij = RawRow(rij.rijnummer, {}, tuple(fouten))
        yield rij


def _te_lange_cellen(rij: RawRow, grens: int) -> list[Fout]:
    fouten = []
    for kolom, waarde in rij.values.items():
        if isinstance(waarde, str):
            lengte = len(waarde)
        elif isinstance(waarde, list | tuple):
            lengte = sum(len(str(v)) for v in waarde) + max(0, len(waarde) - 1)
        else:
            continue
        if lengte > grens:
            fouten.append(
                rij_fout(
                    "te_lang",
                    f"cel is langer dan {getal(grens, 'nl')} tekens",
                    f"cell is longer than {getal(grens, 'en')} characters",
                    kolom,
                    waarde if isinstance(waarde, str) else None,
                )
            )
    return fouten
