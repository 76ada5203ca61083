"""The practice page as a new employee meets it, at desktop and phone width: the greeting,
changing name, the picker, the role-play (once-only intro, speakers, times, the reply count,
the reply box in view), buttons that stop applying, stories by their essay's title, and a
favicon on every page. Screenshots land in test-artifacts/."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Browser, Page, expect

from bot.runtime.stack import Stack
from bot.store import assignments
from bot.store.database import make_engine, session_factory
from tests.browser.conftest import ARTIFACTS, SIZES, say

START_LATTE = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "7"}'
GOOD = "Good morning! I'm so sorry, I understand how frustrating that is."
FIX = "I'll personally remake it with oat milk right now, and your next coffee is on us."


def shot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}-{page.size_name}.png"))  # type: ignore[attr-defined]


def open_chat(page: Page, stack: Stack) -> str:
    """A new employee on the practice page, greeted."""
    employee = f"pp-{uuid.uuid4().hex[:8]}"
    page.goto(f"{stack.settings.web_url}/?employee={employee}")
    expect(page.locator(".coach-msg--bot").first).to_contain_text("Shall we start a role-play?")
    return employee


def test_a_new_name_opens_with_the_greeting_and_its_buttons(sized: Page, stack: Stack) -> None:
    sized.goto(f"{stack.settings.web_url}/")
    sized.get_by_label("Your name or employee id").fill(f"new-{uuid.uuid4().hex[:6]}")
    sized.keyboard.press("Enter")
    greeting = sized.locator(".coach-msg--bot").first
    expect(greeting).to_contain_text("Shall we start a role-play?")
    expect(greeting.get_by_role("button", name="Yes, start a role-play")).to_be_enabled()
    expect(sized.locator(".coach-msg--user")).to_have_count(0)  # nothing said in their name
    expect(sized.get_by_label("Your message")).to_have_attribute("placeholder", "Type a message…")
    shot(sized, "practice-greeting")


def test_the_opening_lists_the_employees_assignments_first(page: Page, stack: Stack) -> None:
    employee = f"pp-{uuid.uuid4().hex[:8]}"
    with session_factory(make_engine(stack.settings.db_url)).begin() as db:
        assignments.assign(db, [employee], "latte", "furious", None, "", ("dana", "Dana Lee"))
    page.goto(f"{stack.settings.web_url}/?employee={employee}")
    first = page.locator(".coach-msg--bot").first
    expect(first).to_contain_text("Assigned to you by Dana Lee: The $5 latte that isn't right")
    expect(first.get_by_role("button", name=re.compile(r"^Start: The \$5 latte"))).to_be_enabled()
    expect(page.locator(".coach-msg--bot").nth(1)).to_contain_text("Shall we start")


def test_change_name_asks_again_and_starts_a_new_conversation(page: Page, stack: Stack) -> None:
    first = open_chat(page, stack)
    page.get_by_role("button", name="Change name").click()
    expect(page.get_by_label("Your name or employee id")).to_be_focused()
    assert "employee=" not in page.url  # a reload does not bring the old name back
    second = f"pp-{uuid.uuid4().hex[:8]}"
    page.get_by_label("Your name or employee id").fill(second)
    page.keyboard.press("Enter")
    expect(page.locator(".coach-who")).to_have_text(f"Practising as {second}")
    expect(page.locator(".coach-msg--bot").first).to_contain_text("Shall we start")
    page.reload()
    expect(page.locator(".coach-who")).to_have_text(f"Practising as {second}")
    assert first != second


def test_the_picker_groups_customers_with_a_summary_and_a_difficulty(
    sized: Page, stack: Stack
) -> None:
    open_chat(sized, stack)
    say(sized, "start a role-play")
    picker = sized.locator(".coach-picker")
    expect(picker.locator(".coach-pick")).to_have_count(13)
    expect(picker.locator(".coach-picker__group")).to_have_count(5)  # one per essay
    expect(picker.locator(".coach-picker__group").first).to_contain_text("From \u201c")
    latte = picker.locator(".coach-pick", has_text="The $5 latte")
    expect(latte.locator(".coach-pick__summary")).to_contain_text("oat-milk latte")
    expect(picker.get_by_label("frustrated")).to_be_checked()
    expect(picker.locator(".coach-levels")).to_be_in_viewport()  # read from the top
    shot(sized, "practice-picker")
    picker.get_by_label("furious").check()
    latte.click()
    expect(sized.locator(".coach-card--start")).to_contain_text("(furious)")
    expect(latte).to_be_disabled()  # used: a second click would start another
    expect(picker.get_by_role("button", name="Surprise me")).to_be_disabled()


def test_the_intro_shows_once_and_stays_small(sized: Page, stack: Stack) -> None:
    open_chat(sized, stack)
    say(sized, START_LATTE)
    start = sized.locator(".coach-card--start")
    expect(start).to_contain_text("You are serving Jordan")
    expect(sized.locator(".coach-log")).to_contain_text("Role-play: The $5 latte", timeout=5000)
    expect(sized.locator(".coach-msg", has_text="Role-play:")).to_have_count(0)  # card only
    viewport = sized.viewport_size or SIZES["phone"]
    box = start.bounding_box()
    assert box is not None and box["height"] < 0.3 * viewport["height"]


def test_a_role_play_shows_who_speaks_when_and_the_reply_count(sized: Page, stack: Stack) -> None:
    open_chat(sized, stack)
    say(sized, START_LATTE)
    customer = sized.locator(".coach-msg--customer").first
    expect(customer.locator(".coach-speaker")).to_have_text("Jordan (customer)")
    expect(customer).not_to_contain_text("Jordan:")
    expect(customer.locator(".coach-time")).to_have_text(re.compile(r"\d{1,2}:\d{2}"))
    expect(sized.locator(".coach-turns")).to_have_text("Reply 1 of 8")
    expect(sized.get_by_label("Your message")).to_have_attribute(
        "placeholder", "Your reply to Jordan…"
    )
    say(sized, GOOD)
    expect(sized.locator(".coach-card--feedback")).to_contain_text("Reply 1 of 8:")
    expect(sized.locator(".coach-turns")).to_have_text("Reply 2 of 8")
    mine = sized.locator(".coach-msg--user").last
    expect(mine.locator(".coach-speaker")).to_have_text("You")
    expect(sized.locator(".coach-msg--bot .coach-speaker", has_text="Coach").first).to_be_visible()
    shot(sized, "practice-roleplay")


def test_on_a_phone_the_reply_box_stays_on_screen(browser: Browser, stack: Stack) -> None:
    context = browser.new_context(viewport=SIZES["phone"])
    phone = context.new_page()
    phone.size_name = "phone"  # type: ignore[attr-defined]
    open_chat(phone, stack)
    say(phone, START_LATTE)
    for count, reply in enumerate(["ok", GOOD], start=1):
        say(phone, reply)
        expect(phone.locator(".coach-card--feedback")).to_have_count(count)
    box = phone.get_by_label("Your message").bounding_box()
    assert box is not None and box["y"] + box["height"] <= SIZES["phone"]["height"]
    assert phone.evaluate("document.documentElement.scrollHeight") <= SIZES["phone"]["height"]
    assert phone.evaluate("document.documentElement.scrollWidth") <= SIZES["phone"]["width"]
    expect(phone.get_by_role("button", name="Hint")).to_be_in_viewport()
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "practice-phone.png"))
    context.close()


def test_buttons_are_disabled_once_used_or_outdated(page: Page, stack: Stack) -> None:
    open_chat(page, stack)
    greeting = page.locator(".coach-msg--bot").first
    page.get_by_role("button", name="Give me a tip").click()
    expect(greeting.get_by_role("button", name="Give me a tip")).to_be_disabled()
    expect(greeting.get_by_role("button", name="Yes, start a role-play")).to_be_disabled()
    say(page, "start a role-play")
    expect(page.locator(".coach-pick")).to_have_count(13)
    say(page, "how do I handle a refund?")  # the employee moved on: the picker no longer applies
    expect(page.locator(".coach-pick").first).to_be_disabled()
    page.reload()  # and still not after a reload
    expect(page.locator(".coach-pick").first).to_be_disabled()
    expect(greeting.get_by_role("button", name="Give me a tip")).to_be_disabled()


def test_a_story_names_its_essay_by_title_with_the_file_at_hand(page: Page, stack: Stack) -> None:
    open_chat(page, stack)
    say(page, "tell me a story about great service")
    cite = page.locator(".coach-card--story cite")
    expect(cite).to_contain_text("Source: \u201c")
    expect(cite).not_to_contain_text("seeds/")
    expect(cite).to_have_attribute("title", re.compile(r"^seeds/\d{3}_[0-9a-f]+\.txt$"))


def test_every_page_has_a_favicon(page: Page, stack: Stack) -> None:
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    for path in ("/", "/trainer/login"):
        page.goto(f"{stack.settings.web_url}{path}")
        page.wait_for_load_state("networkidle")
    icon = page.request.get(f"{stack.settings.web_url}/favicon.ico")
    assert icon.status == 200 and icon.headers["content-type"] == "image/x-icon"
    assert icon.body()[:4] == b"\x00\x00\x01\x00"  # an icon file
    assert missing == []
