# SPDX-License-Identifier: EUPL-1.2
"""publicatie: the moments up to which protected statistics are published (docs/adr/0006)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "publicatie",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("tot", sa.DateTime(timezone=True), nullable=False),
        sa.Column("reden", sa.String(length=16), nullable=False),
        sa.Column("door", sa.String(length=64), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reden IN ('eerste', 'automatisch', 'handmatig')", name=op.f("ck_publicatie_reden")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_publicatie")),
    )
    op.create_index(op.f("ix_publicatie_tot"), "publicatie", ["tot"], unique=False)
    op.create_index("ix_melding_aangemaakt_op", "melding", ["aangemaakt_op"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_melding_aangemaakt_op", table_name="melding")
    op.drop_index(op.f("ix_publicatie_tot"), table_name="publicatie")
    op.drop_table("publicatie")
