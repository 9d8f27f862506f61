# SPDX-License-Identifier: EUPL-1.2
"""The XML parts of an XLSX file, parsed as streams with limits.

One expat parser per part, fed in blocks: UTF-8 only (the encoding a declaration names is overridden, so the
quick byte scans in :mod:`._zip` see what the parser sees), no document type declaration (so no entity can
expand), at most :data:`MAX_DIEPTE` nested elements, and no stretch of more than ``max_tokenbytes`` without a
tag boundary (an attribute or comment of a hundred megabytes is refused instead of buffered). Only what zicht
needs is kept: the sheets and their parts, the date flag of the workbook, which cell styles are dates, and
the shared strings (each cut just past ``max_celtekens``, so that an overlong text is still recognised as such
by the row check without being held whole).

This replaces openpyxl's ``load_workbook``, which parses the stylesheet into objects (a 2 MB stylesheet
costs seconds and tens of megabytes), reads every worksheet up to its data to find its dimensions, and holds
the whole shared-strings table as a tree while reading it. openpyxl's own helpers still decide what a number
format means and convert Excel serial dates, so cells read as before.
"""

from __future__ import annotations

import posixpath
import pyexpat
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from openpyxl.styles.numbers import builtin_format_code, is_date_format, is_timedelta_format
from openpyxl.xml.constants import (
    ARC_CONTENT_TYPES,
    ARC_STYLE,
    CONTYPES_NS,
    PKG_REL_NS,
    REL_NS,
    SHARED_STRINGS,
    SHEET_MAIN_NS,
    XLSM,
    XLSX,
    XLTM,
    XLTX,
)

from zicht.intake.files._common import BestandsFout
from zicht.intake.files._grenzen import getal
from zicht.intake.files._zip import Teller, beschadigd, lees_blokken, lees_klein, te_lange_xml, te_veel_teksten

#: Deepest nesting of elements accepted in any part (a worksheet needs about ten).
MAX_DIEPTE = 64
#: Largest small part (workbook, relationships, content types, styles), in bytes and in elements (Excel
#: itself keeps at most 64,000 cell formats; every element costs a call into Python).
MAX_KLEIN_ONDERDEEL = 10 * 1024 * 1024
MAX_KLEIN_ELEMENTEN = 250_000
MAIN = SHEET_MAIN_NS + "}"
_WORKBOOK_TYPES = (XLTM, XLTX, XLSM, XLSX)
_WAAR = ("1", "true", "on")


def _geen_dtd(*_: object) -> None:
    raise BestandsFout(
        "xml_dtd",
        "het Excel-bestand bevat een DTD (<!DOCTYPE>), wat in Excel-bestanden niet voorkomt",
        "the Excel file holds a DTD (<!DOCTYPE>), which Excel files never do",
    )


def parser() -> Any:
    """A namespace-aware expat parser that reads UTF-8 and refuses a DTD (names are ``namespace}local``)."""
    p = pyexpat.ParserCreate("UTF-8", "}")
    p.buffer_text = True
    p.SetParamEntityParsing(pyexpat.XML_PARAM_ENTITY_PARSING_NEVER)
    p.StartDoctypeDeclHandler = _geen_dtd
    p.EntityDeclHandler = _geen_dtd
    return p


def voer(p: Any, blokken: Iterator[bytes], max_token: int) -> Iterator[None]:
    """Feed ``blokken`` to ``p``, yielding after each block so the handlers' output can be taken away."""
    gevoerd = 0
    try:
        for data in blokken:
            p.Parse(data, False)
            gevoerd += len(data)
            if gevoerd - p.CurrentByteIndex > max_token:
                raise te_lange_xml()
            yield
        p.Parse(b"", True)
    except pyexpat.ExpatError:
        raise beschadigd() from None
    yield


def te_diep() -> BestandsFout:
    return BestandsFout(
        "xml_te_diep",
        f"het Excel-bestand bevat XML die dieper dan {MAX_DIEPTE} niveaus genest is",
        f"the Excel file holds XML nested deeper than {MAX_DIEPTE} levels",
    )


def _parse_klein(
    archive: zipfile.ZipFile, naam: str, teller: Teller, start: Callable[[str, dict[str, str], int], None]
) -> None:
    """Parse a small part whole, calling ``start(name, attributes, depth)`` for every element."""
    p = parser()
    diepte = elementen = 0

    def begin(name: str, attrs: dict[str, str]) -> None:
        nonlocal diepte, elementen
        diepte += 1
        elementen += 1
        if diepte > MAX_DIEPTE:
            raise te_diep()
        if elementen > MAX_KLEIN_ELEMENTEN:
            raise BestandsFout(
                "onderdeel_te_groot",
                f"het onderdeel {naam[:80]} van het Excel-bestand bevat meer dan {getal(MAX_KLEIN_ELEMENTEN, 'nl')} "
                "elementen",
                f"the part {naam[:80]} of the Excel file holds more than {getal(MAX_KLEIN_ELEMENTEN, 'en')} elements",
            )
        start(name, attrs, diepte)

    def eind(_: str) -> None:
        nonlocal diepte
        diepte -= 1

    p.StartElementHandler = begin
    p.EndElementHandler = eind
    data = lees_klein(archive, naam, teller, MAX_KLEIN_ONDERDEEL)
    for _ in voer(p, iter((data,)), teller.grenzen.max_tokenbytes):
        pass


@dataclass(frozen=True, slots=True)
class Werkmap:
    """What zicht needs of a workbook: its worksheets, dates and shared strings."""

    bladen: tuple[tuple[str, str], ...]  # (sheet name, member name) in workbook order
    epoch_1904: bool
    datumstijlen: frozenset[int]
    tijdsduurstijlen: frozenset[int]
    gedeelde_teksten: str | None  # member name of the shared-strings table


def lees_werkmap(archive: zipfile.ZipFile, teller: Teller) -> Werkmap:
    """The workbook's structure, from its content types, workbook part, relationships and styles."""
    namen = set(archive.namelist())
    if ARC_CONTENT_TYPES not in namen:
        raise beschadigd()
    overrides: dict[str, str] = {}
    defaults: set[str] = set()

    def types(name: str, attrs: dict[str, str], _: int) -> None:
        if name == CONTYPES_NS + "}Override" and "PartName" in attrs:
            overrides.setdefault(attrs.get("ContentType", ""), attrs["PartName"])
        elif name == CONTYPES_NS + "}Default":
            defaults.add(attrs.get("ContentType", ""))

    _parse_klein(archive, ARC_CONTENT_TYPES, teller, types)
    werkboek = next((overrides[t] for t in _WORKBOOK_TYPES if t in overrides), None)
    if werkboek is None:
        werkboek = "/xl/workbook.xml" if defaults & set(_WORKBOOK_TYPES) else None
    if werkboek is None or werkboek[1:] not in namen:
        raise beschadigd()
    werkboek = werkboek[1:]
    strings = overrides.get(SHARED_STRINGS)
    strings = strings[1:] if strings and strings[1:] in namen else None

    bladen: list[tuple[str, str]] = []
    epoch = False

    def workbook(name: str, attrs: dict[str, str], _: int) -> None:
        nonlocal epoch
        if name == MAIN + "sheet":
            bladen.append((attrs.get("name", ""), attrs.get(REL_NS + "}id", "")))
        elif name == MAIN + "workbookPr":
            epoch = attrs.get("date1904", "").strip().lower() in _WAAR

    _parse_klein(archive, werkboek, teller, workbook)
    rels = _relaties(archive, werkboek, teller, namen)
    gevonden = tuple((naam, rels[rid]) for naam, rid in bladen if rid in rels)
    datums, duren = _datumstijlen(archive, teller) if ARC_STYLE in namen else (frozenset(), frozenset())
    return Werkmap(gevonden, epoch, datums, duren, strings)


def _relaties(archive: zipfile.ZipFile, bron: str, teller: Teller, namen: set[str]) -> dict[str, str]:
    """{relationship id: member} of the worksheets related to ``bron`` (as openpyxl resolves targets)."""
    folder, obj = posixpath.split(bron)
    pad = posixpath.join(folder, "_rels", f"{obj}.rels")
    result: dict[str, str] = {}
    if pad not in namen:
        return result

    def relatie(name: str, attrs: dict[str, str], _: int) -> None:
        if name != PKG_REL_NS + "}Relationship" or attrs.get("TargetMode") == "External":
            return
        if "chartsheet" in attrs.get("Type", ""):
            return
        target = attrs.get("Target", "")
        if target.startswith("/"):
            target = target[1:]
        else:
            target = posixpath.normpath(posixpath.join(posixpath.split(posixpath.dirname(pad))[0], target))
        if target in namen:
            result[attrs.get("Id", "")] = target

    _parse_klein(archive, pad, teller, relatie)
    return result


def _datumstijlen(archive: zipfile.ZipFile, teller: Teller) -> tuple[frozenset[int], frozenset[int]]:
    """The indexes of the cell styles (``cellXfs``) whose number format is a date, and a duration."""
    eigen: dict[int, str] = {}
    formaten: list[int] = []
    ouder = [""] * (MAX_DIEPTE + 2)

    def stijl(name: str, attrs: dict[str, str], diepte: int) -> None:
        ouder[diepte] = name
        try:
            if name == MAIN + "numFmt" and ouder[diepte - 1] == MAIN + "numFmts":
                eigen[int(attrs.get("numFmtId", "0"))] = attrs.get("formatCode", "")
            elif name == MAIN + "xf" and ouder[diepte - 1] == MAIN + "cellXfs":
                formaten.append(int(attrs.get("numFmtId", "0")))
        except ValueError:
            raise beschadigd() from None

    _parse_klein(archive, ARC_STYLE, teller, stijl)
    datums: set[int] = set()
    duren: set[int] = set()
    for index, fmt_id in enumerate(formaten):
        fmt = eigen[fmt_id] if fmt_id in eigen else builtin_format_code(fmt_id)
        if is_date_format(fmt):
            datums.add(index)
        if is_timedelta_format(fmt):
            duren.add(index)
    return frozenset(datums), frozenset(duren)


def lees_gedeelde_teksten(archive: zipfile.ZipFile, naam: str, teller: Teller, grens: int) -> list[str]:
    """The shared strings (plain and rich-text runs joined, phonetic runs left out, as openpyxl reads them);
    each text is cut at ``max_celtekens + 1`` characters. At most ``grens`` entries."""
    cap = teller.grenzen.max_celtekens + 1
    teksten: list[str] = []
    delen: list[str] = []
    lengte = 0
    diepte = 0
    verzamel = 0  # depth of the <t> being collected, 0 when none
    in_r = False
    p = parser()

    def begin(name: str, attrs: dict[str, str]) -> None:
        nonlocal diepte, verzamel, in_r, lengte
        diepte += 1
        if diepte > MAX_DIEPTE:
            raise te_diep()
        if diepte == 2 and name == MAIN + "si":
            delen.clear()
            lengte = 0
        elif name == MAIN + "t" and (diepte == 3 or (diepte == 4 and in_r)):
            verzamel = diepte
        elif diepte == 3 and name == MAIN + "r":
            in_r = True

    def eind(name: str) -> None:
        nonlocal diepte, verzamel, in_r
        if diepte == verzamel:
            verzamel = 0
        elif diepte == 3 and in_r:
            in_r = False
        elif diepte == 2 and name == MAIN + "si":
            if len(teksten) >= grens:  # the quick count saw fewer: a safety net
                raise te_veel_teksten(grens)
            teksten.append("".join(delen).replace("x005F_", ""))
        diepte -= 1

    def tekst(data: str) -> None:
        nonlocal lengte
        if verzamel and lengte < cap:
            delen.append(data[: cap - lengte])
            lengte += len(delen[-1])

    p.StartElementHandler = begin
    p.EndElementHandler = eind
    p.CharacterDataHandler = tekst
    for _ in voer(p, lees_blokken(archive, naam, teller), teller.grenzen.max_tokenbytes):
        pass
    return teksten
