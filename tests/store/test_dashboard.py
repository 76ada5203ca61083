"""The dashboard's queries on a seeded database: filters, pagination, transcripts,
annotations, progress, rankings and exports."""

from __future__ import annotations

from datetime import date

import pytest

from bot.store import dashboard
from bot.store.dashboard import SessionFilter
from tests.store.seeding import add_rasa_events, seeded_database, session_row


@pytest.fixture(scope="module")
def sessions(tmp_path_factory):
    return seeded_database(tmp_path_factory.mktemp("dash"))


def ids(page) -> list[str]:
    return [s.id for s in page.sessions]


def expected(predicate) -> set[str]:
    return {f"s{i:04d}" for i in range(30) if predicate(session_row(i))}


@pytest.mark.parametrize(
    ("flt", "predicate"),
    [
        (SessionFilter(employee="ben"), lambda s: s.employee == "ben"),
        (SessionFilter(employee="LE"), lambda s: s.employee == "cleo"),  # part of it, any case
        (SessionFilter(scenarios=("latte",)), lambda s: s.scenario == "latte"),
        (SessionFilter(scenarios=("latte", "diet_coke")), lambda s: s.scenario != "slow_counter"),
        (SessionFilter(scenarios=()), lambda s: False),
        (SessionFilter(outcome="won_over"), lambda s: s.outcome == "won_over"),
        (SessionFilter(score_min=40, score_max=60), lambda s: 40 <= s.score <= 60),
        (
            SessionFilter(date_from=date(2026, 3, 5), date_to=date(2026, 3, 7)),
            lambda s: date(2026, 3, 5) <= s.started_at.date() <= date(2026, 3, 7),
        ),
        (
            SessionFilter(employee="ana", outcome="stopped"),
            lambda s: s.employee == "ana" and s.outcome == "stopped",
        ),
    ],
)
def test_filters_select_exactly_the_matching_conversations(sessions, flt, predicate) -> None:
    with sessions() as db:
        page = dashboard.list_sessions(db, flt, per_page=100)
    assert set(ids(page)) == expected(predicate)
    assert page.total == len(expected(predicate))


def test_full_text_search_finds_what_was_said_and_treats_percent_literally(sessions) -> None:
    with sessions() as db:
        assert ids(dashboard.list_sessions(db, SessionFilter(text="SO SORRY"))) == ["s0007"]
        assert ids(dashboard.list_sessions(db, SessionFilter(text="100% my"))) == ["s0007"]
        assert dashboard.list_sessions(db, SessionFilter(text="%")).total == 1
        assert dashboard.list_sessions(db, SessionFilter(text="where is my latte")).total == 30


def test_pages_split_the_list_in_order(sessions) -> None:
    with sessions() as db:
        first = dashboard.list_sessions(db, SessionFilter(), "started", True, 1, 12)
        third = dashboard.list_sessions(db, SessionFilter(), "started", True, 3, 12)
    assert (first.total, first.pages) == (30, 3)
    assert ids(first)[0] == "s0029" and len(third.sessions) == 6 and ids(third)[-1] == "s0000"


def test_sorting_by_score_ascending(sessions) -> None:
    with sessions() as db:
        page = dashboard.list_sessions(db, SessionFilter(), "score", False, 1, 30)
    scores = [s.score for s in page.sessions]
    assert scores == sorted(scores)


def test_tags_notes_and_review_are_recorded_with_author(sessions) -> None:
    with sessions.begin() as db:
        dashboard.add_tag(db, "s0003", "exemplary", "dana")
        dashboard.add_tag(db, "s0003", "exemplary", "dana")
        dashboard.add_note(db, "s0003", "dana", "Lovely apology.", 1)
        dashboard.set_reviewed(db, "s0003", "dana", True)
    with sessions() as db:
        found = dashboard.transcript(db, "s0003")
        tagged = dashboard.list_sessions(db, SessionFilter(tag="exemplary"))
        reviewed = dashboard.list_sessions(db, SessionFilter(reviewed=True))
    assert found.tags == ["exemplary"]
    assert [(n.body, n.author, n.turn) for n in found.notes] == [("Lovely apology.", "dana", 1)]
    assert found.session.reviewed_by == "dana"
    assert ids(tagged) == ["s0003"] and ids(reviewed) == ["s0003"]


def test_transcript_reads_rasa_events_and_matches_scored_replies(sessions) -> None:
    add_rasa_events(sessions, "s0010", ["reply 10-1", "hint", "reply 10-2"])
    with sessions() as db:
        found = dashboard.transcript(db, "s0010")
    employee_lines = [line for line in found.lines if line.speaker == "employee"]
    assert [line.text for line in employee_lines] == ["reply 10-1", "hint", "reply 10-2"]
    assert [line.turn.turn if line.turn else None for line in employee_lines] == [1, None, 2]
    assert any(line.speaker == "bot" and "answer" in line.text for line in found.lines)


def test_progress_follows_one_employee_over_time(sessions) -> None:
    with sessions() as db:
        progress = dashboard.employee_progress(db, "cleo")
    mine = [session_row(i) for i in range(30) if i % 3 == 2]
    assert [p.score for p in progress.points] == [s.score for s in mine]
    empathy = sum(s.skill_scores["empathy"] for s in mine) / len(mine)
    assert progress.averages["empathy"] == pytest.approx(empathy)
    assert progress.weakest_skill == min(progress.averages, key=progress.averages.get)


def test_progress_of_someone_with_no_role_plays_is_empty(sessions) -> None:
    with sessions() as db:
        progress = dashboard.employee_progress(db, "nobody")
    assert progress.points == [] and progress.weakest_skill is None


def test_team_rankings_order_by_average_and_count_wins(sessions) -> None:
    with sessions() as db:
        employees, scenarios = dashboard.team_rankings(db)
    averages = [r.average for r in employees]
    assert averages == sorted(averages, reverse=True)
    assert sum(r.sessions for r in scenarios) == 30
    assert sum(r.won for r in employees) == len(expected(lambda s: s.outcome == "won_over"))


def test_the_team_page_searches_sorts_and_pages_employees(sessions) -> None:
    with sessions() as db:
        found = dashboard.employee_rankings(db, search="E", sort="name", descending=False)
        by_name = dashboard.employee_rankings(db, sort="name", descending=True, per_page=2)
        second = dashboard.employee_rankings(db, sort="name", descending=True, page=2, per_page=2)
        past_the_end = dashboard.employee_rankings(db, page=99, per_page=2)
    assert [r.name for r in found.rows] == ["ben", "cleo"] and found.total == 2
    assert [r.name for r in by_name.rows] == ["cleo", "ben"] and by_name.pages == 2
    assert [r.name for r in second.rows] == ["ana"]
    assert past_the_end.page == 2, "a page past the end shows the last one"


def test_known_employees_are_those_with_a_role_play(sessions) -> None:
    with sessions() as db:
        assert dashboard.known_employees(db) == ["ana", "ben", "cleo"]


def test_export_has_every_filtered_conversation_with_its_turns(sessions) -> None:
    with sessions() as db:
        rows = dashboard.export_rows(db, SessionFilter(employee="ana"))
    assert {r["id"] for r in rows} == expected(lambda s: s.employee == "ana")
    assert all(len(r["turns"]) == 2 and r["turns"][0]["turn"] == 1 for r in rows)
