"""Trainers' corrections of the skills and flags the coach gave scored replies.

Every correction is kept; for each reply and label the latest one is the trainer's word. A
corrected reply's labels are the coach's with the trainer's additions and removals: they
replace the coach's wherever labels are read (transcript, exports, progress, the coach's
training data, the agreement page), the way a trainer's score override replaces the score.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.coaching.rubric import Rubric
from bot.store.clock import utcnow
from bot.store.models import CoachingSession, CoachingTurn, LabelCorrection

# An export reads every turn of up to 50,000 role-plays; SQLite allows a few thousand bound
# values in one statement at most, so corrections are looked up in batches.
IDS_PER_QUERY = 900


@dataclass(frozen=True)
class Change:
    """The latest word of a trainer on one label of one reply."""

    label: str
    present: bool
    reason: str
    by: str  # display name
    at: datetime


@dataclass(frozen=True)
class Corrected:
    """A scored reply with the trainer's changes applied."""

    turn: CoachingTurn
    changes: tuple[Change, ...]

    @property
    def coach(self) -> frozenset[str]:
        return frozenset([*self.turn.skills, *self.turn.flags])

    @property
    def labels(self) -> frozenset[str]:
        """The coach's labels, plus what a trainer added, minus what one removed."""
        added = {c.label for c in self.changes if c.present}
        removed = {c.label for c in self.changes if not c.present}
        return (self.coach | added) - removed

    def split(self, rubric: Rubric) -> tuple[list[str], list[str]]:
        """(skills, flags) after the changes: the coach's in its order, then what trainers
        added in the rubric's order."""
        labels = self.labels
        skills = [s for s in self.turn.skills if s in labels]
        flags = [f for f in self.turn.flags if f in labels]
        skills += [s for s in rubric.skills if s in labels and s not in skills]
        flags += [f for f in rubric.flags if f in labels and f not in flags]
        return skills, flags

    @property
    def differs(self) -> tuple[Change, ...]:
        """The changes that disagree with the coach (a trainer may also confirm a label)."""
        return tuple(c for c in self.changes if c.present != (c.label in self.coach))


def correct(
    db: Session, turn: CoachingTurn, label: str, present: bool, reason: str, who: tuple[str, str]
) -> LabelCorrection:
    """Record that `label` is (or is not) in the reply; `who` is (username, display name)."""
    row = LabelCorrection(
        turn_id=turn.id, label=label, present=present, reason=reason.strip(),
        by=who[0], by_name=who[1], at=utcnow(),
    )  # fmt: skip
    db.add(row)
    return row


def changes_of(db: Session, turn_ids: Collection[int]) -> dict[int, tuple[Change, ...]]:
    """Each corrected turn's latest change per label, in the order they were first made."""
    latest: dict[int, dict[str, Change]] = {}
    ids = sorted(turn_ids)
    for start in range(0, len(ids), IDS_PER_QUERY):
        rows = db.execute(
            select(LabelCorrection)
            .where(LabelCorrection.turn_id.in_(ids[start : start + IDS_PER_QUERY]))
            .order_by(LabelCorrection.at, LabelCorrection.id)
        ).scalars()
        for row in rows:
            change = Change(row.label, row.present, row.reason, row.by_name, row.at)
            latest.setdefault(row.turn_id, {})[row.label] = change
    return {turn_id: tuple(by_label.values()) for turn_id, by_label in latest.items()}


def corrected(db: Session, turns: Sequence[CoachingTurn]) -> dict[int, Corrected]:
    """The corrected ones among `turns`, by turn id."""
    found = changes_of(db, [t.id for t in turns])
    return {t.id: Corrected(t, found[t.id]) for t in turns if t.id in found}


def all_corrected(db: Session) -> list[tuple[CoachingSession, Corrected]]:
    """Every corrected reply with its role-play, oldest correction's reply first."""
    ids = select(LabelCorrection.turn_id).distinct()
    turns = list(
        db.execute(
            select(CoachingTurn).where(CoachingTurn.id.in_(ids)).order_by(CoachingTurn.id)
        ).scalars()
    )
    found = corrected(db, turns)
    return [(t.session, found[t.id]) for t in turns]


def sessions_corrected(db: Session, session_ids: Collection[str]) -> set[str]:
    """Which of these role-plays have a reply whose labels a trainer corrected."""
    if not session_ids:
        return set()
    found = db.execute(
        select(CoachingTurn.session_id)
        .join(LabelCorrection, LabelCorrection.turn_id == CoachingTurn.id)
        .where(CoachingTurn.session_id.in_(list(session_ids)))
        .distinct()
    ).scalars()
    return set(found)
