# SPDX-License-Identifier: EUPL-1.2
"""Names never in a row report, whatever the header says (issue 15, finding 9).

A file with ``achternaam`` and ``nationaliteit`` swapped in its header puts family names under
``nationaliteit``; every such row is rejected (unknown country). Before, the report page, the CSV and API
row reports and ``import_run.rapport`` (stored unencrypted) repeated the names. Now a value is echoed only
when it cannot be a name or a date of birth, and a column most of whose values are rejected is masked as a
whole.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.import_helpers import ACTOR, csv_bytes, geldige_rij, maak_organisatie, xlsx_bytes
from tests.integration.upload_helpers import wacht_op_uploads
from tests.web_support import WebBed, csrf_van, maak_testbed
from zicht.intake.importer import importeer_bestand, rapport_csv
from zicht.intake.validate import (
    DATUM_VERBORGEN,
    KOLOM_VERBORGEN,
    NAAM_VERBORGEN,
    lijkt_op_naam,
    veilig_getoond,
)
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.registry.uploads import rapport_van_import
from zicht.storage import transaction
from zicht.storage.tables import ImportRun

Sessions = sessionmaker[Session]

#: Family names as they come: capitalised, with a particle, in capitals, in lower case (which no rule on a
#: single value can tell from a misspelt code), with a bidi override.
NAMEN = ("Okonkwo", "van Rijswijk", "BRZEZINSKA", "tsjernova", "\u202eHavelaar")
KENMERKEN = ("Okonkwo", "Rijswijk", "BRZEZINSKA", "tsjernova", "Havelaar")


def _verwisseld(n: int = 10) -> tuple[list[dict[str, str]], list[str]]:
    """Valid rows written under a header with ``achternaam`` and ``nationaliteit`` swapped."""
    rijen = []
    for i in range(n):
        rij = geldige_rij(i)
        rij["nationaliteit"], rij["achternaam"] = NAMEN[i % len(NAMEN)], "PL"
        rijen.append(rij)
    kolommen = list(rijen[0])
    return rijen, kolommen


def _zonder_namen(tekst: str, waar: str) -> None:
    for kenmerk in KENMERKEN:
        assert kenmerk not in tekst, (waar, kenmerk)
        assert kenmerk.lower() not in tekst.lower(), (waar, kenmerk)


@pytest.mark.parametrize("formaat", ["csv", "xlsx"])
def test_verwisselde_kop_geen_naam_in_rapport_csv_json_of_import_run(
    formaat: str, sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rijen, kolommen = _verwisseld()
    data = csv_bytes(rijen, kolommen) if formaat == "csv" else xlsx_bytes(rijen, kolommen)
    rapport = importeer_bestand(
        sessions, vault, reference, "politie-utrecht", data, bestandsnaam=f"m.{formaat}", actor=ACTOR
    )
    assert rapport.rejected == 10 and rapport.stored == 0
    nat = [a for a in rapport.afgewezen if a.kolom == "nationaliteit"]
    assert len(nat) == 10 and {a.code for a in nat} == {"onbekende_code"}  # field and reason still shown
    assert {a.waarde for a in nat} == {KOLOM_VERBORGEN}
    assert rapport.verborgen_kolommen == ("nationaliteit",)
    _zonder_namen(rapport_csv(rapport), "rapport_csv")
    _zonder_namen(rapport.to_json(), "to_json")
    with transaction(sessions) as s:
        run = s.get_one(ImportRun, rapport.import_id)
        opgeslagen = json.dumps(run.rapport, ensure_ascii=False)
        _zonder_namen(opgeslagen, "import_run.rapport")
        _zonder_namen(rapport_csv(rapport_van_import(run, "politie-utrecht")), "rapport_van_import")


def test_een_enkele_typfout_blijft_zichtbaar_maar_een_naam_niet(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    """A column that fits its header keeps showing a misspelt code; a name-like value is masked even so."""
    maak_organisatie(sessions)
    rijen = [geldige_rij(i) for i in range(10)]
    rijen[1]["nationaliteit"] = "XX"
    rijen[2]["nationaliteit"] = "Okonkwo"
    rijen[3]["uitbuitingsvorm"] = "zeeroverij"
    rijen[4]["melddatum"], rijen[4]["geboortedatum"] = "1961-04-12", ""  # a date of birth as report date
    rapport = importeer_bestand(
        sessions, vault, reference, "politie-utrecht", csv_bytes(rijen), bestandsnaam="m.csv", actor=ACTOR
    )
    getoond = {(a.rijnummer, a.kolom): a.waarde for a in rapport.afgewezen}
    assert getoond == {
        (3, "nationaliteit"): "XX",
        (4, "nationaliteit"): NAAM_VERBORGEN,
        (5, "uitbuitingsvorm"): "zeeroverij",
        (6, "melddatum"): DATUM_VERBORGEN,
    }
    assert rapport.verborgen_kolommen == ()
    assert "1961-04-12" not in rapport_csv(rapport)


def test_een_eerder_opgeslagen_rapport_met_namen_wordt_gemaskeerd_getoond(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    """Reports stored before this fix still hold names: they are judged again when read."""
    maak_organisatie(sessions)
    rapport = importeer_bestand(
        sessions,
        vault,
        reference,
        "politie-utrecht",
        csv_bytes([geldige_rij(i) for i in range(4)]),
        bestandsnaam="m.csv",
        actor=ACTOR,
    )
    with transaction(sessions) as s:
        run = s.get_one(ImportRun, rapport.import_id)
        run.rapport = [
            {"rijnummer": 2, "kolom": "nationaliteit", "waarde": "Okonkwo", "code": "onbekende_code",
             "reden_nl": "onbekende waarde voor nationaliteit", "reden_en": "unknown value for nationaliteit"},
            {"rijnummer": 3, "kolom": "geslacht", "waarde": "x", "code": "onbekende_code", "reden_nl": "-",
             "reden_en": "-"},
        ]  # fmt: skip
    with transaction(sessions) as s:
        oud = rapport_van_import(s.get_one(ImportRun, rapport.import_id), "politie-utrecht")
    assert [a.waarde for a in oud.afgewezen] == [NAAM_VERBORGEN, "x"]


def test_wat_een_rapport_herhaalt() -> None:
    assert [lijkt_op_naam(t) for t in ("Jansen", "de Vries", "JANSEN", "McBride", "woont bij oom")] == [True] * 5
    assert [lijkt_op_naam(t) for t in ("zeeroverij", "NL", "GM0344", "inf", "-5", "31-02-2024", "REF-1")] == [False] * 7
    assert veilig_getoond("uitbuitingsvorm", "Seksueel;Arbeid") == "Seksueel;Arbeid"  # codes, capitalised
    assert veilig_getoond("leeftijd", "1985-03-02") == DATUM_VERBORGEN  # a real date, maybe a date of birth
    assert veilig_getoond("melddatum", "31-02-2024") == "31-02-2024"  # impossible: nobody's birthday
    assert veilig_getoond("plaats_delict", "Okonkwo") == NAAM_VERBORGEN
    assert veilig_getoond("melder_referentie", "Okonkwo") == NAAM_VERBORGEN


@pytest.fixture(scope="module")
def bed(tmp_path_factory: pytest.TempPathFactory) -> WebBed:
    return maak_testbed(tmp_path_factory.mktemp("verwisseld"))


def test_verwisselde_kop_via_web_en_api_geen_naam_op_pagina_csv_of_api(bed: WebBed) -> None:
    rijen, kolommen = _verwisseld()
    # the upload page, its CSV row report
    client = bed.als("melder")
    token = csrf_van(client.get("/uploads").text)
    r = client.post(
        "/uploads", data={"csrf_token": token}, files={"bestand": ("m.csv", csv_bytes(rijen, kolommen), "text/csv")}
    )
    assert r.status_code == 303, r.text
    wacht_op_uploads(bed.app)
    pagina = client.get(r.headers["location"])
    assert pagina.status_code == 200 and "10 afgewezen" in pagina.text
    assert "nationaliteit" in pagina.text and "past niet bij de kolom" in pagina.text
    _zonder_namen(pagina.text, "pagina")
    csv_rapport = client.get(r.headers["location"] + "/rapport")
    assert csv_rapport.status_code == 200 and len(csv_rapport.text.splitlines()) == 11
    _zonder_namen(csv_rapport.text, "csv van de pagina")
    # the API: JSON and CSV
    api_token = bed.token(bed.org_a, ["uploads"])
    auth = {"Authorization": f"Bearer {api_token}"}
    api = bed.client()
    r = api.post(
        "/api/v1/uploads", files={"bestand": ("m.xlsx", xlsx_bytes(rijen, kolommen), "application/octet-stream")},
        headers=auth,
    )  # fmt: skip
    assert r.status_code == 202, r.text
    wacht_op_uploads(bed.app)
    taak = api.get(r.headers["location"], headers=auth)
    assert taak.json()["afgewezen"] == 10
    _zonder_namen(taak.text, "API JSON")
    als_csv = api.get(r.headers["location"], headers={**auth, "Accept": "text/csv"})
    assert als_csv.status_code == 200 and "nationaliteit" in als_csv.text
    _zonder_namen(als_csv.text, "API CSV")
    with transaction(bed.sessions) as s:
        for run in s.scalars(select(ImportRun)):
            _zonder_namen(json.dumps(run.rapport, ensure_ascii=False), "import_run.rapport")


def test_xlsx_helper_schrijft_de_verwisselde_kop(tmp_path: Path) -> None:
    """Guard for the test itself: the swapped file really has names under ``nationaliteit``."""
    from openpyxl import load_workbook

    rijen, kolommen = _verwisseld(2)
    pad = tmp_path / "m.xlsx"
    pad.write_bytes(xlsx_bytes(rijen, kolommen))
    ws = load_workbook(pad).active
    assert ws is not None
    kop = [c.value for c in ws[1]]
    assert ws.cell(2, kop.index("nationaliteit") + 1).value == "Okonkwo"


def test_bidi_stuurtekens_in_naam_en_referentie_worden_geweigerd(reference: Referentiedata) -> None:
    """U+202E (right-to-left override) and its kin make a name or reference display as something else."""
    from zicht.intake.validate import Validator

    v = Validator(reference, "nationale_politie")
    for kolom in ("achternaam", "voornamen", "melder_referentie"):
        for teken in ("\u202e", "\u202a", "\u2066", "\u2069"):
            rij = {"melder_referentie": "R-1", "melddatum": "2024-01-02", "uitbuitingsvorm": "arbeid"}
            rij[kolom] = f"ab{teken}cd"
            fouten = v.validate(rij)
            assert isinstance(fouten, list) and [(f.kolom, f.code) for f in fouten] == [(kolom, "ongeldige_tekens")], (
                kolom,
                teken,
            )
