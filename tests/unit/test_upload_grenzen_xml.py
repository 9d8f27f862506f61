# SPDX-License-Identifier: EUPL-1.2
"""XML of extreme shape inside an XLSX: a DTD, deep nesting, huge attributes, cells far away (issue 15).

Builders and helpers are in ``test_upload_grenzen.py``.
"""

from __future__ import annotations

import io
from pathlib import Path

from tests.unit.test_upload_grenzen import (
    _NS,
    GELDIGE_RIJ,
    blad,
    geldige_rij,
    geweigerd,
    herhaal,
    lees,
    rijen_gemeten,
    schrijf_xlsx,
    xlsx,
)

# ---- the XML inside ---------------------------------------------------------------------------------------


def test_een_dtd_met_entiteiten_wordt_geweigerd() -> None:
    lol = b'<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    out = io.BytesIO()
    schrijf_xlsx(out, iter([lol, *blad(iter([b'<row r="2"><c t="str"><v>&b;</v></c></row>']))]))
    fout, _ = geweigerd(out.getvalue(), "m.xlsx")
    assert fout.code == "xml_dtd"


def test_diep_geneste_xml_wordt_geweigerd() -> None:
    fout, _ = geweigerd(xlsx(GELDIGE_RIJ, voor=b"<a>" * 100 + b"</a>" * 100), "m.xlsx")
    assert fout.code == "xml_te_diep"


def test_een_attribuut_van_megabytes_wordt_niet_gebufferd() -> None:
    fout, piek = geweigerd(xlsx(GELDIGE_RIJ, voor=b'<sheetPr codeName="' + b"x" * 5_000_000 + b'"/>'), "m.xlsx")
    assert fout.code == "xml_te_lang"
    assert piek < 30 * 1024 * 1024


def test_een_cel_ver_rechts_wijst_de_rij_af_zonder_hem_op_te_vullen() -> None:
    rij = b'<row r="2"><c r="XFD2" t="inlineStr"><is><t>ver</t></is></c></row>'
    [afgewezen, geldig] = lees(xlsx(rij, geldige_rij(3)), "m.xlsx")
    assert afgewezen.rijnummer == 2 and afgewezen.fouten[0].code == "te_veel_kolommen"
    assert "meer dan 200 cellen" in afgewezen.fouten[0].reden_nl
    assert geldig.rijnummer == 3 and not geldig.fouten


def test_een_rijnummer_ver_weg_maakt_geen_tussenliggende_rijen() -> None:
    [gelezen], piek = rijen_gemeten(xlsx(geldige_rij(1_000_000_000)), "m.xlsx")
    assert gelezen.rijnummer == 1_000_000_000 and not gelezen.fouten
    assert piek < 20 * 1024 * 1024


def test_een_te_lange_gedeelde_tekst_wijst_alleen_zijn_rij_af(tmp_path: Path) -> None:
    pad = tmp_path / "lang.xlsx"
    teksten = iter([b"<sst " + _NS + b"><si><t>" + b"x" * 20_000 + b"</t></si><si><t>R2</t></si></sst>"])
    rijen = [b'<row r="2"><c t="s"><v>0</v></c><c t="str"><v>2023-01-02</v></c><c t="str"><v>arbeid</v></c></row>']
    rijen.append(rijen[0].replace(b'r="2"', b'r="3"').replace(b"<v>0</v>", b"<v>1</v>"))
    schrijf_xlsx(pad, blad(rijen), teksten)
    [lang, kort] = lees(pad, "m.xlsx")
    assert lang.fouten[0].code == "te_lang" and lang.fouten[0].kolom == "melder_referentie"
    assert "langer dan 10.000 tekens" in lang.fouten[0].reden_nl
    assert kort.values["melder_referentie"] == "R2"


def test_miljoenen_andere_elementen_naast_een_paar_rijen_worden_vooraf_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "samengevoegd.xlsx"
    delen = [*blad(iter([GELDIGE_RIJ]))]
    staart = [b"<mergeCells>", *herhaal(b'<mergeCell ref="A1:B2"/>', 2_000_000), b"</mergeCells></worksheet>"]
    schrijf_xlsx(pad, iter([*delen[:-1], b"</sheetData>", *staart]))
    fout, piek = geweigerd(pad, "m.xlsx")
    assert fout.code == "xml_te_veel" and "ongewoon veel XML-elementen" in fout.reden_nl
    assert piek < 20 * 1024 * 1024


def test_een_gedeelde_tekst_van_miljoenen_stukjes_wordt_vooraf_geweigerd(tmp_path: Path) -> None:
    pad = tmp_path / "stukjes.xlsx"
    teksten = iter([b"<sst " + _NS + b"><si>", *herhaal(b"<r><t>x</t></r>", 1_000_000), b"</si></sst>"])
    schrijf_xlsx(pad, blad(iter([GELDIGE_RIJ])), teksten)
    fout, _ = geweigerd(pad, "m.xlsx")
    assert fout.code == "xml_te_veel"
