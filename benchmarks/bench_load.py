# SPDX-License-Identifier: EUPL-1.2
"""Mixed load on the served app: pages, statistics, melding creation and uploads, beside a trivial endpoint.

Issue 15 ("Done when"): 50 concurrent clients mixing pages, statistics, melding creation and an upload for
60 s, beside a trivial endpoint in the same run: 0 errors, the trivial endpoint's p95 < 1 s, page p95
reported; on SQLite and on PostgreSQL.

Per database (``--db sqlite,postgresql``) the script

- builds a registry as ``make demo`` does (``zicht demo --no-serve`` with a throw-away ``demo.env``, see
  :mod:`bench_insight`), for PostgreSQL in a throwaway server started from the local binaries
  (``tests/pg.py``);
- starts the app as a separate process (``python -m zicht serve``, one worker), with every process importing a
  copy of ``src/`` made at the start;
- opens ``--clients`` logged-in sessions spread over the roles (gemeente, analist, melder, beheerder,
  opvang, identiteit) and lets each loop for ``--duur`` seconds over its role's mix:

  - ``pagina``: the role's own pages (home, meldingen, uploads, analyse, beheer, logboek, opvang, ...);
  - ``statistiek-pagina``: ``/statistieken`` for varied periods, levels and areas (gemeente, analist);
  - ``statistiek-api``: ``/api/v1/statistieken`` with varied soort, level, area and period;
  - ``melding``: ``POST /api/v1/meldingen`` with a melder's API token (a new melding, identity included);
  - ``upload``: one client uploads a CSV of ``--upload-rijen`` meldingen (``POST /api/v1/uploads``), follows
    the job (``upload-status``) until it is ``klaar`` and starts the next one, for the whole run;

- meanwhile a probe requests the trivial ``/api/v1/`` every 0.2 s (``triviaal``), also just before the load.

It reports per request kind: count, errors, p50/p95/max; the trivial endpoint's p95 during the load; the wall
and CPU time of the app server (and of PostgreSQL's processes); the load average at start and end. A request
is an error when it fails to connect or answers with an unexpected status; an upload whose job breaks off or
rejects a row of the (valid) file is an error too. Exit status 1 when there is any error or the trivial
endpoint's p95 is 1 s or more (the figures are still written).

Usage::

    python benchmarks/bench_load.py                      # 50 clients, 60 s, SQLite and PostgreSQL
    python benchmarks/bench_load.py --db sqlite --clients 20 --duur 30
    python benchmarks/bench_load.py --snel --uit /tmp/x  # smoke mode of the test suite

Results go to ``benchmarks/results/bench_load_<date>.txt`` and ``.json`` (``--uit`` another folder).
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import csv
import io
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_insight as bi  # noqa: E402  (the server, account and measuring helpers)

#: Target of issue 15: the trivial endpoint's p95 during the load, in ms.
DOEL_TRIVIAAL_P95_MS = 1000.0
TIMEOUT_S = 300.0
SOORTEN = ("pagina", "statistiek-pagina", "statistiek-api", "melding", "upload", "upload-status", "triviaal")

#: Pages per role (GET, logged in). A page answering 403 to its role at the start is left out of the mix
#: (listed in the report); any other status but 200 is an error.
PAGINAS: dict[str, tuple[str, ...]] = {
    "melder": ("/", "/meldingen", "/meldingen/nieuw", "/uploads", "/mijn-gegevens"),
    "analist": ("/", "/analyse/meldingen", "/analyse/koppelingen", "/netwerk", "/mijn-gegevens"),
    "gemeente": ("/", "/mijn-gegevens", "/privacy"),
    "beheerder": ("/", "/beheer/gebruikers", "/beheer/organisaties", "/beheer/tokens", "/logboek"),
    "opvang": ("/", "/opvang", "/opvang/bezetting", "/opvang/regio"),
    "identiteit": ("/", "/analyse/meldingen", "/mijn-gegevens"),
}
#: Share of the clients per role (rounded; every role gets at least one client).
AANDEEL = {"gemeente": 0.26, "analist": 0.26, "melder": 0.24, "beheerder": 0.08, "opvang": 0.08, "identiteit": 0.08}
#: What a client of each role does, with weights.
MIX: dict[str, dict[str, int]] = {
    "gemeente": {"pagina": 2, "statistiek-pagina": 4, "statistiek-api": 4},
    "analist": {"pagina": 4, "statistiek-pagina": 3, "statistiek-api": 3},
    "melder": {"pagina": 5, "melding": 5},
    "beheerder": {"pagina": 1},
    "opvang": {"pagina": 1},
    "identiteit": {"pagina": 1},
}
GEBRUIKER = {r: f"demo-{r}" for r in AANDEEL}


@dataclass
class Soort:
    """Latencies and errors of one kind of request."""

    naam: str
    duren: list[float] = field(default_factory=list)
    statussen: Counter[str] = field(default_factory=Counter)
    fouten: int = 0
    voorbeelden: list[str] = field(default_factory=list)

    def ok(self, duur: float, status: int) -> None:
        self.duren.append(duur)
        self.statussen[str(status)] += 1

    def fout(self, beschrijving: str, duur: float | None = None, status: int | str | None = None) -> None:
        self.fouten += 1
        if duur is not None:
            self.duren.append(duur)
        if status is not None:
            self.statussen[str(status)] += 1
        if len(self.voorbeelden) < 8:
            self.voorbeelden.append(beschrijving[:300])

    def samenvatting(self) -> dict[str, Any]:
        ms = [d * 1000 for d in self.duren]
        return {
            "soort": self.naam,
            "n": len(ms),
            "fouten": self.fouten,
            "p50_ms": round(bi.percentiel(ms, 50), 1) if ms else None,
            "p95_ms": round(bi.percentiel(ms, 95), 1) if ms else None,
            "max_ms": round(max(ms), 1) if ms else None,
            "statussen": dict(sorted(self.statussen.items())),
            "voorbeelden_fouten": self.voorbeelden,
        }


# ---- set-up -----------------------------------------------------------------------------------------------


def verdeel_clients(n: int) -> dict[str, int]:
    """``n`` clients over the roles by :data:`AANDEEL`, at least one each (when n allows)."""
    rollen = list(AANDEEL)
    aantallen = {r: max(1, round(n * AANDEEL[r])) for r in rollen}
    while sum(aantallen.values()) > n and any(v > 1 for v in aantallen.values()):
        grootste = max(rollen, key=lambda r: aantallen[r])
        aantallen[grootste] -= 1
    while sum(aantallen.values()) < n:
        aantallen[rollen[sum(aantallen.values()) % 2]] += 1  # gemeente / analist
    return aantallen


def api_token(env: dict[str, str], organisatie: str) -> str:
    """An API token of ``organisatie`` for meldingen and uploads (as ``zicht users create-token`` makes one)."""
    from zicht.accounts.tokens import maak_token
    from zicht.config import load_settings
    from zicht.storage import make_engine, session_factory, transaction
    from zicht.storage.tables import Organisatie

    engine = make_engine(load_settings(env).effective_database_url)
    try:
        with transaction(session_factory(engine)) as s:
            org = s.query(Organisatie).filter_by(code=organisatie).one()
            token, _ = maak_token(s, org, ["meldingen:aanmaken", "uploads"], omschrijving="bench_load")
            return token
    finally:
        engine.dispose()


_VOORNAMEN = ("Anna", "Maria", "Ioana", "Olena", "Ngozi", "Daan", "Piotr", "Fatima", "Lan", "Sofia")
_ACHTERNAMEN = ("Jansen", "Kowalska", "Popescu", "Shevchenko", "Okafor", "de Vries", "Nowak", "Nguyen", "Bakker")


def upload_csv(rijen: int, gemeenten: list[str], rng: random.Random) -> bytes:
    """A valid upload of ``rijen`` new meldingen (fresh references), identities included."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        ["melder_referentie", "melddatum", "uitbuitingsvorm", "plaats_delict", "geslacht", "nationaliteit",
         "voornamen", "achternaam", "geboortedatum"]
    )  # fmt: skip
    serie = uuid.uuid4().hex[:10]
    begin = date(2024, 1, 1)
    for i in range(rijen):
        w.writerow(
            [
                f"LOAD-{serie}-{i}",
                (begin + timedelta(days=rng.randrange(330))).isoformat(),
                rng.choice(("seksueel", "arbeid", "crimineel")),
                rng.choice(gemeenten),
                rng.choice(("vrouw", "man")),
                rng.choice(("NL", "PL", "RO", "NG", "UA")),
                rng.choice(_VOORNAMEN),
                rng.choice(_ACHTERNAMEN),
                date(1975 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)).isoformat(),
            ]
        )
    return out.getvalue().encode("utf-8")


def melding_body(gemeenten: list[str], rng: random.Random) -> dict[str, Any]:
    return {
        "melderReferentie": f"LOAD-API-{uuid.uuid4().hex[:16]}",
        "melddatum": (date(2024, 1, 1) + timedelta(days=rng.randrange(330))).isoformat(),
        "uitbuitingsvormen": [rng.choice(("seksueel", "arbeid", "crimineel"))],
        "plaatsDelict": rng.choice(gemeenten),
        "geslacht": rng.choice(("vrouw", "man")),
        "nationaliteiten": [rng.choice(("NL", "PL", "RO", "NG"))],
        "voornamen": rng.choice(_VOORNAMEN),
        "achternaam": rng.choice(_ACHTERNAMEN),
        "geboortedatum": date(1975 + rng.randrange(30), 1 + rng.randrange(12), 1 + rng.randrange(28)).isoformat(),
    }


def statistiek_urls(gm: str, vr: str, gemeenten: list[str], rol: str, rng: random.Random) -> dict[str, list[str]]:
    """Varied statistics requests: pages (dashboard) and API, for the role's own area or many areas."""
    d = "/statistieken"
    jaren = list(range(2015, 2025))
    paginas: list[str] = [d]
    for jaar in jaren:
        # protected figures (the gemeente) come by calendar year only; the analist may ask quarters and periods
        perioden = [str(jaar)] if rol == "gemeente" else [str(jaar), f"{jaar}-Q{rng.randrange(1, 5)}"]
        if rol != "gemeente" and jaar >= jaren[0] + 2:
            perioden.append(f"{jaar - 2}-{jaar}")
        for periode in perioden:
            gebied = gm if rol == "gemeente" else rng.choice(gemeenten)
            paginas.append(bi._q(d, periode=periode, niveau="gemeente", gebied=gebied))
        paginas.append(bi._q(d, periode=str(jaar), niveau="veiligheidsregio", gebied=vr))
    rng.shuffle(paginas)
    return {"statistiek-pagina": paginas, "statistiek-api": bi.lastvragen(gm, gemeenten, rol, jaren, rng)}


# ---- servers and their CPU --------------------------------------------------------------------------------


def _proc_cpu_met_kinderen_s(pid: int) -> float | None:
    """User + system CPU of a process plus that of its reaped children (PostgreSQL's postmaster)."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return sum(int(v) for v in velden[11:15]) / os.sysconf("SC_CLK_TCK")


def _kinderen(pid: int) -> list[int]:
    uit = []
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            with suppress(OSError, IndexError):
                if int((p / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    uit.append(int(p.name))
    return uit


class Postgres:
    """A throwaway PostgreSQL (tests/pg.py) and the CPU time of its processes."""

    def __init__(self) -> None:
        from tests.pg import PostgresServer

        self.server = PostgresServer()
        self.url = self.server.create_database()
        pidbestand = self.server.datadir / "postmaster.pid"
        self.pid = int(pidbestand.read_text().splitlines()[0])

    def cpu_s(self) -> float:
        """CPU seconds of the postmaster, its live backends and those that ended."""
        totaal = _proc_cpu_met_kinderen_s(self.pid) or 0.0
        return totaal + sum(bi._proc_cpu_s(k) or 0.0 for k in _kinderen(self.pid))

    def stop(self) -> None:
        self.server.stop()


# ---- the load ---------------------------------------------------------------------------------------------


@dataclass
class Client:
    rol: str
    cookie: str
    paginas: list[str]
    statistiek: dict[str, list[str]]


def _onverwacht(r: httpx.Response, verwacht: tuple[int, ...]) -> bool:
    return r.status_code not in verwacht


async def _verzoek(
    c: httpx.AsyncClient, soort: Soort, methode: str, url: str, verwacht: tuple[int, ...], **kw: Any
) -> httpx.Response | None:
    t = time.perf_counter()
    try:
        r = await c.request(methode, url, **kw)
    except httpx.HTTPError as exc:
        soort.fout(f"{methode} {url}: {type(exc).__name__}: {exc}", time.perf_counter() - t, type(exc).__name__)
        return None
    duur = time.perf_counter() - t
    if _onverwacht(r, verwacht):
        soort.fout(f"{methode} {url}: HTTP {r.status_code} {r.text[:200]!r}", duur, r.status_code)
    else:
        soort.ok(duur, r.status_code)
    return r


def draai_last(
    url: str,
    clients: list[Client],
    token: str,
    gemeenten: list[str],
    duur_s: float,
    upload_rijen: int,
    seed: int,
    zonder: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """The load itself: clients, one uploader and the probe, for ``duur_s`` seconds."""
    soorten = {s: Soort(s) for s in SOORTEN}
    uploads: list[dict[str, Any]] = []
    stop = threading.Event()

    def probe() -> None:
        with httpx.Client(base_url=url, timeout=TIMEOUT_S) as c:
            while not stop.is_set():
                t = time.perf_counter()
                try:
                    r = c.get("/api/v1/")
                    if r.status_code == 200:
                        soorten["triviaal"].ok(time.perf_counter() - t, r.status_code)
                    else:
                        soorten["triviaal"].fout(f"HTTP {r.status_code}", time.perf_counter() - t, r.status_code)
                except httpx.HTTPError as exc:
                    soorten["triviaal"].fout(f"{type(exc).__name__}: {exc}", time.perf_counter() - t)
                stop.wait(0.2)

    async def klant(i: int, cl: Client, eind: float) -> None:
        rng = random.Random(seed * 1000 + i)
        mix = MIX[cl.rol]
        keuzes, gewichten = list(mix), list(mix.values())
        if not cl.paginas and "pagina" in mix:
            gewichten[keuzes.index("pagina")] = 0
        gewichten = [0 if k in zonder else g for k, g in zip(keuzes, gewichten, strict=True)]
        if not any(gewichten):
            return
        auth = {"Authorization": f"Bearer {token}"}
        async with httpx.AsyncClient(
            base_url=url, timeout=TIMEOUT_S, follow_redirects=False, cookies={"zicht_sessie": cl.cookie}
        ) as c:
            j = i
            while time.perf_counter() < eind:
                keuze = rng.choices(keuzes, gewichten)[0]
                j += 1
                if keuze == "pagina":
                    await _verzoek(c, soorten[keuze], "GET", cl.paginas[j % len(cl.paginas)], (200,))
                elif keuze in ("statistiek-pagina", "statistiek-api"):
                    lijst = cl.statistiek[keuze]
                    await _verzoek(c, soorten[keuze], "GET", lijst[j % len(lijst)], (200,))
                elif keuze == "melding":
                    await _verzoek(
                        c, soorten[keuze], "POST", "/api/v1/meldingen", (201,),
                        json=melding_body(gemeenten, rng), headers=auth,
                    )  # fmt: skip

    async def uploader(eind: float) -> None:
        rng = random.Random(seed)
        auth = {"Authorization": f"Bearer {token}"}
        if "upload" in zonder:
            return
        async with httpx.AsyncClient(base_url=url, timeout=TIMEOUT_S) as c:
            eerste = True
            while eerste or time.perf_counter() < eind:
                eerste = False
                inhoud = upload_csv(upload_rijen, gemeenten, rng)
                t0 = time.perf_counter()
                r = await _verzoek(
                    c, soorten["upload"], "POST", "/api/v1/uploads", (202,),
                    files={"bestand": ("load.csv", inhoud, "text/csv")}, headers=auth,
                )  # fmt: skip
                if r is None or r.status_code != 202:
                    await asyncio.sleep(1)
                    continue
                locatie = r.headers["location"]
                taak: dict[str, Any] = {}
                while True:  # follow the job (also past the end of the load: it must finish)
                    await asyncio.sleep(0.5)
                    s = await _verzoek(c, soorten["upload-status"], "GET", locatie, (200,), headers=auth)
                    if s is None or s.status_code != 200:
                        continue
                    taak = s.json()
                    if taak.get("status") != "bezig":
                        break
                    if time.perf_counter() - t0 > TIMEOUT_S:
                        taak["status"] = "te lang bezig"
                        break
                rec = {
                    "rijen": upload_rijen,
                    "status": taak.get("status"),
                    "duur_s": round(time.perf_counter() - t0, 2),
                    **{k: taak.get(k) for k in ("gelezen", "opgeslagen", "afgewezen")},
                }
                uploads.append(rec)
                if rec["status"] != "klaar" or rec["opgeslagen"] != upload_rijen or rec["afgewezen"]:
                    soorten["upload"].fout(f"upload {locatie}: {rec}")

    async def alles() -> float:
        t0 = time.perf_counter()
        eind = t0 + duur_s
        await asyncio.gather(uploader(eind), *(klant(i, cl, eind) for i, cl in enumerate(clients)))
        return time.perf_counter() - t0

    draad = threading.Thread(target=probe, daemon=True)
    draad.start()
    # Its own thread and event loop: the caller's thread may already run one (pytest).
    with concurrent.futures.ThreadPoolExecutor(1) as uitvoerder:
        wand = uitvoerder.submit(lambda: asyncio.run(alles())).result()
    stop.set()
    draad.join()
    return {"wand_s": round(wand, 2), "soorten": soorten, "uploads": uploads}


def rust_probe(url: str, n: int = 21) -> dict[str, Any]:
    """The trivial endpoint just before the load."""
    s = Soort("triviaal (rust)")
    with httpx.Client(base_url=url, timeout=TIMEOUT_S) as c:
        for _ in range(n):
            t = time.perf_counter()
            r = c.get("/api/v1/")
            (s.ok if r.status_code == 200 else lambda d, st: s.fout(f"HTTP {st}", d, st))(
                time.perf_counter() - t, r.status_code
            )
            time.sleep(0.05)
    return s.samenvatting()


def wacht_op_opwarmen(url: str, cookies: dict[str, str], urls: dict[str, str], max_s: float) -> dict[str, Any]:
    """Wait until the statistics warm-up that ``zicht serve`` starts in the background has settled: each role's
    first statistics request (``urls``) answers in under 2 s twice in a row, or ``max_s`` passed. Requests made
    during the warm-up wait for it (measured here: ``eerste_ms``), so the load runs on a warmed server; the
    time this took is reported beside the load."""
    t0 = time.perf_counter()
    eerste: dict[str, float] = {}
    snel: Counter[str] = Counter()
    klanten = {
        rol: httpx.Client(base_url=url, timeout=TIMEOUT_S, cookies={"zicht_sessie": c}) for rol, c in cookies.items()
    }
    try:
        while time.perf_counter() - t0 < max_s and any(snel[r] < 2 for r in urls):
            for rol, pad in urls.items():
                t = time.perf_counter()
                r = klanten[rol].get(pad)
                duur = time.perf_counter() - t
                if r.status_code != 200:
                    raise RuntimeError(f"opwarmen {rol} {pad}: HTTP {r.status_code}")
                eerste.setdefault(rol, duur)
                snel[rol] = snel[rol] + 1 if duur < 2.0 else 0
            time.sleep(0.5)
    finally:
        for k in klanten.values():
            k.close()
    return {
        "opwarmen_s": round(time.perf_counter() - t0, 1),
        "gezet": all(snel[r] >= 2 for r in urls),
        "eerste_ms": {r: round(d * 1000) for r, d in eerste.items()},
    }


def beschikbare_paginas(url: str, cookies: dict[str, str]) -> tuple[dict[str, list[str]], list[str], list[str]]:
    """Each role's pages that answer 200; 403 pages are left out, any other status is a set-up error."""
    uit: dict[str, list[str]] = {}
    weg: list[str] = []
    fout: list[str] = []
    for rol, paginas in PAGINAS.items():
        uit[rol] = []
        with httpx.Client(base_url=url, timeout=TIMEOUT_S, cookies={"zicht_sessie": cookies[rol]}) as c:
            for p in paginas:
                r = c.get(p)
                if r.status_code == 200:
                    uit[rol].append(p)
                elif r.status_code in (403, 404):
                    weg.append(f"{rol} {p}: HTTP {r.status_code}")
                else:
                    fout.append(f"{rol} {p}: HTTP {r.status_code}")
    return uit, weg, fout


# ---- one database -----------------------------------------------------------------------------------------


def meet_database(db: str, args: argparse.Namespace, code_src: Path | None, map_: Path) -> dict[str, Any]:
    """Build the registry on ``db``, serve it and run the load; the figures of this database."""
    t_db = time.perf_counter()
    pg = Postgres() if db == "postgresql" else None
    try:
        env = bi.omgeving(map_)
        if pg is not None:
            env["ZICHT_DATABASE_URL"] = pg.url
        if code_src is not None:
            env["PYTHONPATH"] = str(code_src)
        if "ZICHT_REFERENCE_DIR" not in os.environ:
            from zicht.config import load_settings

            env["ZICHT_REFERENCE_DIR"] = str(load_settings({}).effective_reference_dir)
        t = time.perf_counter()
        bi.bouw_demo(env, map_, args.demo_schaal)
        bouw_s = round(time.perf_counter() - t, 1)
        omvang = bi.register_omvang(env)
        print(f"[{db}] register: {omvang['meldingen']:,} meldingen in {bouw_s} s", file=sys.stderr)
        accounts = bi.demo_accounts(env)
        melder_org = accounts["melder"].organisatie
        assert melder_org is not None
        token = api_token(env, melder_org)
        gm = (accounts["gemeente"].gebied or "gemeente:GM0344").split(":")[1]
        vr = bi.vr_van(gm)
        from zicht.config import load_settings
        from zicht.reference import load_reference

        gemeenten = sorted(load_reference(load_settings({}).effective_reference_dir).gemeenten)
        aantallen = verdeel_clients(args.clients)
        sessies = {rol: bi.extra_sessies(env, GEBRUIKER[rol], aantallen[rol] + 1) for rol in aantallen}
        pg_cpu0 = pg.cpu_s() if pg is not None else None
        load_start = bi._load()
        res: dict[str, Any] = {"database": db, "register": {**omvang, "bouw_s": bouw_s}, "clients": aantallen}
        with bi.server(env, map_) as srv:
            t_srv = time.perf_counter()
            res["server_start_s"] = round(srv.start_s, 2)
            paginas, weg, fout = beschikbare_paginas(srv.url, {rol: s[-1] for rol, s in sessies.items()})
            res["paginas"] = paginas
            res["paginas_weggelaten"] = weg
            res["paginas_fout_bij_start"] = fout
            rng = random.Random(args.seed)
            clients = [
                Client(rol, cookie, paginas[rol], statistiek_urls(gm, vr, gemeenten, rol, rng))
                for rol, lijst in sessies.items()
                for cookie in lijst[:-1]
            ]
            rng.shuffle(clients)
            if args.opwarmen > 0:
                res["opwarmen"] = wacht_op_opwarmen(
                    srv.url,
                    {r: sessies[r][-1] for r in ("gemeente", "analist")},
                    {"gemeente": "/statistieken", "analist": bi._q("/api/v1/statistieken", soort="overzicht",
                                                                  niveau="gemeente", periode="2024")},
                    args.opwarmen,
                )  # fmt: skip
                print(f"[{db}] opwarmen: {res['opwarmen']}", file=sys.stderr)
            res["triviaal_rust"] = rust_probe(srv.url)
            cpu0 = srv.cpu_s()
            print(f"[{db}] last: {len(clients)} clients, {args.duur} s", file=sys.stderr)
            uitkomst = draai_last(
                srv.url, clients, token, gemeenten, args.duur, args.upload_rijen, args.seed, args.zonder
            )
            cpu1 = srv.cpu_s()
            srv_wand = time.perf_counter() - t_srv
        pg_cpu1 = pg.cpu_s() if pg is not None else None
        soorten: dict[str, Soort] = uitkomst["soorten"]
        res |= {
            "wand_last_s": uitkomst["wand_s"],
            "per_soort": [soorten[s].samenvatting() for s in SOORTEN],
            "uploads": uitkomst["uploads"],
            "server": {
                "wand_s": round(srv_wand, 1),
                "cpu_last_s": None if cpu0 is None or cpu1 is None else round(cpu1 - cpu0, 1),
                "cpu_totaal_s": None if cpu1 is None else round(cpu1, 1),
                "postgres_cpu_last_s": None if pg_cpu0 is None or pg_cpu1 is None else round(pg_cpu1 - pg_cpu0, 1),
            },
            "load": {"start": load_start, "eind": bi._load()},
            "wand_database_s": round(time.perf_counter() - t_db, 1),
        }
        fouten = sum(s.fouten for s in soorten.values()) + len(fout)
        p95 = soorten["triviaal"].samenvatting()["p95_ms"]
        res["oordeel"] = {
            "fouten": fouten,
            "triviaal_p95_ms": p95,
            "triviaal_p95_gehaald": p95 is not None and p95 < DOEL_TRIVIAAL_P95_MS,
            "uploads_voltooid": sum(1 for u in uitkomst["uploads"] if u["status"] == "klaar"),
        }
        return res
    finally:
        if pg is not None:
            pg.stop()


# ---- report -----------------------------------------------------------------------------------------------


def rapport(res: dict[str, Any]) -> str:
    regels: list[str] = []
    p = regels.append
    m = res["machine"]
    p("bench_load: gemengde last op de geserveerde app (issue 15)")
    p(
        f"{res['instellingen']['clients']} clients, {res['instellingen']['duur_s']} s, uploads van "
        f"{res['instellingen']['upload_rijen']} rijen, demo-schaal {res['instellingen']['demo_schaal']}; "
        f"server: python -m zicht serve (1 worker)"
    )
    p(
        f"machine: {m['cores']} cores, load start {m['load_start']}, eind {m['load_eind']}; python {m['python']}; "
        f"code {res['code']['commit'][:12]} (diff src {res['code']['diff_src_sha256']})"
    )
    for d in res["databases"]:
        o = d["oordeel"]
        p("")
        p(
            f"== {d['database']}: register {d['register']['meldingen']:,} meldingen "
            f"(demo gebouwd in {d['register']['bouw_s']} s); clients per rol "
            + ", ".join(f"{k} {v}" for k, v in d["clients"].items())
        )
        if "opwarmen" in d:
            w = d["opwarmen"]
            p(
                f"  opwarmen van de statistieken na de start: {w['opwarmen_s']} s "
                f"({'klaar' if w['gezet'] else 'NIET klaar'}); eerste verzoek "
                + ", ".join(f"{r} {v:,} ms" for r, v in w["eerste_ms"].items())
            )
        p(f"  {'soort':<18} {'n':>6} {'fouten':>6} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  HTTP")
        for s in [d["triviaal_rust"], *d["per_soort"]]:
            naam = s["soort"] if s["soort"] != "triviaal" else "triviaal (last)"
            statussen = ",".join(f"{k}x{v}" for k, v in s["statussen"].items())
            p(
                f"  {naam:<18} {s['n']:>6} {s['fouten']:>6} {bi._ms(s['p50_ms']):>9} {bi._ms(s['p95_ms']):>9} "
                f"{bi._ms(s['max_ms']):>9}  {statussen}"
            )
        for s in d["per_soort"]:
            for v in s["voorbeelden_fouten"][:3]:
                p(f"    fout {s['soort']}: {v}")
        up = d["uploads"]
        p(
            f"  uploads: {len(up)} ({o['uploads_voltooid']} klaar), verwerkt in "
            + (", ".join(f"{u['duur_s']} s" for u in up[:8]) or "-")
        )
        sv = d["server"]
        p(
            f"  last {d['wand_last_s']} s; server wand {sv['wand_s']} s, CPU tijdens last {sv['cpu_last_s']} s "
            f"(totaal {sv['cpu_totaal_s']} s)"
            + (f"; PostgreSQL CPU tijdens last {sv['postgres_cpu_last_s']} s" if sv["postgres_cpu_last_s"] else "")
        )
        p(f"  load (1/5/15 min): start {d['load']['start']}, eind {d['load']['eind']}")
        if d["paginas_weggelaten"]:
            p("  niet in de mix (403/404 voor de rol): " + "; ".join(d["paginas_weggelaten"]))
        if d["paginas_fout_bij_start"]:
            p("  FOUT bij de start: " + "; ".join(d["paginas_fout_bij_start"]))
        p(
            f"  oordeel: {o['fouten']} fouten; triviaal p95 {bi._ms(o['triviaal_p95_ms'])} ms "
            f"(doel < {DOEL_TRIVIAAL_P95_MS:,.0f} ms: {'gehaald' if o['triviaal_p95_gehaald'] else 'NIET gehaald'})"
        )
    run = res["run"]
    p("")
    p(f"run: wand {run['wand_s']} s, CPU benchmarkproces {run['cpu_bench_s']} s, kinderen {run['cpu_kinderen_s']} s")
    return "\n".join(regels)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duur", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--db", default="sqlite,postgresql", help="comma-separated: sqlite, postgresql")
    parser.add_argument("--demo-schaal", type=float, default=1.0, help="zicht demo --schaal (1.0 = make demo)")
    parser.add_argument(
        "--opwarmen",
        type=float,
        default=600.0,
        help="max seconds to wait for the server's statistics warm-up before the load (0: start at once)",
    )
    parser.add_argument("--upload-rijen", type=int, default=2000, help="rows per uploaded file")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--uit", type=Path, default=ROOT / "benchmarks" / "results", help="folder for the results")
    parser.add_argument("--map", type=Path, default=None, help="keep the registries and server logs under this folder")
    parser.add_argument("--naam", default=None, help="file name without extension (default bench_load_<date>)")
    parser.add_argument(
        "--zonder",
        type=lambda v: frozenset(x.strip() for x in v.split(",") if x.strip()),
        default=frozenset(),
        help="leave these kinds out of the mix, e.g. melding,upload (to find what slows what down)",
    )
    parser.add_argument("--snel", action="store_true", help="smoke mode: tiny registry, few clients, few seconds")
    parser.add_argument("--live", action="store_true", help="run the working tree's src/, not a copy made at start")
    args = parser.parse_args(argv)
    if args.snel:
        args.clients, args.duur, args.demo_schaal, args.upload_rijen = 6, 3.0, 0.01, 50
        args.opwarmen = min(args.opwarmen, 120.0)
    databases = [d.strip() for d in args.db.split(",") if d.strip()]
    onbekend = set(databases) - {"sqlite", "postgresql"}
    if onbekend:
        parser.error(f"onbekende database: {', '.join(sorted(onbekend))}")

    t_start, cpu_start, load_start = time.perf_counter(), os.times(), bi._load()
    tijdelijk = Path(tempfile.mkdtemp(prefix="zicht-bench-load-", dir=args.map))
    try:
        code = bi._code_stand()
        code_src = None if args.live else bi.bevries_code(tijdelijk)
        if code_src is not None:
            if "zicht" in sys.modules:  # imported from the working tree already (e.g. under pytest): use that
                code_src = None
            else:  # this process too (accounts, sessions, tokens) must run the frozen copy: one schema
                sys.path.insert(0, str(code_src))
        res: dict[str, Any] = {
            "script": "benchmarks/bench_load.py",
            "datum": datetime.now(UTC).isoformat(timespec="seconds"),
            "code": {**code, "bevroren_kopie": code_src is not None},
            "instellingen": {
                "clients": args.clients,
                "duur_s": args.duur,
                "databases": databases,
                "demo_schaal": args.demo_schaal,
                "upload_rijen": args.upload_rijen,
                "opwarmen_max_s": args.opwarmen,
                "seed": args.seed,
                "snel": args.snel,
                "zonder": sorted(args.zonder),
                "mix": MIX,
                "aandeel": AANDEEL,
            },
            "doel": {"triviaal_p95_ms": DOEL_TRIVIAAL_P95_MS, "fouten": 0},
            "databases": [],
        }
        for db in databases:
            map_ = tijdelijk / db
            map_.mkdir()
            res["databases"].append(meet_database(db, args, code_src, map_))
        cpu_eind = os.times()
        res["run"] = {
            "wand_s": round(time.perf_counter() - t_start, 1),
            "cpu_bench_s": round(cpu_eind.user + cpu_eind.system - cpu_start.user - cpu_start.system, 1),
            "cpu_kinderen_s": round(
                cpu_eind.children_user + cpu_eind.children_system - cpu_start.children_user - cpu_start.children_system,
                1,
            ),
        }
        res["machine"] = {
            "cores": os.cpu_count(),
            "load_start": load_start,
            "load_eind": bi._load(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        }
        if (code_na := bi._code_stand()) != code:
            res["code_na"] = code_na
        tekst = rapport(res)
        print(tekst)
        naam = args.naam or f"bench_load_{date.today().isoformat()}"
        args.uit.mkdir(parents=True, exist_ok=True)
        (args.uit / f"{naam}.txt").write_text(tekst + "\n", encoding="utf-8")
        (args.uit / f"{naam}.json").write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\nfiguren geschreven naar {args.uit / naam}.txt en .json", file=sys.stderr)
        mislukt = [
            d["database"]
            for d in res["databases"]
            if d["oordeel"]["fouten"] or not d["oordeel"]["triviaal_p95_gehaald"]
        ]
        return 1 if mislukt else 0
    finally:
        if args.map is None:
            with suppress(OSError):
                shutil.rmtree(tijdelijk)


if __name__ == "__main__":
    sys.exit(main())
