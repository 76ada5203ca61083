"""A trainer corrects the coach's labels on a transcript, and the coach learns: the form,
the database, the export to training data, the loader and the classifier."""

from __future__ import annotations

import re
import shutil

import pytest
from starlette.testclient import TestClient

from bot import paths
from bot.coaching import corrections
from bot.coaching.classifier import NgramClassifier, train_ngrams
from bot.coaching.labelled_replies import load_labelled_replies, normalised
from bot.coaching.rubric import load_rubric
from bot.nlp import blank_pipeline
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from bot.web.auth import create_trainer
from tests.store.seeding import seeded_database
from tests.web.dashboard_app import PASSWORD, csrf_of, dashboard_app

KNOWN = "Let me take care of this for you."  # in latte.yml, labelled ownership only
RUBRIC = load_rubric(paths.RUBRIC_FILE)
MINUS, NONE = "\N{MINUS SIGN}", "\N{EN DASH}"  # how the pages write a removal and "no figure"


def scored(reply: str, skills: list[str], flags: list[str] = ()) -> dict:
    return {
        "reply": reply, "score": 40, "skills": skills, "flags": list(flags), "tip": "t",
        "mood_before": 40, "mood_after": 45, "customer_line": "Fine.",
    }  # fmt: skip


def role_play(url: str, session_id: str, replies: list[tuple[str, list[str]]]) -> None:
    log = CoachingLog(make_engine(url))
    log.record_start(session_id, f"emp-{session_id}", "rest", "latte", "calm", 1)
    for number, (reply, skills) in enumerate(replies, start=1):
        log.record_turn(session_id, number, scored(reply, skills))


def database(folder) -> str:
    factory = seeded_database(folder, count=1)
    with factory.begin() as db:
        create_trainer(db, "dana", "Dana Lee", PASSWORD)
    return str(factory.kw["bind"].url)


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corrections")
    url = database(folder)
    role_play(url, "c1", [
        ("Oh no, that's rotten luck, I'll swap it now.", ["solution"]),
        (KNOWN, ["ownership"]),
        ("Whatever, next.", []),
    ])  # fmt: skip
    return dashboard_app(url, folder), url


def sign_in(app) -> tuple[TestClient, str]:
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    form = {"csrf_token": token, "username": "dana", "password": PASSWORD}
    assert client.post("/trainer/login", data=form, follow_redirects=False).status_code == 303
    return client, csrf_of(client.get("/trainer/").text)


def labels_line(html: str, number: int) -> str:
    block = html.split(f'id="reply-{number}"', 1)[1].split("<form", 1)[0]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block)).strip()


def correct(client, token: str, number: int, label: str, present: str, reason: str = ""):
    return client.post(
        f"/trainer/sessions/c1/replies/{number}/labels",
        data={"csrf_token": token, "label": label, "present": present, "reason": reason},
    )


def test_a_correction_is_shown_beside_the_coach_and_learned(setup, tmp_path) -> None:
    app, url = setup
    client, token = sign_in(app)
    correct(client, token, 1, "empathy", "1", "rotten luck")
    correct(client, token, 1, "solution", "0")
    page = correct(client, token, 2, "solution", "1", "takes it on").text
    said = f"coach: solution · trainer: +empathy (rotten luck) {MINUS}solution by Dana Lee"
    assert said in labels_line(page, 1)
    assert "coach: ownership · trainer: +solution (takes it on) by Dana Lee" in labels_line(page, 2)
    assert "trainer" not in labels_line(page, 3)
    assert "(labels corrected)" in client.get("/trainer/?employee=emp-c1").text
    assert "(labels corrected)" not in client.get("/trainer/?employee=ana").text

    folder = tmp_path / "replies"
    shutil.copytree(paths.LABELLED_REPLIES_DIR, folder)
    out = folder / "corrections.yml"
    assert corrections.main(["export", "--db-url", url, "--out", str(out)]) == 0
    assert out.read_text().count("- {text:") == 2, "uncorrected replies are not exported"
    replies = {normalised(r.text): r for r in load_labelled_replies(folder, RUBRIC)}
    swapped = replies[normalised("Oh no, that's rotten luck, I'll swap it now.")]
    assert (swapped.skills, swapped.scenario) == ({"empathy"}, "latte")
    assert replies[normalised(KNOWN)].skills == {"ownership", "solution"}, "the trainer's wins"
    assert_it_learns(list(replies.values()), swapped.text)


def assert_it_learns(replies, text: str) -> None:
    """A small set with the corrected reply: the classifier gives it the trainer's label."""
    tiny = [r for r in replies if r.scenario == "latte"]
    ngrams = train_ngrams([r.text for r in tiny], RUBRIC.labels, [r.labels for r in tiny])
    cats = NgramClassifier(ngrams).probabilities(blank_pipeline().make_doc(text))
    assert cats["empathy"] > 0.5 and cats["solution"] < 0.5, cats


def test_a_bad_correction_comes_back_inline_with_what_was_typed(setup) -> None:
    client, token = sign_in(setup[0])
    answer = correct(client, token, 3, "charm", "1", "keep this reason")
    assert answer.status_code == 400
    assert "Choose one of the coach&#39;s skills or flags." in answer.text
    assert 'value="keep this reason"' in answer.text
    answer = correct(client, token, 3, "blame", "maybe", "kept too")
    assert answer.status_code == 400 and "Say whether the reply shows it" in answer.text
    assert '<option value="blame" selected>' in answer.text and 'value="kept too"' in answer.text
    assert correct(client, token, 9, "blame", "1").status_code == 404


def test_a_correction_needs_the_csrf_token(setup) -> None:
    client, _ = sign_in(setup[0])
    for token in ("", "forged"):
        assert correct(client, token, 3, "blame", "1").status_code == 403
    assert "trainer:" not in labels_line(client.get("/trainer/sessions/c1").text, 3)


def test_the_export_leaves_out_held_out_replies(tmp_path) -> None:
    url = database(tmp_path)
    [held_out, *_] = load_labelled_replies(paths.HELD_OUT_REPLIES_DIR, RUBRIC)
    role_play(url, "h1", [(held_out.text, [])])
    client, token = sign_in(dashboard_app(url, tmp_path))
    client.post("/trainer/sessions/h1/replies/1/labels",
                data={"csrf_token": token, "label": "blame", "present": "1"})  # fmt: skip
    out = tmp_path / "corrections.yml"
    assert corrections.main(["export", "--db-url", url, "--out", str(out)]) == 0
    assert not out.exists(), "training on a held-out reply would flatter make eval"
