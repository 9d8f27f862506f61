# SPDX-License-Identifier: EUPL-1.2
"""Opvang's person figures read from the extract (its declared sources, docs/adr/0007) are the figures the
report computed from the tables before: true counts, waiting times and the protected display, on SQLite and
PostgreSQL, with the boundaries of the period, the day and the COSM norm in the data."""

from __future__ import annotations

import random
import statistics
import uuid
from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tests.opvang_support import Opvangbed, maak_opvangbed
from tests.unit.test_stat_reference import REF
from zicht.analysis.extract import ExtractBron
from zicht.opvang.bronnen import opvang_extract
from zicht.opvang.rapportage import PERSOONSMATEN, _persoonstellingen, regiorapport
from zicht.opvang.regels import COSM_NORM_DAGEN
from zicht.privacy.disclosure import DisclosurePolicy, Unit, protect_series
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import Opvangregios, laad_opvangregios
from zicht.storage import transaction
from zicht.storage.tables import OpvangAanvraag, OpvangGebeurtenis, OpvangVoorziening, Persoon

DATUM = date(2026, 6, 30)
DAGEN = 28
VAN = DATUM - timedelta(days=DAGEN - 1)
EIND = datetime.combine(DATUM + timedelta(days=1), time.min, tzinfo=UTC)
BEGIN = datetime.combine(VAN, time.min, tzinfo=UTC)
GEMEENTEN = ("GM0344", "GM0363", "GM0599", "GM0014", None, "GM9999")


def _oude_tellingen(
    session: Session, regios: Opvangregios, datum: date
) -> tuple[dict[str, dict[str, int]], dict[str, list[float]]]:
    """The report's computation before the extract (straight from the tables), as the reference."""
    voorz = list(session.execute(select(OpvangVoorziening.id, OpvangVoorziening.regio, OpvangVoorziening.soort)))
    regio_van = {vid: regio for vid, regio, _ in voorz}
    cosm = {vid for vid, _, soort in voorz if soort == "cosm"}
    tellingen: dict[str, dict[str, int]] = {m: defaultdict(int) for m in PERSOONSMATEN}
    wachttijden: dict[str, list[float]] = defaultdict(list)
    a = OpvangAanvraag
    stmt = select(a.voorziening_id, a.aangevraagd_op, a.geplaatst_op, a.afgesloten_op, a.verblijfgemeente)
    for vid, aangevraagd, geplaatst, afgesloten, verblijf in session.execute(stmt.where(a.aangevraagd_op < EIND)):
        open_op_dag = afgesloten is None or afgesloten >= EIND
        if geplaatst is None or geplaatst >= EIND:
            if open_op_dag:
                tellingen["wachtend"][regios.regio_van.get(verblijf or "", "onbekend")] += 1
            continue
        regio = regio_van.get(vid, "onbekend") if vid is not None else "onbekend"
        if geplaatst >= BEGIN:
            tellingen["geplaatst"][regio] += 1
            wachttijden[regio].append((geplaatst - aangevraagd).total_seconds() / 86400)
        if open_op_dag and vid in cosm and (EIND - geplaatst).days > COSM_NORM_DAGEN:
            tellingen["langer_dan_norm"][regio] += 1
    g = OpvangGebeurtenis
    stmt2 = select(g.voorziening_id).where(g.handeling == "capaciteit", g.tijdstip >= BEGIN, g.tijdstip < EIND)
    for (vid,) in session.execute(stmt2):
        tellingen["capaciteit_geweigerd"][regio_van.get(vid, "onbekend") if vid else "onbekend"] += 1
    return tellingen, wachttijden


def _moment(rng: random.Random) -> datetime:
    """A moment around the period, often exactly on a boundary."""
    grenzen = [BEGIN, EIND, EIND - timedelta(days=COSM_NORM_DAGEN + 1), EIND - timedelta(days=COSM_NORM_DAGEN)]
    if rng.random() < 0.2:
        return rng.choice(grenzen) + timedelta(microseconds=rng.choice([-1, 0, 0, 1]))
    return EIND - timedelta(seconds=rng.randrange(0, 200 * 86400))


def _vul(sessions: sessionmaker[Session], bed: Opvangbed, n: int = 160) -> None:
    rng = random.Random(16)
    with transaction(sessions) as s:
        personen = [Persoon(id=uuid.uuid4()) for _ in range(40)]
        s.add_all(personen)
        s.flush()
        for i in range(n):
            aangevraagd = _moment(rng)
            geplaatst = aangevraagd + timedelta(hours=rng.randrange(1, 400)) if rng.random() < 0.6 else None
            if geplaatst is not None and rng.random() < 0.3:
                geplaatst = rng.choice([BEGIN, EIND, EIND - timedelta(days=COSM_NORM_DAGEN + 1)])
                aangevraagd = min(aangevraagd, geplaatst - timedelta(hours=5))
            afgesloten = (
                (geplaatst or aangevraagd) + timedelta(days=rng.randrange(0, 150)) if rng.random() < 0.4 else None
            )
            if afgesloten is not None and rng.random() < 0.2:
                afgesloten = EIND
            vid = rng.choice([bed.cosm, bed.vo]) if geplaatst is not None or rng.random() < 0.2 else None
            a = OpvangAanvraag(
                persoon_id=personen[i % 40].id, status="geplaatst" if geplaatst else "aangevraagd", geslacht="vrouw",
                leeftijd=30, eu_status="niet_eu", verblijfsstatus="b8", verblijfgemeente=rng.choice(GEMEENTEN),
                voorziening_id=vid, aangevraagd_op=aangevraagd, geplaatst_op=geplaatst, afgesloten_op=afgesloten,
                reden="nieuwe_aanvraag",
            )  # fmt: skip
            s.add(a)
            s.flush()
            if rng.random() < 0.5:
                s.add(OpvangGebeurtenis(aanvraag_id=a.id, handeling="capaciteit", van="aangevraagd", naar="aangevraagd",
                                        reden="geen_capaciteit", voorziening_id=rng.choice([bed.cosm, bed.vo, None]),
                                        door="test", rol="opvang", tijdstip=_moment(rng)))  # fmt: skip


@pytest.fixture
def gevuld(sessions: sessionmaker[Session], reference: Referentiedata) -> tuple[Opvangbed, Opvangregios]:
    bed = maak_opvangbed(sessions, reference)
    _vul(sessions, bed)
    return bed, laad_opvangregios(reference.bron_dir)


def test_persoonscijfers_uit_het_extract_zijn_die_uit_de_tabellen(
    engine: Engine, sessions: sessionmaker[Session], gevuld: tuple[Opvangbed, Opvangregios]
) -> None:
    _, regios = gevuld
    with sessions() as s:
        oud, oude_wachttijden = _oude_tellingen(s, regios, DATUM)
        nieuw, nieuwe_wachttijden = _persoonstellingen(opvang_extract(s), regios, VAN, DATUM)
    assert {m: dict(t) for m, t in nieuw.items()} == {m: dict(t) for m, t in oud.items()}
    assert {r: sorted(w) for r, w in nieuwe_wachttijden.items()} == {r: sorted(w) for r, w in oude_wachttijden.items()}
    assert all(sum(t.values()) > 0 for t in oud.values())  # every figure occurs in the data

    # the analysis extract, with every declared source, gives the same report as opvang's own extract
    volledig = ExtractBron(engine, REF).ververs()
    for exact in (True, False):
        with sessions() as s:
            eigen = regiorapport(s, regios, DATUM, dagen=DAGEN, exact=exact, policy=DisclosurePolicy())
            via_analyse = regiorapport(s, regios, DATUM, dagen=DAGEN, exact=exact, policy=DisclosurePolicy(),
                                       extract=volledig)  # fmt: skip
        assert via_analyse == eigen


@pytest.mark.parametrize("exact", [True, False])
def test_het_regiorapport_toont_dezelfde_cijfers_als_voorheen(
    sessions: sessionmaker[Session], gevuld: tuple[Opvangbed, Opvangregios], exact: bool
) -> None:
    _, regios = gevuld
    beleid = DisclosurePolicy()
    with sessions() as s:
        oud, wachttijden = _oude_tellingen(s, regios, DATUM)
        rapport = regiorapport(s, regios, DATUM, dagen=DAGEN, exact=exact, policy=beleid)
    codes = [r.regio for r in rapport.rijen]
    assert set(codes) >= {c for t in oud.values() for c in t}
    for maat in PERSOONSMATEN:
        waarden = {c: oud[maat].get(c, 0) for c in codes}
        if exact:
            verwacht = {c: str(v) for c, v in waarden.items()}
            totaal = str(sum(waarden.values()))
        else:
            beschermd = protect_series(waarden, beleid, unit=Unit.personen, name=maat)
            verwacht = {c: beschermd.cell(c, beschermd.columns[0]).display for c in codes}
            totaal = beschermd.total.display
        assert {r.regio: r.personen[maat] for r in rapport.rijen} == verwacht
        assert rapport.totaal.personen[maat] == totaal
    for rij in rapport.rijen:
        lijst = wachttijden.get(rij.regio, [])
        if not lijst:
            assert rij.mediane_wachttijd == "–"
        elif not exact and len(lijst) < beleid.threshold:
            assert rij.mediane_wachttijd == beleid.marker
        else:
            assert rij.mediane_wachttijd == f"{statistics.median(lijst):.1f}"


def test_een_plaatsing_geeft_het_opvangextract_een_nieuwe_gegevensstand(
    sessions: sessionmaker[Session], gevuld: tuple[Opvangbed, Opvangregios]
) -> None:
    bed, _ = gevuld
    with sessions() as s:
        voor = opvang_extract(s)
        assert opvang_extract(s) is voor  # unchanged: not rebuilt
    with transaction(sessions) as s:
        a = s.scalars(select(OpvangAanvraag).where(OpvangAanvraag.geplaatst_op.is_(None)).limit(1)).one()
        a.geplaatst_op, a.voorziening_id, a.versie = EIND - timedelta(hours=1), bed.vo, a.versie + 1
    with sessions() as s:
        na = opvang_extract(s)
    assert na.vintage.code != voor.vintage.code
    assert na.cursor().execute("SELECT count(geplaatst_op) FROM opvang_aanvraag").fetchone() == (
        voor.cursor().execute("SELECT count(geplaatst_op) FROM opvang_aanvraag").fetchone()[0] + 1,  # type: ignore[index]
    )
