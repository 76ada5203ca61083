"""How the customer reacts to a reply: to the most important thing in it.

In order: nonsense gets "Sorry, what?"; the same reply again gets "You said that already";
blame, a brush-off or a policy gets the customer's own angry answer, unless it comes with an
offer that misses, which is refused with the customer's reason; a fix with a detail that
spoils it ("by noon tomorrow") is refused with the customer's answer to that detail; a vague
promise is pushed back on, unless the reply also asks something; an offer that meets a need
is accepted by name, one that misses is refused with a reason; a question is answered when
the customer knows the fact, or turned back when they don't; a time for nothing yet ("2
mins!") is pushed back on. Anything else leaves the line to the mood (bot/roleplay/turn.py).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.lang.en.stop_words import STOP_WORDS

from bot.coaching.labelled_replies import normalised
from bot.roleplay.customer import Customer, Need, Spoiler
from bot.roleplay.labelled_readings import OTHER_OFFER
from bot.roleplay.understanding import Reading, Understanding

REPEAT_SIMILARITY = 0.9
REPEAT_SHARED_MEANING = 2  # words that carry the message, said again and nothing new
REPEAT_MOSTLY = 4  # or this many said again, and one new ("20 percent" after "20%")
# Words that stress a repeat rather than add to it ("like I said, ... tho", "don't worry"),
# and what is left of "I'll" or "don't" once the apostrophe goes.
EMPHASIS = {"tho", "though", "honestly", "totally", "really", "like", "said", "def",
            "definitely", "promise", "ok", "okay", "yes", "yeah", "oh", "worry", "don", "t",
            "s", "ll", "m", "re", "ve", "d", "dont", "mentioned", "again", "told"}  # fmt: skip
TIME_MOVES = {"gives_time", "gives_time_now"}
# A time with no fix named stands for whatever fix it is the time of ("itll def be ready
# tmrw"): spoilers that name no kinds spoil it.
TIMED = "time"
# What a promise with no fix can still do for a need: the sorry, the sympathy, the thanks.
HEARD_IN_A_PROMISE = {"apologises", "empathises", "thanks"}
KIND_SURE = 0.7  # an offer of no kind: how sure its scenario's kinds must be that it's a fix
# What each verdict means for the customer, in mood points before the difficulty's gain.
NEED_MET_BOOST = 30
REFUSED_COST = 8
PUSHED_BACK_COST = 6
REPEATED_COST = 8


@dataclass(frozen=True)
class Heard:
    """What the customer reacted to (the `customer_heard` payload field)."""

    move: str  # offer, question, vague_promise, repetition, brush_off, nonsense, reply
    what: str | None = None  # the offer kind, the fact, the flag
    verdict: str | None = None  # accepted, rejected, answered, unknown, pushed_back, noticed

    def to_dict(self) -> dict[str, str | None]:
        return {"move": self.move, "what": self.what, "verdict": self.verdict}


@dataclass(frozen=True)
class Reaction:
    heard: Heard
    line: str | None  # None: the mood picks the line
    newly_met: tuple[str, ...]  # need ids this reply met
    fact: str | None  # the fact the customer told
    mood_shift: int  # on top of the reply's score, before the difficulty's gain

    @property
    def scored(self) -> bool:
        """Nonsense is not a reply: nothing is scored and the customer just asks again."""
        return self.heard.move != "nonsense"


def react(
    reading: Reading,
    customer: Customer,
    needs: tuple[Need, ...],
    met: set[str],
    earlier: list[str],
    text: str,
    understanding: Understanding,
    seed: str,
) -> Reaction:
    """The customer's reaction to one reply, given what was met and said before."""

    def line(kind: str) -> str:
        return random.Random(f"{seed}:{kind}").choice(understanding.lines[kind])

    if reading.gibberish:
        return Reaction(Heard("nonsense"), line("confused"), (), None, 0)
    if _repeats(text, earlier):
        return Reaction(Heard("repetition", verdict="noticed"), line("repeated"), (), None,
                        -REPEATED_COST)  # fmt: skip
    offers = _named(reading, needs, met)
    offered = set(offers)
    related = [o for o in offers if any(o in n.met_by for n in needs)]
    brush = next((f for f in reading.brush_offs if f in customer.brush_off), None)
    if brush is None and not offers and not _timed_fix(reading, needs, met):
        brush = customer.brush_off_in(text)  # "we're slammed today", and nothing done about it
    # "Half price on a new one, that's the best I can do without a receipt": the offer that
    # misses is what they answer; a brush-off beside the right fix still stings first.
    if brush is not None and not (offers and not related):
        return Reaction(Heard("brush_off", brush, "rejected"), customer.brush_off[brush], (),
                        None, 0)  # fmt: skip
    moves = _moves_that_count(reading, offered, bool(related))
    done = offered | moves
    spoilt, spoiler = _spoilt(needs, met, text, done)
    if spoilt is None and not offers and TIME_MOVES & set(reading.moves):
        spoilt, spoiler = _spoilt(needs, met, text, {TIMED})
    newly = tuple(n.id for n in needs if n.id not in met and n is not spoilt and n.met_by & done)
    boost = NEED_MET_BOOST * len(newly)
    if spoilt is not None and spoiler is not None:  # "by noon tomorrow"
        what = next((o for o in related if o in spoilt.met_by), TIMED)
        return _refused(what, _with_accepted(needs, newly, spoiler.answer), newly)
    # "Let me look into it. When were you told?": the question is what they answer.
    promise = "vague_promise" in reading.moves and not reading.question
    # Only a sorry that meets the last need lets a promise through: "Sorry, I'll sort it".
    if promise and not (newly and {n.id for n in needs} <= met | set(newly)):
        return _to_promise(reading, customer, needs, met, text, newly, line("pushed_back"))
    if offers and not related:  # "A free tie, with our apologies": the sorry heard, the tie not
        reason = customer.refuses.get(offers[0]) or line("refused")
        return _refused(offers[0], _with_accepted(needs, newly, reason), newly)
    if newly and (related or not reading.question):
        meeting = [n for n in needs if n.id in newly]
        what = next((o for o in related if any(o in n.met_by for n in meeting)), None)
        return Reaction(Heard("offer" if what else "reply", what or newly[0], "accepted"),
                        _accepting(needs, newly), newly, None, boost)  # fmt: skip
    if related:  # offered again what was already agreed
        return Reaction(Heard("offer", related[0], "already_met"), line("already_met"), (),
                        None, 0)  # fmt: skip
    if reading.question:
        fact = reading.asked_fact(customer)
        if fact is None:
            return Reaction(Heard("question", None, "unknown"), line("dont_know"), newly, None,
                            boost)  # fmt: skip
        # "Sorry, which milk did you want?": the answer, and the apology heard too.
        answer = next(f.answer for f in customer.facts if f.id == fact)
        return Reaction(Heard("question", fact, "answered"), answer, newly, fact, boost)
    if TIME_MOVES & moves and not (met - {understanding.acknowledgement.id}):
        # "2 mins!" before anything is fixed: a time for what?
        return Reaction(Heard("vague_promise", TIMED, "pushed_back"), line("stalled"), (),
                        None, -PUSHED_BACK_COST)  # fmt: skip
    return Reaction(Heard("reply"), None, (), None, 0)


def _timed_fix(reading: Reading, needs: tuple[Need, ...], met: set[str]) -> bool:
    """A time given that meets an unmet need: "we're slammed, yours is out in a minute"."""
    timed = TIME_MOVES & set(reading.moves)
    return any(n.id not in met and n.met_by & timed for n in needs)


def _refused(what: str, said: str, newly: tuple[str, ...]) -> Reaction:
    """An offer refused, with whatever needs the same reply met (a sorry beside it)."""
    return Reaction(Heard("offer", what, "rejected"), said, newly, None,
                    NEED_MET_BOOST * len(newly) - REFUSED_COST)  # fmt: skip


def _with_accepted(needs: tuple[Need, ...], newly: tuple[str, ...], said: str) -> str:
    return f"{_accepting(needs, newly)} {said}" if newly else said


def _to_promise(
    reading: Reading,
    customer: Customer,
    needs: tuple[Need, ...],
    met: set[str],
    text: str,
    newly: tuple[str, ...],
    pushed_back: str,
) -> Reaction:
    """A promise with no fix yet: the answer to its catch ("send it off to be fixed, six
    weeks maybe"), the refusal of a fix that misses ("I'll ring you tomorrow": a call, however
    said), or else "Sort it out how?"."""
    caught, catch = _spoilt(needs, met, text, set(reading.promised))
    if caught is not None and catch is not None:
        return _refused(next(k for k in reading.promised if k in caught.met_by), catch.answer,
                        newly)  # fmt: skip
    refused = _refused_promise(reading, customer, needs)
    if refused is not None:
        return _refused(refused[0], _with_accepted(needs, newly, refused[1]), newly)
    return Reaction(Heard("vague_promise", verdict="pushed_back"), pushed_back, newly, None,
                    -PUSHED_BACK_COST)  # fmt: skip


def _refused_promise(
    reading: Reading, customer: Customer, needs: tuple[Need, ...]
) -> tuple[str, str] | None:
    """A promise of a fix that would miss every need, and the customer's reason to refuse it."""
    kinds = reading.promised
    if not kinds or any(k in n.met_by for k in kinds for n in needs):
        return None
    reason = customer.refuses.get(kinds[0])
    return (kinds[0], reason) if reason else None


def _moves_that_count(reading: Reading, offered: set[str], related: bool) -> set[str]:
    """The moves a need may be met by. A time goes with what is offered: "is it for this
    evening?" asks, and "a refund, right now" is quick but not what they need. In a promise
    with no fix ("Sorry, I'll sort it") only the apology is heard; its "I'll" owns nothing."""
    moves = set(reading.moves)
    # An offer of no kind the customer knows may be the fix in other words ("pulling your
    # order off the line myself, 60 secs"): its time stays, and may meet a need for speed.
    if (reading.question and not offered) or (offered - {OTHER_OFFER} and not related):
        moves -= TIME_MOVES
    if "vague_promise" in moves and not offered:
        moves &= HEARD_IN_A_PROMISE
    return moves


def _named(reading: Reading, needs: tuple[Need, ...], met: set[str]) -> tuple[str, ...]:
    """The offers made. One the reader could not name is named by this scenario's own kinds
    when those that fix an unmet need add up to seven in ten: the spa's "your usual therapist,
    next week, on us" is a treatment redone or a gift, either of which Ingrid wants."""
    shares = reading.kind_shares
    if reading.offers != (OTHER_OFFER,) or not shares:
        return reading.offers
    for need in needs:
        fixes = [k for k in need.met_by if k in shares]
        if need.id not in met and fixes and sum(shares[k] for k in fixes) >= KIND_SURE:
            return (max(fixes, key=shares.__getitem__),)
    return reading.offers


def _spoilt(
    needs: tuple[Need, ...], met: set[str], text: str, done: set[str]
) -> tuple[Need | None, Spoiler | None]:
    """The unmet need this reply would meet, but with a word that spoils it ("it'll be done
    by noon tomorrow"), and that word's spoiler; "tomorrow's no good, he's finishing it now"
    says the word to deny it."""
    for need in needs:
        fixes = (need.met_by | {TIMED}) & done
        spoiler = need.spoiler(fixes, text) if need.id not in met and fixes else None
        if spoiler is not None:
            return need, spoiler
    return None, None


def _accepting(needs: tuple[Need, ...], newly: tuple[str, ...]) -> str:
    return " ".join(n.accepted for n in needs if n.id in newly)


def _repeats(text: str, earlier: list[str]) -> bool:
    said = normalised(text)
    return bool(said) and any(_same(said, normalised(e)) for e in earlier)


def _same(said: str, before: str) -> bool:
    """Nearly the same letters, or nothing new that means something: "I'll pass it on to the
    team, don't worry" after "I'll pass it on to the team", or "Is the price, nine dollars,
    everybody pay the same" after "Yes, nine dollars, is the price. Everybody pay the same".
    A person hears nothing new; "a discount" after "a refund" is new."""
    if SequenceMatcher(None, said, before).ratio() >= REPEAT_SIMILARITY:
        return True
    now, then = _meaningful(said), _meaningful(before)
    new = len(now - then)
    shared = len(now & then)
    return (shared >= REPEAT_SHARED_MEANING and not new) or (shared >= REPEAT_MOSTLY and new <= 1)


def _meaningful(text: str) -> set[str]:
    """The words that carry the message: not "the", "I can", "tho" or "honestly"."""
    return {w for w in text.split() if w not in STOP_WORDS and w not in EMPHASIS}
