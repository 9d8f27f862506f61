# SPDX-License-Identifier: EUPL-1.2
"""Hostile CSV and JSON lines files, and the size and configuration of the limits (issue 15).

The XLSX bombs, and the helpers used here, are in ``test_upload_grenzen.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from pathlib import Path

import pytest

from tests.unit.test_upload_grenzen import CSV_KOP, KLEIN, gemeten, geweigerd, lees, rijen_gemeten
from zicht.config import load_settings
from zicht.intake.files import BestandsFout, Grenzen
from zicht.intake.files._grenzen import standaard_grenzen

# ---- CSV and JSON lines -----------------------------------------------------------------------------------


def test_een_csv_regel_van_twintig_megabyte_wordt_een_afgewezen_rij_zonder_hem_te_bewaren() -> None:
    data = CSV_KOP + b"R1,2023-01-02,arbeid\n" + b"," * 20_000_000 + b"\nR2,2023-01-02,arbeid\n"
    rijen, piek = rijen_gemeten(data, "m.csv")
    assert [r.rijnummer for r in rijen] == [2, 3, 4]
    assert rijen[1].fouten[0].code == "te_lang" and "regel is langer dan" in rijen[1].fouten[0].reden_nl
    assert rijen[2].values["melder_referentie"] == "R2"
    assert piek < 60 * 1024 * 1024  # the test's own 20 MB file is part of the figure


def test_een_csv_rij_met_meer_cellen_dan_toegestaan_wordt_afgewezen() -> None:
    [rij] = lees(CSV_KOP + b"R1,2023-01-02,arbeid" + b",x" * 40 + b"\n", "m.csv", KLEIN)
    assert rij.fouten[0].code == "te_veel_kolommen"


def test_een_kopregel_met_te_veel_kolommen_weigert_het_bestand() -> None:
    fout, _ = geweigerd(b"melder_referentie" + b",x" * 40 + b"\n", "m.csv", KLEIN)
    assert fout.code == "te_veel_kolommen" and "meer dan 30 kolommen" in fout.reden_nl


def test_een_te_lange_cel_wijst_de_rij_af_en_noemt_de_kolom() -> None:
    [rij] = lees(CSV_KOP + b"R1,2023-01-02," + b"a" * 6000 + b"\n", "m.csv", KLEIN)
    assert (rij.fouten[0].kolom, rij.fouten[0].code) == ("uitbuitingsvorm", "te_lang")
    assert "langer dan 5.000 tekens" in rij.fouten[0].reden_nl


@pytest.mark.parametrize("einde", [b"\n", b"\r\n", b"\r"])
def test_meer_rijen_dan_toegestaan_weigert_het_bestand_voor_de_eerste_rij(einde: bytes) -> None:
    def csv_met(n: int) -> bytes:
        return CSV_KOP.replace(b"\n", einde) + b"".join(b"R%d,2023-01-02,arbeid%s" % (i, einde) for i in range(n))

    fout, _ = geweigerd(csv_met(1001), "m.csv", KLEIN)
    assert fout.code == "te_veel_rijen" and "meer dan 1.000 rijen" in fout.reden_nl
    assert len(lees(csv_met(1000), "m.csv", KLEIN)) == 1000


def test_regels_in_een_cel_en_lege_regels_tellen_niet_als_rijen() -> None:
    rijen = b"".join(b'R%d,2023-01-02,"arbeid\n\n"\n\n' % i for i in range(1000))
    assert len(lees(CSV_KOP + rijen, "m.csv", KLEIN)) == 1000


def test_jsonl_met_meer_rijen_dan_toegestaan_wordt_geweigerd() -> None:
    regel = b'{"melder_referentie": "R", "melddatum": "2023-01-02", "uitbuitingsvorm": "arbeid"}\n'
    fout, _ = geweigerd(regel * 1001, "m.jsonl", KLEIN)
    assert fout.code == "te_veel_rijen"
    assert len(lees(regel * 1000 + b"\n\n", "m.jsonl", KLEIN)) == 1000


def test_jsonl_diep_genest_of_reusachtig_is_een_afgewezen_regel() -> None:
    diep = b'{"melder_referentie": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"
    groot = b'{"documentnummer": [' + b"1.5," * 3_000_000 + b"1]}\n"
    rijen, piek = rijen_gemeten(diep + groot, "m.jsonl")
    assert [(r.rijnummer, r.fouten[0].code) for r in rijen] == [(1, "ongeldige_json"), (2, "te_lang")]
    assert piek < 60 * 1024 * 1024


def test_een_json_array_van_miljoenen_getallen_wordt_geweigerd_zonder_hem_te_bouwen() -> None:
    fout, piek = geweigerd(b"[" + b"0," * 10_000_000 + b"0]", "m.json")
    assert fout.code == "json_array"
    assert piek < 60 * 1024 * 1024  # the test's own 20 MB file is part of the figure


# ---- size and configuration -------------------------------------------------------------------------------


def test_een_te_groot_bestand_wordt_geweigerd_als_pad_als_bytes_en_als_pijp(tmp_path: Path) -> None:
    grenzen = Grenzen(max_bestand_bytes=1024 * 1024)
    data = CSV_KOP + b"R1,2023-01-02,arbeid\n" * 60_000
    pad = tmp_path / "groot.csv"
    pad.write_bytes(data)
    for bron in (pad, data):
        fout, _ = geweigerd(bron, "m.csv", grenzen)
        assert fout.code == "te_groot" and "groter dan 1 MB" in fout.reden_nl
    read_fd, write_fd = os.pipe()

    def schrijver() -> None:
        with os.fdopen(write_fd, "wb") as pipe, contextlib.suppress(BrokenPipeError):
            pipe.write(data)

    draad = threading.Thread(target=schrijver)
    draad.start()
    with os.fdopen(read_fd, "rb") as pipe:
        fout, _ = gemeten(lambda: lees(pipe, "m.csv", grenzen))  # type: ignore[arg-type]
    draad.join()
    assert fout.code == "te_groot"


def test_de_grenzen_komen_uit_de_instellingen_en_de_omgeving(monkeypatch: pytest.MonkeyPatch) -> None:
    assert Grenzen.uit_instellingen(load_settings({})) == Grenzen()
    instellingen = load_settings({"ZICHT_IMPORT_MAX_RIJEN": "10", "ZICHT_IMPORT_MAX_UITGEPAKT_MB": "5"})
    assert Grenzen.uit_instellingen(instellingen) == Grenzen(max_rijen=10, max_uitgepakt_bytes=5 * 1024 * 1024)
    monkeypatch.setenv("ZICHT_IMPORT_MAX_RIJEN", "3")
    assert standaard_grenzen().max_rijen == 3
    regel = json.dumps({"melder_referentie": "R", "melddatum": "2023-01-02", "uitbuitingsvorm": "arbeid"})
    with pytest.raises(BestandsFout, match="meer dan 3 rijen"):
        lees((regel + "\n").encode() * 4, "m.jsonl")
