# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of opvang at national scale: proposing facilities for a request, and the regional occupancy page.

Builds a registry in a temporary directory as ``make demo`` does (``zicht demo --no-serve``: synthetic meldingen,
imported and linked, then every facility and a synthetic year of requests, placements and daily occupancy from
``zicht.synth.opvang``), and measures in this process:

- ``voorstellen``: :func:`zicht.opvang.voorstellen.stel_voor` for ``--herhalingen`` random profiles (all
  facilities, a year of occupancy rows): median and p95 in ms, target median < 50 ms (issue 16);
- ``regiopagina``: ``GET /opvang/regio`` as ``demo-gemeente`` through the app (in-process ASGI client, session
  cookie, after one warm-up request): median and p95, target p95 < 300 ms warm; and the same for the analyst.

It reports wall and CPU time, the load average before and after and the number of cores. Targets are printed,
never asserted: this is a measurement.

Usage::

    python benchmarks/bench_opvang.py [--van 2024] [--tot 2024] [--herhalingen 200] [--json PATH]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

DOEL_VOORSTEL_MEDIAAN_MS = 50.0
DOEL_REGIO_P95_MS = 300.0


def _p(waarden: list[float], q: float) -> float:
    s = sorted(waarden)
    return s[min(len(s) - 1, round(q * (len(s) - 1)))]


def _samenvatting(duren: list[float]) -> dict[str, float]:
    ms = [d * 1000 for d in duren]
    return {"n": len(ms), "mediaan_ms": statistics.median(ms), "p95_ms": _p(ms, 0.95), "max_ms": max(ms)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--van", type=int, default=2024)
    parser.add_argument("--tot", type=int, default=2024)
    parser.add_argument("--herhalingen", type=int, default=200)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)

    from tests.conftest import test_environ

    from zicht.cli import main as zicht

    belasting_voor = os.getloadavg()
    wall0, cpu0 = time.perf_counter(), time.process_time()
    with tempfile.TemporaryDirectory(prefix="bench-opvang-") as tmp:
        env = test_environ(Path(tmp), ZICHT_OMGEVING="demo")
        t = time.perf_counter()
        if zicht(["demo", "--from", str(args.van), "--to", str(args.tot), "--no-serve"], env) != 0:
            return 1
        opbouw_s = time.perf_counter() - t
        resultaat = _meet(env, args.herhalingen)
    resultaat.update(
        opbouw_s=opbouw_s,
        wall_s=time.perf_counter() - wall0,
        cpu_s=time.process_time() - cpu0,
        belasting_voor=belasting_voor,
        belasting_na=os.getloadavg(),
        kernen=os.cpu_count(),
    )
    _toon(resultaat)
    if args.json:
        args.json.write_text(json.dumps(resultaat, indent=2, default=str), encoding="utf-8")
    return 0


def _meet(env: dict[str, str], herhalingen: int) -> dict[str, Any]:
    from sqlalchemy import func, select

    from zicht.accounts import sessies, zoek_gebruiker
    from zicht.accounts.sessies import Stap
    from zicht.config import load_settings
    from zicht.opvang.regels import EU_STATUS, GESLACHTEN, VERBLIJFSSTATUS, Profiel
    from zicht.opvang.voorstellen import stel_voor
    from zicht.reference import load_reference
    from zicht.reference.opvangregios import laad_opvangregios
    from zicht.storage import engine_from_settings, session_factory, transaction
    from zicht.storage.base import utcnow
    from zicht.storage.tables import OpvangBezetting, OpvangVoorziening
    from zicht.web import create_app
    from zicht.web.auth.cookies import SESSIE

    settings = load_settings(env)
    engine = engine_from_settings(settings)
    sessions = session_factory(engine)
    ref = load_reference(settings.reference_dir)
    regios = laad_opvangregios(ref.bron_dir)
    rng = random.Random(16)
    gemeenten = sorted(ref.gemeenten)
    duren: list[float] = []
    with sessions() as s:
        omvang = {"voorzieningen": s.scalar(select(func.count()).select_from(OpvangVoorziening)),
                  "bezettingsrijen": s.scalar(select(func.count()).select_from(OpvangBezetting))}  # fmt: skip
        for _ in range(herhalingen):
            profiel = Profiel(rng.choice(GESLACHTEN), rng.choice([None, *range(14, 60)]), rng.choice(EU_STATUS),
                              rng.choice(VERBLIJFSSTATUS), veiligheidsrisico=rng.random() < 0.3,
                              kinderen=int(rng.random() < 0.1))  # fmt: skip
            t = time.perf_counter()
            stel_voor(s, ref, regios, profiel, plaats_delict_gemeente=rng.choice(gemeenten),
                      verblijfgemeente=rng.choice(gemeenten), datum=utcnow().date())  # fmt: skip
            duren.append(time.perf_counter() - t)
    app = create_app(settings, engine=engine)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        from starlette.testclient import TestClient
    pagina: dict[str, Any] = {}
    for rol in ("demo-gemeente", "demo-analist"):
        with transaction(sessions) as s:
            g = zoek_gebruiker(s, rol)
            assert g is not None
            token = sessies.start_sessie(s, g.id, Stap.volledig)
        client = TestClient(app)
        client.cookies.set(SESSIE, token)
        assert client.get("/opvang/regio").status_code == 200  # warm-up
        tijden = []
        for _ in range(max(20, herhalingen // 4)):
            t = time.perf_counter()
            r = client.get("/opvang/regio")
            tijden.append(time.perf_counter() - t)
            assert r.status_code == 200
        pagina[rol] = _samenvatting(tijden)
    engine.dispose()
    return {"omvang": omvang, "voorstellen": _samenvatting(duren), "regiopagina": pagina}


def _toon(r: dict[str, Any]) -> None:
    print(f"opvang-benchmark: {r['omvang']['voorzieningen']} voorzieningen, {r['omvang']['bezettingsrijen']} "
          f"bezettingsrijen; registry gebouwd in {r['opbouw_s']:.1f} s")  # fmt: skip
    v = r["voorstellen"]
    print(f"  voorstellen (n={v['n']}): mediaan {v['mediaan_ms']:.1f} ms, p95 {v['p95_ms']:.1f} ms, "
          f"max {v['max_ms']:.1f} ms   doel: mediaan < {DOEL_VOORSTEL_MEDIAAN_MS:.0f} ms")  # fmt: skip
    for rol, p in r["regiopagina"].items():
        print(f"  /opvang/regio warm als {rol} (n={p['n']}): mediaan {p['mediaan_ms']:.1f} ms, "
              f"p95 {p['p95_ms']:.1f} ms   doel: p95 < {DOEL_REGIO_P95_MS:.0f} ms")  # fmt: skip
    print(f"  wall {r['wall_s']:.1f} s, CPU {r['cpu_s']:.1f} s, kernen {r['kernen']}, belasting voor "
          f"{'/'.join(f'{x:.2f}' for x in r['belasting_voor'])}, na {'/'.join(f'{x:.2f}' for x in r['belasting_na'])}")  # fmt: skip


if __name__ == "__main__":
    raise SystemExit(main())
