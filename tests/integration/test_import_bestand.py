# SPDX-License-Identifier: EUPL-1.2
"""Bulk import on SQLite and PostgreSQL: every row stored or reported, idempotent, conflicts change nothing."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from tests.integration.import_helpers import (
    ACTOR,
    KOLOMMEN,
    aantal_meldingen,
    csv_bytes,
    geldige_rij,
    jsonl_bytes,
    maak_organisatie,
    referenties,
    xlsx_bytes,
)
from zicht.intake.files import BestandsFout
from zicht.intake.importer import (
    RAPPORT_KOLOMMEN,
    OnbekendeOrganisatie,
    _csv_safe,
    importeer_bestand,
    rapport_csv,
)
from zicht.intake.validate import NAAM_VERBORGEN
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import transaction
from zicht.storage.tables import (
    Identiteit,
    ImportRun,
    LogboekRecord,
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    RouteGebeurtenis,
)

Sessions = sessionmaker[Session]


def importeer(sessions: Sessions, vault: Vault, reference: Referentiedata, data: bytes, naam: str, **kw: object):  # type: ignore[no-untyped-def]
    return importeer_bestand(
        sessions,
        vault,
        reference,
        "politie-utrecht",
        data,
        bestandsnaam=naam,
        actor=ACTOR,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(("maker", "naam"), [(csv_bytes, "m.csv"), (xlsx_bytes, "m.xlsx"), (jsonl_bytes, "m.jsonl")])
def test_geldige_rijen_in_elk_formaat_worden_opgeslagen_met_codes_uit_labels(
    sessions: Sessions,
    vault: Vault,
    reference: Referentiedata,
    maker,
    naam: str,  # type: ignore[no-untyped-def]
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(12)]
    rapport = importeer(sessions, vault, reference, maker(rows), naam)
    assert (rapport.read, rapport.accepted, rapport.stored, rapport.rejected) == (12, 12, 12, 0), rapport.afgewezen
    assert referenties(sessions, "politie-utrecht") == {r["melder_referentie"] for r in rows}
    with transaction(sessions) as session:
        m0 = session.scalar(select(Melding).where(Melding.melder_referentie == "REF-00000"))
        assert m0 is not None
        assert m0.plaats_delict_gemeente == "GM0344"  # "Utrecht" -> code
        assert m0.geboortejaar == 1980
        assert [(u.vorm, u.sector) for u in m0.uitbuitingen] == [("seksueel", "thuisprostitutie")]
        assert [n.land for n in m0.nationaliteiten] == ["NL", "RO"]
        assert [(r.soort, r.land or r.gemeentecode) for r in m0.route] == [("werving", "NG"), ("uitbuiting", "GM0344")]
        assert m0.import_id == rapport.import_id
        assert m0.bron == "upload"
        m3 = session.scalar(select(Melding).where(Melding.melder_referentie == "REF-00003"))
        assert m3 is not None and m3.plaats_delict_land == "PL"  # "Polen" -> country code
        identiteit = session.get(Identiteit, m0.id)
        assert identiteit is not None
        assert vault.decrypt(m0.id, identiteit.sleutel_id, identiteit.versleuteld).achternaam == "Xylofoonberg"


def test_opnieuw_importeren_van_hetzelfde_bestand_slaat_niets_dubbel_op(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    data = csv_bytes([geldige_rij(i) for i in range(20)])
    eerste = importeer(sessions, vault, reference, data, "m.csv")
    tweede = importeer(sessions, vault, reference, data, "m.csv")
    assert (eerste.stored, eerste.already_present) == (20, 0)
    assert (tweede.read, tweede.accepted, tweede.stored, tweede.already_present, tweede.rejected) == (20, 20, 0, 20, 0)
    assert aantal_meldingen(sessions) == 20
    # the same content in another format is the same melding
    derde = importeer(sessions, vault, reference, xlsx_bytes([geldige_rij(i) for i in range(20)]), "m.xlsx")
    assert (derde.stored, derde.already_present) == (0, 20)


def test_andere_inhoud_onder_dezelfde_referentie_is_een_conflict_en_verandert_niets(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(5)]
    importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    with transaction(sessions) as session:
        before = {m.melder_referentie: (m.geslacht, m.inhoud_hash) for m in session.scalars(select(Melding))}
    rows[2] = {**rows[2], "geslacht": "man" if rows[2]["geslacht"] != "man" else "vrouw"}
    rows[4] = {**rows[4], "achternaam": "Anders"}  # identifying content counts too
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    assert (rapport.read, rapport.accepted, rapport.already_present, rapport.rejected, rapport.conflicts) == (
        5,
        3,
        3,
        2,
        2,
    )
    assert [(a.rijnummer, a.kolom, a.code) for a in rapport.afgewezen] == [
        (4, "melder_referentie", "conflict"),
        (6, "melder_referentie", "conflict"),
    ]
    with transaction(sessions) as session:
        after = {m.melder_referentie: (m.geslacht, m.inhoud_hash) for m in session.scalars(select(Melding))}
    assert after == before


def test_een_dubbele_referentie_binnen_het_bestand_wijst_de_tweede_rij_af(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(0), geldige_rij(1), {**geldige_rij(2), "melder_referentie": "REF-00000"}]
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    assert (rapport.stored, rapport.rejected) == (2, 1)
    [afgewezen] = rapport.afgewezen
    assert (afgewezen.rijnummer, afgewezen.code) == (4, "dubbele_referentie")
    assert "rij 2" in afgewezen.reden_nl and "row 2" in afgewezen.reden_en


def test_elke_rij_wordt_opgeslagen_of_gemeld_met_rij_kolom_waarde_en_reden(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(6)]
    rows[1]["uitbuitingsvorm"] = "zeeroverij"
    rows[2]["melddatum"] = "31-02-2023"
    rows[3]["plaats_delict"] = "Atlantis"
    rows[4]["melder_referentie"] = ""
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    assert rapport.read == rapport.accepted + rapport.rejected == 6
    assert rapport.rejected == 4
    found = {(a.rijnummer, a.kolom, a.waarde, a.code) for a in rapport.afgewezen}
    assert (3, "uitbuitingsvorm", "zeeroverij", "onbekende_code") in found
    assert (4, "melddatum", "31-02-2023", "ongeldige_datum") in found
    # a capitalised word could be a name (columns swapped in the header): field and reason, not the value
    assert (5, "plaats_delict", NAAM_VERBORGEN, "onbekende_plaats") in found
    assert (6, "melder_referentie", None, "verplicht") in found
    assert all(a.reden_nl and a.reden_en for a in rapport.afgewezen)
    # one problem per reason: an unknown form is not also reported as "required"
    assert [a.code for a in rapport.afgewezen if a.rijnummer == 3] == ["onbekende_code"]


def test_de_import_wordt_vastgelegd_als_importrun_met_tellingen_en_rapport(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(4)]
    rows[0]["geslacht"] = "onzijdig"
    data = csv_bytes(rows)
    rapport = importeer(sessions, vault, reference, data, "m.csv")
    with transaction(sessions) as session:
        run = session.get(ImportRun, rapport.import_id)
        assert run is not None
        assert (run.gelezen, run.geaccepteerd, run.opgeslagen, run.al_aanwezig, run.afgewezen) == (4, 3, 3, 0, 1)
        assert run.gelezen == run.geaccepteerd + run.afgewezen
        assert run.formaat == "csv"
        assert run.uitgevoerd_door == ACTOR.id
        assert run.rapport[0]["rijnummer"] == 2 and run.rapport[0]["kolom"] == "geslacht"
        import hashlib

        assert run.bestand_sha256 == hashlib.sha256(data).hexdigest()
        logboek = session.scalars(select(LogboekRecord).where(LogboekRecord.actie == "aanmaken")).all()
        assert len(logboek) == 3


def test_kleine_chunks_geven_dezelfde_uitkomst_en_elke_chunk_is_een_eigen_transactie(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(23)]
    rows[7]["melddatum"] = "gisteren"
    rows[15] = {**rows[15], "melder_referentie": rows[3]["melder_referentie"]}
    voortgang: list[tuple[int, float | None]] = []
    rapport = importeer(
        sessions,
        vault,
        reference,
        csv_bytes(rows),
        "m.csv",
        chunk_grootte=5,
        progress=lambda n, f: voortgang.append((n, f)),
    )
    assert (rapport.read, rapport.stored, rapport.rejected) == (23, 21, 2)
    assert voortgang[-1] == (23, 1.0)
    with transaction(sessions) as session:
        transacties = session.scalars(select(LogboekRecord.trace_id).where(LogboekRecord.actie == "aanmaken")).all()
        children = session.scalars(select(MeldingUitbuiting.melding_id)).all()
        assert len(set(children)) == 21
        assert len(session.scalars(select(MeldingNationaliteit.melding_id)).all()) >= 21
        assert session.scalars(select(RouteGebeurtenis.melding_id)).all()
    assert len(set(transacties)) == 5  # 23 rows in chunks of 5


def test_rapport_csv_heeft_een_regel_per_probleem_en_neutraliseert_formules(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [geldige_rij(i) for i in range(4)] + [{**geldige_rij(4), "geslacht": "=hyperlink(1)"}]
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    parsed = list(csv.DictReader(io.StringIO(rapport_csv(rapport))))
    assert tuple(parsed[0]) == RAPPORT_KOLOMMEN
    assert parsed[0]["rijnummer"] == "6" and parsed[0]["waarde"] == "'=hyperlink(1)"
    # payloads whose sign is followed by a digit, or hidden behind white space (issue 15, item 3)
    ladingen = ["=1+HYPERLINK(1)", "+1+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", " =1+1", "@SUM(1)"]
    rows = [geldige_rij(20 + i) for i in range(8)]  # a minority of bad values: the column is not masked whole
    rows += [{**geldige_rij(10 + i), "geslacht": lading} for i, lading in enumerate(ladingen)]
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv")
    regels = list(csv.DictReader(io.StringIO(rapport_csv(rapport))))
    assert len({r["rijnummer"] for r in regels}) == len(ladingen)  # each payload row rejected
    # none left live: neutralised, or not shown at all (``=1+HYPERLINK(1)`` has a word that could be a name)
    assert all(r["waarde"] == "" or r["waarde"].startswith(("'", "<waarde verborgen")) for r in regels), regels
    assert sum(r["waarde"].startswith("'") for r in regels) >= 2, regels  # " =1+1" and "@SUM(1)" shown, inert
    for lading in ("\r=1+1", "\t=1", "\n@x", "-", "="):  # cells a CSV writer keeps quoted
        assert _csv_safe(lading).startswith("'"), lading
    assert [_csv_safe(g) for g in ("-5", "+3,5", "12")] == ["-5", "+3,5", "12"]  # plain numbers stay numbers


def test_een_onbekende_organisatie_schrijft_niets_en_noemt_de_bekende(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions, "kmar", "kmar")
    with pytest.raises(OnbekendeOrganisatie) as info:
        importeer(sessions, vault, reference, csv_bytes([geldige_rij(0)]), "m.csv")
    assert info.value.bekende == ["kmar"]
    assert aantal_meldingen(sessions) == 0


def test_een_bestand_met_alleen_een_kopregel_schrijft_geen_importrun(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    with pytest.raises(BestandsFout) as info:
        importeer(sessions, vault, reference, csv_bytes([]), "m.csv")
    assert info.value.code == "geen_rijen"
    with transaction(sessions) as session:
        assert session.scalars(select(ImportRun)).all() == []


def test_een_pad_als_bron_werkt_ook(
    sessions: Sessions, vault: Vault, reference: Referentiedata, tmp_path: Path
) -> None:
    maak_organisatie(sessions)
    path = tmp_path / "meldingen.jsonl"
    path.write_bytes(jsonl_bytes([geldige_rij(i) for i in range(3)]))
    rapport = importeer_bestand(sessions, vault, reference, "politie-utrecht", path, bestandsnaam=None, actor=ACTOR)
    assert rapport.stored == 3 and rapport.formaat == "jsonl"


def test_het_rapport_wordt_begrensd_maar_de_tellingen_kloppen(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    maak_organisatie(sessions)
    rows = [{**geldige_rij(i), "geslacht": "onzijdig"} for i in range(5)]
    rapport = importeer(sessions, vault, reference, csv_bytes(rows), "m.csv", max_afgewezen=2)
    assert (rapport.read, rapport.rejected, len(rapport.afgewezen), rapport.afgewezen_weggelaten) == (5, 5, 2, 3)
    assert rapport.to_dict()["afgewezen_weggelaten"] == 3
    assert "3 more problems left out" in rapport_csv(rapport)


def test_een_fout_bij_het_schrijven_komt_boven_en_laat_eerdere_chunks_en_geen_schrijver_achter(
    sessions: Sessions, vault: Vault, reference: Referentiedata, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunks are written in a background thread while the next is prepared: a failure there must reach the
    caller, the chunks committed before it stay, and no writer thread outlives the import."""
    import threading

    import zicht.intake.importer as importer

    maak_organisatie(sessions)
    echte_schrijf = importer.schrijf
    geschreven: list[int] = []

    def schrijf(session: Session, voorbereid, **kw):  # type: ignore[no-untyped-def]
        if len(geschreven) == 2:
            raise RuntimeError("schijf vol")
        geschreven.append(len(voorbereid.meldingen))
        return echte_schrijf(session, voorbereid, **kw)

    monkeypatch.setattr(importer, "schrijf", schrijf)
    rows = [geldige_rij(i) for i in range(23)]
    with pytest.raises(RuntimeError, match="schijf vol"):
        importeer(sessions, vault, reference, csv_bytes(rows), "m.csv", chunk_grootte=5)
    assert geschreven == [5, 5]
    assert aantal_meldingen(sessions) == 10
    # the chunk writer's own threads ("zicht-import_N"), not the upload job workers of other apps
    assert not [t for t in threading.enumerate() if t.name.startswith("zicht-import_")]
    with transaction(sessions) as session:
        run = session.scalars(select(ImportRun)).one()
        assert (run.gelezen, run.opgeslagen) == (10, 10)  # the counts of the committed chunks


def test_onmogelijke_getallen_worden_per_rij_afgewezen_en_de_rest_opgeslagen(
    sessions: Sessions, vault: Vault, reference: Referentiedata
) -> None:
    """inf, nan, 1e999 and 10**400 as an age, or a birth date that makes someone older than 120 at the report,
    are rejected rows with field and reason: no 500, no half-stored import (issue 15, item 2)."""
    maak_organisatie(sessions)
    kolommen = (*KOLOMMEN, "leeftijd")
    rows = [{**geldige_rij(i), "geboortedatum": "", "leeftijd": "30"} for i in range(9)]
    for i, waarde in enumerate(("inf", "-inf", "nan", "1e999", "12.5"), start=1):
        rows[i]["leeftijd"] = waarde
    rows[6]["geboortedatum"] = "1900-01-02"  # 123 at a report in 2023
    rows[6]["leeftijd"] = ""
    rapport = importeer(sessions, vault, reference, csv_bytes(rows, kolommen), "m.csv")
    assert (rapport.read, rapport.accepted, rapport.rejected) == (9, 3, 6)
    codes = {(a.rijnummer, a.kolom, a.code) for a in rapport.afgewezen}
    assert {(r, "leeftijd", "geen_getal") for r in range(3, 8)} <= codes
    assert (8, "geboortedatum", "buiten_bereik") in codes
    assert referenties(sessions, "politie-utrecht") == {rows[i]["melder_referentie"] for i in (0, 7, 8)}
    # JSON lines: a number too large for a float
    regels = [json.dumps({**{k: v for k, v in geldige_rij(20).items() if v and k != "geboortedatum"}})]
    regel = json.loads(regels[0])
    regel["uitbuitingsvorm"], regel["melder_referentie"] = [regel["uitbuitingsvorm"]], "REF-GROOT"
    data = (json.dumps(regel)[:-1] + ', "leeftijd": 1' + "0" * 400 + "}\n").encode()
    rapport = importeer(sessions, vault, reference, data, "m.jsonl")
    assert rapport.rejected == 1 and rapport.afgewezen[0].code == "geen_getal"
