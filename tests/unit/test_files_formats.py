# SPDX-License-Identifier: EUPL-1.2
"""Reading import files: what is accepted, what is refused as a whole, and which rows carry a problem."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from zicht.intake import REDACTED
from zicht.intake.files import HELE_RIJ, BestandsFout, open_bestand, read_rows

HEADER = "melder_referentie,melddatum,uitbuitingsvorm,voornamen,geslacht"


def rows_of(data: bytes, naam: str = "meldingen.csv", **kwargs: str) -> list:  # type: ignore[type-arg]
    return list(read_rows(data, naam, **kwargs))


def fout_van(data: bytes, naam: str = "meldingen.csv", **kwargs: str) -> BestandsFout:
    with pytest.raises(BestandsFout) as info:
        rows_of(data, naam, **kwargs)
    return info.value


def xlsx_bytes(rows: list[list[object]], title: str = "Meldingen", extra_sheet_first: bool = False) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    if extra_sheet_first:
        ws.title = "Toelichting"
        ws.append(["dit blad wordt niet gelezen"])
        ws = wb.create_sheet(title)
    else:
        ws.title = title
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# ---- what is accepted -------------------------------------------------------------------------------------


def test_utf8_bom_wordt_geaccepteerd_en_niet_als_deel_van_de_eerste_kolomnaam_gelezen() -> None:
    data = ("\ufeff" + HEADER + "\nR1,2023-01-02,arbeid,Anna,vrouw\n").encode()
    [row] = rows_of(data)
    assert row.values["melder_referentie"] == "R1"
    assert row.rijnummer == 2


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_het_scheidingsteken_wordt_uit_de_kopregel_herkend(delimiter: str) -> None:
    data = f"melder_referentie{delimiter}melddatum{delimiter}uitbuitingsvorm\nR1{delimiter}2023-01-02{delimiter}a;b\n"
    if delimiter == ";":
        data = data.replace("a;b", '"a;b"')
    [row] = rows_of(data.encode())
    assert row.values == {"melder_referentie": "R1", "melddatum": "2023-01-02", "uitbuitingsvorm": "a;b"}


def test_kolomnamen_mogen_engels_of_met_hoofdletters_en_spaties() -> None:
    data = b"Reference,Report Date,Form of exploitation,GENDER\nR1,2023-01-02,arbeid,man\n"
    [row] = rows_of(data)
    assert set(row.values) == {"melder_referentie", "melddatum", "uitbuitingsvorm", "geslacht"}


def test_rijnummers_zijn_de_regelnummers_die_de_gebruiker_ziet_en_lege_regels_tellen_niet() -> None:
    data = (HEADER + "\n\nR1,2023-01-02,arbeid,,\n,,,,\n\nR2,2023-01-02,arbeid,,\n").encode()
    assert [r.rijnummer for r in rows_of(data)] == [3, 6]


def test_lege_cellen_ontbreken_in_de_waarden() -> None:
    [row] = rows_of((HEADER + "\nR1,2023-01-02,arbeid,,\n").encode())
    assert row.values == {"melder_referentie": "R1", "melddatum": "2023-01-02", "uitbuitingsvorm": "arbeid"}


def test_cp1252_wordt_gelezen_als_de_codering_expliciet_is_opgegeven() -> None:
    data = (HEADER + "\nR1,2023-01-02,arbeid,Zoë,vrouw\n").encode("cp1252")
    [row] = rows_of(data, codering="cp1252")
    assert row.values["voornamen"] == "Zoë"


def test_een_pad_en_een_open_bestand_worden_ook_gelezen(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes((HEADER + "\nR1,2023-01-02,arbeid,,\n").encode())
    assert len(list(read_rows(path))) == 1
    with path.open("rb") as fh:
        assert len(list(read_rows(fh, "m.csv"))) == 1
        assert not fh.closed  # the caller's stream stays the caller's


def test_bestand_meldt_formaat_kolommen_en_sha256() -> None:
    data = (HEADER + "\nR1,2023-01-02,arbeid,,\n").encode()
    with open_bestand(data, "x.csv") as bestand:
        assert bestand.formaat == "csv"
        assert bestand.kolommen == ("melder_referentie", "melddatum", "uitbuitingsvorm", "voornamen", "geslacht")
        assert len(bestand.sha256) == 64
        assert bestand.codering == "utf-8"


def test_xlsx_leest_het_blad_meldingen_met_datums_en_getallen() -> None:
    data = xlsx_bytes(
        [["melder_referentie", "melddatum", "uitbuitingsvorm", "leeftijd"], [12345, date(2023, 1, 2), "arbeid", 31.0]],
        extra_sheet_first=True,
    )
    [row] = rows_of(data, "m.xlsx")
    assert row.rijnummer == 2
    assert row.values == {
        "melder_referentie": 12345,
        "melddatum": date(2023, 1, 2),
        "uitbuitingsvorm": "arbeid",
        "leeftijd": 31,
    }


def test_xlsx_waarde_in_een_kolom_zonder_naam_wijst_de_rij_af() -> None:
    data = xlsx_bytes([["melder_referentie", "melddatum", "uitbuitingsvorm"], ["R1", "2023-01-02", "arbeid", "x"]])
    [row] = rows_of(data, "m.xlsx")
    assert row.fouten and row.fouten[0].code == "kolom_zonder_naam"
    assert "D" in row.fouten[0].reden_nl


def test_jsonl_leest_objecten_met_lijsten_voor_meervoudige_kolommen() -> None:
    data = (
        json.dumps({"reference": "R1", "melddatum": "2023-01-02", "uitbuitingsvorm": ["arbeid", "seksueel"]})
        + "\n\n"
        + json.dumps({"melder_referentie": "R2", "leeftijd": 30})
        + "\n"
    ).encode()
    first, second = rows_of(data, "m.jsonl")
    assert first.values["uitbuitingsvorm"] == ["arbeid", "seksueel"]
    assert (first.rijnummer, second.rijnummer) == (1, 3)
    assert second.values == {"melder_referentie": "R2", "leeftijd": 30}


def test_zonder_bestandsnaam_wordt_het_formaat_uit_de_inhoud_herkend() -> None:
    assert rows_of(b'{"melder_referentie": "R1"}\n', None)[0].values == {"melder_referentie": "R1"}  # type: ignore[arg-type]
    xlsx = xlsx_bytes([["melder_referentie", "melddatum", "uitbuitingsvorm"], ["R1", "2023-01-02", "arbeid"]])
    with open_bestand(xlsx) as bestand:
        assert bestand.formaat == "xlsx"


# ---- refused as a whole -----------------------------------------------------------------------------------


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\xef\xbb\xbf"])
def test_een_leeg_bestand_geeft_een_duidelijke_melding(data: bytes) -> None:
    fout = fout_van(data)
    assert fout.code == "leeg"
    assert "leeg" in str(fout) and "empty" in str(fout)


def test_alleen_een_kopregel_levert_geen_rijen_maar_geen_fout_van_de_lezer() -> None:
    # the importer turns this into "geen_rijen"; see tests/integration/test_import_cli.py
    assert rows_of((HEADER + "\n").encode()) == []


def test_onbekende_kolommen_worden_allemaal_genoemd_met_een_suggestie() -> None:
    fout = fout_van(b"melder_referentie,melddatum,uitbuitingsvorm,geslact,schoenmaat\n")
    assert fout.code == "onbekende_kolommen"
    assert "'geslact' (geslacht?)" in str(fout)
    assert "'schoenmaat'" in str(fout)


def test_ontbrekende_verplichte_kolommen_worden_genoemd() -> None:
    fout = fout_van(b"melder_referentie,geslacht\n")
    assert fout.code == "verplichte_kolommen"
    assert "melddatum" in str(fout) and "uitbuitingsvorm" in str(fout)


def test_een_kolom_die_twee_keer_voorkomt_ook_via_een_alias_wordt_geweigerd() -> None:
    fout = fout_van(b"melder_referentie,melddatum,uitbuitingsvorm,referentie\n")
    assert fout.code == "dubbele_kolommen"


def test_een_bestand_zonder_kopregel_herhaalt_geen_celwaarden_in_de_melding() -> None:
    fout = fout_van(b"R1,2023-01-02,arbeid,Wilhelmina Xyloporos\n")
    assert fout.code == "geen_kopregel"
    assert "Xyloporos" not in str(fout)


def test_windows_1252_zonder_opgave_geeft_een_melding_met_de_oplossing() -> None:
    fout = fout_van((HEADER + "\nR1,2023-01-02,arbeid,Zoë,vrouw\n").encode("cp1252"))
    assert fout.code == "codering"
    assert "CSV UTF-8" in str(fout) and "--codering cp1252" in str(fout)
    assert "regel 2" in str(fout)


def test_utf16_wordt_herkend_en_geweigerd() -> None:
    fout = fout_van((HEADER + "\n").encode("utf-16"))
    assert fout.code == "codering" and "UTF-16" in str(fout)


def test_onbekende_codering_geeft_een_melding() -> None:
    assert fout_van(HEADER.encode(), codering="klingon").code == "codering"


def test_een_xlsx_die_eigenlijk_csv_is_wordt_geweigerd_met_uitleg() -> None:
    fout = fout_van((HEADER + "\nR1,2023-01-02,arbeid,,\n").encode(), "meldingen.xlsx")
    assert fout.code == "geen_xlsx"
    assert "CSV" in str(fout)


def test_een_beschadigde_zip_als_xlsx_wordt_geweigerd() -> None:
    fout = fout_van(b"PK\x03\x04" + b"\x00" * 200, "meldingen.xlsx")
    assert fout.code == "geen_xlsx"


def test_een_xlsx_zonder_meldingen_kopregel_wordt_geweigerd() -> None:
    assert fout_van(xlsx_bytes([]), "m.xlsx").code == "leeg"


def test_het_oude_xls_formaat_krijgt_een_eigen_melding() -> None:
    fout = fout_van(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "meldingen.xls")
    assert fout.code == "xls" and ".xlsx" in str(fout)


@pytest.mark.parametrize(
    ("data", "naam"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "meldingen.csv"),
        (b"PK\x03\x04rest of a zip", "meldingen.csv"),
        (b"\x1f\x8b\x08\x00compressed", "meldingen.jsonl"),
    ],
)
def test_een_binair_bestand_met_tekstextensie_wordt_geweigerd(data: bytes, naam: str) -> None:
    assert fout_van(data, naam).code == "binair"


def test_een_binair_bestand_met_onbekende_extensie_wordt_geweigerd() -> None:
    assert fout_van(b"%PDF-1.7\n...", "meldingen.dat").code == "onbekend_formaat"


def test_een_json_array_wordt_geweigerd_met_verwijzing_naar_json_lines() -> None:
    fout = fout_van(b'[\n  {"melder_referentie": "R1"}\n]\n', "meldingen.json")
    assert fout.code == "json_array"


def test_een_niet_bestaand_pad_geeft_een_melding(tmp_path: Path) -> None:
    with pytest.raises(BestandsFout) as info:
        read_rows(tmp_path / "weg.csv")
    assert info.value.code == "niet_gevonden"


# ---- problems of one row ----------------------------------------------------------------------------------


def test_een_rij_met_te_weinig_cellen_wordt_afgewezen_in_plaats_van_verschoven() -> None:
    data = (HEADER + "\nR1,2023-01-02,arbeid,vrouw\n").encode()
    [row] = rows_of(data)
    assert row.values == {}
    assert row.fouten[0].code == "aantal_cellen" and row.fouten[0].kolom == HELE_RIJ


def test_extra_lege_cellen_aan_het_eind_zijn_geen_probleem() -> None:
    [row] = rows_of((HEADER + "\nR1,2023-01-02,arbeid,,,,\n").encode())
    assert not row.fouten


def test_een_niet_gesloten_aanhalingsteken_wordt_als_zodanig_benoemd() -> None:
    data = (HEADER + '\nR1,2023-01-02,"arbeid,,\nR2,2023-01-02,arbeid,,\n').encode()
    [row] = rows_of(data)
    assert row.rijnummer == 2
    assert "aanhalingsteken" in row.fouten[0].reden_nl
    assert "2-3" in row.fouten[0].reden_nl


def test_ongeldige_utf8_verderop_in_het_bestand_wijst_alleen_die_rij_af_zonder_de_waarde_te_tonen() -> None:
    filler = "".join(f"R{i},2023-01-02,arbeid,,\n" for i in range(5000)).encode()  # > 64 KiB of valid text
    data = HEADER.encode() + b"\n" + filler + b"RX,2023-01-02,arbeid,Zo\xeb,vrouw\nRY,2023-01-02,arbeid,,\n"
    rows = rows_of(data)
    bad = [r for r in rows if r.fouten]
    assert len(rows) == 5002 and len(bad) == 1
    assert bad[0].fouten[0].kolom == "voornamen"
    assert bad[0].fouten[0].waarde == REDACTED


def test_een_jsonl_regel_die_geen_object_is_wordt_afgewezen() -> None:
    data = b'{"melder_referentie": "R1"}\n[1, 2]\n"tekst"\n{kapot\n{"melder_referentie": "R5"}\n'
    rows = rows_of(data, "m.jsonl")
    assert [(r.rijnummer, r.fouten[0].code if r.fouten else None) for r in rows] == [
        (1, None),
        (2, "geen_object"),
        (3, "geen_object"),
        (4, "ongeldige_json"),
        (5, None),
    ]


def test_jsonl_onbekende_sleutels_en_verkeerde_types_wijzen_de_rij_af_zonder_identificerende_waarden() -> None:
    data = (
        json.dumps({"melder_referentie": "R1", "schoenmaat": 44})
        + "\n"
        + json.dumps({"melder_referentie": "R2", "voornamen": ["Xyloporos"]})
        + "\n"
        + json.dumps({"melder_referentie": "R3", "achternaam": {"x": "Xyloporos"}})
        + "\n"
        + json.dumps({"melder_referentie": "R4", "geslacht": True})
        + "\n"
    ).encode()
    rows = rows_of(data, "m.jsonl")
    codes = [r.fouten[0].code for r in rows]
    assert codes == ["onbekende_kolommen", "een_waarde", "ongeldig_type", "ongeldig_type"]
    assert "schoenmaat" in rows[0].fouten[0].reden_nl
    assert all("Xyloporos" not in repr(r.fouten) for r in rows)


def test_jsonl_met_ongeldige_utf8_op_een_regel_wijst_die_regel_af() -> None:
    filler = b"".join(b'{"melder_referentie": "R%d"}\n' % i for i in range(3000))
    rows = rows_of(filler + b'{"voornamen": "Zo\xeb"}\n', "m.jsonl")
    assert rows[-1].fouten[0].code == "codering"


def test_een_upload_als_spooled_tempfile_of_pijp_wordt_gelezen() -> None:
    import os
    import tempfile

    data = (HEADER + "\nR1,2023-01-02,arbeid,,\n").encode()
    with tempfile.SpooledTemporaryFile() as upload:
        upload.write(data)
        upload.seek(0)
        assert len(list(read_rows(upload, "upload.csv"))) == 1  # type: ignore[arg-type]
    read_fd, write_fd = os.pipe()
    os.write(write_fd, data)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as pipe:
        assert len(list(read_rows(pipe, "pipe.csv"))) == 1
