"""The trainer's transcript shows which words of each reply earned its skills and flags."""

from __future__ import annotations

import pytest

from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from bot.web.auth import create_trainer
from bot.web.trainer.transcript import marked
from tests.store.seeding import seeded_database
from tests.web.dashboard_app import dashboard_app
from tests.web.test_trainer_access import signed_in

REPLY = "<script>alert(1)</script> I'm so sorry, I'll remake it now"
EVIDENCE = {
    "apology": [{"start": 26, "end": 38, "text": "I'm so sorry"}],
    "solution": [{"start": 45, "end": 51, "text": "remake"}],
    "ownership": [{"start": 40, "end": 51, "text": "I'll remake"}],
    "timeliness": [],
}
TURN = {
    "reply": REPLY, "score": 70, "skills": list(EVIDENCE), "flags": [], "tip": "t",
    "mood_before": 40, "mood_after": 55, "customer_line": "Fine.", "evidence": EVIDENCE,
}  # fmt: skip


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("evidence")
    factory = seeded_database(folder, count=1)
    with factory.begin() as db:
        create_trainer(db, "dana", "Dana Lee", "correct horse battery")
    url = str(factory.kw["bind"].url)
    log = CoachingLog(make_engine(url))
    log.record_start("ev1", "eve", "rest", "latte", "calm", 1)
    log.record_turn("ev1", 1, TURN)
    return dashboard_app(url, folder)


def test_the_transcript_marks_the_words_that_earned_each_skill(app) -> None:
    page = signed_in(app).get("/trainer/sessions/ev1").text
    assert '<mark title="apology">I&#39;m so sorry</mark>' in page
    assert '<mark title="ownership">I&#39;ll </mark>' in page
    assert '<mark title="solution, ownership">remake</mark>' in page
    assert '<small class="evidence-label">solution</small>' in page
    assert "<script>alert(1)</script>" not in page, "a reply's HTML stays text"


def test_a_turn_without_evidence_shows_no_marks(app) -> None:
    page = signed_in(app).get("/trainer/sessions/s0000").text
    assert "Reply 1:" in page and "<mark" not in page


def test_spans_that_do_not_fit_the_reply_are_ignored() -> None:
    pieces = marked("sorry", {"apology": [{"start": 0, "end": 5}, {"start": 3, "end": 99}]})
    assert [(p.text, p.labels) for p in pieces] == [("sorry", ("apology",))]
