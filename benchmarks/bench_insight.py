# SPDX-License-Identifier: EUPL-1.2
"""Benchmark of the statistics as the user meets them: over HTTP, on the served app, gemeente and analist.

Builds a registry in a temporary directory exactly as ``make demo`` does (``zicht demo --no-serve`` with a
throw-away ``demo.env``: synthetic meldingen 2015-2024, imported and linked), starts the app as a separate
process (``python -m zicht serve`` on a free port, one worker, ``ZICHT_DATABASE_URL`` on the temporary SQLite
file), logs in as ``demo-gemeente`` (Utrecht, GM0344) and ``demo-analist`` through the real login form
(password, then the TOTP code from the demo account's secret) and measures, in one run:

- ``koud``: the first dashboard request after a server start, per role (a fresh server for each);
- ``warm``: per page and role, after one warm-up pass, ``--herhalingen`` passes over every URL (round robin,
  the two roles interleaved): the dashboard (``/statistieken``), the statistics API
  (``/api/v1/statistieken``, several soort/niveau/periode) and every download (factsheet PDF, CSV and XLSX
  from the page and from the API); p50/p95/max per URL;
- ``nieuwe stand``: one melding posted in the gemeente through the API while the server runs, and the gemeente
  dashboard requested right after; then, when ``zicht publiceer`` exists (protected figures show a frozen
  publicatie, not the live registry, docs/adr/0006), a publicatie made with it: the gemeente's new vintage.
  The dashboard is then requested until its ``gegevensstand`` changes: how long that took to appear, what the
  first request on the new vintage cost, and p95/max of the requests meanwhile; ``--standen`` times;
- ``last``: ``--clients`` concurrent clients (each its own session, half gemeente, half analist) hammer the
  statistics API with varied requests for ``--last-duur`` seconds while a probe requests the trivial
  ``/api/v1/`` every 0.2 s: throughput and p50/p95 of the statistics API, p50/p95/max of the probe (also
  measured just before the load).

It reports wall and CPU time (this process, its children, every server process), the load average before and
after each phase and the number of cores, and prints every figure as an absolute p50/p95 in ms beside the
target of issue 12. Targets are printed, never asserted: this is a measurement.

Every process of the run (CLI and servers) imports a copy of ``src/`` made at the start (``--live``: the
working tree itself), so a change in the tree during the run cannot mix versions; the commit and a hash of
the uncommitted diff are recorded. ``--profiel PATH`` runs the server of the warm, stand and load phases
under cProfile (all threads) and writes the pstats there; ``--fasen`` selects phases.

``--schaal N`` builds a registry of N meldingen instead (e.g. 1000000) by direct bulk insert of the
minimised columns with persons (:func:`bouw_bulk`, not the demo pipeline), and measures cold and warm only.
``--snel`` is the smoke mode of the test suite (tiny demo registry, two repetitions, no cold phase).

Usage::

    python benchmarks/bench_insight.py [--herhalingen 20] [--json PATH] [--map DIR]
    python benchmarks/bench_insight.py --schaal 1000000 --herhalingen 5 --json PATH
    python benchmarks/bench_insight.py --snel
"""

from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import hashlib
import json
import os
import platform
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Targets of issue 12 ("Done when"), in ms; printed beside the figures, never asserted.
DOEL_DASHBOARD_WARM_MS = 300.0
DOEL_NIEUWE_STAND_MS = 1500.0
DOEL_DOWNLOAD_MS = 1000.0
DOEL_TRIVIAAL_ONDER_LAST_MS = 1000.0
DOEL_1M_WARM_MS = 500.0

TIMEOUT_S = 900.0
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')
_STAND = re.compile(r"gegevensstand ([0-9a-f]{12})")


# ---- figures ------------------------------------------------------------------------------------------


def percentiel(xs: Sequence[float], q: float) -> float:
    """The ``q``-th percentile with linear interpolation (numpy's default)."""
    s = sorted(xs)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


@dataclass
class Meting:
    """Latencies of one URL for one role."""

    naam: str
    rol: str
    soort: str  # dashboard, api, download, triviaal
    url: str
    duren: list[float] = field(default_factory=list)
    statussen: Counter[int] = field(default_factory=Counter)
    bytes: int = 0
    fouten: list[str] = field(default_factory=list)

    def voeg_toe(self, duur: float, status: int, grootte: int) -> None:
        self.duren.append(duur)
        self.statussen[status] += 1
        self.bytes = grootte

    def samenvatting(self) -> dict[str, Any]:
        ms = [d * 1000 for d in self.duren]
        return {
            "naam": self.naam,
            "rol": self.rol,
            "soort": self.soort,
            "url": self.url,
            "n": len(ms),
            "p50_ms": round(percentiel(ms, 50), 1) if ms else None,
            "p95_ms": round(percentiel(ms, 95), 1) if ms else None,
            "max_ms": round(max(ms), 1) if ms else None,
            "statussen": {str(k): v for k, v in sorted(self.statussen.items())},
            "bytes": self.bytes,
            "fouten": self.fouten[:5],
        }


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _proc_cpu_s(pid: int) -> float | None:
    """User + system CPU seconds of a running process (Linux /proc), or None."""
    try:
        velden = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(velden[11]) + int(velden[12])) / os.sysconf("SC_CLK_TCK")


def _code_stand() -> dict[str, Any]:
    """The commit and the files changed in the working tree: the figures belong to this code."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, timeout=30).stdout
        except (OSError, subprocess.SubprocessError):
            return ""

    return {
        "commit": git("rev-parse", "HEAD").strip(),
        "gewijzigd": [r[3:] for r in git("status", "--porcelain", "--", "src").splitlines() if r.strip()],
        "diff_src_sha256": hashlib.sha256(git("diff", "HEAD", "--", "src").encode()).hexdigest()[:16],
    }


def bevries_code(map_: Path) -> Path:
    """A copy of ``src/`` for every process of this run (CLI, servers): the working tree may change while
    the benchmark runs (others work in it), and the figures must belong to one version of the code."""
    kopie = map_ / "code-src"
    if kopie.exists():
        shutil.rmtree(kopie)
    shutil.copytree(ROOT / "src", kopie, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    return kopie


# ---- registry -----------------------------------------------------------------------------------------


def omgeving(map_: Path) -> dict[str, str]:
    """The environment of ``make demo`` (a throw-away demo.env), with the database in ``map_``."""
    env_bestand = map_ / "demo.env"
    if not env_bestand.exists():
        from zicht.config import demo_environment

        env_bestand.write_text(demo_environment(str(map_ / "var")), encoding="utf-8")
    env: dict[str, str] = {}
    for regel in env_bestand.read_text(encoding="utf-8").splitlines():
        if regel.strip() and not regel.startswith("#"):
            sleutel, _, waarde = regel.partition("=")
            env[sleutel.strip()] = waarde.strip()
    env["ZICHT_DATABASE_URL"] = f"sqlite:///{map_ / 'zicht.sqlite3'}"
    # the benchmark's clients share a few accounts and measure capacity: the per-user budget of new
    # statistics tables (a guard against scripted scraping, tested in the suite) would only throttle them
    env["ZICHT_STATISTIEK_BEREKENINGEN_PER_MINUUT"] = "1000000"
    return env


def _zicht(env: dict[str, str], *args: str, log: Path | None = None) -> str:
    """Run the ``zicht`` CLI (``python -m zicht``) with ``env``; returns stdout."""
    uit = subprocess.run(
        [sys.executable, "-m", "zicht", *args],
        env={**os.environ, **env, "COLUMNS": "200", "NO_COLOR": "1"},
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if log is not None:
        log.write_text(uit.stdout + uit.stderr, encoding="utf-8")
    if uit.returncode != 0:
        raise RuntimeError(
            f"zicht {' '.join(args)} faalde ({uit.returncode}):\n{uit.stdout[-2000:]}{uit.stderr[-2000:]}"
        )
    return uit.stdout


def bouw_demo(env: dict[str, str], map_: Path, schaal: float) -> None:
    """``zicht demo --no-serve`` as ``make demo`` runs it (generate, import, link, demo accounts)."""
    _zicht(env, "demo", "--no-serve", "--schaal", str(schaal), log=map_ / "demo.log")


def bouw_bulk(url: str, n: int, seed: int = 2024) -> None:
    """Fill an empty registry with ``n`` synthetic meldingen by direct bulk insert (minimised columns only,
    linked to persons at about 1.15 meldingen per person): for sizes the demo pipeline cannot build in time."""
    import numpy as np

    from zicht.config import load_settings
    from zicht.reference import Gebiedsniveau, load_reference
    from zicht.storage import make_engine, session_factory, transaction, upgrade
    from zicht.storage.bulk import bulk_insert
    from zicht.storage.tables import (
        Melding,
        MeldingNationaliteit,
        MeldingUitbuiting,
        MeldingWerkwijze,
        Organisatie,
        Persoon,
    )

    ref = load_reference(load_settings({}).effective_reference_dir)
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
                code = f"{soort}-{regio or 'landelijk'}".lower().replace(" ", "-")  # codes are lower case
                nieuw = Organisatie(code=code, naam=f"{soort} {regio or ''}", soort=soort, regio=regio)
                s.add(nieuw)
                orgs.append(nieuw)
        s.flush()
        org_info = [(o.id, o.soort, o.regio) for o in orgs]
    gms = sorted(ref.gemeenten)
    w = np.array([ref.gemeenten[g].inwoners for g in gms], dtype=float)
    w /= w.sum()
    n_personen = int(n / 1.15)
    persoon_ids = [uuid.uuid4() for _ in range(n_personen)]
    nu = datetime.now(UTC) - timedelta(days=1)
    stuk = 100_000
    with transaction(sessions) as s:
        for start in range(0, n_personen, stuk):
            bulk_insert(
                s,
                Persoon.__table__,  # type: ignore[arg-type]
                [
                    {"id": pid, "status": "actief", "opgegaan_in": None, "aangemaakt_op": nu, "gewijzigd_op": nu}
                    for pid in persoon_ids[start : start + stuk]
                ],
            )
    vormen = np.array(["seksueel", "arbeid", "crimineel", "onbekend"])
    werkwijzen = np.array(["loverboymethode", "schuldslavernij", "valse_beloften", "werving_online", "onbekend"])
    landen = np.array(["NL", "PL", "RO", "BG", "HU", "NG", "UA", "ER", "VN", "BR", "CO", "MA", "onbekend"])
    landkans = np.array([30, 12, 8, 5, 3, 9, 6, 3, 3, 3, 2, 2, 14], dtype=float)
    landkans /= landkans.sum()
    begin = date(2015, 1, 1)
    for start in range(0, n, stuk):
        k = min(stuk, n - start)
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


@dataclass(frozen=True)
class Account:
    rol: str
    gebruikersnaam: str
    wachtwoord: str
    totp_geheim: str
    organisatie: str | None
    gebied: str | None


def demo_accounts(env: dict[str, str]) -> dict[str, Account]:
    """(Re)set the demo accounts as ``zicht demo`` does and return their credentials."""
    from zicht.config import load_settings
    from zicht.storage import make_engine, session_factory
    from zicht.web.demo import maak_demo_accounts

    settings = load_settings(env)
    engine = make_engine(settings.effective_database_url)
    try:
        return {
            a.rol: Account(a.rol, a.gebruikersnaam, a.wachtwoord, a.totp_geheim, a.organisatie, a.gebied)
            for a in maak_demo_accounts(session_factory(engine), settings)
        }
    finally:
        engine.dispose()


def extra_sessies(env: dict[str, str], gebruikersnaam: str, n: int) -> list[str]:
    """``n`` further fully logged-in sessions of one account (the load clients), created as the login does."""
    from zicht.accounts import sessies, zoek_gebruiker
    from zicht.accounts.sessies import Stap
    from zicht.config import load_settings
    from zicht.storage import make_engine, session_factory, transaction

    engine = make_engine(load_settings(env).effective_database_url)
    try:
        with transaction(session_factory(engine)) as s:
            gebruiker = zoek_gebruiker(s, gebruikersnaam)
            assert gebruiker is not None
            return [sessies.start_sessie(s, gebruiker.id, Stap.volledig) for _ in range(n)]
    finally:
        engine.dispose()


def api_token(env: dict[str, str], organisatie: str) -> str:
    """An API token of ``organisatie`` to post meldingen with (as ``zicht users create-token`` makes one)."""
    from zicht.accounts.tokens import maak_token
    from zicht.config import load_settings
    from zicht.storage import make_engine, session_factory, transaction
    from zicht.storage.tables import Organisatie

    engine = make_engine(load_settings(env).effective_database_url)
    try:
        with transaction(session_factory(engine)) as s:
            org = s.query(Organisatie).filter_by(code=organisatie).one()
            token, _ = maak_token(s, org, ["meldingen:aanmaken"], omschrijving="bench_insight")
            return token
    finally:
        engine.dispose()


def kan_publiceren() -> bool:
    """Whether this version has ``zicht publiceer`` (protected figures then show a publicatie)."""
    import click

    from zicht.cli import cli

    return "publiceer" in cli.list_commands(click.Context(cli))


def register_omvang(env: dict[str, str]) -> dict[str, int]:
    from sqlalchemy import func, select

    from zicht.storage import make_engine
    from zicht.storage.tables import Melding, Persoon

    engine = make_engine(env["ZICHT_DATABASE_URL"])
    try:
        with engine.connect() as conn:
            n, gekoppeld = conn.execute(select(func.count(), func.count(Melding.persoon_id))).one()
            personen = conn.execute(select(func.count()).select_from(Persoon)).scalar_one()
    finally:
        engine.dispose()
    return {"meldingen": int(n), "gekoppeld": int(gekoppeld), "personen": int(personen)}


def vr_van(gemeente: str) -> str:
    """The veiligheidsregio code of a gemeente (reference data)."""
    from zicht.config import load_settings
    from zicht.reference import Gebiedsniveau, load_reference

    ref = load_reference(load_settings({}).effective_reference_dir)
    return str(ref.gemeenten[gemeente].gebied_code(Gebiedsniveau.veiligheidsregio))


# ---- the server -------------------------------------------------------------------------------------------

#: Runs the CLI under cProfile in every thread (uvicorn's loop and the threadpool of sync endpoints) and
#: writes the combined statistics when the server exits (SIGTERM: uvicorn shuts down and re-raises it, the
#: handler installed here exits normally so that atexit runs).
_PROFIEL_CODE = """
import atexit, cProfile, pstats, signal, sys, threading
uit = sys.argv.pop(1)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))  # uvicorn re-raises SIGTERM after its shutdown
profielen = [cProfile.Profile()]
def _draad(*_):
    p = cProfile.Profile(); profielen.append(p); p.enable()
threading.setprofile(_draad)
def _schrijf():
    profielen[0].disable()
    st = pstats.Stats(profielen[0])
    for p in profielen[1:]:
        try:
            p.create_stats(); st.add(p)
        except Exception:
            pass
    st.dump_stats(uit)
atexit.register(_schrijf)
profielen[0].enable()
from zicht.cli import main
sys.argv[0] = "zicht"
main()
"""


def _vrije_poort() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """One ``zicht serve`` process."""

    proc: subprocess.Popen[bytes]
    url: str
    start_s: float
    log: Path

    def cpu_s(self) -> float | None:
        return _proc_cpu_s(self.proc.pid)


@contextmanager
def server(env: dict[str, str], map_: Path, profiel: Path | None = None) -> Iterator[Server]:
    """``python -m zicht serve`` on a free port; yields once ``/api/v1/`` answers."""
    poort = _vrije_poort()
    args = ["serve", "--host", "127.0.0.1", "--port", str(poort)]
    cmd = (
        [sys.executable, "-c", _PROFIEL_CODE, str(profiel), *args]
        if profiel
        else [sys.executable, "-m", "zicht", *args]
    )
    log = map_ / f"server-{poort}.log"
    with log.open("wb") as logf:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, env={**os.environ, **env}, cwd=ROOT, stdout=logf, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{poort}"
        try:
            while True:
                try:
                    httpx.get(url + "/api/v1/", timeout=2)
                    break
                except httpx.TransportError:
                    if time.perf_counter() - t0 > 120 or proc.poll() is not None:
                        raise RuntimeError(f"server start failed:\n{log.read_text(errors='replace')[-3000:]}") from None
                    time.sleep(0.05)
            yield Server(proc, url, time.perf_counter() - t0, log)
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


def log_in(url: str, account: Account) -> str:
    """Log in through the form (password, then a TOTP code) as a browser would; returns the session cookie.

    Sessions live in the database, so the cookie stays valid across server restarts (and is reused there:
    a TOTP code is accepted once, and a second login within the same 30 s step would have to wait)."""
    from zicht.accounts.totp import code_voor

    for poging in range(2):
        with httpx.Client(base_url=url, timeout=TIMEOUT_S, follow_redirects=False) as client:
            r = client.get("/inloggen")
            csrf = _CSRF.search(r.text)
            assert csrf, "no CSRF token on /inloggen"
            r = client.post(
                "/inloggen",
                data={
                    "gebruikersnaam": account.gebruikersnaam,
                    "wachtwoord": account.wachtwoord,
                    "volgende": "/",
                    "csrf_token": csrf.group(1),
                },
            )
            if r.status_code != 303:
                raise RuntimeError(f"login {account.gebruikersnaam}: HTTP {r.status_code}")
            r = client.get(r.headers["location"])
            csrf = _CSRF.search(r.text)
            assert csrf, "no CSRF token on the code page"
            r = client.post(
                "/inloggen/code",
                data={"code": code_voor(account.totp_geheim), "volgende": "/", "csrf_token": csrf.group(1)},
            )
            if r.status_code == 303:
                return str(client.cookies["zicht_sessie"])
        if poging == 0:  # the code of this 30 s step was used already: wait for the next one
            time.sleep(30.5 - time.time() % 30)
    raise RuntimeError(f"login {account.gebruikersnaam}: TOTP code refused")


def klant(srv: Server, cookie: str) -> httpx.Client:
    """A client of ``srv`` with a logged-in session."""
    return httpx.Client(base_url=srv.url, timeout=TIMEOUT_S, follow_redirects=False, cookies={"zicht_sessie": cookie})


def _get(client: httpx.Client, url: str, headers: dict[str, str] | None = None) -> tuple[float, httpx.Response]:
    t = time.perf_counter()
    r = client.get(url, headers=headers)
    duur = time.perf_counter() - t
    if r.status_code in (303, 401) and "inloggen" in r.headers.get("location", "/inloggen"):
        raise RuntimeError(f"{url}: not logged in (HTTP {r.status_code})")
    return duur, r


# ---- what is asked ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Vraag:
    naam: str
    soort: str  # dashboard, api, download
    url: str
    accept: str | None = None


def _q(pad: str, **params: object) -> str:
    return f"{pad}?{urlencode({k: v for k, v in params.items() if v is not None})}"


def vragen(gm: str, vr: str, jaar: int) -> list[Vraag]:
    """The pages, API tables and downloads of a gemeente's statistics (the same URLs for both roles)."""
    j, w, k = str(jaar), f"{jaar - 2}-{jaar}", f"{jaar}-Q2"
    d = "/statistieken"
    a = "/api/v1/statistieken"
    csv, xlsx = "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return [
        Vraag("dashboard (standaard)", "dashboard", d),
        Vraag(f"dashboard {j} gemeente {gm}", "dashboard", _q(d, periode=j, niveau="gemeente", gebied=gm)),
        Vraag(f"dashboard {w} gemeente {gm}", "dashboard", _q(d, periode=w, niveau="gemeente", gebied=gm)),
        Vraag(f"dashboard {k} gemeente {gm}", "dashboard", _q(d, periode=k, niveau="gemeente", gebied=gm)),
        Vraag(
            f"dashboard {j} veiligheidsregio {vr}", "dashboard", _q(d, periode=j, niveau="veiligheidsregio", gebied=vr)
        ),
        Vraag(f"api overzicht gemeente {j}", "api", _q(a, soort="overzicht", niveau="gemeente", periode=j)),
        Vraag(
            f"api overzicht veiligheidsregio {w}", "api", _q(a, soort="overzicht", niveau="veiligheidsregio", periode=w)
        ),
        Vraag(
            f"api uitsplitsing geslacht {gm} {j}",
            "api",
            _q(a, soort="uitsplitsing", niveau="gemeente", gebied=gm, uitsplitsing="geslacht", periode=j),
        ),
        Vraag(
            f"api uitsplitsing leeftijd {gm} {k}",
            "api",
            _q(a, soort="uitsplitsing", niveau="gemeente", gebied=gm, uitsplitsing="leeftijdsklasse", periode=k),
        ),
        Vraag(
            f"api reeks {gm} 2015-{j}",
            "api",
            _q(a, soort="reeks", niveau="gemeente", gebied=gm, periode=j, vanJaar=2015),
        ),
        Vraag(
            f"api met/zonder nationaliteit NL {vr} {j}",
            "api",
            _q(
                a,
                soort="met_zonder",
                niveau="veiligheidsregio",
                gebied=vr,
                uitsplitsing="nationaliteit",
                categorie="NL",
                periode=j,
            ),
        ),
        Vraag(f"api kwaliteit {j}", "api", _q(a, soort="kwaliteit", periode=j)),
        Vraag(f"factsheet PDF {gm} {j}", "download", _q(d + "/factsheet.pdf", periode=j, niveau="gemeente", gebied=gm)),
        Vraag(
            f"export CSV reeks {gm} {j}",
            "download",
            _q(d + "/export", tabel="reeks", formaat="csv", periode=j, niveau="gemeente", gebied=gm),
        ),
        Vraag(
            f"export XLSX uitsplitsing geslacht {gm} {j}",
            "download",
            _q(d + "/export", tabel="uitsplitsing_geslacht", formaat="xlsx", periode=j, niveau="gemeente", gebied=gm),
        ),
        Vraag(
            f"api CSV uitsplitsing geslacht {gm} {j}",
            "download",
            _q(a, soort="uitsplitsing", niveau="gemeente", gebied=gm, uitsplitsing="geslacht", periode=j),
            accept=csv,
        ),
        Vraag(
            f"api XLSX uitsplitsing geslacht {gm} {j}",
            "download",
            _q(a, soort="uitsplitsing", niveau="gemeente", gebied=gm, uitsplitsing="geslacht", periode=j),
            accept=xlsx,
        ),
    ]


def lastvragen(gm: str, gemeenten: Sequence[str], rol: str, jaren: Sequence[int], rng: random.Random) -> list[str]:
    """Varied statistics API requests for the load phase: the gemeente about its own area (and the
    national overview), the analist about many gemeenten."""
    a = "/api/v1/statistieken"
    uit: list[str] = []
    for jaar in jaren:
        j = str(jaar)
        uit.append(_q(a, soort="overzicht", niveau="gemeente", periode=j))
        uit.append(_q(a, soort="kwaliteit", periode=j))
        for wat in ("geslacht", "leeftijdsklasse", "uitbuitingsvorm", "nationaliteitsgroep"):
            gebied = gm if rol == "gemeente" else rng.choice(list(gemeenten))
            uit.append(_q(a, soort="uitsplitsing", niveau="gemeente", gebied=gebied, uitsplitsing=wat, periode=j))
        uit.append(
            _q(
                a,
                soort="reeks",
                niveau="gemeente",
                gebied=gm if rol == "gemeente" else rng.choice(list(gemeenten)),
                periode=j,
                vanJaar=jaren[0],
            )
        )
    rng.shuffle(uit)
    return uit


# ---- phases -----------------------------------------------------------------------------------------------


def koud(env: dict[str, str], map_: Path, cookies: dict[str, str], rondes: int, url: str) -> list[dict[str, Any]]:
    """The first dashboard request after a server start, per role, each on a fresh server."""
    uit = []
    for ronde in range(rondes):
        for rol in ("gemeente", "analist"):
            with server(env, map_) as srv:
                client = klant(srv, cookies[rol])
                duur, r = _get(client, url)
                duur2, _ = _get(client, url)
                uit.append(
                    {
                        "rol": rol,
                        "ronde": ronde + 1,
                        "url": url,
                        "server_start_s": round(srv.start_s, 2),
                        "eerste_ms": round(duur * 1000, 1),
                        "status": r.status_code,
                        "tweede_ms": round(duur2 * 1000, 1),
                        "server_cpu_s": srv.cpu_s(),
                    }
                )
                client.close()
                print(
                    f"  koud {rol}: eerste {duur * 1000:,.0f} ms (HTTP {r.status_code}), tweede {duur2 * 1000:,.0f} ms",
                    file=sys.stderr,
                )
    return uit


def warm(clients: dict[str, httpx.Client], lijst: Sequence[Vraag], herhalingen: int) -> list[Meting]:
    """One warm-up pass, then ``herhalingen`` passes over every URL, the roles interleaved."""
    metingen = {(rol, v.naam): Meting(v.naam, rol, v.soort, v.url) for v in lijst for rol in clients}
    for ronde in range(herhalingen + 1):
        t = time.perf_counter()
        for v in lijst:
            for rol, client in clients.items():
                headers = {"Accept": v.accept} if v.accept else None
                try:
                    duur, r = _get(client, v.url, headers)
                except httpx.HTTPError as exc:
                    metingen[(rol, v.naam)].fouten.append(f"{type(exc).__name__}: {exc}")
                    continue
                if ronde > 0:
                    metingen[(rol, v.naam)].voeg_toe(duur, r.status_code, len(r.content))
                if r.status_code >= 500 and len(metingen[(rol, v.naam)].fouten) < 5:
                    metingen[(rol, v.naam)].fouten.append(f"HTTP {r.status_code}")
        print(f"  warm ronde {ronde}/{herhalingen}: {time.perf_counter() - t:.1f} s", file=sys.stderr)
    return list(metingen.values())


def _stand(r: httpx.Response) -> str | None:
    m = _STAND.search(r.text)
    return m.group(1) if m else None


def _wacht_op_nieuwe_stand(
    client: httpx.Client, url: str, oud: str | None, wachten_s: float
) -> list[tuple[float, float, int, str | None]]:
    """Request ``url`` until its ``gegevensstand`` differs from ``oud`` (or ``wachten_s`` passed); returns
    (seconds since the start, duration, status, stand) per request."""
    t0 = time.perf_counter()
    verzoeken: list[tuple[float, float, int, str | None]] = []
    while True:
        start = time.perf_counter() - t0
        duur, r = _get(client, url)
        verzoeken.append((start, duur, r.status_code, _stand(r)))
        if verzoeken[-1][3] != oud or time.perf_counter() - t0 > wachten_s:
            return verzoeken
        time.sleep(0.2)


def nieuwe_stand(
    env: dict[str, str],
    srv: Server,
    client: httpx.Client,
    token: str,
    url: str,
    gm: str,
    jaar: int,
    keer: int,
    wachten_s: float,
    publiceer: bool,
) -> list[dict[str, Any]]:
    """Post one melding in the gemeente while the server runs and time the gemeente dashboard right after.
    Protected figures may show a frozen publicatie rather than the live registry (``zicht publiceer``
    exists): then a publicatie is made by hand, the gemeente's new vintage. Then the dashboard is requested
    until it shows a new ``gegevensstand``: how long that took and what the first such request cost."""
    uit = []
    api = httpx.Client(base_url=srv.url, timeout=TIMEOUT_S)
    for i in range(keer):
        _, r = _get(client, url)
        oud = _stand(r)
        body = {
            "melderReferentie": f"BENCH-STAND-{uuid.uuid4().hex[:12]}",
            "melddatum": f"{jaar}-05-01",
            "uitbuitingsvormen": ["arbeid"],
            "plaatsDelict": gm,
            "geslacht": "man",
        }
        t = time.perf_counter()
        p = api.post("/api/v1/meldingen", json=body, headers={"Authorization": f"Bearer {token}"})
        post_ms = (time.perf_counter() - t) * 1000
        if p.status_code not in (200, 201):
            raise RuntimeError(f"POST /api/v1/meldingen: HTTP {p.status_code} {p.text[:300]}")
        na_import, r = _get(client, url)
        rec: dict[str, Any] = {
            "keer": i + 1,
            "post_ms": round(post_ms, 1),
            "eerste_na_import_ms": round(na_import * 1000, 1),
            "eerste_na_import_nieuwe_stand": _stand(r) != oud,
            "publiceer_ms": None,
        }
        if publiceer:
            t = time.perf_counter()
            _zicht(env, "publiceer")
            rec["publiceer_ms"] = round((time.perf_counter() - t) * 1000, 1)
        rec["gebeurtenis"] = "zicht publiceer (na de melding)" if publiceer else "melding via API"
        verzoeken = _wacht_op_nieuwe_stand(client, url, oud, wachten_s)
        nieuw = verzoeken[-1][3] != oud
        rec |= {
            "eerste_na_gebeurtenis_ms": round(verzoeken[0][1] * 1000, 1),
            "nieuwe_stand_zichtbaar": nieuw,
            "nieuwe_stand_na_s": round(verzoeken[-1][0] + verzoeken[-1][1], 2) if nieuw else None,
            "eerste_met_nieuwe_stand_ms": round(verzoeken[-1][1] * 1000, 1) if nieuw else None,
            "verzoeken": len(verzoeken),
            "max_in_venster_ms": round(max(v[1] for v in verzoeken) * 1000, 1),
            "p95_in_venster_ms": round(percentiel([v[1] * 1000 for v in verzoeken], 95), 1),
            "statussen": dict(Counter(str(v[2]) for v in verzoeken)),
        }
        uit.append(rec)
        print(
            f"  nieuwe stand {i + 1}: eerste na import {rec['eerste_na_import_ms']:,.0f} ms; {rec['gebeurtenis']}: "
            + (
                f"nieuwe stand na {rec['nieuwe_stand_na_s']} s, dat verzoek {rec['eerste_met_nieuwe_stand_ms']:,.0f} ms"
                if nieuw
                else f"geen nieuwe stand binnen {wachten_s:.0f} s"
            ),
            file=sys.stderr,
        )
    api.close()
    return uit


def last(
    srv: Server,
    cookies: Sequence[tuple[str, str]],
    urls: dict[str, list[str]],
    duur_s: float,
    probe_interval_s: float = 0.2,
) -> dict[str, Any]:
    """``len(cookies)`` concurrent clients on the statistics API for ``duur_s`` seconds; meanwhile a probe on
    the trivial ``/api/v1/``. Returns throughput and latencies."""
    idle = Meting("triviaal /api/v1/ (vlak voor de last)", "publiek", "triviaal", "/api/v1/")
    with httpx.Client(base_url=srv.url, timeout=TIMEOUT_S) as c:
        for _ in range(21):
            duur, r = _get(c, "/api/v1/")
            idle.voeg_toe(duur, r.status_code, len(r.content))
            time.sleep(0.05)
    probe = Meting("triviaal /api/v1/ onder last", "publiek", "triviaal", "/api/v1/")
    stop = threading.Event()

    def probeer() -> None:
        with httpx.Client(base_url=srv.url, timeout=TIMEOUT_S) as c:
            while not stop.is_set():
                try:
                    duur, r = _get(c, "/api/v1/")
                    probe.voeg_toe(duur, r.status_code, len(r.content))
                except httpx.HTTPError as exc:
                    probe.fouten.append(f"{type(exc).__name__}: {exc}")
                stop.wait(probe_interval_s)

    per_rol = {rol: Meting(f"statistiek-API onder last ({rol})", rol, "api", "/api/v1/statistieken") for rol in urls}
    klaar: list[float] = []

    async def klant(i: int, rol: str, cookie: str, eind: float, t0: float) -> None:
        lijst = urls[rol]
        async with httpx.AsyncClient(base_url=srv.url, timeout=TIMEOUT_S, cookies={"zicht_sessie": cookie}) as c:
            j = i
            while time.perf_counter() < eind:
                url = lijst[j % len(lijst)]
                j += 7
                t = time.perf_counter()
                try:
                    r = await c.get(url)
                    per_rol[rol].voeg_toe(time.perf_counter() - t, r.status_code, len(r.content))
                except httpx.HTTPError as exc:
                    per_rol[rol].fouten.append(f"{type(exc).__name__}: {exc}")
                klaar.append(time.perf_counter() - t0)

    async def alles() -> float:
        t0 = time.perf_counter()
        eind = t0 + duur_s
        await asyncio.gather(*(klant(i, rol, c, eind, t0) for i, (rol, c) in enumerate(cookies)))
        return time.perf_counter() - t0

    draad = threading.Thread(target=probeer, daemon=True)
    cpu0, klant0 = srv.cpu_s(), time.process_time()
    draad.start()
    # Its own thread and event loop: the caller's thread may already run one (pytest after a Playwright test).
    with concurrent.futures.ThreadPoolExecutor(1) as uitvoerder:
        wand = uitvoerder.submit(lambda: asyncio.run(alles())).result()
    stop.set()
    draad.join()
    cpu1, klant1 = srv.cpu_s(), time.process_time()
    alle = Meting("statistiek-API onder last (alle)", "beide", "api", "/api/v1/statistieken")
    for m in per_rol.values():
        alle.duren += m.duren
        alle.statussen.update(m.statussen)
        alle.fouten += m.fouten
    return {
        "clients": len(cookies),
        "duur_s": duur_s,
        "wand_s": round(wand, 2),
        "voltooid": len(alle.duren),
        "verzoeken_per_s": round(len(alle.duren) / wand, 2) if wand else None,
        "server_cpu_s": None if cpu0 is None or cpu1 is None else round(cpu1 - cpu0, 1),
        "client_cpu_s": round(klant1 - klant0, 1),
        "statistiek": alle.samenvatting(),
        "per_rol": [m.samenvatting() for m in per_rol.values()],
        "triviaal_rust": idle.samenvatting(),
        "triviaal_onder_last": probe.samenvatting(),
    }


# ---- report -----------------------------------------------------------------------------------------------


def _doel(soort: str, rol: str, schaal: bool) -> float | None:
    if soort == "dashboard" and rol == "gemeente":
        return DOEL_1M_WARM_MS if schaal else DOEL_DASHBOARD_WARM_MS
    if soort == "download":
        return DOEL_DOWNLOAD_MS
    return None


def _ms(x: float | None) -> str:
    return "-" if x is None else f"{x:,.0f}"


def _oordeel(waarde: float | None, doel: float | None) -> str:
    if doel is None:
        return ""
    if waarde is None:
        return f"doel p95 < {doel:,.0f} ms: niet gemeten"
    return f"doel p95 < {doel:,.0f} ms: {'gehaald' if waarde < doel else 'NIET gehaald'}"


def rapport(res: dict[str, Any]) -> str:
    regels: list[str] = []
    p = regels.append
    m, reg = res["machine"], res["register"]
    p("bench_insight (HTTP): statistieken zoals de gebruiker ze krijgt")
    p(
        f"register: {reg['meldingen']:,} meldingen, {reg['personen']:,} personen ({reg['gekoppeld']:,} gekoppeld); "
        f"gebouwd met {reg['bron']} in {reg['bouw_s']} s"
    )
    p(
        f"machine: {m['cores']} cores ({m['cores_beschikbaar']} beschikbaar), load voor {m['load_voor']}, "
        f"na {m['load_na']}; python {m['python']}"
    )
    p("load per fase (1/5/15 min): " + "; ".join(f"{k} {v}" for k, v in res["load"].items()))
    run = res["run"]
    p(
        f"run: wand {run['wand_s']} s; CPU benchmarkproces {run['cpu_bench_s']} s, servers {run['cpu_servers_s']} s, "
        f"overige kinderen {run['cpu_kinderen_s']} s"
    )
    code = res["code"]
    p(
        f"code: {code['commit'][:12]}, gewijzigd in src/: {len(code['gewijzigd'])} bestanden "
        f"(diff {code['diff_src_sha256']})"
    )
    if "code_na" in res:
        na = res["code_na"]
        p(
            f"{'let op' if not code['bevroren_kopie'] else 'opmerking'}: de werkboom veranderde tijdens de run "
            f"(aan het eind {na['commit'][:12]}, {len(na['gewijzigd'])} bestanden gewijzigd, diff "
            f"{na['diff_src_sha256']}); "
            + ("gemeten is de kopie van src/ van het begin" if code["bevroren_kopie"] else "de figuren mengen versies")
        )
    if res.get("koud"):
        p("")
        p("Eerste verzoek na een serverstart (koud), dashboard eigen gemeente:")
        for k in res["koud"]:
            p(
                f"  {k['rol']:<9} ronde {k['ronde']}: eerste {_ms(k['eerste_ms']):>8} ms (HTTP {k['status']}), "
                f"tweede {_ms(k['tweede_ms']):>8} ms; server klaar na {k['server_start_s']} s"
            )
    if res.get("warm"):
        p("")
        p(f"Warm (na een opwarmronde), {res['instellingen']['herhalingen']} herhalingen per URL en rol:")
        p(f"  {'meting':<46} {'rol':<9} {'n':>3} {'p50 ms':>9} {'p95 ms':>9} {'max ms':>9}  {'HTTP':<12} doel")
        for w in res["warm"]:
            statussen = ",".join(f"{k}x{v}" for k, v in w["statussen"].items())
            doel = _doel(w["soort"], w["rol"], res["instellingen"]["schaal"] is not None)
            p(
                f"  {w['naam'][:46]:<46} {w['rol']:<9} {w['n']:>3} {_ms(w['p50_ms']):>9} {_ms(w['p95_ms']):>9} "
                f"{_ms(w['max_ms']):>9}  {statussen:<12} {_oordeel(w['p95_ms'], doel)}"
            )
    if res.get("nieuwe_stand"):
        p("")
        p(
            f"Nieuwe gegevensstand, gemeente-dashboard (doel: eerste verzoek op de nieuwe stand < {DOEL_NIEUWE_STAND_MS:,.0f} ms):"
        )
        for s in res["nieuwe_stand"]:
            p(
                f"  {s['keer']}. melding via API ({_ms(s['post_ms'])} ms): eerste verzoek daarna "
                f"{_ms(s['eerste_na_import_ms'])} ms ({'nieuwe' if s['eerste_na_import_nieuwe_stand'] else 'oude'} stand)"
            )
            p(
                f"     {s['gebeurtenis']}"
                + (f" ({_ms(s['publiceer_ms'])} ms)" if s["publiceer_ms"] is not None else "")
                + f": eerste verzoek daarna {_ms(s['eerste_na_gebeurtenis_ms'])} ms; "
                + (
                    f"nieuwe stand zichtbaar na {s['nieuwe_stand_na_s']} s, dat verzoek "
                    f"{_ms(s['eerste_met_nieuwe_stand_ms'])} ms "
                    f"({'gehaald' if s['eerste_met_nieuwe_stand_ms'] < DOEL_NIEUWE_STAND_MS else 'NIET gehaald'}); "
                    if s["nieuwe_stand_zichtbaar"]
                    else "nieuwe stand niet zichtbaar binnen de wachttijd; "
                )
                + f"{s['verzoeken']} verzoeken, p95 {_ms(s['p95_in_venster_ms'])} ms, max {_ms(s['max_in_venster_ms'])} ms"
            )
    if res.get("last"):
        lst = res["last"]
        p("")
        p(f"Onder last: {lst['clients']} gelijktijdige clients op de statistiek-API, {lst['duur_s']} s:")
        p(
            f"  statistiek-API: {lst['voltooid']} verzoeken in {lst['wand_s']} s = {lst['verzoeken_per_s']} verzoeken/s; "
            f"CPU server {lst['server_cpu_s']} s, clients (dit proces) {lst['client_cpu_s']} s"
        )
        for r in [lst["statistiek"], *lst["per_rol"], lst["triviaal_rust"], lst["triviaal_onder_last"]]:
            statussen = ",".join(f"{k}x{v}" for k, v in r["statussen"].items())
            doel = (
                DOEL_TRIVIAAL_ONDER_LAST_MS if r["naam"].endswith("onder last") and r["soort"] == "triviaal" else None
            )
            p(
                f"  {r['naam'][:46]:<46} {r['n']:>5} p50 {_ms(r['p50_ms']):>8} ms  p95 {_ms(r['p95_ms']):>8} ms  "
                f"max {_ms(r['max_ms']):>8} ms  {statussen:<14} {_oordeel(r['p95_ms'], doel)}"
            )
    return "\n".join(regels)


# ---- main -------------------------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--herhalingen", type=int, default=20, help="timed passes over every URL (after a warm-up)")
    parser.add_argument("--koud", type=int, default=2, help="cold starts per role")
    parser.add_argument("--standen", type=int, default=3, help="new data vintages")
    parser.add_argument("--wachten", type=float, default=150.0, help="max seconds for a new vintage to show")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--last-duur", type=float, default=60.0, help="seconds of load")
    parser.add_argument("--demo-schaal", type=float, default=1.0, help="zicht demo --schaal (1.0 = make demo)")
    parser.add_argument("--schaal", type=int, default=None, help="N meldingen by bulk insert (e.g. 1000000)")
    parser.add_argument("--fasen", default="koud,warm,stand,last", help="comma-separated subset")
    parser.add_argument("--map", type=Path, default=None, help="keep (and reuse) the registry in this directory")
    parser.add_argument("--json", type=Path, default=None, help="write the figures as JSON")
    parser.add_argument("--profiel", type=Path, default=None, help="cProfile the server of warm/stand/last")
    parser.add_argument("--snel", action="store_true", help="smoke mode: tiny registry, few repetitions")
    parser.add_argument("--live", action="store_true", help="run the working tree's src/, not a copy made at start")
    args = parser.parse_args(argv)
    if args.snel:  # smoke: does every phase still run? (the first gemeente request alone takes many seconds)
        args.herhalingen, args.standen, args.wachten, args.fasen = 2, 1, 1.0, "warm,stand,last"
        args.clients, args.last_duur, args.demo_schaal = 6, 2.0, 0.01
    fasen = set(args.fasen.split(","))
    if args.schaal is not None:
        fasen -= {"stand", "last"}

    t_start, cpu_start, load_voor = time.perf_counter(), os.times(), _load()
    tijdelijk = None
    if args.map is None:
        tijdelijk = tempfile.mkdtemp(prefix="zicht-bench-insight-")
        map_ = Path(tijdelijk)
    else:
        map_ = args.map.resolve()
        map_.mkdir(parents=True, exist_ok=True)
    try:
        env = omgeving(map_)
        code = _code_stand()
        if not args.live:
            env["PYTHONPATH"] = str(bevries_code(map_))
        if "ZICHT_REFERENCE_DIR" not in os.environ:
            from zicht.config import load_settings

            env["ZICHT_REFERENCE_DIR"] = str(load_settings({}).effective_reference_dir)
        t = time.perf_counter()
        db = map_ / "zicht.sqlite3"
        hergebruikt = db.exists()
        if args.schaal is not None:
            bron = f"bulk insert van {args.schaal:,} meldingen (bench_insight.bouw_bulk)"
            if not hergebruikt:
                bouw_bulk(env["ZICHT_DATABASE_URL"], args.schaal)
        else:
            bron = f"zicht demo --no-serve --schaal {args.demo_schaal} (als make demo)"
            if not hergebruikt:
                bouw_demo(env, map_, args.demo_schaal)
        if hergebruikt:
            bron += f", hergebruikt uit {map_}"
        bouw_s = round(time.perf_counter() - t, 1)
        omvang = register_omvang(env)
        print(f"register: {omvang['meldingen']:,} meldingen ({bron}, {bouw_s} s) in {map_}", file=sys.stderr)
        accounts = demo_accounts(env)
        gm = (accounts["gemeente"].gebied or "gemeente:GM0344").split(":")[1]
        jaar = 2024
        lijst = vragen(gm, vr_van(gm), jaar)
        dashboard_url = lijst[1].url
        if args.snel:  # one of each kind
            lijst = [
                v
                for v in lijst
                if v.naam.startswith(("dashboard 2024 gemeente", "api uitsplitsing geslacht", "factsheet", "api XLSX"))
            ]
        res: dict[str, Any] = {
            "script": "benchmarks/bench_insight.py",
            "datum": datetime.now(UTC).isoformat(timespec="seconds"),
            "code": {**code, "bevroren_kopie": not args.live},
            "instellingen": {
                "herhalingen": args.herhalingen,
                "koud": args.koud,
                "standen": args.standen,
                "clients": args.clients,
                "last_duur_s": args.last_duur,
                "schaal": args.schaal,
                "demo_schaal": None if args.schaal else args.demo_schaal,
                "snel": args.snel,
                "fasen": sorted(fasen),
                "server": "python -m zicht serve (1 worker), ZICHT_OMGEVING=demo, SQLite",
            },
            "register": {"bron": bron, "bouw_s": bouw_s, **omvang},
            "doelen_ms": {
                "gemeente_dashboard_warm_p95": DOEL_DASHBOARD_WARM_MS,
                "gemeente_dashboard_eerste_na_nieuwe_stand": DOEL_NIEUWE_STAND_MS,
                "download_p95": DOEL_DOWNLOAD_MS,
                "triviaal_p95_onder_50_clients": DOEL_TRIVIAAL_ONDER_LAST_MS,
                "gemeente_dashboard_warm_p95_1M": DOEL_1M_WARM_MS,
            },
            "load": {"start": load_voor},
        }
        cpu_servers = 0.0
        cookies: dict[str, str] = {}
        if "koud" in fasen:
            with server(env, map_) as srv:  # log in once; the sessions outlive server restarts
                cookies = {rol: log_in(srv.url, accounts[rol]) for rol in ("gemeente", "analist")}
                cpu_servers += srv.cpu_s() or 0
            res["koud"] = koud(env, map_, cookies, args.koud, dashboard_url)
            cpu_servers += sum(k["server_cpu_s"] or 0 for k in res["koud"])
            res["load"]["na_koud"] = _load()
        if fasen & {"warm", "stand", "last"}:
            with server(env, map_, args.profiel) as srv:
                cookies = cookies or {rol: log_in(srv.url, accounts[rol]) for rol in ("gemeente", "analist")}
                clients = {rol: klant(srv, cookie) for rol, cookie in cookies.items()}
                res["server_start_s"] = round(srv.start_s, 2)
                if "warm" in fasen:
                    res["warm"] = [m.samenvatting() for m in warm(clients, lijst, args.herhalingen)]
                    res["load"]["na_warm"] = _load()
                if "stand" in fasen:
                    melder = accounts["melder"].organisatie
                    assert melder is not None
                    res["nieuwe_stand"] = nieuwe_stand(
                        env, srv, clients["gemeente"], api_token(env, melder), dashboard_url, gm, jaar,
                        args.standen, args.wachten, kan_publiceren(),
                    )  # fmt: skip
                    res["load"]["na_stand"] = _load()
                if "last" in fasen:
                    helft = args.clients // 2
                    sessies = [("gemeente", c) for c in extra_sessies(env, "demo-gemeente", args.clients - helft)]
                    sessies += [("analist", c) for c in extra_sessies(env, "demo-analist", helft)]
                    rng = random.Random(12)
                    from zicht.config import load_settings
                    from zicht.reference import load_reference

                    gemeenten = sorted(load_reference(load_settings({}).effective_reference_dir).gemeenten)
                    jaren = list(range(2015, jaar + 1))
                    urls = {rol: lastvragen(gm, gemeenten, rol, jaren, rng) for rol in ("gemeente", "analist")}
                    res["last"] = last(srv, sessies, urls, args.last_duur)
                    res["load"]["na_last"] = _load()
                for c in clients.values():
                    c.close()
                cpu_servers += srv.cpu_s() or 0
        cpu_eind = os.times()
        if (code_na := _code_stand()) != code:
            res["code_na"] = code_na  # the working tree changed during the run
        res["run"] = {
            "wand_s": round(time.perf_counter() - t_start, 1),
            "cpu_bench_s": round(cpu_eind.user + cpu_eind.system - cpu_start.user - cpu_start.system, 1),
            "cpu_servers_s": round(cpu_servers, 1),
            "cpu_kinderen_s": round(
                cpu_eind.children_user
                + cpu_eind.children_system
                - cpu_start.children_user
                - cpu_start.children_system
                - cpu_servers,
                1,
            ),
        }
        res["machine"] = {
            "cores": os.cpu_count(),
            "cores_beschikbaar": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
            "load_voor": load_voor,
            "load_na": _load(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        }
        tekst = rapport(res)
        print(tekst)
        if args.json is not None:
            args.json.parent.mkdir(parents=True, exist_ok=True)
            args.json.write_text(json.dumps(res, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
            print(f"\nfiguren geschreven naar {args.json}", file=sys.stderr)
        return 0
    finally:
        if tijdelijk is not None:
            with suppress(OSError):
                shutil.rmtree(tijdelijk)


if __name__ == "__main__":
    sys.exit(main())
