"""Employee replies labelled with rubric skills and flags, in data/coaching/replies/.

A fifth of them is held out of training, chosen by a hash of the text, so the split never
changes when files are reordered and `make eval` always measures on unseen replies.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.coaching.rubric import Rubric
from bot.yaml_data import DataError, Fields

HOLD_OUT_ONE_IN = 5


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


def _rank(text: str) -> str:
    return hashlib.sha1(normalised(text).encode("utf-8")).hexdigest()


def split(replies: Iterable[LabelledReply]) -> tuple[list[LabelledReply], list[LabelledReply]]:
    """(training, held_out): the fifth with the lowest text hashes is held out.

    The same text always lands on the same side, so a reply repeated across scenarios
    can never leak from training into the held-out part.
    """
    replies = list(replies)
    texts = sorted({_rank(r.text) for r in replies})
    cutoff = set(texts[: len(texts) // HOLD_OUT_ONE_IN])
    training = [r for r in replies if _rank(r.text) not in cutoff]
    held_out = [r for r in replies if _rank(r.text) in cutoff]
    return training, held_out
