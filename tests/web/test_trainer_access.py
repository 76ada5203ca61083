"""Who can reach the trainer dashboard: nothing without signing in, CSRF on every form,
session cookies that scripts cannot read, and what users wrote shown as text."""

from __future__ import annotations

import csv
import io
import re

import pytest
from starlette.testclient import TestClient

from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from bot.web import trainer
from bot.web.auth import create_trainer
from tests.store.seeding import seeded_database
from tests.web.dashboard_app import PASSWORD, csrf_of, dashboard_app

PAGES = [
    "/trainer/", "/trainer/team", "/trainer/sessions/s0001", "/trainer/progress/ana",
    "/trainer/export.csv", "/trainer/export.json", "/trainer/?employee=ana&q=sorry",
    "/trainer/agreement",
]  # fmt: skip
# What spreadsheets read as the start of a formula, in what employees and trainers choose.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PLANTED = {
    "conversation": "@formula", "employee": '=HYPERLINK("https://evil.example","ok")',
    "channel": "\t=rest", "scenario": "-latte", "difficulty": "\r=calm", "outcome": "+won",
    "reply": "+SUM(A1:A9)", "skills": "=empathy", "flags": "-blame", "trainer_reason": "@ok",
    "trainer_skills": "=empathy", "trainer_flags": "-blame",
}  # fmt: skip
FORMS = ["/trainer/sessions/s0001/notes", "/trainer/sessions/s0001/tags",
         "/trainer/sessions/s0001/review", "/trainer/logout",
         "/trainer/sessions/s0001/replies/1/labels"]  # fmt: skip


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """The seeded database's URL and folder, for the app and for a fresh app beside it."""
    folder = tmp_path_factory.mktemp("web")
    factory = seeded_database(folder)
    with factory.begin() as db:
        create_trainer(db, "dana", "Dana Lee", PASSWORD)
    return str(factory.kw["bind"].url), folder


@pytest.fixture(scope="module")
def app(database):
    url, folder = database
    log = CoachingLog(make_engine(url))
    log.record_start("xss", "mallory", "rest", "latte", "calm", 1)
    log.record_turn("xss", 1, {
        "reply": "<script>alert(1)</script>", "score": 0, "skills": [], "flags": [],
        "tip": "t", "mood_before": 50, "mood_after": 40, "customer_line": "<b>bold</b>",
    })  # fmt: skip
    plant_formulas(log)
    return dashboard_app(url, folder)


def plant_formulas(log: CoachingLog) -> None:
    """A role-play whose every text, as the channels would store it, starts a formula."""
    p = PLANTED
    log.record_start(p["conversation"], p["employee"], p["channel"], p["scenario"],
                     p["difficulty"], 1)  # fmt: skip
    log.record_turn(p["conversation"], 1, {
        "reply": p["reply"], "score": 10, "skills": [p["skills"]], "flags": [p["flags"]],
        "tip": "t", "mood_before": 50, "mood_after": 40, "customer_line": "=1",
    })  # fmt: skip
    log.record_end(p["conversation"], p["outcome"], 10, {}, p["reply"], p["reply"])


def signed_in(app) -> TestClient:
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    answer = client.post(
        "/trainer/login",
        data={"csrf_token": token, "username": "dana", "password": PASSWORD},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    return client


@pytest.mark.parametrize("path", PAGES)
def test_no_page_or_export_without_signing_in(app, path: str) -> None:
    client = TestClient(app, base_url="https://testserver")
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"].startswith("/trainer/login?next=")


def test_every_dashboard_route_but_signing_in_needs_a_trainer(app) -> None:
    client = TestClient(app, base_url="https://testserver")
    for route in trainer.routes:
        if route.path == "/trainer/login":
            continue
        path = re.sub(r"\{[^}]+\}", "1", route.path)
        for method in route.methods - {"HEAD"}:
            answer = client.request(method, path, follow_redirects=False)
            assert answer.status_code == 303, f"{method} {route.path}"
            assert answer.headers["location"].startswith("/trainer/login?next=")


@pytest.mark.parametrize("path", FORMS)
def test_no_form_accepted_without_signing_in(app, path: str) -> None:
    client = TestClient(app, base_url="https://testserver")
    assert client.post(path, data={"body": "x"}, follow_redirects=False).status_code == 303


def test_a_wrong_password_is_refused(app) -> None:
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    answer = client.post(
        "/trainer/login", data={"csrf_token": token, "username": "dana", "password": "nope"}
    )
    assert answer.status_code == 401 and "Wrong username or password" in answer.text
    assert client.get("/trainer/", follow_redirects=False).status_code == 303


def test_login_itself_needs_the_csrf_token(app) -> None:
    client = TestClient(app, base_url="https://testserver")
    client.get("/trainer/login")
    answer = client.post("/trainer/login", data={"username": "dana", "password": PASSWORD})
    assert answer.status_code == 403


def test_the_session_cookie_is_http_only_secure_and_same_site(app) -> None:
    client = TestClient(app, base_url="https://testserver")
    cookie = client.get("/trainer/login").headers["set-cookie"].lower()
    assert "httponly" in cookie and "secure" in cookie and "samesite=lax" in cookie


@pytest.mark.parametrize("path", PAGES)
def test_signed_in_trainers_see_every_page(app, path: str) -> None:
    assert signed_in(app).get(path).status_code == 200


@pytest.mark.parametrize("path", FORMS)
def test_every_form_rejects_a_missing_or_wrong_csrf_token(app, path: str) -> None:
    client = signed_in(app)
    for token in (None, "forged"):
        data = {"body": "note", "tag": "x", "reviewed": "1"}
        if token:
            data["csrf_token"] = token
        assert client.post(path, data=data, follow_redirects=False).status_code == 403


def test_a_note_with_the_token_is_saved_signed_with_its_authors_display_name(app) -> None:
    client = signed_in(app)
    token = csrf_of(client.get("/trainer/sessions/s0002").text)
    client.post("/trainer/sessions/s0002/notes", data={"csrf_token": token, "body": "Good!"})
    client.post("/trainer/sessions/s0002/review", data={"csrf_token": token, "reviewed": "1"})
    page = client.get("/trainer/sessions/s0002").text
    assert "Good!" in page and "Dana Lee ·" in page and "dana ·" not in page
    assert "reviewed by Dana Lee" in page and "Sign out Dana Lee" in page


def test_what_people_wrote_is_shown_as_text(app) -> None:
    client = signed_in(app)
    page = client.get("/trainer/sessions/xss").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    listing = client.get("/trainer/?q=alert").text
    assert "mallory" in listing


def test_csv_export_has_a_row_per_turn(app) -> None:
    client = signed_in(app)
    answer = client.get("/trainer/export.csv?employee=ana")
    assert answer.headers["content-type"].startswith("text/csv")
    lines = answer.text.strip().splitlines()
    assert lines[0].startswith("conversation,employee,channel,scenario")
    assert len(lines) == 1 + 10 * 2


def test_csv_export_defuses_formulas_in_every_text_column(app) -> None:
    client = signed_in(app)
    session = f"/trainer/sessions/{PLANTED['conversation']}"
    token = csrf_of(client.get(session).text)
    for tag in ("=1+1", "@cmd"):
        client.post(f"{session}/tags", data={"csrf_token": token, "tag": tag})
    client.post(f"{session}/override", data={
        "csrf_token": token, "score": "60", "reason": PLANTED["trainer_reason"],
    })  # fmt: skip
    exported = list(csv.DictReader(io.StringIO(client.get("/trainer/export.csv").text)))
    [planted] = [row for row in exported if row["conversation"] == f"'{PLANTED['conversation']}"]
    for column, text in PLANTED.items():
        assert planted[column] == f"'{text}", column
    assert planted["tags"].startswith("'") and set(planted["tags"][1:].split()) == {"=1+1", "@cmd"}
    cells = [cell for row in exported for cell in row.values()]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert {"ana", "reply 0-1", "socketio"} <= set(cells), "other cells are left as they were"


def test_password_guessing_is_slowed_down_for_that_name_only(app) -> None:
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    guesses = [
        client.post("/trainer/login", data={"csrf_token": token, "username": "mallory",
                                            "password": f"guess-{n}"}).status_code
        for n in range(12)
    ]  # fmt: skip
    assert guesses[:10] == [401] * 10 and guesses[-1] == 429
    answer = client.post(
        "/trainer/login", data={"csrf_token": token, "username": "dana", "password": PASSWORD},
        follow_redirects=False,
    )  # fmt: skip
    assert answer.status_code == 303, "the real trainer still signs in"


def test_a_name_typed_in_other_cases_shares_one_sign_in_budget(database) -> None:
    app = dashboard_app(*database)  # its own limits, so no other test is slowed down
    client = TestClient(app, base_url="https://testserver")
    token = csrf_of(client.get("/trainer/login").text)
    names = ["Dana", "dana", " DANA "]
    guesses = [
        client.post("/trainer/login", data={"csrf_token": token, "username": names[n % 3],
                                            "password": f"guess-{n}"})
        for n in range(11)
    ]  # fmt: skip
    assert [g.status_code for g in guesses[:10]] == [401] * 10
    assert guesses[10].status_code == 429 and "Too many sign-in attempts" in guesses[10].text
    answer = client.post("/trainer/login", data={
        "csrf_token": token, "username": "dAnA", "password": PASSWORD,
    })  # fmt: skip
    assert answer.status_code == 429, "the account is locked for a minute however it is typed"
