# SPDX-License-Identifier: EUPL-1.2
"""logboek_sleutel: the keyed (HMAC-SHA256) logboek chain marks each record's key id

Records already in the table keep ``sleutel_id`` NULL: they were chained with plain SHA-256 and stay
verifiable that way; the keyed chain continues from their last hash (``zicht.privacy.logboek``).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-14
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("logboek") as batch:
        batch.add_column(sa.Column("sleutel_id", sa.String(length=16), nullable=True))


def downgrade() -> None:
    # Without the column a keyed record looks like an unkeyed one whose hash is wrong: the whole keyed part of
    # the logboek would fail verification. Refuse rather than make the audit trail unverifiable.
    gesleuteld = op.get_bind().execute(sa.text("SELECT COUNT(*) FROM logboek WHERE sleutel_id IS NOT NULL"))
    if gesleuteld.scalar_one():
        raise RuntimeError(
            "downgrade below 0006 refused: the logboek holds records chained with a key (sleutel_id), which the "
            "older code cannot verify"
        )
    with op.batch_alter_table("logboek") as batch:
        batch.drop_column("sleutel_id")
