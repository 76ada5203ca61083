"""True stories: quoted word for word from their essay, covering all five essays."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot import paths
from bot.coaching.rubric import load_rubric
from bot.knowledge.anecdotes import load_anecdotes
from bot.yaml_data import DataError

SKILLS = tuple(load_rubric(paths.RUBRIC_FILE).skills)  # whatever the rubric names


def test_every_passage_appears_verbatim_in_its_source(content) -> None:
    for story in content.anecdotes:
        essay = (paths.PROJECT_ROOT / story.source).read_text(encoding="utf-8")
        assert all(passage in essay for passage in story.passages), story.id


def test_the_library_covers_every_essay_and_the_czech_one_is_translated(content) -> None:
    essays = {f"seeds/{p.name}" for p in paths.SEEDS_DIR.glob("*.txt")}
    assert {s.source for s in content.anecdotes} == essays
    czech = [s for s in content.anecdotes if s.source.endswith("002_fd6db6aa11c8898f.txt")]
    assert czech and all(s.translation for s in czech)


def refused(tmp_path: Path, change) -> DataError:
    """The error loading data/anecdotes.yml gives once `change` has broken it."""
    data = yaml.safe_load(paths.ANECDOTES_FILE.read_text())
    change(data)
    target = tmp_path / "anecdotes.yml"
    target.write_text(yaml.safe_dump(data, allow_unicode=True))
    with pytest.raises(DataError) as raised:
        load_anecdotes(target, paths.SEEDS_DIR, SKILLS)
    return raised.value


def test_a_passage_not_in_the_essay_is_refused(tmp_path: Path) -> None:
    def embellish(data: dict) -> None:
        data["anecdotes"][0]["passages"][0] += " And then he gave us free dessert."

    error = refused(tmp_path, embellish)
    assert error.field == "anecdotes[0].passages[0]"
    assert "word for word" in error.problem


def test_every_essay_has_a_title_and_a_story_from_an_untitled_one_is_refused(
    tmp_path: Path, content
) -> None:
    assert all(story.essay and not story.essay.startswith("seeds/") for story in content.anecdotes)
    error = refused(tmp_path, lambda d: d["essays"].pop(d["anecdotes"][0]["source"]))
    assert error.field == "anecdotes[0].source"
    assert "has no title in essays" in error.problem
