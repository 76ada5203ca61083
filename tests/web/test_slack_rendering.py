"""Slack's side of the contract: /coach parsing and payloads as Block Kit."""

from __future__ import annotations

import json

from bot.messages.slack_blocks import bar, button_rows, escape, render
from bot.messages.slack_commands import parse


def test_commands_parse_into_what_the_employee_would_type() -> None:
    assert parse("tip refunds").message() == "give me a tip about refunds"
    assert parse("story").message() == "tell me a story"
    assert parse("practice latte furious").message() == (
        '/start_roleplay{"scenario": "latte", "difficulty": "furious"}'
    )
    assert parse("practise").message() == '/start_roleplay{"scenario": "random"}'
    assert parse("tip pricing share").share is True
    assert parse("").kind == "help" and parse("dance").unknown == "dance"


def test_user_text_cannot_become_slack_markup() -> None:
    assert escape("<!channel> & <@U1>") == "&lt;!channel&gt; &amp; &lt;@U1&gt;"
    blocks, _ = render({"type": "tip", "text": "<!here> hi", "skills": []})
    assert "<!here>" not in json.dumps(blocks)


def test_debrief_bars_are_drawn_in_text() -> None:
    assert bar(100) == "██████████" and bar(0) == "░░░░░░░░░░" and bar(55) == "██████░░░░"
    blocks, fallback = render({
        "type": "debrief", "outcome": "won_over", "outcome_label": "You won the customer over",
        "score": 80, "skills": {"empathy": 100, "apology": 0}, "best_reply": "b",
        "labels": {"empathy": "empathy", "apology": "apology"}, "weakest_reply": "w",
        "model_answer": "m", "anecdote": {"title": "T", "text": "x", "source": "seeds/a.txt"},
    })  # fmt: skip
    text = json.dumps(blocks, ensure_ascii=False)
    assert "empathy ██████████ 100" in text and "Source: seeds/a.txt" in text
    assert fallback == "Debrief: You won the customer over, 80/100"


def test_slack_says_what_the_payload_labels_say() -> None:
    """Words come from the rubric through the payload; Slack keeps no table of its own."""
    blocks, _ = render({
        "type": "reply_feedback", "turn": 2, "score": 0, "skills": [], "tip": "t",
        "flags": ["policy_hiding"], "labels": {"policy_hiding": "hiding behind <policy>"},
    })  # fmt: skip
    assert "hiding behind &lt;policy&gt;" in json.dumps(blocks)
    blocks, fallback = render({
        "type": "debrief", "outcome": "turn_limit", "outcome_label": "Out of time", "score": 5,
        "skills": {"patience": 40}, "labels": {"patience": "keeping calm"}, "model_answer": "m",
    })  # fmt: skip
    assert fallback == "Debrief: Out of time, 5/100"
    assert "keeping calm ████░░░░░░  40" in json.dumps(blocks, ensure_ascii=False)


def test_many_buttons_are_laid_out_in_rows_of_five() -> None:
    rows = button_rows([{"title": str(i), "payload": f"/x{i}"} for i in range(14)])
    assert [len(r["elements"]) for r in rows] == [5, 5, 4]


def test_the_debrief_lists_what_the_customer_needed_met_or_missed() -> None:
    blocks, _ = render({
        "type": "debrief", "outcome": "turn_limit", "score": 40, "skills": {},
        "needs": [
            {"id": "right_drink", "label": "the right drink", "met": True, "turn": 2},
            {"id": "fast", "label": "served fast", "met": False, "turn": None},
        ],
    })  # fmt: skip
    checklist = next(
        b["text"]["text"] for b in blocks if "needed" in b.get("text", {}).get("text", "")
    )
    assert "✅ the right drink (reply 2)" in checklist
    assert "❌ served fast" in checklist


def test_a_debrief_with_no_reply_shows_no_score_and_stories_name_their_essay() -> None:
    blocks, fallback = render({
        "type": "debrief", "outcome": "stopped", "outcome_label": "You stopped early",
        "score": 0, "skills": {"empathy": 0}, "counted": False,
        "score_note": "You stopped before your first reply: this counts for nothing.",
        "model_answer": "m", "previous": None,
        "anecdote": {"title": "T", "text": "x", "source": "seeds/a.txt", "essay": "An essay"},
    })  # fmt: skip
    text = json.dumps(blocks, ensure_ascii=False)
    assert "/100" not in text and "░" not in text and "counts for nothing" in text
    assert fallback == "Debrief: You stopped early"
    assert "Source: “An essay” (seeds/a.txt)" in text
