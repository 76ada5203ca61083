"""EMPLOYEE_AUTH=links: a trainer adds employees (one, or a CSV) and hands each a personal
link; the link signs them in once, and only then does the widget get a token. And trainers
see the employees of their own teams only, whatever URL they type."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update
from starlette.testclient import TestClient

from bot import widget_token
from bot.store import people
from bot.store.clock import utcnow
from bot.store.models import Assignment, Employee, Note, SignInLink
from bot.web.auth import create_trainer
from tests.store.seeding import seeded_database
from tests.web.dashboard_app import PASSWORD, csrf_of, dashboard_app

HTTPS = "https://testserver"


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    """Seeded role-plays of ana (team north), ben (south) and cleo (no team); an admin and
    a trainer of north."""
    folder = tmp_path_factory.mktemp("links")
    factory = seeded_database(folder)
    with factory.begin() as db:
        create_trainer(db, "admin", "Ada Admin", PASSWORD)
        create_trainer(db, "nora", "Nora North", PASSWORD, teams=["north"])
        people.add_employee(db, people.checked("ana", "Ana", "ana@example.com", "north"), "t")
        people.add_employee(db, people.checked("ben", "Ben", "", "south"), "t")
    return factory, folder


@pytest.fixture(scope="module")
def app(database):
    factory, folder = database
    return dashboard_app(str(factory.kw["bind"].url), folder, EMPLOYEE_AUTH="links")


def trainer(app, username: str) -> TestClient:
    client = TestClient(app, base_url=HTTPS)
    token = csrf_of(client.get("/trainer/login").text)
    form = {"csrf_token": token, "username": username, "password": PASSWORD}
    assert client.post("/trainer/login", data=form, follow_redirects=False).status_code == 303
    return client


def post(client: TestClient, path: str, page: str = "/trainer/employees", **form):
    token = csrf_of(client.get(page).text)
    return client.post(path, data={"csrf_token": token, **form}, follow_redirects=False)


def new_link(client: TestClient, employee: str) -> str:
    answer = post(client, f"/trainer/employees/{employee}/link")
    assert answer.status_code == 200
    return re.search(r'value="(https://testserver/signin/[^"]+)"', answer.text).group(1)


def open_link(app, link: str) -> tuple[TestClient, int]:
    """A fresh browser opens the link and presses its button; (that browser, the answer)."""
    browser = TestClient(app, base_url=HTTPS)
    shown = browser.get(link)
    if shown.status_code != 200:
        return browser, shown.status_code
    answer = browser.post(link, data={"csrf_token": csrf_of(shown.text)}, follow_redirects=False)
    return browser, answer.status_code


def token_subject(app, browser: TestClient) -> str | None:
    answer = browser.get("/auth/widget-token")
    if answer.status_code != 200:
        return None
    return widget_token.subject(answer.json()["token"], app.state.settings.widget_token_secret)


def test_a_trainer_adds_an_employee_whose_link_signs_them_in_once(app, database) -> None:
    admin = trainer(app, "admin")
    added = post(admin, "/trainer/employees", id="dee", name="Dee Park", team="north")
    assert added.status_code == 303
    link = new_link(admin, "dee")

    preview = TestClient(app, base_url=HTTPS)
    assert "Sign in and practise" in preview.get(link).text  # a preview spends nothing
    assert token_subject(app, preview) is None

    dee, status = open_link(app, link)
    assert status == 303
    assert "Signed in as <strong>Dee Park</strong>" in dee.get("/").text
    assert token_subject(app, dee) == "dee"

    again, status = open_link(app, link)
    assert status == 410
    assert "already been used" in again.get(link).text
    assert token_subject(app, again) is None


def test_a_reissued_revoked_or_expired_link_signs_nobody_in(app, database) -> None:
    factory, _ = database
    admin = trainer(app, "admin")
    first, second = new_link(admin, "ana"), new_link(admin, "ana")
    assert open_link(app, first)[1] == 410  # replaced by the second
    assert post(admin, "/trainer/employees/ana/revoke").status_code == 303
    browser, status = open_link(app, second)
    assert status == 410 and token_subject(app, browser) is None

    third = new_link(admin, "ana")
    with factory.begin() as db:
        db.execute(update(SignInLink).values(expires_at=utcnow() - timedelta(minutes=1)))
    assert open_link(app, third)[1] == 410
    assert "unused" not in admin.get("/trainer/employees").text


def test_employees_come_from_a_csv_and_each_bad_row_is_named(app, database) -> None:
    factory, _ = database
    admin = trainer(app, "admin")
    out = io.StringIO()
    csv.writer(out).writerows([
        ["id", "name", "email", "team"], ["eva", "Eva", "eva@example.com", "north"],
        ["fin", "Fin", "", "south"], ["bad:id", "X", "", ""], ["gus", "Gus", "not-an-email", ""],
        ["eva", "Eva again", "", ""], ["ana", "Ana", "", "north"],
    ])  # fmt: skip
    token = csrf_of(admin.get("/trainer/employees").text)
    answer = admin.post(
        "/trainer/employees/import",
        data={"csrf_token": token},
        files={"file": ("staff.csv", out.getvalue().encode(), "text/csv")},
    )
    assert answer.status_code == 200
    assert "Added 2 employees." in answer.text
    for problem in ("Line 4: Employee id &#39;bad:id&#39;", "Line 5: Email", "Line 6: eva",
                    "already an employee &#39;ana&#39;"):  # fmt: skip
        assert problem in answer.text
    with factory() as db:
        assert db.get(Employee, "fin").team.name == "south"
        assert db.get(Employee, "gus") is None


def test_a_team_trainer_sees_and_changes_only_their_teams_employees(app, database) -> None:
    factory, _ = database
    nora = trainer(app, "nora")  # trains north: ana, not ben (south) or cleo (no team)
    listed = nora.get("/trainer/?per_page=100").text
    assert "/trainer/progress/ana" in listed and "/trainer/progress/ben" not in listed
    assert nora.get("/trainer/sessions/s0000").status_code == 200  # ana's
    for path in ("/trainer/sessions/s0001", "/trainer/sessions/s0002", "/trainer/progress/ben"):
        assert nora.get(path).status_code == 404, path
    exported = {row["employee"] for row in csv.DictReader(io.StringIO(nora.get(
        "/trainer/export.csv").text))}  # fmt: skip
    assert exported == {"ana"}
    assert "ben" not in nora.get("/trainer/team").text

    with factory() as db:
        notes = db.scalar(select(func.count()).select_from(Note))
    note = post(nora, "/trainer/sessions/s0001/notes", "/trainer/", body="hi")
    assert note.status_code == 404
    assigned = post(nora, "/trainer/assignments", "/trainer/assignments",
                    employees="ana, ben", scenario="latte", difficulty="calm")  # fmt: skip
    assert assigned.status_code == 400 and "You do not train &#39;ben&#39;" in assigned.text
    assert post(nora, "/trainer/employees/ben/link").status_code == 404
    listed = nora.get("/trainer/employees").text
    assert ">ana</a>" in listed and ">ben</a>" not in listed
    wrong_team = post(nora, "/trainer/employees", id="zed", name="Zed", team="south")
    assert wrong_team.status_code == 400
    with factory() as db:
        assert db.scalar(select(func.count()).select_from(Note)) == notes
        assert db.scalar(select(func.count()).select_from(Assignment)) == 0
        assert db.get(Employee, "zed") is None


def test_the_practice_page_asks_for_the_link_and_signs_out(app) -> None:
    visitor = TestClient(app, base_url=HTTPS)
    page = visitor.get("/").text
    assert "open the personal sign-in link your trainer gave you" in page
    assert "widget.js" not in page  # no chat, so no name to type

    admin = trainer(app, "admin")
    dee, _ = open_link(app, new_link(admin, "ana"))
    page = dee.get("/").text
    assert 'data-token-url="/auth/widget-token"' in page
    signed_out = dee.post("/signout", data={"csrf_token": csrf_of(page)}, follow_redirects=False)
    assert signed_out.status_code == 303
    assert token_subject(app, dee) is None


def test_a_signed_in_employee_gets_a_code_to_link_slack(app) -> None:
    stranger = TestClient(app, base_url=HTTPS)
    assert stranger.post("/slack-code", data={"csrf_token": "x"}).status_code == 403
    ana, _ = open_link(app, new_link(trainer(app, "admin"), "ana"))
    answer = ana.post("/slack-code", data={"csrf_token": csrf_of(ana.get("/").text)})
    code = re.search(r"/coach link ([0-9a-f]{10})", answer.text).group(1)
    assert answer.status_code == 200 and "within 15 minutes" in answer.text
    with app.state.dashboard.sessions.begin() as db:
        assert people.link_slack_by_code(db, "U9", code) == "ana"


def test_open_mode_says_anyone_can_pick_any_name(database) -> None:
    factory, folder = database
    page = TestClient(dashboard_app(str(factory.kw["bind"].url), folder)).get("/").text
    assert "Anyone can pick any name here." in page
    assert "widget.js" in page
