# SPDX-License-Identifier: EUPL-1.2
"""Opvang's facts as declared data sources of the analysis (docs/adr/0007): requests, refusals and beds.

Listed once in :data:`zicht.analysis.bronnen.BRONNEN`, these join every extract (the analyst's live one and a
publicatie's), its vintage and the disclosure gate without the analysis importing this package:

- ``opvang_aanvraag`` (persons): one row per placement request, with the moments that define its state. As of a
  publicatie only requests made by then, and a placement or closure only when it happened by then.
- ``opvang_weigering`` (persons): one row per refusal for lack of capacity.
- ``opvang_bezetting`` (things, exact): beds per facility per day; as of a publicatie the days before it.

No UUID, name or confidential address is selected: a person becomes a dense number in the extract, a facility
its public code.

:func:`opvang_extract` hands out an extract of these sources alone, for opvang's own reports: their person
figures and their beds come from the same vintage.
"""

from __future__ import annotations

import threading
import weakref
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, case, func, literal, select, true
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from zicht.analysis.bronnen import Gegevensbron, Kolom, Rol, Telt
from zicht.analysis.extract import Extract, ExtractBron
from zicht.reference import Referentiedata
from zicht.storage.tables import OpvangAanvraag, OpvangBezetting, OpvangGebeurtenis, OpvangVoorziening


def _tot(kolom: Any, tot: datetime | None) -> Any:
    """``kolom`` as it stood at ``tot``: a moment after it is not yet known."""
    return kolom if tot is None else case((kolom <= tot, kolom), else_=None)


def _tijdig(kolom: Any, tot: datetime | None) -> ColumnElement[bool]:
    return true() if tot is None else kolom <= tot


def _aanvraag_rijen(tot: datetime | None) -> Any:
    a, v = OpvangAanvraag, OpvangVoorziening
    geplaatst = _tot(a.geplaatst_op, tot)
    # the facility only once placed there (an offer alone does not place anyone)
    regio = case((geplaatst.is_not(None), v.regio), else_=None)
    soort = case((geplaatst.is_not(None), v.soort), else_=None)
    kolommen = (a.persoon_id, a.verblijfgemeente, a.plaats_delict_gemeente, regio, soort, a.geslacht, a.eu_status,
                a.aangevraagd_op, geplaatst, _tot(a.afgesloten_op, tot))  # fmt: skip
    return select(*kolommen).outerjoin(v, v.id == a.voorziening_id).where(_tijdig(a.aangevraagd_op, tot))


def _aanvraag_stand(tot: datetime | None) -> Any:
    a = OpvangAanvraag
    geplaatst, afgesloten = _tot(a.geplaatst_op, tot), _tot(a.afgesloten_op, tot)
    velden: list[Any] = [func.count(), func.max(a.aangevraagd_op), func.count(geplaatst), func.max(geplaatst),
                         func.count(afgesloten), func.max(afgesloten)]  # fmt: skip
    if tot is None:  # live: every recorded change raises a version
        velden.append(func.coalesce(func.sum(a.versie), 0))
    return select(*velden).where(_tijdig(a.aangevraagd_op, tot))


def _weigering_rijen(tot: datetime | None) -> Any:
    g, v = OpvangGebeurtenis, OpvangVoorziening
    return (
        select(v.regio, g.tijdstip)
        .outerjoin(v, v.id == g.voorziening_id)
        .where(g.handeling == "capaciteit", _tijdig(g.tijdstip, tot))
    )


def _weigering_stand(tot: datetime | None) -> Any:
    g = OpvangGebeurtenis
    return select(func.count(), func.max(g.id)).where(g.handeling == "capaciteit", _tijdig(g.tijdstip, tot))


def _bezetting_dag(tot: datetime | None) -> ColumnElement[bool]:
    return true() if tot is None else OpvangBezetting.datum < literal(tot.date())


def _bezetting_rijen(tot: datetime | None) -> Any:
    t, v = OpvangBezetting, OpvangVoorziening
    return (
        select(v.code, v.regio, v.soort, t.datum, t.totaal, t.bezet, t.gereserveerd, t.geblokkeerd)
        .join(v, v.id == t.voorziening_id)
        .where(_bezetting_dag(tot))
    )


def _bezetting_stand(tot: datetime | None) -> Any:
    t = OpvangBezetting
    # a placement moves a bed without touching gewijzigd_op: the sums see it
    return select(func.count(), func.max(t.datum), func.max(t.gewijzigd_op), func.sum(t.totaal), func.sum(t.bezet),
                  func.sum(t.gereserveerd), func.sum(t.geblokkeerd)).where(_bezetting_dag(tot))  # fmt: skip


AANVRAGEN = Gegevensbron(
    naam="opvang_aanvraag",
    kolommen=(
        Kolom("persoon", Rol.eenheid),
        Kolom("verblijfgemeente", Rol.gebied),
        Kolom("plaats_delict_gemeente", Rol.gebied),
        Kolom("voorziening_regio", Rol.gebied),
        Kolom("voorziening_soort", Rol.categorie),
        Kolom("geslacht", Rol.categorie),
        Kolom("eu_status", Rol.categorie),
        Kolom("aangevraagd_op", Rol.datum, "tijdstip"),
        Kolom("geplaatst_op", Rol.datum, "tijdstip"),
        Kolom("afgesloten_op", Rol.datum, "tijdstip"),
    ),
    rijen=_aanvraag_rijen,
    stand=_aanvraag_stand,
    telt=Telt.personen,
    omschrijving="plaatsingsaanvragen (per persoon, met wachttijd en plaatsing)",
)

WEIGERINGEN = Gegevensbron(
    naam="opvang_weigering",
    kolommen=(Kolom("voorziening_regio", Rol.gebied), Kolom("tijdstip", Rol.datum, "tijdstip")),
    rijen=_weigering_rijen,
    stand=_weigering_stand,
    telt=Telt.personen,
    omschrijving="weigeringen wegens plaatsgebrek",
)

BEZETTING = Gegevensbron(
    naam="opvang_bezetting",
    kolommen=(
        Kolom("voorziening", Rol.categorie),
        Kolom("regio", Rol.gebied),
        Kolom("soort", Rol.categorie),
        Kolom("datum", Rol.datum, "datum"),
        *(Kolom(k, Rol.maat, "geheel") for k in ("totaal", "bezet", "gereserveerd", "geblokkeerd")),
    ),
    rijen=_bezetting_rijen,
    stand=_bezetting_stand,
    telt=Telt.zaken,
    omschrijving="bedden per voorziening per dag",
)

#: Opvang's declared sources (listed in zicht.analysis.bronnen.BRONNEN).
BRONNEN: tuple[Gegevensbron, ...] = (AANVRAGEN, WEIGERINGEN, BEZETTING)
#: The sources opvang's person figures are computed from.
PERSOONSBRONNEN: tuple[Gegevensbron, ...] = (AANVRAGEN, WEIGERINGEN)

_bronnen: weakref.WeakKeyDictionary[Engine, ExtractBron] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def opvang_extract(session: Session) -> Extract:
    """The live extract of opvang's sources (persons and beds) for the session's database, rebuilt only when
    their vintage changed (checked now, so a placement or an occupancy report shows at once; only the changed
    source is read again). One per engine; read through the session's connection (on SQLite a second connection
    would wait for the session's lock)."""
    verbinding = session.connection()
    engine = verbinding.engine
    with _lock:
        bron = _bronnen.get(engine)
        if bron is None:
            bron = _bronnen[engine] = ExtractBron(engine, Referentiedata({}), bronnen=BRONNEN, meldingen=False)
    return bron.ververs(via=verbinding)


__all__ = ["AANVRAGEN", "BEZETTING", "BRONNEN", "PERSOONSBRONNEN", "WEIGERINGEN", "opvang_extract"]
