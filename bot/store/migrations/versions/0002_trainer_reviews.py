"""Trainers, and their reviews, tags and notes on role-plays."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as table:
        table.add_column(
            sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.false())
        )
        table.add_column(sa.Column("reviewed_by", sa.String(64)))
        table.add_column(sa.Column("reviewed_at", sa.DateTime))
        table.create_index("ix_coaching_sessions_reviewed", ["reviewed"])
    op.create_table(
        "trainers",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("username", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(128), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "session_tags",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(32),
            sa.ForeignKey("coaching_sessions.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("tag", sa.String(48), nullable=False, index=True),
        sa.Column("added_by", sa.String(64), nullable=False),
        sa.Column("added_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("session_id", "tag", name="uq_tag_per_session"),
    )
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(32),
            sa.ForeignKey("coaching_sessions.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("turn", sa.Integer),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("author", sa.String(64), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("notes")
    op.drop_table("session_tags")
    op.drop_table("trainers")
    with op.batch_alter_table("coaching_sessions") as table:
        table.drop_index("ix_coaching_sessions_reviewed")
        table.drop_column("reviewed_at")
        table.drop_column("reviewed_by")
        table.drop_column("reviewed")
