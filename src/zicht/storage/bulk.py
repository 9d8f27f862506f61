# SPDX-License-Identifier: EUPL-1.2
"""Fast bulk insertion: PostgreSQL ``COPY`` where available, one ``executemany`` on the DBAPI cursor elsewhere."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

_Processor = Callable[[Any], Any] | None
_Plan = tuple[str, list[str], list[_Processor]]
_PLANS: dict[tuple[str, str, tuple[str, ...]], _Plan | None] = {}


def bulk_insert(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> int:
    """Insert ``rows`` (dicts with the same keys) into ``table`` within the session's transaction.

    On PostgreSQL this streams the rows with ``COPY … FROM STDIN`` (psycopg 3). Elsewhere it compiles the
    INSERT once, converts the values with the columns' own SQLAlchemy bind processors (UUIDs, dates, UTC
    timestamps: exactly what ``session.execute(insert(table), rows)`` would store) and hands them to the
    DBAPI cursor's ``executemany``, skipping SQLAlchemy's per-row parameter processing. Returns the number
    of rows written.
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
    if connection.dialect.paramstyle not in ("qmark", "numeric", "format"):
        session.execute(insert(table), list(rows))  # named parameter styles: let SQLAlchemy do it
        return len(rows)
    plan = _plan(connection.dialect, table, tuple(columns))
    if plan is None:  # the INSERT would need column defaults computed in Python: let SQLAlchemy do it
        session.execute(insert(table), list(rows))
        return len(rows)
    sql, order, processors = plan
    # column by column: one list comprehension per column is much cheaper than a generator per row
    values = [
        [row[c] for row in rows] if p is None else [p(row[c]) for row in rows]
        for c, p in zip(order, processors, strict=True)
    ]
    params = list(zip(*values, strict=True))
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()
    return len(rows)


def _plan(dialect: Dialect, table: Table, columns: tuple[str, ...]) -> _Plan | None:
    """The compiled INSERT, its positional parameter order and each parameter's bind processor (cached);
    None when the statement needs more parameters than the given columns (Python-side defaults)."""
    key = (dialect.name, table.fullname, columns)
    if key in _PLANS:
        return _PLANS[key]
    compiled = insert(table).compile(dialect=dialect, column_keys=list(columns))
    order = list(compiled.positiontup or ())
    plan: _Plan | None = None
    if sorted(order) == sorted(columns):
        processors: list[_Processor] = []
        for name in order:
            column_type = table.c[name].type
            processors.append(column_type.dialect_impl(dialect).bind_processor(dialect))
        plan = (str(compiled), order, processors)
    _PLANS[key] = plan
    return plan
