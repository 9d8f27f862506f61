# SPDX-License-Identifier: EUPL-1.2
"""The command line: zicht import / template / export / db / organisaties, messages and exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import create_engine, select
from sqlalchemy.orm import sessionmaker

from tests.conftest import test_environ as make_environ
from tests.integration.import_helpers import (
    DOCUMENT,
    NAAM,
    TOELICHTING,
    VOORNAAM,
    csv_bytes,
    geldige_rij,
    jsonl_bytes,
    maak_organisatie,
)
from zicht.cli import main
from zicht.cli._context import run
from zicht.cli.organisaties import organisaties
from zicht.intake.export import EXPORT_KOLOMMEN
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord

JSON_KEYS = {"read", "accepted", "rejected", "already_present", "stored", "conflicts"}
ORGANISATIES_CSV = (
    "code,naam,soort,regio,gemeentecode\n"
    "politie-utrecht,Politie Midden-Nederland,nationale_politie,Midden-Nederland,\n"
    "gemeente-utrecht,Gemeente Utrecht,gemeente,,Utrecht\n"
    "fairwork,FairWork,FairWork,,\n"
)


@pytest.fixture
def env(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """An environment with an up-to-date SQLite registry and three organisations."""
    environ = make_environ(tmp_path)
    assert main(["db", "upgrade"], environ) == 0
    orgs = tmp_path / "organisaties.csv"
    orgs.write_text(ORGANISATIES_CSV, encoding="utf-8")
    assert run(organisaties, ["import", str(orgs)], environ) == 0
    capsys.readouterr()
    return environ


def zicht(env: dict[str, str], capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), env)
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def schrijf(tmp_path: Path, naam: str, data: bytes) -> str:
    path = tmp_path / naam
    path.write_bytes(data)
    return str(path)


# ---- zicht import -----------------------------------------------------------------------------------------


def test_json_uitvoer_is_een_object_met_de_tellingen_en_herimport_is_al_aanwezig(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(i) for i in range(5)]))
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht", "--json")
    first = json.loads(out)
    assert code == 0 and set(first) >= JSON_KEYS
    assert (first["read"], first["accepted"], first["stored"], first["already_present"]) == (5, 5, 5, 0)
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht", "--json")
    second = json.loads(out)
    assert (second["read"], second["accepted"], second["stored"], second["already_present"]) == (5, 5, 0, 5)


def test_menselijke_uitvoer_toont_tellingen_en_afgewezen_rijen(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [geldige_rij(0), {**geldige_rij(1), "geslacht": "onzijdig"}]
    bestand = schrijf(tmp_path, "m.csv", csv_bytes(rows))
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht")
    assert code == 0
    assert "afgewezen / rejected: 1" in out and "onzijdig" in out and "geslacht" in out


def test_utf8_bom_wordt_geaccepteerd(env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bestand = schrijf(tmp_path, "m.csv", b"\xef\xbb\xbf" + csv_bytes([geldige_rij(0)]))
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht", "--json")
    assert code == 0 and json.loads(out)["stored"] == 1


@pytest.mark.parametrize(
    ("naam", "data", "fragment"),
    [
        ("leeg.csv", b"", "leeg"),
        ("kop.csv", b"melder_referentie,melddatum,uitbuitingsvorm\n", "geen meldingen"),
        (
            "kolommen.csv",
            b"melder_referentie,melddatum,uitbuitingsvorm,schoenmaat,oogkleur\nR,2023-01-01,arbeid,,\n",
            "onbekende kolommen: 'schoenmaat', 'oogkleur'",
        ),
        (
            "ansi.csv",
            "melder_referentie,melddatum,uitbuitingsvorm,voornamen\nR,2023-01-01,arbeid,Zoë\n".encode("cp1252"),
            "--codering cp1252",
        ),
        ("nep.xlsx", b"melder_referentie,melddatum\nR,2023-01-01\n", "geen Excel-bestand"),
        ("plaatje.csv", bytes(range(256)) * 4, "geen CSV-tekst"),
    ],
)
def test_een_onbruikbaar_bestand_geeft_een_duidelijke_melding_en_exitcode_3(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], naam: str, data: bytes, fragment: str
) -> None:
    bestand = schrijf(tmp_path, naam, data)
    code, out, err = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht")
    assert code == 3
    assert fragment in err and " / " in err  # Dutch / English
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht", "--json")
    assert code == 3 and json.loads(out)["fout"]["reden_en"]


def test_windows_1252_wordt_gelezen_met_codering(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = "melder_referentie;melddatum;uitbuitingsvorm;voornamen\nR1;2023-01-01;arbeid;Zoë\n".encode("cp1252")
    bestand = schrijf(tmp_path, "ansi.csv", data)
    code, out, _ = zicht(
        env, capsys, "import", bestand, "--melder", "politie-utrecht", "--codering", "cp1252", "--json"
    )
    assert code == 0 and json.loads(out)["stored"] == 1


def test_een_jsonl_regel_die_geen_object_is_wordt_als_rij_afgewezen(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = jsonl_bytes([geldige_rij(0)]) + b"[1, 2, 3]\n" + jsonl_bytes([geldige_rij(1)])
    bestand = schrijf(tmp_path, "m.jsonl", data)
    code, out, _ = zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht", "--json")
    result = json.loads(out)
    assert code == 0
    assert (result["read"], result["accepted"], result["rejected"]) == (3, 2, 1)
    assert result["afgewezen"][0]["rijnummer"] == 2 and result["afgewezen"][0]["code"] == "geen_object"


def test_strikt_eindigt_met_1_als_er_rijen_zijn_afgewezen_en_het_rapport_wordt_geschreven(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(0), {**geldige_rij(1), "melddatum": "morgen"}]))
    rapport = tmp_path / "rapport.csv"
    code, _, _ = zicht(
        env, capsys, "import", bestand, "--melder", "politie-utrecht", "--strikt", "--rapport", str(rapport)
    )
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(rapport.read_text(encoding="utf-8-sig"))))
    assert [(r["rijnummer"], r["kolom"], r["code"]) for r in rows] == [("3", "melddatum", "ongeldige_datum")]


def test_een_onbekende_melder_noemt_het_commando_om_haar_aan_te_maken(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(0)]))
    code, _, err = zicht(env, capsys, "import", bestand, "--melder", "politie-atlantis")
    assert code == 2
    assert "zicht organisaties import" in err and "politie-utrecht" in err


def test_een_niet_bestaand_bestand_geeft_exitcode_3(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = zicht(env, capsys, "import", str(tmp_path / "weg.csv"), "--melder", "politie-utrecht")
    assert code == 3 and "niet gevonden" in err


def test_importeren_in_een_database_zonder_schema_vraagt_om_db_upgrade(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    environ = make_environ(tmp_path)
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(0)]))
    code, _, err = zicht(environ, capsys, "import", bestand, "--melder", "x")
    assert code == 2 and "zicht db upgrade" in err
    code, out, _ = zicht(environ, capsys, "db", "current")
    assert code == 1 and "niet actueel" in out
    assert zicht(environ, capsys, "db", "upgrade")[0] == 0
    code, out, _ = zicht(environ, capsys, "db", "current")
    assert code == 0 and "actueel / up to date" in out


# ---- zicht template ---------------------------------------------------------------------------------------


def test_een_ingevuld_sjabloon_importeert_zonder_afwijzingen(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sjabloon = tmp_path / "sjabloon.xlsx"
    code, _, _ = zicht(env, capsys, "template", "--out", str(sjabloon))
    assert code == 0
    wb = load_workbook(sjabloon)
    ws = wb["Meldingen"]
    header = [c.value for c in ws[1]]
    for i in range(6):
        rij = geldige_rij(i)
        ws.append([rij.get(str(name)) or None for name in header])
    wb.save(sjabloon)
    code, out, _ = zicht(env, capsys, "import", str(sjabloon), "--melder", "politie-utrecht", "--json")
    result = json.loads(out)
    assert code == 0 and (result["read"], result["stored"], result["rejected"]) == (6, 6, 0), result["afgewezen"]


def test_template_weigert_een_andere_extensie(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert zicht(env, capsys, "template", "--out", str(tmp_path / "x.csv"))[0] == 2


# ---- zicht export -----------------------------------------------------------------------------------------


def test_export_bevat_alleen_geminimaliseerde_gegevens_en_wordt_gelogd(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(i) for i in range(6)]))
    assert zicht(env, capsys, "import", bestand, "--melder", "politie-utrecht")[0] == 0
    out_csv = tmp_path / "export.csv"
    code, out, _ = zicht(env, capsys, "export", "meldingen", "--out", str(out_csv))
    assert code == 0 and "6 meldingen" in out
    text = out_csv.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 6 and tuple(rows[0]) == EXPORT_KOLOMMEN
    for geheim in (NAAM, VOORNAAM, DOCUMENT, TOELICHTING, "REF-0000", "-05-17", "0610000"):
        assert geheim not in text, geheim
    by_gemeente = {r["plaats_delict_gemeente"] for r in rows}
    assert "GM0344" in by_gemeente and "GM0518" in by_gemeente
    assert {r["leeftijdsklasse"] for r in rows} <= {"minderjarig", "18-22", "23+", "onbekend"}
    assert rows[0]["geboortejaar"].isdigit()

    out_xlsx = tmp_path / "export.xlsx"
    code, _, _ = zicht(
        env,
        capsys,
        "export",
        "meldingen",
        "--out",
        str(out_xlsx),
        "--van",
        "2023-03-01",
        "--tot",
        "2023-04-30",
        "--melder",
        "politie-utrecht",
    )
    assert code == 0
    ws = load_workbook(out_xlsx).active
    assert ws is not None
    data = list(ws.iter_rows(values_only=True))
    assert data[0] == EXPORT_KOLOMMEN
    assert len(data) - 1 == sum(1 for r in rows if "2023-03-01" <= r["melddatum"] <= "2023-04-30")

    engine = create_engine(f"sqlite:///{tmp_path / 'var' / 'zicht.sqlite3'}")
    with transaction(sessionmaker(engine)) as session:
        records = session.scalars(select(LogboekRecord).where(LogboekRecord.actie == "exporteren")).all()
        assert len(records) == 6 + (len(data) - 1)  # one record per exported melding
        assert {r.object_type for r in records} == {"melding"}
        assert all(NAAM not in r.details for r in records)
    engine.dispose()


def test_export_van_niets_legt_toch_een_logboekregel_vast(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = zicht(env, capsys, "export", "meldingen", "--out", str(tmp_path / "leeg.csv"))
    assert code == 0 and "0 meldingen" in out
    engine = create_engine(f"sqlite:///{tmp_path / 'var' / 'zicht.sqlite3'}")
    with transaction(sessionmaker(engine)) as session:
        [record] = session.scalars(select(LogboekRecord).where(LogboekRecord.actie == "exporteren")).all()
        assert record.object_type == "export"
    engine.dispose()


@pytest.mark.parametrize(
    "args",
    [
        ["--out", "x.pdf"],
        ["--out", "x.csv", "--van", "gisteren"],
        ["--out", "x.csv", "--melder", "onbekend"],
        ["--out", "x.csv", "--van", "2024-01-01", "--tot", "2023-01-01"],
    ],
)
def test_export_met_verkeerde_opties_geeft_exitcode_2(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str]
) -> None:
    args = [str(tmp_path / a) if a.startswith("x.") else a for a in args]
    assert zicht(env, capsys, "export", "meldingen", *args)[0] == 2
    assert not list(tmp_path.glob("x.*")) and not list(tmp_path.glob(".zicht-export-*"))


def test_export_koppelingen_wordt_geladen_als_de_module_bestaat(monkeypatch: pytest.MonkeyPatch) -> None:
    import click

    from zicht.cli import export as export_module

    group = export_module.export
    ctx = click.Context(group)
    monkeypatch.setattr(export_module, "_LAZY", {"koppelingen": "zicht.cli.db:db"})
    assert "koppelingen" in group.list_commands(ctx)
    assert group.get_command(ctx, "koppelingen") is not None
    monkeypatch.setattr(export_module, "_LAZY", {"koppelingen": "zicht.cli.bestaat_niet:x"})
    assert "koppelingen" not in group.list_commands(ctx)
    assert group.get_command(ctx, "koppelingen") is None


# ---- zicht organisaties -----------------------------------------------------------------------------------


def test_organisaties_importeren_is_herhaalbaar_en_list_toont_ze(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orgs = tmp_path / "organisaties.csv"
    orgs.write_text(ORGANISATIES_CSV.replace("FairWork,FairWork", "FairWork Nederland,fairwork"), encoding="utf-8")
    assert run(organisaties, ["import", str(orgs), "--json"], env) == 0
    assert json.loads(capsys.readouterr().out) == {"nieuw": 0, "gewijzigd": 1, "ongewijzigd": 2}
    assert run(organisaties, ["list", "--json"], env) == 0
    listed = {o["code"]: o for o in json.loads(capsys.readouterr().out)}
    assert listed["gemeente-utrecht"]["gemeentecode"] == "GM0344"
    assert listed["fairwork"]["soort"] == "fairwork"


def test_organisaties_met_fouten_worden_niet_geimporteerd(
    env: dict[str, str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    orgs = tmp_path / "organisaties.csv"
    orgs.write_text(
        "code,naam,soort,regio,gemeentecode\nnieuw,Nieuw,ruimtevaart,,\nnieuw2,N2,kmar,,Atlantis\n", "utf-8"
    )
    assert run(organisaties, ["import", str(orgs)], env) == 3
    err = capsys.readouterr().err
    assert "ruimtevaart" in err and "Atlantis" in err and "niets geïmporteerd" in err
    orgs.write_text("code,naam\nx,y\n", "utf-8")
    assert run(organisaties, ["import", str(orgs)], env) == 3
    assert "soort" in capsys.readouterr().err


def test_synthetische_bestanden_importeren_met_sluitende_tellingen(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], reference: object
) -> None:
    synth = pytest.importorskip("zicht.synth")
    environ = make_environ(tmp_path)
    assert main(["db", "upgrade"], environ) == 0
    result = synth.generate(synth.SynthConfig(jaar_van=2023, jaar_tot=2023, seed=3, schaal=0.3), reference)
    out = tmp_path / "synth"
    synth.write(result, out)
    assert run(organisaties, ["import", str(out / "organisaties.csv")], environ) == 0
    files = sorted((out / "meldingen").iterdir())
    by_suffix = {f.suffix: f for f in files}  # one file per format keeps the test quick
    capsys.readouterr()
    for bestand in by_suffix.values():
        code = main(["import", str(bestand), "--melder", bestand.stem, "--json"], environ)
        report = json.loads(capsys.readouterr().out)
        assert code == 0
        assert report["read"] == report["accepted"] + report["rejected"]
        assert report["accepted"] > 0


@pytest.mark.postgres
def test_de_cli_werkt_ook_op_postgresql(pg_server: object, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    environ = make_environ(tmp_path, ZICHT_DATABASE_URL=pg_server.create_database())  # type: ignore[attr-defined]
    assert main(["db", "upgrade"], environ) == 0
    engine = create_engine(environ["ZICHT_DATABASE_URL"])
    maak_organisatie(sessionmaker(engine))
    engine.dispose()
    bestand = schrijf(tmp_path, "m.csv", csv_bytes([geldige_rij(i) for i in range(4)]))
    capsys.readouterr()
    assert main(["import", bestand, "--melder", "politie-utrecht", "--json"], environ) == 0
    assert json.loads(capsys.readouterr().out)["stored"] == 4
    assert main(["export", "meldingen", "--out", str(tmp_path / "e.csv")], environ) == 0
    assert len((tmp_path / "e.csv").read_text().splitlines()) == 5
