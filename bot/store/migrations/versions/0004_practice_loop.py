"""Trainers' assignments, score overrides and verdicts, and saved filters."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    with op.batch_alter_table("coaching_sessions") as table:
        table.add_column(sa.Column("override_score", sa.Integer))
        table.add_column(sa.Column("override_reason", sa.Text))
        table.add_column(sa.Column("verdict", sa.String(8)))
        table.add_column(sa.Column("overridden_by", sa.String(128)))
        table.add_column(sa.Column("overridden_at", sa.DateTime))
    op.create_table(
        "assignments",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("employee", sa.String(255), nullable=False, index=True),
        sa.Column("scenario", sa.String(64), nullable=False),
        sa.Column("difficulty", sa.String(16), nullable=False),
        sa.Column("due", sa.Date),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("assigned_by", sa.String(64), nullable=False),
        sa.Column("assigned_by_name", sa.String(128), nullable=False),
        sa.Column("assigned_at", sa.DateTime, nullable=False),
        sa.Column(
            "done_session_id", sa.String(32), sa.ForeignKey("coaching_sessions.id"), index=True
        ),
        sa.Column("done_at", sa.DateTime),
    )
    op.create_table(
        "saved_filters",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("trainer", sa.String(64), nullable=False, index=True),
        sa.Column("name", sa.String(80), nullable=False),
        sa.Column("query", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("trainer", "name", name="uq_filter_name_per_trainer"),
    )


def downgrade() -> None:
    op.drop_table("saved_filters")
    op.drop_table("assignments")
    with op.batch_alter_table("coaching_sessions") as table:
        for column in ("overridden_at", "overridden_by", "verdict", "override_reason"):
            table.drop_column(column)
        table.drop_column("override_score")
