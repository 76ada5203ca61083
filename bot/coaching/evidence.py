"""Which words of a reply showed a skill or flag, as character spans of the text typed.

The detector reads a lower-cased copy of the reply, so its token offsets are mapped back
to the original text. For a label only the trained classifier found, the words that
explain it are found by occlusion: drop each short window of tokens and keep the one whose
absence lowers that label's probability most. Long replies are cut into chunks first and
only the chunk that shows the label best is occluded, so the cost stays bounded.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc

WIDTHS = (1, 2, 3)  # tokens dropped at once: a word, or a short phrase such as "two minutes"
CHUNK_TOKENS = 40  # occlusion runs on at most this many tokens, whatever the reply's length
MIN_DROP = 0.1  # a window whose absence lowers the probability less explains nothing clearly
MIN_SHOWN = 0.5  # a label the classifier is not this sure of in the words has no words to show
NEAR_BEST = 0.75  # a shorter window this close to the best drop is the tighter explanation
SENTENCE_END = frozenset(".!?;")


@dataclass(frozen=True)
class Span:
    """Characters `start` to `end` of the reply; `text` is exactly that slice."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


def origins(text: str) -> list[int]:
    """For each character of `text.lower()`, the index of the character it came from:
    lower-casing can lengthen text ("İ" becomes two characters)."""
    mapped = [i for i, char in enumerate(text) for _ in char.lower()]
    if len(mapped) != len(text.lower()):  # never seen; offsets still stay inside the text
        return [min(i, len(text) - 1) for i in range(len(text.lower()))]
    return mapped


def span_of(text: str, origin: Sequence[int], start: int, end: int) -> Span | None:
    """The original text behind characters `start` to `end` of the lower-cased copy."""
    if start >= end or end > len(origin):
        return None
    first, last = origin[start], origin[end - 1] + 1
    return Span(first, last, text[first:last])


def merged(spans: Iterable[Span], text: str) -> list[Span]:
    """Overlapping matches ("sorry" inside "so sorry") become one span, in reading order."""
    out: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -s.end)):
        if out and span.start <= out[-1].end:
            end = max(out[-1].end, span.end)
            out[-1] = Span(out[-1].start, end, text[out[-1].start : end])
        else:
            out.append(span)
    return out


def chunks(doc: Doc, size: int = CHUNK_TOKENS) -> list[tuple[int, int]]:
    """Token ranges of whole sentences packed up to `size` tokens; a longer sentence is cut."""
    sentences, start = [], 0
    for token in doc:
        if token.text in SENTENCE_END or token.i == len(doc) - 1:
            sentences.append((start, token.i + 1))
            start = token.i + 1
    packed: list[tuple[int, int]] = []
    for first, last in sentences:
        for piece in range(first, last, size):
            end = min(piece + size, last)
            if packed and end - packed[-1][0] <= size:
                packed[-1] = (packed[-1][0], end)
            else:
                packed.append((piece, end))
    return packed


def occluded(textcat: Any, doc: Doc, labels: Sequence[str]) -> dict[str, tuple[int, int]]:
    """The token range that best explains each label the classifier found, where one does."""
    ranges = chunks(doc)
    if not ranges or not labels:
        return {}
    words = [t.text for t in doc]
    if len(ranges) == 1:
        best_chunk = dict.fromkeys(labels, ranges[0])
    else:
        scores = _predict(textcat, doc, [words[a:b] for a, b in ranges])
        best_chunk = {
            label: ranges[max(range(len(ranges)), key=lambda k: scores[k][label])]
            for label in labels
        }
    found: dict[str, tuple[int, int]] = {}
    for chunk in set(best_chunk.values()):
        wanted = [label for label in labels if best_chunk[label] == chunk]
        found.update(_occlude_chunk(textcat, doc, chunk, wanted))
    return found


def _occlude_chunk(
    textcat: Any, doc: Doc, chunk: tuple[int, int], labels: Sequence[str]
) -> dict[str, tuple[int, int]]:
    first, last = chunk
    words = [t.text for t in doc[first:last]]
    windows = [
        (i, i + width)
        for width in WIDTHS
        for i in range(len(words) - width + 1)
        if any(not doc[first + j].is_punct for j in range(i, i + width))
    ]
    if not windows:
        return {}
    variants = [words, *(words[:a] + words[b:] for a, b in windows)]
    scores = _predict(textcat, doc, variants)
    found = {}
    for label in labels:
        if scores[0][label] < MIN_SHOWN:
            continue
        drops = [scores[0][label] - scores[k + 1][label] for k in range(len(windows))]
        window = _tightest(windows, drops)
        if window is not None:
            found[label] = _trimmed(doc, first + window[0], first + window[1])
    return {label: span for label, span in found.items() if span[0] < span[1]}


def _tightest(windows: Sequence[tuple[int, int]], drops: Sequence[float]) -> tuple[int, int] | None:
    """The shortest window nearly as telling as the best, or None when none is clear."""
    best = max(drops)
    if best < MIN_DROP:
        return None
    near = [k for k, drop in enumerate(drops) if drop >= NEAR_BEST * best]
    k = min(near, key=lambda k: (windows[k][1] - windows[k][0], -drops[k]))
    return windows[k]


def _trimmed(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Without punctuation at either end: "sorry," is shown as "sorry"."""
    while start < end and doc[start].is_punct:
        start += 1
    while end > start and doc[end - 1].is_punct:
        end -= 1
    return start, end


def _predict(textcat: Any, doc: Doc, variants: Sequence[list[str]]) -> list[dict[str, float]]:
    """The classifier's probabilities for token lists, in one batch. Nothing left shows
    nothing: an empty list scores 0 (the classifier cannot take an empty doc in a batch)."""
    docs = [Doc(doc.vocab, words=words) for words in variants if words]
    rows = iter(textcat.predict(docs)) if docs else iter(())
    nothing = dict.fromkeys(textcat.labels, 0.0)
    return [
        dict(zip(textcat.labels, map(float, next(rows)), strict=True)) if words else nothing
        for words in variants
    ]
