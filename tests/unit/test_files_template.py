# SPDX-License-Identifier: EUPL-1.2
"""The XLSX import template: sheets, explanations, codebook and input validation."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from zicht.codebook import codelijst
from zicht.intake.columns import KOLOM_NAMEN, KOLOMMEN
from zicht.intake.files import read_rows
from zicht.intake.template import BLAD_CODEBOEK, BLAD_MELDINGEN, BLAD_UITLEG, schrijf_sjabloon
from zicht.reference import Referentiedata


def test_het_sjabloon_heeft_meldingen_uitleg_en_codeboek(tmp_path: Path, reference: Referentiedata) -> None:
    path = tmp_path / "sjabloon.xlsx"
    schrijf_sjabloon(path, reference)
    wb = load_workbook(path)
    assert wb.sheetnames == [BLAD_MELDINGEN, BLAD_UITLEG, BLAD_CODEBOEK]
    header = [c.value for c in wb[BLAD_MELDINGEN][1]]
    assert tuple(header) == KOLOM_NAMEN


def test_elke_kolom_wordt_uitgelegd_met_haar_uitleg(tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.xlsx"
    schrijf_sjabloon(path)
    ws = load_workbook(path)[BLAD_UITLEG]
    rows = {row[0]: row for row in ws.iter_rows(values_only=True) if row[0] in KOLOM_NAMEN}
    assert set(rows) == set(KOLOM_NAMEN)
    for k in KOLOMMEN:
        assert k.uitleg in rows[k.naam]
        assert (rows[k.naam][6] or "").startswith("ja") == k.identificerend


def test_het_codeboek_bevat_elke_gebruikte_codelijst_en_de_gemeenten(tmp_path: Path, reference: Referentiedata) -> None:
    path = tmp_path / "sjabloon.xlsx"
    schrijf_sjabloon(path, reference)
    ws = load_workbook(path)[BLAD_CODEBOEK]
    columns = {col[0].value: [c.value for c in col[1:] if c.value is not None] for col in ws.iter_cols()}
    for naam in {k.codelijst for k in KOLOMMEN if k.codelijst}:
        assert columns[naam] == list(codelijst(naam).waarden)
    assert len(columns["gemeentecode"]) == len(reference.gemeenten)


def test_gecodeerde_kolommen_hebben_een_keuzelijst_uit_het_codeboek(tmp_path: Path, reference: Referentiedata) -> None:
    path = tmp_path / "sjabloon.xlsx"
    schrijf_sjabloon(path, reference)
    ws = load_workbook(path)[BLAD_MELDINGEN]
    letters = {c.value: c.column_letter for c in ws[1]}
    by_column = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            by_column[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    for k in KOLOMMEN:
        if k.codelijst:
            dv = by_column[letters[k.naam]]
            assert dv.type == "list" and BLAD_CODEBOEK in dv.formula1
            # multi-valued columns must accept "a;b": the list only informs
            assert (dv.errorStyle == "information") == k.meervoudig
    assert by_column[letters["melddatum"]].type == "date"
    assert by_column[letters["leeftijd"]].type == "whole"
    assert by_column[letters["plaats_delict"]].type == "list"
    assert by_column[letters["melder_referentie"]].type == "textLength"


def test_het_lege_sjabloon_is_een_geldig_importbestand_zonder_rijen(tmp_path: Path) -> None:
    path = tmp_path / "sjabloon.xlsx"
    schrijf_sjabloon(path)
    assert list(read_rows(path)) == []
