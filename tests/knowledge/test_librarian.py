"""Tips and stories within a conversation: no repeats, "another", the story behind a tip."""

from __future__ import annotations

import pytest

from bot.engine import load_retriever
from bot.knowledge.librarian import Librarian, Memory


@pytest.fixture(scope="module")
def librarian(content):
    return Librarian(load_retriever(content), content.tips, content.anecdotes, content.rubric)


def payload(messages) -> dict:
    return next(m["custom"] for m in messages if "custom" in m)


def test_a_story_cites_its_source_and_lesson(librarian) -> None:
    messages, memory = librarian.answer("story", "the Disney hot dog story", None, Memory())
    story = payload(messages)
    assert story["type"] == "anecdote" and story["id"] == "disney_hot_dog"
    assert story["source"] == "seeds/000_6ae0848a5916e3b0.txt" and story["lesson"]
    assert "seeds/000_6ae0848a5916e3b0.txt" in messages[0]["text"]
    assert memory.shown == ("disney_hot_dog",)


def test_stories_are_not_repeated_and_another_gives_the_next_best(librarian) -> None:
    first, memory = librarian.answer("story", "a story about returns", None, Memory())
    second, memory = librarian.answer("story", "tell me another", None, memory)
    assert payload(first)["id"] != payload(second)["id"]
    [third], _ = librarian.answer("story", "a story about returns", None, memory)
    assert third["text"].startswith("I've no new story on that")
    assert third["buttons"], "it offers other topics instead of repeating itself"


def test_asking_again_may_repeat(librarian) -> None:
    first, memory = librarian.answer("story", "the Disney hot dog story", None, Memory())
    again, _ = librarian.answer("story", "the Disney hot dog story again", None, memory)
    assert payload(again)["id"] == payload(first)["id"]


def test_a_tip_offers_its_story_and_tell_me_the_story_tells_it(librarian, content) -> None:
    messages, memory = librarian.answer("tip", "we don't have the drink they want", None, Memory())
    tip = payload(messages)
    assert tip["type"] == "tip" and set(tip) >= {"type", "id", "text", "skills", "anecdote_id"}
    assert tip["labels"] == content.rubric.labels_of(tip["skills"]), "chips need no table"
    assert tip["anecdote_id"] == "diet_coke_waiter"
    story, _ = librarian.answer("story", "tell me the story", None, memory)
    assert payload(story)["id"] == "diet_coke_waiter"


def test_another_after_a_tip_gives_another_tip(librarian) -> None:
    first, memory = librarian.answer("tip", "how do I handle a refund?", None, Memory())
    second, _ = librarian.answer("story", "another one", None, memory)
    assert payload(second)["type"] == "tip" and payload(second)["id"] != payload(first)["id"]


def test_no_good_match_says_so_and_offers_topics(librarian, content) -> None:
    [answer], memory = librarian.answer("tip", "how do I fix my car", None, Memory())
    assert answer["text"].startswith("I don't have a tip that fits")
    assert "returns and refunds" in answer["text"]
    assert '/ask_tip{"topic": "returns"}' in [b["payload"] for b in answer["buttons"]]
    assert memory == Memory()


def test_a_topic_button_gives_a_tip_on_that_topic(librarian, content) -> None:
    messages, _ = librarian.answer("tip", '/ask_tip{"topic": "pricing"}', "pricing", Memory())
    topic = {t.id: t.topic for t in content.tips.tips}[payload(messages)["id"]]
    assert topic == "pricing"


def test_memory_survives_a_round_trip_through_a_slot(librarian) -> None:
    _, memory = librarian.answer("tip", "how do I handle a refund?", None, Memory())
    assert Memory.from_dict(memory.to_dict()) == memory


def test_a_question_outside_a_role_play_gets_a_tip_on_its_subject(librarian, content) -> None:
    messages, memory = librarian.answer_question(
        "a man brought back a kettle and has no receipt, can I still take it", Memory()
    )
    tip = payload(messages)
    assert tip["type"] == "tip" and tip["id"] == "refund_no_receipt"
    assert memory.shown == ("refund_no_receipt",)


def test_a_question_that_asks_for_a_story_gets_one(librarian) -> None:
    messages, _ = librarian.answer_question(
        "is there a story about a family paying for hot dogs at a theme park", Memory()
    )
    assert payload(messages)["type"] == "anecdote"


def test_words_about_the_practice_are_no_subject(librarian) -> None:
    """ "stop the role-play" must not find the tip on rehearsing difficult conversations."""
    for text in ("stop the role-play", "give me a hint", "end the scenario", "/hint"):
        assert librarian.answer_question(text, Memory()) is None, text


def test_nothing_fits_is_said_honestly_with_every_topic(librarian, content) -> None:
    assert librarian.answer_question("my parrot sings opera in the car park", Memory()) is None
    [answer] = librarian.no_tip()
    assert answer["text"].startswith("I don't have a tip for that.")
    payloads = [b["payload"] for b in answer["buttons"]]
    assert payloads == [f'/ask_tip{{"topic": "{topic}"}}' for topic in content.tips.topics]
