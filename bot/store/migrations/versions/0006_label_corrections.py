"""Trainers' corrections of the skills and flags the coach gave a reply."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"


def upgrade() -> None:
    op.create_table(
        "label_corrections",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "turn_id", sa.Integer, sa.ForeignKey("coaching_turns.id"), nullable=False, index=True
        ),
        sa.Column("label", sa.String(64), nullable=False),
        sa.Column("present", sa.Boolean, nullable=False),
        sa.Column("reason", sa.Text, nullable=False, server_default=""),
        sa.Column("by", sa.String(64), nullable=False),
        sa.Column("by_name", sa.String(128), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("label_corrections")
