"""Answering "give me a tip" and "tell me a story" within a conversation.

It remembers what it has already shared (the caller keeps that in slots), so a story is
not repeated unless asked for again, "tell me another" gives the next best answer to the
last question, and "tell me the story" after a tip tells the story behind that tip.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from bot.coaching.rubric import Rubric
from bot.knowledge.anecdotes import Anecdote
from bot.knowledge.retriever import Retriever
from bot.knowledge.tips import Tip, TipLibrary

TIP, STORY = "tip", "story"
ANOTHER = re.compile(r"\b(another|one more|next|something else|different)\b", re.IGNORECASE)
AGAIN = re.compile(r"\b(again|repeat)\b", re.IGNORECASE)
NAMES_TIP = re.compile(r"\b(tip|tips|advice)\b", re.IGNORECASE)
NAMES_STORY = re.compile(r"\b(story|stories|anecdote|anecdotes|example|examples)\b", re.IGNORECASE)
# Words about the practice itself ("stop the role-play", "give me a hint"), not about serving
# customers: a question outside a role-play is answered on what is left.
ABOUT_PRACTICE = re.compile(
    r"\b(role[- ]?plays?|scenarios?|simulations?|hints?|clues?|nudges?|stop|end|quit|cancel)\b",
    re.IGNORECASE,
)
NO_TIP = "I don't have a tip for that."

Message = dict[str, Any]


def named_kind(kind: str, text: str) -> str:
    """The kind the words ask for ("a story about...") over the NLU's reading of them; a
    question that names neither, or both, keeps `kind`."""
    story, tip = NAMES_STORY.search(text), NAMES_TIP.search(text)
    if story and not tip:
        return STORY
    return TIP if tip and not story else kind


@dataclass(frozen=True)
class Memory:
    """What this conversation has been told so far."""

    shown: tuple[str, ...] = ()
    last_kind: str | None = None
    last_query: str | None = None
    story_behind_last_tip: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "shown": list(self.shown),
            "last_kind": self.last_kind,
            "last_query": self.last_query,
            "story_behind_last_tip": self.story_behind_last_tip,
        }

    @classmethod
    def from_dict(cls, data: Any) -> Memory:
        if not isinstance(data, dict):
            return cls()
        return cls(
            shown=tuple(str(i) for i in data.get("shown") or ()),
            last_kind=data.get("last_kind"),
            last_query=data.get("last_query"),
            story_behind_last_tip=data.get("story_behind_last_tip"),
        )


class Librarian:
    def __init__(
        self, retriever: Retriever, library: TipLibrary, anecdotes: list[Anecdote], rubric: Rubric
    ) -> None:
        """`rubric` gives the tip card its skill labels."""
        self.retriever = retriever
        self.rubric = rubric
        self.library = library
        self.tips = {tip.id: tip for tip in library.tips}
        self.stories = {story.id: story for story in anecdotes}

    def answer(
        self, kind: str, text: str, topic: str | None, memory: Memory
    ) -> tuple[list[Message], Memory]:
        kind, query = self._understand(kind, text, topic, memory)
        behind = memory.story_behind_last_tip
        if (
            kind == STORY
            and self.retriever.is_general(query)
            and behind not in (None, *memory.shown)
        ):
            return self._tell(self.stories[behind], memory, query)
        exclude = () if AGAIN.search(text) else memory.shown
        hits = self.retriever.ranked(kind, query, exclude)
        if not hits:
            return self._nothing_fits(kind, query, memory), memory
        if kind == TIP:
            return self._share(self.tips[hits[0].id], memory, query)
        return self._tell(self.stories[hits[0].id], memory, query)

    def answer_question(self, text: str, memory: Memory) -> tuple[list[Message], Memory] | None:
        """A message outside a role-play, read as a question: a tip, or a story when it asks
        for one. None when it names no subject or nothing fits, so the caller can answer
        honestly ("I don't have a tip", out of scope, no role-play running)."""
        query = ABOUT_PRACTICE.sub(" ", text)
        if text.startswith("/") or self.retriever.is_general(query):
            return None
        kind = named_kind(TIP, text)
        hits = self.retriever.ranked(kind, query, memory.shown)
        if not hits:
            return None
        if kind == TIP:
            return self._share(self.tips[hits[0].id], memory, query)
        return self._tell(self.stories[hits[0].id], memory, query)

    def no_tip(self) -> list[Message]:
        """The honest answer when nothing fits, with a button for every topic."""
        return self._nothing_fits(TIP, "", Memory(), opening=NO_TIP)

    def _understand(
        self, kind: str, text: str, topic: str | None, memory: Memory
    ) -> tuple[str, str]:
        """(kind, question): a topic button, "another" of the last question, or the text."""
        if topic in self.library.topics:
            return kind, f"{topic.replace('_', ' ')} {self.library.topics[topic]}"
        if ANOTHER.search(text) and memory.last_query is not None:
            names_other = NAMES_STORY.search(text) if kind == TIP else NAMES_TIP.search(text)
            carried = memory.last_kind or kind
            return (kind if names_other else carried), memory.last_query
        return named_kind(kind, text), text

    def _share(self, tip: Tip, memory: Memory, query: str) -> tuple[list[Message], Memory]:
        text = f"Tip: {tip.text}"
        if tip.anecdote_id:
            story = self.stories[tip.anecdote_id]
            text += (
                f' The true story behind it: "{story.title}" '
                f'(from "{story.essay}", {story.source}). '
                'Say "tell me the story" to hear it.'
            )
        payload = {
            "type": "tip",
            "replaces_text": True,
            "id": tip.id,
            "text": tip.text,
            "skills": list(tip.skills),
            "anecdote_id": tip.anecdote_id,
            "labels": self.rubric.labels_of(tip.skills),
        }
        remembered = replace(
            memory,
            shown=(*memory.shown, tip.id),
            last_kind=TIP,
            last_query=query,
            story_behind_last_tip=tip.anecdote_id,
        )
        return [{"text": text}, {"custom": payload}], remembered

    def _tell(self, story: Anecdote, memory: Memory, query: str) -> tuple[list[Message], Memory]:
        text = (
            f'"{story.title}", from "{story.essay}" ({story.source}):\n"{story.text}"\n'
            f"The lesson: {story.lesson}"
        )
        payload = {
            "type": "anecdote",
            "replaces_text": True,
            "id": story.id,
            "title": story.title,
            "text": story.text,
            "source": story.source,
            "essay": story.essay,
            "lesson": story.lesson,
        }
        if story.translation:
            text += f'\n(The original, in Czech: "{story.quote}")'
            payload["original"] = story.quote
        remembered = replace(
            memory,
            shown=(*memory.shown, story.id),
            last_kind=STORY,
            last_query=query,
            story_behind_last_tip=None,
        )
        return [{"text": text}, {"custom": payload}], remembered

    def _nothing_fits(
        self, kind: str, query: str, memory: Memory, opening: str | None = None
    ) -> list[Message]:
        heard_all = self.retriever.is_general(query) or memory.shown
        what = "tip" if kind == TIP else "story"
        opening = opening or (
            f"I've no new {what} on that; you've heard the ones that fit."
            if heard_all and self.retriever.ranked(kind, query)
            else f"I don't have a {what} that fits that question."
        )
        topics = list(self.library.topics.items())
        intent = "ask_tip" if kind == TIP else "ask_story"
        return [
            {
                "text": f"{opening} I can help with: {', '.join(name for _, name in topics)}.",
                "buttons": [
                    {"title": name.capitalize(), "payload": f'/{intent}{{"topic": "{topic}"}}'}
                    for topic, name in topics
                ],
            }
        ]
