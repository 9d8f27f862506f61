# SPDX-License-Identifier: EUPL-1.2
"""Fast bulk insertion: PostgreSQL ``COPY`` where available, batched ``executemany`` elsewhere."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session


def bulk_insert(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts with the same keys) into ``table`` within the session's transaction.

    On PostgreSQL this streams the rows with ``COPY … FROM STDIN`` (psycopg 3), on other databases it uses
    one batched ``executemany``. Returns the number of rows written.
    """
    if not rows:
        return 0
    columns = list(rows[0].keys())
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        driver = connection.connection.driver_connection
        assert driver is not None
        names = ", ".join(f'"{c}"' for c in columns)
        with driver.cursor() as cursor, cursor.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])
        return len(rows)
    session.execute(insert(table), list(rows))
    return len(rows)
