# SPDX-License-Identifier: EUPL-1.2
"""signalen: runs over online ads, queued clusters, their ads and reviewers' decisions (docs/signalen.md)

A separate branch off 0006 (``branch_labels = ("signalen",)``); the code upgrades to every head.

Revision ID: 0008
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0006"
branch_labels = ("signalen",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signaal_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=False),
        sa.Column("bron", sa.String(length=200), nullable=False),
        sa.Column("engine", sa.String(length=16), nullable=False),
        sa.Column("aantal_advertenties", sa.Integer(), nullable=False),
        sa.Column("aantal_clusters", sa.Integer(), nullable=False),
        sa.Column("aggregaten", sa.JSON(), nullable=False),
        sa.Column("parameters", sa.JSON(), nullable=False),
        sa.Column("tijden", sa.JSON(), nullable=False),
        sa.Column("uitgevoerd_door", sa.String(length=64), nullable=False),
        sa.Column("gestart_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("bewaren_tot", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisatie_id"],
            ["organisatie.id"],
            name=op.f("fk_signaal_run_organisatie_id_organisatie"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signaal_run")),
    )
    op.create_index(op.f("ix_signaal_run_organisatie_id"), "signaal_run", ["organisatie_id"], unique=False)
    op.create_index(op.f("ix_signaal_run_bewaren_tot"), "signaal_run", ["bewaren_tot"], unique=False)
    op.create_table(
        "signaal_cluster",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("run_id", sa.Uuid(), nullable=False),
        sa.Column("rang", sa.Integer(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("aantal_advertenties", sa.Integer(), nullable=False),
        sa.Column("personen", sa.Integer(), nullable=False),
        sa.Column("telefoons", sa.Integer(), nullable=False),
        sa.Column("gemeenten", sa.JSON(), nullable=False),
        sa.Column("kenmerken", sa.JSON(), nullable=False),
        sa.Column("redenen", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("bewaren_tot", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("soort IN ('rang', 'steekproef')", name=op.f("ck_signaal_cluster_soort")),
        sa.CheckConstraint("status IN ('open', 'afgewezen', 'omgezet')", name=op.f("ck_signaal_cluster_status")),
        sa.ForeignKeyConstraint(
            ["run_id"], ["signaal_run.id"], name=op.f("fk_signaal_cluster_run_id_signaal_run"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signaal_cluster")),
    )
    op.create_index(op.f("ix_signaal_cluster_run_id"), "signaal_cluster", ["run_id"], unique=False)
    op.create_index(op.f("ix_signaal_cluster_bewaren_tot"), "signaal_cluster", ["bewaren_tot"], unique=False)
    op.create_table(
        "signaal_advertentie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("cluster_id", sa.Uuid(), nullable=False),
        sa.Column("site", sa.String(length=200), nullable=False),
        sa.Column("advertentie_id", sa.String(length=200), nullable=False),
        sa.Column("geplaatst_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gemeente", sa.String(length=16), nullable=False),
        sa.Column("taal", sa.String(length=16), nullable=False),
        sa.Column("prijs_uur", sa.Float(), nullable=True),
        sa.Column("contacten", sa.JSON(), nullable=False),
        sa.Column("treffers", sa.JSON(), nullable=False),
        sa.Column("tekst", sa.Text(), nullable=True),
        sa.Column("bewaren_tot", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["signaal_cluster.id"],
            name=op.f("fk_signaal_advertentie_cluster_id_signaal_cluster"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signaal_advertentie")),
    )
    op.create_index(op.f("ix_signaal_advertentie_cluster_id"), "signaal_advertentie", ["cluster_id"], unique=False)
    op.create_index(op.f("ix_signaal_advertentie_bewaren_tot"), "signaal_advertentie", ["bewaren_tot"], unique=False)
    op.create_table(
        "signaal_besluit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("cluster_id", sa.Uuid(), nullable=False),
        sa.Column("besluit", sa.String(length=16), nullable=False),
        sa.Column("reden", sa.String(length=500), nullable=False),
        sa.Column("genomen_door", sa.String(length=64), nullable=False),
        sa.Column("rol", sa.String(length=24), nullable=False),
        sa.Column("genomen_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("besluit IN ('afgewezen', 'omgezet')", name=op.f("ck_signaal_besluit_besluit")),
        sa.ForeignKeyConstraint(
            ["cluster_id"],
            ["signaal_cluster.id"],
            name=op.f("fk_signaal_besluit_cluster_id_signaal_cluster"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_signaal_besluit")),
    )
    op.create_index(op.f("ix_signaal_besluit_cluster_id"), "signaal_besluit", ["cluster_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_signaal_besluit_cluster_id"), table_name="signaal_besluit")
    op.drop_table("signaal_besluit")
    op.drop_index(op.f("ix_signaal_advertentie_bewaren_tot"), table_name="signaal_advertentie")
    op.drop_index(op.f("ix_signaal_advertentie_cluster_id"), table_name="signaal_advertentie")
    op.drop_table("signaal_advertentie")
    op.drop_index(op.f("ix_signaal_cluster_bewaren_tot"), table_name="signaal_cluster")
    op.drop_index(op.f("ix_signaal_cluster_run_id"), table_name="signaal_cluster")
    op.drop_table("signaal_cluster")
    op.drop_index(op.f("ix_signaal_run_bewaren_tot"), table_name="signaal_run")
    op.drop_index(op.f("ix_signaal_run_organisatie_id"), table_name="signaal_run")
    op.drop_table("signaal_run")
