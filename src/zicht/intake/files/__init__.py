# SPDX-License-Identifier: EUPL-1.2
"""Read meldingen from files: CSV, XLSX and JSON lines, streamed row by row.

:func:`open_bestand` checks everything that concerns the file as a whole *before* a single row is handed
out: is it what its name claims, is it empty, is the text UTF-8, does the header name known columns only,
are the required columns there. Problems of that kind raise :class:`BestandsFout` with a message in Dutch
and English. Problems of one row (wrong number of cells, a JSON line that is not an object, bytes that are
not valid text) do not stop the file: the row comes out as a :class:`RawRow` with ``fouten`` filled in, so
that every row read is either stored or reported.

Rules (see docs/importformaat.md):

* The encoding is UTF-8, with or without a byte-order mark. Text in another encoding (typically Windows-1252
  from "Opslaan als CSV" in Excel) is refused with a message explaining how to save as UTF-8, unless the
  caller names the encoding explicitly (``codering="cp1252"``). Guessing would silently garble names in
  the identity vault (a Polish ``ś`` in cp1250 reads as ``œ`` in cp1252), which breaks linkage.
* CSV: the delimiter is detected from the header line (``,``, ``;``, tab or ``|``). A row must have as many
  cells as the header: a missing cell would shift the values that follow into the wrong columns.
* Rows whose cells are all empty are skipped and not counted.
* Row numbers are what the user sees: the line number in a CSV or JSONL file (the header is line 1), the
  row number in the spreadsheet.
* Identifying values never appear in a :class:`BestandsFout` or a row problem (``<identificerend gegeven>``).
* Limits (:class:`Grenzen`, ``ZICHT_IMPORT_MAX_*``): the file's size, its rows, the columns of the header,
  and for XLSX its zip members, unpacked size and shared strings refuse the file before the first row is
  handed out; a row with more cells than allowed, a cell over the length limit or a line longer than any row
  can be is a rejected row. A hostile file costs bounded time and memory (see ``_grenzen.py``).
"""

from __future__ import annotations

import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO

from zicht.intake.files._common import HELE_RIJ, Bestand, BestandsFout, RawRow, toon_waarde
from zicht.intake.files._csv import open_csv
from zicht.intake.files._detect import SNIFF_BYTES, check_text, detect_format
from zicht.intake.files._grenzen import Grenzen, bewaakte_rijen, standaard_grenzen, te_groot
from zicht.intake.files._jsonl import open_jsonl
from zicht.intake.files._xlsx import open_xlsx, xlsx_werkblad

__all__ = [
    "FORMATEN",
    "HELE_RIJ",
    "Bestand",
    "BestandsFout",
    "Bron",
    "Grenzen",
    "RawRow",
    "open_bestand",
    "read_rows",
    "standaard_grenzen",
    "toon_waarde",
    "xlsx_werkblad",
]

#: The formats :func:`open_bestand` reads.
FORMATEN: tuple[str, ...] = ("csv", "xlsx", "jsonl")
#: Sources accepted by :func:`open_bestand`: a path, the file's bytes, or an open binary file.
Bron = str | os.PathLike[str] | bytes | BinaryIO


def open_bestand(
    bron: Bron, bestandsnaam: str | None = None, *, codering: str | None = None, grenzen: Grenzen | None = None
) -> Bestand:
    """Open an import file and check it as a whole.

    Args:
        bron: a path, the file's bytes, or a binary file object (e.g. an uploaded file).
        bestandsnaam: the name the file claims (its extension decides the format); defaults to the path's
            name. Without a known extension the format is recognised from the content.
        codering: the text encoding of a CSV/JSONL file; default UTF-8 (a BOM is fine). Give ``cp1252`` or
            ``latin-1`` explicitly for files saved in a Windows code page.
        grenzen: the limits; default those of the ``ZICHT_IMPORT_MAX_*`` environment.

    Returns:
        The opened file; iterate :meth:`Bestand.rijen`.

    Raises:
        BestandsFout: the file is empty, not what its name claims, not UTF-8, over a limit, or its header is
            unusable.
    """
    grenzen = grenzen or standaard_grenzen()
    stream, closers, naam = _as_stream(bron, bestandsnaam, grenzen.max_bestand_bytes)
    try:
        sha, grootte, regels = _digest(stream, grenzen.max_bestand_bytes)
        head = stream.read(SNIFF_BYTES)
        stream.seek(0)
        formaat = detect_format(naam, head)
        if formaat == "xlsx":
            bestand = open_xlsx(stream, sha, grootte, grenzen)
        else:
            enc = check_text(head, grootte, codering, formaat)
            if formaat == "csv":
                tab = naam is not None and naam.lower().endswith(".tsv")
                bestand = open_csv(stream, sha, grootte, enc, grenzen, regels, tab=tab)
            else:
                bestand = open_jsonl(stream, sha, grootte, enc, grenzen, regels)
    except BaseException:
        for closer in reversed(closers):
            closer.close()
        raise
    bestand._closers[:0] = closers
    bestand._rows = bewaakte_rijen(bestand._rows, grenzen)
    return bestand


def read_rows(
    bron: Bron, bestandsnaam: str | None = None, *, codering: str | None = None, grenzen: Grenzen | None = None
) -> Iterator[RawRow]:
    """Open a file and return its rows; the file closes when the iterator is exhausted or discarded.

    File-level problems raise :class:`BestandsFout` immediately (not on the first ``next``).
    """
    bestand = open_bestand(bron, bestandsnaam, codering=codering, grenzen=grenzen)

    def generate() -> Iterator[RawRow]:
        with bestand:
            yield from bestand.rijen()

    return generate()


def _as_stream(bron: Bron, bestandsnaam: str | None, max_bytes: int) -> tuple[IO[bytes], list[Any], str | None]:
    if isinstance(bron, bytes | bytearray):
        if len(bron) > max_bytes:
            raise te_groot(max_bytes)
        return io.BytesIO(bytes(bron)), [], bestandsnaam
    if isinstance(bron, str | os.PathLike):
        path = Path(bron)
        try:
            fh = path.open("rb")
        except IsADirectoryError:
            raise BestandsFout(
                "geen_bestand", "dit is een map, geen bestand", "this is a directory, not a file"
            ) from None
        except FileNotFoundError:
            raise BestandsFout("niet_gevonden", "bestand niet gevonden", "file not found") from None
        except OSError as exc:
            raise BestandsFout(
                "onleesbaar", f"bestand kan niet worden geopend ({exc.strerror})", f"cannot open file ({exc.strerror})"
            ) from None
        return fh, [fh], bestandsnaam or path.name
    stream = bron
    if not stream.seekable():  # e.g. a pipe: keep a spooled copy so it can be hashed and re-read
        copy = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115 - closed by Bestand
        copied = 0
        while block := stream.read(1024 * 1024):
            copied += len(block)
            if copied > max_bytes:
                copy.close()
                raise te_groot(max_bytes)
            copy.write(block)
        copy.seek(0)
        return copy, [copy], bestandsnaam
    stream.seek(0)
    return stream, [], bestandsnaam


def _digest(stream: IO[bytes], max_bytes: int) -> tuple[str, int, int]:
    """(SHA-256, size, number of line breaks) of the whole stream; refused as soon as it passes ``max_bytes``."""
    sha = hashlib.sha256()
    size = regels = 0
    while block := stream.read(1024 * 1024):
        sha.update(block)
        size += len(block)
        regels += block.count(b"\n") + block.count(b"\r") - block.count(b"\r\n")
        if size > max_bytes:
            raise te_groot(max_bytes)
    stream.seek(0)
    return sha.hexdigest(), size, regels
