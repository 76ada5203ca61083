"""Slack deliveries already handled, so retries are acknowledged and not processed again."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"


def upgrade() -> None:
    op.create_table(
        "slack_deliveries",
        sa.Column("delivery_id", sa.String(128), primary_key=True),
        sa.Column("received_at", sa.DateTime, nullable=False, index=True),
    )


def downgrade() -> None:
    op.drop_table("slack_deliveries")
