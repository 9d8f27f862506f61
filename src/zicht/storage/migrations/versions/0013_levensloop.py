# SPDX-License-Identifier: EUPL-1.2
"""levensloop: meldingen get a version, a status decision, a withdrawal and a history (issue 14)

Existing meldingen become version 1; version 1 (the registration) has no history row: it is the melding's
``aangemaakt_op``, and the logboek's ``aanmaken`` record.

Revision ID: 0013
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0006"
branch_labels = ("levensloop",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("melding") as batch:
        batch.add_column(sa.Column("versie", sa.Integer(), nullable=False, server_default="1"))
        batch.add_column(sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("status_beslisser", sa.String(length=24), nullable=True))
        batch.add_column(sa.Column("status_datum", sa.Date(), nullable=True))
        batch.add_column(sa.Column("ingetrokken_op", sa.DateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("intrekkingsreden", sa.String(length=24), nullable=True))
        batch.add_column(sa.Column("dubbel_van", sa.Uuid(), nullable=True))
    op.create_table(
        "melding_versie",
        sa.Column("id", sa.Uuid(), primary_key=True),
        sa.Column("melding_id", sa.Uuid(), sa.ForeignKey("melding.id", ondelete="CASCADE"), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.Column("actie", sa.String(length=16), nullable=False),
        sa.Column("reden", sa.String(length=32), nullable=True),
        sa.Column("wijzigingen", sa.JSON(), nullable=False),
        sa.Column("actor", sa.String(length=80), nullable=False),
        sa.Column("organisatie", sa.String(length=40), nullable=True),
        sa.Column("op", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("melding_id", "versie", name="uq_melding_versie"),
    )
    op.create_index("ix_melding_versie_melding_id", "melding_versie", ["melding_id"])


def downgrade() -> None:
    op.drop_index("ix_melding_versie_melding_id", table_name="melding_versie")
    op.drop_table("melding_versie")
    with op.batch_alter_table("melding") as batch:
        for kolom in (
            "dubbel_van",
            "intrekkingsreden",
            "ingetrokken_op",
            "status_datum",
            "status_beslisser",
            "gewijzigd_op",
            "versie",
        ):
            batch.drop_column(kolom)
