"""What a trainer reads on each page: filters that find people and scenarios as they are
called, titles instead of ids, a transcript as the employee saw it, forms that keep what was
typed, notes signed with the trainer's name, a chart that can be read, a team page that can
be searched and paged, and notes in the export."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from starlette.testclient import TestClient

from bot.store import dashboard
from bot.store.models import CoachingSession
from bot.web.auth import create_trainer
from bot.web.trainer.seen import as_seen
from tests.store.seeding import BASE, seeded_database, session_row
from tests.web.dashboard_app import PASSWORD, csrf_of, dashboard_app, read_csv
from tests.web.test_practice_loop_pages import rows_of, sign_in

LATTE = "The $5 latte that isn't right"
TEAM = 60  # employees beyond the seeded three, so the team page has pages


@pytest.fixture(scope="module")
def factory(tmp_path_factory):
    folder = tmp_path_factory.mktemp("views")
    made = seeded_database(folder)
    with made.begin() as db:
        create_trainer(db, "dana", "Dana Lee", PASSWORD)
        for n in range(TEAM):
            row = session_row(n)
            row.id, row.employee, row.score = f"t{n:04d}", f"Jordan {n:02d}", n
            db.add(row)
    made.folder = folder
    return made


@pytest.fixture(scope="module")
def client(factory) -> TestClient:
    return sign_in(dashboard_app(str(factory.kw["bind"].url), factory.folder))[0]


def token_of(client: TestClient, path: str) -> str:
    return csrf_of(client.get(path).text)


def test_employees_are_found_by_part_of_their_name_in_any_case(client) -> None:
    rows = rows_of(client.get("/trainer/?employee=jordan 0").text)
    assert len(rows) == 11 and all("Jordan 0" in row for row in rows[1:])
    assert "conversations" in client.get("/trainer/?employee=JORDAN").text
    listing = client.get("/trainer/?employee=jordan&scenario=the+%245+LATTE").text
    assert re.search(r"\b20 conversations\b", listing), "a third of the sixty are lattes"


def test_scenarios_are_found_by_part_of_their_title_in_any_case(client) -> None:
    rows = rows_of(client.get("/trainer/?employee=ana&scenario=5 latte").text)
    assert rows[1:] and all(LATTE in row.replace("&#39;", "'") for row in rows[1:])
    assert "No conversations match" in client.get("/trainer/?scenario=no such title").text


def test_the_filters_offer_every_employee_and_scenario_title(client) -> None:
    page = client.get("/trainer/").text
    names = re.findall(r'<datalist id="employee-names">(.*?)</datalist>', page)[0]
    titles = re.findall(r'<datalist id="scenario-titles">(.*?)</datalist>', page)[0]
    assert '<option value="ana">' in names and '<option value="Jordan 59">' in names
    assert "The $5 latte that isn&#39;t right" in titles and "diet_coke" not in titles


def test_sorting_by_scenario_follows_the_titles_shown(client) -> None:
    rows = rows_of(client.get("/trainer/?employee=ana&sort=scenario&dir=asc").text)[1:]
    shown = [t for row in rows for t in ("Diet Coke", "slow counter", "latte") if t in row]
    assert shown == sorted(shown, key=["latte", "slow counter", "Diet Coke"].index)


def test_pages_and_the_csv_show_scenario_titles_not_ids(client) -> None:
    listing = client.get("/trainer/?employee=ana").text
    assert "diet_coke" not in listing and "Diet Coke" in listing
    transcript = client.get("/trainer/sessions/s0001").text
    assert "<h1>The resort guest who wants a Diet Coke (frustrated)" in transcript
    progress = client.get("/trainer/progress/ben").text
    assert "The resort guest who wants a Diet Coke" in progress and "diet_coke" not in progress
    team = client.get("/trainer/team").text
    assert "The customer stuck at a slow counter" in team and ">slow_counter<" not in team
    [row, *_] = read_csv(client.get("/trainer/export.csv?employee=ben").text)
    assert (row["scenario"], row["scenario_id"]) == ("The resort guest who wants a Diet Coke",
                                                     "diet_coke")  # fmt: skip


def test_a_score_without_a_reason_comes_back_on_the_page_with_what_was_typed(client) -> None:
    token = token_of(client, "/trainer/sessions/s0004")
    form = {"csrf_token": token, "score": "73", "verdict": "fail", "reason": " "}
    answer = client.post("/trainer/sessions/s0004/override", data=form)
    assert answer.status_code == 400
    page = answer.text
    assert "<h2>Transcript</h2>" in page, "the whole transcript, not a bare error"
    assert re.search(r'<p class="error" role="alert" id="override-error">Say why', page)
    assert 'name="score" inputmode="numeric" size="4" value="73"' in page
    assert '<option value="fail" selected>' in page


def test_an_empty_note_comes_back_inline_and_keeps_the_reply_it_was_on(client) -> None:
    token = token_of(client, "/trainer/sessions/s0004")
    form = {"csrf_token": token, "body": "   ", "turn": "2"}
    answer = client.post("/trainer/sessions/s0004/notes", data=form)
    assert answer.status_code == 400 and 'id="notes-error">Write the note' in answer.text
    assert re.search(r'<textarea id="note-body"[^>]*autofocus', answer.text), "shown, not lost"
    assert '<option value="2" selected>reply 2</option>' in answer.text


def test_a_wrong_password_keeps_the_username(client) -> None:
    fresh = TestClient(client.app, base_url="https://testserver")
    token = token_of(fresh, "/trainer/login")
    form = {"csrf_token": token, "username": "Dana", "password": "not it"}
    page = fresh.post("/trainer/login", data=form).text
    assert 'value="Dana"' in page and "Wrong username or password" in page
    assert re.search(r'id="password"[^>]*autofocus', page), "the password is next to type"


def test_a_saved_filter_without_a_name_keeps_the_list_and_says_why(client) -> None:
    token = token_of(client, "/trainer/")
    form = {"csrf_token": token, "name": " ", "query": "employee=ana"}
    answer = client.post("/trainer/filters", data=form)
    assert answer.status_code == 400 and "Give the filter a name" in answer.text
    assert all("ana" in row for row in rows_of(answer.text)[1:])


def test_the_chart_shows_the_overall_line_with_skills_to_turn_on(client) -> None:
    page = client.get("/trainer/progress/cleo").text
    config = json.loads(
        re.search(r'id="progress-chart-config">(.*?)</script>', page, re.S).group(1)
    )
    datasets = config["data"]["datasets"]
    assert [d["label"] for d in datasets if not d["hidden"]] == ["overall"]
    assert {d["label"] for d in datasets} >= {"overall", "empathy", "solution"}
    first = session_row(2).started_at
    assert config["data"]["labels"][0] == ["#1", first.strftime("%-d %b %H:%M")]
    assert len(set(map(tuple, config["data"]["labels"]))) == 10, "every tick reads differently"
    assert re.search(r'<input type="checkbox" data-series="1"\s*>\s*<i[^>]*></i>empathy', page)
    table = page.split('id="progress-table"', 1)[1]
    assert "<caption" in table and table.count('<th scope="row">') == 10


def test_the_chart_library_is_served_from_the_project_not_a_cdn(client) -> None:
    page = client.get("/trainer/progress/cleo").text
    scripts = re.findall(r'<script src="([^"]+)"', page)
    assert scripts and all(src.startswith("/") and "//" not in src for src in scripts)
    library = client.get("/trainer/vendor/chart.umd.min.js")
    assert library.status_code == 200 and "Chart" in library.text[:5000]


def test_the_team_page_is_paged_sorted_and_searchable(client) -> None:
    first = client.get("/trainer/team").text
    assert "63 employees" in first and "page 1 of 3" in first
    employees = rows_of(first.split('id="employees"', 1)[1])[1:26]
    assert len(employees) == 25
    by_name = rows_of(client.get("/trainer/team?sort=name&dir=asc").text)[1:5]
    assert [row.strip("> ").split()[0] for row in by_name] == ["ana", "ben", "cleo", "Jordan"]
    assert by_name[3].strip("> ").startswith("Jordan 00")
    found = client.get("/trainer/team?q=ORDAN 5").text
    assert "10 employees" in found and "Jordan 59" in found and "Jordan 49" not in found
    last = client.get("/trainer/team?sort=sessions&dir=desc&page=3").text
    assert "page 3 of 3" in last and "Next</a>" not in last and "Previous</a>" in last


def test_the_csv_carries_notes_signed_and_on_their_reply(client) -> None:
    token = token_of(client, "/trainer/sessions/s0006")
    for body, turn in (("Whole thing: lovely", ""), ("This reply rushed", "2")):
        form = {"csrf_token": token, "body": body, "turn": turn}
        client.post("/trainer/sessions/s0006/notes", data=form)
    rows = [r for r in read_csv(client.get("/trainer/export.csv").text)
            if r["conversation"] == "s0006"]  # fmt: skip
    assert [r["notes"] for r in rows] == ["Dana Lee: Whole thing: lovely"] * 2
    assert [r["reply_notes"] for r in rows] == ["", "Dana Lee: This reply rushed"]
    exported = client.get("/trainer/export.json?employee=ana").json()["conversations"]
    [mine] = [c for c in exported if c["id"] == "s0006"]
    assert mine["notes"][0]["by"] == "Dana Lee" and mine["turns"][1]["notes"][0]["turn"] == 2


def line(speaker: str, text: str = "", card=None, buttons=(), seconds: int = 0):
    return dashboard.Line(speaker, text, BASE + timedelta(seconds=seconds), card=card,
                          buttons=tuple(buttons))  # fmt: skip


def test_the_transcript_is_what_the_employee_saw() -> None:
    start = '/start_roleplay{"scenario": "latte", "difficulty": "furious", "seed": "3"}'
    again = {"title": "Try again", "payload": start}
    lines = [
        line("employee", start),
        line("bot", f"Role-play: {LATTE} (furious). You are serving Jordan."),
        line("bot", card={"type": "roleplay_start", "title": LATTE, "customer": "Jordan"}),
        line("bot", "Jordan: Five dollars for this?"),
        line("employee", "So sorry, I'll remake it."),
        line("bot", card={"type": "reply_feedback", "turn": 1, "score": 80}),
        line("bot", "Debrief: ...", seconds=1),
        line("bot", card={"type": "debrief", "replaces_text": True, "score": 80}, seconds=1),
        line("bot", "Want another go?", buttons=[again], seconds=1),
        line("employee", start, seconds=2),
        line("employee", "/stop_roleplay", seconds=3),
        line("bot", "Here is a story.", seconds=4),
        line("bot", card={"type": "roleplay_start", "title": LATTE}, seconds=4),
    ]
    rows = as_seen(lines, {"latte": LATTE}, "jo")
    assert [(r.speaker, r.choice or r.text or r.line.card["type"]) for r in rows] == [
        ("jo", f"{LATTE} (furious)"),
        ("Coach", "roleplay_start"),
        ("Jordan", "Five dollars for this?"),
        ("jo", "So sorry, I'll remake it."),
        ("Coach", "debrief"),
        ("Coach", "Want another go?"),
        ("jo", "Try again"),
        ("jo", "Stop roleplay"),
        ("Coach", "Here is a story."),  # not what the card says, so it stays
        ("Coach", "roleplay_start"),
    ]
    assert rows[3].feedback == {"type": "reply_feedback", "turn": 1, "score": 80}


def test_the_transcript_page_shows_choices_and_no_card_rows(factory, client) -> None:
    start = '/start_roleplay{"scenario": "diet_coke", "difficulty": "calm"}'
    with factory.begin() as db:
        session = db.get(CoachingSession, "s0009")
        at = dashboard.epoch(session.started_at) + 1
        said = [
            ("user", {"text": start}),
            ("bot", {"data": {"custom": {"type": "roleplay_start", "title": "Diet Coke!",
                                         "difficulty": "calm", "customer": "Sam"}}}),
            ("user", {"text": "reply 9-1"}),
            ("bot", {"data": {"custom": {"type": "reply_feedback", "turn": 1, "score": 50}}}),
        ]  # fmt: skip
        for offset, (kind, data) in enumerate(said):
            db.execute(dashboard.events.insert().values(
                sender_id=session.employee, type_name=kind, timestamp=at + offset,
                data=json.dumps({"event": kind, **data}),
            ))  # fmt: skip
    page = client.get("/trainer/sessions/s0009").text
    assert "/start_roleplay" not in page and "reply feedback" not in page
    assert "chose</span> <q>The resort guest who wants a Diet Coke (calm)</q>" in page
    assert "Role-play: Diet Coke! (calm)" in page
    assert page.count('class="scored"') == 2, "each reply's score card sits with the reply"


def test_signing_in_returns_to_the_filtered_page_asked_for(client) -> None:
    fresh = TestClient(client.app, base_url="https://testserver")
    asked = fresh.get("/trainer/team?q=jordan&sort=name", follow_redirects=False)
    assert asked.headers["location"].endswith("next=%2Ftrainer%2Fteam%3Fq%3Djordan%26sort%3Dname")
    token = token_of(fresh, asked.headers["location"])
    form = {"csrf_token": token, "username": "dana", "password": PASSWORD,
            "next": "/trainer/team?q=jordan&sort=name"}  # fmt: skip
    back = fresh.post("/trainer/login", data=form, follow_redirects=False)
    assert back.headers["location"] == "/trainer/team?q=jordan&sort=name"
