# SPDX-License-Identifier: EUPL-1.2
"""The XLSX import template (``zicht template``): a sheet to fill in, an explanation of every column and the
codebook, with input validation in the cells.

Sheets:

* ``Meldingen`` - the header row with the column names the importer reads, one comment per header explaining
  why the field is asked, and data validation: drop-down lists referring to the ``Codeboek`` sheet, date and
  number ranges, text length. Multi-valued columns (``a;b``) and columns that also take labels or countries
  only *inform* when a value is not in the list, so that such values can still be entered.
* ``Uitleg`` - every column with its Dutch and English name, whether it is required, multi-valued or
  identifying, its code list, its aliases and its ``uitleg`` (why it is asked).
* ``Codeboek`` - every code list used, as code / Dutch label / English label (and the gemeenten of the
  gebiedsindeling when reference data is given).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from zicht.codebook import CODEBOOK_VERSIE, codelijst
from zicht.intake.columns import KOLOMMEN, Kolom
from zicht.intake.kolom import Soort
from zicht.reference import Referentiedata

BLAD_MELDINGEN = "Meldingen"
BLAD_UITLEG = "Uitleg"
BLAD_CODEBOEK = "Codeboek"
#: Data validation covers this many rows below the header.
RIJEN = 10_000

_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED_FILL = PatternFill("solid", fgColor="FCE4D6")


def schrijf_sjabloon(doel: str | os.PathLike[str] | IO[bytes], reference: Referentiedata | None = None) -> None:
    """Write the import template as XLSX to a path or a binary stream.

    Args:
        doel: where to write.
        reference: when given, the gemeenten are added to the codebook and offered in the place columns.
    """
    wb = Workbook()
    meldingen = wb.active
    assert meldingen is not None
    meldingen.title = BLAD_MELDINGEN
    uitleg = wb.create_sheet(BLAD_UITLEG)
    codeboek = wb.create_sheet(BLAD_CODEBOEK)
    ranges = _write_codeboek(codeboek, reference)
    _write_uitleg(uitleg)
    _write_meldingen(meldingen, ranges)
    if isinstance(doel, str | os.PathLike):
        Path(doel).parent.mkdir(parents=True, exist_ok=True)
    wb.save(doel)


def _write_codeboek(ws: Worksheet, reference: Referentiedata | None) -> dict[str, str]:
    """One block of three columns per list; returns {list name: absolute range of its codes/names}."""
    lists = list(dict.fromkeys(k.codelijst for k in KOLOMMEN if k.codelijst))
    ranges: dict[str, str] = {}
    col = 1
    sheet = quote_sheetname(BLAD_CODEBOEK)
    for naam in lists:
        lijst = codelijst(naam)
        letter = get_column_letter(col)
        ws.cell(1, col, naam).font = _BOLD
        ws.cell(1, col + 1, "omschrijving").font = _BOLD
        ws.cell(1, col + 2, "label (en)").font = _BOLD
        for row, code in enumerate(lijst, start=2):
            ws.cell(row, col, code.code)
            ws.cell(row, col + 1, code.nl)
            ws.cell(row, col + 2, code.en)
        ranges[naam] = f"{sheet}!${letter}$2:${letter}${len(lijst.codes) + 1}"
        ws.column_dimensions[letter].width = 22
        ws.column_dimensions[get_column_letter(col + 1)].width = 30
        ws.column_dimensions[get_column_letter(col + 2)].width = 26
        col += 4
    if reference is not None:
        gemeenten = sorted(reference.gemeenten.values(), key=lambda g: g.weergavenaam)
        code_letter, name_letter = get_column_letter(col), get_column_letter(col + 1)
        ws.cell(1, col, "gemeentecode").font = _BOLD
        ws.cell(1, col + 1, f"gemeente ({reference.gebiedsindeling_jaar})").font = _BOLD
        for row, gm in enumerate(gemeenten, start=2):
            ws.cell(row, col, gm.code)
            ws.cell(row, col + 1, gm.weergavenaam)
        ranges["gemeente"] = f"{sheet}!${name_letter}$2:${name_letter}${len(gemeenten) + 1}"
        ws.column_dimensions[code_letter].width = 14
        ws.column_dimensions[name_letter].width = 28
    ws.freeze_panes = "A2"
    return ranges


def _write_uitleg(ws: Worksheet) -> None:
    intro = (
        "Importsjabloon voor meldingen mogelijke slachtoffers mensenhandel / Import template for reports of "
        "possible victims of trafficking",
        f"Codeboek versie {CODEBOOK_VERSIE}. Vul het tabblad '{BLAD_MELDINGEN}' in: één melding per rij. Codes mogen "
        "als code of als omschrijving (tabblad 'Codeboek'); meerdere waarden scheidt u met ';'. Datums als "
        "JJJJ-MM-DD. Identificerende gegevens worden versleuteld opgeslagen en komen nooit in rapporten.",
        "Lever het bestand aan met: zicht import BESTAND.xlsx --melder ORGANISATIECODE (of via de uploadpagina).",
    )
    for row, text in enumerate(intro, start=1):
        ws.cell(row, 1, text).font = _BOLD if row == 1 else Font()
    header = (
        "kolom",
        "naam",
        "name",
        "verplicht",
        "meerdere waarden (;)",
        "codelijst",
        "identificerend",
        "ook toegestaan als kolomnaam",
        "waarom gevraagd / uitleg",
    )
    first = len(intro) + 2
    for col, text in enumerate(header, start=1):
        cell = ws.cell(first, col, text)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
    for row, k in enumerate(KOLOMMEN, start=first + 1):
        values = (
            k.naam,
            k.nl,
            k.en,
            "ja" if k.verplicht else "nee",
            "ja" if k.meervoudig else "nee",
            k.codelijst or ("gemeente of land" if k.soort is Soort.plaats else ""),
            "ja (versleuteld)" if k.identificerend else "nee",
            ", ".join(k.aliassen),
            k.uitleg,
        )
        for col, value in enumerate(values, start=1):
            ws.cell(row, col, value).alignment = Alignment(wrap_text=col == len(values), vertical="top")
    for col, width in enumerate((22, 24, 24, 10, 12, 16, 16, 32, 90), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width


def _write_meldingen(ws: Worksheet, ranges: dict[str, str]) -> None:
    last = RIJEN + 1
    for col, k in enumerate(KOLOMMEN, start=1):
        letter = get_column_letter(col)
        cell = ws.cell(1, col, k.naam)
        cell.font = _BOLD
        cell.fill = _REQUIRED_FILL if k.verplicht else _HEADER_FILL
        comment = Comment(f"{k.nl} / {k.en}{' (verplicht)' if k.verplicht else ''}\n\n{k.uitleg}", "zicht")
        comment.width, comment.height = 320, 160
        cell.comment = comment
        ws.column_dimensions[letter].width = max(14, min(30, len(k.naam) + 4))
        if _als_tekst(k):
            ws.column_dimensions[letter].number_format = "@"  # keep leading zeros of numbers and references
        elif k.soort in (Soort.datum, Soort.geboorte):
            ws.column_dimensions[letter].number_format = "yyyy-mm-dd"
        validation = _validation(k, ranges)
        if validation is not None:
            validation.promptTitle = k.nl[:32]
            validation.prompt = k.uitleg[:250]
            validation.showInputMessage = True
            validation.showErrorMessage = True
            validation.add(f"{letter}2:{letter}{last}")
            ws.add_data_validation(validation)
    ws.freeze_panes = "B2"


def _als_tekst(k: Kolom) -> bool:
    """Cells kept as text: one-line texts (references, names), numbers and route events."""
    return k.soort in (Soort.nummers, Soort.route) or (k.soort is Soort.tekst and not k.meerregelig)


def _validation(k: Kolom, ranges: dict[str, str]) -> DataValidation | None:
    if k.codelijst and k.codelijst in ranges:
        soft = k.meervoudig
        dv = DataValidation(type="list", formula1=ranges[k.codelijst], allow_blank=True)
        dv.errorStyle = "information" if soft else "warning"
        dv.errorTitle = "Waarde niet in de lijst"
        dv.error = "Kies een code uit de lijst (tabblad Codeboek); een omschrijving mag ook" + (
            "; meerdere waarden scheidt u met ';'." if soft else "."
        )
        return dv
    if k.soort is Soort.plaats and "gemeente" in ranges:
        dv = DataValidation(type="list", formula1=ranges["gemeente"], allow_blank=True)
        dv.errorStyle = "information"
        dv.errorTitle = "Geen gemeente uit de lijst"
        dv.error = "Een land (bij uitbuiting in het buitenland), een CBS-code of 'onbekend' mag ook."
        return dv
    if k.soort is Soort.datum:
        dv = DataValidation(
            type="date", operator="between", formula1="DATE(1990,1,1)", formula2="TODAY()", allow_blank=True
        )
        dv.errorStyle = "warning"
        dv.errorTitle = "Datum"
        dv.error = "Een datum tussen 1990 en vandaag, als JJJJ-MM-DD."
        return dv
    if k.soort is Soort.leeftijd:
        dv = DataValidation(type="whole", operator="between", formula1="0", formula2="120", allow_blank=True)
        dv.errorTitle = "Leeftijd"
        dv.error = "Een geheel getal van 0 tot en met 120."
        return dv
    if k.sleutel:
        lengte = str(k.max_lengte or 100)
        dv = DataValidation(type="textLength", operator="between", formula1="1", formula2=lengte, allow_blank=True)
        dv.errorTitle = "Referentie"
        dv.error = f"Uw eigen kenmerk, hoogstens {lengte} tekens; uniek binnen uw organisatie."
        return dv
    return None
