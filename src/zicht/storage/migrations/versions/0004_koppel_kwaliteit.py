# SPDX-License-Identifier: EUPL-1.2
"""koppeling: quality audit of a full run (design on koppel_run, sampled units, kind of review item) and
the model's person-level cannot-links (koppel_strijdig)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("koppel_run") as batch:
        batch.add_column(sa.Column("kwaliteit_opzet", sa.JSON(), nullable=True))
    with op.batch_alter_table("koppel_beoordeling") as batch:
        batch.add_column(sa.Column("soort", sa.String(length=16), server_default="wachtrij", nullable=False))
        batch.create_check_constraint(op.f("ck_koppel_beoordeling_soort"), "soort IN ('wachtrij', 'steekproef')")
    op.create_table(
        "koppel_steekproef",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("stratum", sa.String(length=32), nullable=False),
        sa.Column("rang", sa.Integer(), nullable=False),
        sa.Column("melding_a", sa.Uuid(), nullable=False),
        sa.Column("melding_b", sa.Uuid(), nullable=False),
        sa.Column("gewicht", sa.Float(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("melder_paar", sa.String(length=80), nullable=False),
        sa.Column("variaties", sa.JSON(), nullable=False),
        sa.Column("beoordeling_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(
            ["beoordeling_id"],
            ["koppel_beoordeling.id"],
            name=op.f("fk_koppel_steekproef_beoordeling_id_koppel_beoordeling"),
        ),
        sa.ForeignKeyConstraint(
            ["melding_a"], ["melding.id"], name=op.f("fk_koppel_steekproef_melding_a_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["melding_b"], ["melding.id"], name=op.f("fk_koppel_steekproef_melding_b_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["koppel_run.id"], name=op.f("fk_koppel_steekproef_run_id_koppel_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koppel_steekproef")),
    )
    op.create_index(op.f("ix_koppel_steekproef_beoordeling_id"), "koppel_steekproef", ["beoordeling_id"], unique=False)
    op.create_index("ix_koppel_steekproef_run", "koppel_steekproef", ["run_id", "stratum", "rang"], unique=False)
    op.create_table(
        "koppel_strijdig",
        sa.Column("melding_a", sa.Uuid(), nullable=False),
        sa.Column("melding_b", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_a"], ["melding.id"], name=op.f("fk_koppel_strijdig_melding_a_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["melding_b"], ["melding.id"], name=op.f("fk_koppel_strijdig_melding_b_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["koppel_run.id"], name=op.f("fk_koppel_strijdig_run_id_koppel_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("melding_a", "melding_b", name=op.f("pk_koppel_strijdig")),
    )
    op.create_index("ix_koppel_strijdig_melding_b", "koppel_strijdig", ["melding_b"], unique=False)
    op.create_index(op.f("ix_koppel_strijdig_run_id"), "koppel_strijdig", ["run_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_koppel_strijdig_run_id"), table_name="koppel_strijdig")
    op.drop_index("ix_koppel_strijdig_melding_b", table_name="koppel_strijdig")
    op.drop_table("koppel_strijdig")
    op.drop_index("ix_koppel_steekproef_run", table_name="koppel_steekproef")
    op.drop_index(op.f("ix_koppel_steekproef_beoordeling_id"), table_name="koppel_steekproef")
    op.drop_table("koppel_steekproef")
    with op.batch_alter_table("koppel_beoordeling") as batch:
        batch.drop_constraint(op.f("ck_koppel_beoordeling_soort"), type_="check")
        batch.drop_column("soort")
    with op.batch_alter_table("koppel_run") as batch:
        batch.drop_column("kwaliteit_opzet")
