# SPDX-License-Identifier: EUPL-1.2
"""Counts by period x area x breakdown, for persons or meldingen, and rates per 100,000 inhabitants.

Counting rules (also in the method text, :mod:`zicht.analysis.methode`):

- A melding counts in a period when its melddatum falls in it; meldingen with status ``geen`` (found not to
  be a victim) are left out.
- **Meldingen**: every melding counts once in its own area.
- **Personen**: distinct persons over the period's meldingen. A melding not (yet) linked to a person counts
  as a person of its own. A person's area is that of their earliest melding in the period whose place is
  known, so every person counts in exactly one area and areas add up to their region and the nation.
- Single-valued breakdowns (gender, age band, nationality group, dossier type) take the earliest known
  value, so their categories add up to the total. Multi-valued breakdowns (form, sector, method,
  nationality, kind of reporter for persons) count a unit in every category any of its meldingen names;
  those categories do not add up to the total. ``onbekend`` holds the units without any known value.

Counts are computed at the finest area (gemeente, or a pseudo-area ``buitenland`` / ``onbekend``) and
rolled up, so a region is exactly the sum of its gemeenten.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zicht.analysis.dimensies import (
    BUITENLAND,
    CENTRAAL,
    ONBEKEND,
    OVERIG,
    OVERIGE_REGIO,
    TOP_NATIONALITEITEN,
    Eenheid,
    Gebiedsbasis,
    Periode,
    Persoonregel,
    Uitsplitsing,
    vaste_categorieen,
)
from zicht.analysis.extract import Extract
from zicht.reference import Gebiedsniveau

#: Where each breakdown's categories come from: (table, column); ``melding`` columns are single-valued.
_BRON: dict[Uitsplitsing, tuple[str, str]] = {
    Uitsplitsing.uitbuitingsvorm: ("uitbuiting", "vorm"),
    Uitsplitsing.sector: ("uitbuiting", "sector"),
    Uitsplitsing.werkwijze: ("werkwijze", "werkwijze"),
    Uitsplitsing.nationaliteit: ("nationaliteit", "land"),
    Uitsplitsing.geslacht: ("melding", "geslacht"),
    Uitsplitsing.leeftijdsklasse: ("melding", "leeftijdsklasse"),
    Uitsplitsing.nationaliteitsgroep: ("melding", "nationaliteitsgroep"),
    Uitsplitsing.melder_soort: ("melding", "melder_soort"),
    Uitsplitsing.dossiertype: ("melding", "dossiertype"),
}
_GEBIED_KOLOM = {Gebiedsbasis.plaats_delict: "plaats_delict", Gebiedsbasis.melder_regio: "melder_regio"}
#: Area values that count as "not known" when choosing a person's area.
_ONBEKENDE_GEBIEDEN = {
    Gebiedsbasis.plaats_delict: (ONBEKEND,),
    Gebiedsbasis.melder_regio: (CENTRAAL, OVERIGE_REGIO),
}


@dataclass(frozen=True)
class Filter:
    """Restricts the counted population.

    A filter selects *units*; their area and categories still come from all their meldingen in the period,
    so a filtered count is the same number as the category's cell in the unfiltered breakdown.

    Attributes:
        vorm: Only units (persons or meldingen) for which a melding in the period names this form.
        zonder: Leave out the units that fall in this category of this breakdown (e.g. nationality NG).
        alleen: Keep only the units that fall in this category.
    """

    vorm: str | None = None
    zonder: tuple[Uitsplitsing, str] | None = None
    alleen: tuple[Uitsplitsing, str] | None = None

    @property
    def code(self) -> str:
        """A compact text for keys and metadata (``''`` when nothing is filtered)."""
        delen = []
        if self.vorm:
            delen.append(f"vorm={self.vorm}")
        if self.zonder:
            delen.append(f"zonder {self.zonder[0].value}={self.zonder[1]}")
        if self.alleen:
            delen.append(f"alleen {self.alleen[0].value}={self.alleen[1]}")
        return ", ".join(delen)


GEEN_FILTER = Filter()


@dataclass(frozen=True)
class Kubus:
    """Unprotected counts of one breakdown at the finest area, for one or more periods.

    Attributes:
        basis: Which place decides the area.
        eenheid: Persons or meldingen.
        uitsplitsing: The breakdown (``totaal`` for none).
        filter: The population filter.
        periodes: The periods, in order; cells are keyed by the period's index.
        categorieen: The categories in publication order.
        cellen: ``(period index, finest area, category) -> count`` (zeros left out).
        totalen: ``(period index, finest area) -> distinct units`` (zeros left out).
    """

    basis: Gebiedsbasis
    eenheid: Eenheid
    uitsplitsing: Uitsplitsing
    filter: Filter
    periodes: tuple[Periode, ...]
    categorieen: tuple[str, ...]
    cellen: Mapping[tuple[int, str, str], int]
    totalen: Mapping[tuple[int, str], int]
    _opgerold: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def additief(self) -> bool:
        """Whether the categories add up to the total."""
        return self.uitsplitsing.additief(self.eenheid)

    def fijnste_gebieden(self) -> tuple[str, ...]:
        """The finest areas that have at least one unit in some period."""
        return tuple(sorted({g for _, g in self.totalen}))


def _eid(eenheid: Eenheid) -> str:
    return "rij" if eenheid is Eenheid.meldingen else "coalesce(persoon, -rij)"


def _periode_sql(periodes: Sequence[Periode], params: list[Any]) -> str:
    delen = []
    for i, p in enumerate(periodes):
        delen.append(f"WHEN melddatum >= ? AND melddatum < ? THEN {i}")
        params.extend([p.begin, p.eind])
    return "CASE " + " ".join(delen) + " END"


def _bron_sql(uitsplitsing: Uitsplitsing, top: Sequence[str], params: list[Any]) -> tuple[str, str]:
    """(FROM-clause fragment joining m to the category source, category expression)."""
    tabel, kolom = _BRON[uitsplitsing]
    if tabel == "melding":
        return "m", f"m.{kolom}"
    expr = f"coalesce(s.{kolom}, '{ONBEKEND}')"
    if uitsplitsing is Uitsplitsing.nationaliteit:
        params.append(list(top))
        expr = (
            f"CASE WHEN s.land IS NULL OR s.land = '{ONBEKEND}' THEN '{ONBEKEND}' "
            f"WHEN list_contains(?, s.land) THEN s.land ELSE '{OVERIG}' END"
        )
    return f"m LEFT JOIN {tabel} s ON s.rij = m.rij", expr


def _populatie_sql(
    basis: Gebiedsbasis, eenheid: Eenheid, filter: Filter, periodes: Sequence[Periode], top: Sequence[str]
) -> tuple[str, list[Any]]:
    """CTEs ``m`` (meldingen with period index p and unit id eid) and ``ue`` (unit, period, area) after the
    population filters."""
    params: list[Any] = []
    periode = _periode_sql(periodes, params)
    gebied = _GEBIED_KOLOM[basis]
    onbekend = ", ".join(f"'{v}'" for v in _ONBEKENDE_GEBIEDEN[basis])
    sql = (
        f"WITH m0 AS (SELECT *, {periode} AS p, {_eid(eenheid)} AS eid FROM melding "
        "WHERE status <> 'geen'), m AS (SELECT * FROM m0 WHERE p IS NOT NULL), "
        f"u AS (SELECT p, eid, arg_min({gebied}, ({gebied} IN ({onbekend}), melddatum, rij)) AS gebied "
        "FROM m GROUP BY p, eid)"
    )
    vorige = "u"
    vorm = None if filter.vorm is None else (Uitsplitsing.uitbuitingsvorm, filter.vorm)
    for richting, sleutel in (("vorm", vorm), ("zonder", filter.zonder), ("alleen", filter.alleen)):
        if sleutel is None:
            continue
        cat_sql = _categorie_sql(sleutel[0], top, params)
        params.append(sleutel[1])
        join = "ANTI JOIN" if richting == "zonder" else "SEMI JOIN"
        sql += (
            f", f_{richting} AS ({cat_sql}), u_{richting} AS (SELECT v.* FROM {vorige} v {join} "
            f"(SELECT p, eid FROM f_{richting} WHERE cat = ?) x ON x.p = v.p AND x.eid = v.eid)"
        )
        vorige = f"u_{richting}"
    sql += f", ue AS (SELECT * FROM {vorige})"
    return sql, params


def _categorie_sql(uitsplitsing: Uitsplitsing, top: Sequence[str], params: list[Any]) -> str:
    """A SELECT of (p, eid, cat) for the units in ``m`` under the breakdown's person rule."""
    van, expr = _bron_sql(uitsplitsing, top, params)
    if uitsplitsing.persoonregel is Persoonregel.eerste_bekende:
        return (
            f"SELECT m.p, m.eid, arg_min({expr}, ({expr} = '{ONBEKEND}', m.melddatum, m.rij)) AS cat "
            f"FROM {van} GROUP BY m.p, m.eid"
        )
    return (
        f"SELECT DISTINCT p, eid, cat FROM (SELECT m.p, m.eid, {expr} AS cat FROM {van}) "
        f"QUALIFY cat <> '{ONBEKEND}' OR NOT bool_or(cat <> '{ONBEKEND}') OVER (PARTITION BY p, eid)"
    )


def top_nationaliteiten(extract: Extract, periodes: Sequence[Periode], n: int = TOP_NATIONALITEITEN) -> tuple[str, ...]:
    """The ``n`` most frequent known nationalities over the periods, by number of meldingen (ties by code).

    The list is national and unfiltered, so it is the same for every area and filter of a period.
    """

    def maak() -> tuple[str, ...]:
        params: list[Any] = []
        periode = _periode_sql(periodes, params).replace("melddatum", "m.melddatum")
        params.append(n)
        sql = (
            f"SELECT n.land, count(DISTINCT n.rij) AS k FROM nationaliteit n JOIN melding m ON m.rij = n.rij "
            f"WHERE m.status <> 'geen' AND ({periode}) IS NOT NULL AND n.land <> '{ONBEKEND}' "
            "GROUP BY n.land ORDER BY k DESC, n.land LIMIT ?"
        )
        return tuple(r[0] for r in extract.cursor().execute(sql, params).fetchall())

    return extract.onthoud(("top", tuple(periodes), n), maak)


def categorieen_van(uitsplitsing: Uitsplitsing, top: Sequence[str] = ()) -> tuple[str, ...]:
    """The categories of a breakdown in publication order (with the top list for ``nationaliteit``)."""
    if uitsplitsing is Uitsplitsing.nationaliteit:
        return (*top, OVERIG, ONBEKEND)
    return vaste_categorieen(uitsplitsing)


def tel(
    extract: Extract,
    *,
    periodes: Sequence[Periode],
    basis: Gebiedsbasis = Gebiedsbasis.plaats_delict,
    eenheid: Eenheid = Eenheid.meldingen,
    uitsplitsing: Uitsplitsing = Uitsplitsing.totaal,
    filter: Filter = GEEN_FILTER,
) -> Kubus:
    """Count one breakdown for one or more (non-overlapping) periods at the finest area level.

    Args:
        extract: The data of one vintage.
        periodes: The periods; each unit is counted per period.
        basis: Plaats delict or the reporter's region.
        eenheid: Persons or meldingen.
        uitsplitsing: The breakdown; ``totaal`` gives only the totals.
        filter: Restriction of the population.

    Returns:
        The counts (cached per extract, so per vintage).

    Example:
        >>> kubus = tel(extract, periodes=[Periode.jaar(2024)], uitsplitsing=Uitsplitsing.geslacht)
        >>> aantal(kubus, 0, Gebiedsniveau.nederland, "NL", "vrouw")  # doctest: +SKIP
    """
    periodes = tuple(periodes)
    _check_periodes(periodes)
    sleutel = ("kubus", basis, eenheid, uitsplitsing, filter, periodes)
    return extract.onthoud(sleutel, lambda: _tel(extract, periodes, basis, eenheid, uitsplitsing, filter))


def _check_periodes(periodes: Sequence[Periode]) -> None:
    if not periodes:
        raise ValueError("at least one period is needed")
    ordered = sorted(periodes)
    for a, b in itertools.pairwise(ordered):
        if b.begin < a.eind:
            raise ValueError("periods may not overlap")


def _tel(
    extract: Extract,
    periodes: tuple[Periode, ...],
    basis: Gebiedsbasis,
    eenheid: Eenheid,
    uitsplitsing: Uitsplitsing,
    filter: Filter,
) -> Kubus:
    top: tuple[str, ...] = ()
    if uitsplitsing is Uitsplitsing.nationaliteit or any(
        f is not None and f[0] is Uitsplitsing.nationaliteit for f in (filter.zonder, filter.alleen)
    ):
        top = top_nationaliteiten(extract, periodes)
    cte, params = _populatie_sql(basis, eenheid, filter, periodes, top)
    eenheden = "ue"
    cur = extract.cursor()
    totalen = {
        (int(p), str(g)): int(n)
        for p, g, n in cur.execute(
            f"{cte} SELECT p, gebied, count(*) FROM {eenheden} GROUP BY p, gebied", params
        ).fetchall()
    }
    cellen: dict[tuple[int, str, str], int] = {}
    if uitsplitsing is not Uitsplitsing.totaal:
        cat_params = list(params)
        cat_sql = _categorie_sql(uitsplitsing, top, cat_params)
        sql = (
            f"{cte}, c AS ({cat_sql}) SELECT u.p, u.gebied, c.cat, count(*) FROM c "
            f"JOIN {eenheden} u ON u.p = c.p AND u.eid = c.eid GROUP BY u.p, u.gebied, c.cat"
        )
        cellen = {(int(p), str(g), str(c)): int(n) for p, g, c, n in cur.execute(sql, cat_params).fetchall()}
    else:
        cellen = {(p, g, "totaal"): n for (p, g), n in totalen.items()}
    return Kubus(basis, eenheid, uitsplitsing, filter, periodes, categorieen_van(uitsplitsing, top), cellen, totalen)


# ---- rolling up to area levels ------------------------------------------------------------------------


def gebied_van(kubus: Kubus, fijn: str, niveau: Gebiedsniveau, extract: Extract) -> str:
    """The code at ``niveau`` of a finest area; pseudo-areas (abroad, unknown, central) map to themselves."""
    if niveau is Gebiedsniveau.nederland:
        return "NL"
    if kubus.basis is Gebiedsbasis.plaats_delict:
        gm = extract.referentie.gemeenten.get(fijn)
        return fijn if gm is None else gm.gebied_code(niveau)
    if niveau is not Gebiedsniveau.politie_eenheid:
        raise ValueError(f"the reporter's region is only known per politie-eenheid, not per {niveau.value}")
    return fijn


def opgerold(kubus: Kubus, niveau: Gebiedsniveau, extract: Extract) -> tuple[dict[Any, int], dict[Any, int]]:
    """(cells, totals) at ``niveau``: ``(p, area, cat) -> n`` and ``(p, area) -> n``."""
    sleutel = niveau
    if sleutel not in kubus._opgerold:
        cellen: dict[Any, int] = {}
        totalen: dict[Any, int] = {}
        for (p, g, c), n in kubus.cellen.items():
            k = (p, gebied_van(kubus, g, niveau, extract), c)
            cellen[k] = cellen.get(k, 0) + n
        for (p, g), n in kubus.totalen.items():
            k2 = (p, gebied_van(kubus, g, niveau, extract))
            totalen[k2] = totalen.get(k2, 0) + n
        kubus._opgerold[sleutel] = (cellen, totalen)
    return kubus._opgerold[sleutel]


def aantal(
    kubus: Kubus, periode: int, niveau: Gebiedsniveau, gebied: str, categorie: str | None, extract: Extract
) -> int:
    """One count: the units of ``gebied`` (at ``niveau``) in period ``periode``, in ``categorie`` or in total."""
    cellen, totalen = opgerold(kubus, niveau, extract)
    if categorie is None:
        return totalen.get((periode, gebied), 0)
    return cellen.get((periode, gebied, categorie), 0)


def gebieden_op_niveau(kubus: Kubus, niveau: Gebiedsniveau, extract: Extract) -> tuple[str, ...]:
    """The rows of an overview at ``niveau``: every area of the level plus the pseudo-areas with units."""
    if niveau is Gebiedsniveau.nederland:
        return ("NL",)
    if kubus.basis is Gebiedsbasis.melder_regio:
        vast = tuple(extract.referentie.gebieden(Gebiedsniveau.politie_eenheid))
        return (*vast, OVERIGE_REGIO, CENTRAAL)
    return (*extract.referentie.gebieden(niveau), BUITENLAND, ONBEKEND)


def inwoners(extract: Extract, niveau: Gebiedsniveau, gebied: str) -> int | None:
    """Population of an area at the reference date (None for pseudo-areas)."""
    if niveau is Gebiedsniveau.nederland:
        return extract.referentie.inwoners_totaal
    gebied_obj = extract.referentie.gebieden(niveau).get(gebied)
    return None if gebied_obj is None else gebied_obj.inwoners


def per_100k(aantal_: int | None, inwoners_: int | None) -> float | None:
    """A rate per 100,000 inhabitants, or None when the count or population is missing."""
    if aantal_ is None or not inwoners_:
        return None
    return aantal_ * 100_000 / inwoners_
