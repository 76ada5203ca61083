"""`make eval`: per-label precision, recall and F1 of the coach on held-out replies.

`python -m bot.coaching.evaluation` measures on tests/coaching/heldout_replies/ (written blind,
never tuned on); `--dev` on data/coaching/dev_replies/, the set to tune rules and models on.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

from bot import paths
from bot.coaching.detector import SkillDetector
from bot.coaching.labelled_replies import LabelledReply, load_labelled_replies
from bot.coaching.rubric import load_rubric

TARGET_F1 = 0.85


@dataclass(frozen=True)
class LabelScore:
    label: str
    support: int
    precision: float
    recall: float
    f1: float


def evaluate(detector: SkillDetector, replies: Sequence[LabelledReply]) -> list[LabelScore]:
    predicted = []
    for reply in replies:
        detection = detector.detect(reply.text)
        predicted.append(set(detection.skills) | set(detection.flags))
    return [_score(label, replies, predicted) for label in detector.rubric.labels]


def _score(label: str, replies: Sequence[LabelledReply], predicted: list[set[str]]) -> LabelScore:
    truth = [label in r.labels for r in replies]
    guess = [label in p for p in predicted]
    tp = sum(t and g for t, g in zip(truth, guess, strict=True))
    precision = tp / sum(guess) if any(guess) else 0.0
    recall = tp / sum(truth) if any(truth) else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return LabelScore(label, sum(truth), precision, recall, f1)


def report(scores: Sequence[LabelScore], examples: int, title: str = "held-out replies") -> str:
    lines = [f"Coach on {examples} {title} (target F1 >= {TARGET_F1}):"]
    lines.append(f"{'label':18} {'support':>7} {'precision':>9} {'recall':>7} {'F1':>6}")
    for s in scores:
        mark = "" if s.f1 >= TARGET_F1 else "  below target"
        lines.append(
            f"{s.label:18} {s.support:7d} {s.precision:9.2f} {s.recall:7.2f} {s.f1:6.2f}{mark}"
        )
    macro = macro_f1(scores)
    lines.append(f"{'macro F1':18} {'':7} {'':9} {'':7} {macro:6.2f}")
    return "\n".join(lines)


def macro_f1(scores: Sequence[LabelScore]) -> float:
    return sum(s.f1 for s in scores) / len(scores)


def main() -> int:
    dev = "--dev" in sys.argv[1:]
    rubric = load_rubric(paths.RUBRIC_FILE)
    folder = paths.DEV_REPLIES_DIR if dev else paths.HELD_OUT_REPLIES_DIR
    replies = load_labelled_replies(folder, rubric)
    detector = SkillDetector.load(paths.COACH_MODEL_DIR, paths.PATTERNS_FILE, rubric)
    title = "dev replies (tuned on)" if dev else "held-out replies (written blind)"
    print(report(evaluate(detector, replies), len(replies), title))
    return 0


if __name__ == "__main__":
    sys.exit(main())
