"""The debrief and progress cards in the browser, at desktop and phone width: what the
numbers mean, bars that agree with the overall and line up, a red-flag reply named the
weakest, no best-and-weakest pair for one reply, falling trends in red, and a role-play
stopped before any reply counting for nothing. Screenshots land in test-artifacts/."""

from __future__ import annotations

import re
import uuid

from playwright.sync_api import Locator, Page, expect

from bot.runtime.stack import Stack
from tests.browser.conftest import ARTIFACTS, say

START_LATTE = '/start_roleplay{"scenario": "latte", "difficulty": "frustrated", "seed": "7"}'
FLAGGED = "Sorry, rules are rules."
GOOD = "Good morning! I'm so sorry, I understand how frustrating that is."
FALLING_RED = "rgb(185, 28, 28)"


def play(page: Page, replies: list[str], debriefs: int) -> Locator:
    """Replies, then Stop; the new debrief card."""
    before = page.locator(".coach-card--feedback").count()
    for count, reply in enumerate(replies, start=before + 1):
        say(page, reply)
        expect(page.locator(".coach-card--feedback")).to_have_count(count)
    page.get_by_role("button", name="Stop role-play").click()
    expect(page.locator(".coach-card--debrief")).to_have_count(debriefs)
    return page.locator(".coach-card--debrief").last


def assert_bars_line_up(card: Locator) -> None:
    boxes = [card.locator(".coach-bar").nth(i).bounding_box() for i in range(8)]
    assert all(b is not None for b in boxes)
    assert len({(round(b["x"]), round(b["width"])) for b in boxes if b}) == 1


def bar_values(card: Locator) -> dict[str, str]:
    return dict(
        re.match(r"(.+) (\d+) of 100", label).groups()  # type: ignore[union-attr]
        for label in card.locator(".coach-bar").evaluate_all("bs => bs.map(b => b.ariaLabel)")
    )


def test_debriefs_and_progress_say_what_their_numbers_mean(sized: Page, stack: Stack) -> None:
    sized.goto(f"{stack.settings.web_url}/?employee=db-{uuid.uuid4().hex[:8]}")
    expect(sized.locator(".coach-msg--bot").first).to_contain_text("Shall we start")
    say(sized, START_LATTE)

    first = play(sized, [FLAGGED, GOOD], debriefs=1)
    expect(first.locator(".coach-note")).to_contain_text("the average score of your 2 replies")
    expect(first.locator(".coach-note")).to_contain_text("share of your replies that showed")
    assert bar_values(first)["apology"] == "50"  # one reply of two, not 100
    apology = first.get_by_role("img", name=re.compile("^apology "))
    expect(apology).to_have_attribute("title", "1 of 2 replies")
    expect(first).to_contain_text(f"Weakest reply: \u201c{FLAGGED}\u201d")  # the red flag
    expect(first).to_contain_text(f"Best reply: \u201c{GOOD}\u201d")
    expect(first.locator("cite")).not_to_contain_text("seeds/")
    assert_bars_line_up(first)
    first.scroll_into_view_if_needed()
    sized.screenshot(path=str(ARTIFACTS / f"debrief-{sized.size_name}.png"))  # type: ignore[attr-defined]

    sized.get_by_role("button", name="Try again").last.click()
    second = play(sized, ["ok"], debriefs=2)
    expect(second).not_to_contain_text("Best reply")  # one reply: no pair of the same words
    expect(second).not_to_contain_text("Weakest reply")
    falling = second.locator('.coach-bar__trend[data-direction="down"]')
    expect(falling.first).to_have_css("color", FALLING_RED)
    expect(second.locator('.coach-bar__trend[data-direction="up"]')).to_have_count(0)
    assert_bars_line_up(second)  # with trends on some rows and none on others

    sized.get_by_role("button", name="Try again").last.click()
    expect(sized.locator(".coach-card--start")).to_have_count(3)
    empty = play(sized, [], debriefs=3)
    expect(empty).to_contain_text("counts for nothing")
    expect(empty).not_to_contain_text("/100")
    expect(empty).not_to_contain_text(" now)")  # no "-95 now" against the last attempt
    expect(empty.locator(".coach-bar")).to_have_count(0)
    stories = sized.locator(".coach-card--debrief .coach-story__title").all_text_contents()
    assert len(set(stories)) == 3, f"a story told once is not told again: {stories}"
    empty.scroll_into_view_if_needed()
    sized.screenshot(path=str(ARTIFACTS / f"debrief-stopped-{sized.size_name}.png"))  # type: ignore[attr-defined]

    say(sized, "how am I doing?")
    progress = sized.locator(".coach-card--progress")
    expect(progress).to_contain_text("2 role-plays, average")  # the empty one left out
    expect(progress.locator(".coach-note")).to_contain_text("Each bar: the average")
    expect(progress.locator('.coach-bar__trend[data-direction="down"]').first).to_have_css(
        "color", FALLING_RED
    )
    assert_bars_line_up(progress)
    progress.scroll_into_view_if_needed()
    sized.screenshot(path=str(ARTIFACTS / f"progress-{sized.size_name}.png"))  # type: ignore[attr-defined]
