# SPDX-License-Identifier: EUPL-1.2
"""The regional report's beds come from the extract's declared occupancy source (docs/adr/0007), like its person
figures: the same figures the tables give, and a report that changes only with a new vintage of its sources."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from tests.opvang_support import maak_opvangbed
from tests.unit.test_stat_reference import REF
from zicht.analysis.extract import ExtractBron
from zicht.opvang.bezetting import Bedden, rapporteer, stand_op
from zicht.opvang.bronnen import opvang_extract
from zicht.opvang.rapportage import bezettingsreeks, regiorapport
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import OpvangVoorziening


def _regiobedden(session: Session, datum: date) -> dict[str, Bedden]:
    """The beds per region straight from the tables (the computation before the extract), as the reference."""
    stand = stand_op(session, datum)
    som: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for vid, regio in session.execute(select(OpvangVoorziening.id, OpvangVoorziening.regio)):
        for k, w in enumerate((stand[vid].totaal, stand[vid].bezet, stand[vid].gereserveerd, stand[vid].geblokkeerd)):
            som[regio][k] += w
    return {r: Bedden(*w) for r, w in som.items()}


def test_bedden_komen_uit_het_extract_en_veranderen_alleen_met_een_nieuwe_gegevensstand(
    engine: Engine, sessions: sessionmaker[Session], reference: Referentiedata
) -> None:
    bed = maak_opvangbed(sessions, reference, cosm_bedden=6)
    regios = laad_opvangregios(reference.bron_dir)
    vandaag = utcnow().date()
    with transaction(sessions) as s:
        for dagen, bezet in ((40, 1), (20, 3), (6, 2)):
            rapporteer(s, bed.vo, vandaag - timedelta(days=dagen), Bedden(5, bezet, 1, 0), "api")
        rapporteer(s, bed.cosm, vandaag - timedelta(days=10), Bedden(6, 4, 0, 1), "api")
    beleid = DisclosurePolicy()
    with sessions() as s:
        vast = opvang_extract(s)
        voor = regiorapport(s, regios, vandaag, exact=True, policy=beleid)
        reeks_voor = bezettingsreeks(s, None, vandaag, weken=8)
        # the same beds as the tables give, on the day and for each week
        verwacht = _regiobedden(s, vandaag)
        assert {r.regio: r.bedden for r in voor.rijen if r.voorzieningen} == verwacht
        for punt in reeks_voor:
            tabellen = stand_op(s, punt.week_tot)
            assert punt.bedden == Bedden(*(sum(getattr(b, k) for b in tabellen.values())
                                           for k in ("totaal", "bezet", "gereserveerd", "geblokkeerd")))  # fmt: skip
        assert [p.bedden.bezet for p in reeks_voor] == [0, 0, 1, 1, 1, 3, 7, 6]  # the series really moves
        assert opvang_extract(s) is vast  # nothing changed: the same vintage, not rebuilt

    with transaction(sessions) as s:  # a new weekly report
        rapporteer(s, bed.vo, vandaag - timedelta(days=1), Bedden(7, 6, 0, 0), "api")
    with sessions() as s:
        # a report on the earlier vintage does not change
        assert regiorapport(s, regios, vandaag, exact=True, policy=beleid, extract=vast) == voor
        assert bezettingsreeks(s, None, vandaag, weken=8, extract=vast) == reeks_voor
        nieuw = opvang_extract(s)
        assert nieuw is not vast and nieuw.vintage.code != vast.vintage.code
        na = regiorapport(s, regios, vandaag, exact=True, policy=beleid)
        assert na != voor
        assert {r.regio: r.bedden for r in na.rijen if r.voorzieningen} == _regiobedden(s, vandaag)
        vo_regio = regios.regio_van["GM0363"]
        assert next(r for r in na.rijen if r.regio == vo_regio).bedden == Bedden(7, 6, 0, 0)
        assert bezettingsreeks(s, vo_regio, vandaag, weken=1)[0].bedden == Bedden(7, 6, 0, 0)

    # the analysis extract, with every declared source, gives the same report as opvang's own extract
    volledig = ExtractBron(engine, REF).ververs()
    with sessions() as s:
        assert regiorapport(s, regios, vandaag, exact=True, policy=beleid, extract=volledig) == na
