"""Employee replies labelled with rubric skills and flags: the coach trains on every reply in
data/coaching/replies/, is tuned on data/coaching/dev_replies/, and is measured (`make eval`)
on tests/coaching/heldout_replies/, written blind by someone who never saw the rules, the
training replies or the model. All three folders share this format.

A file names its `scenario`, or each reply names its own (as `corrections.yml` does, written
by `python -m bot.coaching.corrections export` from trainers' corrections). The same text is
never labelled two ways, with one exception: a reply in `corrections.yml` is a trainer's
later word on the text, so it replaces a reply with the same text in any other file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.coaching.rubric import Rubric
from bot.yaml_data import DataError, Fields

CORRECTIONS_FILE = "corrections.yml"


@dataclass(frozen=True)
class LabelledReply:
    text: str
    scenario: str
    skills: frozenset[str]
    flags: frozenset[str]
    source: str = field(default="", compare=False)  # the file's name, for error messages

    @property
    def labels(self) -> frozenset[str]:
        return self.skills | self.flags


def load_labelled_replies(folder: Path, rubric: Rubric) -> list[LabelledReply]:
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DataError(folder, "(folder)", "holds no labelled reply files (*.yml)")
    written = [r for path in files if path.name != CORRECTIONS_FILE for r in _replies(path, rubric)]
    _refuse_duplicates(written, folder)
    corrections = folder / CORRECTIONS_FILE
    corrected = _replies(corrections, rubric) if corrections.exists() else []
    _refuse_duplicates(corrected, folder)
    return corrected_over(written, corrected)


def corrected_over(
    written: list[LabelledReply], corrected: list[LabelledReply]
) -> list[LabelledReply]:
    """The written replies with the corrected ones in place of any with the same text."""
    fixed = {normalised(r.text) for r in corrected}
    return [r for r in written if normalised(r.text) not in fixed] + corrected


def _replies(path: Path, rubric: Rubric) -> list[LabelledReply]:
    root = Fields.of_file(path)
    default = root.optional_text("scenario")
    return [_reply(entry, default, rubric) for entry in root.items("replies")]


def _reply(entry: Fields, default: str | None, rubric: Rubric) -> LabelledReply:
    scenario = entry.optional_text("scenario") or default
    if scenario is None:
        raise DataError(entry.path, entry.name("scenario"), "is missing (or name it for the file)")
    return LabelledReply(
        text=entry.text("text"),
        scenario=scenario,
        skills=frozenset(entry.choices("skills", rubric.skills, default=[])),
        flags=frozenset(entry.choices("flags", rubric.flags, default=[])),
        source=entry.path.name,
    )


def _refuse_duplicates(replies: list[LabelledReply], folder: Path) -> None:
    """The same text may recur across scenarios, but never with different labels."""
    seen: dict[str, LabelledReply] = {}
    for reply in replies:
        first = seen.setdefault(normalised(reply.text), reply)
        if first.labels != reply.labels:
            raise DataError(
                folder / reply.source,
                "replies",
                f"{reply.text!r} is labelled differently in {first.source}",
            )


def normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
