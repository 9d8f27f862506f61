# SPDX-License-Identifier: EUPL-1.2
"""koppeling: linkage runs, scored pairs, review queue, analyst decisions, merge/split events

Revision ID: 0003
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0001"
branch_labels = ("koppeling",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "koppel_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("engine", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("model_van", sa.Uuid(), nullable=True),
        sa.Column("drempel_boven", sa.Float(), nullable=False),
        sa.Column("drempel_onder", sa.Float(), nullable=False),
        sa.Column("seed", sa.Integer(), nullable=True),
        sa.Column("aantal_meldingen", sa.Integer(), nullable=False),
        sa.Column("aantal_kandidaten", sa.BigInteger(), nullable=False),
        sa.Column("aantal_paren", sa.Integer(), nullable=False),
        sa.Column("aantal_personen", sa.Integer(), nullable=False),
        sa.Column("aantal_samenvoegingen", sa.Integer(), nullable=False),
        sa.Column("aantal_splitsingen", sa.Integer(), nullable=False),
        sa.Column("aantal_beoordelen", sa.Integer(), nullable=False),
        sa.Column("tijden", sa.JSON(), nullable=False),
        sa.Column("versies", sa.JSON(), nullable=False),
        sa.Column("uitgevoerd_door", sa.String(length=64), nullable=False),
        sa.Column("gestart_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("voltooid_op", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("soort IN ('volledig', 'incrementeel', 'besluit')", name=op.f("ck_koppel_run_soort")),
        sa.CheckConstraint("status IN ('bezig', 'voltooid', 'mislukt')", name=op.f("ck_koppel_run_status")),
        sa.ForeignKeyConstraint(["model_van"], ["koppel_run.id"], name=op.f("fk_koppel_run_model_van_koppel_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koppel_run")),
    )
    op.create_table(
        "koppel_paar",
        sa.Column("melding_a", sa.Uuid(), nullable=False),
        sa.Column("melding_b", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_a"], ["melding.id"], name=op.f("fk_koppel_paar_melding_a_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["melding_b"], ["melding.id"], name=op.f("fk_koppel_paar_melding_b_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["koppel_run.id"], name=op.f("fk_koppel_paar_run_id_koppel_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("melding_a", "melding_b", name=op.f("pk_koppel_paar")),
    )
    op.create_index("ix_koppel_paar_melding_b", "koppel_paar", ["melding_b"], unique=False)
    op.create_index(op.f("ix_koppel_paar_run_id"), "koppel_paar", ["run_id"], unique=False)
    op.create_table(
        "koppel_beoordeling",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("melding_a", sa.Uuid(), nullable=False),
        sa.Column("melding_b", sa.Uuid(), nullable=False),
        sa.Column("match_probability", sa.Float(), nullable=False),
        sa.Column("match_weight", sa.Float(), nullable=False),
        sa.Column("niveaus", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('open', 'besloten', 'vervallen')", name=op.f("ck_koppel_beoordeling_status")),
        sa.ForeignKeyConstraint(
            ["melding_a"], ["melding.id"], name=op.f("fk_koppel_beoordeling_melding_a_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["melding_b"], ["melding.id"], name=op.f("fk_koppel_beoordeling_melding_b_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(["run_id"], ["koppel_run.id"], name=op.f("fk_koppel_beoordeling_run_id_koppel_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koppel_beoordeling")),
    )
    op.create_index("ix_koppel_beoordeling_status", "koppel_beoordeling", ["status", "match_probability"], unique=False)
    op.create_table(
        "koppel_besluit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("melding_a", sa.Uuid(), nullable=False),
        sa.Column("melding_b", sa.Uuid(), nullable=False),
        sa.Column("oordeel", sa.String(length=16), nullable=False),
        sa.Column("beoordeling_id", sa.Uuid(), nullable=True),
        sa.Column("genomen_door", sa.String(length=64), nullable=False),
        sa.Column("rol", sa.String(length=24), nullable=False),
        sa.Column("genomen_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ingetrokken_door", sa.String(length=64), nullable=True),
        sa.Column("ingetrokken_op", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint("oordeel IN ('zelfde', 'verschillend')", name=op.f("ck_koppel_besluit_oordeel")),
        sa.ForeignKeyConstraint(
            ["beoordeling_id"],
            ["koppel_beoordeling.id"],
            name=op.f("fk_koppel_besluit_beoordeling_id_koppel_beoordeling"),
        ),
        sa.ForeignKeyConstraint(
            ["melding_a"], ["melding.id"], name=op.f("fk_koppel_besluit_melding_a_melding"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["melding_b"], ["melding.id"], name=op.f("fk_koppel_besluit_melding_b_melding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koppel_besluit")),
    )
    op.create_index("ix_koppel_besluit_melding_b", "koppel_besluit", ["melding_b"], unique=False)
    op.create_index("ix_koppel_besluit_paar", "koppel_besluit", ["melding_a", "melding_b"], unique=False)
    op.create_table(
        "koppel_gebeurtenis",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=True),
        sa.Column("besluit_id", sa.Uuid(), nullable=True),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("oorzaak", sa.String(length=16), nullable=False),
        sa.Column("van", sa.JSON(), nullable=False),
        sa.Column("naar", sa.JSON(), nullable=False),
        sa.Column("aantal_meldingen", sa.Integer(), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "oorzaak IN ('herkoppeling', 'incrementeel', 'besluit', 'ongedaan')",
            name=op.f("ck_koppel_gebeurtenis_oorzaak"),
        ),
        sa.CheckConstraint("soort IN ('samenvoeging', 'splitsing')", name=op.f("ck_koppel_gebeurtenis_soort")),
        sa.ForeignKeyConstraint(
            ["besluit_id"], ["koppel_besluit.id"], name=op.f("fk_koppel_gebeurtenis_besluit_id_koppel_besluit")
        ),
        sa.ForeignKeyConstraint(["run_id"], ["koppel_run.id"], name=op.f("fk_koppel_gebeurtenis_run_id_koppel_run")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_koppel_gebeurtenis")),
    )
    op.create_index(op.f("ix_koppel_gebeurtenis_run_id"), "koppel_gebeurtenis", ["run_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_koppel_gebeurtenis_run_id"), table_name="koppel_gebeurtenis")
    op.drop_table("koppel_gebeurtenis")
    op.drop_index("ix_koppel_besluit_paar", table_name="koppel_besluit")
    op.drop_index("ix_koppel_besluit_melding_b", table_name="koppel_besluit")
    op.drop_table("koppel_besluit")
    op.drop_index("ix_koppel_beoordeling_status", table_name="koppel_beoordeling")
    op.drop_table("koppel_beoordeling")
    op.drop_index(op.f("ix_koppel_paar_run_id"), table_name="koppel_paar")
    op.drop_index("ix_koppel_paar_melding_b", table_name="koppel_paar")
    op.drop_table("koppel_paar")
    op.drop_table("koppel_run")
