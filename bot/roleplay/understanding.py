"""What an employee's reply does, as the customer hears it: its moves (greets, apologises,
asks about X, offers Y, promises vaguely, blames...), what it offers, which fact it asks for,
and whether it was meant for the customer at all.

Offline and cheap: spaCy's tokenizer and lookup lemmas, phrase matchers built once from
data/roleplay/understanding.yml, and the coach's own skill detection for the moves the rubric
already knows (an apology, empathy, a time). Plain Python, no Rasa.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot.roleplay.customer import SHARED_LINES, Customer, Need, acknowledgement_need
from bot.yaml_data import Fields

# Rubric skills and flags that are moves in their own right.
SKILL_MOVES = {
    "greeting": "greets", "apology": "apologises", "empathy": "empathises",
    "ownership": "owns",
}  # fmt: skip
# A time comes from the phrases in understanding.yml `times:` alone: the coach's `timeliness`
# also credits "thanks for your patience", which promises the customer nothing.
FLAG_MOVES = {"blame": "blames", "policy_hiding": "explains_policy", "dismissive": "brushes_off"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "u", "ur"}
CURRENCY = ["%", "percent", "euro", "euros", "dollar", "dollars", "pound", "pounds", "bucks"]
AMOUNT_OFF = [{"LIKE_NUM": True}, {"LOWER": {"IN": CURRENCY}, "OP": "?"}, {"LOWER": "off"}]
KEYBOARD_MASH = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}", re.IGNORECASE)


@dataclass(frozen=True)
class OfferKind:
    id: str
    label: str
    phrases: tuple[str, ...]


@dataclass(frozen=True)
class Reading:
    """One reply, understood."""

    moves: tuple[str, ...]
    offers: tuple[str, ...]  # offer kinds, in the order they appear
    brush_offs: tuple[str, ...]  # flags the customer hears (blame, policy_hiding, dismissive)
    lemmas: frozenset[str]
    question: bool
    to_coach: bool
    gibberish: bool
    about_the_shop: bool = False

    def asked_fact(self, customer: Customer) -> str | None:
        """The fact a question asks for: the one sharing most words with it. A question about
        the shop's side of things ("is it in our system?") is none the customer knows."""
        if not self.question or self.about_the_shop:
            return None
        scored = [(len(f.about & self.lemmas), f.id) for f in customer.facts]
        best = max(scored, default=(0, None))
        return best[1] if best[0] > 0 else None


@dataclass(frozen=True)
class Understanding:
    """The reader, built once: phrase matchers over lemmas, and the shared customer lines."""

    nlp: Language
    offers: dict[str, OfferKind]
    matcher: PhraseMatcher
    amounts: Matcher  # "5 euro off", "20% off": a discount
    question_words: frozenset[str]
    shop_side: frozenset[str]
    soft_offers: frozenset[str]
    fillers: frozenset[str]
    acknowledgements: frozenset[str]
    lines: dict[str, tuple[str, ...]]
    acknowledgement: Need
    phrases: tuple[str, ...]  # every phrase the matchers know (the leak test reads them)

    def read(self, text: str, skills: Iterable[str], flags: Iterable[str]) -> Reading:
        doc = self.nlp(text.lower())
        hits = [(self.nlp.vocab.strings[m], start) for m, start, _ in self.matcher(doc)]
        hits += [("offer:discount", start) for _, start, _ in self.amounts(doc)]
        found = {label for label, _ in hits}
        offers = _in_order(label[6:] for label, _ in sorted(hits, key=lambda h: h[1])
                           if label.startswith("offer:"))  # fmt: skip
        if "vague" in found and set(offers) <= self.soft_offers:
            offers = ()  # "I'll pass it on to the manager" promises, it does not fix
        # Words as typed and as lemmas: a fact's `about` words may be either ("paid", "pay").
        lemmas = frozenset(w for t in doc if t.is_alpha for w in (t.lemma_, t.lower_))
        if self._is_nonsense(text, doc):
            return Reading((), (), (), lemmas, False, False, True)
        question = self._is_question(text, doc)
        brush = tuple(dict.fromkeys([*flags, *(f for f in FLAG_MOVES if f"flag:{f}" in found)]))
        moves = [SKILL_MOVES[s] for s in skills if s in SKILL_MOVES]
        moves += [FLAG_MOVES[f] for f in brush if f in FLAG_MOVES]
        moves += [move for move in ("refuses", "thanks", "closes") if move in found]
        if ({"now", "later"} & found) and (offers or "vague" not in found):
            moves.append("gives_time")  # "not long now" is no time
            if "now" in found:
                moves.append("gives_time_now")
        if question:
            moves.append("asks")
        if offers:
            moves.append("offers")
        elif "vague" in found:
            moves.append("vague_promise")
        to_coach = not (lemmas & SECOND_PERSON) and (
            "coach_requests" in found or (question and "to_coach" in found)
        )
        moves_in_order = tuple(dict.fromkeys(moves))
        shop = bool(lemmas & self.shop_side) and not (lemmas & SECOND_PERSON)
        return Reading(moves_in_order, offers, brush, lemmas, question, to_coach, False, shop)

    def _is_nonsense(self, text: str, doc: Doc) -> bool:
        """Nothing readable: no letters, a lone letter, a keyboard mash ("asdfgh"), or only
        fillers ("lol ok", "hm k", "errr")."""
        if sum(c.isalpha() for c in text) <= 1:
            return True
        words = [t.text for t in doc if t.is_alpha]
        if all(KEYBOARD_MASH.search(w) or len(w) == 1 for w in words):
            return True
        return any(w in self.fillers for w in words) and all(
            w in self.fillers or w in self.acknowledgements for w in words
        )

    def _is_question(self, text: str, doc: Doc) -> bool:
        words = [t.lower_ for t in doc if t.is_alpha]
        return "?" in text or bool(words and words[0] in self.question_words)


def offer_kinds(path: Path) -> frozenset[str]:
    """The offer kinds a scenario may name, without building the matchers."""
    return frozenset(Fields.of_file(path).sub("offers").names())


def load_understanding(path: Path, nlp: Language) -> Understanding:
    root = Fields.of_file(path)
    offers_fields = root.sub("offers")
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    offers: dict[str, OfferKind] = {}
    known: list[str] = []

    def add(label: str, phrases: list[str]) -> None:
        known.extend(phrases)
        matcher.add(label, list(nlp.pipe(p.lower() for p in phrases)))

    for kind in offers_fields.names():
        entry = offers_fields.sub(kind)
        offers[kind] = OfferKind(kind, entry.text("label"), tuple(entry.texts("phrases")))
        add(f"offer:{kind}", entry.texts("phrases"))
    for group, label in (("vague", "vague"), ("to_coach", "to_coach"), ("refusals", "refuses"),
                         ("thanks", "thanks"), ("closes", "closes"), ("times_now", "now"),
                         ("times_later", "later"),
                         ("coach_requests", "coach_requests")):  # fmt: skip
        add(label, root.texts(group))
    brush_offs = root.sub("brush_offs")
    for flag in brush_offs.names():
        add(f"flag:{flag}", brush_offs.texts(flag))
    amounts = Matcher(nlp.vocab)
    amounts.add("amount_off", [AMOUNT_OFF])
    lines = root.sub("lines")
    return Understanding(
        nlp=nlp,
        offers=offers,
        matcher=matcher,
        amounts=amounts,
        question_words=frozenset(w.lower() for w in root.texts("question_words")),
        shop_side=frozenset(w.lower() for w in root.texts("shop_side")),
        soft_offers=frozenset(root.choices("soft_offers", offers)),
        fillers=frozenset(root.texts("fillers")),
        acknowledgements=frozenset(root.texts("acknowledgements")),
        lines={name: tuple(lines.texts(name)) for name in SHARED_LINES},
        acknowledgement=acknowledgement_need(root.sub("acknowledgement")),
        phrases=(*known, *root.texts("fillers")),
    )


def _in_order(kinds: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(kinds))
