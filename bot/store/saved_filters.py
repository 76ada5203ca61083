"""A trainer's named filters of the conversation list, to come back to with one click.

A filter is stored as the list page's query string without the page number: it is what
the trainer chose, so opening it later shows the same list, as it stands then.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.store.clock import utcnow
from bot.store.models import SavedFilter

MAX_NAME = 80
MAX_QUERY = 2000


def save(db: Session, trainer: str, name: str, query: str) -> SavedFilter:
    """Saving under a name the trainer already used replaces that filter."""
    name, query = name.strip()[:MAX_NAME], query.strip().lstrip("?")[:MAX_QUERY]
    found = db.execute(
        select(SavedFilter).where(SavedFilter.trainer == trainer, SavedFilter.name == name)
    ).scalar_one_or_none()
    if found is None:
        found = SavedFilter(trainer=trainer, name=name, query=query, created_at=utcnow())
        db.add(found)
    else:
        found.query, found.created_at = query, utcnow()
    return found


def of_trainer(db: Session, trainer: str) -> list[SavedFilter]:
    return list(
        db.execute(
            select(SavedFilter).where(SavedFilter.trainer == trainer).order_by(SavedFilter.name)
        ).scalars()
    )


def delete(db: Session, trainer: str, filter_id: int) -> bool:
    """Only the trainer who saved a filter can delete it."""
    found = db.get(SavedFilter, filter_id)
    if found is None or found.trainer != trainer:
        return False
    db.delete(found)
    return True
