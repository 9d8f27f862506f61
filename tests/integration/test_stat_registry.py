# SPDX-License-Identifier: EUPL-1.2
"""Statistics over the real registry: the SQLAlchemy extract equals the reference counts, the vintage follows
the registry, and ``zicht statistieken`` prints and exports disclosure-controlled tables with a logboek record."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import Engine, String, cast, func, select, update
from sqlalchemy.orm import Session, sessionmaker

from tests.unit.test_stat_beveiliging import _data
from tests.unit.test_stat_reference import REF, M, op_niveau, referentie_tellingen, ruw
from zicht.analysis import Eenheid, ExtractBron, Periode, Uitsplitsing, lees_register, lees_vintage, maak_extract, tel
from zicht.analysis.dimensies import Gebiedsbasis
from zicht.analysis.tellingen import Filter, aantal, top_nationaliteiten
from zicht.cli import main
from zicht.config import load_settings
from zicht.domain import MeldingInvoer, Plaats, Uitbuiting
from zicht.intake import bewaar_meldingen
from zicht.privacy import logboek
from zicht.privacy.vault import Vault
from zicht.storage import transaction
from zicht.storage.tables import LogboekRecord, Melding, Organisatie, Persoon


def _invoer(m: M, ref: str) -> MeldingInvoer:
    plaats = (
        Plaats.in_gemeente(m.pd_gemeente)
        if m.pd_soort == "gemeente" and m.pd_gemeente
        else Plaats.in_land("PL")
        if m.pd_soort == "buitenland"
        else Plaats()
    )
    return MeldingInvoer(
        melder_referentie=ref,
        melddatum=m.datum,
        uitbuitingen=tuple(Uitbuiting(v, s) for v, s in m.uitbuitingen) or (Uitbuiting("onbekend"),),
        werkwijzen=tuple(m.werkwijzen) or ("onbekend",),
        plaats_delict=plaats,
        geslacht=m.geslacht,
        leeftijd_bij_melding=m.leeftijd,
        nationaliteiten=tuple(m.nationaliteiten) or ("onbekend",),
        dossiertype=m.dossiertype,
        status=m.status,
    )


@pytest.fixture
def register(engine: Engine, sessions: sessionmaker[Session], vault: Vault) -> list[M]:
    """~240 meldingen of two organisations; a third of them linked to persons (one person merged)."""
    ms = [m for m in _data(n=240, seed=3) if m.pd_gemeente != "GM9999"]
    orgs = {"politie": ("nationale_politie", "Midden-Nederland"), "fairwork": ("fairwork", None)}
    with transaction(sessions) as s:
        objecten = {}
        for code, (soort, regio) in orgs.items():
            objecten[code] = Organisatie(code=code, naam=code, soort=soort, regio=regio)
            s.add(objecten[code])
        s.flush()
        for naam, org in objecten.items():
            deel = [(i, m) for i, m in enumerate(ms) if (i % 2 == 0) == (naam == "politie")]
            bewaar_meldingen(s, vault, org, [_invoer(m, f"R{i}") for i, m in deel], bron="api", actor=logboek.SYSTEEM)
    with transaction(sessions) as s:
        ids = dict(s.execute(select(Melding.melder_referentie, cast(Melding.id, String))).all())
        personen = {}
        for i, m in enumerate(ms):
            if m.persoon and i % 3 == 0:
                if m.persoon not in personen:
                    personen[m.persoon] = Persoon()
                    s.add(personen[m.persoon])
                    s.flush()
                s.execute(
                    update(Melding)
                    .where(Melding.melder_referentie == f"R{i}")
                    .values(persoon_id=personen[m.persoon].id)
                )
        if len(personen) >= 2:  # merge one person into another: its meldingen count for the survivor
            a, b = sorted(personen)[:2]
            personen[b].status = "samengevoegd"
            personen[b].opgegaan_in = personen[a].id
        s.flush()
        uit = []
        for i, m in enumerate(ms):
            persoon = None
            if m.persoon and i % 3 == 0:
                p = personen[m.persoon]
                persoon = str(p.opgegaan_in or p.id)
            uit.append(
                M(
                    **{
                        **m.__dict__,
                        "id": ids[f"R{i}"],
                        "persoon": persoon,
                        "melder_regio": orgs["politie" if i % 2 == 0 else "fairwork"][1],
                        "melder_soort": orgs["politie" if i % 2 == 0 else "fairwork"][0],
                        "pd_soort": m.pd_soort if m.pd_soort != "buitenland" else "buitenland",
                    }
                )
            )
    return uit


def test_extract_uit_het_register_telt_als_de_referentie(engine: Engine, register: list[M]) -> None:
    extract = maak_extract(lees_register(engine), REF, lees_vintage(engine, REF))
    assert extract.meldingen == len(register)
    assert extract.gekoppeld == sum(1 for m in register if m.persoon)
    periode = Periode.jaar(2023)
    top = top_nationaliteiten(extract, [periode])
    for eenheid in Eenheid:
        for wat in (
            Uitsplitsing.totaal,
            Uitsplitsing.geslacht,
            Uitsplitsing.uitbuitingsvorm,
            Uitsplitsing.nationaliteit,
        ):
            for basis in Gebiedsbasis:
                kubus = tel(extract, periodes=[periode], basis=basis, eenheid=eenheid, uitsplitsing=wat)
                _, cellen = referentie_tellingen(register, REF, periode, eenheid, basis, wat, Filter(), top)
                for niveau in basis.niveaus():
                    verwacht: dict[tuple[str, str], int] = {}
                    for (g, c), n in cellen.items():
                        k = (op_niveau(REF, basis, g, niveau), c)
                        verwacht[k] = verwacht.get(k, 0) + n
                    for (g, c), n in verwacht.items():
                        assert aantal(kubus, 0, niveau, g, c, extract) == n, (eenheid, wat, basis, niveau, g, c)
    # the same raw data built directly gives the same extract
    direct = maak_extract(ruw(register), REF)
    a = tel(direct, periodes=[periode], eenheid=Eenheid.personen, uitsplitsing=Uitsplitsing.leeftijdsklasse)
    b = tel(extract, periodes=[periode], eenheid=Eenheid.personen, uitsplitsing=Uitsplitsing.leeftijdsklasse)
    assert a.cellen == b.cellen and a.totalen == b.totalen


def test_gegevensstand_volgt_het_register(
    engine: Engine, sessions: sessionmaker[Session], vault: Vault, register: list[M]
) -> None:
    bron = ExtractBron(engine, REF, controle_interval=3600)
    eerste = bron.extract()
    assert bron.extract() is eerste  # same vintage: the cached extract
    assert eerste.vintage == lees_vintage(engine, REF) and eerste.vintage.peildatum is not None
    with transaction(sessions) as s:
        org = s.scalars(select(Organisatie).where(Organisatie.code == "politie")).one()
        bewaar_meldingen(s, vault, org, [_invoer(register[0], "NIEUW")], bron="api", actor=logboek.SYSTEEM)
    assert bron.extract() is eerste  # not checked again within the interval
    nieuw = bron.ververs()
    assert nieuw is not eerste and nieuw.vintage.code != eerste.vintage.code and nieuw.meldingen == eerste.meldingen + 1


def _env(environ: dict[str, str], engine: Engine) -> dict[str, str]:
    return {**environ, "ZICHT_DATABASE_URL": engine.url.render_as_string(hide_password=False)}


def test_cli_toont_beveiligde_tabel_en_exporteert_met_logboek(
    engine: Engine,
    sessions: sessionmaker[Session],
    register: list[M],
    environ: dict[str, str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    env = _env(environ, engine)
    assert main(["statistieken", "overzicht", "--periode", "2023", "--niveau", "veiligheidsregio"], env) == 0
    uit = capsys.readouterr().out
    assert "per veiligheidsregio, 2023" in uit and "Statistische beveiliging" in uit and "afgerond op 5" in uit
    csv_pad, xlsx_pad, pdf_pad = tmp_path / "t.csv", tmp_path / "t.xlsx", tmp_path / "f.pdf"
    assert (
        main(
            [
                "statistieken",
                "uitsplitsing",
                "--periode",
                "2023",
                "--niveau",
                "gemeente",
                "--gebied",
                "Utrecht",
                "--uitsplitsing",
                "geslacht",
                "--out",
                str(csv_pad),
            ],
            env,
        )
        == 0
    )
    rijen = list(csv.reader(io.StringIO(csv_pad.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert rijen[0][:2] == ["code", "geslacht"] and any(r[:1] == ["Eenheid"] for r in rijen)
    assert (
        main(
            [
                "statistieken",
                "reeks",
                "--periode",
                "2023",
                "--niveau",
                "gemeente",
                "--gebied",
                "GM0344",
                "--van",
                "2022",
                "--out",
                str(xlsx_pad),
            ],
            env,
        )
        == 0
    )
    assert xlsx_pad.read_bytes()[:2] == b"PK"
    assert (
        main(
            [
                "statistieken",
                "factsheet",
                "--periode",
                "2023",
                "--niveau",
                "gemeente",
                "--gebied",
                "Utrecht",
                "--out",
                str(pdf_pad),
            ],
            env,
        )
        == 0
    )
    assert pdf_pad.read_bytes().startswith(b"%PDF")
    with sessions() as s:
        exports = s.scalars(select(LogboekRecord).where(LogboekRecord.actie == "exporteren")).all()
        assert len(exports) == 3 and all(r.object_type == "statistiek" for r in exports)
        # verified with the key the CLI chained the records with (derived from the environment's pseudonym key)
        sleutel = logboek.LogboekInstellingen.from_settings(load_settings(env))
        assert logboek.verify(s, instellingen=sleutel).ok


def test_cli_fouten_en_analistenrol(
    engine: Engine, register: list[M], environ: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    env = _env(environ, engine)
    assert main(["statistieken", "overzicht", "--periode", "2023-Q5"], env) == 2
    assert (
        main(["statistieken", "reeks", "--periode", "2023", "--niveau", "gemeente", "--gebied", "Atlantis"], env) == 2
    )
    assert (
        main(["statistieken", "overzicht", "--periode", "2023", "--niveau", "gemeente", "--vorm", "seksueel"], env) == 4
    )
    # an identity, not a role typed by hand: the account's rights decide precision and scope (issue 11)
    assert main(["statistieken", "overzicht", "--periode", "2023", "--rol", "analist"], env) == 2
    assert main(["statistieken", "overzicht", "--periode", "2023", "--als", "niemand"], env) == 2
    for naam, rol, extra in (
        ("cli-analist", "analist", []),
        ("cli-opvang", "opvang", []),
        ("cli-ede", "gemeente", ["--gebied", "gemeente:GM0228"]),
    ):
        assert main(["users", "create", naam, "--rol", rol, *extra], env) == 0
    assert main(["statistieken", "overzicht", "--periode", "2023", "--als", "cli-opvang"], env) == 4
    eigen = ["statistieken", "reeks", "--periode", "2023", "--niveau", "gemeente", "--van", "2022"]
    capsys.readouterr()
    assert main([*eigen, "--gebied", "Ede", "--als", "cli-ede", "--json"], env) == 0
    assert json.loads(capsys.readouterr().out)["metadata"]["beveiligd"] is True
    assert main([*eigen, "--gebied", "Utrecht", "--als", "cli-ede"], env) == 4
    capsys.readouterr()
    assert main(["statistieken", "overzicht", "--periode", "2023", "--als", "cli-analist", "--json"], env) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["metadata"]["beveiligd"] is False
    nl = data["rijen"][-1]
    in_2023 = sum(1 for m in register if m.status != "geen" and m.datum.year == 2023)
    assert nl[0]["tekst"] == "NL" and nl[2]["waarde"] == in_2023 - _dubbel(register)


def _dubbel(register: list[M]) -> int:
    """Meldingen in 2023 beyond the first of each linked person (persons count once)."""
    gezien: dict[str, int] = {}
    for m in register:
        if m.status != "geen" and m.datum.year == 2023 and m.persoon:
            gezien[m.persoon] = gezien.get(m.persoon, 0) + 1
    return sum(n - 1 for n in gezien.values())


def test_lees_register_selecteert_geen_identificerende_kolommen(engine: Engine, register: list[M]) -> None:
    ruwe = lees_register(engine)
    assert set(ruwe.melding.column_names) == {
        "id",
        "persoon_id",
        "melddatum",
        "status",
        "plaats_delict_soort",
        "plaats_delict_gemeente",
        "melder_soort",
        "melder_regio",
        "geslacht",
        "leeftijd_bij_melding",
        "dossiertype",
    }
    with engine.connect() as c:
        assert c.scalar(select(func.count()).select_from(Melding)) == ruwe.melding.num_rows
