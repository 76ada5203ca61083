"""The corrected replies file: any text an employee typed survives the trip through YAML,
and one text corrected in two role-plays is written once, as corrected last."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.coaching.corrections import as_yaml, entries
from bot.coaching.labelled_replies import load_labelled_replies
from bot.store.corrections import Change, Corrected
from bot.store.models import CoachingTurn

AWKWARD = "Sorry: it's \"50%\" off # really, {ok} [yes] - =SUM(A1) @here\n'quoted'"


def fixed(reply: str, label: str, present: bool, minute: int) -> Corrected:
    turn = CoachingTurn(reply=reply, skills=["apology"], flags=[])
    change = Change(label, present, "", "Dana Lee", datetime(2026, 3, 2, 9, minute))
    return Corrected(turn, (change,))


def test_any_text_survives_the_file_and_loads_with_its_labels(tmp_path: Path, content) -> None:
    written = entries([("latte", fixed(AWKWARD, "empathy", True, 0))], content.rubric)
    (tmp_path / "corrections.yml").write_text(as_yaml(written), encoding="utf-8")
    [reply] = load_labelled_replies(tmp_path, content.rubric)
    assert reply.text == AWKWARD.strip()
    assert (reply.scenario, reply.skills, reply.flags) == ("latte", {"apology", "empathy"}, set())


def test_the_same_text_corrected_twice_is_written_as_corrected_last(content) -> None:
    later = ("diet_coke", fixed("So sorry!", "apology", False, 5))
    earlier = ("latte", fixed("so sorry", "empathy", True, 1))
    [entry] = entries([later, earlier], content.rubric)
    assert entry == {"text": "So sorry!", "scenario": "diet_coke", "skills": [], "flags": []}
