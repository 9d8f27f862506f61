# SPDX-License-Identifier: EUPL-1.2
"""Shared fixtures: settings with throw-away keys, reference data, and databases on SQLite and PostgreSQL.

Tests that take the ``engine`` fixture run twice: on an SQLite file and on a fresh database in a throwaway
PostgreSQL server started from the local binaries (see tests/pg.py).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings as hypothesis_settings
from sqlalchemy import Engine

from zicht.config import Settings, generate_key, load_settings
from zicht.privacy.vault import Vault
from zicht.reference import Referentiedata, load_reference
from zicht.storage import make_engine, session_factory, upgrade

# The suite is deterministic: Hypothesis draws the same examples on every run (and in CI), so a result does not
# depend on luck. Explore new examples locally with HYPOTHESIS_PROFILE=verkennen.
hypothesis_settings.register_profile("ci", derandomize=True, database=None)
hypothesis_settings.register_profile("verkennen", derandomize=False)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT.parent / "shared"
REFERENCE_DIR = SHARED / "data" / "nl"


#: Contact addresses a productie environment must set (the defaults are example.org placeholders).
PRODUCTIE_CONTACT = {
    "ZICHT_CONTACT_BEVEILIGING": "cvd@zicht-test.nl",
    "ZICHT_CONTACT_TOEGANKELIJKHEID": "toegankelijkheid@zicht-test.nl",
}


def test_environ(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A complete ZICHT_* environment with fresh keys, for CLI and app tests."""
    env = {
        "ZICHT_OMGEVING": "test",
        "ZICHT_DATA_DIR": str(tmp_path / "var"),
        "ZICHT_REFERENCE_DIR": str(REFERENCE_DIR),
        "ZICHT_VAULT_KEYS": f"k1:{generate_key()}",
        "ZICHT_PSEUDONYM_KEY": generate_key(),
        "ZICHT_SESSION_SECRET": generate_key() + generate_key(),
        # no background precomputation competing with the tests for the CPU (tested on its own)
        "ZICHT_STATISTIEK_OPWARMEN": "false",
    }
    env.update(extra)
    return env


test_environ.__test__ = False  # type: ignore[attr-defined]  # a helper, not a test, when imported by tests


@pytest.fixture(scope="session")
def reference() -> Referentiedata:
    return load_reference(REFERENCE_DIR)


@pytest.fixture
def environ(tmp_path: Path) -> dict[str, str]:
    return test_environ(tmp_path)


@pytest.fixture
def settings(environ: dict[str, str]) -> Settings:
    return load_settings(environ)


@pytest.fixture
def vault(settings: Settings) -> Vault:
    return Vault.from_settings(settings)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[object]:
    from tests.pg import postgres_server

    try:
        with postgres_server() as server:
            yield server
    except RuntimeError as exc:  # pragma: no cover - depends on the machine
        pytest.fail(f"PostgreSQL for the test suite could not start: {exc}")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database: an SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'zicht.sqlite3'}"
    server = request.getfixturevalue("pg_server")
    return str(server.create_database())  # type: ignore[attr-defined]


@pytest.fixture
def empty_engine(db_url: str) -> Iterator[Engine]:
    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def engine(empty_engine: Engine) -> Engine:
    """A database migrated to head."""
    upgrade(empty_engine)
    return empty_engine


@pytest.fixture
def sessions(engine: Engine):  # type: ignore[no-untyped-def]
    return session_factory(engine)
