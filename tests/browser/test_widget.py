"""The practice page in a real browser: a whole role-play, reload, reconnect, and safety."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Page, expect

from bot.runtime.stack import Stack
from tests.browser.conftest import ARTIFACTS, say

START_LATTE = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "7"}'
REPLIES = [
    "ok",
    "Good morning! I'm so sorry, I understand how frustrating that is.",
    "I'll personally remake it with oat milk right now, and your next coffee is on us.",
]


def open_as_new_employee(page: Page, stack: Stack) -> str:
    employee = f"pw-{uuid.uuid4().hex[:8]}"
    page.goto(f"{stack.settings.web_url}/?employee={employee}")
    expect(page.locator(".coach-who")).to_have_text(f"Practising as {employee}")
    expect(page.locator(".coach-status")).to_have_text("")  # online
    expect(page.locator(".coach-msg--bot")).to_have_count(1)  # the greeting, unasked
    return employee


def test_a_whole_role_play_with_score_cards_and_a_debrief(page: Page, stack: Stack) -> None:
    open_as_new_employee(page, stack)
    say(page, START_LATTE)
    expect(page.locator(".coach-card--start")).to_contain_text("The $5 latte")
    expect(page.locator(".coach-mood")).to_be_visible()

    for count, reply in enumerate(REPLIES, start=1):
        say(page, reply)
        expect(page.locator(".coach-card--feedback")).to_have_count(count)
    cards = page.locator(".coach-card--feedback")
    expect(cards.nth(0)).to_contain_text("Reply 1 of 8: 0/100")
    expect(cards.nth(1).locator(".coach-chip")).to_contain_text(["empathy", "apology"])

    debrief = page.locator(".coach-card--debrief")
    expect(debrief).to_contain_text("You won the customer over")
    expect(debrief.locator(".coach-bar")).to_have_count(8)
    expect(debrief.locator("dt").nth(5)).to_have_text("above and beyond")  # the rubric's words
    expect(debrief.locator("cite")).to_contain_text("Source: \u201c")
    needs = debrief.locator(".coach-need--met")  # what Jordan needed, each met at reply 3
    expect(needs).to_have_count(2)
    expect(needs.first).to_have_text("\u2713 the right drink, with oat milk (reply 3)")
    expect(page.locator(".coach-controls")).to_be_hidden()
    expect(page.locator(".coach-msg--bot", has_text="Debrief:")).to_have_count(0)
    ARTIFACTS.mkdir(exist_ok=True)
    debrief.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "debrief.png"), full_page=True)

    say(page, "how am I doing?")
    progress = page.locator(".coach-card--progress")
    expect(progress).to_contain_text("1 role-play, average")
    expect(progress.locator(".coach-bar")).to_have_count(8)
    expect(progress).to_contain_text("Weakest skill:")
    progress.scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "progress.png"), full_page=True)

    # The debrief's buttons no longer apply once the employee asked something else; the
    # progress answer brings its own (tests/browser/test_debrief_card.py uses "Try again").
    expect(page.get_by_role("button", name="Try again").last).to_be_disabled()
    page.get_by_role("button", name=re.compile("^Practise: ")).last.click()
    expect(page.locator(".coach-card--start")).to_have_count(2)


def test_a_reload_brings_the_conversation_back_and_it_goes_on(page: Page, stack: Stack) -> None:
    open_as_new_employee(page, stack)
    say(page, START_LATTE)
    say(page, "ok")
    expect(page.locator(".coach-card--feedback")).to_have_count(1)

    page.reload()
    expect(page.locator(".coach-card--start")).to_have_count(1)
    expect(page.locator(".coach-card--feedback")).to_have_count(1)
    expect(page.locator(".coach-status")).to_have_text("")
    expect(page.locator(".coach-turns")).to_have_text("Reply 2 of 8")  # still mid role-play
    expect(page.locator(".coach-msg--customer").first).to_contain_text("Jordan (customer)")
    say(page, "I'm so sorry about that, I understand.")
    expect(page.locator(".coach-card--feedback").nth(1)).to_contain_text("Reply 2 of 8:")


def test_messages_typed_while_rasa_restarts_are_sent_when_it_is_back(
    page: Page, stack: Stack
) -> None:
    open_as_new_employee(page, stack)
    say(page, START_LATTE)
    expect(page.locator(".coach-card--start")).to_have_count(1)
    rasa = stack.services["rasa"]
    rasa.stop()
    expect(page.locator(".coach-status")).to_contain_text("Offline", timeout=20_000)
    say(page, "I'm so sorry, let me remake it right now.")
    rasa.start()
    rasa.wait_ready(120)
    expect(page.locator(".coach-status")).to_have_text("", timeout=60_000)
    expect(page.locator(".coach-card--feedback")).to_contain_text("Reply 1 of 8:", timeout=60_000)


def test_html_in_a_reply_is_shown_as_text(page: Page, stack: Stack) -> None:
    open_as_new_employee(page, stack)
    attack = "<img src=x onerror=alert(1)>"
    say(page, attack)
    expect(page.locator(".coach-msg--user .coach-text")).to_have_text(attack)
    expect(page.locator(".coach-msg--bot")).to_have_count(2)  # the greeting, then the answer
    assert page.locator(".coach-log img").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_the_score_card_marks_the_words_that_earned_each_skill(page: Page, stack: Stack) -> None:
    open_as_new_employee(page, stack)
    say(page, START_LATTE)
    say(page, "I'm so sorry, I'll remake it now")
    card = page.locator(".coach-card--feedback")
    expect(card.locator(".coach-evidence")).to_contain_text("I'm so")  # the reply itself
    marks = card.locator("mark.coach-mark")
    expect(marks.filter(has_text="sorry")).to_have_count(1)
    expect(marks.filter(has_text="remake").first).to_be_visible()
    expect(card.locator(".coach-mark-label")).to_contain_text(["apology"])
    card.scroll_into_view_if_needed()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "evidence.png"), full_page=True)


def test_a_script_in_a_scored_reply_stays_text_in_the_score_card(page: Page, stack: Stack) -> None:
    open_as_new_employee(page, stack)
    say(page, START_LATTE)
    attack = "<script>window.pwned = 1</script> I'm so sorry, I'll remake it now"
    say(page, attack)
    shown = page.locator(".coach-card--feedback .coach-evidence")
    expect(shown).to_contain_text("<script>window.pwned = 1</script>")
    expect(shown.locator("mark.coach-mark").first).to_be_visible()
    assert page.locator(".coach-log script").count() == 0
    assert page.evaluate("typeof window.pwned") == "undefined"


def test_first_visit_asks_for_a_name_and_keyboard_alone_works(page: Page, stack: Stack) -> None:
    page.goto(f"{stack.settings.web_url}/")
    name = f"kb-{uuid.uuid4().hex[:6]}"
    page.get_by_label("Your name or employee id").fill(name)
    page.keyboard.press("Enter")
    expect(page.get_by_role("log", name="Conversation")).to_be_visible()
    expect(page.locator(".coach-status")).to_have_text("")
    page.keyboard.type("hi")
    page.keyboard.press("Enter")
    expect(page.locator(".coach-msg--bot")).to_have_count(2)  # greeted unasked, then for "hi"
    choice = page.locator(".coach-button--choice:enabled").first
    expect(choice).to_be_visible()
    choice.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".coach-msg--bot").last).to_contain_text("Which customer")


def test_usable_at_phone_width(browser, stack: Stack) -> None:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    phone = context.new_page()
    phone.goto(f"{stack.settings.web_url}/?employee=phone-{uuid.uuid4().hex[:6]}")
    expect(phone.locator(".coach-status")).to_have_text("")
    say(phone, "hi")
    expect(phone.locator(".coach-msg--bot")).to_have_count(2)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()
