# SPDX-License-Identifier: EUPL-1.2
"""Exports of a table exactly as shown: CSV and XLSX, with the metadata, and a logboek record per export.

Cells are written as displayed (``<10``, ``x``, ``–`` stay markers; a shown count is a number in XLSX), the
columns in the table's fixed order. The metadata (unit, period, reference dates, data vintage, protection)
and the notes travel with every file, so a figure never leaves without saying what it counts.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import datetime
from zipfile import ZIP_DEFLATED, ZipFile, ZipInfo

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.writer.excel import ExcelWriter
from sqlalchemy.orm import Session

from zicht.analysis import opmaak
from zicht.analysis.tabel import Kolom, Kolomsoort, Markering, Tabel, Waarde
from zicht.privacy import logboek
from zicht.taal import vertaler

#: The only timestamp in an XLSX export (document properties and zip entries): the same table, the same bytes.
XLSX_TIJD = datetime(2000, 1, 1)

#: Content types of the export formats.
MEDIATYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def bestandsnaam(tabel: Tabel, formaat: str, taal: str = "nl") -> str:
    """A safe file name for a table, e.g. ``zicht-overzicht-gemeente-2024.xlsx``; a CSV says its dialect in
    the name (``…_nl.csv``: ``;`` and decimal comma, ``…_en.csv``: ``,`` and decimal point)."""
    delen = tabel.id.replace("/", "-").replace("=", "-")
    veilig = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in delen)
    if formaat == "csv":
        return f"zicht-{veilig}_{'en' if taal == 'en' else 'nl'}.csv"
    return f"zicht-{veilig}.{formaat}"


def _csv_cel(kolom: Kolom, cel: Waarde, taal: str) -> str:
    """A cell as a spreadsheet of the language reads it: shown numbers without thousands separators and with
    the language's decimal sign (shares as fractions of 1 would be misread, so they keep their percent sign);
    markers (``<10``, ``x``, ``–``) and texts as shown."""
    if cel.getal is None or cel.markering is not Markering.getoond or kolom.soort is Kolomsoort.tekst:
        return cel.tekst
    if kolom.soort is Kolomsoort.aantal:
        return opmaak.csv_getal(round(cel.getal), 0, taal)
    if kolom.soort is Kolomsoort.per_100k:
        return opmaak.csv_getal(cel.getal, 1, taal)
    return cel.tekst


def naar_csv(tabel: Tabel, taal: str = "nl") -> bytes:
    """The table as CSV in the dialect of the language: UTF-8 with BOM (so spreadsheet programs read the
    accents); Dutch with ``;`` between fields and a decimal comma (what Dutch Excel opens correctly),
    English with ``,`` and a decimal point. Numbers carry no thousands separator.

    Layout: one header row with the column labels, one row per table row, an empty row, then
    ``label;value`` rows with the title, the reading, the metadata and the notes.
    """
    buffer = io.StringIO()
    schrijver = csv.writer(buffer, delimiter=opmaak.CSV_SCHEIDING.get(taal, ";"), lineterminator="\r\n")
    schrijver.writerow([k.label for k in tabel.kolommen])
    for rij in tabel.rijen:
        schrijver.writerow([_csv_cel(k, c, taal) for k, c in zip(tabel.kolommen, rij, strict=True)])
    schrijver.writerow([])
    for label, waarde in _toelichting(tabel, taal):
        schrijver.writerow([label, waarde])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def naar_xlsx(tabel: Tabel, taal: str = "nl") -> bytes:
    """The table as an XLSX workbook: sheet ``Tabel`` (shown counts as numbers, markers as text) and sheet
    ``Toelichting`` with the metadata and notes."""
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Tabel"
    ws.append([tabel.titel])
    ws["A1"].font = Font(bold=True, size=12)
    ws.append([k.label for k in tabel.kolommen])
    for cel in ws[2]:
        cel.font = Font(bold=True)
    for rij in tabel.rijen:
        waarden: list[object] = []
        for kolom, cel in zip(tabel.kolommen, rij, strict=True):
            if kolom.soort is Kolomsoort.tekst or cel.getal is None or kolom.soort is Kolomsoort.verhouding:
                waarden.append(cel.tekst)
            elif kolom.soort is Kolomsoort.aantal:
                waarden.append(round(cel.getal))
            else:
                waarden.append(cel.getal)
        ws.append(waarden)
        for kolom, cel in zip(tabel.kolommen, ws[ws.max_row], strict=True):
            if kolom.soort is Kolomsoort.aandeel and isinstance(cel.value, float):
                cel.number_format = "0%"
            elif kolom.soort is Kolomsoort.per_100k and isinstance(cel.value, float):
                cel.number_format = "0.0"
    for i, kolom in enumerate(tabel.kolommen, start=1):
        ws.column_dimensions[get_column_letter(i)].width = max(12, min(40, len(kolom.label) + 2))
    toelichting = wb.create_sheet("Toelichting")
    for label, waarde in _toelichting(tabel, taal):
        toelichting.append([label, waarde])
    toelichting.column_dimensions["A"].width = 28
    toelichting.column_dimensions["B"].width = 100
    wb.properties.title = tabel.titel
    wb.properties.creator = "zicht"
    return _xlsx_bytes(wb)


def _xlsx_bytes(wb: Workbook) -> bytes:
    """The workbook as XLSX bytes that depend on its content only, never on the clock.

    ``Workbook.save`` is not used: it overwrites ``dcterms:modified`` (docProps/core.xml) with the current
    time, whatever was set. And every zip entry carries a timestamp: the current local time for entries
    openpyxl writes from memory, the temporary file's mtime for worksheets. Two exports of the same table
    straddling a (two-)second boundary then differ. So the workbook is written with openpyxl's
    ``ExcelWriter`` (which leaves the properties as set) and the archive is re-packed, in the same entry
    order, with ``XLSX_TIJD`` on every entry and fixed permissions.
    """
    wb.properties.created = XLSX_TIJD
    wb.properties.modified = XLSX_TIJD
    geschreven = io.BytesIO()
    ExcelWriter(wb, ZipFile(geschreven, "w", ZIP_DEFLATED, allowZip64=True)).save()
    uit = io.BytesIO()
    with ZipFile(geschreven) as bron, ZipFile(uit, "w", ZIP_DEFLATED) as doel:
        for deel in bron.infolist():
            vast = ZipInfo(deel.filename, date_time=XLSX_TIJD.timetuple()[:6])
            vast.compress_type = ZIP_DEFLATED
            vast.external_attr = 0o600 << 16  # a regular file, rw-------, as zipfile writes from memory
            doel.writestr(vast, bron.read(deel))
    return uit.getvalue()


def _toelichting(tabel: Tabel, taal: str) -> list[tuple[str, str]]:
    _ = vertaler(taal)
    regels = [(_("Titel"), tabel.titel), (_("Samenvatting"), tabel.samenvatting)]
    regels += tabel.meta.regels(taal)
    if tabel.advies:
        regels.append((_("Advies"), tabel.advies))
    regels += [(_("Noot"), n) for n in tabel.voetnoten]
    regels.append((_("Tabel-id"), tabel.id))
    return regels


def registreer_export(
    session: Session, actor: logboek.Actor, tabel: Tabel, formaat: str, *, doel: str = "publicatie statistieken"
) -> None:
    """Write one logboek record for an export (no personal data: the table id, format and vintage).

    Args:
        session: Open session; the record commits with the caller's transaction.
        actor: Who exports.
        tabel: The exported table.
        formaat: ``csv``, ``xlsx`` or ``pdf``.
        doel: The purpose recorded.
    """
    logboek.append(
        session,
        actor,
        actie="exporteren",
        object_type="statistiek",
        object_ids=["stat:" + hashlib.sha256(tabel.id.encode()).hexdigest()[:24]],
        doel=doel,
        details={
            "tabel": tabel.id,
            "formaat": formaat,
            "gegevensstand": tabel.meta.vintage,
            "periode": tabel.meta.periode,
            "eenheid": tabel.meta.eenheid.value,
            "beveiligd": tabel.meta.beveiligd,
        },
    )
