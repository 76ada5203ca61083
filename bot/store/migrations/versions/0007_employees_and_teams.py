"""Who is practising: employees, teams, the teams each trainer trains, personal sign-in
links (and the one-time codes that link Slack users), Slack users linked to employees, and
each role-play's sender id."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"


def _employee_id() -> sa.Column:
    return sa.Column(
        "employee_id", sa.String(255), sa.ForeignKey("employees.id"), nullable=False, index=True
    )


def upgrade() -> None:
    op.create_table(
        "teams",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(64), nullable=False, unique=True),
    )
    op.create_table(
        "trainer_teams",
        sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), primary_key=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), primary_key=True),
    )
    op.create_table(
        "employees",
        sa.Column("id", sa.String(255), primary_key=True),
        sa.Column("name", sa.String(128), nullable=False),
        sa.Column("email", sa.String(255), index=True),
        sa.Column("team_id", sa.Integer, sa.ForeignKey("teams.id"), index=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
    )
    op.create_table(
        "sign_in_links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _employee_id(),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("purpose", sa.String(8), nullable=False, server_default="web"),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("created_by", sa.String(64), nullable=False),
        sa.Column("expires_at", sa.DateTime, nullable=False),
        sa.Column("used_at", sa.DateTime),
        sa.Column("revoked_at", sa.DateTime),
    )
    op.create_table(
        "slack_links",
        sa.Column("slack_user", sa.String(32), primary_key=True),
        _employee_id(),
        sa.Column("linked_at", sa.DateTime, nullable=False),
        sa.Column("via", sa.String(16), nullable=False),
    )
    # Trainers who exist already keep seeing everyone.
    with op.batch_alter_table("trainers") as table:
        table.add_column(
            sa.Column("is_admin", sa.Boolean, nullable=False, server_default=sa.true())
        )
    with op.batch_alter_table("coaching_sessions") as table:
        table.add_column(sa.Column("sender_id", sa.String(255)))


def downgrade() -> None:
    for name in ("slack_links", "sign_in_links", "employees", "trainer_teams", "teams"):
        op.drop_table(name)
    # Plain ALTER TABLE (SQLite 3.35+, PostgreSQL): a batch copy of these tables would trip
    # the foreign keys that point at them.
    op.execute("ALTER TABLE trainers DROP COLUMN is_admin")
    op.execute("ALTER TABLE coaching_sessions DROP COLUMN sender_id")
