# SPDX-License-Identifier: EUPL-1.2
"""Run Alembic migrations programmatically (``zicht db upgrade``, tests)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, inspect

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration bound to ``engine`` (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine, revision: str = "heads") -> None:
    """Upgrade the database to ``revision`` (default: every head)."""
    command.upgrade(alembic_config(engine), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    """Downgrade the database to ``revision`` (default: empty)."""
    command.downgrade(alembic_config(engine), revision)


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at (empty for a new database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return set(MigrationContext.configure(conn).get_current_heads())


def is_up_to_date(engine: Engine) -> bool:
    """True when the database is at every head revision: each head is a current revision or lies below one
    (a branch that ``depends_on`` another head, e.g. 0014 on 0002, absorbs it in the version table)."""
    from alembic.script import ScriptDirectory

    if not inspect(engine).has_table("alembic_version"):
        return False
    script = ScriptDirectory.from_config(alembic_config(engine))
    huidig = current_revisions(engine)
    if not huidig:
        return False
    bereikt = {r.revision for r in script.iterate_revisions(tuple(huidig), "base") if r is not None}
    return set(script.get_heads()) <= bereikt
