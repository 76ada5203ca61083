"""What a role-played customer knows, needs and objects to, from each scenario's `customer:`
section, and the words every customer shares (data/roleplay/understanding.yml `lines:`).

The customer is won over by meeting their needs, not by any reply tagged `solution`: each need
lists the offers (kinds in `offers:`) or moves that meet it, and the customer refuses the offers
that miss it with a reason of their own.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.yaml_data import DataError, Fields

# What a reply can do besides offering, as bot/roleplay/understanding.py reads it; a need may
# be met by one of these ("fast" by a time given, acknowledgement by an apology).
MOVES = (
    "greets", "apologises", "empathises", "owns", "gives_time", "gives_time_now", "asks", "offers",
    "vague_promise", "blames", "explains_policy", "brushes_off", "refuses", "thanks", "closes",
)  # fmt: skip
BRUSH_OFFS = ("blame", "policy_hiding", "dismissive")
SHARED_LINES = (
    "repeated", "confused", "dont_know", "pushed_back", "refused", "already_met", "acknowledged",
)  # fmt: skip


@dataclass(frozen=True)
class Fact:
    id: str
    about: frozenset[str]  # lemmas: a question using one of them asks for this fact
    answer: str


@dataclass(frozen=True)
class TooLate:
    """When a need has a deadline: words in a reply that put its fix past it ("tomorrow" for
    a suit needed tonight), and what the customer says to that."""

    words: frozenset[str]
    answer: str


@dataclass(frozen=True)
class Need:
    id: str
    label: str
    met_by: frozenset[str]  # offer kinds and moves
    accepted: str
    too_late: TooLate | None = None


@dataclass(frozen=True)
class Customer:
    facts: tuple[Fact, ...]
    needs: tuple[Need, ...]
    refuses: dict[str, str]  # offer kind -> the customer's reason
    brush_off: dict[str, str]  # flag -> the customer's answer


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
    )


def _fact(fields: Fields, fact_id: str) -> Fact:
    about = frozenset(word.lower() for word in fields.texts("about"))
    return Fact(fact_id, about, fields.text("answer"))


def _need(fields: Fields, need_id: str, known: set[str] | frozenset[str]) -> Need:
    late = fields.sub("too_late") if fields.data.get("too_late") is not None else None
    return Need(
        id=need_id,
        label=fields.text("label"),
        met_by=frozenset(fields.choices("met_by", known)),
        accepted=fields.text("accepted"),
        too_late=late
        and TooLate(frozenset(w.lower() for w in late.texts("words")), late.text("answer")),
    )


def acknowledgement_need(fields: Fields) -> Need:
    """The extra need a furious customer has (understanding.yml `acknowledgement:`)."""
    return _need(fields, "acknowledged", set(MOVES))
