"""Rasa's tracker-store table, described here so the dashboard reads it through SQLAlchemy.

Rasa creates and owns this table (rasa.core.tracker_store.SQLTrackerStore); our migrations
never touch it. Only the columns the dashboard reads are listed.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, MetaData, String, Table, Text

rasa_metadata = MetaData()

events = Table(
    "events",
    rasa_metadata,
    Column("id", Integer, primary_key=True),
    Column("sender_id", String(255), nullable=False, index=True),
    Column("type_name", String(255), nullable=False),
    Column("timestamp", Float),
    Column("intent_name", String(255)),
    Column("action_name", String(255)),
    Column("data", Text),
)
