# SPDX-License-Identifier: EUPL-1.2
"""Recognise a file's format and text encoding from its name and first bytes, with clear messages."""

from __future__ import annotations

import codecs
from pathlib import Path

from zicht.intake.files._common import BestandsFout

EXTENSIONS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
}
SNIFF_BYTES = 64 * 1024
UTF8_BOM = codecs.BOM_UTF8
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # old .xls (and .doc)
_GZIP_MAGIC = b"\x1f\x8b"


def _looks_like(head: bytes) -> tuple[str, str]:
    """(nl, en) description of what the content looks like, for mismatch messages."""
    if head.startswith(_ZIP_MAGIC):
        return "een Excel- of zipbestand", "an Excel or zip file"
    if head.startswith(_OLE_MAGIC):
        return "een oud Excel-bestand (.xls)", "an old Excel file (.xls)"
    if head.startswith(_GZIP_MAGIC):
        return "een gecomprimeerd bestand (gzip)", "a compressed file (gzip)"
    if head.startswith(b"%PDF"):
        return "een PDF-bestand", "a PDF file"
    if _is_binary(head):
        return "een binair bestand", "a binary file"
    if head.lstrip(UTF8_BOM + b" \t\r\n").startswith(b"{"):
        return "een JSON-bestand", "a JSON file"
    return "een tekstbestand (CSV)", "a text (CSV) file"


def _is_binary(head: bytes) -> bool:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False  # text, but UTF-16: reported by check_text
    # A stray control character (even a NUL) in one cell is a problem of that row, not of the file; binary
    # files are full of them.
    sample = head[:8192]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 13))
    return bool(sample) and control / len(sample) > 0.02


def detect_format(naam: str | None, head: bytes) -> str:
    if not head.strip(b" \t\r\n" + UTF8_BOM):
        raise BestandsFout("leeg", "het bestand is leeg", "the file is empty")
    ext = Path(naam).suffix.lower() if naam else ""
    if ext == ".xls":
        raise BestandsFout(
            "xls",
            "het oude Excel-formaat (.xls) wordt niet gelezen; sla het bestand op als .xlsx of als CSV UTF-8",
            "the old Excel format (.xls) is not supported; save the file as .xlsx or as CSV UTF-8",
        )
    formaat = EXTENSIONS.get(ext)
    lijkt_nl, lijkt_en = _looks_like(head)
    if formaat is None:  # unknown or no extension: recognise the content
        if head.startswith(_ZIP_MAGIC):
            return "xlsx"
        if head.startswith((_OLE_MAGIC, _GZIP_MAGIC, b"%PDF")) or _is_binary(head):
            raise BestandsFout(
                "onbekend_formaat",
                f"dit is {lijkt_nl}; lever CSV, XLSX of JSON lines aan",
                f"this is {lijkt_en}; supply CSV, XLSX or JSON lines",
            )
        return "jsonl" if head.lstrip(UTF8_BOM + b" \t\r\n").startswith(b"{") else "csv"
    if formaat == "xlsx" and not head.startswith(_ZIP_MAGIC):
        raise BestandsFout(
            "geen_xlsx",
            f"het bestand heet {ext} maar is geen Excel-bestand (het lijkt {lijkt_nl}); "
            "geef het de juiste extensie of sla het opnieuw op als .xlsx",
            f"the file is named {ext} but is not an Excel file (it looks like {lijkt_en}); "
            "give it the right extension or save it again as .xlsx",
        )
    if formaat != "xlsx" and (head.startswith((_ZIP_MAGIC, _OLE_MAGIC, _GZIP_MAGIC, b"%PDF")) or _is_binary(head)):
        soort = "CSV" if formaat == "csv" else "JSON lines"
        raise BestandsFout(
            "binair",
            f"het bestand heet {ext} maar is geen {soort}-tekst (het lijkt {lijkt_nl})",
            f"the file is named {ext} but is not {soort} text (it looks like {lijkt_en})",
        )
    return formaat


def check_text(head: bytes, grootte: int, codering: str | None, formaat: str) -> str:
    """The encoding to read with; raises BestandsFout for UTF-16 and for non-UTF-8 text without codering."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BestandsFout(
            "codering",
            "het bestand is UTF-16 (Unicode-tekst uit Excel); sla het op als 'CSV UTF-8'",
            "the file is UTF-16 (Excel 'Unicode text'); save it as 'CSV UTF-8'",
        )
    if codering:
        try:
            name = codecs.lookup(codering).name
        except LookupError:
            raise BestandsFout(
                "codering", f"onbekende tekencodering {codering!r}", f"unknown text encoding {codering!r}"
            ) from None
        return "utf-8-sig" if name == "utf-8" else name
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        truncated = len(head) < grootte and exc.start >= len(head) - 3  # a character cut by the sniff window
        if not truncated:
            regel = head[: exc.start].count(b"\n") + 1
            raise BestandsFout(
                "codering",
                f"het bestand is geen UTF-8 (eerste onleesbare teken op regel {regel}); waarschijnlijk is het "
                "opgeslagen als Windows-1252/Latin-1 ('CSV (gescheiden door lijstscheidingsteken)' in Excel). "
                "Sla het op als 'CSV UTF-8', of geef de codering op (zicht import --codering cp1252)",
                f"the file is not UTF-8 (first unreadable character on line {regel}); it was probably saved as "
                "Windows-1252/Latin-1. Save it as 'CSV UTF-8', or name the encoding (zicht import --codering "
                "cp1252)",
            ) from None
    return "utf-8-sig"
