"""The coaching tables, beside Rasa's own `events` table in the same database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, declarative_base, relationship

Base = declarative_base()


class CoachingSession(Base):
    """One role-play by one employee (the Rasa sender id)."""

    __tablename__ = "coaching_sessions"

    id: Mapped[str] = Column(String(32), primary_key=True)
    employee: Mapped[str] = Column(String(255), nullable=False, index=True)
    channel: Mapped[str] = Column(String(32), nullable=False, default="rest")
    # The conversation's Rasa sender id when it is not the employee id (a linked Slack user);
    # None for the others and for role-plays stored before employees were linked.
    sender_id: Mapped[str | None] = Column(String(255))
    scenario: Mapped[str] = Column(String(64), nullable=False, index=True)
    difficulty: Mapped[str] = Column(String(16), nullable=False)
    seed: Mapped[int] = Column(Integer, nullable=False)
    started_at: Mapped[datetime] = Column(DateTime, nullable=False, index=True)
    ended_at: Mapped[datetime | None] = Column(DateTime)
    outcome: Mapped[str | None] = Column(String(16))
    score: Mapped[int | None] = Column(Integer)
    turns: Mapped[int] = Column(Integer, nullable=False, default=0)
    skill_scores: Mapped[dict[str, Any] | None] = Column(JSON)
    best_reply: Mapped[str | None] = Column(Text)
    weakest_reply: Mapped[str | None] = Column(Text)
    reviewed: Mapped[bool] = Column(Boolean, nullable=False, default=False, index=True)
    reviewed_by: Mapped[str | None] = Column(String(64))
    reviewed_at: Mapped[datetime | None] = Column(DateTime)
    # A trainer's judgement over the coach's: a score with its reason, and/or pass or fail.
    override_score: Mapped[int | None] = Column(Integer)
    override_reason: Mapped[str | None] = Column(Text)
    verdict: Mapped[str | None] = Column(String(8))  # "pass", "fail" or None
    overridden_by: Mapped[str | None] = Column(String(128))  # the trainer's display name
    overridden_at: Mapped[datetime | None] = Column(DateTime)

    @property
    def final_score(self) -> int | None:
        """The score employees and trainers see: the trainer's override when there is one."""
        return self.override_score if self.override_score is not None else self.score

    replies: Mapped[list[CoachingTurn]] = relationship(
        "CoachingTurn", back_populates="session", order_by="CoachingTurn.turn"
    )


class CoachingTurn(Base):
    """One scored employee reply; (session, turn) is unique, so a retry never doubles it."""

    __tablename__ = "coaching_turns"
    __table_args__ = (UniqueConstraint("session_id", "turn", name="uq_turn_per_session"),)

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = Column(
        String(32), ForeignKey("coaching_sessions.id"), nullable=False, index=True
    )
    turn: Mapped[int] = Column(Integer, nullable=False)
    reply: Mapped[str] = Column(Text, nullable=False)
    score: Mapped[int] = Column(Integer, nullable=False)
    skills: Mapped[list[str]] = Column(JSON, nullable=False)
    flags: Mapped[list[str]] = Column(JSON, nullable=False)
    tip: Mapped[str] = Column(Text, nullable=False)
    mood_before: Mapped[int] = Column(Integer, nullable=False)
    mood_after: Mapped[int] = Column(Integer, nullable=False)
    customer_line: Mapped[str] = Column(Text, nullable=False)
    # {skill or flag: [{"start", "end", "text"}]}: the words of `reply` that showed each one;
    # None for turns stored before the coach explained its scores.
    evidence: Mapped[dict[str, Any] | None] = Column(JSON)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)

    session: Mapped[CoachingSession] = relationship("CoachingSession", back_populates="replies")


class Trainer(Base):
    """Someone allowed into /trainer/; created with `make trainer`."""

    __tablename__ = "trainers"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = Column(String(64), nullable=False, unique=True)
    display_name: Mapped[str] = Column(String(128), nullable=False)
    password_hash: Mapped[str] = Column(String(255), nullable=False)  # "" for OIDC trainers
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    # An admin sees every employee; any other trainer those of the teams they train.
    is_admin: Mapped[bool] = Column(Boolean, nullable=False, default=True)

    teams: Mapped[list[Team]] = relationship("Team", secondary="trainer_teams")


class Team(Base):
    """A group of employees and the trainers who see them."""

    __tablename__ = "teams"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = Column(String(64), nullable=False, unique=True)


class TrainerTeam(Base):
    __tablename__ = "trainer_teams"

    trainer_id: Mapped[int] = Column(Integer, ForeignKey("trainers.id"), primary_key=True)
    team_id: Mapped[int] = Column(Integer, ForeignKey("teams.id"), primary_key=True)


class Employee(Base):
    """Someone who practises, known by the id their conversations carry (the widget token's
    subject, a linked Slack user's employee)."""

    __tablename__ = "employees"

    id: Mapped[str] = Column(String(255), primary_key=True)
    name: Mapped[str] = Column(String(128), nullable=False)
    email: Mapped[str | None] = Column(String(255), index=True)  # lower case
    team_id: Mapped[int | None] = Column(Integer, ForeignKey("teams.id"), index=True)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    created_by: Mapped[str] = Column(String(64), nullable=False)  # a trainer, or "oidc"

    team: Mapped[Team | None] = relationship("Team")


class SignInLink(Base):
    """A one-time secret for an employee: a personal sign-in link (`web`), or the code a
    signed-in employee types in Slack, `/coach link CODE` (`slack`). It works once, until it
    expires or is revoked; only its hash is kept, so the database cannot sign anyone in."""

    __tablename__ = "sign_in_links"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    employee_id: Mapped[str] = Column(
        String(255), ForeignKey("employees.id"), nullable=False, index=True
    )
    token_hash: Mapped[str] = Column(String(64), nullable=False, unique=True)
    purpose: Mapped[str] = Column(String(8), nullable=False, default="web")
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)
    created_by: Mapped[str] = Column(String(64), nullable=False)
    expires_at: Mapped[datetime] = Column(DateTime, nullable=False)
    used_at: Mapped[datetime | None] = Column(DateTime)
    revoked_at: Mapped[datetime | None] = Column(DateTime)


class SlackLink(Base):
    """A Slack user practising as an employee, so web and Slack practice join."""

    __tablename__ = "slack_links"

    slack_user: Mapped[str] = Column(String(32), primary_key=True)
    employee_id: Mapped[str] = Column(
        String(255), ForeignKey("employees.id"), nullable=False, index=True
    )
    linked_at: Mapped[datetime] = Column(DateTime, nullable=False)
    via: Mapped[str] = Column(String(16), nullable=False)  # "email" or "command"


class SessionTag(Base):
    """A trainer's label on a role-play, such as `exemplary` or `needs-follow-up`."""

    __tablename__ = "session_tags"
    __table_args__ = (UniqueConstraint("session_id", "tag", name="uq_tag_per_session"),)

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = Column(
        String(32), ForeignKey("coaching_sessions.id"), nullable=False, index=True
    )
    tag: Mapped[str] = Column(String(48), nullable=False, index=True)
    added_by: Mapped[str] = Column(String(64), nullable=False)
    added_at: Mapped[datetime] = Column(DateTime, nullable=False)


class Note(Base):
    """A trainer's note on a role-play, or on one turn of it when `turn` is set."""

    __tablename__ = "notes"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    session_id: Mapped[str] = Column(
        String(32), ForeignKey("coaching_sessions.id"), nullable=False, index=True
    )
    turn: Mapped[int | None] = Column(Integer)
    body: Mapped[str] = Column(Text, nullable=False)
    author: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)


class SlackDelivery(Base):
    """A Slack event or action already taken in, so a retry is never answered twice."""

    __tablename__ = "slack_deliveries"

    delivery_id: Mapped[str] = Column(String(128), primary_key=True)
    received_at: Mapped[datetime] = Column(DateTime, nullable=False, index=True)


class Assignment(Base):
    """A scenario a trainer asked one employee to practise; done by the first role-play of
    it (at that difficulty or harder) with at least one reply, after it was assigned."""

    __tablename__ = "assignments"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    employee: Mapped[str] = Column(String(255), nullable=False, index=True)
    scenario: Mapped[str] = Column(String(64), nullable=False)
    difficulty: Mapped[str] = Column(String(16), nullable=False)
    due: Mapped[date | None] = Column(Date)
    note: Mapped[str] = Column(Text, nullable=False, default="")
    assigned_by: Mapped[str] = Column(String(64), nullable=False)
    assigned_by_name: Mapped[str] = Column(String(128), nullable=False)
    assigned_at: Mapped[datetime] = Column(DateTime, nullable=False)
    done_session_id: Mapped[str | None] = Column(
        String(32), ForeignKey("coaching_sessions.id"), index=True
    )
    done_at: Mapped[datetime | None] = Column(DateTime)

    done_session: Mapped[CoachingSession | None] = relationship("CoachingSession")


class SavedFilter(Base):
    """A trainer's named filter of the conversation list (its query string)."""

    __tablename__ = "saved_filters"
    __table_args__ = (UniqueConstraint("trainer", "name", name="uq_filter_name_per_trainer"),)

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    trainer: Mapped[str] = Column(String(64), nullable=False, index=True)
    name: Mapped[str] = Column(String(80), nullable=False)
    query: Mapped[str] = Column(Text, nullable=False)
    created_at: Mapped[datetime] = Column(DateTime, nullable=False)


class LabelCorrection(Base):
    """A trainer saying one skill or flag is (`present`) or is not in one scored reply.
    Kept, never edited: the latest per turn and label is the trainer's word, and the rest
    say who changed their mind when."""

    __tablename__ = "label_corrections"

    id: Mapped[int] = Column(Integer, primary_key=True, autoincrement=True)
    turn_id: Mapped[int] = Column(
        Integer, ForeignKey("coaching_turns.id"), nullable=False, index=True
    )
    label: Mapped[str] = Column(String(64), nullable=False)
    present: Mapped[bool] = Column(Boolean, nullable=False)
    reason: Mapped[str] = Column(Text, nullable=False, default="")
    by: Mapped[str] = Column(String(64), nullable=False)  # the trainer's username
    by_name: Mapped[str] = Column(String(128), nullable=False)  # and display name
    at: Mapped[datetime] = Column(DateTime, nullable=False)
