# SPDX-License-Identifier: EUPL-1.2
"""JSON lines reading: one object per line; a line that is not an object is a rejected row.

Lines are read with a length bound, and a line is parsed only when it is short enough to be a row: a JSON
value of fifty megabytes (a list of millions of numbers) is never built. Nesting too deep for the parser is a
row that is not valid JSON.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO, Any

from zicht.intake.columns import canonical_column
from zicht.intake.files._common import BAD_TEXT, MULTI, SHOWN, Bestand, BestandsFout, RawRow, rij_fout, toon_waarde
from zicht.intake.files._detect import SNIFF_BYTES, UTF8_BOM
from zicht.intake.files._grenzen import (
    BegrensdeRegels,
    Grenzen,
    RegelTeLang,
    regel_te_lang,
    rij_te_breed,
    te_veel_rijen,
)
from zicht.intake.validate import Fout, RawValue


def open_jsonl(stream: IO[bytes], sha: str, grootte: int, encoding: str, grenzen: Grenzen, regels: int) -> Bestand:
    head = stream.read(SNIFF_BYTES).lstrip(UTF8_BOM + b" \t\r\n")
    stream.seek(0)
    if head.startswith(b"[") and _is_json_array(stream, head, grootte, grenzen):
        raise BestandsFout(
            "json_array",
            "dit is een JSON-array; lever JSON lines aan: één JSON-object per regel",
            "this is a JSON array; supply JSON lines: one JSON object per line",
        )
    bestand = Bestand(
        formaat="jsonl",
        kolommen=(),
        sha256=sha,
        grootte=grootte,
        codering=encoding.removesuffix("-sig"),
        _rows=iter(()),
        _stream=stream,
        _closers=[],
    )
    if regels > grenzen.max_rijen and _count_lines(stream, grenzen) > grenzen.max_rijen:
        raise te_veel_rijen(grenzen.max_rijen)
    bestand._rows = _jsonl_rows(stream, encoding, grenzen)
    return bestand


def _count_lines(stream: IO[bytes], grenzen: Grenzen) -> int:
    """Non-blank lines (each a row), counting stops just past the limit."""
    lines = BegrensdeRegels(stream, grenzen.max_regeltekens)
    count = 0
    while count <= grenzen.max_rijen:
        try:
            if next(lines).strip():
                count += 1
        except RegelTeLang:
            count += 1
        except StopIteration:
            break
    stream.seek(0)
    return count


def _lines(lines: BegrensdeRegels[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line), the line None when it was too long to read."""
    while True:
        try:
            raw = next(lines)
        except RegelTeLang as exc:
            yield exc.regel, None
            continue
        except StopIteration:
            return
        yield lines.regel, raw


def _jsonl_rows(stream: IO[bytes], encoding: str, grenzen: Grenzen) -> Iterator[RawRow]:
    codec = "utf-8" if encoding == "utf-8-sig" else encoding
    lines = BegrensdeRegels(stream, grenzen.max_regeltekens)
    for regel, raw in _lines(lines):
        if raw is None:
            yield regel_te_lang(regel, lines.max_tekens)
            continue
        if regel == 1 and raw.startswith(UTF8_BOM):
            raw = raw[len(UTF8_BOM) :]
        if not raw.strip():
            continue
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError:
            yield RawRow(
                regel,
                {},
                (rij_fout("codering", "regel is geen geldige UTF-8", "line is not valid UTF-8"),),
            )
            continue
        try:
            obj = json.loads(line)
        except RecursionError:
            yield RawRow(regel, {}, (rij_fout("ongeldige_json", "geen geldige JSON", "not valid JSON"),))
            continue
        except ValueError as exc:
            pos = getattr(exc, "colno", None)
            where_nl = f" (bij teken {pos})" if pos else ""
            where_en = f" (at character {pos})" if pos else ""
            yield RawRow(
                regel,
                {},
                (rij_fout("ongeldige_json", f"geen geldige JSON{where_nl}", f"not valid JSON{where_en}"),),
            )
            continue
        if not isinstance(obj, dict):
            yield RawRow(
                regel,
                {},
                (
                    rij_fout(
                        "geen_object",
                        "regel is geen JSON-object ({...})",
                        "line is not a JSON object ({...})",
                    ),
                ),
            )
            continue
        if len(obj) > grenzen.max_kolommen:
            yield rij_te_breed(regel, grenzen.max_kolommen)
            continue
        values, fouten = _json_values(obj)
        yield RawRow(regel, {} if fouten else values, tuple(fouten))


def _json_values(obj: dict[str, Any]) -> tuple[dict[str, RawValue], list[Fout]]:
    values: dict[str, RawValue] = {}
    fouten: list[Fout] = []
    unknown: list[str] = []
    for key, value in obj.items():
        kolom = canonical_column(key)
        if kolom is None:
            unknown.append(SHOWN.sub("\ufffd", key[:40]))
            continue
        if kolom in values:
            fouten.append(
                rij_fout("dubbele_kolom", f"kolom {kolom} komt twee keer voor", f"column {kolom} appears twice", kolom)
            )
            continue
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, list):
            if kolom not in MULTI:
                fouten.append(
                    Fout(
                        kolom,
                        toon_waarde(kolom, json.dumps(value, ensure_ascii=False)),
                        "een_waarde",
                        "een lijst is hier niet toegestaan, slechts één waarde",
                        "a list is not allowed here, only one value",
                    )
                )
                continue
            if not all(isinstance(v, str | int | float) and not isinstance(v, bool) for v in value):
                fouten.append(_type_problem(kolom, value))
                continue
            strings = [str(v) for v in value]
            checked: RawValue = strings
            text = "".join(strings)
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            fouten.append(_type_problem(kolom, value))
            continue
        else:
            checked = value
            text = value if isinstance(value, str) else ""
        if BAD_TEXT.search(text):
            fouten.append(
                Fout(
                    kolom,
                    toon_waarde(kolom, text),
                    "codering",
                    "bevat ongeldige tekens",
                    "contains invalid characters",
                )
            )
            continue
        values[kolom] = checked
    if unknown:
        fouten.append(
            rij_fout(
                "onbekende_kolommen",
                f"onbekende kolommen: {', '.join(repr(u) for u in unknown[:10])}",
                f"unknown columns: {', '.join(repr(u) for u in unknown[:10])}",
            )
        )
    return values, fouten


def _type_problem(kolom: str, value: object) -> Fout:
    return Fout(
        kolom,
        toon_waarde(kolom, json.dumps(value, ensure_ascii=False, default=str)),
        "ongeldig_type",
        "verwacht tekst of een getal (of een lijst daarvan)",
        "expected text or a number (or a list of those)",
    )


def _is_json_array(stream: IO[bytes], head: bytes, grootte: int, grenzen: Grenzen) -> bool:
    """True when the whole file is one JSON array (refused), False when only a line looks like one.

    A JSONL file whose first line is damaged (say ``[`` alone) must not lose its other rows, so a file is
    only refused as an array when it parses as one, or — for files too large to parse whole (a JSON value is
    never built larger than a row may be) — when the lines after the first do not start JSON objects, or it
    ends with the ``]`` that closes an array.
    """
    if grootte <= grenzen.max_regeltekens:
        data = stream.read()
        stream.seek(0)
        try:
            return isinstance(json.loads(data.decode("utf-8-sig")), list)
        except (ValueError, UnicodeDecodeError, RecursionError):
            lines = [line.strip() for line in data.split(b"\n")[1:] if line.strip()]
            return bool(lines) and not any(line.startswith(b"{") for line in lines[:50])
    stream.seek(max(0, grootte - 4096))
    tail = stream.read().rstrip()
    stream.seek(0)
    lines = [line.strip() for line in head.split(b"\n")[1:] if line.strip()]
    return tail.endswith(b"]") or not any(line.startswith(b"{") for line in lines[:50])
