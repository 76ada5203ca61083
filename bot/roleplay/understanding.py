"""What an employee's reply does, as the customer hears it: its moves (greets, apologises,
asks about X, offers Y, promises vaguely, blames...), what it offers, which fact it asks for,
and whether it was meant for the customer at all.

Offline and cheap: spaCy's tokenizer and lookup lemmas, phrase matchers built once from
data/roleplay/understanding.yml, and the coach's own skill detection for the moves the rubric
already knows (an apology, empathy, a time). Plain Python, no Rasa.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc

from bot.roleplay.customer import SHARED_LINES, Customer, Need, acknowledgement_need
from bot.roleplay.labelled_readings import ANY_OFFER, OTHER_OFFER, UNKNOWN
from bot.roleplay.reader_model import LearnedReader
from bot.yaml_data import Fields

# Rubric skills and flags that are moves in their own right.
SKILL_MOVES = {
    "greeting": "greets", "apology": "apologises", "empathy": "empathises",
    "ownership": "owns",
}  # fmt: skip
# A time comes from the phrases in understanding.yml `times_now:` and `times_later:` and the
# reader, not from the coach's `timeliness`, which also credits "thanks for your patience".
FLAG_MOVES = {"blame": "blames", "policy_hiding": "explains_policy", "dismissive": "brushes_off"}
SECOND_PERSON = {"you", "your", "yours", "yourself", "u", "ur"}
CURRENCY = ["%", "percent", "euro", "euros", "dollar", "dollars", "pound", "pounds", "bucks"]
# "a fresh one off the shelf" takes nothing off: "one" is no amount.
AMOUNT = {"LIKE_NUM": True, "LOWER": {"NOT_IN": ["one"]}}
AMOUNT_OFF = [AMOUNT, {"LOWER": {"IN": CURRENCY}, "OP": "?"}, {"LOWER": "off"}]
# What the amount comes off ("20% off the alterations", "10% off a new drill for you"): up to
# three words after "off" and a determiner, to the first that starts something else.
DETERMINERS = {"the", "a", "an", "your", "ur", "this", "that", "my", "our", "any", "one"}
OBJECT_ENDS = {"and", "or", "but", "for", "if", "so", "then", "with", "plus", "as", "to", "now"}
OBJECT_WORDS = 3
# How sure the trained reader must be before the customer hears a label it alone found, and
# a fact it alone picked: chosen on the dev conversations.
SURE = 0.5
# "Would a partial refund help?" is for the customer: the reader must be surer it's for the coach.
LEARNED_SURE: dict[str, float] = {"to_coach": 0.8}
FACT_SURE = 0.4
FACT_LEANING = 0.25  # ...or leaning to it, when no word of the question names a fact
HEDGED_SURE = 0.7  # a phrase's offer beside a vague promise, as the reader weighs it
PHRASE_BACKED = 0.5  # a phrase's offer elsewhere: the reader must give it even odds
OFFER_GATE = 0.4  # below this the reader hears no offer at all, whatever the kinds say
VAGUE_BACKED = 0.1  # a phrase's promise the reader doesn't hear, in what it hears as an offer
VAGUE_NOT_QUESTION = 0.5  # a promise with a "?" that asks nothing: "I'll see what I can do?"
OTHER_OFFER_SURE = 0.6  # an offer the reader hears but cannot name
OTHER_KIND_SURE = 0.4  # ...or, past the offer gate, one it hears as of no listed kind
# ...and how sure, before the scenario's own kinds may name it ("it was the full ninety
# minutes" is no offer of any kind).
NAMING_SURE = 0.9
VAGUE_OFFER_SURE = 0.9  # an offer the reader alone found beside a vague promise
PROMISED_SURE = 0.6  # the kind a vague promise is about, as the reader hears it
WONDER_ASKS = 0.2  # below this a question asks nothing: "cud we maybe swap it?"
SECOND_KIND_SURE = 0.7  # a kind the reader alone hears beside another offer
PROMISE_MARGIN = 0.15  # a fix heard nearly as much as a promise as an offer is a promise
FLAG_BACKED = 0.25  # a coach's or phrase's flag is heard when the reader gives it this
TIME_BACKED = 0.25  # "it shouldn't be much longer now": a phrase's time the reader doesn't hear
BRUSH_EITHER = 0.45  # the reader's odds that a reply blames, hides or belittles, one way or another
COACH_SURE = 0.85  # "wait do i offer a reprint or refund here", "what would u say": for the coach
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
    fact_shares: dict[str, float] | None = None  # the trained reader's: fact (or UNKNOWN) -> p
    # For an offer of no kind the reader over every scenario can name: the scenario's own
    # kinds, kind -> p (bot/roleplay/reaction.py asks whether they add up to a need's fix).
    kind_shares: dict[str, float] | None = None
    # In a vague promise, the kinds the reader is sure it is about: "I'll ring you tomorrow"
    # promises a call, which the customer may refuse as they would the offer.
    promised: tuple[str, ...] = ()

    def asked_fact(self, customer: Customer) -> str | None:
        """The fact a question asks for: the trained reader's choice when it is sure; else,
        of the facts sharing words with the question, the one it likes best ("What time is
        your event?" shares "ready" with the promise, "event" with the gala, and reads as the
        gala). A question about the shop's side of things ("is it in our system?") is none
        the customer knows."""
        if not self.question:
            return None
        shares = self.fact_shares or {}
        best = max(shares, key=shares.__getitem__, default=None)
        if best is not None and shares[best] >= FACT_SURE:
            return None if best == UNKNOWN else best
        if self.about_the_shop:
            return None
        overlap = {f.id: len(f.about & self.lemmas) for f in customer.facts}
        most = max(overlap.values(), default=0)
        if most == 0:
            return _leaning({f: p for f, p in shares.items() if f in overlap or f == UNKNOWN})
        return max((f for f, n in overlap.items() if n > 0),
                   key=lambda f: (shares.get(f, 0.0), overlap[f]))  # fmt: skip


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
    learned: LearnedReader | None = None  # models/reader/, when `make train` has written it

    def read(
        self, text: str, skills: Iterable[str], flags: Iterable[str], scenario: str | None = None
    ) -> Reading:
        """The reply's moves, from the phrases and, when trained, the reader's n-grams; the
        scenario picks which of its facts a question asks for."""
        doc = self.nlp(text.lower())
        discounted = self._discounted(doc)
        hits = [(self.nlp.vocab.strings[m], start) for m, start, _ in self.matcher(doc)
                if not any(a <= start < b for a, b in discounted)]  # fmt: skip
        hits += [("offer:discount", start) for _, start, _ in self.amounts(doc)]
        found = {label for label, _ in hits}
        guess = self.learned.guess(text) if self.learned is not None else None
        learned = guess.probabilities if guess is not None else {}
        if discounted and self.learned is not None:
            learned = self._without_discounted(doc, discounted, learned)
        found |= {label for label, p in learned.items() if p >= LEARNED_SURE.get(label, SURE)}
        found |= _some_brush_off(learned, found)
        if learned.get("vague", 1.0) < VAGUE_BACKED and learned.get(ANY_OFFER, 0.0) >= SURE:
            found.discard("vague")  # "Let me check the stock room for a 9": an offer, as heard
        question = self._is_question(text, doc, learned) or "asks" in found
        hedged = "hedge" in found and not self._asks_for_facts(question, hits, learned)
        if hedged:  # "we might be able to swap it", "maybe I could remake it?"; but "could
            found.add("vague")  # you possibly tell me which milk?" only asks, politely
            question = False
        heard_as_promise = _promised(found, learned)
        if heard_as_promise:  # a fix heard nearly as much as a promise as an offer
            found.add("vague")
        offers = () if heard_as_promise else self._offers(hits, "vague" in found, learned, hedged)
        promised = self._promised_kinds(learned)
        if question and not offers and promised and learned.get("asks", 1.0) < WONDER_ASKS:
            found.add("vague")  # "cud we maybe swap it for another one?": no question to
            question = False  # answer, and no offer made yet
        sure_offer = offers == (OTHER_OFFER,) and learned.get(ANY_OFFER, 0.0) >= NAMING_SURE
        kinds = (
            self.learned.kind_offered(scenario, guess)
            if sure_offer and scenario and self.learned and guess
            else None
        )
        # Words as typed and as lemmas: a fact's `about` words may be either ("paid", "pay").
        lemmas = frozenset(w for t in doc if t.is_alpha for w in (t.lemma_, t.lower_))
        if self._is_nonsense(text, doc, "nonsense" in found):
            return Reading((), (), (), lemmas, False, False, True)
        brush = self._heard_flags(flags, found, learned)
        moves = self._moves(skills, brush, found, learned, bool(offers), question)
        # The phrases need a message that says no "you" to anyone; the reader, sure, does not:
        # in "coach is it bad to offer a discount this early? wat do u reckon", "u" is the coach.
        to_coach = learned.get("to_coach", 0.0) >= COACH_SURE or (
            not (lemmas & SECOND_PERSON)
            and ("coach_requests" in found or ("to_coach" in found and self._asks_form(text, doc)))
        )
        shop = bool(lemmas & self.shop_side) and not (lemmas & SECOND_PERSON)
        fact = (
            self.learned.facts_asked(scenario, guess)
            if question and scenario and self.learned and guess
            else None
        )
        return Reading(moves, offers, brush, lemmas, question, to_coach, False, shop, fact,
                       kinds, promised if "vague_promise" in moves else ())  # fmt: skip

    def _moves(
        self,
        skills: Iterable[str],
        brush: tuple[str, ...],
        found: set[str],
        learned: dict[str, float],
        offered: bool,
        question: bool,
    ) -> tuple[str, ...]:
        """The moves, in a fixed order: the rubric's, the brush-offs heard, the phrases', a
        time, a question, and an offer or else an empty promise."""
        moves = [SKILL_MOVES[s] for s in skills if s in SKILL_MOVES]
        moves += [FLAG_MOVES[f] for f in brush if f in FLAG_MOVES]
        moves += [move for move in ("refuses", "thanks", "closes") if move in found]
        now, later = (self._time(found, learned, when) for when in ("now", "later"))
        if (now or later) and (offered or "vague" not in found):
            moves.append("gives_time")  # "not long now" is no time
            if now:
                moves.append("gives_time_now")
        if question:
            moves.append("asks")
        if offered:
            moves.append("offers")
        elif "vague" in found:
            moves.append("vague_promise")
        return tuple(dict.fromkeys(moves))

    def _offers(
        self, hits: list[tuple[str, int]], vague: bool, learned: dict[str, float], hedged: bool
    ) -> tuple[str, ...]:
        """The offer kinds, phrased ones first in the order said, then those only the reader
        found. Beside a vague promise both must convince the reader more: in "I'll get someone
        to help you shortly" or "I'll see what I can do about a replacement" the customer hears
        the promise, not the offer."""
        phrased = _in_order(label[6:] for label, _ in sorted(hits, key=lambda h: h[1])
                            if label.startswith("offer:"))  # fmt: skip
        if learned.get(ANY_OFFER, 1.0) < OFFER_GATE:
            return ()  # "where did you see you can exchange in store?" offers nothing
        if hedged and not learned:
            return ()  # "we might be able to remake it": with phrases alone, not an offer
        if learned:
            backed = HEDGED_SURE if vague else PHRASE_BACKED
            phrased = tuple(o for o in phrased if learned.get(f"offer:{o}", 0.0) >= backed)
        sure = VAGUE_OFFER_SURE if vague else SURE
        offers = phrased + self._reader_kinds(learned, phrased, sure)
        if not offers and not vague and _other_offer(learned):
            return (OTHER_OFFER,)  # an offer of no kind the customer knows: it misses
        if vague and set(offers) <= self.soft_offers:
            return ()  # "I'll pass it on to the manager" promises, it does not fix
        return offers

    @staticmethod
    def _reader_kinds(
        learned: dict[str, float], phrased: tuple[str, ...], sure: float
    ) -> tuple[str, ...]:
        """The kinds only the reader found, most likely first. A second kind must be surer: in
        "I can pop it in a free gift box" the reader half hears a repair beside the gift."""
        kinds: list[str] = []
        for kind, p in _ranked_kinds(learned):
            if kind not in phrased and p >= (
                max(sure, SECOND_KIND_SURE) if phrased or kinds else sure
            ):
                kinds.append(kind)
        return tuple(kinds)

    def _promised_kinds(self, learned: dict[str, float]) -> tuple[str, ...]:
        """The fixes a promise (or a question that asks nothing) is about, most likely first:
        "we can send it off to be repaired" promises a repair. Passing it on, calling back and
        checking are what any promise says, and stay promises."""
        return tuple(k for k, p in _ranked_kinds(learned)
                     if p >= PROMISED_SURE and k not in self.soft_offers)  # fmt: skip

    def _discounted(self, doc: Doc) -> list[tuple[int, int]]:
        """Where the things an amount comes off are: "the alterations" in "20% off the
        alterations" is what is discounted, not a repair offered."""
        spans = []
        for _, _, end in self.amounts(doc):
            first = end + (end < len(doc) and doc[end].lower_ in DETERMINERS)
            last = first
            while (last < len(doc) and last - first < OBJECT_WORDS and doc[last].is_alpha
                   and doc[last].lower_ not in OBJECT_ENDS):  # fmt: skip
                last += 1
            if last > first:
                spans.append((first, last))
        return spans

    def _without_discounted(
        self, doc: Doc, discounted: list[tuple[int, int]], learned: dict[str, float]
    ) -> dict[str, float]:
        """The offer kinds as the reader hears the reply without what is discounted."""
        assert self.learned is not None
        kept = "".join(t.text_with_ws for t in doc if not any(a <= t.i < b for a, b in discounted))
        again = self.learned.probabilities(kept)
        kinds = {k: p for k, p in again.items() if k.startswith("offer:")}
        return {**learned, **kinds}

    @staticmethod
    def _time(found: set[str], learned: dict[str, float], when: str) -> bool:
        """A time the reader hears, or a phrase's time it gives some weight to."""
        if f"time:{when}" in found:
            return True
        return when in found and learned.get(f"time:{when}", 1.0) >= TIME_BACKED

    def _heard_flags(
        self, flags: Iterable[str], found: set[str], learned: dict[str, float]
    ) -> tuple[str, ...]:
        """The blame, policy or brush-off the customer hears: the coach's flags, the phrases'
        and the trained reader's; the first two only when the reader gives them some weight:
        the coach hears policy in "a free basket of bread while you decide", and a phrase
        hears blame in "you don't queue again" and in "you should have been told", which
        owns the mistake."""
        phrased = [f for f in FLAG_MOVES if f"flag:{f}" in found]
        candidates = list(dict.fromkeys([*flags, *phrased]))
        if self.learned is not None:
            candidates = [f for f in candidates if learned.get(f"brush:{f}", 0.0) >= FLAG_BACKED]
        heard = dict.fromkeys([*candidates, *(f for f in FLAG_MOVES if f"brush:{f}" in found)])
        promise = learned.get("vague", 0.0) if "vague" in found else 0.0
        # "It's coming, won't be long": a promise more than a brush-off, as the reader hears it.
        return tuple(f for f in heard if not learned or learned.get(f"brush:{f}", 0.0) >= promise)

    def _is_nonsense(self, text: str, doc: Doc, learned: bool) -> bool:
        """Nothing readable: no letters, a lone letter, a keyboard mash ("asdfgh"), only
        fillers ("lol ok", "hm k", "errr"), or what the trained reader hears as nonsense. A
        bare "ok" is a reply, a poor one, and is scored as one."""
        if sum(c.isalpha() for c in text) <= 1:
            return True
        words = [t.text for t in doc if t.is_alpha]
        if learned and not all(w in self.acknowledgements for w in words):
            return True
        if all(KEYBOARD_MASH.search(w) or len(w) == 1 for w in words):
            return True
        return any(w in self.fillers for w in words) and all(
            w in self.fillers or w in self.acknowledgements for w in words
        )

    @staticmethod
    def _asks_for_facts(
        question: bool, hits: list[tuple[str, int]], learned: dict[str, float]
    ) -> bool:
        """A question for information, not an offer put as one: the trained reader's `asks`
        (offers asked as questions are not labelled so), or with phrases alone a question
        naming no offer."""
        if learned:
            return learned.get("asks", 0.0) >= SURE
        return question and not any(label.startswith("offer:") for label, _ in hits)

    def _is_question(self, text: str, doc: Doc, learned: dict[str, float]) -> bool:
        """A question mark or a question word first; but "I'll look into it, ok?" is a
        promise and "have a look around" an invitation, as the trained reader hears them."""
        if learned.get("vague", 0.0) >= VAGUE_NOT_QUESTION and learned.get("asks", 1.0) < SURE:
            return False
        if "?" in text:
            return True
        if learned:
            return learned.get("asks", 0.0) >= SURE
        return self._asks_form(text, doc)

    def _asks_form(self, text: str, doc: Doc) -> bool:
        """Shaped like a question: a question mark, or a question word first."""
        words = [t.lower_ for t in doc if t.is_alpha]
        return "?" in text or bool(words and words[0] in self.question_words)


def offer_kinds(path: Path) -> frozenset[str]:
    """The offer kinds a scenario may name, without building the matchers."""
    return frozenset(Fields.of_file(path).sub("offers").names())


def load_understanding(
    path: Path, nlp: Language, learned: LearnedReader | None = None
) -> Understanding:
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
    for group, label in (("vague", "vague"), ("hedges", "hedge"), ("to_coach", "to_coach"),
                         ("refusals", "refuses"),
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
        learned=learned,
    )


def _some_brush_off(learned: dict[str, float], found: set[str]) -> set[str]:
    """ "These labs honestly, half the time it comes back like this": the reader can't say
    whether it blames, hides or belittles, but is fairly sure it does one of them. The
    likeliest is heard."""
    brush = {label: p for label, p in learned.items() if label.startswith("brush:")}
    if not brush or found & set(brush):
        return set()
    some = 1.0 - math.prod(1.0 - p for p in brush.values())
    return {max(brush, key=brush.__getitem__)} if some >= BRUSH_EITHER else set()


def _leaning(shares: dict[str, float]) -> str | None:
    """The fact the reader leans to when no word of the question names one ("what kind of
    thing are you hunting for?"), if it leans more to it than to none the customer knows."""
    facts = {f: p for f, p in shares.items() if f != UNKNOWN}
    best = max(facts, key=facts.__getitem__, default=None)
    if best is None or facts[best] < FACT_LEANING or facts[best] <= shares.get(UNKNOWN, 0.0):
        return None
    return best


def _other_offer(learned: dict[str, float]) -> bool:
    """An offer the reader hears but cannot name, or one it names as of no listed kind (the
    caller has already turned away what is under the offer gate)."""
    other = learned.get(f"offer:{OTHER_OFFER}", 0.0)
    return learned.get(ANY_OFFER, 0.0) >= OTHER_OFFER_SURE or other >= OTHER_KIND_SURE


def _ranked_kinds(learned: dict[str, float]) -> list[tuple[str, float]]:
    """The offer kinds the reader hears, most likely first."""
    kinds = [(label[6:], p) for label, p in learned.items() if label.startswith("offer:")]
    return sorted(kinds, key=lambda kp: (kp[1], kp[0]), reverse=True)


def _promised(found: set[str], learned: dict[str, float]) -> bool:
    """Some offer found, and the reader hears a promise nearly as much as any offer: "we'll
    reprint it, at some point in the coming weeks, once the schedule permits"."""
    return (
        bool(learned)
        and any(label.startswith("offer:") for label in found)
        and (learned.get("vague", 0.0) >= learned.get(ANY_OFFER, 0.0) - PROMISE_MARGIN)
    )


def _in_order(kinds: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(kinds))
