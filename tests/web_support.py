# SPDX-License-Identifier: EUPL-1.2
"""Helpers for the web, API and browser tests: a migrated database with one account per role, an app, and
logged-in clients.

Most tests log in by creating a session row directly (fast, no TOTP step); the login flow itself is tested
through the pages in tests/integration/test_auth.py and the browser tests.
"""

from __future__ import annotations

import re
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from tests.conftest import test_environ
from zicht.accounts import Beveiliging, maak_gebruiker, maak_organisatie, maak_token, sessies, zet_totp
from zicht.accounts.sessies import Stap
from zicht.config import Settings, load_settings
from zicht.domain.rollen import Rol
from zicht.privacy import logboek
from zicht.storage import make_engine, session_factory, transaction, upgrade
from zicht.storage.tables import Organisatie
from zicht.web import create_app
from zicht.web.auth.cookies import SESSIE
from zicht.web.demo import DemoAccount, maak_demo_accounts

with warnings.catch_warnings():
    # starlette asks for httpx2 instead of httpx; that package is not part of this project's lock file.
    warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`", category=UserWarning)
    from starlette.testclient import TestClient as Client

ROLLEN = tuple(r.value for r in Rol)
GEHEIME_NAAM = "Zwanetta Geheimhouder"
GEHEIME_REFERENTIE = "REF-GEHEIM-7731"


@dataclass
class WebBed:
    """One app over one database, with accounts for every role plus a melder of a second organisation."""

    app: FastAPI
    settings: Settings
    engine: Engine
    sessions: sessionmaker[Session]
    accounts: dict[str, DemoAccount]
    org_a: str
    org_b: str
    extra: dict[str, Any] = field(default_factory=dict)

    def gebruiker_id(self, gebruikersnaam: str) -> uuid.UUID:
        from zicht.accounts import zoek_gebruiker

        with self.sessions() as s:
            g = zoek_gebruiker(s, gebruikersnaam)
            assert g is not None
            return g.id

    def client(self, *, https: bool = False) -> Client:
        return Client(self.app, base_url="https://testserver" if https else "http://testserver", follow_redirects=False)

    def als(self, rol: str, *, gebruikersnaam: str | None = None) -> Client:
        """A client with a complete session for the account of ``rol`` (no UI login)."""
        naam = gebruikersnaam or self.accounts[rol].gebruikersnaam
        with transaction(self.sessions) as s:
            token = sessies.start_sessie(s, self.gebruiker_id(naam), Stap.volledig)
        client = self.client()
        client.cookies.set(SESSIE, token)
        return client

    def token(self, org_code: str, scopes: list[str]) -> str:
        with transaction(self.sessions) as s:
            org = s.query(Organisatie).filter_by(code=org_code).one()
            plaintext, _ = maak_token(s, org, scopes, omschrijving="test")
        return plaintext


def maak_testbed(tmp_path: Path, db_url: str | None = None, **env: str) -> WebBed:
    """A fresh database (SQLite in tmp_path unless ``db_url``), migrated, with accounts, and an app over it."""
    environ = test_environ(tmp_path, **env)
    if db_url:
        environ["ZICHT_DATABASE_URL"] = db_url
    settings = load_settings(environ)
    engine = make_engine(settings.effective_database_url)
    upgrade(engine)
    sessions = session_factory(engine)
    # the test's own sessions write the logboek with the app's key, as every session of a deployment does
    logboek.configureer(sessions, logboek.LogboekInstellingen.from_settings(settings))
    accounts = {a.rol: a for a in maak_demo_accounts(sessions, settings)}
    bev = Beveiliging.from_settings(settings)
    with transaction(sessions) as s:
        maak_organisatie(s, code="fairwork-test", naam="FairWork (test)", soort="fairwork")
        tweede = maak_gebruiker(
            s,
            bev,
            gebruikersnaam="melder-b",
            naam="Melder B",
            rol="melder",
            wachtwoord="een-lang-wachtwoord-b",
            organisatie_code="fairwork-test",
        )
        geheim = zet_totp(bev, tweede)
    accounts["melder_b"] = DemoAccount(
        "melder", "melder-b", "een-lang-wachtwoord-b", geheim, "Melder B", "fairwork-test"
    )
    app = create_app(settings, engine=engine)
    return WebBed(app, settings, engine, sessions, accounts, accounts["melder"].organisatie or "", "fairwork-test")


def csrf_van(html: str) -> str:
    """The CSRF token in a rendered page."""
    match = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html)
    assert match, "page has no CSRF token"
    return match.group(1)


def nieuwe_melding(client: Client, **velden: Any) -> str:
    """Submit the melding form; returns the new melding's id."""
    pagina = client.get("/meldingen/nieuw")
    assert pagina.status_code == 200, pagina.status_code
    data: dict[str, Any] = {
        "csrf_token": csrf_van(pagina.text),
        "melder_referentie": GEHEIME_REFERENTIE,
        "melddatum": "2024-03-01",
        "uitbuitingsvorm": ["seksueel"],
        "werkwijze": ["loverboymethode"],
        "plaats_delict": "Utrecht",
        "geslacht": "vrouw",
        "voornamen": GEHEIME_NAAM.split()[0],
        "achternaam": GEHEIME_NAAM.split()[1],
        "geboortedatum": "2005-06-07",
    }
    data.update(velden)
    r = client.post("/meldingen/nieuw", data=data)
    assert r.status_code == 303, (r.status_code, r.text[:2000])
    return r.headers["location"].split("/meldingen/")[1].split("?")[0]


def maak_beoordelingen(sessions: sessionmaker[Session], paren: list[tuple[str, str]]) -> list[str]:
    """Review-queue items for pairs of melding ids (as a linkage run between the thresholds would leave them),
    with descending probabilities; returns the item ids in queue order."""
    from zicht.storage.tables import KoppelBeoordeling, KoppelRun

    niveaus = [
        {"vergelijking": "naam", "label": "fonetisch gelijk (transliteratie, tussenvoegsel)", "gamma": 3,
         "match_weight": 6.1, "bayes_factor": 68.6},
        {"vergelijking": "geboortedatum", "label": "zelfde jaar, andere datum", "gamma": 1, "match_weight": -1.2,
         "bayes_factor": 0.435},
    ]  # fmt: skip
    ids: list[str] = []
    with transaction(sessions) as s:
        run = KoppelRun(
            soort="incrementeel", status="voltooid", drempel_boven=0.95, drempel_onder=0.2, uitgevoerd_door="test"
        )
        s.add(run)
        s.flush()
        for i, (a, b) in enumerate(paren):
            kans = 0.8 - 0.6 * i / len(paren)  # descending, between the thresholds
            item = KoppelBeoordeling(
                run_id=run.id, melding_a=uuid.UUID(a), melding_b=uuid.UUID(b), match_probability=kans,
                match_weight=round(4.9 - i, 2), niveaus=niveaus,
            )  # fmt: skip
            s.add(item)
            s.flush()
            ids.append(str(item.id))
    return ids
