"""How far the coach agrees with trainers, label by label, over the replies trainers
corrected: the counts, the coach's precision and recall taking the trainer as right, and
Cohen's kappa (agreement beyond what chance alone would give), from scikit-learn."""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

from sklearn.metrics import cohen_kappa_score


@dataclass(frozen=True)
class Judged:
    """One corrected reply: the coach's labels and the trainer's (after their corrections)."""

    coach: frozenset[str]
    trainer: frozenset[str]


@dataclass(frozen=True)
class LabelAgreement:
    label: str
    both: int
    coach_only: int
    trainer_only: int
    neither: int
    kappa: float | None  # None when neither side ever varies: kappa is undefined

    @property
    def replies(self) -> int:
        return self.both + self.coach_only + self.trainer_only + self.neither

    @property
    def precision(self) -> float | None:
        """Of the replies the coach gave the label, the share the trainer agreed with."""
        return _share(self.both, self.both + self.coach_only)

    @property
    def recall(self) -> float | None:
        """Of the replies the trainer gave the label, the share the coach found."""
        return _share(self.both, self.both + self.trainer_only)


def agreement(judged: Sequence[Judged], labels: Iterable[str]) -> list[LabelAgreement]:
    """One row per label, in the order given (the rubric's)."""
    return [_label(label, judged) for label in labels]


def _label(label: str, judged: Sequence[Judged]) -> LabelAgreement:
    coach = [label in j.coach for j in judged]
    trainer = [label in j.trainer for j in judged]
    pairs = list(zip(coach, trainer, strict=True))
    return LabelAgreement(
        label,
        both=pairs.count((True, True)),
        coach_only=pairs.count((True, False)),
        trainer_only=pairs.count((False, True)),
        neither=pairs.count((False, False)),
        kappa=_kappa(trainer, coach),
    )


def _kappa(trainer: Collection[bool], coach: Collection[bool]) -> float | None:
    """scikit-learn answers NaN (with a warning) when both sides gave one answer only."""
    if len(set(trainer) | set(coach)) < 2:
        return None
    value = float(cohen_kappa_score(list(trainer), list(coach), labels=[False, True]))
    return None if math.isnan(value) else value


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None
