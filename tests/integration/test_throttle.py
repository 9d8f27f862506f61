# SPDX-License-Identifier: EUPL-1.2
"""Login throttling (ADR 0008): exponential delay per (account, address) instead of a hard lockout, the owner
never locked out by an attacker's failures elsewhere, and strictly within the limit under parallel attempts
on SQLite and PostgreSQL."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from zicht.accounts import Beveiliging, Inloguitkomst, controleer_inlog, controleer_totp, maak_gebruiker, zet_totp
from zicht.accounts import totp as totp_mod
from zicht.accounts.beveiliging import Inlogbeperking
from zicht.accounts.gebruikers import Inlogresultaat
from zicht.accounts.inlogpogingen import wachttijd
from zicht.config import Settings
from zicht.storage import transaction
from zicht.storage.base import utcnow
from zicht.storage.tables import Inlogpoging

NAAM, WACHTWOORD = "eigenaar", "een-heel-lang-wachtwoord-7"
AANVALLER, EIGENAAR = "203.0.113.66", "198.51.100.7"


@pytest.fixture
def bev(settings: Settings) -> Beveiliging:
    return Beveiliging.from_settings(settings)


@pytest.fixture
def geheim(sessions: sessionmaker[Session], bev: Beveiliging) -> str:
    with transaction(sessions) as s:
        g = maak_gebruiker(s, bev, gebruikersnaam=NAAM, naam="Eigenaar", rol="analist", wachtwoord=WACHTWOORD)
        return zet_totp(bev, g)


def _probeer(
    sessions: sessionmaker[Session], bev: Beveiliging, wachtwoord: str, ip: str, now: datetime
) -> Inlogresultaat:
    with transaction(sessions) as s:
        return controleer_inlog(s, bev, NAAM, wachtwoord, ip, now=now)


def test_wachttijd_verdubbelt_per_mislukte_poging_tot_het_plafond() -> None:
    b = Inlogbeperking()
    assert [wachttijd(b, n, 5).total_seconds() for n in range(4, 10)] == [0, 1, 2, 4, 8, 16]
    assert wachttijd(b, 1000, 5) == b.max_wachttijd


def test_een_aanvaller_elders_houdt_de_eigenaar_niet_buiten(
    sessions: sessionmaker[Session], bev: Beveiliging, geheim: str
) -> None:
    t0 = utcnow()
    for i in range(40):  # a sustained attack from one address, one try every 30 seconds
        _probeer(sessions, bev, "fout-wachtwoord", AANVALLER, t0 + timedelta(seconds=30 * i))
    now = t0 + timedelta(seconds=30 * 40)
    assert _probeer(sessions, bev, "fout-wachtwoord", AANVALLER, now).uitkomst is Inloguitkomst.geblokkeerd
    # the owner, from another address, gets in with password and second factor
    uitkomst = _probeer(sessions, bev, WACHTWOORD, EIGENAAR, now)
    assert uitkomst.uitkomst is Inloguitkomst.ok
    with transaction(sessions) as s:
        assert uitkomst.gebruiker is not None
        gebruiker = s.merge(uitkomst.gebruiker)
        code = totp_mod.code_voor(geheim, now.timestamp())
        assert controleer_totp(s, bev, gebruiker, code, EIGENAAR, now=now) is Inloguitkomst.ok


def test_mislukte_pogingen_vertragen_exponentieel_in_plaats_van_te_blokkeren(
    sessions: sessionmaker[Session], bev: Beveiliging, geheim: str
) -> None:
    t = utcnow()
    for _ in range(5):
        assert _probeer(sessions, bev, "fout", EIGENAAR, t).uitkomst is Inloguitkomst.ongeldig
    geblokkeerd = _probeer(sessions, bev, WACHTWOORD, EIGENAAR, t + timedelta(milliseconds=500))
    assert geblokkeerd.uitkomst is Inloguitkomst.geblokkeerd and geblokkeerd.wacht_seconden == 1
    t += timedelta(seconds=1.1)  # after one second the pair may try again; a sixth failure doubles the wait
    assert _probeer(sessions, bev, "fout", EIGENAAR, t).uitkomst is Inloguitkomst.ongeldig
    assert _probeer(sessions, bev, WACHTWOORD, EIGENAAR, t + timedelta(seconds=1.5)).wacht_seconden == 1
    goed = _probeer(sessions, bev, WACHTWOORD, EIGENAAR, t + timedelta(seconds=2.1))
    assert goed.uitkomst is Inloguitkomst.ok


def test_een_geslaagde_inlog_met_tweede_factor_wist_de_teller_van_het_paar(
    sessions: sessionmaker[Session], bev: Beveiliging, geheim: str
) -> None:
    t = utcnow()
    for _ in range(4):
        _probeer(sessions, bev, "fout", EIGENAAR, t)
    goed = _probeer(sessions, bev, WACHTWOORD, EIGENAAR, t)
    with transaction(sessions) as s:
        assert goed.gebruiker is not None
        gebruiker = s.merge(goed.gebruiker)
        assert controleer_totp(s, bev, gebruiker, totp_mod.code_voor(geheim, t.timestamp()), EIGENAAR, now=t) is (
            Inloguitkomst.ok
        )
    for _ in range(5):  # five free failures again
        assert _probeer(sessions, bev, "fout", EIGENAAR, t).uitkomst is Inloguitkomst.ongeldig


def test_veel_mislukkingen_over_adressen_heen_vertragen_alleen(
    sessions: sessionmaker[Session], bev: Beveiliging, geheim: str
) -> None:
    t = utcnow()
    for i in range(25):  # a distributed attack: 25 addresses, one failure each
        _probeer(sessions, bev, "fout", f"192.0.2.{i}", t)
    # a fresh address gets one free attempt (not five), then waits; never a lockout
    assert _probeer(sessions, bev, "fout", "192.0.2.200", t).uitkomst is Inloguitkomst.ongeldig
    assert _probeer(sessions, bev, "fout", "192.0.2.200", t).uitkomst is Inloguitkomst.geblokkeerd
    assert _probeer(sessions, bev, WACHTWOORD, EIGENAAR, t).uitkomst is Inloguitkomst.ok


def test_parallelle_pogingen_blijven_precies_binnen_de_limiet(
    sessions: sessionmaker[Session], bev: Beveiliging, geheim: str
) -> None:
    now = utcnow()

    def poging(_: int) -> Inloguitkomst:
        return _probeer(sessions, bev, "fout-wachtwoord", AANVALLER, now).uitkomst

    with ThreadPoolExecutor(max_workers=40) as pool:
        uitkomsten = list(pool.map(poging, range(40)))
    assert uitkomsten.count(Inloguitkomst.ongeldig) == bev.beperking.per_account == 5
    assert uitkomsten.count(Inloguitkomst.geblokkeerd) == 35
    with sessions() as s:
        assert s.scalar(select(func.count()).select_from(Inlogpoging)) == 5
