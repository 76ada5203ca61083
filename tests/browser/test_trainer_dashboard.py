"""A trainer in a real browser: signs in, filters, reads a real transcript as the employee saw
it, notes, judges, exports, reads the progress chart and the team page, at desktop and phone
width (screenshots in test-artifacts/)."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta

import pytest
from playwright.sync_api import Browser, Page, expect

from bot.runtime.stack import Stack
from bot.store.clock import utcnow
from bot.store.database import make_engine, session_factory
from bot.store.models import CoachingSession
from bot.web.auth import create_trainer
from tests.browser.conftest import ARTIFACTS
from tests.rasa_client import RasaClient

PASSWORD = "a long trainer password"
ATTACK = "<script>alert(1)</script> sorry, rules are rules"
LATTE = "The $5 latte that isn't right"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 390, "height": 844}
TEAM = 202  # as many employees as the pilot team that found the page unusable
HOVERED = "Chart.getChart('progress-chart').tooltip.getActiveElements().length > 0"
VISIBLE = (
    "c => Chart.getChart(c).data.datasets.map((_, i) => Chart.getChart(c).isDatasetVisible(i))"
)


@dataclass(frozen=True)
class Setting:
    web: str
    trainer: str
    employee: str
    team: str  # a name part every seeded team member has
    improving: str  # an employee with eight role-plays


def play_a_role_play(rasa: RasaClient, employee: str) -> None:
    rasa.send(
        employee, '/start_roleplay{"scenario": "latte", "difficulty": "furious", "seed": "3"}'
    )
    rasa.send(employee, "I'm so sorry, I understand, I'll remake it right now.")
    rasa.send(employee, ATTACK)
    rasa.send(employee, "stop")


def seed_team(stack: Stack, prefix: str) -> None:
    """TEAM finished role-plays, one per employee, scores 0-100 spread across them."""
    start = utcnow() - timedelta(days=3)
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        for n in range(TEAM):
            db.add(CoachingSession(
                id=uuid.uuid4().hex, employee=f"{prefix} {n:03d}", channel="rest",
                scenario="canvas_print", difficulty="calm", seed=n, turns=1,
                started_at=start + timedelta(minutes=n), score=n % 101,
                outcome="won_over" if n % 2 else "walked_out", skill_scores={"empathy": n % 101},
            ))  # fmt: skip


def seed_progress(stack: Stack, employee: str) -> None:
    """Eight role-plays over two days, getting better, each skill scored."""
    start = utcnow().replace(hour=9, minute=0) - timedelta(days=2)
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        for n in range(8):
            skills = {"greeting": 20 + 10 * n, "empathy": 60 - 5 * n, "solution": 40 + 7 * n}
            db.add(CoachingSession(
                id=uuid.uuid4().hex, employee=employee, channel="rest", scenario="latte",
                difficulty="calm", seed=n, turns=3, skill_scores=skills, outcome="won_over",
                started_at=start + timedelta(days=n // 4, hours=n % 4), score=30 + 8 * n,
            ))  # fmt: skip


@pytest.fixture(scope="module")
def setting(stack: Stack, rasa: RasaClient) -> Setting:
    trainer = f"trainer{uuid.uuid4().hex[:6]}"
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        create_trainer(db, trainer, "Test Trainer", PASSWORD)
    employee = f"Trainee-{uuid.uuid4().hex[:6]}"
    play_a_role_play(rasa, employee)
    team = f"Pilot{uuid.uuid4().hex[:4]}"
    seed_team(stack, team)
    improving = f"Improver-{uuid.uuid4().hex[:6]}"
    seed_progress(stack, improving)
    ARTIFACTS.mkdir(exist_ok=True)
    return Setting(stack.settings.web_url, trainer, employee, team, improving)


def sign_in(page: Page, setting: Setting, path: str = "/trainer/") -> None:
    page.goto(f"{setting.web}{path}")
    page.get_by_label("Username").fill(setting.trainer)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    context.set_default_timeout(30_000)
    yield context.new_page()
    context.close()


def both_widths(page: Page, phone: Page) -> list[tuple[Page, str]]:
    """The desktop page at desktop width, and the phone's page, each with its name."""
    page.set_viewport_size(DESKTOP)
    return [(page, "desktop"), (phone, "phone")]


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_trainer_reviews_a_real_role_play(page: Page, setting: Setting) -> None:
    page.set_viewport_size(DESKTOP)
    web, employee = setting.web, setting.employee
    page.goto(f"{web}/trainer/")
    expect(page).to_have_url(f"{web}/trainer/login?next=%2Ftrainer%2F")
    sign_in(page, setting)
    expect(page.get_by_role("heading", name="Conversations")).to_be_visible()

    # Part of the name in another case, and part of the scenario's title, find it.
    page.get_by_label("Employee").fill(employee.lower()[2:])
    page.get_by_label("Scenario").fill("5 LATTE")
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first.locator("td[data-label=Scenario]")).to_have_text(LATTE)  # not "latte"
    expect(rows.first).to_contain_text("stopped")
    page.screenshot(path=str(ARTIFACTS / "trainer-list.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    exported = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [r["reply"] for r in exported][1] == ATTACK
    assert {r["employee"] for r in exported} == {employee} and len(exported) == 2
    assert {r["scenario"] for r in exported} == {LATTE}

    rows.first.get_by_role("link", name=LATTE).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"{LATTE} (furious)")
    transcript = page.locator(".transcript")
    expect(transcript.locator(".line--employee", has_text=ATTACK)).to_have_count(1)
    assert page.locator(".transcript script").count() == 0
    expect(page.locator(".scored").first).to_contain_text("Reply 1:")
    expect(page.locator(".chip--flag")).to_contain_text(["hiding behind policy"])
    evidence = page.locator(".scored .evidence")  # the words that earned each skill or flag
    expect(evidence.first.locator("mark", has_text="sorry")).to_have_count(1)
    expect(evidence.first.locator(".evidence-label").first).to_be_visible()
    expect(evidence.nth(1)).to_contain_text("<script>alert(1)</script>")
    page.get_by_label("Add a note").fill("Good recovery; watch the policy line in reply 2.")
    page.get_by_label("On reply (optional)").select_option("2")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".notes")).to_contain_text("watch the policy line")
    expect(page.locator(".notes")).to_contain_text("Test Trainer ·")
    expect(page.locator(".notes")).not_to_contain_text(setting.trainer)
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".summary").first).to_contain_text("reviewed by Test Trainer")
    correct_the_coach(page)
    assert page.dialogs == []  # type: ignore[attr-defined]

    page.get_by_role("link", name=employee).first.click()
    expect(page.get_by_role("heading", name=f"Progress: {employee}")).to_be_visible()
    expect(page.locator("canvas#progress-chart")).to_be_visible()


def test_the_transcript_shows_what_the_employee_saw(
    page: Page, phone: Page, setting: Setting
) -> None:
    for shown, name in both_widths(page, phone):
        sign_in(shown, setting, f"/trainer/?employee={setting.employee}")
        shown.locator("tbody tr").first.get_by_role("link", name=LATTE).click()
        lines = shown.locator(".transcript > li")
        first = lines.first
        expect(first).to_contain_text(setting.employee)
        expect(first).to_contain_text(f"chose {LATTE} (furious)")
        transcript = shown.locator(".transcript")
        expect(transcript).not_to_contain_text("/start_roleplay")
        expect(transcript).not_to_contain_text("card]")
        expect(transcript.locator(".line", has_text="Role-play:")).to_have_count(1)
        expect(transcript.locator(".who", has_text="Jordan").first).to_be_visible()
        # Each score card is inside the reply it scored, not a row of its own.
        replies = transcript.locator(".line--employee", has=shown.locator(".scored"))
        expect(replies).to_have_count(2)
        expect(replies.nth(1)).to_contain_text(ATTACK)
        assert no_sideways_scrolling(shown)
        shown.screenshot(path=str(ARTIFACTS / f"trainer-transcript-{name}.png"), full_page=True)


def test_form_mistakes_come_back_inline_with_what_was_typed(page: Page, setting: Setting) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(f"{setting.web}/trainer/login")
    page.get_by_label("Username").fill(setting.trainer)
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
    expect(page.get_by_label("Username")).to_have_value(setting.trainer)
    expect(page.get_by_label("Password")).to_be_focused()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()

    page.goto(f"{setting.web}/trainer/?employee={setting.employee}")
    page.locator("tbody tr").first.get_by_role("link", name=LATTE).click()
    judgement = page.get_by_role("region", name="Your judgement")
    judgement.get_by_label("Score (0-100)").fill("65")
    judgement.get_by_label("Verdict").select_option("fail")
    judgement.get_by_role("button", name="Save judgement").click()
    expect(judgement.get_by_role("alert")).to_contain_text("Say why you changed the score")
    expect(judgement.get_by_label("Score (0-100)")).to_have_value("65")
    expect(judgement.get_by_label("Verdict")).to_have_value("fail")
    expect(page.locator(".transcript .line").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "trainer-judgement-error.png"))
    judgement.get_by_label("Reason (needed with a score)").fill("Left the customer waiting")
    judgement.get_by_role("button", name="Save judgement").click()
    expect(judgement).to_contain_text("Test Trainer set the score to 65")


def test_the_progress_chart_reads_overall_first_with_skills_to_add(
    page: Page, phone: Page, setting: Setting
) -> None:
    for shown, name in both_widths(page, phone):
        sign_in(shown, setting, f"/trainer/progress/{setting.improving}")
        chart = shown.locator("canvas#progress-chart")
        expect(chart).to_be_visible()
        assert chart.evaluate(VISIBLE) == [True, False, False, False], "overall only, at first"
        shown.get_by_label("empathy").check()
        assert chart.evaluate(VISIBLE) == [True, False, True, False]
        ticks = chart.evaluate("c => Chart.getChart(c).data.labels")
        assert [t[0] for t in ticks] == [f"#{n}" for n in range(1, 9)]
        assert len({t[1] for t in ticks}) == 8, "each role-play's date and time differ"
        box = chart.bounding_box()
        shown.mouse.move(box["x"] + box["width"] * 0.6, box["y"] + box["height"] / 2)
        shown.wait_for_function(HOVERED)
        [title] = chart.evaluate("c => Chart.getChart(c).tooltip.title")
        assert re.fullmatch(r"#\d · \d+ \w{3} \d\d:\d\d", title), title
        shown.screenshot(path=str(ARTIFACTS / f"trainer-progress-{name}.png"), full_page=True)
        shown.get_by_text("The scores as a table").click()
        table = shown.locator("#progress-table table")
        expect(table.locator("tbody tr")).to_have_count(8)
        expect(table.locator("tbody tr").first).to_contain_text(LATTE)
        expect(table.locator("thead")).to_contain_text("overall")
        assert no_sideways_scrolling(shown)


def test_the_team_page_pages_sorts_and_searches(page: Page, phone: Page, setting: Setting) -> None:
    page.set_viewport_size(DESKTOP)
    sign_in(page, setting, "/trainer/team")
    page.get_by_label("Find an employee").fill(setting.team.lower())
    page.get_by_role("button", name="Find").click()
    expect(page.locator(".summary").first).to_contain_text(f"{TEAM} employees")
    rows = page.locator("table").first.locator("tbody tr")
    expect(rows).to_have_count(25)
    expect(rows.first.locator("td[data-label=Average]")).to_have_text("100")  # best first
    page.get_by_role("link", name="Employee", exact=True).click()
    expect(rows.first).to_contain_text(f"{setting.team} 000")
    page.get_by_role("link", name="Next").click()
    expect(rows.first).to_contain_text(f"{setting.team} 025")
    expect(page.locator(".pages")).to_contain_text("Page 2 of 9")
    page.screenshot(path=str(ARTIFACTS / "trainer-team-desktop.png"), full_page=True)
    phone.set_viewport_size(PHONE)
    sign_in(phone, setting, f"/trainer/team?q={setting.team}")
    expect(phone.get_by_label("Find an employee")).to_have_value(setting.team)  # kept
    phone.locator("thead").get_by_role("link", name="Employee").click()
    expect(phone.locator("tbody tr").first).to_contain_text(f"{setting.team} 000")
    assert no_sideways_scrolling(phone)
    phone.screenshot(path=str(ARTIFACTS / "trainer-team-phone.png"), full_page=True)


def test_the_conversation_list_fits_a_phone(phone: Page, setting: Setting) -> None:
    sign_in(phone, setting)
    expect(phone.locator("tbody tr").first).to_be_visible()
    assert no_sideways_scrolling(phone)
    row = phone.locator("tbody tr").first
    expect(row.locator("td[data-label=Score]")).to_be_visible()
    phone.locator("thead").get_by_role("link", name="Score").click()
    expect(phone).to_have_url(re.compile(r"sort=score&dir=desc"))
    phone.screenshot(path=str(ARTIFACTS / "trainer-list-phone.png"), full_page=True)
    phone.get_by_role("link", name="Assignments").click()
    expect(phone.get_by_role("heading", name="Assignments")).to_be_visible()
    assert no_sideways_scrolling(phone)


def correct_the_coach(page: Page) -> None:
    """Add a skill the coach did not give reply 1, see it beside the coach's, and find it
    counted on the agreement page; then come back to the transcript."""
    first = page.locator(".scored").first
    first.get_by_label("Correct").select_option("add")
    first.get_by_label("Skill or flag").select_option("above_and_beyond")
    first.get_by_label("Reason (optional)").fill("offered to remake it at once")
    first.get_by_role("button", name="Save correction").click()
    labels = page.locator(".scored").first.locator(".labels")
    expect(labels).to_contain_text("trainer: +above and beyond (offered to remake it at once)")
    expect(labels).to_contain_text("by Test Trainer")
    page.screenshot(path=str(ARTIFACTS / "trainer-transcript.png"), full_page=True)
    back = page.url
    page.get_by_role("link", name="Agreement").click()
    expect(page.get_by_role("heading", name="The coach against trainers")).to_be_visible()
    expect(page.locator("tbody tr", has_text="above and beyond")).to_have_count(1)
    page.goto(back)
