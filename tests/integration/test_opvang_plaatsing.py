# SPDX-License-Identifier: EUPL-1.2
"""Placements on SQLite and PostgreSQL: every state change writes history and logboek, beds move with it,
CoMensha alone places in COSM, and two sessions racing for the last bed cannot both win."""

from __future__ import annotations

import threading
import uuid
from datetime import date, timedelta

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from tests.opvang_support import Opvangbed, maak_opvangbed
from zicht.opvang.aanvragen import (
    Aanvraaggegevens,
    dien_in,
    geschiedenis,
    leg_verlenging_vast,
    registreer_capaciteitstekort,
    verwerk,
)
from zicht.opvang.bezetting import Bedden, GeenCapaciteit, OngeldigeBezetting, rapporteer, stand_op
from zicht.opvang.regels import OngeldigeOvergang, Profiel, Status
from zicht.opvang.voorstellen import stel_voor
from zicht.privacy import logboek
from zicht.privacy.toegang import GeenToegang, Toegang
from zicht.reference import Referentiedata
from zicht.reference.opvangregios import laad_opvangregios
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import LogboekRecord, OpvangAanvraag, OpvangBezetting

B8 = Aanvraaggegevens(Profiel("vrouw", 27, "niet_eu", "b8"), "GM0344", "GM0363")
VANDAAG = utcnow().date()


@pytest.fixture
def bed(sessions: sessionmaker[Session], reference: Referentiedata) -> Opvangbed:
    return maak_opvangbed(sessions, reference)


def _bedden(sessions: sessionmaker[Session], vid: uuid.UUID) -> Bedden:
    with sessions() as s:
        return stand_op(s, VANDAAG, [vid])[vid]


def test_aanvraag_tot_uitstroom_schrijft_geschiedenis_logboek_en_bedden(
    sessions: sessionmaker[Session], bed: Opvangbed
) -> None:
    t = bed.toegang_comensha()
    with transaction(sessions) as s:
        a = dien_in(s, t, bed.personen[0], B8)
        aid = a.id
    with transaction(sessions) as s:
        verwerk(s, t, aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.cosm)
    assert _bedden(sessions, bed.cosm) == Bedden(3, 0, 1, 0)
    with transaction(sessions) as s:
        verwerk(s, t, aid, Status.geplaatst, "aanbod_aanvaard")
    assert _bedden(sessions, bed.cosm) == Bedden(3, 1, 0, 0)
    with transaction(sessions) as s:
        leg_verlenging_vast(s, t, aid, "wacht_op_woning")
        verwerk(s, t, aid, Status.uitgestroomd, "zelfstandige_woning", uitstroom_gemeente="GM0363",
                zorgcoordinator_overgedragen=True)  # fmt: skip
    assert _bedden(sessions, bed.cosm) == Bedden(3, 0, 0, 0)
    with sessions() as s:
        stappen = [(g.handeling, g.van, g.naar, g.reden) for g in geschiedenis(s, t, aid)]
        records = list(logboek.for_person(s, str(bed.personen[0])))
        assert logboek.verify(s).ok
    assert stappen == [
        ("aanvraag", None, "aangevraagd", "nieuwe_aanvraag"),
        ("status", "aangevraagd", "aangeboden", "passend_profiel"),
        ("status", "aangeboden", "geplaatst", "aanbod_aanvaard"),
        ("verlenging", "geplaatst", "geplaatst", "wacht_op_woning"),
        ("status", "geplaatst", "uitgestroomd", "zelfstandige_woning"),
    ]
    assert len(records) == 5 and {r.object_type for r in records} == {"opvang_aanvraag"}


def test_een_mislukte_wijziging_laat_geen_geschiedenis_of_logboek_achter(
    sessions: sessionmaker[Session], bed: Opvangbed
) -> None:
    t = bed.toegang_comensha()
    with transaction(sessions) as s:
        aid = dien_in(s, t, bed.personen[0], B8).id
    with sessions() as s:
        voor = s.scalar(select(func.count()).select_from(LogboekRecord))
    with pytest.raises(OngeldigeOvergang), transaction(sessions) as s:
        verwerk(s, t, aid, Status.geplaatst, "aanbod_aanvaard")  # skipping the offer
    with pytest.raises(OngeldigeOvergang), transaction(sessions) as s:
        verwerk(s, t, aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.vo)  # VO not for B8
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(LogboekRecord)) == voor
        assert len(geschiedenis(s, t, aid)) == 1


def test_alleen_comensha_plaatst_in_cosm(sessions: sessionmaker[Session], bed: Opvangbed) -> None:
    with transaction(sessions) as s:
        aid = dien_in(s, bed.toegang_exploitant(), bed.personen[0], B8).id
    with pytest.raises(GeenToegang), transaction(sessions) as s:
        verwerk(s, bed.toegang_exploitant(), aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.cosm)
    assert _bedden(sessions, bed.cosm).gereserveerd == 0


def test_centrumgemeente_beslist_over_vrouwenopvang(sessions: sessionmaker[Session], bed: Opvangbed) -> None:
    t = bed.toegang_exploitant()
    nl = Aanvraaggegevens(Profiel("vrouw", 30, "nl", "onbekend", kinderen=1), None, "GM0344")
    with transaction(sessions) as s:
        aid = dien_in(s, t, bed.personen[1], nl).id
        verwerk(s, t, aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.vo)
    with pytest.raises(OngeldigeOvergang, match="centrumgemeente"), transaction(sessions) as s:
        verwerk(s, t, aid, Status.geplaatst, "aanbod_aanvaard")
    with transaction(sessions) as s:
        verwerk(s, t, aid, Status.geplaatst, "centrumgemeente_akkoord")
    assert _bedden(sessions, bed.vo).bezet == 1


def test_een_andere_rol_mag_geen_aanvraag_indienen(sessions: sessionmaker[Session], bed: Opvangbed) -> None:
    with pytest.raises(GeenToegang), transaction(sessions) as s:
        dien_in(s, Toegang.voor_rol("x", "analist"), bed.personen[0], B8)


def test_voorstellen_alleen_passend_en_vrij_met_reden(
    sessions: sessionmaker[Session], bed: Opvangbed, reference: Referentiedata
) -> None:
    regios = laad_opvangregios(reference.bron_dir)
    with sessions() as s:
        voorstellen, afgewezen = stel_voor(s, reference, regios, B8.profiel, plaats_delict_gemeente="GM0344",
                                           verblijfgemeente="GM0363", datum=VANDAAG)  # fmt: skip
        assert [v.voorziening_id for v in voorstellen] == [bed.cosm]
        assert any("bedenktijd" in r for r in voorstellen[0].redenen) and voorstellen[0].beslisser == "comensha"
        assert voorstellen[0].afstand_km is not None and 20 < voorstellen[0].afstand_km < 50
        veilig = Profiel("vrouw", 27, "niet_eu", "b8", veiligheidsrisico=True)
        voorstellen, afgewezen = stel_voor(s, reference, regios, veilig, plaats_delict_gemeente="GM0344",
                                           verblijfgemeente=None, datum=VANDAAG)  # fmt: skip
        assert voorstellen == [] and afgewezen[0].reden == "in de regio van de plaats delict (veiligheid)"


def test_weekrapport_is_idempotent_en_weigert_onmogelijke_cijfers(
    sessions: sessionmaker[Session], bed: Opvangbed
) -> None:
    maandag = VANDAAG - timedelta(days=VANDAAG.weekday())
    with transaction(sessions) as s:
        assert rapporteer(s, bed.vo, maandag, Bedden(5, 3, 1, 0), "formulier") == "opgeslagen"
        assert rapporteer(s, bed.vo, maandag, Bedden(5, 3, 1, 0), "api") == "al_aanwezig"
        assert rapporteer(s, bed.vo, maandag, Bedden(5, 4, 1, 0), "api") == "bijgewerkt"
    for fout in (Bedden(5, 6), Bedden(5, -1), Bedden(3, 2, 1, 1)):
        with pytest.raises(OngeldigeBezetting), transaction(sessions) as s:
            rapporteer(s, bed.vo, maandag, fout, "formulier")
    with pytest.raises(OngeldigeBezetting), transaction(sessions) as s:
        rapporteer(s, bed.vo, VANDAAG + timedelta(days=2), Bedden(5, 1), "formulier")
    assert _bedden(sessions, bed.vo) == Bedden(5, 4, 1, 0)


def test_vol_geeft_een_duidelijke_weigering_en_telt_als_capaciteitstekort(
    sessions: sessionmaker[Session], bed: Opvangbed
) -> None:
    t = bed.toegang_comensha()
    with transaction(sessions) as s:
        rapporteer(s, bed.cosm, VANDAAG, Bedden(3, 3), "formulier")
        aid = dien_in(s, t, bed.personen[0], B8).id
    with pytest.raises(GeenCapaciteit), transaction(sessions) as s:
        verwerk(s, t, aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.cosm)
    with transaction(sessions) as s:
        registreer_capaciteitstekort(s, t, aid, bed.cosm)
    with sessions() as s:
        assert [g.handeling for g in geschiedenis(s, t, aid)] == ["aanvraag", "capaciteit"]
        assert s.get(OpvangBezetting, (bed.cosm, VANDAAG)).bezet == 3  # type: ignore[union-attr]


@pytest.mark.postgres
@pytest.mark.parametrize("db_url", [pytest.param("postgres", marks=pytest.mark.postgres)], indirect=True)
def test_twee_sessies_om_het_laatste_bed_een_wint_een_krijgt_een_weigering(
    engine: Engine, sessions: sessionmaker[Session], reference: Referentiedata
) -> None:
    assert engine.dialect.name == "postgresql"
    bed = maak_opvangbed(sessions, reference, cosm_bedden=1, personen=2)
    t = bed.toegang_comensha()
    with transaction(sessions) as s:
        aanvragen = [dien_in(s, t, p, B8).id for p in bed.personen]
        # the bed row of today exists, so both sessions contend for the same row
        rapporteer(s, bed.cosm, VANDAAG, Bedden(1, 0), "formulier")
    start = threading.Barrier(2)
    uitkomsten: list[str] = []

    def plaats(aid: uuid.UUID) -> None:
        try:
            with transaction(sessions) as s:
                start.wait(timeout=10)
                verwerk(s, t, aid, Status.aangeboden, "enige_vrije_plek", voorziening_id=bed.cosm)
            uitkomsten.append("gewonnen")
        except GeenCapaciteit as exc:
            uitkomsten.append(f"geweigerd: {exc}")

    draden = [threading.Thread(target=plaats, args=(a,)) for a in aanvragen]
    for d in draden:
        d.start()
    for d in draden:
        d.join(timeout=30)
    assert sorted(uitkomsten) == ["geweigerd: geen vrij bed in deze voorziening", "gewonnen"]
    b = _bedden(sessions, bed.cosm)
    assert b == Bedden(1, 0, 1, 0) and b.vrij == 0
    with sessions() as s:
        statussen = sorted(s.get_one(OpvangAanvraag, a).status for a in aanvragen)
    assert statussen == ["aangeboden", "aangevraagd"]


def test_de_database_weigert_overboeking(sessions: sessionmaker[Session], bed: Opvangbed) -> None:
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError), transaction(sessions) as s:
        s.add(OpvangBezetting(voorziening_id=bed.cosm, datum=date(2024, 1, 1), totaal=2, bezet=2, gereserveerd=1,
                              geblokkeerd=0, bron="formulier"))  # fmt: skip
        s.flush()


def test_weekreeks_draagt_de_laatste_melding_door_en_regiorapport_beveiligt_personen(
    sessions: sessionmaker[Session], bed: Opvangbed, reference: Referentiedata
) -> None:
    from zicht.opvang.rapportage import bezettingsreeks, regiorapport
    from zicht.privacy.disclosure import DisclosurePolicy

    regios = laad_opvangregios(reference.bron_dir)
    t = bed.toegang_comensha()
    with transaction(sessions) as s:
        rapporteer(s, bed.vo, VANDAAG - timedelta(days=20), Bedden(5, 2), "formulier")
        rapporteer(s, bed.vo, VANDAAG - timedelta(days=3), Bedden(5, 4, 0, 1), "formulier")
        aid = dien_in(s, t, bed.personen[0], B8).id
        verwerk(s, t, aid, Status.aangeboden, "passend_profiel", voorziening_id=bed.cosm)
        verwerk(s, t, aid, Status.geplaatst, "aanbod_aanvaard")
    vo_regio = regios.regio_van["GM0363"]
    with sessions() as s:
        reeks = bezettingsreeks(s, vo_regio, VANDAAG, weken=4)
        assert [(p.bedden.totaal, p.bedden.bezet, p.bedden.geblokkeerd) for p in reeks] == [
            (5, 0, 0), (5, 2, 0), (5, 2, 0), (5, 4, 1)]  # fmt: skip
        landelijk = bezettingsreeks(s, None, VANDAAG, weken=1)[0].bedden
        assert (landelijk.totaal, landelijk.bezet) == (8, 5)
        exact = regiorapport(s, regios, VANDAAG, exact=True, policy=DisclosurePolicy())
        beveiligd = regiorapport(s, regios, VANDAAG, exact=False, policy=DisclosurePolicy())
    utrecht = regios.regio_van["GM0344"]
    rij = {r.regio: r for r in exact.rijen}[utrecht]
    assert rij.personen["geplaatst"] == "1" and rij.bedden.bezet == 1
    rij = {r.regio: r for r in beveiligd.rijen}[utrecht]
    assert rij.personen["geplaatst"] in ("<10", "x") and rij.mediane_wachttijd == "<10" and rij.bedden.bezet == 1
    assert exact.indeling == "Veilig Thuis-regio's 2023"
