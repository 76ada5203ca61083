"""A trainer in a real browser: signs in, filters, reads a real transcript, notes, exports."""

from __future__ import annotations

import csv
import io
import uuid

from playwright.sync_api import Page, expect

from bot.runtime.stack import Stack
from bot.store.database import make_engine, session_factory
from bot.web.auth import create_trainer
from tests.browser.conftest import ARTIFACTS
from tests.rasa_client import RasaClient

PASSWORD = "a long trainer password"
ATTACK = "<script>alert(1)</script> sorry, rules are rules"


def play_a_role_play(rasa: RasaClient, employee: str) -> None:
    rasa.send(
        employee, '/start_roleplay{"scenario": "latte", "difficulty": "furious", "seed": "3"}'
    )
    rasa.send(employee, "I'm so sorry, I understand, I'll remake it right now.")
    rasa.send(employee, ATTACK)
    rasa.send(employee, "stop")


def test_a_trainer_reviews_a_real_role_play(page: Page, stack: Stack, rasa: RasaClient) -> None:
    trainer = f"trainer{uuid.uuid4().hex[:6]}"
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        create_trainer(db, trainer, "Test Trainer", PASSWORD)
    employee = f"trainee-{uuid.uuid4().hex[:6]}"
    play_a_role_play(rasa, employee)
    web = stack.settings.web_url
    ARTIFACTS.mkdir(exist_ok=True)

    page.goto(f"{web}/trainer/")
    expect(page).to_have_url(f"{web}/trainer/login?next=%2Ftrainer%2F")
    page.get_by_label("Username").fill(trainer)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Conversations")).to_be_visible()

    page.get_by_label("Employee").fill(employee)
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("latte")
    expect(rows.first).to_contain_text("stopped")
    page.screenshot(path=str(ARTIFACTS / "trainer-list.png"), full_page=True)

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    exported = list(csv.DictReader(io.StringIO(download.value.path().read_text())))
    assert [r["reply"] for r in exported][1] == ATTACK
    assert {r["employee"] for r in exported} == {employee} and len(exported) == 2

    rows.first.get_by_role("link", name="latte").click()
    transcript = page.locator(".transcript")
    expect(transcript.locator(".line--employee", has_text=ATTACK)).to_have_count(1)
    assert page.locator(".transcript script").count() == 0
    expect(page.locator(".scored").first).to_contain_text("Reply 1:")
    expect(page.locator(".chip--flag")).to_contain_text(["policy hiding"])
    evidence = page.locator(".scored .evidence")  # the words that earned each skill or flag
    expect(evidence.first.locator("mark", has_text="sorry")).to_have_count(1)
    expect(evidence.first.locator(".evidence-label").first).to_be_visible()
    expect(evidence.nth(1)).to_contain_text("<script>alert(1)</script>")
    page.get_by_label("Add a note").fill("Good recovery; watch the policy line in reply 2.")
    page.get_by_label("On reply (optional)").select_option("2")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".notes")).to_contain_text("watch the policy line")
    expect(page.locator(".notes")).to_contain_text(f"{trainer} ·")
    page.get_by_role("button", name="Mark reviewed").click()
    expect(page.locator(".summary")).to_contain_text(f"reviewed by {trainer}")
    correct_the_coach(page)
    page.screenshot(path=str(ARTIFACTS / "trainer-transcript.png"), full_page=True)
    assert page.dialogs == []  # type: ignore[attr-defined]

    page.get_by_role("link", name=employee).first.click()
    expect(page.get_by_role("heading", name=f"Progress: {employee}")).to_be_visible()
    expect(page.locator("svg.chart circle").first).to_be_visible()
    expect(page.locator(".legend")).to_contain_text("overall")
    page.screenshot(path=str(ARTIFACTS / "trainer-progress.png"), full_page=True)


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
    back = page.url
    page.get_by_role("link", name="Agreement").click()
    expect(page.get_by_role("heading", name="The coach against trainers")).to_be_visible()
    expect(page.locator("tbody tr", has_text="above and beyond")).to_have_count(1)
    page.goto(back)
