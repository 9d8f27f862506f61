# SPDX-License-Identifier: EUPL-1.2
"""telling_archief: the counts of meldingen deleted after their retention period (issue 15, item 5)

A separate branch off 0006 (``branch_labels = ("tellingen",)``); the code upgrades to every head.

Revision ID: 0015_telling_archief
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_telling_archief"
down_revision = "0006"
branch_labels = ("tellingen",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "telling_archief",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("profiel_hash", sa.String(length=64), nullable=False),
        sa.Column("profiel", sa.Text(), nullable=False),
        sa.Column("aantal", sa.Integer(), nullable=False),
        sa.Column("meldingen", sa.Integer(), nullable=False),
        sa.Column("eerste_jaar", sa.SmallInteger(), nullable=False),
        sa.Column("laatste_jaar", sa.SmallInteger(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bijgewerkt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("aantal > 0", name=op.f("ck_telling_archief_aantal")),
        sa.CheckConstraint("meldingen > 0", name=op.f("ck_telling_archief_meldingen")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_telling_archief")),
        sa.UniqueConstraint("profiel_hash", name=op.f("uq_telling_archief_profiel_hash")),
    )


def downgrade() -> None:
    op.drop_table("telling_archief")
