# SPDX-License-Identifier: EUPL-1.2
"""registry: organisaties, meldingen, identity vault, personen, imports, logboek

Revision ID: 0001
Revises:
Create Date: 2026-11-28
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = ("registry",)
depends_on = None


def upgrade() -> None:

    op.create_table(
        "logboek",
        sa.Column(
            "volgnummer",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.Column("trace_id", sa.String(length=32), nullable=False),
        sa.Column("actor", sa.String(length=64), nullable=False),
        sa.Column("rol", sa.String(length=24), nullable=False),
        sa.Column("organisatie", sa.String(length=64), nullable=True),
        sa.Column("doel", sa.String(length=200), nullable=False),
        sa.Column("actie", sa.String(length=24), nullable=False),
        sa.Column("object_type", sa.String(length=24), nullable=False),
        sa.Column("object_id", sa.String(length=64), nullable=True),
        sa.Column("persoon_id", sa.String(length=64), nullable=True),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("vorige_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("volgnummer", name=op.f("pk_logboek")),
    )
    with op.batch_alter_table("logboek", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_logboek_persoon_id"), ["persoon_id"], unique=False)

    op.create_table(
        "organisatie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("soort", sa.String(length=40), nullable=False),
        sa.Column("regio", sa.String(length=80), nullable=True),
        sa.Column("gemeentecode", sa.String(length=6), nullable=True),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organisatie")),
        sa.UniqueConstraint("code", name=op.f("uq_organisatie_code")),
    )
    op.create_table(
        "persoon",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("opgegaan_in", sa.Uuid(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["opgegaan_in"], ["persoon.id"], name=op.f("fk_persoon_opgegaan_in_persoon")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_persoon")),
    )
    op.create_table(
        "import_run",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=False),
        sa.Column("bestand_sha256", sa.String(length=64), nullable=False),
        sa.Column("formaat", sa.String(length=8), nullable=False),
        sa.Column("gelezen", sa.Integer(), nullable=False),
        sa.Column("geaccepteerd", sa.Integer(), nullable=False),
        sa.Column("opgeslagen", sa.Integer(), nullable=False),
        sa.Column("al_aanwezig", sa.Integer(), nullable=False),
        sa.Column("afgewezen", sa.Integer(), nullable=False),
        sa.Column("rapport", sa.JSON(), nullable=False),
        sa.Column("uitgevoerd_door", sa.String(length=64), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisatie.id"], name=op.f("fk_import_run_organisatie_id_organisatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_run")),
    )
    op.create_table(
        "melding",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=False),
        sa.Column("melder_referentie", sa.String(length=100), nullable=False),
        sa.Column("melder_soort", sa.String(length=40), nullable=False),
        sa.Column("melder_regio", sa.String(length=80), nullable=True),
        sa.Column("melddatum", sa.Date(), nullable=False),
        sa.Column("uitbuiting_van", sa.Date(), nullable=True),
        sa.Column("uitbuiting_tot", sa.Date(), nullable=True),
        sa.Column("plaats_delict_soort", sa.String(length=12), nullable=False),
        sa.Column("plaats_delict_gemeente", sa.String(length=6), nullable=True),
        sa.Column("plaats_delict_land", sa.String(length=12), nullable=True),
        sa.Column("wervingsplaats_gemeente", sa.String(length=6), nullable=True),
        sa.Column("wervingsplaats_land", sa.String(length=12), nullable=True),
        sa.Column("geslacht", sa.String(length=24), nullable=False),
        sa.Column("geboortejaar", sa.SmallInteger(), nullable=True),
        sa.Column("leeftijd_bij_melding", sa.SmallInteger(), nullable=True),
        sa.Column("dossiertype", sa.String(length=40), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("grondslag", sa.String(length=16), nullable=False),
        sa.Column("toestemming", sa.String(length=16), nullable=False),
        sa.Column("persoon_id", sa.Uuid(), nullable=True),
        sa.Column("inhoud_hash", sa.String(length=64), nullable=False),
        sa.Column("bron", sa.String(length=12), nullable=False),
        sa.Column("import_id", sa.Uuid(), nullable=True),
        sa.Column("codebook_versie", sa.String(length=16), nullable=False),
        sa.Column("gebiedsindeling_jaar", sa.Integer(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(plaats_delict_soort = 'gemeente' AND plaats_delict_gemeente IS NOT NULL) OR (plaats_delict_soort = 'buitenland' AND plaats_delict_land IS NOT NULL) OR plaats_delict_soort = 'onbekend'",
            name=op.f("ck_melding_plaats_delict_compleet"),
        ),
        sa.CheckConstraint(
            "plaats_delict_soort IN ('gemeente', 'buitenland', 'onbekend')",
            name=op.f("ck_melding_plaats_delict_soort"),
        ),
        sa.CheckConstraint(
            "leeftijd_bij_melding IS NULL OR leeftijd_bij_melding BETWEEN 0 AND 120",
            name=op.f("ck_melding_leeftijd"),
        ),
        sa.ForeignKeyConstraint(["import_id"], ["import_run.id"], name=op.f("fk_melding_import_id_import_run")),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisatie.id"], name=op.f("fk_melding_organisatie_id_organisatie")
        ),
        sa.ForeignKeyConstraint(["persoon_id"], ["persoon.id"], name=op.f("fk_melding_persoon_id_persoon")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_melding")),
        sa.UniqueConstraint("organisatie_id", "melder_referentie", name="uq_melding_organisatie_referentie"),
    )
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.create_index("ix_melding_melddatum", ["melddatum"], unique=False)
        batch_op.create_index("ix_melding_persoon_id", ["persoon_id"], unique=False)
        batch_op.create_index("ix_melding_plaats_delict_gemeente", ["plaats_delict_gemeente"], unique=False)

    op.create_table(
        "identiteit",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("sleutel_id", sa.String(length=32), nullable=False),
        sa.Column("versleuteld", sa.LargeBinary(), nullable=False),
        sa.Column("pseudo_document", sa.String(length=64), nullable=True),
        sa.Column("pseudo_telefoon", sa.String(length=64), nullable=True),
        sa.Column("pseudo_naam_geboortedatum", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(
            ["melding_id"], ["melding.id"], name=op.f("fk_identiteit_melding_id_melding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("melding_id", name=op.f("pk_identiteit")),
    )
    with op.batch_alter_table("identiteit", schema=None) as batch_op:
        batch_op.create_index("ix_identiteit_pseudo_document", ["pseudo_document"], unique=False)
        batch_op.create_index("ix_identiteit_pseudo_naam_geboortedatum", ["pseudo_naam_geboortedatum"], unique=False)
        batch_op.create_index("ix_identiteit_pseudo_telefoon", ["pseudo_telefoon"], unique=False)

    op.create_table(
        "melding_nationaliteit",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("land", sa.String(length=12), nullable=False),
        sa.Column("volgorde", sa.SmallInteger(), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"],
            ["melding.id"],
            name=op.f("fk_melding_nationaliteit_melding_id_melding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("melding_id", "land", name=op.f("pk_melding_nationaliteit")),
    )
    op.create_table(
        "melding_uitbuiting",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("vorm", sa.String(length=24), nullable=False),
        sa.Column("sector", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"],
            ["melding.id"],
            name=op.f("fk_melding_uitbuiting_melding_id_melding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("melding_id", "vorm", "sector", name=op.f("pk_melding_uitbuiting")),
    )
    op.create_table(
        "melding_werkwijze",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("werkwijze", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"],
            ["melding.id"],
            name=op.f("fk_melding_werkwijze_melding_id_melding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("melding_id", "werkwijze", name=op.f("pk_melding_werkwijze")),
    )
    op.create_table(
        "route_gebeurtenis",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("volgnummer", sa.SmallInteger(), nullable=False),
        sa.Column("soort", sa.String(length=16), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=True),
        sa.Column("land", sa.String(length=12), nullable=True),
        sa.Column("datum", sa.Date(), nullable=True),
        sa.ForeignKeyConstraint(
            ["melding_id"],
            ["melding.id"],
            name=op.f("fk_route_gebeurtenis_melding_id_melding"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("melding_id", "volgnummer", name=op.f("pk_route_gebeurtenis")),
    )


def downgrade() -> None:

    op.drop_table("route_gebeurtenis")
    op.drop_table("melding_werkwijze")
    op.drop_table("melding_uitbuiting")
    op.drop_table("melding_nationaliteit")
    with op.batch_alter_table("identiteit", schema=None) as batch_op:
        batch_op.drop_index("ix_identiteit_pseudo_telefoon")
        batch_op.drop_index("ix_identiteit_pseudo_naam_geboortedatum")
        batch_op.drop_index("ix_identiteit_pseudo_document")

    op.drop_table("identiteit")
    with op.batch_alter_table("melding", schema=None) as batch_op:
        batch_op.drop_index("ix_melding_plaats_delict_gemeente")
        batch_op.drop_index("ix_melding_persoon_id")
        batch_op.drop_index("ix_melding_melddatum")

    op.drop_table("melding")
    op.drop_table("import_run")
    op.drop_table("persoon")
    op.drop_table("organisatie")
    with op.batch_alter_table("logboek", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_logboek_persoon_id"))

    op.drop_table("logboek")
