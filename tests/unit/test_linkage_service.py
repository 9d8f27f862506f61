# SPDX-License-Identifier: EUPL-1.2
"""Linkage against the registry: relink, stable ids, analyst decisions, review queue, incremental linking,
export, and that no identifying value reaches a log, a table outside the vault, or an export."""

from __future__ import annotations

import csv
import random
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, text
from sqlalchemy.orm import Session, sessionmaker

from zicht.domain import Identiteitsgegevens, MeldingInvoer, Plaats, Uitbuiting
from zicht.intake.store import bewaar_meldingen
from zicht.linkage import service
from zicht.linkage.engine import Drempels, TrainingConfig
from zicht.linkage.review import BesluitFout
from zicht.privacy.logboek import Actor
from zicht.privacy.toegang import GeenToegang, Rol, Toegang
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata
from zicht.storage import session_factory, transaction
from zicht.storage.tables import KoppelGebeurtenis, KoppelRun, LogboekRecord, Melding, Organisatie

ACTOR = Actor("test:analist", "analist", None)
CONFIG = TrainingConfig(seed=3, u_max_pairs=5e4, em_max_pairs=5e4)

VOORNAMEN = ["Oleksandr", "Fatima", "Blessing", "Mariana", "Jan", "Amina", "Dmytro", "Sanne", "Ioana", "Kwame",
             "Yusuf", "Elena", "Chioma", "Piotr", "Lucia", "Hassan", "Tetiana", "Daan", "Ngozi", "Mihai"]  # fmt: skip
ACHTERNAMEN = ["Shevchenko", "El Amrani", "Okafor", "Gonzalez", "de Vries", "Diallo", "Kovalenko", "Bakker",
               "Popescu", "Mensah", "Yilmaz", "Ionescu", "Eze", "Nowak", "Rodriguez", "Haddad", "Bondarenko",
               "Visser", "Adeyemi", "Stan"]  # fmt: skip
VARIANT = {"Oleksandr": "Aleksandr", "Shevchenko": "Schewtschenko", "Yusuf": "Youssef", "Tetiana": "Tatiana",
           "El Amrani": "Elamrani", "Dmytro": "Dmitry", "Hassan": "Hasan", "Kovalenko": "Kowalenko"}  # fmt: skip
ORGS = [("politie-test", "nationale_politie", "Den Haag"), ("zorg-test", "zorgcoordinatie", "Den Haag"),
        ("ngo-test", "fairwork", None)]  # fmt: skip
GEMEENTEN = ["GM0344", "GM0363", "GM0518", "GM0599"]


@dataclass(frozen=True)
class Gemeld:
    org: str
    invoer: MeldingInvoer
    persoon: int


def make_meldingen(seed: int = 11, personen: int = 40) -> list[Gemeld]:
    """A small deterministic set: every person one to three reports with typical variations."""
    rng = random.Random(seed)
    out: list[Gemeld] = []
    for p in range(personen):
        vn, an = VOORNAMEN[p % 20], ACHTERNAMEN[(p * 7) % 20]
        geboren = date(1975, 1, 1) + timedelta(days=rng.randrange(0, 30 * 365))
        doc = f"NX{rng.randrange(10**6, 10**7)}"
        tel = f"06{rng.randrange(10**7, 10**8)}"
        melddatum = date(2023, 1, 1) + timedelta(days=rng.randrange(0, 300))
        plaats = Plaats.in_gemeente(GEMEENTEN[p % 4])
        for k in range(1 + (p % 3)):
            org, _, _ = ORGS[k]
            v, a, gd = vn, an, geboren
            if k == 1 and vn in VARIANT:
                v = VARIANT[vn]
            if k == 1 and an in VARIANT:
                a = VARIANT[an]
            if k == 2 and p % 2 == 0:
                v, a = a, v
            if k == 2 and p % 5 == 0:
                gd = None
            ident = Identiteitsgegevens(
                voornamen=v,
                achternaam=a,
                geboortedatum=gd,
                documentnummers=(doc,) if k != 1 else (),
                telefoonnummers=(tel,) if k != 2 else (),
            )
            invoer = MeldingInvoer(
                melder_referentie=f"{org}-{p:03d}-{k}",
                melddatum=melddatum + timedelta(days=9 * k),
                uitbuitingen=(Uitbuiting("arbeid" if p % 2 else "seksueel"),),
                plaats_delict=plaats,
                geslacht="vrouw" if p % 2 else "man",
                geboortejaar=geboren.year,
                nationaliteiten=(["UA", "MA", "NG", "CO"][p % 4],),
                identiteit=ident,
            )
            out.append(Gemeld(org, invoer, p))
    return out


def identifying_values(data: list[Gemeld]) -> set[str]:
    values: set[str] = set()
    for g in data:
        ident = g.invoer.identiteit
        values |= {v for v in (ident.voornamen, ident.achternaam) if v}
        if ident.geboortedatum:
            values.add(ident.geboortedatum.isoformat())
        values |= set(ident.documentnummers) | set(ident.telefoonnummers)
    return values


def store(sessions: sessionmaker[Session], vault: Vault, data: list[Gemeld]) -> dict[str, int]:
    """Store meldingen; return melding id (text) -> true person."""
    truth: dict[str, int] = {}
    with transaction(sessions) as session:
        orgs = {}
        for code, soort, regio in ORGS:
            org = session.scalar(select(Organisatie).where(Organisatie.code == code))
            if org is None:
                org = Organisatie(code=code, naam=code, soort=soort, regio=regio)
                session.add(org)
                session.flush()
            orgs[code] = org
        for code in orgs:
            batch = [g for g in data if g.org == code]
            if not batch:
                continue
            bewaar_meldingen(session, vault, orgs[code], [g.invoer for g in batch], bron="upload", actor=ACTOR)
        refs = {g.invoer.melder_referentie: g.persoon for g in data}
        for mid, ref in session.execute(select(Melding.id, Melding.melder_referentie)):
            if ref in refs:
                truth[str(mid)] = refs[ref]
    return truth


def persons(session: Session) -> dict[str, str]:
    return {str(m): str(p) for m, p in session.execute(select(Melding.id, Melding.persoon_id))}


def partition(assignment: dict[str, str]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for m, p in assignment.items():
        groups.setdefault(p, set()).add(m)
    return {frozenset(g) for g in groups.values()}


@pytest.fixture(scope="module")
def data() -> list[Gemeld]:
    return make_meldingen()


@dataclass
class Shared:
    sessions: sessionmaker[Session]
    vault: Vault
    truth: dict[str, int]


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory, data: list[Gemeld]) -> Iterator[Shared]:
    """One linked SQLite registry for the read-only tests (one relink for all of them)."""
    from tests.conftest import test_environ
    from zicht.config import load_settings
    from zicht.storage import make_engine, upgrade

    tmp = tmp_path_factory.mktemp("koppeling")
    engine = make_engine(f"sqlite:///{tmp / 'zicht.sqlite3'}")
    upgrade(engine)
    vault = Vault.from_settings(load_settings(test_environ(tmp)))
    sessions = session_factory(engine)
    truth = store(sessions, vault, data)
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG, drempels=Drempels(0.99, 0.02))
    yield Shared(sessions, vault, truth)
    engine.dispose()


@pytest.fixture
def linked(sessions: sessionmaker[Session], vault: Vault, data: list[Gemeld]) -> Iterator[dict[str, int]]:
    truth = store(sessions, vault, data)
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG)
    yield truth


def test_relink_koppelt_meldingen_tot_personen(shared: Shared) -> None:
    sessions, linked = shared.sessions, shared.truth
    with sessions() as session:
        assigned = persons(session)
        run = session.scalars(select(KoppelRun)).one()
    assert run.status == "voltooid" and run.parameters["splink"]["comparisons"]
    # no false merges: a person never holds meldingen of two true persons
    for group in partition(assigned):
        assert len({linked[m] for m in group}) == 1
    # nearly every true pair linked
    true_groups = partition({m: str(p) for m, p in linked.items()})
    assert len(partition(assigned) & true_groups) >= 0.9 * len(true_groups)
    assert run.aantal_personen == len(set(assigned.values()))


def test_geen_identificerende_waarde_in_logboek_of_koppeltabellen(
    shared: Shared, data: list[Gemeld], capsys: pytest.CaptureFixture[str]
) -> None:
    secrets = identifying_values(data)
    with shared.sessions() as session:
        assert session.scalar(select(LogboekRecord).where(LogboekRecord.actie == "koppelen").limit(1)) is not None
        dumps: list[str] = []
        for table in ("logboek", "koppel_run", "koppel_paar", "koppel_beoordeling", "koppel_gebeurtenis", "persoon"):
            dumps += [repr(tuple(row)) for row in session.execute(text(f"SELECT * FROM {table}"))]
    blob = "\n".join(dumps)
    out = capsys.readouterr()
    for value in secrets:
        assert value not in blob
        assert value not in out.out and value not in out.err


@pytest.mark.slow
def test_herkoppeling_behoudt_persoon_ids(
    sessions: sessionmaker[Session], vault: Vault, linked: dict[str, int]
) -> None:
    with sessions() as session:
        before = persons(session)
    with transaction(sessions) as session:
        run = service.relink(session, vault, ACTOR, config=CONFIG)
    with sessions() as session:
        after = persons(session)
    assert after == before
    assert run.samenvoegingen == run.splitsingen == 0 and run.nieuw == 0


def _pair_of_one_person(assigned: dict[str, str]) -> tuple[uuid.UUID, uuid.UUID]:
    for group in sorted(partition(assigned), key=lambda g: sorted(g)):
        if len(group) >= 2:
            a, b = sorted(group)[:2]
            return uuid.UUID(a), uuid.UUID(b)
    raise AssertionError("no person with two meldingen")


def test_besluit_verschillend_splitst_overleeft_herkoppeling_en_is_terug_te_draaien(
    sessions: sessionmaker[Session], vault: Vault, linked: dict[str, int]
) -> None:
    with sessions() as session:
        a, b = _pair_of_one_person(persons(session))
    with transaction(sessions) as session:
        besluit = service.decide_pair(session, ACTOR, a, b, same=False)
    with sessions() as session:
        now = persons(session)
        assert now[str(a)] != now[str(b)]
        kinds = {(e.soort, e.oorzaak) for e in session.scalars(select(KoppelGebeurtenis))}
        assert ("splitsing", "besluit") in kinds
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG)
    with sessions() as session:
        now = persons(session)
        assert now[str(a)] != now[str(b)]  # the decision overrides the model on every relink
    with transaction(sessions) as session:
        service.undo(session, ACTOR, besluit)
    with sessions() as session:
        now = persons(session)
        assert now[str(a)] == now[str(b)]
        kinds = {(e.soort, e.oorzaak) for e in session.scalars(select(KoppelGebeurtenis))}
        assert ("samenvoeging", "ongedaan") in kinds
    with transaction(sessions) as session, pytest.raises(BesluitFout):
        service.undo(session, ACTOR, besluit)


@pytest.mark.slow
def test_besluit_zelfde_voegt_samen_ook_tegen_het_model_in(
    sessions: sessionmaker[Session], vault: Vault, linked: dict[str, int]
) -> None:
    with sessions() as session:
        assigned = persons(session)
    by_true: dict[int, str] = {}
    for m, p in sorted(linked.items()):
        by_true.setdefault(p, m)
    a, b = uuid.UUID(by_true[0]), uuid.UUID(by_true[1])
    assert assigned[str(a)] != assigned[str(b)]
    with transaction(sessions) as session:
        service.decide_pair(session, ACTOR, a, b, same=True)
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG)
    with sessions() as session:
        now = persons(session)
    assert now[str(a)] == now[str(b)]


def test_beoordelingsrij_toont_kenmerken_en_niveaus_zonder_namen(shared: Shared, data: list[Gemeld]) -> None:
    sessions, vault = shared.sessions, shared.vault
    with sessions() as session:
        total = service.review_count(session)
        items = service.review_queue(session, limit=5)
    assert total > 0 and 0 < len(items) <= 5, "the shared relink queues pairs between 0.02 and 0.99"
    item = items[0]
    assert item.links.melder and item.rechts.melder_soort and item.niveaus
    assert {n.vergelijking for n in item.niveaus} >= {"naam", "geboortedatum"}
    assert all(n.label and n.bayes_factor > 0 for n in item.niveaus)
    assert all(value not in repr(item) for value in identifying_values(data))
    with transaction(sessions) as session:
        service.decide(session, ACTOR, item.id, same=True)
    with sessions() as session:
        assert service.review_count(session) < total
        assert service.review_item(session, item.id).status == "besloten"  # type: ignore[union-attr]
    # names only for the identiteit role, with a purpose, logged
    analist = Toegang.voor_rol("u1", Rol.analist)
    identiteit = Toegang.voor_rol("u2", Rol.identiteit)
    with transaction(sessions) as session, pytest.raises(GeenToegang):
        service.reveal(session, vault, analist, item.id, "controle van een mogelijke koppeling")
    with transaction(sessions) as session:
        links, rechts = service.reveal(session, vault, identiteit, item.id, "controle van een mogelijke koppeling")
        assert links is not None and rechts is not None
    with sessions() as session:
        reveals = session.scalars(select(LogboekRecord).where(LogboekRecord.actie == "onthullen")).all()
    assert len(reveals) >= 2 and all(r.doel == "controle van een mogelijke koppeling" for r in reveals)


@pytest.mark.slow
def test_incrementeel_in_twee_batches_geeft_dezelfde_personen(
    sessions: sessionmaker[Session], vault: Vault, data: list[Gemeld]
) -> None:
    first = [g for i, g in enumerate(data) if i % 5 != 0]
    second = [g for i, g in enumerate(data) if i % 5 == 0]
    truth = store(sessions, vault, first)
    with transaction(sessions) as session:
        service.relink(session, vault, ACTOR, config=CONFIG)
    truth |= store(sessions, vault, second)
    with transaction(sessions) as session:
        results = service.link_new(session, vault, ACTOR)
    assert len(results) == len(second)
    assert all(k.seconden < 1.0 for k in results)
    with sessions() as session:
        incremental = persons(session)
    assert all(p != "None" for p in incremental.values())
    # a full relink with the same model and data must agree, or explain each difference by an event
    with transaction(sessions) as session:
        run = service.relink(session, vault, ACTOR, config=CONFIG)
    with sessions() as session:
        full = persons(session)
        events = service.events_since(session, run.run_id)
    differing = partition(incremental) ^ partition(full)
    if differing:
        involved = {p for e in events for p in (*e.van, *e.naar)}
        for group in differing:
            assert {incremental[m] for m in group} & involved or {full[m] for m in group} & involved
    else:
        assert events == []


def test_export_koppelingen_cli(tmp_path: Path, environ: dict[str, str], data: list[Gemeld]) -> None:
    from zicht.cli import main
    from zicht.config import load_settings
    from zicht.storage import engine_from_settings

    settings = load_settings(environ)
    assert main(["db", "upgrade"], environ) == 0
    engine = engine_from_settings(settings)
    try:
        store(session_factory(engine), Vault.from_settings(settings), data)
    finally:
        engine.dispose()
    assert main(["link", "--json"], environ) == 0
    out = tmp_path / "koppelingen.csv"
    assert main(["export", "koppelingen", "--out", str(out)], environ) == 0
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(data)
    assert {"melder", "melder_referentie", "persoon_id"} <= set(rows[0])
    assert all(r["persoon_id"] for r in rows)
    content = out.read_text(encoding="utf-8")
    for value in identifying_values(data):
        assert value not in content


def test_gecorrigeerde_naam_verandert_de_persoon_bij_de_volgende_incrementele_koppeling(
    sessions: sessionmaker[Session], vault: Vault, linked: dict[str, int], reference: Referentiedata
) -> None:
    """Issue 14: a correction of the fields linkage compares detaches the melding from its person, and the next
    incremental link places it again. Melding B of one person is corrected to carry every identifying value of
    melding A of another person; after ``link_new`` B is with A's person."""
    from zicht.domain.levensloop import Correctiereden
    from zicht.registry.levensloop import corrigeer
    from zicht.storage.tables import Identiteit

    with sessions() as session:
        voor = persons(session)
        rijen = session.execute(select(Melding.id, Melding.organisatie_id)).all()
    org_van = {str(m): o for m, o in rijen}
    per_persoon: dict[int, list[str]] = {}
    for m, p in linked.items():
        per_persoon.setdefault(p, []).append(m)
    a = next(ms[0] for ms in per_persoon.values() if len(ms) >= 2)  # A's person has more than one melding
    b = next(m for m in linked if linked[m] != linked[a] and voor[m] != voor[a] and org_van[m] != org_van[a])
    with sessions() as session:
        ident = session.get(Identiteit, uuid.UUID(a))
        assert ident is not None
        ia = vault.decrypt(uuid.UUID(a), ident.sleutel_id, ident.versleuteld)
        ma = session.get(Melding, uuid.UUID(a))
        assert ma is not None
        kenmerken = {"geslacht": ma.geslacht, "nationaliteit": [n.land for n in ma.nationaliteiten]}
    wijzigingen = {
        "voornamen": ia.voornamen,
        "achternaam": ia.achternaam,
        "geboortedatum": ia.geboortedatum.isoformat() if ia.geboortedatum else None,
        "documentnummer": list(ia.documentnummers),
        "telefoonnummer": list(ia.telefoonnummers),
        **kenmerken,
    }
    comensha = Toegang.voor_rol("test:comensha", Rol.analist)
    with transaction(sessions) as session:
        uit = corrigeer(
            session, vault, reference, comensha, uuid.UUID(b), wijzigingen, versie=1, reden=Correctiereden.typefout
        )
    assert uit.opnieuw_koppelen
    with sessions() as session:
        assert persons(session)[b] == "None"  # detached until the next link
    with transaction(sessions) as session:
        service.link_new(session, vault, ACTOR)
    with sessions() as session:
        na = persons(session)
    assert na[b] == na[a] != voor[b]
    assert all(na[m] == voor[m] for m in voor if m != b and voor[m] not in (voor[a], voor[b]))
