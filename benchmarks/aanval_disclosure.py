# SPDX-License-Identifier: EUPL-1.2
"""The independent disclosure attack of issue 12 at demo scale (tests/aanval, README.md there).

Builds a registry the way ``make demo`` does — synthetic meldingen from the demo generator (``zicht synth``,
2015-2024 with the demo seed: about 20,000 meldingen), every reporter's file through the normal import, the
demo accounts — but does **not** link meldingen into persons, so every published count is an exact sum of
meldingen. Then, as ``demo-gemeente`` (Utrecht) through the API of an in-process app:

1. discovers the request space (OpenAPI, the API's own errors, code lists, years with data),
2. asks every table of it, 3. adds one melding through ``POST /api/v1/meldingen``, 4. asks everything again
(on a freshly started app over the same registry), 5. solves all published cells of both vintages jointly
with the attacker's own LP, judged against the registry's truth.

Prints requests (2xx/4xx/5xx, left out after a 4xx probe), cells, LPs, findings per kind with examples; exits 1
on any breach or 5xx, 2 when a time budget ran out before everything was asked and attacked, else 0.

Usage::

    python benchmarks/aanval_disclosure.py [--van 2015] [--tot 2024] [--schaal 1.0] [--omvang volledig|suite]
        [--budget-verzamelen S] [--budget-lp S] [--json PATH] [--map DIR] [-v]
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.aanval.lp import Rapport  # noqa: E402
from tests.aanval.uitvoeren import Opzet, api_melding, voer_aanval_uit  # noqa: E402
from tests.conftest import REFERENCE_DIR, test_environ  # noqa: E402
from tests.web_support import WebBed  # noqa: E402

from zicht.config import load_settings  # noqa: E402
from zicht.privacy import logboek  # noqa: E402
from zicht.privacy.vault import Vault  # noqa: E402
from zicht.reference import Referentiedata, load_reference  # noqa: E402
from zicht.storage import make_engine, session_factory, upgrade  # noqa: E402

DEMO_SEED = 20241  # the seed of ``zicht demo``
EIGEN_GEMEENTE = "GM0344"  # demo-gemeente: Utrecht


def bouw_register(map_: Path, van: int, tot: int, seed: int, schaal: float, referentie: Referentiedata) -> WebBed:
    """A demo registry without linkage, the demo accounts and an app over it."""
    from zicht.intake.importer import importeer_bestand
    from zicht.intake.organisaties import bewaar_organisaties, lees_organisaties
    from zicht.synth import SynthConfig, generate, write
    from zicht.web import create_app
    from zicht.web.demo import maak_demo_accounts

    # the attacker is not slowed by the per-user budget of new tables: the attack measures what the published
    # figures give away, not how long collecting them takes
    settings = load_settings(test_environ(map_, ZICHT_STATISTIEK_BEREKENINGEN_PER_MINUUT="1000000"))
    engine = make_engine(settings.effective_database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    synth = map_ / "synth"
    write(generate(SynthConfig(jaar_van=van, jaar_tot=tot, seed=seed, schaal=schaal), referentie), synth)
    items, problemen = lees_organisaties(synth / "organisaties.csv", referentie)
    if problemen:
        raise SystemExit(f"organisaties.csv: {len(problemen)} problemen")
    with sessions() as session, session.begin():
        bewaar_organisaties(session, items)
    vault = Vault.from_settings(settings)
    actor = logboek.Actor("systeem:aanval-benchmark", "beheerder")
    for pad in sorted(p for p in (synth / "meldingen").iterdir() if p.suffix in (".csv", ".xlsx", ".jsonl")):
        importeer_bestand(sessions, vault, referentie, pad.stem, pad, bestandsnaam=pad.name, actor=actor)
    accounts = {a.rol: a for a in maak_demo_accounts(sessions, settings)}
    app = create_app(settings, engine=engine)
    return WebBed(app, settings, engine, sessions, accounts, accounts["melder"].organisatie or "", "")


def _client(bed: WebBed, rol: str) -> Any:
    """A logged-in client that reports server errors as 500 instead of raising them."""
    from starlette.testclient import TestClient

    sessie = bed.als(rol)
    client = TestClient(bed.app, base_url="http://testserver", follow_redirects=False, raise_server_exceptions=False)
    client.cookies = sessie.cookies
    return client


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    p.add_argument("--van", type=int, default=2015)
    p.add_argument("--tot", type=int, default=2024)
    p.add_argument("--seed", type=int, default=DEMO_SEED)
    p.add_argument("--schaal", type=float, default=1.0)
    p.add_argument("--omvang", choices=("volledig", "suite"), default="volledig")
    p.add_argument("--budget-verzamelen", type=float, default=None, help="seconds per collection (default: none)")
    p.add_argument("--budget-lp", type=float, default=None, help="seconds for the LP (default: none)")
    p.add_argument("--json", type=Path, default=None, help="write the report as JSON (- for stdout)")
    p.add_argument("--map", type=Path, default=None, help="directory for the registry (default: temporary)")
    p.add_argument("-v", "--verbose", action="store_true")
    args = p.parse_args(argv)

    def log(tekst: str) -> None:
        if args.verbose:
            print(tekst, file=sys.stderr, flush=True)

    begin = time.perf_counter()
    referentie = load_reference(REFERENCE_DIR)
    with tempfile.TemporaryDirectory(prefix="zicht-aanval-") as tmp:
        map_ = args.map or Path(tmp)
        map_.mkdir(parents=True, exist_ok=True)
        bed = bouw_register(map_, args.van, args.tot, args.seed, args.schaal, referentie)
        opbouw = time.perf_counter() - begin
        from sqlalchemy import func, select

        from zicht.storage.tables import Melding

        with bed.sessions() as s:
            n_meldingen = int(s.scalar(select(func.count()).select_from(Melding)) or 0)
        log(f"register: {n_meldingen} meldingen, {opbouw:.0f} s")
        token = bed.token(bed.org_a, ["meldingen:aanmaken"])
        beddens = {1: bed}

        def client(fase: int) -> Any:
            if fase not in beddens:
                from zicht.web import create_app

                beddens[fase] = dataclasses.replace(bed, app=create_app(bed.settings, engine=bed.engine))
            return _client(beddens[fase], "gemeente")

        def voeg_toe() -> str:
            r = bed.client().post("/api/v1/meldingen", json=api_melding(), headers={"Authorization": f"Bearer {token}"})
            if r.status_code != 201:
                raise SystemExit(f"melding toevoegen: HTTP {r.status_code} {r.text[:300]}")
            return str(r.json()["id"])

        opzet = Opzet(client, voeg_toe, bed.engine, referentie, EIGEN_GEMEENTE)
        rapport, ruimte = voer_aanval_uit(
            opzet,
            omvang=args.omvang,
            budget_verzamelen=args.budget_verzamelen,
            budget_lp=args.budget_lp,
            log=log if args.verbose else None,
        )
    rapport.duur = {"register": opbouw} | rapport.duur
    _druk_af(rapport, n_meldingen, ruimte.jaren, args)
    if rapport.breuken:
        return 1
    return 2 if rapport.onvolledig else 0


def _druk_af(rapport: Rapport, n_meldingen: int, jaren: list[int], args: argparse.Namespace) -> None:
    uit = {
        "register": {"meldingen": n_meldingen, "jaren": jaren, "seed": args.seed, "schaal": args.schaal},
        "omvang": args.omvang,
        **rapport.als_dict(),
    }
    if args.json is not None:
        tekst = json.dumps(uit, ensure_ascii=False, indent=2)
        if str(args.json) == "-":
            print(tekst)
            return
        args.json.write_text(tekst + "\n", encoding="utf-8")
    print(f"aanval op de verzoekruimte van demo-gemeente: {n_meldingen} meldingen, jaren {jaren[0]}-{jaren[-1]}")
    print(rapport.samenvatting(voorbeelden=3))
    print(f"breuken: {len(rapport.breuken)} ({', '.join(f'{k} {v}' for k, v in rapport.per_soort().items())})")


if __name__ == "__main__":
    sys.exit(main())
