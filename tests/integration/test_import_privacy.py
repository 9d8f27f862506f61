# SPDX-License-Identifier: EUPL-1.2
"""Identifying values never reach the database in plaintext, nor reports, logs, error messages or --json."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ as make_environ
from tests.integration.import_helpers import (
    ACTOR,
    DOCUMENT,
    KOLOMMEN,
    NAAM,
    TOELICHTING,
    VOORNAAM,
    csv_bytes,
    geldige_rij,
    maak_organisatie,
)
from zicht.cli import main
from zicht.intake import REDACTED
from zicht.intake.importer import importeer_bestand, rapport_csv
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import make_engine, session_factory, upgrade

GEHEIM = (NAAM, VOORNAAM, DOCUMENT, TOELICHTING, "10000003", "1983-05-17")


def rijen_met_fouten_in_identificerende_velden() -> list[dict[str, str]]:
    rows = [geldige_rij(i) for i in range(8)]
    rows[1]["telefoonnummer"] = f"bel {NAAM}"  # invalid phone number
    rows[2]["geboortedatum"] = "2999-01-01"  # in the future
    rows[3]["voornamen"] = f"{VOORNAAM}\x07"  # control character
    rows[4]["achternaam"] = NAAM * 20  # too long
    rows[5]["toelichting"] = TOELICHTING + "\x00"
    rows[6]["geslacht"] = "onzijdig"  # a non-identifying problem in a row with identifying data
    return rows


def test_versleutelde_kolommen_bevatten_geen_leesbare_tekst_in_het_sqlite_bestand(
    tmp_path: Path, vault: Vault, reference: Referentiedata
) -> None:
    path = tmp_path / "zicht.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    upgrade(engine)
    sessions = session_factory(engine)
    maak_organisatie(sessions)
    rapport = importeer_bestand(
        sessions,
        vault,
        reference,
        "politie-utrecht",
        csv_bytes(rijen_met_fouten_in_identificerende_velden()),
        bestandsnaam="m.csv",
        actor=ACTOR,
    )
    assert rapport.stored == 2 and rapport.rejected == 6
    files = [p for p in (path, tmp_path / "zicht.sqlite3-wal") if p.exists()]
    raw = b"".join(p.read_bytes() for p in files)
    assert len(raw) > 10_000  # the data is really there (in the WAL until a checkpoint)
    for geheim in GEHEIM:
        assert geheim.encode() not in raw, geheim
    engine.dispose()  # checkpoints the WAL into the main file
    raw = path.read_bytes()
    for geheim in GEHEIM:
        assert geheim.encode() not in raw, geheim


@pytest.mark.postgres
def test_versleutelde_kolommen_bevatten_geen_leesbare_tekst_in_postgresql(
    pg_server: object, vault: Vault, reference: Referentiedata
) -> None:
    engine = make_engine(pg_server.create_database())  # type: ignore[attr-defined]
    upgrade(engine)
    sessions = session_factory(engine)
    maak_organisatie(sessions)
    importeer_bestand(
        sessions,
        vault,
        reference,
        "politie-utrecht",
        csv_bytes(rijen_met_fouten_in_identificerende_velden()),
        bestandsnaam="m.csv",
        actor=ACTOR,
    )
    dump = _dump_all_text(engine)
    # the dump does see the data (its length varies: ciphertext bytes print as 1 or 4 characters)
    assert "REF-00000" in dump and len(dump) > 3_000
    for geheim in GEHEIM:
        assert geheim not in dump, geheim
    engine.dispose()


def _dump_all_text(engine: Engine) -> str:
    """Every column of every table in the public schema, cast to text (bytea as escaped text too)."""
    parts = []
    with engine.connect() as conn:
        columns = conn.execute(
            text(
                "SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public'"
            )
        ).all()
        for table, column, data_type in columns:
            expr = f"encode(\"{column}\", 'escape')" if data_type == "bytea" else f'"{column}"::text'
            parts.extend(str(v) for (v,) in conn.execute(text(f'SELECT {expr} FROM "{table}"')) if v is not None)
    return "\n".join(parts)


def test_geen_identificerende_waarde_in_rapport_logs_of_importrun(
    sessions: sessionmaker[Session], vault: Vault, reference: Referentiedata, caplog: pytest.LogCaptureFixture
) -> None:
    maak_organisatie(sessions)
    caplog.set_level(logging.DEBUG)
    rapport = importeer_bestand(
        sessions,
        vault,
        reference,
        "politie-utrecht",
        csv_bytes(rijen_met_fouten_in_identificerende_velden()),
        bestandsnaam="m.csv",
        actor=ACTOR,
    )
    identifying = [
        a
        for a in rapport.afgewezen
        if a.kolom in ("telefoonnummer", "geboortedatum", "voornamen", "achternaam", "toelichting")
    ]
    assert len(identifying) == 5
    assert all(a.waarde == REDACTED for a in identifying)
    outputs = {"json": rapport.to_json(), "csv": rapport_csv(rapport), "log": caplog.text}
    assert "import" in caplog.text  # the summary was logged
    for name, output in outputs.items():
        for geheim in GEHEIM:
            assert geheim not in output, (name, geheim)


def test_geen_identificerende_waarde_in_json_uitvoer_of_foutmeldingen_van_de_cli(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    env = make_environ(tmp_path)
    assert main(["db", "upgrade"], env) == 0
    engine = create_engine(f"sqlite:///{tmp_path / 'var' / 'zicht.sqlite3'}")
    maak_organisatie(sessionmaker(engine))
    engine.dispose()
    bestand = tmp_path / "meldingen.csv"
    bestand.write_bytes(csv_bytes(rijen_met_fouten_in_identificerende_velden()))
    rapport = tmp_path / "rapport.csv"
    capsys.readouterr()
    assert main(["import", str(bestand), "--melder", "politie-utrecht", "--json", "--rapport", str(rapport)], env) == 0
    out, err = capsys.readouterr()
    result = json.loads(out)
    assert result["rejected"] == 6
    # a file without header: the error message must not echo the first row's cells
    zonder_kop = tmp_path / "zonder_kop.csv"
    zonder_kop.write_text(f"R1,2023-01-02,arbeid,{VOORNAAM},{NAAM}\n", encoding="utf-8")
    assert main(["import", str(zonder_kop), "--melder", "politie-utrecht"], env) == 3
    out2, err2 = capsys.readouterr()
    # and the human-readable output
    assert main(["import", str(bestand), "--melder", "politie-utrecht"], env) == 0
    out3, err3 = capsys.readouterr()
    for text_ in (out, err, out2, err2, out3, err3, rapport.read_text(encoding="utf-8-sig")):
        for geheim in GEHEIM:
            assert geheim not in text_, geheim


def test_een_nummer_of_e_mailadres_in_de_verkeerde_kolom_wordt_niet_herhaald(
    sessions: sessionmaker[Session], vault: Vault, reference: Referentiedata
) -> None:
    """A phone number typed into the age column, an e-mail address into the consent column: the report
    names row, column and reason, but masks the number and the address (they identify a person too)."""
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(4)]
    rows[0]["leeftijd"] = "06-12345678"
    rows[1]["toestemming"] = "slachtoffer@example.nl"
    rows[2]["geslacht"] = "bel +31 6 1234 5678"
    rows[3]["melddatum"] = "31-02-2024"  # an impossible date stays visible: it identifies nobody
    data = csv_bytes(rows, columns=[*KOLOMMEN, "leeftijd", "toestemming"])
    rapport = importeer_bestand(sessions, vault, reference, "politie-utrecht", data, bestandsnaam="m.csv", actor=ACTOR)
    assert rapport.rejected == 4, rapport.afgewezen
    getoond = {(a.rijnummer, a.kolom): a.waarde for a in rapport.afgewezen}
    assert getoond == {
        (2, "leeftijd"): "<nummer>",
        (3, "toestemming"): "<e-mailadres>",
        (4, "geslacht"): "bel <nummer>",
        (5, "melddatum"): "31-02-2024",
    }
    tekst = rapport_csv(rapport) + rapport.to_json()
    for geheim in ("12345678", "1234 5678", "slachtoffer@"):
        assert geheim not in tekst
