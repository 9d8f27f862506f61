# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the statistics: a full municipal dashboard and the national map on 1,000,000 meldingen.

Builds a registry (SQLite) with synthetic meldingen (2015-2024, population-weighted gemeenten, linked to
persons at about 1.15 meldingen per person), reads the extract once, and measures per request:

- ``dashboard``: every table of a gemeente's dashboard for the gemeente role (map, ten-year trend, nine
  breakdowns, data quality), disclosure control included, in three states: *koud* (count and protection
  caches emptied: the first request after a new data vintage), *warm* (a gemeente not asked before, with the
  families of earlier requests cached: a running server), and
- ``kaart``: the national map per gemeente (overview table, protected) plus its SVG;
- ``kale queries``: the plain DuckDB aggregate queries underneath a dashboard in the same run (count cache
  emptied, no disclosure control, no tables).

Usage: ``python benchmarks/bench_insight.py [--meldingen 1000000] [--herhalingen 15] [--db PATH]``.
Results go to stdout and ``benchmarks/results/bench_insight.json``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from zicht.analysis import (  # noqa: E402
    Periode,
    Statistiekdienst,
    Tabelsoort,
    Verzoek,
    beveiliging,
    kaart_svg,
    lees_register,
    lees_vintage,
    maak_dashboard,
    maak_extract,
)
from zicht.analysis.dashboard import DASHBOARD_UITSPLITSINGEN  # noqa: E402
from zicht.analysis.dimensies import Eenheid, Gebiedsbasis  # noqa: E402
from zicht.analysis.kwaliteit import Kwaliteitsgroep, tel_kwaliteit  # noqa: E402
from zicht.analysis.tellingen import tel  # noqa: E402
from zicht.privacy.disclosure import DisclosurePolicy  # noqa: E402
from zicht.reference import Gebiedsniveau, load_reference  # noqa: E402
from zicht.storage import make_engine, session_factory, transaction, upgrade  # noqa: E402
from zicht.storage.bulk import bulk_insert  # noqa: E402
from zicht.storage.tables import (  # noqa: E402
    Melding,
    MeldingNationaliteit,
    MeldingUitbuiting,
    MeldingWerkwijze,
    Organisatie,
    Persoon,
)

REFERENCE_DIR = ROOT.parent / "shared" / "data" / "nl"
JAREN = range(2015, 2025)
PERIODE = Periode.jaar(2024)
_CHUNK = 100_000


def bouw_register(url: str, n: int, seed: int = 2024) -> None:
    """Fill an empty registry with ``n`` synthetic meldingen (minimised columns only)."""
    ref = load_reference(REFERENCE_DIR)
    rng = np.random.default_rng(seed)
    engine = make_engine(url)
    upgrade(engine)
    sessions = session_factory(engine)
    eenheden = list(ref.gebieden(Gebiedsniveau.politie_eenheid))
    orgs = []
    with transaction(sessions) as s:
        for soort, regios in (
            ("nationale_politie", eenheden),
            ("kmar", ["KMar Schiphol"]),
            ("nla", [None]),
            ("zorgcoordinatie", eenheden),
            ("fairwork", [None]),
            ("coa", [None]),
        ):
            for regio in regios:
                org = Organisatie(
                    code=f"{soort}-{regio or 'landelijk'}", naam=f"{soort} {regio or ''}", soort=soort, regio=regio
                )
                s.add(org)
                orgs.append(org)
        s.flush()
        org_info = [(o.id, o.soort, o.regio) for o in orgs]
    gms = sorted(ref.gemeenten)
    w = np.array([ref.gemeenten[g].inwoners for g in gms], dtype=float)
    w /= w.sum()
    n_personen = int(n / 1.15)
    persoon_ids = [uuid.uuid4() for _ in range(n_personen)]
    nu = datetime(2025, 1, 15, tzinfo=UTC)
    with transaction(sessions) as s:
        for start in range(0, n_personen, _CHUNK):
            bulk_insert(
                s,
                Persoon.__table__,
                [  # type: ignore[arg-type]
                    {"id": pid, "status": "actief", "opgegaan_in": None, "aangemaakt_op": nu, "gewijzigd_op": nu}
                    for pid in persoon_ids[start : start + _CHUNK]
                ],
            )
    vormen = np.array(["seksueel", "arbeid", "crimineel", "onbekend"])
    werkwijzen = np.array(["loverboymethode", "schuldslavernij", "valse_beloften", "werving_online", "onbekend"])
    landen = np.array(["NL", "PL", "RO", "BG", "HU", "NG", "UA", "ER", "VN", "BR", "CO", "MA", "onbekend"])
    landkans = np.array([30, 12, 8, 5, 3, 9, 6, 3, 3, 3, 2, 2, 14], dtype=float)
    landkans /= landkans.sum()
    begin = date(2015, 1, 1)
    for start in range(0, n, _CHUNK):
        k = min(_CHUNK, n - start)
        persoon = rng.integers(0, n_personen, k)
        gekoppeld = rng.random(k) < 0.9
        dag = rng.integers(0, 3653, k)
        pd = rng.choice(3, k, p=[0.72, 0.1, 0.18])
        gm = rng.choice(len(gms), k, p=w)
        org = rng.integers(0, len(org_info), k)
        leeftijd = np.where(rng.random(k) < 0.1, -1, rng.integers(12, 60, k))
        geslacht = rng.choice(np.array(["vrouw", "man", "onbekend"]), k, p=[0.66, 0.31, 0.03])
        dossier = rng.choice(
            np.array(["registratie", "registratie_opvang", "registratie_informatie_advies"]), k, p=[0.6, 0.25, 0.15]
        )
        vorm1 = rng.choice(vormen, k, p=[0.45, 0.35, 0.1, 0.1])
        vorm2 = np.where(rng.random(k) < 0.15, rng.choice(vormen[:3], k), vorm1)
        werkwijze = rng.choice(werkwijzen, k, p=[0.2, 0.15, 0.15, 0.1, 0.4])
        land = rng.choice(landen, k, p=landkans)
        ids = [uuid.uuid4() for _ in range(k)]
        rows = [
            {
                "id": ids[i],
                "organisatie_id": org_info[org[i]][0],
                "melder_referentie": f"B{start + i}",
                "melder_soort": org_info[org[i]][1],
                "melder_regio": org_info[org[i]][2],
                "melddatum": begin + timedelta(days=int(dag[i])),
                "uitbuiting_van": None,
                "uitbuiting_tot": None,
                "plaats_delict_soort": ("gemeente", "buitenland", "onbekend")[pd[i]],
                "plaats_delict_gemeente": gms[gm[i]] if pd[i] == 0 else None,
                "plaats_delict_land": "DE" if pd[i] == 1 else None,
                "wervingsplaats_gemeente": None,
                "wervingsplaats_land": None,
                "geslacht": str(geslacht[i]),
                "geboortejaar": None,
                "leeftijd_bij_melding": None if leeftijd[i] < 0 else int(leeftijd[i]),
                "dossiertype": str(dossier[i]),
                "status": "mogelijk",
                "grondslag": "onbekend",
                "toestemming": "onbekend",
                "persoon_id": persoon_ids[persoon[i]] if gekoppeld[i] else None,
                "inhoud_hash": "0" * 64,
                "bron": "upload",
                "import_id": None,
                "codebook_versie": "bench",
                "gebiedsindeling_jaar": 2023,
                "aangemaakt_op": nu,
            }
            for i in range(k)
        ]
        uit = [{"melding_id": ids[i], "vorm": str(vorm1[i]), "sector": "onbekend"} for i in range(k)]
        uit += [
            {"melding_id": ids[i], "vorm": str(vorm2[i]), "sector": "onbekend"}
            for i in range(k)
            if vorm2[i] != vorm1[i]
        ]
        ww = [{"melding_id": ids[i], "werkwijze": str(werkwijze[i])} for i in range(k)]
        nat = [{"melding_id": ids[i], "land": str(land[i]), "volgorde": 0} for i in range(k)]
        with transaction(sessions) as s:
            bulk_insert(s, Melding.__table__, rows)  # type: ignore[arg-type]
            bulk_insert(s, MeldingUitbuiting.__table__, uit)  # type: ignore[arg-type]
            bulk_insert(s, MeldingWerkwijze.__table__, ww)  # type: ignore[arg-type]
            bulk_insert(s, MeldingNationaliteit.__table__, nat)  # type: ignore[arg-type]
        print(f"  {start + k:>9,} meldingen", file=sys.stderr)
    engine.dispose()


def _kale_queries(extract) -> None:  # type: ignore[no-untyped-def]
    """The DuckDB aggregates behind one dashboard, without tables or disclosure control."""
    for jaar in JAREN:
        tel(extract, periodes=[Periode.jaar(jaar)], eenheid=Eenheid.personen)
    for wat in DASHBOARD_UITSPLITSINGEN:
        tel(extract, periodes=[PERIODE], eenheid=Eenheid.personen, uitsplitsing=wat)
    tel_kwaliteit(extract, PERIODE, Kwaliteitsgroep.melder_regio)
    tel(extract, periodes=[PERIODE], eenheid=Eenheid.meldingen, basis=Gebiedsbasis.melder_regio)


def _p(xs: list[float], q: float) -> float:
    return float(np.percentile(np.array(xs), q))


def _samenvatting(xs: list[float]) -> dict[str, float]:
    return {"mediaan_s": round(statistics.median(xs), 4), "p95_s": round(_p(xs, 95), 4), "n": len(xs)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meldingen", type=int, default=1_000_000)
    parser.add_argument("--herhalingen", type=int, default=15)
    parser.add_argument("--db", type=Path, default=None, help="SQLite file to (re)use")
    args = parser.parse_args(argv)
    ref = load_reference(REFERENCE_DIR)
    db = args.db or Path(tempfile.mkdtemp()) / "bench.sqlite3"
    url = f"sqlite:///{db}"
    if not db.exists():
        t = time.perf_counter()
        bouw_register(url, args.meldingen)
        print(
            f"register gebouwd: {args.meldingen:,} meldingen in {time.perf_counter() - t:.1f} s ({db})", file=sys.stderr
        )
    engine = make_engine(url)
    t = time.perf_counter()
    vintage = lees_vintage(engine, ref)
    t_vintage = time.perf_counter() - t
    t = time.perf_counter()
    ruw = lees_register(engine)
    t_lees = time.perf_counter() - t
    t = time.perf_counter()
    extract = maak_extract(ruw, ref, vintage)
    t_duck = time.perf_counter() - t
    beleid = DisclosurePolicy()
    houder = {"extract": extract}
    dienst = Statistiekdienst(lambda: houder["extract"], beleid)
    rng = np.random.default_rng(1)
    gemeenten = [str(g) for g in rng.choice(sorted(ref.gemeenten), args.herhalingen + 1, replace=False)]

    def nieuw_extract() -> None:  # empty the per-vintage count cache (as after a new vintage)
        extract._cache.clear()

    kaal, koud, warm, kaart = [], [], [], []
    for gm in gemeenten[: args.herhalingen]:
        nieuw_extract()
        t = time.perf_counter()
        _kale_queries(extract)
        kaal.append(time.perf_counter() - t)
        nieuw_extract()
        beveiliging.leeg_cache()
        t = time.perf_counter()
        maak_dashboard(dienst, Gebiedsniveau.gemeente, gm, PERIODE, rol="gemeente", van=2015)
        koud.append(time.perf_counter() - t)
    for gm in gemeenten[1:]:  # steady state: other gemeenten, families cached by earlier requests
        t = time.perf_counter()
        maak_dashboard(dienst, Gebiedsniveau.gemeente, gm, PERIODE, rol="gemeente", van=2015)
        warm.append(time.perf_counter() - t)
    for _ in range(args.herhalingen):
        t = time.perf_counter()
        tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, PERIODE, Gebiedsniveau.gemeente), rol="gemeente")
        kaart_svg(tabel, ref, Gebiedsniveau.gemeente)
        kaart.append(time.perf_counter() - t)
    nieuw_extract()
    beveiliging.leeg_cache()
    t = time.perf_counter()
    tabel = dienst.statistiek(Verzoek(Tabelsoort.overzicht, PERIODE, Gebiedsniveau.gemeente), rol="gemeente")
    kaart_svg(tabel, ref, Gebiedsniveau.gemeente)
    kaart_koud = time.perf_counter() - t
    resultaat = {
        "meldingen": extract.meldingen,
        "gekoppeld": extract.gekoppeld,
        "extract": {"vintage_s": round(t_vintage, 3), "lezen_s": round(t_lees, 2), "duckdb_s": round(t_duck, 2)},
        "kale_queries": _samenvatting(kaal),
        "dashboard_koud": _samenvatting(koud),
        "dashboard_warm": _samenvatting(warm),
        "kaart_warm": _samenvatting(kaart),
        "kaart_koud_s": round(kaart_koud, 3),
        "verhouding_koud_tot_kaal": round(statistics.median(koud) / statistics.median(kaal), 2),
        "verhouding_warm_tot_kaal": round(statistics.median(warm) / statistics.median(kaal), 2),
        "doel": "dashboard < 5x kale queries",
    }
    print(json.dumps(resultaat, indent=2))
    uit = ROOT / "benchmarks" / "results"
    uit.mkdir(parents=True, exist_ok=True)
    (uit / "bench_insight.json").write_text(json.dumps(resultaat, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
