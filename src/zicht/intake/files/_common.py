# SPDX-License-Identifier: EUPL-1.2
"""Shared pieces of the file readers: the row and error types, the opened-file object, header mapping."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from zicht.intake.columns import KOLOMMEN, canonical_column
from zicht.intake.validate import Fout, RawValue, veilig_getoond

#: The column name used in a row problem that concerns the whole row rather than one column.
HELE_RIJ = ""

BAD_TEXT = re.compile(r"[\ud800-\udfff]")  # lone surrogates: undecodable bytes (surrogateescape) or bad JSON
SHOWN = re.compile(r"[\x00-\x1f\x7f\ud800-\udfff]")
REQUIRED = tuple(k.naam for k in KOLOMMEN if k.verplicht)
MULTI = frozenset(k.naam for k in KOLOMMEN if k.meervoudig)


class BestandsFout(ValueError):
    """The file as a whole cannot be read. The message is complete, bilingual and free of personal data.

    Attributes:
        code: a stable machine-readable code (``leeg``, ``onbekende_kolommen``, ``codering``, ...).
        reden_nl: the reason in Dutch.
        reden_en: the reason in English.
    """

    def __init__(self, code: str, reden_nl: str, reden_en: str) -> None:
        self.code = code
        self.reden_nl = reden_nl
        self.reden_en = reden_en
        super().__init__(f"{reden_nl} / {reden_en}")


@dataclass(frozen=True, slots=True)
class RawRow:
    """One row as read from a file, before validation.

    Attributes:
        rijnummer: the row (spreadsheet) or line (CSV, JSONL) number the user sees; the header is row 1.
        values: {canonical column name: raw value}; empty cells are left out.
        fouten: problems of the row found while reading (the row must then be rejected as a whole);
            ``kolom == HELE_RIJ`` when a problem concerns the whole row.
    """

    rijnummer: int
    values: dict[str, RawValue]
    fouten: tuple[Fout, ...] = ()


def toon_waarde(kolom: str, waarde: object) -> str | None:
    """How a value may be shown in a report: redacted for identifying columns, control characters and
    undecodable bytes replaced, at most 80 characters."""
    if waarde is None or waarde == "":
        return None
    shown = veilig_getoond(kolom, waarde)
    return None if shown is None else SHOWN.sub("\ufffd", shown)


def rij_fout(code: str, nl: str, en: str, kolom: str = HELE_RIJ, waarde: object = None) -> Fout:
    return Fout(kolom, toon_waarde(kolom, waarde), code, nl, en)


@dataclass
class Bestand:
    """An opened import file whose header has been checked. Iterate :meth:`rijen` once; close when done
    (or use it as a context manager).

    Attributes:
        formaat: ``csv``, ``xlsx`` or ``jsonl``.
        kolommen: the canonical columns present, in file order (JSONL: empty, keys are per line).
        sha256: hex digest of the file's bytes.
        grootte: size in bytes.
        codering: the text encoding used (``utf-8``, or what the caller asked for); None for XLSX.
    """

    formaat: str
    kolommen: tuple[str, ...]
    sha256: str
    grootte: int
    codering: str | None
    _rows: Iterator[RawRow]
    _stream: IO[bytes]
    _closers: list[Any] = field(default_factory=list)
    _xlsx_total: int | None = None
    _xlsx_done: int = 0

    def rijen(self) -> Iterator[RawRow]:
        """The rows, in file order. Raises BestandsFout if the file turns out to be broken half-way."""
        return self._rows

    def fractie(self) -> float | None:
        """Roughly how much of the file has been read (0..1), for progress bars; None when unknown."""
        try:
            if self.formaat == "xlsx":
                if not self._xlsx_total:
                    return None
                return min(1.0, self._xlsx_done / self._xlsx_total)
            if self.grootte:
                return min(1.0, self._stream.tell() / self.grootte)
        except (OSError, ValueError):
            return None
        return None

    def close(self) -> None:
        """Release the file (and the temporary copy of a non-seekable stream)."""
        for closer in reversed(self._closers):
            with contextlib.suppress(Exception):  # closing must not mask the real outcome
                closer.close()
        self._closers.clear()

    def __enter__(self) -> Bestand:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def header_columns(cells: Sequence[object]) -> tuple[list[tuple[int, str]], list[int]]:
    """Map header cells to canonical columns. Returns ([(index, column)], [indexes without a name]).

    Raises BestandsFout for unknown, duplicate or missing required columns.
    """
    names = ["" if c is None else str(c).strip() for c in cells]
    while names and not names[-1]:
        names.pop()
    mapped: list[tuple[int, str]] = []
    unnamed: list[int] = []
    unknown: list[str] = []
    first_seen: dict[str, str] = {}
    duplicates: list[str] = []
    for index, name in enumerate(names):
        if not name:
            unnamed.append(index)
            continue
        canon = canonical_column(name)
        if canon is None:
            unknown.append(name)
        elif canon in first_seen:
            duplicates.append(f"{first_seen[canon]!r} en/and {name!r} ({canon})")
        else:
            first_seen[canon] = name
            mapped.append((index, canon))
    if unknown:
        if not mapped:
            # No known column at all: probably data instead of a header; do not echo cells (may identify).
            raise BestandsFout(
                "geen_kopregel",
                "de eerste regel bevat geen bekende kolomnamen; begin het bestand met een kopregel "
                "(zie zicht template)",
                "the first line holds no known column names; start the file with a header line (see zicht template)",
            )
        shown = [_suggest(u) for u in unknown[:20]]
        more = f" (+{len(unknown) - 20})" if len(unknown) > 20 else ""
        raise BestandsFout(
            "onbekende_kolommen",
            f"onbekende kolommen: {', '.join(shown)}{more}; zie zicht template voor de kolomnamen",
            f"unknown columns: {', '.join(shown)}{more}; see zicht template for the column names",
        )
    if duplicates:
        raise BestandsFout(
            "dubbele_kolommen",
            f"kolom komt twee keer voor: {'; '.join(duplicates)}",
            f"column appears twice: {'; '.join(duplicates)}",
        )
    missing = [c for c in REQUIRED if c not in first_seen]
    if missing:
        raise BestandsFout(
            "verplichte_kolommen",
            f"verplichte kolommen ontbreken: {', '.join(missing)}",
            f"required columns are missing: {', '.join(missing)}",
        )
    return mapped, unnamed


def _suggest(name: str) -> str:
    import difflib

    shown = SHOWN.sub("\ufffd", name[:40])
    close = difflib.get_close_matches(
        name.strip().lower().replace(" ", "_"), [k.naam for k in KOLOMMEN], n=1, cutoff=0.75
    )
    return f"{shown!r} ({close[0]}?)" if close else repr(shown)


def encoding_problems(cells: Sequence[str], mapped: list[tuple[int, str]]) -> list[Fout]:
    names = dict(mapped)
    result = []
    for index, cell in enumerate(cells):
        if BAD_TEXT.search(cell):
            kolom = names.get(index, f"kolom {index + 1}")
            result.append(
                Fout(
                    kolom,
                    toon_waarde(kolom, cell),
                    "codering",
                    "bevat tekens die geen geldige UTF-8 zijn",
                    "contains characters that are not valid UTF-8",
                )
            )
    return result


def unnamed_problem(index: int, letters: bool) -> Fout:
    from openpyxl.utils import get_column_letter

    where = get_column_letter(index + 1) if letters else str(index + 1)
    return rij_fout(
        "kolom_zonder_naam",
        f"waarde in kolom {where}, die geen kolomnaam heeft",
        f"value in column {where}, which has no column name",
    )
