# SPDX-License-Identifier: EUPL-1.2
"""Write a :class:`~zicht.synth.generator.SynthResult` as organisations would deliver it.

Layout of ``out_dir``::

    organisaties.csv                 code,naam,soort,regio,gemeentecode
    meldingen/<organisatie>.csv      import format (docs/importformaat.md), UTF-8, comma-delimited
    meldingen/<organisatie>.xlsx     the same columns for organisations that deliver Excel
    meldingen/<organisatie>.jsonl    one JSON object per melding, multi-values as lists, empty fields left out
    MANIFEST.json                    seed, years, counts, generator version, calibration targets
    waarheid/meldingen.csv           truth per melding (organisatie, melder_referentie, persoon_id, variaties, ...)
    waarheid/populatie.csv           the hidden population with per-person attributes and gezien_door
    waarheid/identiteiten.csv        the true identity (names, birth date, numbers) of every registered person

Files are byte-identical for the same seed (no timestamps; the XLSX document properties are fixed).
"""

from __future__ import annotations

import csv
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

from zicht.synth.generator import SynthResult
from zicht.synth.meldingen import KOLOMMEN

MEERVOUDIG = frozenset(
    {"uitbuitingsvorm", "sector", "werkwijze", "nationaliteit", "documentnummer", "telefoonnummer", "route"}
)


def _csv(frame: pd.DataFrame, pad: Path) -> None:
    """Plain CSV as organisations send it: UTF-8, comma-delimited, quotes only where needed."""
    kolommen = [frame[k].astype(str).tolist() for k in frame.columns]
    with pad.open("w", encoding="utf-8", newline="") as fh:
        schrijver = csv.writer(fh, lineterminator="\n")
        schrijver.writerow(list(frame.columns))
        schrijver.writerows(zip(*kolommen, strict=True))


def _groot_csv(frame: pd.DataFrame, pad: Path) -> None:
    """Fast CSV writer for the large truth files (every text value quoted)."""
    kolommen = []
    for naam in frame.columns:
        reeks = frame[naam]
        if isinstance(reeks.dtype, pd.CategoricalDtype):
            kolommen.append(pa.array(reeks.astype(str).to_numpy() if len(reeks) < 1000 else reeks, type=None))
        else:
            kolommen.append(pa.array(reeks))
    tabel = pa.table(
        [pc.cast(k, pa.string()) if pa.types.is_dictionary(k.type) else k for k in kolommen], names=list(frame.columns)
    )
    pacsv.write_csv(tabel, pad, write_options=pacsv.WriteOptions(quoting_style="needed"))


_XLSX_DELEN = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Meldingen" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" '
        'Target="styles.xml"/></Relationships>'
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}


def _xlsx(frame: pd.DataFrame, pad: Path, titel: bool) -> None:
    """A minimal Office Open XML workbook: one sheet, inline strings, the report date as a real date cell.

    Written directly (openpyxl without lxml manages about 15,000 cells a second, too slow for benchmark
    scales); openpyxl, pandas and spreadsheet programs read it. Fixed timestamps keep it byte-identical.
    """
    kolommen = list(frame.columns)
    letters = [_kolomletter(i) for i in range(len(kolommen))]
    kop = [k.replace("_", " ").title().replace(" ", "_") if titel else k for k in kolommen]
    cellen = np.empty((len(frame) + 1, len(kolommen)), dtype=object)
    rijnr = np.arange(1, len(frame) + 2).astype(str).astype(object)
    for j, k in enumerate(kolommen):
        waarden = np.asarray([kop[j], *frame[k].astype(str).tolist()], dtype=object)
        ref = letters[j] + rijnr
        if k == "melddatum":
            serie = pd.to_datetime(pd.Series(waarden[1:]), format="%Y-%m-%d", errors="coerce")
            dagen = (serie - pd.Timestamp("1899-12-30")).dt.days.to_numpy(dtype=float, na_value=np.nan)
            ok = ~np.isnan(dagen)
            serienummer = np.nan_to_num(dagen).astype(np.int64).astype(str).astype(object)
            datum_cel = '<c r="' + ref[1:] + '" s="1"><v>' + serienummer + "</v></c>"
            tekst_cel = '<c r="' + ref + '" t="inlineStr"><is><t>' + _xml(waarden) + "</t></is></c>"
            cellen[:, j] = np.r_[tekst_cel[:1], np.where(ok, datum_cel, tekst_cel[1:])]
            continue
        tekst_cel = '<c r="' + ref + '" t="inlineStr"><is><t>' + _xml(waarden) + "</t></is></c>"
        cellen[:, j] = np.where(waarden == "", "", tekst_cel)
    rijen = "".join(f'<row r="{i + 1}">' + "".join(rij) + "</row>" for i, rij in enumerate(cellen.tolist()))
    blad = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="A1:{letters[-1]}{len(frame) + 1}"/><sheetData>' + rijen + "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(pad, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for naam, data in [*_XLSX_DELEN.items(), ("xl/worksheets/sheet1.xml", blad)]:
            info = zipfile.ZipInfo(naam, date_time=(2025, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data.encode("utf-8"))


def _kolomletter(i: int) -> str:
    letters = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _xml(waarden: np.ndarray) -> np.ndarray:
    """Escape text for XML element content."""
    tekst = np.asarray(waarden, dtype=str)
    for teken, entiteit in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;")):
        tekst = np.strings.replace(tekst, teken, entiteit)
    return np.asarray(tekst.astype(object))


def _jsonl(frame: pd.DataFrame, pad: Path) -> None:
    namen = list(frame.columns)
    meer = [k in MEERVOUDIG for k in namen]
    kolommen = [frame[k].astype(str).tolist() for k in namen]
    with pad.open("w", encoding="utf-8", newline="\n") as fh:
        for rij in zip(*kolommen, strict=True):
            obj = {k: (v.split(";") if m else v) for k, m, v in zip(namen, meer, rij, strict=True) if v}
            fh.write(json.dumps(obj, ensure_ascii=False) + "\n")


def write(result: SynthResult, out_dir: Path | str, progress: Callable[[str, int, int], None] | None = None) -> Path:
    """Write ``result`` to ``out_dir`` (created if needed); returns the directory."""
    uit = Path(out_dir)
    (uit / "meldingen").mkdir(parents=True, exist_ok=True)
    (uit / "waarheid").mkdir(parents=True, exist_ok=True)
    _csv(result.organisaties_frame(), uit / "organisaties.csv")
    orgs = {o.code: o for o in result.organisaties}
    groepen = result.meldingen.groupby("organisatie", sort=True).indices
    for i, code in enumerate(sorted(groepen)):
        if progress:
            progress(f"meldingen {code}", i, len(groepen))
        org = orgs[code]
        stijl = org.stijl
        kolommen = [k for k in KOLOMMEN if k not in stijl.weglaten]
        frame = result.meldingen.iloc[groepen[code]][kolommen]
        if stijl.formaat == "xlsx":
            _xlsx(frame, uit / "meldingen" / f"{code}.xlsx", stijl.hoofdletters)
        elif stijl.formaat == "jsonl":
            _jsonl(frame, uit / "meldingen" / f"{code}.jsonl")
        else:
            _csv(frame, uit / "meldingen" / f"{code}.csv")
    if progress:
        progress("waarheid", len(groepen), len(groepen))
    _groot_csv(result.waarheid, uit / "waarheid" / "meldingen.csv")
    _groot_csv(result.populatie, uit / "waarheid" / "populatie.csv")
    _groot_csv(result.identiteiten, uit / "waarheid" / "identiteiten.csv")
    (uit / "MANIFEST.json").write_text(
        json.dumps(result.manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8"
    )
    return uit
