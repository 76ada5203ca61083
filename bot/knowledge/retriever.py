"""Finding the tip or true story that best fits an employee's question.

Text becomes terms two ways: spaCy lookup lemmas of the content words, and concept tokens
from data/synonyms.yml (so "refund" and "return" meet on the concept `@returns`). Tips and
stories are ranked with BM25 over those terms, plus their topic and skill tags.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from bot.knowledge.anecdotes import Anecdote
from bot.knowledge.bm25 import BM25Index
from bot.knowledge.tips import TipLibrary
from bot.yaml_data import DataError, Fields

# Words every request uses ("how do I handle ... customer", "tell me a story about ...");
# they say what kind of answer is wanted, not what it should be about.
GENERIC = frozenset(
    [
        "tip",
        "tips",
        "advice",
        "advise",
        "story",
        "stories",
        "anecdote",
        "anecdotes",
        "example",
        "examples",
        "tell",
        "give",
        "handle",
        "deal",
        "customer",
        "customers",
        "client",
        "clients",
        "guest",
        "guests",
        "service",
        "say",
        "something",
        "anything",
        "good",
        "great",
        "excellent",
        "real",
        "true",
        "best",
        "way",
        "help",
        "want",
        "need",
        "know",
        "like",
        "please",
    ]
)
# A hit must score at least this to count as an answer rather than a guess...
MIN_SCORE = 2.0
# ...and share a concept or skill with the question, or this many of its words.
MIN_SHARED_WORDS = 2
# A skill named outright ("tips on empathy") is a strong signal; a shared concept says more
# about what the question is about than any single shared word.
SKILL_WEIGHT = 2.0
CONCEPT_WEIGHT = 1.5


@dataclass(frozen=True)
class Hit:
    id: str
    score: float


def load_concepts(path: Path) -> dict[str, list[str]]:
    root = Fields.of_file(path).sub("concepts")
    concepts = {name: root.texts(name) for name in root.names()}
    if not concepts:
        raise DataError(path, "concepts", "defines no concepts")
    return concepts


class TextAnalyser:
    def __init__(self, nlp: Language, concepts: Mapping[str, Iterable[str]]) -> None:
        self.nlp = nlp
        self.concepts = {
            name: re.compile(
                r"(?<!\w)(" + "|".join(re.escape(p.lower()) for p in phrases) + r")(?!\w)"
            )
            for name, phrases in concepts.items()
        }

    def words(self, text: str) -> list[str]:
        """Lemmas of the content words: no stop words, punctuation or request words."""
        return [
            token.lemma_ or token.lower_
            for token in self.nlp(text.lower())
            if (token.is_alpha or token.like_num)
            and not token.is_stop
            and len(token) > 1
            and token.lower_ not in GENERIC
            and token.lemma_ not in GENERIC
        ]

    def concept_tokens(self, text: str) -> list[str]:
        lowered = text.lower()
        return [f"@{name}" for name, pattern in self.concepts.items() if pattern.search(lowered)]

    def terms(self, text: str) -> list[str]:
        return self.words(text) + self.concept_tokens(text)


class Retriever:
    """Two BM25 indexes, tips and stories, built once at start-up."""

    def __init__(self, analyser: TextAnalyser, library: TipLibrary, anecdotes: list[Anecdote]):
        self.analyser = analyser
        self.tip_ids = [tip.id for tip in library.tips]
        self.story_ids = [story.id for story in anecdotes]
        self.skill_tags = {f"#{s}" for tip in library.tips for s in tip.skills}
        tip_docs = [
            analyser.terms(f"{tip.text} {library.topics[tip.topic]} {' '.join(tip.asks)}")
            + [f"@{tip.topic}", f"@{tip.topic}"]
            + [f"#{s}" for s in tip.skills]
            for tip in library.tips
        ]
        story_docs = [self._story_terms(story) for story in anecdotes]
        self.tips_index, self.stories_index = BM25Index(tip_docs), BM25Index(story_docs)

    def _story_terms(self, story: Anecdote) -> list[str]:
        english = story.translation or " ".join(story.passages)
        words = self.analyser.terms(f"{story.title} {story.title} {story.lesson} {english}")
        tags = [f"@{topic}" for topic in story.topics if f"@{topic}" in self._concept_names]
        return words + tags + [f"#{s}" for s in story.skills]

    @property
    def _concept_names(self) -> set[str]:
        return {f"@{name}" for name in self.analyser.concepts}

    def query(self, text: str) -> dict[str, float]:
        terms: dict[str, float] = dict.fromkeys(self.analyser.words(text), 1.0)
        terms.update(dict.fromkeys(self.analyser.concept_tokens(text), CONCEPT_WEIGHT))
        for skill in self.skill_tags:
            if skill[1:].replace("_", " ") in text.lower():
                terms[skill] = SKILL_WEIGHT
        return terms

    def is_general(self, text: str) -> bool:
        """True when the question names no subject ("tell me a story")."""
        return not self.query(text)

    def ranked(self, kind: str, text: str, exclude: Collection[str] = ()) -> list[Hit]:
        """Best first. A question with no subject gets the library in its curated order."""
        ids = self.tip_ids if kind == "tip" else self.story_ids
        if self.is_general(text):
            return [Hit(doc_id, 0.0) for doc_id in ids if doc_id not in exclude]
        return self.tips(text, exclude) if kind == "tip" else self.stories(text, exclude)

    def tips(self, text: str, exclude: Collection[str] = ()) -> list[Hit]:
        return self._rank(self.tips_index, self.tip_ids, text, exclude)

    def stories(self, text: str, exclude: Collection[str] = ()) -> list[Hit]:
        return self._rank(self.stories_index, self.story_ids, text, exclude)

    def _rank(
        self, index: BM25Index, ids: list[str], text: str, exclude: Collection[str]
    ) -> list[Hit]:
        query = self.query(text)
        hits = [
            Hit(doc_id, index.score(query, position))
            for position, doc_id in enumerate(ids)
            if doc_id not in exclude and _relevant(query, index.matched(query, position))
        ]
        # Ties keep the library's own order, which puts the most telling entries first.
        return sorted((h for h in hits if h.score >= MIN_SCORE), key=lambda h: -h.score)


def _relevant(query: Mapping[str, float], matched: set[str]) -> bool:
    """One shared everyday word ("fix my car") is not enough to answer on."""
    if any(term[0] in "@#" for term in matched):
        return True
    words = [term for term in query if term[0] not in "@#"]
    return len(matched) >= min(MIN_SHARED_WORDS, len(words))
