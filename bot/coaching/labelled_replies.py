"""Employee replies labelled with rubric skills and flags: the coach trains on every reply in
data/coaching/replies/, is tuned on data/coaching/dev_replies/, and is measured (`make eval`)
on tests/coaching/heldout_replies/, written blind by someone who never saw the rules, the
training replies or the model. All three folders share this format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.coaching.rubric import Rubric
from bot.yaml_data import DataError, Fields


@dataclass(frozen=True)
class LabelledReply:
    text: str
    scenario: str
    skills: frozenset[str]
    flags: frozenset[str]

    @property
    def labels(self) -> frozenset[str]:
        return self.skills | self.flags


def load_labelled_replies(folder: Path, rubric: Rubric) -> list[LabelledReply]:
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DataError(folder, "(folder)", "holds no labelled reply files (*.yml)")
    replies = [reply for path in files for reply in _replies(path, rubric)]
    _refuse_duplicates(replies, folder)
    return replies


def _replies(path: Path, rubric: Rubric) -> list[LabelledReply]:
    root = Fields.of_file(path)
    scenario = root.text("scenario")
    return [
        LabelledReply(
            text=entry.text("text"),
            scenario=scenario,
            skills=frozenset(entry.choices("skills", rubric.skills, default=[])),
            flags=frozenset(entry.choices("flags", rubric.flags, default=[])),
        )
        for entry in root.items("replies")
    ]


def _refuse_duplicates(replies: list[LabelledReply], folder: Path) -> None:
    """The same text may recur across scenarios, but never with different labels."""
    seen: dict[str, LabelledReply] = {}
    for reply in replies:
        first = seen.setdefault(normalised(reply.text), reply)
        if first.labels != reply.labels:
            raise DataError(
                folder / f"{reply.scenario}.yml",
                "replies",
                f"{reply.text!r} is labelled differently in {first.scenario}.yml",
            )


def normalised(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()
