# SPDX-License-Identifier: EUPL-1.2
"""Reporting per shelter region: beds and occupancy, and the figures about persons behind a disclosure gate.

Bed figures (capacity, occupied, free, occupancy rate) describe facilities and are shown as they are. Figures
that count persons (waiting, placed, refused for lack of capacity, stays beyond the COSM norm) pass through
:mod:`zicht.privacy.disclosure` for every caller but those who see exact statistics
(:func:`zicht.privacy.toegang.ziet_exacte_cijfers`), exactly like the registry statistics: small counts are
shown as ``<10``, others rounded. Median waiting time is withheld when fewer persons than the threshold waited.
"""

from __future__ import annotations

import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Date, and_, func, literal, select, true, union_all
from sqlalchemy.orm import Session

from zicht.opvang.bezetting import Bedden, stand_op
from zicht.opvang.regels import COSM_NORM_DAGEN
from zicht.privacy.disclosure import DisclosurePolicy, Unit, protect_series
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import OpvangAanvraag, OpvangBezetting, OpvangGebeurtenis, OpvangVoorziening

#: Person counts per region (each protected as one breakdown over the regions).
PERSOONSMATEN = ("wachtend", "geplaatst", "capaciteit_geweigerd", "langer_dan_norm")
MAAT_LABELS = {
    "wachtend": "wachtend op een plek",
    "geplaatst": "geplaatst (periode)",
    "capaciteit_geweigerd": "geweigerd wegens geen plek (periode)",
    "langer_dan_norm": "in COSM langer dan 3 maanden",
}


@dataclass(frozen=True)
class Regiorij:
    """One region: beds (exact) and person figures as display text (protected unless exact)."""

    regio: str
    naam: str
    voorzieningen: int
    bedden: Bedden
    personen: dict[str, str]
    mediane_wachttijd: str


@dataclass(frozen=True)
class Regiorapport:
    """The regional picture on a day over a period, with the region division it groups by."""

    datum: date
    van: date
    indeling: str
    rijen: list[Regiorij]
    totaal: Regiorij
    exact: bool


def _dag(d: date) -> datetime:
    return datetime.combine(d, time.min, tzinfo=UTC)


def _persoonstellingen(
    session: Session,
    regios: Opvangregios,
    regio_van_voorziening: dict[uuid.UUID, str],
    cosm: set[uuid.UUID],
    van: date,
    datum: date,
) -> tuple[dict[str, dict[str, int]], dict[str, list[float]]]:
    """True person counts per region. A waiting person counts in the region where they are now; a placement in
    the region of the facility."""
    tellingen: dict[str, dict[str, int]] = {m: defaultdict(int) for m in PERSOONSMATEN}
    wachttijden: dict[str, list[float]] = defaultdict(list)
    eind = _dag(datum + timedelta(days=1))
    a = OpvangAanvraag
    stmt = select(a.voorziening_id, a.aangevraagd_op, a.geplaatst_op, a.afgesloten_op, a.verblijfgemeente).where(
        a.aangevraagd_op < eind
    )
    for vid, aangevraagd, geplaatst, afgesloten, verblijf in session.execute(stmt):
        open_op_dag = afgesloten is None or afgesloten >= eind
        if geplaatst is None or geplaatst >= eind:
            if open_op_dag:
                tellingen["wachtend"][regios.regio_van.get(verblijf or "", "onbekend")] += 1
            continue
        regio = regio_van_voorziening.get(vid, "onbekend") if vid is not None else "onbekend"
        if geplaatst >= _dag(van):
            tellingen["geplaatst"][regio] += 1
            wachttijden[regio].append((geplaatst - aangevraagd).total_seconds() / 86400)
        if open_op_dag and vid in cosm and (eind - geplaatst).days > COSM_NORM_DAGEN:
            tellingen["langer_dan_norm"][regio] += 1
    g = OpvangGebeurtenis
    stmt2 = select(g.voorziening_id).where(g.handeling == "capaciteit", g.tijdstip >= _dag(van), g.tijdstip < eind)
    for (vid,) in session.execute(stmt2):
        tellingen["capaciteit_geweigerd"][regio_van_voorziening.get(vid, "onbekend") if vid else "onbekend"] += 1
    return tellingen, wachttijden


def regiorapport(
    session: Session,
    regios: Opvangregios,
    datum: date,
    *,
    dagen: int = 28,
    exact: bool,
    policy: DisclosurePolicy,
    alleen_regios: frozenset[str] | None = None,
) -> Regiorapport:
    """Beds per region on ``datum`` and person figures over the ``dagen`` before it.

    Args:
        exact: True only for callers who see exact statistics (analysts).
        policy: The disclosure policy for everyone else.
        alleen_regios: Show only these regions (a gemeente user's region); totals stay national.
    """
    van = datum - timedelta(days=dagen - 1)
    voorz = list(session.execute(select(OpvangVoorziening.id, OpvangVoorziening.regio, OpvangVoorziening.soort)))
    regio_van = {vid: regio for vid, regio, _ in voorz}
    cosm = {vid for vid, _, soort in voorz if soort == "cosm"}
    tellingen, wachttijden = _persoonstellingen(session, regios, regio_van, cosm, van, datum)
    stand = stand_op(session, datum)
    per_regio: dict[str, list[Bedden]] = defaultdict(list)
    for vid, regio in regio_van.items():
        if vid in stand:
            per_regio[regio].append(stand[vid])
    codes = sorted(set(per_regio) | set(regios.namen) | {c for t in tellingen.values() for c in t})
    getoond: dict[str, dict[str, str]] = {c: {} for c in [*codes, "totaal"]}
    for maat in PERSOONSMATEN:
        waarden = {c: int(tellingen[maat].get(c, 0)) for c in codes}
        if exact:
            for c in codes:
                getoond[c][maat] = str(waarden[c])
            getoond["totaal"][maat] = str(sum(tellingen[maat].values()))
        else:
            beschermd = protect_series(waarden, policy, unit=Unit.personen, name=maat)
            for c in codes:
                getoond[c][maat] = beschermd.cell(c, beschermd.columns[0]).display
            getoond["totaal"][maat] = beschermd.total.display

    def mediaan(lijst: list[float]) -> str:
        if not lijst or (not exact and len(lijst) < policy.threshold):
            return "–" if not lijst else policy.marker
        return f"{statistics.median(lijst):.1f}"

    def som(bedden: list[Bedden]) -> Bedden:
        return Bedden(*(sum(getattr(b, k) for b in bedden) for k in ("totaal", "bezet", "gereserveerd", "geblokkeerd")))

    rijen = [
        Regiorij(c, regios.naam(c), len(per_regio.get(c, [])), som(per_regio.get(c, [])), getoond[c],
                 mediaan(wachttijden.get(c, [])))
        for c in codes
        if alleen_regios is None or c in alleen_regios
    ]  # fmt: skip
    alle = [w for lijst in wachttijden.values() for w in lijst]
    totaal = Regiorij("totaal", "Nederland", len(regio_van), som([b for lijst in per_regio.values() for b in lijst]),
                      getoond["totaal"], mediaan(alle))  # fmt: skip
    return Regiorapport(datum, van, regios.omschrijving, rijen, totaal, exact)


@dataclass(frozen=True)
class Weekpunt:
    """Beds of a region on the last day of one week."""

    week_tot: date
    bedden: Bedden


def bezettingsreeks(session: Session, regio: str | None, datum: date, weken: int = 52) -> list[Weekpunt]:
    """Weekly occupancy of a region (None: the country) over ``weken`` weeks up to ``datum``, in one query: for
    every week and facility the latest row on or before that day (an index seek per pair), summed in Python."""
    punten = [datum - timedelta(weeks=i) for i in range(weken - 1, -1, -1)]
    pt = union_all(*(select(literal(p, Date).label("punt")) for p in punten)).subquery("punten")
    v, t = OpvangVoorziening, OpvangBezetting
    laatste = (
        select(func.max(t.datum))
        .where(t.voorziening_id == v.id, t.datum <= pt.c.punt)
        .correlate(v, pt)
        .scalar_subquery()
    )
    stmt = (
        select(pt.c.punt, v.capaciteit, t.totaal, t.bezet, t.gereserveerd, t.geblokkeerd)
        .select_from(pt)
        .join(v, true())
        .outerjoin(t, and_(t.voorziening_id == v.id, t.datum == laatste))
    )
    if regio is not None:
        stmt = stmt.where(v.regio == regio)
    som: dict[date, list[int]] = {p: [0, 0, 0, 0] for p in punten}
    for punt, capaciteit, *cijfers in session.execute(stmt):
        rij = som[punt]
        waarden = cijfers if cijfers[0] is not None else [capaciteit, 0, 0, 0]
        for k in range(4):
            rij[k] += waarden[k]
    return [Weekpunt(p, Bedden(*som[p])) for p in punten]
