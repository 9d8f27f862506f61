# SPDX-License-Identifier: EUPL-1.2
"""importtaak: an import runs as a job with a status, a heartbeat and its (encrypted) file while it waits

Imports recorded before this revision finished in the request that started them: they get status ``klaar``.

Revision ID: 0011
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0006"
branch_labels = ("importtaak",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("import_run") as batch:
        batch.add_column(sa.Column("status", sa.String(length=16), nullable=False, server_default="klaar"))
        batch.add_column(sa.Column("reden", sa.String(length=500), nullable=True))
        batch.add_column(sa.Column("bestandsnaam", sa.String(length=255), nullable=True))
        batch.add_column(sa.Column("bestand", sa.LargeBinary(), nullable=True))
        batch.add_column(sa.Column("hartslag", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("fractie", sa.Float(), nullable=True))
    op.create_index("ix_import_run_status", "import_run", ["status", "hartslag"])


def downgrade() -> None:
    op.drop_index("ix_import_run_status", table_name="import_run")
    with op.batch_alter_table("import_run") as batch:
        for kolom in ("fractie", "hartslag", "bestand", "bestandsnaam", "reden", "status"):
            batch.drop_column(kolom)
