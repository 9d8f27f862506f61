# SPDX-License-Identifier: EUPL-1.2
"""Alembic environment: the engine comes from zicht.storage.migrate (never from a URL in a file)."""

from __future__ import annotations

from alembic import context

import zicht.storage.tables  # noqa: F401  (registers every table on the metadata)
from zicht.storage.base import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
    connection.commit()
