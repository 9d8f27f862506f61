# SPDX-License-Identifier: EUPL-1.2
"""``zicht db``: bring the registry database schema up to date and show where it stands.

Also holds :func:`open_registry`, the helper other commands use to get a session factory for a database that
is up to date (or a message telling the user to run ``zicht db upgrade``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from zicht.cli._context import EXIT_FAILED, EXIT_USAGE, UserFacingError, get_context
from zicht.config import Settings


def _safe_url(settings: Settings) -> str:
    """The database URL without a password, for messages."""
    from sqlalchemy.engine import make_url

    return make_url(settings.effective_database_url).render_as_string(hide_password=True)


@contextmanager
def open_registry(settings: Settings, *, check: bool = True) -> Iterator[tuple[Engine, sessionmaker[Session]]]:
    """An engine and session factory for the configured database, disposed afterwards.

    Raises:
        UserFacingError: the database cannot be reached, or (with ``check``) its schema is not up to date.
    """
    from zicht.storage import engine_from_settings, is_up_to_date

    engine = engine_from_settings(settings)
    try:
        if check:
            try:
                current = is_up_to_date(engine)
            except SQLAlchemyError as exc:
                raise UserFacingError(
                    f"database niet bereikbaar ({_safe_url(settings)}): {type(exc).__name__} / database not reachable",
                    EXIT_FAILED,
                ) from None
            if not current:
                raise UserFacingError(
                    "de database is niet bijgewerkt; voer eerst 'zicht db upgrade' uit / the database schema is "
                    "not up to date; run 'zicht db upgrade' first",
                    EXIT_USAGE,
                )
        yield engine, sessies(settings, engine)
    finally:
        engine.dispose()


@click.group()
def db() -> None:
    """Database: migraties uitvoeren en de stand tonen / run migrations and show the schema revision."""


@db.command("upgrade")
@click.option("--revisie", "revision", default="heads", show_default=True, help="Doelrevisie / target revision.")
def upgrade_command(revision: str) -> None:
    """Breng de database naar de nieuwste revisie / upgrade the database schema."""
    from zicht.storage import upgrade
    from zicht.storage.migrate import current_revisions

    settings = get_context().settings
    with open_registry(settings, check=False) as (engine, _):
        try:
            upgrade(engine, revision)
            revisions = sorted(current_revisions(engine))
        except SQLAlchemyError as exc:
            raise UserFacingError(
                f"upgrade mislukt ({_safe_url(settings)}): {type(exc).__name__} / upgrade failed", EXIT_FAILED
            ) from None
    click.echo(f"database bijgewerkt / database upgraded: {', '.join(revisions) or '(leeg / empty)'}")


@db.command("current")
def current_command() -> int:
    """Toon de revisie van de database / show the database's schema revision.

    Exits with 1 when the database is not up to date.
    """
    from zicht.storage import is_up_to_date
    from zicht.storage.migrate import current_revisions

    settings = get_context().settings
    with open_registry(settings, check=False) as (engine, _):
        try:
            revisions = sorted(current_revisions(engine))
            actueel = is_up_to_date(engine)
        except SQLAlchemyError as exc:
            raise UserFacingError(
                f"database niet bereikbaar ({_safe_url(settings)}): {type(exc).__name__} / database not reachable",
                EXIT_FAILED,
            ) from None
    shown = ", ".join(revisions) or "(geen / none)"
    status = "actueel / up to date" if actueel else "niet actueel, voer 'zicht db upgrade' uit / behind, run upgrade"
    click.echo(f"{_safe_url(settings)}\nrevisie / revision: {shown} ({status})")
    return 0 if actueel else EXIT_FAILED


def sessies(settings: Settings, engine: Engine | None = None) -> sessionmaker[Session]:
    """A session factory whose sessions write the logboek with the configured key and ankers."""
    from zicht.privacy import logboek
    from zicht.storage import engine_from_settings, session_factory

    sessions = session_factory(engine if engine is not None else engine_from_settings(settings))
    logboek.configureer(sessions, logboek.LogboekInstellingen.from_settings(settings))
    return sessions
