"""Coaching sessions and their scored turns."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "coaching_sessions",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("employee", sa.String(255), nullable=False, index=True),
        sa.Column("channel", sa.String(32), nullable=False),
        sa.Column("scenario", sa.String(64), nullable=False, index=True),
        sa.Column("difficulty", sa.String(16), nullable=False),
        sa.Column("seed", sa.Integer, nullable=False),
        sa.Column("started_at", sa.DateTime, nullable=False, index=True),
        sa.Column("ended_at", sa.DateTime),
        sa.Column("outcome", sa.String(16)),
        sa.Column("score", sa.Integer),
        sa.Column("turns", sa.Integer, nullable=False),
        sa.Column("skill_scores", sa.JSON),
        sa.Column("best_reply", sa.Text),
        sa.Column("weakest_reply", sa.Text),
    )
    op.create_table(
        "coaching_turns",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "session_id",
            sa.String(32),
            sa.ForeignKey("coaching_sessions.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("turn", sa.Integer, nullable=False),
        sa.Column("reply", sa.Text, nullable=False),
        sa.Column("score", sa.Integer, nullable=False),
        sa.Column("skills", sa.JSON, nullable=False),
        sa.Column("flags", sa.JSON, nullable=False),
        sa.Column("tip", sa.Text, nullable=False),
        sa.Column("mood_before", sa.Integer, nullable=False),
        sa.Column("mood_after", sa.Integer, nullable=False),
        sa.Column("customer_line", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("session_id", "turn", name="uq_turn_per_session"),
    )


def downgrade() -> None:
    op.drop_table("coaching_turns")
    op.drop_table("coaching_sessions")
