"""True stories from the essays, loaded from data/anecdotes.yml.

Every passage must appear word for word in its source file: a story the essays do not
tell is refused at load time, so no anecdote can drift from its source.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.seeds import source_essay
from bot.yaml_data import DataError, Fields, require_unique_ids


@dataclass(frozen=True)
class Anecdote:
    id: str
    title: str
    source: str
    passages: tuple[str, ...]
    translation: str | None
    lesson: str
    skills: tuple[str, ...]
    topics: tuple[str, ...]
    essay: str = ""  # the source essay's title (data/anecdotes.yml `essays`)

    @property
    def quote(self) -> str:
        return " […] ".join(self.passages)

    @property
    def text(self) -> str:
        """What an English-speaking employee reads: the quote, or its translation."""
        return self.translation or self.quote


def load_anecdotes(path: Path, seeds_dir: Path, skills: Iterable[str]) -> list[Anecdote]:
    root = Fields.of_file(path)
    known = tuple(skills)
    titles = root.sub("essays")
    anecdotes = [_anecdote(entry, seeds_dir, known, titles) for entry in root.items("anecdotes")]
    require_unique_ids(path, "anecdotes", (a.id for a in anecdotes))
    return anecdotes


def _anecdote(fields: Fields, seeds_dir: Path, skills: tuple[str, ...], titles: Fields) -> Anecdote:
    source, path = source_essay(fields, seeds_dir)
    if source not in titles.data:
        raise DataError(fields.path, fields.name("source"), f"{source} has no title in essays")
    essay = path.read_text(encoding="utf-8")
    passages = fields.texts("passages")
    for index, passage in enumerate(passages):
        if passage not in essay:
            raise DataError(
                fields.path,
                f"{fields.name('passages')}[{index}]",
                f"is not quoted word for word from {source}",
            )
    return Anecdote(
        id=fields.text("id"),
        title=fields.text("title"),
        source=source,
        passages=tuple(passages),
        translation=fields.optional_text("translation"),
        lesson=fields.text("lesson"),
        skills=tuple(fields.choices("skills", skills, default=[])),
        topics=tuple(fields.texts("topics")),
        essay=titles.text(source),
    )


def anecdote_for_skill(
    anecdotes: Iterable[Anecdote],
    skill: str,
    prefer_source: str | None = None,
    told: Collection[str] = (),
) -> Anecdote | None:
    """The story that best teaches `skill`, preferring one this conversation has not heard
    (`told`: story ids), then the scenario's own essay. When every fitting story was told,
    the best of them again: the debrief still teaches the skill."""
    fitting = [a for a in anecdotes if skill in a.skills]
    if not fitting:
        return None
    fitting = [a for a in fitting if a.id not in told] or fitting
    same_essay = [a for a in fitting if a.source == prefer_source]
    # Fewer tagged skills means the story is more squarely about this one.
    return min(same_essay or fitting, key=lambda a: len(a.skills))
