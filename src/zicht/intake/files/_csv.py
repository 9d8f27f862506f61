# SPDX-License-Identifier: EUPL-1.2
"""CSV reading: delimiter detection, strict cell counts, undecodable bytes reported per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import IO, Any

from zicht.intake.files._common import (
    BAD_TEXT,
    Bestand,
    BestandsFout,
    RawRow,
    encoding_problems,
    header_columns,
    rij_fout,
    unnamed_problem,
)
from zicht.intake.validate import Fout, RawValue

_DELIMITERS = (",", ";", "\t", "|")


class _Detach:
    """Closing a text wrapper must not close the caller's binary stream: detach it instead."""

    def __init__(self, wrapper: io.TextIOWrapper) -> None:
        self.wrapper = wrapper

    def close(self) -> None:
        self.wrapper.detach()


def _detect_delimiter(line: str) -> str:
    counts = {d: line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])  # ties: the earlier (comma first)
    return best if counts[best] else ","


def open_csv(stream: IO[bytes], sha: str, grootte: int, encoding: str, *, tab: bool) -> Bestand:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    first = text.readline()
    while first and not first.strip():
        first = text.readline()
    text.seek(0)
    delimiter = "\t" if tab else _detect_delimiter(first)
    reader = csv.reader(text, delimiter=delimiter)
    header: list[str] | None = None
    for cells in reader:
        if any(c.strip() for c in cells):
            header = cells
            break
    if header is None:
        raise BestandsFout("leeg", "het bestand is leeg", "the file is empty")
    if BAD_TEXT.search("".join(header)):
        raise BestandsFout(
            "codering",
            "de kopregel bevat tekens die geen UTF-8 zijn",
            "the header contains characters that are not UTF-8",
        )
    mapped, unnamed = header_columns(header)
    header_line = reader.line_num
    bestand = Bestand(
        formaat="csv",
        kolommen=tuple(c for _, c in mapped),
        sha256=sha,
        grootte=grootte,
        codering=encoding.removesuffix("-sig"),
        _rows=iter(()),
        _stream=stream,
        _closers=[_Detach(text)],
    )
    bestand._rows = _csv_rows(reader, header_line, len(header), mapped, unnamed)
    return bestand


def _csv_rows(
    reader: Any, header_line: int, width: int, mapped: list[tuple[int, str]], unnamed: list[int]
) -> Iterator[RawRow]:
    columns = [c for _, c in mapped]
    simple = not unnamed and [i for i, _ in mapped] == list(range(len(mapped)))
    last = header_line
    while True:
        start = last + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # e.g. a field over the size limit; the reader resumes at the next line
            last = reader.line_num
            yield RawRow(start, {}, (rij_fout("onleesbaar", f"rij onleesbaar ({exc})", f"unreadable row ({exc})"),))
            continue
        last = reader.line_num
        if not cells or not any(c.strip() for c in cells):
            continue
        fouten: list[Fout] = []
        if len(cells) != width:
            if len(cells) > width and not any(c.strip() for c in cells[width:]):
                cells = cells[:width]
            else:
                fouten.append(_count_problem(start, last, len(cells), width))
        if not fouten and BAD_TEXT.search("".join(cells)):
            fouten.extend(encoding_problems(cells, mapped))
        if fouten:
            yield RawRow(start, {}, tuple(fouten))
            continue
        if simple:
            values: dict[str, RawValue] = {c: v for c, v in zip(columns, cells, strict=False) if v}
        else:
            values = {c: cells[i] for i, c in mapped if cells[i]}
            filled = [i for i in unnamed if cells[i].strip()]
            if filled:
                yield RawRow(start, {}, tuple(unnamed_problem(i, False) for i in filled))
                continue
        yield RawRow(start, values)


def _count_problem(start: int, end: int, found: int, width: int) -> Fout:
    if end > start:
        return rij_fout(
            "aantal_cellen",
            f"rij loopt door over regels {start}-{end} en heeft {found} cellen in plaats van {width}: "
            'waarschijnlijk een aanhalingsteken (") dat niet is gesloten',
            f'row spans lines {start}-{end} and has {found} cells instead of {width}: probably an unclosed quote (")',
        )
    return rij_fout(
        "aantal_cellen",
        f"rij heeft {found} cellen, de kopregel {width}; controleer scheidingstekens en aanhalingstekens",
        f"row has {found} cells, the header {width}; check delimiters and quotes",
    )
