# SPDX-License-Identifier: EUPL-1.2
"""Reporting per shelter region: beds and occupancy, and the figures about persons behind a disclosure gate.

Bed figures (capacity, occupied, free, occupancy rate) describe facilities and are shown as they are. Figures
that count persons (waiting, placed, refused for lack of capacity, stays beyond the COSM norm) pass through
:mod:`zicht.privacy.disclosure` for every caller but those who see exact statistics
(:func:`zicht.privacy.toegang.ziet_exacte_cijfers`), exactly like the registry statistics: small counts are
shown as ``<10``, others rounded. Median waiting time is withheld when fewer persons than the threshold waited.

The figures are read from the extract, where opvang's requests, refusals and beds are declared data sources
(:mod:`zicht.opvang.bronnen`, docs/adr/0007): the person figures pass the gate the source declares
(:func:`zicht.analysis.bronnen.door_de_poort`), and the beds (the weekly course too) come from the same
vintage, so a report changes only with a new vintage of its sources. The register itself (which facilities are
active, their region and published capacity, used for a facility that never reported) is read live.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from zicht.analysis.bronnen import door_de_poort
from zicht.analysis.extract import Extract
from zicht.opvang.bezetting import Bedden
from zicht.opvang.bronnen import AANVRAGEN, BEZETTING, WEIGERINGEN, opvang_extract
from zicht.opvang.regels import COSM_NORM_DAGEN
from zicht.privacy.disclosure import DisclosurePolicy
from zicht.reference.opvangregios import Opvangregios
from zicht.storage.tables import OpvangVoorziening
from zicht.taal import N_

#: Person counts per region (each protected as one breakdown over the regions).
PERSOONSMATEN = ("wachtend", "geplaatst", "capaciteit_geweigerd", "langer_dan_norm")
#: Labels of the person figures (Dutch source text of zicht.taal, translated where shown).
MAAT_LABELS = {
    "wachtend": N_("wachtend op een plek"),
    "geplaatst": N_("geplaatst (periode)"),
    "capaciteit_geweigerd": N_("geweigerd wegens geen plek (periode)"),
    "langer_dan_norm": N_("in COSM langer dan 3 maanden"),
}
#: The declared source each person figure counts.
MAAT_BRON = {"wachtend": AANVRAGEN, "geplaatst": AANVRAGEN, "capaciteit_geweigerd": WEIGERINGEN,
             "langer_dan_norm": AANVRAGEN}  # fmt: skip


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
    """Midnight UTC of ``d`` as the extract stores moments (naive UTC)."""
    return datetime.combine(d, time.min)


def _persoonstellingen(
    extract: Extract, regios: Opvangregios, van: date, datum: date
) -> tuple[dict[str, dict[str, int]], dict[str, list[float]]]:
    """True person counts per region, from the extract. A waiting person counts in the region where they are
    now; a placement in the region of the facility."""
    tellingen: dict[str, dict[str, int]] = {m: defaultdict(int) for m in PERSOONSMATEN}
    wachttijden: dict[str, list[float]] = defaultdict(list)
    eind, begin = _dag(datum + timedelta(days=1)), _dag(van)
    cur = extract.cursor()
    open_op_dag = "(afgesloten_op IS NULL OR afgesloten_op >= $eind)"
    wachtend = cur.execute(
        "SELECT verblijfgemeente, count(*) FROM opvang_aanvraag WHERE aangevraagd_op < $eind "
        f"AND (geplaatst_op IS NULL OR geplaatst_op >= $eind) AND {open_op_dag} GROUP BY 1",
        {"eind": eind},
    ).fetchall()
    for gemeente, n in wachtend:
        tellingen["wachtend"][regios.regio_van.get(gemeente or "", "onbekend")] += int(n)
    geplaatst = cur.execute(
        "SELECT coalesce(voorziening_regio, 'onbekend'), date_diff('microsecond', aangevraagd_op, geplaatst_op) "
        "FROM opvang_aanvraag WHERE aangevraagd_op < $eind AND geplaatst_op >= $begin AND geplaatst_op < $eind",
        {"eind": eind, "begin": begin},
    ).fetchall()
    for regio, microseconden in geplaatst:
        tellingen["geplaatst"][regio] += 1
        wachttijden[regio].append(microseconden / 10**6 / 86400)
    langer = cur.execute(  # more than the norm in whole days: placed at least norm + 1 days before the day's end
        "SELECT coalesce(voorziening_regio, 'onbekend'), count(*) FROM opvang_aanvraag WHERE aangevraagd_op < $eind "
        f"AND geplaatst_op <= $grens AND voorziening_soort = 'cosm' AND {open_op_dag} GROUP BY 1",
        {"eind": eind, "grens": eind - timedelta(days=COSM_NORM_DAGEN + 1)},
    ).fetchall()
    for regio, n in langer:
        tellingen["langer_dan_norm"][regio] += int(n)
    geweigerd = cur.execute(
        "SELECT coalesce(voorziening_regio, 'onbekend'), count(*) FROM opvang_weigering "
        "WHERE tijdstip >= $begin AND tijdstip < $eind GROUP BY 1",
        {"eind": eind, "begin": begin},
    ).fetchall()
    for regio, n in geweigerd:
        tellingen["capaciteit_geweigerd"][regio] += int(n)
    return tellingen, wachttijden


def _bronbedden(extract: Extract) -> str:
    if BEZETTING.naam not in extract.bronnen:
        raise ValueError(f"het extract bevat de bron {BEZETTING.naam} niet")
    return BEZETTING.naam


def beddenstand(extract: Extract, datum: date) -> dict[str, Bedden]:
    """The beds of every facility (by code) on ``datum`` in the extract: its latest row on or before that day."""
    rijen = (
        extract.cursor()
        .execute(
            f"SELECT voorziening, totaal, bezet, gereserveerd, geblokkeerd FROM {_bronbedden(extract)} "
            "WHERE datum <= $datum QUALIFY row_number() OVER (PARTITION BY voorziening ORDER BY datum DESC) = 1",
            {"datum": datum},
        )
        .fetchall()
    )
    return {code: Bedden(int(a), int(b), int(c), int(d)) for code, a, b, c, d in rijen}


def _register(session: Session, regio: str | None = None) -> list[tuple[str, str, int]]:
    """The active facilities of the register (code, region, published capacity)."""
    v = OpvangVoorziening
    stmt = select(v.code, v.regio, v.capaciteit).where(v.actief)
    if regio is not None:
        stmt = stmt.where(v.regio == regio)
    return [(code, r, int(c)) for code, r, c in session.execute(stmt)]


def regiorapport(
    session: Session,
    regios: Opvangregios,
    datum: date,
    *,
    dagen: int = 28,
    exact: bool,
    policy: DisclosurePolicy,
    alleen_regios: frozenset[str] | None = None,
    extract: Extract | None = None,
) -> Regiorapport:
    """Beds per region on ``datum`` and person figures over the ``dagen`` before it.

    Args:
        exact: True only for callers who see exact statistics (analysts).
        policy: The disclosure policy for everyone else.
        alleen_regios: Show only these regions (a gemeente user's region); totals stay national.
        extract: The extract holding opvang's person sources (e.g. the analysis extract); None: the live
            :func:`~zicht.opvang.bronnen.opvang_extract` of the session's database.
    """
    van = datum - timedelta(days=dagen - 1)
    register = _register(session)
    if extract is None:
        extract = opvang_extract(session)
    tellingen, wachttijden = _persoonstellingen(extract, regios, van, datum)
    stand = beddenstand(extract, datum)
    per_regio: dict[str, list[Bedden]] = defaultdict(list)
    for code, regio, capaciteit in register:  # a facility that never reported: its published capacity, free
        per_regio[regio].append(stand.get(code, Bedden(capaciteit, 0)))
    codes = sorted(set(per_regio) | set(regios.namen) | {c for t in tellingen.values() for c in t})
    getoond: dict[str, dict[str, str]] = {c: {} for c in [*codes, "totaal"]}
    for maat in PERSOONSMATEN:
        waarden = {c: int(tellingen[maat].get(c, 0)) for c in codes}
        bron = extract.bronnen.get(MAAT_BRON[maat].naam, MAAT_BRON[maat])
        poort = door_de_poort(bron, waarden, exact=exact, policy=policy, naam=maat)
        for c in codes:
            getoond[c][maat] = poort.cellen[c]
        getoond["totaal"][maat] = poort.totaal

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
    totaal = Regiorij("totaal", N_("Nederland"), len(register), som([b for lijst in per_regio.values() for b in lijst]),
                      getoond["totaal"], mediaan(alle))  # fmt: skip
    return Regiorapport(datum, van, regios.omschrijving, rijen, totaal, exact)


@dataclass(frozen=True)
class Weekpunt:
    """Beds of a region on the last day of one week."""

    week_tot: date
    bedden: Bedden


def bezettingsreeks(
    session: Session, regio: str | None, datum: date, weken: int = 52, *, extract: Extract | None = None
) -> list[Weekpunt]:
    """Weekly occupancy of a region (None: the country) over ``weken`` weeks up to ``datum``, from the extract's
    beds (None: :func:`~zicht.opvang.bronnen.opvang_extract`): for every week and active facility its latest row
    on or before that day (one range join in DuckDB), or its published capacity, free, before its first row."""
    if extract is None:
        extract = opvang_extract(session)
    punten = [datum - timedelta(weeks=i) for i in range(weken - 1, -1, -1)]
    register = _register(session, regio)
    som: dict[date, list[int]] = {p: [0, 0, 0, 0] for p in punten}
    if register:
        capaciteit = {code: c for code, _, c in register}
        # each row holds from its day until the facility's next row: a range join of the week points on that
        # interval (DuckDB's inequality join), instead of a sort per point
        rijen = (
            extract.cursor()
            .execute(
                "WITH b AS (SELECT voorziening, datum, lead(datum) OVER (PARTITION BY voorziening ORDER BY datum) "
                f"AS volgende, totaal, bezet, gereserveerd, geblokkeerd FROM {_bronbedden(extract)} "
                "WHERE list_contains($codes, voorziening)), p AS (SELECT unnest($punten) AS punt) "
                "SELECT p.punt, b.voorziening, b.totaal, b.bezet, b.gereserveerd, b.geblokkeerd FROM p JOIN b "
                "ON b.datum <= p.punt AND (b.volgende IS NULL OR p.punt < b.volgende)",
                {"punten": punten, "codes": list(capaciteit)},
            )
            .fetchall()
        )
        gezien: dict[date, set[str]] = defaultdict(set)
        for punt, code, *cijfers in rijen:
            gezien[punt].add(code)
            rij = som[punt]
            for k in range(4):
                rij[k] += int(cijfers[k])
        for punt, rij in som.items():  # facilities without a row yet: their published capacity, free
            rij[0] += sum(c for code, c in capaciteit.items() if code not in gezien[punt])
    return [Weekpunt(p, Bedden(*som[p])) for p in punten]
