# SPDX-License-Identifier: EUPL-1.2
"""Retention of meldingen (issue 15, item 5), on SQLite and PostgreSQL: after ``zicht bewaartermijn opschonen``
a person whose every melding is past the term is gone from every table of the ORM metadata (the logboek aside),
from a backup made afterwards and from that backup restored; persons reported since are kept whole; every
published table of the affected years gives the same figures before and after (asked through the functions the
API and the pages use: the analyst's live tables, the newest publicatie, an older publicatie, a dashboard and the
capture tables of the iceberg estimate); a second run changes nothing; the logboek still verifies."""

from __future__ import annotations

import json
import re
import uuid
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, MetaData, func, inspect, select
from sqlalchemy.orm import Session, sessionmaker

from tests import bewaren_register as reg_
from tests import bewaren_support as steun
from zicht.analysis import Periode, Statistiekdienst, Tabelsoort, Uitsplitsing, Verzoek
from zicht.analysis.archief import Archiefrijen, lees_archief
from zicht.analysis.dashboard import maak_dashboard
from zicht.analysis.dimensies import Eenheid, Gebiedsbasis
from zicht.analysis.extract import MELDING_KOLOMMEN, lees_register, lees_vintage, maak_extract
from zicht.analysis.iceberg.lijsten import STANDAARD_INDELING
from zicht.analysis.iceberg.rijen import rijen_uit_register
from zicht.analysis.iceberg.vangst import Stratum, bouw_vangsttabel
from zicht.analysis.kwaliteit import Kwaliteitsgroep
from zicht.analysis.publicaties import Publicatieregel
from zicht.analysis.tabelcontext import NietBeschikbaar
from zicht.cli import main
from zicht.cli.db import sessies
from zicht.config import load_settings
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.privacy.vault import Vault
from zicht.reference import Gebiedsniveau, Referentiedata, load_reference
from zicht.storage import make_engine
from zicht.storage.base import Base
from zicht.storage.tables import LogboekRecord, Melding, Persoon, Publicatie, TellingArchief

JAREN = range(2003, 2009)
#: Tables that may still name a deleted melding or person: the logboek keeps its records for its own term.
MAG_NOEMEN = {"logboek"}


def _tabel(uitkomst: Any) -> Any:
    """A table as the API returns it, with the gegevensstand (which a deletion changes) left out."""
    if isinstance(uitkomst, str):
        return uitkomst
    d = uitkomst.as_dict()
    codes = {d["metadata"].pop("gegevensstand"), d["metadata"].pop("gegevensstandLabel")}
    tekst = json.dumps(d, sort_keys=True, ensure_ascii=False)
    for code in codes:
        tekst = tekst.replace(code, "<gegevensstand>")
    return json.loads(re.sub(r"gegevensstand [0-9a-f]{12}", "gegevensstand <code>", tekst))


def _vraag(dienst: Statistiekdienst, verzoek: Verzoek, rol: str) -> Any:
    try:
        return _tabel(dienst.statistiek(verzoek, rol=rol))
    except NietBeschikbaar as exc:
        return f"niet beschikbaar: {exc}"


def _verzoeken() -> list[tuple[str, Verzoek]]:
    uit: list[tuple[str, Verzoek]] = []
    for jaar in JAREN:
        p = Periode.jaar(jaar)
        uit += [
            ("analist", Verzoek(Tabelsoort.overzicht, p, Gebiedsniveau.gemeente)),
            ("analist", Verzoek(Tabelsoort.overzicht, p, Gebiedsniveau.gemeente, eenheid=Eenheid.meldingen)),
            (
                "analist",
                Verzoek(Tabelsoort.overzicht, p, Gebiedsniveau.politie_eenheid, basis=Gebiedsbasis.melder_regio),
            ),
            ("analist", Verzoek(Tabelsoort.overzicht, p, Gebiedsniveau.veiligheidsregio, vorm="seksueel")),
            ("analist", Verzoek(Tabelsoort.met_zonder, p, uitsplitsing=Uitsplitsing.nationaliteit, categorie="NG")),
            ("analist", Verzoek(Tabelsoort.kwaliteit, p, groep=Kwaliteitsgroep.melder_soort)),
            ("publiek", Verzoek(Tabelsoort.overzicht, p, Gebiedsniveau.provincie)),
            ("publiek", Verzoek(Tabelsoort.uitsplitsing, p, uitsplitsing=Uitsplitsing.geslacht)),
        ]
        uit += [
            ("analist", Verzoek(Tabelsoort.uitsplitsing, p, uitsplitsing=u))
            for u in Uitsplitsing
            if u.value != "totaal"
        ]
        uit.append(
            ("analist", Verzoek(Tabelsoort.uitsplitsing, p, Gebiedsniveau.gemeente, "GM0344", Uitsplitsing.geslacht))
        )
    uit += [
        ("analist", Verzoek(Tabelsoort.overzicht, Periode.parse("2004-Q2"), Gebiedsniveau.gemeente)),
        ("analist", Verzoek(Tabelsoort.reeks, Periode.parse("2008-Q4"), van=2003, kwartalen=True)),
        ("analist", Verzoek(Tabelsoort.reeks, Periode.jaar(2008), van=2003, eenheid=Eenheid.meldingen)),
        ("analist", Verzoek(Tabelsoort.overzicht, Periode.parse("2003-2008"), Gebiedsniveau.veiligheidsregio)),
    ]  # fmt: skip
    return uit


def cijfers(engine: Engine, referentie: Referentiedata) -> dict[str, Any]:
    """Every published table of the affected years, as the API gives them."""
    beleid = DisclosurePolicy()
    dienst = Statistiekdienst.uit_registratie(engine, referentie, beleid, Publicatieregel(min_meldingen=10**9))
    uit: dict[str, Any] = {}
    for rol, verzoek in _verzoeken():
        uit[f"{rol} {verzoek.als_parameters()}"] = _vraag(dienst, verzoek, rol)
    dashboard = maak_dashboard(dienst, Gebiedsniveau.nederland, "NL", Periode.jaar(2005), rol="publiek", van=2003)
    uit["dashboard"] = [_tabel(t) for t in dashboard.tabellen()] + dashboard.meldingen
    with engine.connect() as conn:
        eerste = conn.execute(select(Publicatie.tot).order_by(Publicatie.tot)).scalars().first()
    assert eerste is not None
    oud = maak_extract(lees_register(engine, tot=eerste), referentie, lees_vintage(engine, referentie, tot=eerste))
    oude_dienst = Statistiekdienst(lambda: oud, beleid)
    for jaar in JAREN:
        for u in (Uitsplitsing.geslacht, Uitsplitsing.uitbuitingsvorm):
            verzoek = Verzoek(Tabelsoort.uitsplitsing, Periode.jaar(jaar), uitsplitsing=u)
            uit[f"publicatie 1 {verzoek.als_parameters()}"] = _vraag(oude_dienst, verzoek, "publiek")
    rijen = rijen_uit_register(engine, referentie)
    strata = [Stratum(j, j) for j in JAREN] + [Stratum(2003, 2008), Stratum(2003, 2005, vorm="seksueel")]
    for stratum in strata:
        tabel = bouw_vangsttabel(rijen, stratum, STANDAARD_INDELING)
        uit[f"vangst {stratum.periode} {stratum.vorm}"] = (tabel.patronen, tabel.lijst_totalen, tabel.ongekoppeld,
                                                           tabel.niet_op_lijst)  # fmt: skip
    return uit


def sporen(engine: Engine, ids: set[uuid.UUID]) -> set[tuple[str, str]]:
    """(table, column) of every value in every table of the ORM metadata that names one of ``ids`` (as a UUID,
    its text or its hex form inside text or JSON), the tables that may name them aside."""
    teksten = {str(i) for i in ids} | {i.hex for i in ids}
    gevonden: set[tuple[str, str]] = set()
    with engine.connect() as conn:
        assert set(inspect(conn).get_table_names()) - {"alembic_version"} <= set(Base.metadata.tables)
        for tabel in Base.metadata.sorted_tables:
            if tabel.name in MAG_NOEMEN:
                continue
            for rij in conn.execute(select(tabel)):
                for kolom, waarde in zip(tabel.columns, rij, strict=True):
                    if waarde is None:
                        continue
                    if isinstance(waarde, uuid.UUID):
                        hit = waarde in ids
                    else:
                        tekst = waarde if isinstance(waarde, str) else json.dumps(waarde, default=str)
                        hit = any(t in tekst for t in teksten)
                    if hit:
                        gevonden.add((tabel.name, kolom.name))
    return gevonden


def _momentopname(engine: Engine) -> dict[str, list[str]]:
    """Every row of every table (reflected, so also tables the code does not map), as sorted text."""
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        return {t.name: sorted(repr(tuple(r)) for r in conn.execute(select(t))) for t in meta.sorted_tables}


def _lege_database(db_url: str, tmp_path: Path, naam: str, request: pytest.FixtureRequest) -> str:
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / naam}.sqlite3"
    return str(request.getfixturevalue("pg_server").create_database())


@pytest.fixture
def opzet(tmp_path: Path, db_url: str) -> tuple[dict[str, str], sessionmaker[Session], reg_.Register]:
    env = steun.omgeving(tmp_path, db_url)
    settings = load_settings(env)
    sessions = sessies(settings, make_engine(settings.effective_database_url))
    register = reg_.vul(sessions, Vault.from_settings(settings))
    return env, sessions, register


def test_verlopen_personen_verdwijnen_uit_elke_tabel_en_de_cijfers_blijven(
    opzet: tuple[dict[str, str], sessionmaker[Session], reg_.Register],
    db_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    request: pytest.FixtureRequest,
) -> None:
    env, sessions, reg = opzet
    engine: Engine = sessions.kw["bind"]
    referentie = load_reference(load_settings(env).effective_reference_dir)
    weg_personen = set(reg.weg) | set(reg.samengevoegd)
    weg = reg.meldingen_weg | weg_personen
    assert sporen(engine, reg.meldingen_weg) and sporen(engine, weg_personen)  # the scan finds what is there
    voor = cijfers(engine, referentie)
    with sessions() as s:
        n_voor = s.scalar(select(func.count()).select_from(Melding)) or 0
    vooraf = tmp_path / "backup-vooraf"
    assert main(["backup", str(vooraf)], env) == 0
    capsys.readouterr()

    assert main(["bewaartermijn", "opschonen", "--peildatum", reg_.PEILDATUM.isoformat(), "--json"], env) == 0
    uitkomst = json.loads(capsys.readouterr().out)
    assert uitkomst["meldingen"] == len(reg.meldingen_weg)
    assert uitkomst["personen"] == len(reg.weg)
    assert uitkomst["meldingen_over_termijn"] > 0  # old meldingen of persons reported again, or in opvang
    with sessions() as s:
        over = set(s.scalars(select(Melding.id)))
        assert over == reg.meldingen_blijven and len(over) < n_voor
        assert set(reg.blijft) <= set(s.scalars(select(Persoon.id)))
        archief = list(s.scalars(select(TellingArchief)))
        assert sum(a.aantal for a in archief) == uitkomst["in_tellingarchief"] > 0
        verwijderd = s.scalars(select(LogboekRecord).where(LogboekRecord.actie == "verwijderen",
                                                           LogboekRecord.object_type == "melding")).all()  # fmt: skip
        assert {r.object_id for r in verwijderd} == {str(m) for m in reg.meldingen_weg}
        assert all(json.loads(r.details)["grens"] == reg_.GRENS.isoformat() for r in verwijderd)
    # gone from every table (also the ledger, which holds no id), kept persons untouched
    assert sporen(engine, weg) == set()
    assert {t for t, _ in sporen(engine, set(reg.blijft))} >= {"melding", "persoon", "koppel_gebeurtenis"}
    # the same figures for every published table of the affected years
    na = cijfers(engine, referentie)
    assert na.keys() == voor.keys()
    verschil = [k for k in voor if voor[k] != na[k]]
    assert verschil == [], verschil[:3]
    assert sum(isinstance(v, dict) and not v["metadata"]["beveiligd"] for v in na.values()) > 50
    # and it is the ledger that keeps them: without it most of these results change
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("zicht.analysis.extract.lees_archief", lambda *a, **k: Archiefrijen())
        mp.setattr("zicht.analysis.iceberg.rijen.archief_vangstrecords", lambda *a, **k: [])
        zonder = cijfers(engine, referentie)
    anders = [k for k in voor if voor[k] != zonder[k]]
    assert len(anders) > len(voor) * 3 // 4 and all(k in anders for k in voor if k.startswith("vangst 2003"))

    # a backup made afterwards holds no trace, nor does it restored; a backup from before is purged on restore
    na_backup = tmp_path / "backup-na"
    assert main(["backup", str(na_backup)], env) == 0
    if db_url.startswith("sqlite"):  # the copy is uncompressed: not even a freed page holds an id
        inhoud = (na_backup / "zicht.sqlite3").read_bytes()
        assert [m for m in reg.meldingen_weg if m.hex.encode() in inhoud] == []
        assert all(m.hex.encode() in inhoud for m in reg.meldingen_blijven)
    for naam, map_, extra in (("na", na_backup, ["--geen-opschoning"]), ("vooraf", vooraf, [])):
        doel_env = {**env, "ZICHT_DATABASE_URL": _lege_database(db_url, tmp_path, f"herstel-{naam}", request)}
        # the restore purges as of today: a term that ends in 2006, where no melding lies, deletes the same ones
        doel_env["ZICHT_BEWAAR_MELDING_JAREN"] = str(date.today().year - 2006)
        assert main(["restore", str(map_), *extra], doel_env) == 0, naam
        doel = make_engine(doel_env["ZICHT_DATABASE_URL"])
        try:
            assert sporen(doel, weg) == set(), naam
            assert cijfers(doel, referentie) == na, naam
        finally:
            doel.dispose()
    capsys.readouterr()

    # a second run changes nothing at all
    momentopname = _momentopname(engine)
    assert main(["bewaartermijn", "opschonen", "--peildatum", reg_.PEILDATUM.isoformat(), "--json"], env) == 0
    tweede = json.loads(capsys.readouterr().out)
    assert (tweede["identiteiten"], tweede["meldingen"], tweede["personen"], tweede["logboekrecords"]) == (0, 0, 0, 0)
    assert _momentopname(engine) == momentopname
    assert main(["logboek", "verify", "--geen-anker"], env) == 0

    # an access request for a deleted person: nothing held, the deletion listed
    capsys.readouterr()
    assert main(["inzage", str(reg.weg[0]), "--json"], env) == 0
    antwoord = json.loads(capsys.readouterr().out)
    assert antwoord["meldingen"] == [] and len(antwoord["verwijderd"]) >= 2
    engine.dispose()


def test_de_persoonsregel_houdt_een_persoon_heel(
    opzet: tuple[dict[str, str], sessionmaker[Session], reg_.Register],
) -> None:
    """A person with one melding after the boundary keeps every earlier one; an open placement request keeps an
    old person; the ledger counts each deleted person once, in one row per distinct profile."""
    from zicht.ops.bewaren import Bewaartermijnen, opschonen

    env, sessions, reg = opzet
    termijnen = Bewaartermijnen.from_settings(load_settings(env))
    with sessions() as s:
        oud_maar_bewaard = {m for m in reg.meldingen_blijven if s.get_one(Melding, m).melddatum < reg_.GRENS}
    assert len(oud_maar_bewaard) >= 3
    uit = opschonen(sessions, termijnen, steun.ANALIST, peildatum=reg_.PEILDATUM)
    assert uit.meldingen_over_termijn == len(oud_maar_bewaard)
    with sessions() as s:
        assert set(s.scalars(select(Melding.id).where(Melding.melddatum < reg_.GRENS))) == oud_maar_bewaard
        assert s.get(Persoon, reg.opvang_blijft) is not None
        archief = list(s.scalars(select(TellingArchief)))
        profielen = [json.loads(a.profiel) for a in archief]
    assert len({a.profiel_hash for a in archief}) == len(archief)
    gekoppeld = sum(a.aantal for a, p in zip(archief, profielen, strict=True) if p["gekoppeld"])
    assert gekoppeld == uit.personen == len(reg.weg)
    for p in profielen:  # no id, reference, organisation or real date, only the coded grain
        tekst = json.dumps(p)
        assert not re.search(r"[0-9a-f]{8}-[0-9a-f]{4}", tekst)
        assert not [w for w in ("G1P", "G2P", "X-", '"politie"', "politie-rdam", "Proefpersoon", "1980") if w in tekst]
        for m in p["meldingen"]:  # a quarter's first day plus the rank of the date within the person's quarter
            d = date.fromisoformat(m["melddatum"])
            begin = date(d.year, 3 * ((d.month - 1) // 3) + 1, 1)
            assert (d - begin).days < len(p["meldingen"]) and d < reg_.GRENS
    engine: Engine = sessions.kw["bind"]
    rijen = lees_archief(engine)  # expanded: one row per melding of each counted person, every extract column
    assert len(rijen.melding) == sum(a.aantal * a.meldingen for a in archief)
    assert all(len(r) == len(MELDING_KOLOMMEN) for r in rijen.melding)
    engine.dispose()
