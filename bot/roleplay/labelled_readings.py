"""Employee replies labelled with what the customer should hear in them: the offers made, a
vague promise, the fact asked for, a time, a brush-off, a question for the coach, nonsense.

The customer's trained reader (bot/roleplay/reader_model.py) learns from every file in
data/roleplay/readings/, one per scenario, written blind from the scenarios alone by helpers
who never saw the phrase rules or the conversation sets. The dev conversations tune how the
reader's guesses are used; the held-out conversations measure it (`make eval`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bot.yaml_data import DataError, Fields

TIMES = ("now", "later")
BRUSH_OFFS = ("blame", "policy_hiding", "dismissive")
UNKNOWN = "unknown"  # a question the customer cannot answer
ANY_OFFER = "offer"  # some offer, of whatever kind: "sign up to my newsletter" is one too
OTHER_OFFER = "other"  # an offer of no kind the customer knows by name: it misses


@dataclass(frozen=True)
class LabelledReading:
    text: str
    scenario: str
    labels: frozenset[
        str
    ]  # offer, offer:<kind>, vague, asks, time:<when>, brush:<flag>, to_coach, nonsense
    asks: str | None  # the fact id asked for, UNKNOWN, or None for no question to the customer


def reading_labels(offer_kinds: Iterable[str]) -> tuple[str, ...]:
    """Every label the reader's classifier learns, in a fixed order."""
    return (
        ANY_OFFER, *(f"offer:{kind}" for kind in sorted({*offer_kinds, OTHER_OFFER})),
        "vague", "asks", *(f"time:{t}" for t in TIMES), *(f"brush:{b}" for b in BRUSH_OFFS),
        "to_coach", "nonsense",
    )  # fmt: skip


def load_labelled_readings(
    folder: Path, facts: dict[str, frozenset[str]], offer_kinds: frozenset[str]
) -> list[LabelledReading]:
    """Every file in the folder; `facts` maps each scenario id to its fact ids."""
    files = sorted(folder.glob("*.yml"))
    if not files:
        raise DataError(folder, "(folder)", "holds no labelled reading files (*.yml)")
    return [r for path in files for r in _readings(path, facts, offer_kinds)]


def _readings(
    path: Path, facts: dict[str, frozenset[str]], offer_kinds: frozenset[str]
) -> list[LabelledReading]:
    root = Fields.of_file(path)
    scenario = root.choice("scenario", facts)
    return [_reading(entry, scenario, facts[scenario], offer_kinds)
            for entry in root.items("replies")]  # fmt: skip


def _reading(
    entry: Fields, scenario: str, facts: frozenset[str], offer_kinds: frozenset[str]
) -> LabelledReading:
    kinds = entry.choices("offers", {*offer_kinds, OTHER_OFFER}, default=[])
    labels = {f"offer:{k}" for k in kinds}
    if labels:
        labels.add(ANY_OFFER)
    asks = entry.choice("asks", {*facts, UNKNOWN}) if entry.data.get("asks") else None
    if asks:
        labels.add("asks")
    if entry.data.get("time"):
        labels.add(f"time:{entry.choice('time', TIMES)}")
    if entry.data.get("brush_off"):
        labels.add(f"brush:{entry.choice('brush_off', BRUSH_OFFS)}")
    for flag in ("vague", "to_coach", "nonsense"):
        value = entry.data.get(flag, False)
        if not isinstance(value, bool):
            raise DataError(entry.path, entry.name(flag), "must be true or false")
        if value:
            labels.add(flag)
    return LabelledReading(entry.text("text"), scenario, frozenset(labels), asks)
