# SPDX-License-Identifier: EUPL-1.2
"""Storage: SQLAlchemy 2 tables, engines, sessions and Alembic migrations for SQLite and PostgreSQL."""

from zicht.storage.engine import engine_from_settings, is_postgres, make_engine, session_factory, transaction
from zicht.storage.migrate import downgrade, is_up_to_date, upgrade

__all__ = [
    "downgrade",
    "engine_from_settings",
    "is_postgres",
    "is_up_to_date",
    "make_engine",
    "session_factory",
    "transaction",
    "upgrade",
]
