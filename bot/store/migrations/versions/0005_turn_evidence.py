"""The words of each scored reply that showed its skills and flags, for the transcript."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"


def upgrade() -> None:
    with op.batch_alter_table("coaching_turns") as table:
        table.add_column(sa.Column("evidence", sa.JSON))


def downgrade() -> None:
    with op.batch_alter_table("coaching_turns") as table:
        table.drop_column("evidence")
