# SPDX-License-Identifier: EUPL-1.2
"""XLSX reading with openpyxl in read-only mode: the sheet ``Meldingen`` (or the first), streamed in blocks."""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator, Sequence
from datetime import datetime, time
from typing import IO, Any

from zicht.intake.files._common import (
    BAD_TEXT,
    Bestand,
    BestandsFout,
    RawRow,
    encoding_problems,
    header_columns,
    unnamed_problem,
)
from zicht.intake.validate import RawValue

_XLSX_BLOCK = 500


def open_xlsx(stream: IO[bytes], sha: str, grootte: int) -> Bestand:
    from openpyxl import load_workbook

    if not zipfile.is_zipfile(stream):
        stream.seek(0)
        raise BestandsFout(
            "geen_xlsx",
            "het bestand is geen geldig Excel-bestand (.xlsx)",
            "the file is not a valid Excel file (.xlsx)",
        )
    stream.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds for a broken or foreign zip
        raise BestandsFout(
            "geen_xlsx",
            "het bestand is geen geldig Excel-bestand (.xlsx) of is beschadigd",
            "the file is not a valid Excel file (.xlsx) or is damaged",
        ) from None
    try:
        sheets = wb.worksheets
        if not sheets:
            raise BestandsFout("leeg", "de werkmap heeft geen werkblad", "the workbook has no worksheet")
        ws = next((s for s in sheets if s.title.strip().casefold() in ("meldingen", "melding")), sheets[0])
        total = ws.max_row if isinstance(ws.max_row, int) and ws.max_row > 1 else None
        if hasattr(ws, "reset_dimensions"):
            ws.reset_dimensions()
        rows = _xlsx_blocks(ws)
        header: tuple[object, ...] | None = None
        header_row = 0
        for number, cells in rows:
            if any(c is not None and str(c).strip() for c in cells):
                header, header_row = tuple(cells), number
                break
        if header is None:
            raise BestandsFout("leeg", "het werkblad is leeg", "the worksheet is empty")
        mapped, unnamed = header_columns(header)
    except BestandsFout:
        wb.close()
        raise
    except Exception:
        wb.close()
        raise BestandsFout("geen_xlsx", "het Excel-bestand is beschadigd", "the Excel file is damaged") from None
    bestand = Bestand(
        formaat="xlsx",
        kolommen=tuple(c for _, c in mapped),
        sha256=sha,
        grootte=grootte,
        codering=None,
        _rows=iter(()),
        _stream=stream,
        _closers=[wb],
        _xlsx_total=total,
        _xlsx_done=header_row,
    )
    bestand._rows = _xlsx_rows(bestand, rows, len(header), mapped, unnamed)
    return bestand


def _xlsx_blocks(ws: Any) -> Iterator[tuple[int, Sequence[object]]]:
    """(row number, cells) in blocks read with openpyxl's warnings silenced (without leaking the filter
    state to the caller between yields)."""
    source = ws.iter_rows(values_only=True)
    rijnummer = 0
    while True:
        block: list[tuple[int, Sequence[object]]] = []
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                for cells in source:
                    rijnummer += 1
                    block.append((rijnummer, cells))
                    if len(block) >= _XLSX_BLOCK:
                        break
        except Exception:  # damaged sheet XML half-way
            yield from block
            raise BestandsFout(
                "beschadigd",
                f"het werkblad is beschadigd na rij {rijnummer}",
                f"the worksheet is damaged after row {rijnummer}",
            ) from None
        yield from block
        if len(block) < _XLSX_BLOCK:
            return


def _cell(value: object) -> RawValue:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, datetime):
        return value.date() if value.time() == time(0) else value
    if isinstance(value, str | int | float) or value is None:
        return value
    return str(value)


def _xlsx_rows(
    bestand: Bestand,
    rows: Iterator[tuple[int, Sequence[object]]],
    width: int,
    mapped: list[tuple[int, str]],
    unnamed: list[int],
) -> Iterator[RawRow]:
    for rijnummer, cells in rows:
        bestand._xlsx_done = rijnummer
        if not cells or all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
            continue
        n = len(cells)
        extra = [i for i in (*unnamed, *range(width, n)) if i < n and _filled(cells[i])]
        if extra:
            yield RawRow(rijnummer, {}, tuple(unnamed_problem(i, True) for i in extra))
            continue
        values: dict[str, RawValue] = {}
        for i, col in mapped:
            if i < n and cells[i] is not None and cells[i] != "":
                values[col] = _cell(cells[i])
        text = "".join(v for v in values.values() if isinstance(v, str))
        if BAD_TEXT.search(text):
            yield RawRow(rijnummer, {}, tuple(encoding_problems([str(c) for c in cells], mapped)))
            continue
        yield RawRow(rijnummer, values)


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())
