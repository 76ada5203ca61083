"""Finding the right tip or story: synonyms, ranking, tags, and saying so when nothing fits."""

from __future__ import annotations

import pytest

from bot.engine import load_retriever
from bot.knowledge.bm25 import BM25Index
from bot.knowledge.evaluation import evaluate, load_queries


@pytest.fixture(scope="module")
def retriever(content):
    return load_retriever(content)


def topics_of(content, hits) -> list[str]:
    by_id = {tip.id: tip.topic for tip in content.tips.tips}
    return [by_id[h.id] for h in hits]


def test_bm25_prefers_rarer_and_more_frequent_terms() -> None:
    index = BM25Index([["refund", "refund", "shop"], ["refund", "shop"], ["shop", "coffee"]])
    assert index.score({"refund": 1.0}, 0) > index.score({"refund": 1.0}, 1) > 0
    assert index.score({"coffee": 1.0}, 2) > index.score({"shop": 1.0}, 2)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("money back", "returns"),
        ("she says it's way too expensive", "pricing"),
        ("customers have been queuing forever", "waiting"),
        ("it arrived cracked", "quality"),
        ("we're out of oat milk", "out_of_stock"),
    ],
)
def test_synonyms_find_the_topic_in_other_words(retriever, content, question, topic) -> None:
    assert topics_of(content, retriever.tips(question))[0] == topic


def test_a_named_skill_finds_tips_that_build_it(retriever, content) -> None:
    tips = {tip.id: tip for tip in content.tips.tips}
    hits = retriever.tips("tips on empathy")
    assert hits and "empathy" in tips[hits[0].id].skills


@pytest.mark.parametrize("question", ["how do I fix my car", "what's the weather", "football"])
def test_questions_outside_customer_service_find_nothing(retriever, question: str) -> None:
    assert retriever.tips(question) == [] and retriever.stories(question) == []


def test_shown_entries_are_skipped(retriever) -> None:
    first = retriever.stories("a story about a refund")[0].id
    assert first not in [h.id for h in retriever.stories("a story about a refund", {first})]


def test_a_question_with_no_subject_gets_the_curated_order(retriever, content) -> None:
    ranked = retriever.ranked("story", "tell me a story")
    assert [h.id for h in ranked] == [a.id for a in content.anecdotes]


def test_held_out_questions_find_the_right_answer(retriever) -> None:
    score = evaluate(retriever, load_queries())
    assert score.queries >= 60
    assert score.top1 >= 0.85 and score.top3 >= 0.9, score.misses
