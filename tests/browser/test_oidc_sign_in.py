"""Signing in with the company's OpenID provider in Chromium (a real oidc-provider on a
loopback port): an employee signs in, plays a role-play as themselves, and their team's
trainer, signed in the same way, finds it under their name; another team's trainer does not."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from bot.runtime.stack import Stack
from tests.browser.test_widget import REPLIES, START_LATTE, say


def sign_in_at_provider(page: Page, account: str) -> None:
    """oidc-provider's own sign-in page takes any password for its test accounts."""
    page.locator("input[name=login]").fill(account)
    page.locator("input[name=password]").fill("any password")
    page.locator("button[type=submit]").click()


def as_trainer(browser: Browser, stack: Stack, account: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(f"{stack.settings.web_url}/trainer/login")
    page.get_by_role("link", name="Sign in with your company account").click()
    sign_in_at_provider(page, account)
    # The dashboard's menu, signed in (the button names the trainer).
    expect(page.get_by_role("button", name=re.compile(r"^Sign out "))).to_be_visible()
    return page


def test_an_employee_signs_in_practises_and_their_trainer_sees_it(
    page: Page, browser: Browser, signed_in_stack: Stack
) -> None:
    web = signed_in_stack.settings.web_url
    page.goto(web)
    expect(page.get_by_label("Your name or employee id")).to_have_count(0)  # no name to type
    page.get_by_role("link", name="Sign in with your company account").click()
    sign_in_at_provider(page, "ana")

    expect(page.locator(".coach-signed-in")).to_contain_text("Signed in as Ana Lima")
    expect(page.locator(".coach-who")).to_have_text("Practising as ana@example.com")
    expect(page.locator(".coach-status")).to_have_text("")  # online, with the token
    say(page, START_LATTE)
    expect(page.locator(".coach-card--start")).to_contain_text("The $5 latte")
    for count, reply in enumerate(REPLIES, start=1):
        say(page, reply)
        expect(page.locator(".coach-card--feedback")).to_have_count(count)
    expect(page.locator(".coach-card--debrief")).to_contain_text("You won the customer over")

    dana = as_trainer(browser, signed_in_stack, "dana")  # trains team north, Ana's
    dana.goto(f"{web}/trainer/?employee=ana@example.com")
    row = dana.locator("tbody tr", has_text="ana@example.com")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("socketio")
    row.get_by_role("link", name="latte").click()
    expect(dana.locator("body")).to_contain_text(REPLIES[2])
    transcript = dana.url

    tom = as_trainer(browser, signed_in_stack, "tom")  # trains team south only
    tom.goto(f"{web}/trainer/?employee=ana@example.com")
    expect(tom.locator("tbody tr", has_text="ana@example.com")).to_have_count(0)
    assert tom.goto(transcript).status == 404
    assert tom.goto(f"{web}/trainer/progress/ana@example.com").status == 404

    kept = "() => Object.keys(localStorage).filter(k => k.startsWith('serviceCoach.log.'))"
    assert page.evaluate(kept), "the conversation is kept across reloads while signed in"
    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("link", name="Sign in with your company account")).to_be_visible()
    expect(page.locator(".coach")).to_have_count(0)
    assert page.evaluate(kept) == [], "signing out leaves no transcript in the browser"
