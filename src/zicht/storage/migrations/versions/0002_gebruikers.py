# SPDX-License-Identifier: EUPL-1.2
"""gebruikers: accounts, web sessions, API tokens and login attempts

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = ("gebruikers",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gebruiker",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gebruikersnaam", sa.String(length=64), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("rol", sa.String(length=16), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=True),
        sa.Column("gebied", sa.String(length=40), nullable=True),
        sa.Column("wachtwoord_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_geheim", sa.LargeBinary(), nullable=True),
        sa.Column("totp_bevestigd", sa.Boolean(), nullable=False),
        sa.Column("totp_laatste_stap", sa.BigInteger(), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("demo", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_ingelogd_op", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "rol IN ('melder', 'analist', 'identiteit', 'gemeente', 'opvang', 'beheerder')",
            name=op.f("ck_gebruiker_rol"),
        ),
        sa.CheckConstraint(
            "rol <> 'melder' OR organisatie_id IS NOT NULL", name=op.f("ck_gebruiker_melder_heeft_organisatie")
        ),
        sa.CheckConstraint("rol <> 'gemeente' OR gebied IS NOT NULL", name=op.f("ck_gebruiker_gemeente_heeft_gebied")),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisatie.id"], name=op.f("fk_gebruiker_organisatie_id_organisatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_gebruiker")),
        sa.UniqueConstraint("gebruikersnaam", name=op.f("uq_gebruiker_gebruikersnaam")),
    )
    op.create_table(
        "sessie",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("gebruiker_id", sa.Uuid(), nullable=False),
        sa.Column("stap", sa.String(length=12), nullable=False),
        sa.Column("taal", sa.String(length=2), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("laatst_actief_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["gebruiker_id"], ["gebruiker.id"], name=op.f("fk_sessie_gebruiker_id_gebruiker"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sessie")),
    )
    with op.batch_alter_table("sessie", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sessie_gebruiker_id"), ["gebruiker_id"], unique=False)

    op.create_table(
        "api_token",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("prefix", sa.String(length=16), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=False),
        sa.Column("scopes", sa.String(length=200), nullable=False),
        sa.Column("omschrijving", sa.String(length=200), nullable=False),
        sa.Column("aangemaakt_door", sa.String(length=64), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("verloopt_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("ingetrokken_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("laatst_gebruikt_op", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisatie.id"], name=op.f("fk_api_token_organisatie_id_organisatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_api_token")),
        sa.UniqueConstraint("prefix", name=op.f("uq_api_token_prefix")),
    )
    op.create_table(
        "inlogpoging",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("account_sleutel", sa.String(length=64), nullable=False),
        sa.Column("ip_sleutel", sa.String(length=64), nullable=False),
        sa.Column("gelukt", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inlogpoging")),
    )
    with op.batch_alter_table("inlogpoging", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_inlogpoging_account_sleutel"), ["account_sleutel"], unique=False)
        batch_op.create_index(batch_op.f("ix_inlogpoging_ip_sleutel"), ["ip_sleutel"], unique=False)
        batch_op.create_index(batch_op.f("ix_inlogpoging_tijdstip"), ["tijdstip"], unique=False)

    # Paged lists of meldingen, newest first (see zicht.storage.tables.gebruiker).
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.create_index(
            "ix_melding_organisatie_lijst", ["organisatie_id", "melddatum", "aangemaakt_op", "id"], unique=False
        )
        batch_op.create_index("ix_melding_lijst", ["melddatum", "aangemaakt_op", "id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.drop_index("ix_melding_lijst")
        batch_op.drop_index("ix_melding_organisatie_lijst")
    with op.batch_alter_table("inlogpoging", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inlogpoging_tijdstip"))
        batch_op.drop_index(batch_op.f("ix_inlogpoging_ip_sleutel"))
        batch_op.drop_index(batch_op.f("ix_inlogpoging_account_sleutel"))
    op.drop_table("inlogpoging")
    op.drop_table("api_token")
    with op.batch_alter_table("sessie", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sessie_gebruiker_id"))
    op.drop_table("sessie")
    op.drop_table("gebruiker")
