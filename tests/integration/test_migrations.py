# SPDX-License-Identifier: EUPL-1.2
"""Migrations run from an empty database to head and back down, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine, inspect

from zicht.storage import downgrade, is_up_to_date, upgrade


def test_migraties_gaan_van_leeg_naar_head_en_terug(empty_engine: Engine) -> None:
    upgrade(empty_engine)
    assert is_up_to_date(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"melding", "identiteit", "organisatie", "logboek", "persoon"} <= tables

    downgrade(empty_engine)
    remaining = set(inspect(empty_engine).get_table_names()) - {"alembic_version"}
    assert remaining == set()

    upgrade(empty_engine)  # and up again: downgrade left nothing behind that blocks a new upgrade
    assert is_up_to_date(empty_engine)


def test_schema_van_migraties_komt_overeen_met_de_modellen(engine: Engine) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    import zicht.storage.tables  # noqa: F401
    from zicht.storage.base import Base

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"
