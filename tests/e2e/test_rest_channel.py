"""The real stack over the REST channel, including a Rasa restart mid-conversation."""

from __future__ import annotations

from bot.runtime.stack import Stack
from tests.rasa_client import RasaClient


def test_hi_gets_a_greeting_with_choices(rasa: RasaClient) -> None:
    [greeting] = rasa.send("e2e-greeter", "hi")
    assert "Service Coach" in greeting["text"]
    assert {b["payload"] for b in greeting["buttons"]} >= {"/affirm", "/ask_tip", "/ask_story"}


def test_help_lists_what_the_bot_does_with_buttons(rasa: RasaClient) -> None:
    [answer] = rasa.send("e2e-helper", "what can you do?")
    assert "difficult customer" in answer["text"] and "tips" in answer["text"]
    assert "/show_progress" in {b["payload"] for b in answer["buttons"]}


def test_gibberish_gets_a_fallback_with_suggestions(rasa: RasaClient) -> None:
    [answer] = rasa.send("e2e-confused", "qwzx plmk vbnt")
    assert answer["text"].startswith("Sorry, I didn't get that")
    assert answer["buttons"], "the fallback must suggest what to do"


def test_out_of_scope_is_declined_politely(rasa: RasaClient) -> None:
    [answer] = rasa.send("e2e-weather", "what's the weather like tomorrow")
    assert "outside what I know" in answer["text"]


def test_conversation_resumes_after_the_rasa_server_restarts(
    rasa: RasaClient, stack: Stack
) -> None:
    sender = "e2e-restart"
    [greeting] = rasa.texts(sender, "hello")
    assert greeting.endswith("Shall we start a role-play?")
    before = [e for e in rasa.tracker(sender)["events"] if e["event"] == "user"]

    stack.restart("rasa")

    after = [e for e in rasa.tracker(sender)["events"] if e["event"] == "user"]
    assert [e["text"] for e in after] == [e["text"] for e in before] == ["hello"]
    # "yes" only means "start a role-play" because the greeting is remembered.
    [picker] = rasa.send(sender, "yes")
    assert picker["text"].endswith("Which customer would you like to serve?")
    assert rasa.texts("e2e-fresh", "yes") == ["What would you like to do next?"]
