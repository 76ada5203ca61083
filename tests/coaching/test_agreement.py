"""The coach's agreement with trainers, per label: counts, precision, recall and kappa."""

from __future__ import annotations

import pytest

from bot.coaching.agreement import Judged, agreement


def judged(pairs: list[tuple[bool, bool]]) -> list[Judged]:
    """(coach said empathy, trainer said empathy) per reply."""
    mark = {True: frozenset({"empathy"}), False: frozenset()}
    return [Judged(mark[coach], mark[trainer]) for coach, trainer in pairs]


def test_counts_precision_recall_and_kappa_match_the_formulas() -> None:
    """Both 4, coach only 1, trainer only 2, neither 3: observed agreement 0.7; the coach
    said yes half the time and the trainer 0.6, so chance is 0.5*0.6 + 0.5*0.4 = 0.5 and
    kappa (0.7 - 0.5) / (1 - 0.5) = 0.4."""
    pairs = [(True, True)] * 4 + [(True, False)] + [(False, True)] * 2 + [(False, False)] * 3
    [row] = agreement(judged(pairs), ["empathy"])
    assert (row.both, row.coach_only, row.trainer_only, row.neither) == (4, 1, 2, 3)
    assert row.replies == 10
    assert row.precision == pytest.approx(0.8) and row.recall == pytest.approx(4 / 6)
    assert row.kappa == pytest.approx(0.4)


def test_full_agreement_is_kappa_one_and_a_label_nobody_used_has_none() -> None:
    pairs = [(True, True), (False, False), (True, True)]
    [empathy, apology] = agreement(judged(pairs), ["empathy", "apology"])
    assert empathy.kappa == pytest.approx(1.0)
    assert (apology.neither, apology.kappa, apology.precision, apology.recall) == (
        3, None, None, None
    )  # fmt: skip
