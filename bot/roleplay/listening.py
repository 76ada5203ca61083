"""The coach hears what the customer heard: a fix counts as a `solution` only when it meets
this customer's need, and the tip speaks of the scenario ("Jordan needed the right drink;
a refund doesn't give them that"), not the same words every turn."""

from __future__ import annotations

from bot.roleplay.customer import Need
from bot.roleplay.difficulty import Difficulty
from bot.roleplay.reaction import Reaction
from bot.roleplay.scenarios import Scenario
from bot.roleplay.understanding import Understanding

SOLUTION = "solution"


def needs_of(
    scenario: Scenario, difficulty: Difficulty, understanding: Understanding
) -> tuple[Need, ...]:
    """What must be met to win this customer at this difficulty."""
    extra = (understanding.acknowledgement,) if difficulty.needs_acknowledgement else ()
    return (*extra, *scenario.customer.needs)


def judged_skills(skills: tuple[str, ...], reaction: Reaction) -> tuple[str, ...]:
    """`solution` when an offer met a need; never for an offer refused or an empty promise."""
    verdict = reaction.heard.verdict
    if reaction.heard.move == "offer" and verdict == "accepted":
        return skills if SOLUTION in skills else (*skills, SOLUTION)
    if verdict in ("rejected", "pushed_back") and reaction.heard.move != "brush_off":
        return tuple(s for s in skills if s != SOLUTION)
    return skills


def scenario_tip(
    tip: str,
    reaction: Reaction,
    scenario: Scenario,
    needs: tuple[Need, ...],
    understanding: Understanding,
) -> str:
    """The tip about what this reply missed for this customer, else the rubric's tip."""
    name = scenario.persona.name
    wanted = _labels(needs)
    heard = reaction.heard
    if heard.move == "offer" and heard.verdict == "rejected":
        offer = (
            understanding.offers[heard.what].label if heard.what in understanding.offers else "that"
        )
        return f"{name} needed {wanted}; {offer} doesn't give them that. Offer what fixes it."
    if heard.verdict == "pushed_back":
        return f"A promise is not a fix: say exactly what you'll do. {name} needs {wanted}."
    if heard.move == "repetition":
        return "You said that already. Move on: offer something concrete or ask what they need."
    if heard.move == "question" and heard.verdict == "answered":
        return f"Good question: {name} told you something you can use. Now act on it."
    if heard.move == "question":
        return f"{name} couldn't answer that. Ask about what they know: their order, their day."
    return tip


def _labels(needs: tuple[Need, ...]) -> str:
    labels = [n.label for n in needs]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]
