# SPDX-License-Identifier: EUPL-1.2
"""accounts: a forced password change after a reset, and one-time recovery codes for the second factor (issue 14)

A separate branch off 0006 (label ``accounts``) that also needs 0002 (the gebruiker table).

Revision ID: 0014
Revises: 0006
Create Date: 2026-12-08
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0006"
branch_labels = ("accounts",)
depends_on = ("0002",)


def upgrade() -> None:
    with op.batch_alter_table("gebruiker") as batch:
        batch.add_column(sa.Column("wachtwoord_wijzigen", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.create_table(
        "herstelcode",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("gebruiker_id", sa.Uuid(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gebruikt_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_herstelcode_gebruiker_id_gebruiker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_herstelcode")),
    )
    op.create_index(op.f("ix_herstelcode_gebruiker_id"), "herstelcode", ["gebruiker_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_herstelcode_gebruiker_id"), table_name="herstelcode")
    op.drop_table("herstelcode")
    with op.batch_alter_table("gebruiker") as batch:
        batch.drop_column("wachtwoord_wijzigen")
