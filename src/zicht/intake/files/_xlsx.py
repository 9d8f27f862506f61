# SPDX-License-Identifier: EUPL-1.2
"""XLSX reading: the sheet ``Meldingen`` (or the first), streamed row by row with limits.

Before a row is handed out, the file is checked as a whole (:mod:`._zip`: members, paths, sizes; a quick
count of the shared strings and of the sheet's rows) and its structure is read (:mod:`._ooxml`). The sheet is
then parsed with expat (:mod:`._blad`); a row is held only until it ends, a row with more cells than
``max_kolommen`` (or with a cell beyond that column) is rejected without being built, and rows missing from
the sheet cost nothing (openpyxl would create every missing row up to the next row number, however far away).
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime, time
from typing import IO

from zicht.intake.files._blad import Rij, blad_rijen
from zicht.intake.files._common import (
    BAD_TEXT,
    Bestand,
    BestandsFout,
    RawRow,
    encoding_problems,
    header_columns,
    unnamed_problem,
)
from zicht.intake.files._grenzen import Grenzen, rij_te_breed, te_veel_kolommen
from zicht.intake.files._ooxml import lees_gedeelde_teksten, lees_werkmap
from zicht.intake.files._zip import EXCEL_MAX_RIJEN, ROW_TAG, SI_TAG, Teller, beschadigd, open_zip, tel_tags
from zicht.intake.validate import RawValue


def xlsx_werkblad(
    stream: IO[bytes], grenzen: Grenzen, bladnamen: tuple[str, ...] = ()
) -> tuple[zipfile.ZipFile, Iterator[Rij], int]:
    """Open the sheet named one of ``bladnamen`` (case-insensitive; default the first) within the limits.

    Any module reading an uploaded spreadsheet uses this, so the bomb limits hold for every upload.

    Returns:
        The open archive (close it when done), its rows ``(row number, cells, too wide)`` and the number of
        rows the sheet declares (counting empty rows).

    Raises:
        BestandsFout: not an XLSX file, or over a limit (checked before the first row is handed out).
    """
    if not zipfile.is_zipfile(stream):
        stream.seek(0)
        raise BestandsFout(
            "geen_xlsx",
            "het bestand is geen geldig Excel-bestand (.xlsx)",
            "the file is not a valid Excel file (.xlsx)",
        )
    archive = open_zip(stream, grenzen)
    try:
        teller = Teller(grenzen)
        werkmap = lees_werkmap(archive, teller)
        if not werkmap.bladen:
            raise BestandsFout("leeg", "de werkmap heeft geen werkblad", "the workbook has no worksheet")
        blad = next((d for n, d in werkmap.bladen if n.strip().casefold() in bladnamen), None)
        blad = blad or werkmap.bladen[0][1]
        if werkmap.gedeelde_teksten:
            tel_tags(archive, werkmap.gedeelde_teksten, teller, SI_TAG, grenzen.max_gedeelde_teksten, per_tag=64)
        telling = tel_tags(
            archive,
            blad,
            teller,
            ROW_TAG,
            grenzen.max_rijen + 1,
            per_tag=4 * grenzen.max_kolommen,  # a cell, its value and an inline text's parts
            leeg_grens=EXCEL_MAX_RIJEN,
        )
        lezen = Teller(grenzen)  # the second pass over the same parts has its own budget
        teksten = (
            lees_gedeelde_teksten(archive, werkmap.gedeelde_teksten, lezen, grenzen.max_gedeelde_teksten)
            if werkmap.gedeelde_teksten
            else []
        )
        return (
            archive,
            _beschadigd_na(blad_rijen(archive, blad, lezen, werkmap, teksten)),
            telling.aantal + telling.leeg,
        )
    except BestandsFout:
        archive.close()
        raise
    except Exception:
        archive.close()
        raise beschadigd() from None


def open_xlsx(stream: IO[bytes], sha: str, grootte: int, grenzen: Grenzen) -> Bestand:
    archive, rows, verklaard = xlsx_werkblad(stream, grenzen, ("meldingen", "melding"))
    try:
        header: tuple[object, ...] | None = None
        gelezen = 0
        for _rijnummer, cells, breed in rows:
            gelezen += 1
            if breed:
                raise te_veel_kolommen(grenzen.max_kolommen)
            if any(c is not None and str(c).strip() for c in cells):
                header = tuple(cells)
                break
        if header is None:
            raise BestandsFout("leeg", "het werkblad is leeg", "the worksheet is empty")
        mapped, unnamed = header_columns(header)
    except BestandsFout:
        archive.close()
        raise
    except Exception:
        archive.close()
        raise beschadigd() from None
    bestand = Bestand(
        formaat="xlsx",
        kolommen=tuple(c for _, c in mapped),
        sha256=sha,
        grootte=grootte,
        codering=None,
        _rows=iter(()),
        _stream=stream,
        _closers=[archive],
        _xlsx_total=verklaard,
        _xlsx_done=gelezen,
    )
    bestand._rows = _xlsx_rows(bestand, rows, len(header), mapped, unnamed, grenzen)
    return bestand


def _beschadigd_na(rows: Iterator[Rij]) -> Iterator[Rij]:
    """The rows; a sheet that breaks half-way ends with BestandsFout naming the last good row."""
    rijnummer = 0
    try:
        for rij in rows:
            rijnummer = rij[0]
            yield rij
    except BestandsFout:
        raise
    except Exception:  # damaged XML or a cell that cannot be what its type says
        raise BestandsFout(
            "beschadigd",
            f"het werkblad is beschadigd na rij {rijnummer}",
            f"the worksheet is damaged after row {rijnummer}",
        ) from None


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
    rows: Iterator[Rij],
    width: int,
    mapped: list[tuple[int, str]],
    unnamed: list[int],
    grenzen: Grenzen,
) -> Iterator[RawRow]:
    for rijnummer, cells, breed in rows:
        bestand._xlsx_done += 1
        if breed:
            yield rij_te_breed(rijnummer, grenzen.max_kolommen)
            continue
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
