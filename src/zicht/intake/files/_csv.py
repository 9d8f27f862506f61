# SPDX-License-Identifier: EUPL-1.2
"""CSV reading: delimiter detection, strict cell counts, undecodable bytes reported per row.

Lines are read with a length bound (:class:`BegrensdeRegels`), so a line of fifty megabytes is rejected as a
row without being held; when the file has more lines than rows are allowed, the records are counted before
the first row is handed out (a quoted cell may span lines, and blank lines are no rows).
"""

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
from zicht.intake.files._grenzen import (
    BegrensdeRegels,
    Grenzen,
    RegelTeLang,
    getal,
    regel_te_lang,
    rij_te_breed,
    te_veel_kolommen,
    te_veel_rijen,
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


def open_csv(
    stream: IO[bytes], sha: str, grootte: int, encoding: str, grenzen: Grenzen, regels: int, *, tab: bool
) -> Bestand:
    text = io.TextIOWrapper(stream, encoding=encoding, errors="surrogateescape", newline="")
    try:
        return _open(text, stream, sha, grootte, encoding, grenzen, regels, tab)
    except BaseException:
        text.detach()
        raise


def _open(
    text: io.TextIOWrapper,
    stream: IO[bytes],
    sha: str,
    grootte: int,
    encoding: str,
    grenzen: Grenzen,
    regels: int,
    tab: bool,
) -> Bestand:
    lines = BegrensdeRegels(text, grenzen.max_regeltekens)
    first = ""
    for line in _skip_long(lines):
        if line.strip():
            first = line
            break
    text.seek(0)
    delimiter = "\t" if tab else _detect_delimiter(first)
    if regels > grenzen.max_rijen + 1:  # more lines than a header and rows allowed: count the records
        if _count_records(text, delimiter, grenzen) > grenzen.max_rijen + 1:
            raise te_veel_rijen(grenzen.max_rijen)
        text.seek(0)
    lines = BegrensdeRegels(text, grenzen.max_regeltekens)
    reader = csv.reader(lines, delimiter=delimiter)
    header: list[str] | None = None
    while header is None:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except RegelTeLang:
            raise BestandsFout(
                "kopregel_te_lang",
                f"de kopregel is langer dan {getal(lines.max_tekens, 'nl')} tekens",
                f"the header is longer than {getal(lines.max_tekens, 'en')} characters",
            ) from None
        except csv.Error:
            raise BestandsFout("onleesbaar", "de kopregel is onleesbaar", "the header is unreadable") from None
        if any(c.strip() for c in cells):
            header = cells
    if header is None:
        raise BestandsFout("leeg", "het bestand is leeg", "the file is empty")
    if len(header) > grenzen.max_kolommen:
        raise te_veel_kolommen(grenzen.max_kolommen)
    if BAD_TEXT.search("".join(header)):
        raise BestandsFout(
            "codering",
            "de kopregel bevat tekens die geen UTF-8 zijn",
            "the header contains characters that are not UTF-8",
        )
    mapped, unnamed = header_columns(header)
    header_line = lines.regel
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
    bestand._rows = _csv_rows(reader, lines, header_line, len(header), mapped, unnamed, grenzen.max_kolommen)
    return bestand


def _skip_long(lines: BegrensdeRegels[str]) -> Iterator[str]:
    while True:
        try:
            yield next(lines)
        except RegelTeLang:
            continue
        except StopIteration:
            return


def _count_records(text: io.TextIOWrapper, delimiter: str, grenzen: Grenzen) -> int:
    """Non-blank records of the file (header included), counting stops just past the limit."""
    lines = BegrensdeRegels(text, grenzen.max_regeltekens)
    reader = csv.reader(lines, delimiter=delimiter)
    count = 0
    while count <= grenzen.max_rijen + 1:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except (csv.Error, RegelTeLang):
            count += 1  # a row, rejected when read
            continue
        if any(c.strip() for c in cells):
            count += 1
    return count


def _csv_rows(
    reader: Any,
    lines: BegrensdeRegels[str],
    header_line: int,
    width: int,
    mapped: list[tuple[int, str]],
    unnamed: list[int],
    max_kolommen: int,
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
            last = lines.regel
            yield RawRow(start, {}, (rij_fout("onleesbaar", f"rij onleesbaar ({exc})", f"unreadable row ({exc})"),))
            continue
        except RegelTeLang as exc:  # skipped without being held
            last = exc.regel
            yield regel_te_lang(exc.regel, lines.max_tekens)
            continue
        last = lines.regel
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) > max_kolommen:
            yield rij_te_breed(start, max_kolommen)
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
