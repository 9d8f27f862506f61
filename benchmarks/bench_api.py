# SPDX-License-Identifier: EUPL-1.2
"""Benchmark: the web app and API under load, with 100,000 meldingen in the registry.

For each database (SQLite file, throwaway PostgreSQL) it fills the registry through
``zicht.intake.bewaar_meldingen`` with generated meldingen of one organisation, starts the app with uvicorn
in a separate process (one worker, as ``zicht serve``), and measures from a concurrent client on loopback
(httpx, a thread pool):

* **baseline** - a bare FastAPI endpoint returning a constant, served the same way;
* **API: melding aanmaken** - ``POST /api/v1/meldingen`` with an organisation token (validation, vault,
  logboek, one transaction each);
* **pagina: meldingenlijst** - ``GET /meldingen?pagina=N`` as the organisation's melder, random pages of its
  100,000 meldingen (count, page query, logboek records for the 25 shown, Jinja rendering);
* **API: meldingenlijst** - ``GET /api/v1/meldingen?pagina=N`` with the token.

It prints median and 95th-percentile latency and requests per second for each, next to the baseline.

Usage: ``python benchmarks/bench_api.py [--rows 100000] [--db sqlite,postgres] [--requests 400] [--concurrency 8]``
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO_ROOT))  # tests.conftest (keys, reference dir) and tests.pg (PostgreSQL)

import httpx  # noqa: E402
from fastapi import FastAPI  # noqa: E402

from zicht.domain import Identiteitsgegevens, MeldingInvoer, Plaats, Uitbuiting  # noqa: E402

CHUNK = 5000


def baseline_app() -> FastAPI:
    """The baseline: a bare FastAPI endpoint returning a constant (``uvicorn --factory``)."""
    app = FastAPI()

    @app.get("/constant")
    def constant() -> dict[str, str]:
        return {"status": "ok"}

    return app


# ---- data ---------------------------------------------------------------------------------------------


def genereer(n: int, gemeenten: list[str], seed: int = 1) -> Iterator[MeldingInvoer]:
    """``n`` plausible validated meldingen (a tenth with identifying data, so the vault does real work)."""
    rnd = random.Random(seed)
    vormen = [
        ("seksueel", "raamprostitutie"),
        ("seksueel", "onbekend"),
        ("arbeid", "land_tuinbouw"),
        ("arbeid", "onbekend"),
        ("crimineel", "onbekend"),
    ]
    start = date(2015, 1, 1)
    for i in range(n):
        vorm, sector = rnd.choice(vormen)
        identiteit = (
            Identiteitsgegevens(
                voornamen=f"Voornaam{i}",
                achternaam=f"Achternaam{i % 997}",
                geboortedatum=date(1980 + i % 30, 1 + i % 12, 1 + i % 28),
            )
            if i % 10 == 0
            else Identiteitsgegevens()
        )
        yield MeldingInvoer(
            melder_referentie=f"BENCH-{i:07d}",
            melddatum=start + timedelta(days=rnd.randrange(3650)),
            uitbuitingen=(Uitbuiting(vorm, sector),),
            werkwijzen=(rnd.choice(["loverboymethode", "schuldslavernij", "onbekend"]),),
            plaats_delict=Plaats.in_gemeente(rnd.choice(gemeenten)),
            geslacht=rnd.choice(["vrouw", "man", "onbekend"]),
            leeftijd_bij_melding=rnd.randrange(14, 60),
            nationaliteiten=(rnd.choice(["NL", "PL", "RO", "NG", "onbekend"]),),
            identiteit=identiteit,
        )


def vul(database_url: str, environ: dict[str, str], rows: int) -> tuple[str, str]:
    """Migrate and fill the registry; returns (API token, session cookie value) of the organisation."""
    from zicht.accounts import sessies
    from zicht.accounts.sessies import Stap
    from zicht.accounts.tokens import maak_token
    from zicht.config import load_settings
    from zicht.intake import bewaar_meldingen
    from zicht.privacy.logboek import Actor
    from zicht.privacy.vault import Vault
    from zicht.reference import load_reference
    from zicht.storage import make_engine, session_factory, transaction, upgrade
    from zicht.storage.tables import Organisatie
    from zicht.web.demo import maak_demo_accounts

    settings = load_settings({**environ, "ZICHT_DATABASE_URL": database_url})
    engine = make_engine(database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    accounts = {a.rol: a for a in maak_demo_accounts(sessions, settings)}
    vault = Vault.from_settings(settings)
    gemeenten = sorted(load_reference(settings.effective_reference_dir).gemeenten)
    started = time.perf_counter()
    with transaction(sessions) as s:
        org = s.query(Organisatie).filter_by(code=accounts["melder"].organisatie).one()
        org_id = org.id
    batch: list[MeldingInvoer] = []
    for melding in genereer(rows, gemeenten):
        batch.append(melding)
        if len(batch) == CHUNK:
            _bewaar(sessions, vault, org_id, batch, bewaar_meldingen, Actor("bench", "melder", org.code))
            batch = []
    if batch:
        _bewaar(sessions, vault, org_id, batch, bewaar_meldingen, Actor("bench", "melder", org.code))
    print(f"  gevuld / filled: {rows:,} meldingen in {time.perf_counter() - started:.1f} s")
    # Statistics and visibility map as autovacuum would leave them in a running registry.
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE")
    with transaction(sessions) as s:
        org = s.get(Organisatie, org_id)
        token, _ = maak_token(s, org, ["meldingen:aanmaken", "meldingen:lezen"], omschrijving="bench")
        from zicht.accounts import zoek_gebruiker

        melder = zoek_gebruiker(s, accounts["melder"].gebruikersnaam)
        assert melder is not None
        cookie = sessies.start_sessie(s, melder.id, Stap.volledig)
    engine.dispose()
    return token, cookie


def _bewaar(sessions, vault, org_id, batch, bewaar, actor) -> None:  # type: ignore[no-untyped-def]
    from zicht.storage import transaction
    from zicht.storage.tables import Organisatie

    with transaction(sessions) as s:
        bewaar(s, vault, s.get(Organisatie, org_id), batch, bron="upload", actor=actor)


# ---- serving and load -----------------------------------------------------------------------------------


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def uvicorn_proces(app: str, environ: dict[str, str], app_dir: Path | None = None) -> Iterator[str]:
    """Serve ``module:factory`` with uvicorn in its own process; yields the base URL."""
    poort = _vrije_poort()
    cmd = [
        sys.executable,
        "-m",
        "uvicorn",
        app,
        "--factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(poort),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    if app_dir:
        cmd += ["--app-dir", str(app_dir)]
    proc = subprocess.Popen(cmd, env={**os.environ, **environ}, cwd=REPO_ROOT)
    url = f"http://127.0.0.1:{poort}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(url + "/", timeout=1)
                break
            except httpx.TransportError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise RuntimeError(f"uvicorn for {app} did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def meet(
    naam: str, verzoek: Callable[[httpx.Client, int], httpx.Response], n: int, concurrency: int
) -> dict[str, float]:
    """Run ``n`` requests over ``concurrency`` threads; returns median/p95 latency (ms) and requests/s."""
    clients = [httpx.Client(timeout=60) for _ in range(concurrency)]
    for i in range(min(concurrency, n)):  # warm-up
        verzoek(clients[i], -1 - i).raise_for_status()

    def een(i: int) -> float:
        start = time.perf_counter()
        antwoord = verzoek(clients[i % concurrency], i)
        duur = time.perf_counter() - start
        if antwoord.status_code >= 400:
            raise RuntimeError(f"{naam}: HTTP {antwoord.status_code}")
        return duur

    begin = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        duren = sorted(pool.map(een, range(n)))
    wand = time.perf_counter() - begin
    for c in clients:
        c.close()
    return {
        "mediaan_ms": statistics.median(duren) * 1000,
        "p95_ms": duren[int(0.95 * (len(duren) - 1))] * 1000,
        "rps": n / wand,
    }


def draai(
    db: str, database_url: str, environ: dict[str, str], args: argparse.Namespace
) -> list[tuple[str, dict[str, float]]]:
    print(f"\n== {db} ==")
    token, cookie = vul(database_url, environ, args.rows)
    auth = {"Authorization": f"Bearer {token}"}
    paginas = max(1, args.rows // 25)
    rnd = random.Random(7)
    resultaten = []
    env = {**environ, "ZICHT_DATABASE_URL": database_url}
    with uvicorn_proces("bench_api:baseline_app", {}, REPO_ROOT / "benchmarks") as basis:
        resultaten.append(
            (
                "baseline (FastAPI, constante)",
                meet("baseline", lambda c, i: c.get(basis + "/constant"), args.requests, args.concurrency),
            )
        )
    with uvicorn_proces("zicht.web.app:create_app_from_environment", env) as url:

        def aanmaken(c: httpx.Client, i: int) -> httpx.Response:
            body = {
                "melderReferentie": f"API-{db}-{i}",
                "melddatum": "2024-05-01",
                "uitbuitingsvormen": ["arbeid"],
                "plaatsDelict": "GM0344",
                "geslacht": "man",
                "voornamen": "Jan",
                "achternaam": f"Bench{i}",
            }
            return c.post(url + "/api/v1/meldingen", json=body, headers=auth)

        resultaten.append(("API: melding aanmaken (POST)", meet("aanmaken", aanmaken, args.requests, args.concurrency)))
        resultaten.append(
            (
                f"pagina: meldingenlijst ({args.rows:,})",
                meet(
                    "pagina",
                    lambda c, i: c.get(
                        f"{url}/meldingen?pagina={rnd.randrange(1, paginas)}", cookies={"zicht_sessie": cookie}
                    ),
                    args.requests,
                    args.concurrency,
                ),
            )
        )
        resultaten.append(
            (
                f"API: meldingenlijst ({args.rows:,})",
                meet(
                    "api-lijst",
                    lambda c, i: c.get(f"{url}/api/v1/meldingen?pagina={rnd.randrange(1, paginas)}", headers=auth),
                    args.requests,
                    args.concurrency,
                ),
            )
        )
    basis_rps = resultaten[0][1]["rps"]
    print(f"  {'meting':<36} {'mediaan':>9} {'p95':>9} {'verzoeken/s':>12} {'t.o.v. baseline':>16}")
    for naam, r in resultaten:
        print(
            f"  {naam:<36} {r['mediaan_ms']:>7.1f}ms {r['p95_ms']:>7.1f}ms {r['rps']:>12.1f} {r['rps'] / basis_rps:>15.1%}"
        )
    return resultaten


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", default="sqlite,postgres")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    from tests.conftest import test_environ

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="zicht-bench-api-")))
        environ = test_environ(tmp, ZICHT_OMGEVING="ontwikkeling")
        for db in args.db.split(","):
            if db == "sqlite":
                draai(db, f"sqlite:///{tmp / 'bench.sqlite3'}", environ, args)
            elif db == "postgres":
                from tests.pg import postgres_server

                server = stack.enter_context(postgres_server())
                draai(db, server.create_database(), environ, args)
            else:
                parser.error(f"onbekende database {db}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
