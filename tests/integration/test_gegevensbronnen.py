# SPDX-License-Identifier: EUPL-1.2
"""Declared data sources (docs/adr/0007): a source declared here, outside ``src``, joins the extract, changes the
analyst's vintage (not a publicatie's) and passes the disclosure gate by the unit it declares, on SQLite and
PostgreSQL; the registry loads opvang's sources without the analysis importing opvang."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Column, Engine, Integer, MetaData, String, Table, func, insert, select

from tests.unit.test_stat_reference import REF
from zicht.analysis.bronnen import (
    KERNTABELLEN,
    Gegevensbron,
    Kolom,
    Rol,
    Telt,
    controleer,
    door_de_poort,
    gedeclareerde_bronnen,
    uit_verwijzingen,
)
from zicht.analysis.extract import ExtractBron, lees_register, lees_vintage, maak_extract
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.storage.base import UTCDateTime, utcnow

_META = MetaData()
SIGNAAL = Table(
    "proef_signaal",
    _META,
    Column("id", Integer, primary_key=True),
    Column("persoon_id", String(36)),
    Column("gemeente", String(6)),
    Column("soort", String(16)),
    Column("gemeld_op", UTCDateTime),
)


def _rijen(tot: datetime | None) -> Any:
    stmt = select(SIGNAAL.c.persoon_id, SIGNAAL.c.gemeente, SIGNAAL.c.soort, SIGNAAL.c.gemeld_op)
    return stmt if tot is None else stmt.where(SIGNAAL.c.gemeld_op <= tot)


def _stand(tot: datetime | None) -> Any:
    stmt = select(func.count(), func.max(SIGNAAL.c.id))
    return stmt if tot is None else stmt.where(SIGNAAL.c.gemeld_op <= tot)


#: A source declared by the test: online signals about persons.
BRON = Gegevensbron(
    naam="proef_signaal",
    kolommen=(
        Kolom("persoon", Rol.eenheid),
        Kolom("gemeente", Rol.gebied),
        Kolom("soort", Rol.categorie),
        Kolom("gemeld_op", Rol.datum, "tijdstip"),
    ),
    rijen=_rijen,
    stand=_stand,
    telt=Telt.personen,
    omschrijving="online signalen (test)",
)


@pytest.fixture
def signalen(engine: Engine) -> Engine:
    _META.create_all(engine)
    personen = [str(uuid.uuid4()) for _ in range(30)]
    nu = utcnow() - timedelta(days=1)
    rijen = [
        {"persoon_id": personen[i % 30], "gemeente": "GM0363" if i < 34 else "GM0344",
         "soort": None if i % 7 == 0 else "advertentie", "gemeld_op": nu - timedelta(hours=i)}
        for i in range(40)
    ]  # fmt: skip
    with engine.begin() as conn:
        conn.execute(insert(SIGNAAL), rijen)
    return engine


def _voeg_toe(engine: Engine, gemeente: str = "GM0344") -> None:
    with engine.begin() as conn:
        conn.execute(insert(SIGNAAL).values(persoon_id=str(uuid.uuid4()), gemeente=gemeente, soort="advertentie",
                                            gemeld_op=utcnow()))  # fmt: skip


def test_een_gedeclareerde_bron_komt_in_het_extract_en_in_de_gegevensstand(signalen: Engine) -> None:
    bron = ExtractBron(signalen, REF, bronnen=(BRON,))
    extract = bron.ververs()
    assert extract.bronnen == {"proef_signaal": BRON}
    cur = extract.cursor()
    n, personen, hoogste, onbekend = cur.execute(
        "SELECT count(*), count(DISTINCT persoon), max(persoon), count(*) FILTER (soort = 'onbekend') FROM proef_signaal"
    ).fetchone()  # type: ignore[misc]
    assert (n, personen, hoogste, onbekend) == (40, 30, 30, 6)  # a UUID became a dense number, empty = onbekend
    assert dict(extract.vintage.bronnen)["proef_signaal"] == "40|40"

    _voeg_toe(signalen)
    nieuw = bron.ververs()
    assert nieuw is not extract and nieuw.vintage.code != extract.vintage.code
    assert nieuw.vintage.meldingen == extract.vintage.meldingen  # only the source changed
    assert nieuw.cursor().execute("SELECT count(*) FROM proef_signaal").fetchone() == (41,)
    assert bron.ververs() is nieuw  # unchanged: the same extract


def test_een_publicatie_houdt_de_bron_vast_zoals_ze_toen_was(signalen: Engine) -> None:
    tot = utcnow()
    voor = lees_vintage(signalen, REF, tot=tot, bronnen=(BRON,))
    _voeg_toe(signalen)
    assert lees_vintage(signalen, REF, tot=tot, bronnen=(BRON,)) == voor
    assert lees_vintage(signalen, REF, bronnen=(BRON,)).code != lees_vintage(signalen, REF, bronnen=()).code
    ruw = lees_register(signalen, tot=tot, bronnen=(BRON,))
    assert maak_extract(ruw, REF, voor).con.execute("SELECT count(*) FROM proef_signaal").fetchone() == (40,)


def test_tellingen_van_een_bron_gaan_door_de_poort_die_ze_declareert(signalen: Engine) -> None:
    extract = ExtractBron(signalen, REF, bronnen=(BRON,)).ververs()
    rijen = extract.cursor().execute("SELECT gemeente, count(DISTINCT persoon) FROM proef_signaal GROUP BY 1")
    waarden = {g: int(n) for g, n in rijen.fetchall()}
    assert waarden == {"GM0363": 30, "GM0344": 6}
    beleid = DisclosurePolicy()
    bron = extract.bronnen["proef_signaal"]
    beschermd = door_de_poort(bron, waarden, exact=False, policy=beleid)
    assert beschermd.cellen["GM0344"] == "<10" and not beschermd.exact
    assert door_de_poort(bron, waarden, exact=True, policy=beleid).cellen == {"GM0363": "30", "GM0344": "6"}
    zaken = Gegevensbron("proef_bedden", BRON.kolommen, _rijen, _stand, Telt.zaken)
    bedden = door_de_poort(zaken, waarden, exact=False, policy=beleid)
    assert bedden.cellen == {"GM0363": "30", "GM0344": "6"} and bedden.totaal == "36" and bedden.exact


def test_het_register_laadt_bronnen_uit_verwijzingen_zonder_dubbele_namen() -> None:
    assert uit_verwijzingen([f"{__name__}:BRON"]) == (BRON,)
    with pytest.raises(ValueError, match="dezelfde naam"):
        controleer([BRON, BRON])
    namen = {b.naam: b.telt for b in gedeclareerde_bronnen()}
    assert namen == {"opvang_aanvraag": Telt.personen, "opvang_weigering": Telt.personen,
                     "opvang_bezetting": Telt.zaken}  # fmt: skip
    assert not set(namen) & KERNTABELLEN
    for naam in ("melding", "Signaal", "drop table"):
        with pytest.raises(ValueError):
            Gegevensbron(naam, BRON.kolommen, _rijen, _stand, Telt.personen)


def test_het_volledige_extract_bevat_de_gedeclareerde_bronnen(engine: Engine) -> None:
    extract = ExtractBron(engine, REF).ververs()
    assert set(extract.bronnen) == {"opvang_aanvraag", "opvang_weigering", "opvang_bezetting"}
    assert {naam for naam, _ in extract.vintage.bronnen} == set(extract.bronnen)
    for naam in extract.bronnen:
        assert extract.cursor().execute(f"SELECT count(*) FROM {naam}").fetchone() == (0,)


def test_een_nieuwe_stand_van_een_bron_leest_alleen_die_bron_opnieuw(
    signalen: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    from zicht.analysis import extract as extractmodule

    gelezen: list[str] = []
    lees_register_echt, lees_bron_echt = extractmodule.lees_register, extractmodule.lees_bron

    def lees_register(*args: Any, **kwargs: Any) -> Any:
        gelezen.append("meldingen")
        return lees_register_echt(*args, **kwargs)

    def lees_bron(engine: Any, bron: Gegevensbron, tot: datetime | None) -> Any:
        gelezen.append(bron.naam)
        return lees_bron_echt(engine, bron, tot)

    monkeypatch.setattr(extractmodule, "lees_register", lees_register)
    monkeypatch.setattr(extractmodule, "lees_bron", lees_bron)
    bron = ExtractBron(signalen, REF, bronnen=(BRON,))
    bron.ververs()
    assert gelezen == ["meldingen", "proef_signaal"]
    _voeg_toe(signalen)
    extract = bron.ververs()
    assert gelezen == ["meldingen", "proef_signaal", "proef_signaal"]
    assert extract.cursor().execute("SELECT count(*) FROM proef_signaal").fetchone() == (41,)
