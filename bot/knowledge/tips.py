"""Short coaching tips, loaded from data/tips.yml and checked against the rubric and stories."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import DataError, Fields, require_unique_ids


@dataclass(frozen=True)
class Tip:
    id: str
    topic: str
    text: str
    asks: tuple[str, ...]
    skills: tuple[str, ...]
    anecdote_id: str | None


@dataclass(frozen=True)
class TipLibrary:
    topics: dict[str, str]
    tips: list[Tip]


def load_tips(path: Path, skills: Iterable[str], anecdote_ids: Iterable[str]) -> TipLibrary:
    root = Fields.of_file(path)
    topic_fields = root.sub("topics")
    topics = {name: topic_fields.text(name) for name in topic_fields.names()}
    known_skills, stories = tuple(skills), set(anecdote_ids)
    tips = [_tip(entry, topics, known_skills, stories) for entry in root.items("tips")]
    require_unique_ids(path, "tips", (tip.id for tip in tips))
    return TipLibrary(topics, tips)


def _tip(fields: Fields, topics: dict[str, str], skills: tuple[str, ...], stories: set[str]) -> Tip:
    anecdote = fields.optional_text("anecdote")
    if anecdote is not None and anecdote not in stories:
        raise DataError(fields.path, fields.name("anecdote"), f"no anecdote has id {anecdote!r}")
    return Tip(
        id=fields.text("id"),
        topic=fields.choice("topic", topics),
        text=fields.text("text"),
        asks=tuple(fields.texts("asks", minimum=0, default=[])),
        skills=tuple(fields.choices("skills", skills)),
        anecdote_id=anecdote,
    )
