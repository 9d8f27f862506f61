# SPDX-License-Identifier: EUPL-1.2
"""opvang: shelter facilities, daily occupancy, placement requests and their history; the care-coordination
network (issue 16)

A separate branch off 0006 (label ``opvang``); the code upgrades to every head.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-21
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = ("opvang",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "netwerk_functie",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("functie", sa.String(length=24), nullable=False),
        sa.Column("dekking", sa.String(length=8), nullable=False),
        sa.Column("organisatie", sa.String(length=200), nullable=False),
        sa.Column("contactrol", sa.String(length=200), nullable=False),
        sa.Column("sinds", sa.Date(), nullable=False),
        sa.Column("tot", sa.Date(), nullable=True),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("dekking IN ('gemeente', 'regio')", name=op.f("ck_netwerk_functie_dekking")),
        sa.CheckConstraint(
            "functie IN ('zorgcoordinator', 'aandachtsfunctionaris')", name=op.f("ck_netwerk_functie_functie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_netwerk_functie")),
    )
    op.create_index("ix_netwerk_functie_gemeentecode", "netwerk_functie", ["gemeentecode"], unique=False)
    op.create_table(
        "opvang_voorziening",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=64), nullable=False),
        sa.Column("naam", sa.String(length=200), nullable=False),
        sa.Column("soort", sa.String(length=32), nullable=False),
        sa.Column("organisatie_id", sa.Uuid(), nullable=False),
        sa.Column("gemeentecode", sa.String(length=6), nullable=False),
        sa.Column("centrumgemeente", sa.String(length=6), nullable=False),
        sa.Column("regio", sa.String(length=12), nullable=False),
        sa.Column("doelgroep_geslacht", sa.String(length=8), nullable=False),
        sa.Column("leeftijd_min", sa.SmallInteger(), nullable=True),
        sa.Column("leeftijd_max", sa.SmallInteger(), nullable=True),
        sa.Column("b8", sa.Boolean(), nullable=False),
        sa.Column("meervoudige_problematiek", sa.Boolean(), nullable=False),
        sa.Column("kinderen", sa.Boolean(), nullable=False),
        sa.Column("beveiligingsniveau", sa.String(length=12), nullable=False),
        sa.Column("adres", sa.String(length=300), nullable=True),
        sa.Column("capaciteit", sa.Integer(), nullable=False),
        sa.Column("actief", sa.Boolean(), nullable=False),
        sa.Column("aangemaakt_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "beveiligingsniveau IN ('basis', 'verhoogd', 'hoog')", name=op.f("ck_opvang_voorziening_beveiligingsniveau")
        ),
        sa.CheckConstraint(
            "doelgroep_geslacht IN ('alle', 'vrouw', 'man')", name=op.f("ck_opvang_voorziening_doelgroep_geslacht")
        ),
        sa.CheckConstraint(
            "soort IN ('cosm', 'omm', 'vrouwenopvang', 'mannenopvang', 'maatschappelijke_opvang', 'jeugdzorg', 'beschermde_opvang', 'overig')",
            name=op.f("ck_opvang_voorziening_soort"),
        ),
        sa.CheckConstraint("capaciteit >= 0", name=op.f("ck_opvang_voorziening_capaciteit")),
        sa.ForeignKeyConstraint(
            ["organisatie_id"], ["organisatie.id"], name=op.f("fk_opvang_voorziening_organisatie_id_organisatie")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opvang_voorziening")),
        sa.UniqueConstraint("code", name=op.f("uq_opvang_voorziening_code")),
    )
    op.create_index(
        op.f("ix_opvang_voorziening_organisatie_id"), "opvang_voorziening", ["organisatie_id"], unique=False
    )
    op.create_index(op.f("ix_opvang_voorziening_regio"), "opvang_voorziening", ["regio"], unique=False)
    op.create_table(
        "opvang_aanvraag",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("persoon_id", sa.Uuid(), nullable=False),
        sa.Column("aanvrager_organisatie_id", sa.Uuid(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("prioriteit", sa.SmallInteger(), nullable=False),
        sa.Column("geslacht", sa.String(length=12), nullable=False),
        sa.Column("leeftijd", sa.SmallInteger(), nullable=True),
        sa.Column("eu_status", sa.String(length=12), nullable=False),
        sa.Column("verblijfsstatus", sa.String(length=24), nullable=False),
        sa.Column("alleenstaand", sa.Boolean(), nullable=False),
        sa.Column("meervoudige_problematiek", sa.Boolean(), nullable=False),
        sa.Column("kinderen", sa.SmallInteger(), nullable=False),
        sa.Column("veiligheidsrisico", sa.Boolean(), nullable=False),
        sa.Column("medisch", sa.Boolean(), nullable=False),
        sa.Column("plaats_delict_gemeente", sa.String(length=6), nullable=True),
        sa.Column("verblijfgemeente", sa.String(length=6), nullable=True),
        sa.Column("voorziening_id", sa.Uuid(), nullable=True),
        sa.Column("vorige_aanvraag_id", sa.Uuid(), nullable=True),
        sa.Column("aangevraagd_op", sa.DateTime(timezone=True), nullable=False),
        sa.Column("aangeboden_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("geplaatst_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("afgesloten_op", sa.DateTime(timezone=True), nullable=True),
        sa.Column("uitstroom_gemeente", sa.String(length=6), nullable=True),
        sa.Column("zorgcoordinator_overgedragen", sa.Boolean(), nullable=False),
        sa.Column("verlenging_reden", sa.String(length=32), nullable=True),
        sa.Column("reden", sa.String(length=32), nullable=False),
        sa.Column("versie", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('aangevraagd', 'aangeboden', 'geplaatst', 'geweigerd', 'ingetrokken', 'uitgestroomd')",
            name=op.f("ck_opvang_aanvraag_status"),
        ),
        sa.CheckConstraint("kinderen >= 0", name=op.f("ck_opvang_aanvraag_kinderen")),
        sa.ForeignKeyConstraint(
            ["aanvrager_organisatie_id"],
            ["organisatie.id"],
            name=op.f("fk_opvang_aanvraag_aanvrager_organisatie_id_organisatie"),
        ),
        sa.ForeignKeyConstraint(["persoon_id"], ["persoon.id"], name=op.f("fk_opvang_aanvraag_persoon_id_persoon")),
        sa.ForeignKeyConstraint(
            ["voorziening_id"],
            ["opvang_voorziening.id"],
            name=op.f("fk_opvang_aanvraag_voorziening_id_opvang_voorziening"),
        ),
        sa.ForeignKeyConstraint(
            ["vorige_aanvraag_id"],
            ["opvang_aanvraag.id"],
            name=op.f("fk_opvang_aanvraag_vorige_aanvraag_id_opvang_aanvraag"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opvang_aanvraag")),
    )
    op.create_index(op.f("ix_opvang_aanvraag_persoon_id"), "opvang_aanvraag", ["persoon_id"], unique=False)
    op.create_index("ix_opvang_aanvraag_status", "opvang_aanvraag", ["status"], unique=False)
    op.create_index(op.f("ix_opvang_aanvraag_voorziening_id"), "opvang_aanvraag", ["voorziening_id"], unique=False)
    op.create_table(
        "opvang_bezetting",
        sa.Column("voorziening_id", sa.Uuid(), nullable=False),
        sa.Column("datum", sa.Date(), nullable=False),
        sa.Column("totaal", sa.Integer(), nullable=False),
        sa.Column("bezet", sa.Integer(), nullable=False),
        sa.Column("gereserveerd", sa.Integer(), nullable=False),
        sa.Column("geblokkeerd", sa.Integer(), nullable=False),
        sa.Column("bron", sa.String(length=12), nullable=False),
        sa.Column("inhoud_hash", sa.String(length=64), nullable=True),
        sa.Column("gewijzigd_op", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "bron IN ('formulier', 'api', 'upload', 'plaatsing', 'synth')", name=op.f("ck_opvang_bezetting_bron")
        ),
        sa.CheckConstraint(
            "bezet + gereserveerd + geblokkeerd <= totaal", name=op.f("ck_opvang_bezetting_niet_overboekt")
        ),
        sa.CheckConstraint(
            "totaal >= 0 AND bezet >= 0 AND gereserveerd >= 0 AND geblokkeerd >= 0",
            name=op.f("ck_opvang_bezetting_niet_negatief"),
        ),
        sa.ForeignKeyConstraint(
            ["voorziening_id"],
            ["opvang_voorziening.id"],
            name=op.f("fk_opvang_bezetting_voorziening_id_opvang_voorziening"),
        ),
        sa.PrimaryKeyConstraint("voorziening_id", "datum", name=op.f("pk_opvang_bezetting")),
    )
    op.create_index("ix_opvang_bezetting_datum", "opvang_bezetting", ["datum"], unique=False)
    op.create_table(
        "netwerk_contact",
        sa.Column("melding_id", sa.Uuid(), nullable=False),
        sa.Column("contact_op", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["melding_id"], ["melding.id"], name=op.f("fk_netwerk_contact_melding_id_melding"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("melding_id", name=op.f("pk_netwerk_contact")),
    )
    op.create_table(
        "opvang_gebeurtenis",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("aanvraag_id", sa.Uuid(), nullable=False),
        sa.Column("handeling", sa.String(length=24), nullable=False),
        sa.Column("van", sa.String(length=16), nullable=True),
        sa.Column("naar", sa.String(length=16), nullable=False),
        sa.Column("reden", sa.String(length=32), nullable=False),
        sa.Column("voorziening_id", sa.Uuid(), nullable=True),
        sa.Column("door", sa.String(length=64), nullable=False),
        sa.Column("rol", sa.String(length=16), nullable=False),
        sa.Column("tijdstip", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["aanvraag_id"], ["opvang_aanvraag.id"], name=op.f("fk_opvang_gebeurtenis_aanvraag_id_opvang_aanvraag")
        ),
        sa.ForeignKeyConstraint(
            ["voorziening_id"],
            ["opvang_voorziening.id"],
            name=op.f("fk_opvang_gebeurtenis_voorziening_id_opvang_voorziening"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opvang_gebeurtenis")),
    )
    op.create_index(op.f("ix_opvang_gebeurtenis_aanvraag_id"), "opvang_gebeurtenis", ["aanvraag_id"], unique=False)
    op.create_index(op.f("ix_opvang_gebeurtenis_tijdstip"), "opvang_gebeurtenis", ["tijdstip"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_opvang_gebeurtenis_tijdstip"), table_name="opvang_gebeurtenis")
    op.drop_index(op.f("ix_opvang_gebeurtenis_aanvraag_id"), table_name="opvang_gebeurtenis")
    op.drop_table("opvang_gebeurtenis")
    op.drop_table("netwerk_contact")
    op.drop_index("ix_opvang_bezetting_datum", table_name="opvang_bezetting")
    op.drop_table("opvang_bezetting")
    op.drop_index(op.f("ix_opvang_aanvraag_voorziening_id"), table_name="opvang_aanvraag")
    op.drop_index("ix_opvang_aanvraag_status", table_name="opvang_aanvraag")
    op.drop_index(op.f("ix_opvang_aanvraag_persoon_id"), table_name="opvang_aanvraag")
    op.drop_table("opvang_aanvraag")
    op.drop_index(op.f("ix_opvang_voorziening_regio"), table_name="opvang_voorziening")
    op.drop_index(op.f("ix_opvang_voorziening_organisatie_id"), table_name="opvang_voorziening")
    op.drop_table("opvang_voorziening")
    op.drop_index("ix_netwerk_functie_gemeentecode", table_name="netwerk_functie")
    op.drop_table("netwerk_functie")
