# SPDX-License-Identifier: EUPL-1.2
"""Prices relative to the local going rate (indicator S4), computed in DuckDB.

An absolute threshold would flag every ad in a cheap city and none in an expensive one; so each ad's hourly
price is compared with the median hourly price of its gemeente (or the national median where a gemeente has
fewer than :data:`MIN_ADVERTENTIES` priced ads). An ad priced below :data:`FRACTIE` of that median gets S4.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb

from zicht.signalen.verwerk import Advertentie

FRACTIE = 0.6
MIN_ADVERTENTIES = 20


def medianen(ads: Sequence[Advertentie]) -> tuple[dict[str, float], float | None]:
    """(median hourly price per gemeente with enough ads, national median)."""
    rijen = [(a.gemeente, a.prijs_uur) for a in ads if a.prijs_uur is not None]
    if not rijen:
        return {}, None
    import pyarrow as pa

    tabel = pa.table({"gemeente": [r[0] for r in rijen], "prijs": [r[1] for r in rijen]})
    con = duckdb.connect()
    try:
        con.register("prijzen", tabel)
        per = con.execute(
            "SELECT gemeente, median(prijs) FROM prijzen GROUP BY gemeente HAVING count(*) >= ?", [MIN_ADVERTENTIES]
        ).fetchall()
        landelijk = con.execute("SELECT median(prijs) FROM prijzen").fetchone()
    finally:
        con.close()
    return {g: float(m) for g, m in per}, (float(landelijk[0]) if landelijk and landelijk[0] is not None else None)


def markeer_lage_prijzen(ads: Sequence[Advertentie]) -> None:
    """Set S4 on ads priced below FRACTIE of their local median (with the ratio as the hit)."""
    per_gemeente, landelijk = medianen(ads)
    for a in ads:
        if a.prijs_uur is None:
            continue
        mediaan = per_gemeente.get(a.gemeente, landelijk)
        if mediaan and a.prijs_uur < FRACTIE * mediaan:
            a.treffers.setdefault("S4", f"{a.prijs_uur:.0f} tegen mediaan {mediaan:.0f}")
