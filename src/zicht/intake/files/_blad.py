# SPDX-License-Identifier: EUPL-1.2
"""One worksheet of an XLSX file, parsed with expat row by row (see :mod:`._xlsx` and :mod:`._ooxml`).

Only ``sheetData`` is read: a row is held until it ends and then handed out as (row number, cells, too
wide). A row with more cells than ``max_kolommen``, or with a cell beyond that column, or with more elements
than its cells can need, is marked too wide and its content dropped as it is parsed; rows missing from the
sheet cost nothing. Cells are converted as openpyxl converts them (number formats and serial dates through its
helpers), so values read as before.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator, Sequence

from openpyxl.utils.cell import coordinate_to_tuple
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601

from zicht.intake.files._ooxml import MAIN, MAX_DIEPTE, Werkmap, parser, te_diep, voer
from zicht.intake.files._zip import EXCEL_MAX_RIJEN, Teller, beschadigd, lees_blokken

_BLOK = 64 * 1024
_ROW, _C, _V, _IS, _T, _R, _SHEETDATA = (MAIN + n for n in ("row", "c", "v", "is", "t", "r", "sheetData"))
#: A row read from the sheet: (row number, cells, more cells than allowed).
Rij = tuple[int, Sequence[object], bool]


def _cast_number(value: str) -> int | float:
    """A number as written in a cell (as openpyxl reads it)."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def blad_rijen(
    archive: zipfile.ZipFile, deel: str, teller: Teller, werkmap: Werkmap, teksten: list[str]
) -> Iterator[Rij]:
    """The rows of one worksheet part, in file order, parsed with expat (see the module docstring)."""
    grenzen = teller.grenzen
    max_kol = grenzen.max_kolommen
    budget = max_kol * 16  # elements one row may hold: its cells and what is inside them
    cap = grenzen.max_celtekens + 1
    epoch = CALENDAR_MAC_1904 if werkmap.epoch_1904 else WINDOWS_EPOCH
    datums, duren = werkmap.datumstijlen, werkmap.tijdsduurstijlen
    kolommen: dict[str, int] = {}
    uit: list[Rij] = []
    diepte = 0
    in_data = rij_open = breed = c_open = in_is = in_r = heeft_v = heeft_is = False
    rij = rij_elementen = aantal_cellen = kolom = verzamel = lengte = c_stijl = 0
    c_type = "n"
    cellen: list[tuple[int, object]] = []
    v_delen: list[str] = []
    is_delen: list[str] = []
    doel = v_delen

    def begin(name: str, attrs: dict[str, str]) -> None:
        nonlocal diepte, in_data, rij_open, breed, c_open, in_is, in_r, heeft_v, heeft_is, rij, rij_elementen
        nonlocal aantal_cellen, kolom, verzamel, lengte, c_stijl, c_type, doel
        diepte += 1
        if diepte > MAX_DIEPTE:
            raise te_diep()
        if rij_open:
            rij_elementen += 1
            if breed or rij_elementen > budget:
                breed = True
                return
            if diepte == 4:
                if name == _C:
                    aantal_cellen += 1
                    ref = attrs.get("r")
                    kolom = _kolom(ref, kolommen) if ref else kolom + 1
                    if aantal_cellen > max_kol or kolom > max_kol:
                        breed = True
                        return
                    c_open, heeft_v, heeft_is, in_is = True, False, False, False
                    c_type = attrs.get("t", "n")
                    stijl = attrs.get("s")
                    c_stijl = int(stijl) if stijl else 0
                return
            if not c_open:
                return
            if diepte == 5:
                if name == _V and not heeft_v:
                    heeft_v, verzamel, lengte, doel = True, 5, 0, v_delen
                    v_delen.clear()
                elif name == _IS and not heeft_is:
                    heeft_is, in_is = True, True
                    is_delen.clear()
                    lengte = 0
            elif in_is and name == _T and (diepte == 6 or (diepte == 7 and in_r)):
                verzamel, doel = diepte, is_delen
            elif in_is and diepte == 6 and name == _R:
                in_r = True
        elif diepte == 3 and in_data and name == _ROW:
            rij_open, breed, rij_elementen, aantal_cellen, kolom, c_open = True, False, 0, 0, 0, False
            cellen.clear()
            r = attrs.get("r")
            rij = _rijnummer(r) if r else rij + 1
        elif diepte == 2 and name == _SHEETDATA:
            in_data = True

    def eind(name: str) -> None:
        nonlocal diepte, in_data, rij_open, c_open, in_is, in_r, verzamel
        if rij_open:
            if diepte == 3:
                rij_open = c_open = False
                verzamel = 0
                uit.append((rij, () if breed else _rij(cellen), breed))
            elif not breed:
                if diepte == verzamel:
                    verzamel = 0
                elif diepte == 4 and c_open:
                    c_open = False
                    cellen.append((kolom, _waarde()))
                elif diepte == 5 and in_is:
                    in_is = False
                elif diepte == 6 and in_r:
                    in_r = False
        elif diepte == 2 and in_data:
            in_data = False
        diepte -= 1

    def tekst(data: str) -> None:
        nonlocal lengte
        if verzamel and lengte < cap:
            doel.append(data[: cap - lengte])
            lengte += len(doel[-1])

    def _waarde() -> object:
        if c_type == "inlineStr":
            return "".join(is_delen) if heeft_is else None
        v = "".join(v_delen) if heeft_v else ""
        if not v:
            return None
        if c_type == "n":
            getal = _cast_number(v)
            if c_stijl in datums:
                try:
                    return from_excel(getal, epoch, timedelta=c_stijl in duren)
                except (OverflowError, ValueError):
                    return "#VALUE!"
            return getal
        if c_type == "s":
            return teksten[int(v)]
        if c_type == "b":
            return bool(int(v))
        if c_type == "d":
            return from_ISO8601(v)
        return v

    p = parser()
    p.StartElementHandler = begin
    p.EndElementHandler = eind
    p.CharacterDataHandler = tekst
    elementen = 0
    try:
        for _ in voer(p, lees_blokken(archive, deel, teller, _BLOK), grenzen.max_tokenbytes):
            elementen += len(uit)
            if elementen > EXCEL_MAX_RIJEN:
                raise beschadigd()
            yield from uit
            uit.clear()
    except Exception:
        yield from uit  # the rows completed before the sheet broke off are still rows
        raise


def _kolom(ref: str, cache: dict[str, int]) -> int:
    """The column number of a cell reference such as ``AB12`` (cached per column letters)."""
    letters = ref.rstrip("0123456789")
    if len(letters) == len(ref):
        raise ValueError("cell reference without a row")
    kolom = cache.get(letters)
    if kolom is None:
        kolom = coordinate_to_tuple(ref)[1]
        if len(cache) < 20_000:
            cache[letters] = kolom
    return kolom


def _rijnummer(r: str) -> int:
    try:
        return int(r)
    except ValueError:
        value = float(r)
        if not value.is_integer():
            raise
        return int(value)


def _rij(cellen: list[tuple[int, object]]) -> tuple[object, ...]:
    if not cellen:
        return ()
    row: list[object] = [None] * max(k for k, _ in cellen)
    for k, waarde in cellen:
        row[k - 1] = waarde
    return tuple(row)
