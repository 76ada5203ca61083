"""The trainer's side of the practice loop: assign, see the state, override, save filters."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from starlette.testclient import TestClient

from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from bot.web.auth import create_trainer
from tests.store.seeding import seeded_database
from tests.web.dashboard_app import PASSWORD, csrf_of, dashboard_app, read_csv


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("loop")
    factory = seeded_database(folder)
    with factory.begin() as db:
        create_trainer(db, "dana", "Dana Lee", PASSWORD)
        create_trainer(db, "eve", "Eve Park", PASSWORD)
    url = str(factory.kw["bind"].url)
    return dashboard_app(url, folder), CoachingLog(make_engine(url))


def sign_in(app, username: str = "dana") -> tuple[TestClient, str]:
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    form = {"csrf_token": token, "username": username, "password": PASSWORD}
    assert client.post("/trainer/login", data=form, follow_redirects=False).status_code == 303
    return client, csrf_of(client.get("/trainer/").text)


def rows_of(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("<tr")]


def test_a_trainer_assigns_a_scenario_to_a_group_and_sees_each_open(setup) -> None:
    app, log = setup
    client, token = sign_in(app)
    due = (date.today() + timedelta(days=3)).isoformat()
    answer = client.post("/trainer/assignments", data={
        "csrf_token": token, "employees": "grp-ana, grp-ben", "scenario": "latte",
        "difficulty": "furious", "due": due, "note": "Own the mistake",
    })  # fmt: skip
    assert answer.status_code == 200
    mine = [row for row in rows_of(answer.text) if "grp-" in row]
    assert len(mine) == 2 and all("open" in row and "The $5 latte" in row for row in mine)
    assert all(due in row and "Dana Lee" in row for row in mine)
    [listed] = log.assignments_for("grp-ben")
    assert (listed.scenario, listed.difficulty, listed.by) == ("latte", "furious", "Dana Lee")


@pytest.mark.parametrize(
    ("form", "says"),
    [({"employees": " , ", "scenario": "latte", "difficulty": "calm"}, "at least one employee"),
     ({"employees": "ana", "scenario": "nope", "difficulty": "calm"}, "Pick a scenario"),
     ({"employees": "ana", "scenario": "latte", "difficulty": "wild"}, "Pick a difficulty"),
     ({"employees": "ana", "scenario": "latte", "difficulty": "calm", "due": "Friday"},
      "not a date")],
)  # fmt: skip
def test_a_wrong_assignment_form_says_what_to_fix_and_keeps_the_input(setup, form, says) -> None:
    app, _ = setup
    client, token = sign_in(app)
    answer = client.post("/trainer/assignments", data={"csrf_token": token, **form})
    assert answer.status_code == 400 and says in answer.text
    assert f'value="{form["employees"]}"' in answer.text


def test_assignments_need_a_signed_in_trainer_and_a_csrf_token(setup) -> None:
    app, _ = setup
    anonymous = TestClient(app, base_url="https://testserver")
    assert anonymous.get("/trainer/assignments", follow_redirects=False).status_code == 303
    client, _ = sign_in(app)
    form = {"employees": "x", "scenario": "latte", "difficulty": "calm"}
    assert client.post("/trainer/assignments", data=form).status_code == 403


def test_overriding_a_score_needs_a_reason_and_shows_everywhere(setup) -> None:
    app, log = setup
    client, token = sign_in(app)
    refused = client.post("/trainer/sessions/s0004/override",
                          data={"csrf_token": token, "score": "90"})  # fmt: skip
    assert refused.status_code == 400 and "Say why" in refused.text
    too_high = {"csrf_token": token, "score": "190", "reason": "x"}
    assert client.post("/trainer/sessions/s0004/override", data=too_high).status_code == 400
    page = client.post("/trainer/sessions/s0004/override", data={
        "csrf_token": token, "score": "91", "verdict": "pass", "reason": "Calm under fire",
    })  # fmt: skip
    assert "Dana Lee set" in page.text and "Calm under fire" in page.text
    listed = rows_of(client.get("/trainer/?score_min=91&score_max=91").text)
    assert any("91 (trainer)" in row and "pass" in row for row in listed)
    [review] = log.reviews_for("ben")
    assert (review.score, review.verdict, review.reason) == (91, "pass", "Calm under fire")
    exported = client.get("/trainer/export.csv?score_min=91&score_max=91").text
    judged = [(r["trainer_score"], r["verdict"], r["trainer_reason"]) for r in read_csv(exported)]
    assert judged[0] == ("91", "pass", "Calm under fire")
    client.post("/trainer/sessions/s0004/override", data={"csrf_token": token, "clear": "1"})
    assert log.reviews_for("ben") == []


def test_a_verdict_alone_needs_no_reason(setup) -> None:
    app, log = setup
    client, token = sign_in(app)
    page = client.post("/trainer/sessions/s0005/override",
                       data={"csrf_token": token, "verdict": "fail"})  # fmt: skip
    assert page.status_code == 200
    [review] = [r for r in log.reviews_for("cleo") if r.verdict == "fail"]
    assert review.score is None


def test_a_saved_filter_is_listed_for_its_trainer_only(setup) -> None:
    app, _ = setup
    client, token = sign_in(app)
    query = "scenario=latte&score_max=40"
    form = {"csrf_token": token, "name": "Weak lattes", "query": query}
    shown = client.post("/trainer/filters", data=form)
    assert shown.url.query.decode() == query, "saving shows the filtered list"
    assert f'href="/trainer/?{query.replace("&", "&amp;")}">Weak lattes' in shown.text
    assert "Weak lattes" in shown.text
    other, _ = sign_in(app, "eve")
    assert "Weak lattes" not in other.get("/trainer/").text
