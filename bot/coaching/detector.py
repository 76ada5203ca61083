"""Which rubric skills and flags a reply shows, with spaCy and no model from a hub.

A blank English pipeline with lookup lemmas runs two detectors: phrase rules from
data/coaching/patterns.yml (precise, readable, editable by trainers) and a multi-label
text classifier trained on our labelled replies (`make train`), which generalises to
wording the rules do not list. A label counts when either finds it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import spacy
from sklearn.pipeline import Pipeline
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from bot.coaching.classifier import NgramClassifier
from bot.coaching.classifier import load as load_ngrams
from bot.coaching.evidence import Span, merged, occluded, origins, span_of
from bot.coaching.rubric import Rubric
from bot.nlp import blank_pipeline
from bot.yaml_data import DataError, Fields

log = logging.getLogger(__name__)

THRESHOLD = 0.5
# A flag wipes out a reply's skill credit, so the classifier alone must be surer of it.
FLAG_THRESHOLD = 0.65
# Shouted intensifiers inside an otherwise normal sentence ("I'm SO sorry you had to wait")
# read as sarcasm in a chat.
SARCASTIC_CAPS = re.compile(r"\b(SO|REALLY|VERY|TOTALLY|SUCH)\b")


@dataclass(frozen=True)
class Detection:
    skills: tuple[str, ...]
    flags: tuple[str, ...]
    rule_hits: frozenset[str]
    probabilities: Mapping[str, float]


class SkillDetector:
    """Loaded once per process; `detect` is cheap (a few milliseconds)."""

    def __init__(
        self,
        nlp: Language,
        phrases: Mapping[str, list[str]],
        rubric: Rubric,
        ngrams: Pipeline | None = None,
    ) -> None:
        self.nlp = nlp
        self.rubric = rubric
        self.classifier = NgramClassifier(ngrams) if ngrams is not None else None
        self.has_classifier = self.classifier is not None
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        with nlp.select_pipes(enable=["lemmatizer"]):
            for label, texts in phrases.items():
                self.matcher.add(label, list(nlp.pipe(t.lower() for t in texts)))

    @classmethod
    def load(cls, model_dir: Path, patterns_file: Path, rubric: Rubric) -> SkillDetector:
        if (model_dir / "meta.json").exists():
            nlp = spacy.load(model_dir)
        else:
            log.warning("No trained coach at %s (run `make train`); using rules only.", model_dir)
            nlp = blank_pipeline()
        ngrams = load_ngrams(model_dir) if model_dir.exists() else None
        return cls(nlp, load_patterns(patterns_file, rubric), rubric, ngrams)

    def detect(self, text: str) -> Detection:
        doc = self.nlp(text.lower())
        hits = {self.nlp.vocab.strings[match_id] for match_id, _, _ in self.matcher(doc)}
        if SARCASTIC_CAPS.search(text) and not text.isupper():
            hits.add("dismissive")
        probabilities = self._probabilities(doc)
        found = hits | {
            label
            for label, p in probabilities.items()
            if p >= (FLAG_THRESHOLD if label in self.rubric.flags else THRESHOLD)
        }
        flags = tuple(f for f in self.rubric.flags if f in found)
        # A reply that blames, hides behind policy or brushes the customer off earns no
        # skill credit: "sorry, rules are rules" is not an apology.
        skills = () if flags else tuple(s for s in self.rubric.skills if s in found)
        return Detection(skills, flags, frozenset(hits), probabilities)

    def _probabilities(self, doc: Doc) -> dict[str, float]:
        return self.classifier.probabilities(doc) if self.classifier is not None else {}

    def evidence(self, text: str, labels: Iterable[str]) -> dict[str, list[Span]]:
        """The words of `text` that showed each label, as spans of `text` itself.

        Separate from `detect` so the role-play pays for it only for the labels it keeps:
        phrase-rule matches where a rule fired, else the classifier's words by occlusion,
        else nothing (an empty list).
        """
        wanted = list(dict.fromkeys(labels))
        origin = origins(text)
        doc = self.nlp(text.lower())
        spans: dict[str, list[Span]] = {label: [] for label in wanted}
        for match_id, start, end in self.matcher(doc):
            label = self.nlp.vocab.strings[match_id]
            found = span_of(text, origin, doc[start:end].start_char, doc[start:end].end_char)
            if label in spans and found is not None:
                spans[label].append(found)
        if "dismissive" in spans and not text.isupper():
            spans["dismissive"] += [
                Span(m.start(), m.end(), m.group()) for m in SARCASTIC_CAPS.finditer(text)
            ]
        unexplained = [label for label in wanted if not spans[label]]
        if self.classifier is not None and unexplained:
            known = [label for label in unexplained if label in self.classifier.labels]
            for label, (start, end) in occluded(self.classifier, doc, known).items():
                found = span_of(text, origin, doc[start:end].start_char, doc[start:end].end_char)
                spans[label] = [found] if found is not None else []
        return {label: merged(found, text) for label, found in spans.items()}


def load_patterns(path: Path, rubric: Rubric) -> dict[str, list[str]]:
    root = Fields.of_file(path)
    unknown = [label for label in root.names() if label not in rubric.labels]
    if unknown:
        raise DataError(path, unknown[0], f"is not a rubric skill or flag ({rubric.labels})")
    return {label: root.texts(label) for label in root.names()}
