"""What a role-played customer knows, needs and objects to, from each scenario's `customer:`
section, and the words every customer shares (data/roleplay/understanding.yml `lines:`).

The customer is won over by meeting their needs, not by any reply tagged `solution`: each need
lists the offers (kinds in `offers:`) or moves that meet it, and the customer refuses the offers
that miss it with a reason of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.roleplay.spoilers import says
from bot.yaml_data import DataError, Fields

# What a reply can do besides offering, as bot/roleplay/understanding.py reads it; a need may
# be met by one of these ("fast" by a time given, acknowledgement by an apology).
MOVES = (
    "greets", "apologises", "empathises", "owns", "gives_time", "gives_time_now", "asks", "offers",
    "vague_promise", "blames", "explains_policy", "brushes_off", "refuses", "thanks", "closes",
)  # fmt: skip
BRUSH_OFFS = ("blame", "policy_hiding", "dismissive")
SHARED_LINES = (
    "repeated", "confused", "dont_know", "pushed_back", "stalled", "refused", "already_met",
    "acknowledged",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    id: str
    about: frozenset[str]  # lemmas: a question using one of them asks for this fact
    answer: str


@dataclass(frozen=True)
class Spoiler:
    """Words that spoil a fix for this need ("tomorrow" for a suit needed tonight, "the same
    model" for a grinder whose design cracks), and what the customer says to them."""

    phrases: tuple[str, ...]  # lower case, matched as whole words
    answer: str
    kinds: frozenset[str] = frozenset()  # the fixes it spoils; none listed: every one

    def spoils_all(self, fixes: set[str]) -> bool:
        """A gift box spoils a freebie, not the free repairs offered beside it."""
        return not self.kinds or fixes <= self.kinds

    def spoils(self, text: str) -> bool:
        """Said, and not only to deny it ("tomorrow's no good")."""
        return says(text, self.phrases)


@dataclass(frozen=True)
class SetOff:
    """Words this customer hears as a brush-off even when the reader hears none: "I'll be with
    you when I can" to someone already ignored at the door, "we're slammed" at a slow counter
    (bot/roleplay/reaction.py lets an offer or a time given outweigh them)."""

    phrases: tuple[str, ...]  # lower case, matched as whole words, not when denied
    flag: str  # the brush-off it is (blame, policy_hiding, dismissive)

    def said_in(self, text: str) -> bool:
        return says(text, self.phrases)


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    met_by: frozenset[str]  # offer kinds and moves
    accepted: str
    spoiled_by: tuple[Spoiler, ...] = ()  # each with its own words and answer

    def spoiler(self, fixes: set[str], text: str) -> Spoiler | None:
        """The first spoiler the reply says that spoils every fix it offers for this need."""
        return next((s for s in self.spoiled_by if s.spoils_all(fixes) and s.spoils(text)), None)


@dataclass(frozen=True)
class Customer:
    facts: tuple[Fact, ...]
    needs: tuple[Need, ...]
    refuses: dict[str, str]  # offer kind -> the customer's reason
    brush_off: dict[str, str]  # flag -> the customer's answer
    set_off_by: tuple[SetOff, ...] = ()

    def brush_off_in(self, text: str) -> str | None:
        """The brush-off this customer hears in the reply's own words, if any."""
        return next((s.flag for s in self.set_off_by if s.said_in(text)), None)


def load_customer(fields: Fields, offer_kinds: frozenset[str]) -> Customer:
    """A scenario's `customer:` section; offers and moves must be ones the reader knows."""
    known = offer_kinds | set(MOVES)
    facts_fields, needs_fields = fields.sub("facts"), fields.sub("needs")
    refuses = fields.sub("refuses")
    unknown_offer = [kind for kind in refuses.names() if kind not in offer_kinds]
    if unknown_offer:
        raise DataError(fields.path, refuses.name(unknown_offer[0]), "is not an offer kind")
    brush = fields.sub("brush_off")
    return Customer(
        facts=tuple(_fact(facts_fields.sub(n), n) for n in facts_fields.names()),
        needs=tuple(_need(needs_fields.sub(n), n, known) for n in needs_fields.names()),
        refuses={kind: refuses.text(kind) for kind in refuses.names()},
        brush_off={flag: brush.text(flag) for flag in BRUSH_OFFS},
        set_off_by=tuple(_set_off(s) for s in fields.entries("set_off_by")),
    )


def _set_off(fields: Fields) -> SetOff:
    phrases = tuple(w.lower() for w in fields.texts("phrases"))
    return SetOff(phrases, fields.choice("heard_as", BRUSH_OFFS))


def _fact(fields: Fields, fact_id: str) -> Fact:
    about = frozenset(word.lower() for word in fields.texts("about"))
    return Fact(fact_id, about, fields.text("answer"))


def _need(fields: Fields, need_id: str, known: set[str] | frozenset[str]) -> Need:
    return Need(
        id=need_id,
        label=fields.text("label"),
        met_by=frozenset(fields.choices("met_by", known)),
        accepted=fields.text("accepted"),
        # One spoiler or several: a month's wait and the same necklace again spoil a return in
        # different ways, with different answers.
        spoiled_by=tuple(_spoiler(s, known) for s in fields.entries("spoiled_by")),
    )


def _spoiler(fields: Fields, known: set[str] | frozenset[str]) -> Spoiler:
    return Spoiler(
        tuple(w.lower() for w in fields.texts("phrases")),
        fields.text("answer"),
        frozenset(fields.choices("kinds", known, default=[])),
    )


def acknowledgement_need(fields: Fields) -> Need:
    """The extra need a furious customer has (understanding.yml `acknowledgement:`)."""
    return _need(fields, "acknowledged", set(MOVES))
