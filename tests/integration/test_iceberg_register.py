# SPDX-License-Identifier: EUPL-1.2
"""The iceberg from the registry: capture rows read with SQLAlchemy (SQLite and PostgreSQL) agree with the
synthetic truth they were imported from; merged persons count once; the truth file stands in for linkage; and
the ``zicht mse registry`` command-line contract (JSON, refusals, exit codes)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ
from tests.iceberg_support import laad_synthetisch_jaar
from zicht.analysis.iceberg import (
    STANDAARD_INDELING,
    VIER_LIJSTEN,
    Stratum,
    bouw_vangsttabel,
    lees_waarheid,
    rijen_uit_register,
    rijen_uit_synth,
)
from zicht.cli import main
from zicht.cli._context import EXIT_DOMAIN, EXIT_USAGE
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import make_engine, session_factory, transaction, upgrade
from zicht.storage.tables import Melding, Persoon
from zicht.synth import SynthResult

STRATA = (
    Stratum(2023, 2023),
    Stratum(2023, 2023, vorm="seksueel"),
    Stratum(2023, 2023, vorm="onbekend"),
    Stratum(2023, 2023, regio="Amsterdam"),
    Stratum(2023, 2023, vorm="arbeid", regio="buitenland"),
    Stratum(2023, 2023, regio="onbekend"),
)


def test_register_geeft_dezelfde_vangsttabellen_als_de_waarheid(
    engine: Engine, sessions: sessionmaker[Session], vault: Vault, reference: Referentiedata, tmp_path: Path
) -> None:
    result = laad_synthetisch_jaar(sessions, vault, reference, tmp_path / "synth")
    uit_register = rijen_uit_register(engine, reference)
    uit_synth = rijen_uit_synth(result.waarheid, result.meldingen, reference)
    for stratum in STRATA:
        for indeling in (STANDAARD_INDELING, VIER_LIJSTEN):
            a = bouw_vangsttabel(uit_register, stratum, indeling)
            b = bouw_vangsttabel(uit_synth, stratum, indeling)
            assert a.patronen == b.patronen, (stratum, indeling.naam)
    totaal = bouw_vangsttabel(uit_register, STRATA[0], STANDAARD_INDELING)
    assert totaal.personen == int(result.populatie["geregistreerd"].sum())
    assert totaal.ongekoppeld == 0

    # a merged person counts once, for the surviving person
    with transaction(sessions) as s:
        eerste, tweede = s.scalars(select(Persoon.id).limit(2)).all()
        s.execute(update(Persoon).where(Persoon.id == tweede).values(status="samengevoegd", opgegaan_in=eerste))
    samengevoegd = bouw_vangsttabel(rijen_uit_register(engine, reference), STRATA[0], STANDAARD_INDELING)
    assert samengevoegd.personen == totaal.personen - 1

    # unlinked meldingen are counted, not placed
    with transaction(sessions) as s:
        s.execute(update(Melding).where(Melding.persoon_id.in_([eerste, tweede])).values(persoon_id=None))
    los = bouw_vangsttabel(rijen_uit_register(engine, reference), STRATA[0], STANDAARD_INDELING)
    assert los.ongekoppeld >= 1 and los.personen == totaal.personen - 2


@pytest.fixture(scope="module")
def cli_register(
    tmp_path_factory: pytest.TempPathFactory, reference: Referentiedata
) -> tuple[dict[str, str], SynthResult, Path]:
    """A migrated SQLite registry with one synthetic year imported and linked by the truth, and its environment."""
    tmp = tmp_path_factory.mktemp("ijsberg-cli")
    environ = test_environ(tmp, ZICHT_DATABASE_URL=f"sqlite:///{tmp / 'zicht.sqlite3'}")
    engine = make_engine(environ["ZICHT_DATABASE_URL"])
    upgrade(engine)
    from zicht.config import load_settings

    vault = Vault.from_settings(load_settings(environ))
    result = laad_synthetisch_jaar(session_factory(engine), vault, reference, tmp / "synth")
    engine.dispose()
    return environ, result, tmp / "synth"


def _json(capsys: pytest.CaptureFixture[str], environ: dict[str, str], *args: str, code: int = 0) -> dict[str, Any]:
    uit = main(["mse", "registry", *args, "--json"], environ)
    out = capsys.readouterr()
    assert uit == code, out.err
    document = json.loads(out.out)
    assert isinstance(document, dict)
    return document


def test_cli_registry_json(
    capsys: pytest.CaptureFixture[str], cli_register: tuple[dict[str, str], SynthResult, Path]
) -> None:
    environ, result, _ = cli_register
    doc = _json(capsys, environ, "--bootstrap", "30", "--seed", "7")
    assert doc["stratum"] == {"jaar_van": 2023, "jaar_tot": 2023, "vorm": None, "regio": None}
    assert doc["geregistreerd"] == int(result.populatie["geregistreerd"].sum())
    assert doc["lijsten"] == ["politie", "kmar", "nla", "zorgcoordinatie", "ngo", "overig"]
    assert doc["geweigerd"] is False and doc["bron"] == "register, gekoppelde personen"
    resultaat = doc["resultaat"]
    assert isinstance(resultaat, dict)
    assert {(i["method"], i["level"]) for i in resultaat["intervals"]} == {
        ("analytic", 0.95), ("analytic", 0.8), ("bca", 0.95), ("bca", 0.8)
    }  # fmt: skip
    assert resultaat["bootstrap"]["replicates"] == 30 and resultaat["bootstrap"]["seed"] == 7
    gevoeligheid = doc["gevoeligheid"]
    assert isinstance(gevoeligheid, list)
    assert [g["label"] for g in gevoeligheid] == [
        "drempel 0,01",
        "drempel 0,02",
        "drempel 0,05",
        "6 lijsten",
        "4 lijsten",
    ]
    assert str(doc["lezing"]).startswith("2023, heel Nederland: ")
    vier = _json(capsys, environ, "--lijsten", "4", "--vorm", "seksueel", "--regio", "amsterdam", "--bootstrap", "0")
    assert vier["lijsten"] == ["politie", "kmar_nla", "zorgcoordinatie", "ngo_overig"]
    assert vier["stratum"] == {"jaar_van": 2023, "jaar_tot": 2023, "vorm": "seksueel", "regio": "Amsterdam"}


def test_cli_registry_weigert_een_schaarse_stratum(
    capsys: pytest.CaptureFixture[str], cli_register: tuple[dict[str, str], SynthResult, Path]
) -> None:
    environ, _, _ = cli_register
    doc = _json(capsys, environ, "--vorm", "orgaanverwijdering", "--bootstrap", "0", code=EXIT_DOMAIN)
    assert doc["geweigerd"] is True and doc["weigeringsregel"] == "W1"
    assert doc["resultaat"] is None
    uit = main(["mse", "registry", "--jaar", "2023", "--vorm", "orgaanverwijdering"], environ)
    fout = capsys.readouterr().err
    assert uit == EXIT_DOMAIN and "Te weinig personen" in fout


def test_cli_registry_leesbare_uitvoer(
    capsys: pytest.CaptureFixture[str], cli_register: tuple[dict[str, str], SynthResult, Path]
) -> None:
    environ, _, _ = cli_register
    assert main(["mse", "registry", "--jaar", "2023", "--vorm", "arbeid", "--bootstrap", "0"], environ) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Vangsttabel" in out and "Gevoeligheid" in out and "personen geregistreerd, naar schatting" in out


@pytest.mark.parametrize(
    ("args", "tekst"),
    [
        (["--lijsten", "7"], "--lijsten"),
        (["--vorm", "vis"], "onbekende uitbuitingsvorm"),
        (["--regio", "Atlantis"], "onbekende regio"),
        (["--jaar", "twintig"], "--jaar"),
    ],
)
def test_cli_registry_gebruiksfouten(
    capsys: pytest.CaptureFixture[str],
    cli_register: tuple[dict[str, str], SynthResult, Path],
    args: list[str],
    tekst: str,
) -> None:
    environ, _, _ = cli_register
    assert main(["mse", "registry", *args], environ) == EXIT_USAGE
    assert tekst in capsys.readouterr().err


def test_cli_registry_zonder_koppeling_en_met_waarheid(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    reference: Referentiedata,
    cli_register: tuple[dict[str, str], SynthResult, Path],
) -> None:
    _, result, synth_map = cli_register
    environ = test_environ(tmp_path, ZICHT_DATABASE_URL=f"sqlite:///{tmp_path / 'los.sqlite3'}")
    engine = make_engine(environ["ZICHT_DATABASE_URL"])
    upgrade(engine)
    from zicht.config import load_settings

    laad_synthetisch_jaar(session_factory(engine), Vault.from_settings(load_settings(environ)), reference,
                          tmp_path / "synth", koppel=False)  # fmt: skip
    assert main(["mse", "registry"], environ) == EXIT_DOMAIN
    assert "zicht link" in capsys.readouterr().err
    doc = _json(capsys, environ, "--waarheid", str(tmp_path / "synth"), "--bootstrap", "0")
    assert doc["bron"] == "synthetische waarheid"
    assert doc["geregistreerd"] == int(result.populatie["geregistreerd"].sum())
    waarheid = lees_waarheid(synth_map / "waarheid" / "meldingen.csv")
    assert len(waarheid) == len(result.waarheid)
    engine.dispose()
