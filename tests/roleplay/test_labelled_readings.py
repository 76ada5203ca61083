"""The customer's reader learns from labelled replies (data/roleplay/readings/): every file
loads, a broken one is named by file and field, and what it learns carries over to wordings
and scenarios it never saw."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from spacy.matcher import PhraseMatcher

from bot import paths
from bot.engine import Content
from bot.nlp import blank_pipeline
from bot.roleplay.labelled_readings import (
    ANY_OFFER,
    LabelledReading,
    load_labelled_readings,
    reading_labels,
)
from bot.roleplay.reader_model import train_reader
from bot.roleplay.understanding import offer_kinds
from bot.yaml_data import DataError


def facts_of(content: Content) -> dict[str, frozenset[str]]:
    return {s.id: frozenset(f.id for f in s.customer.facts) for s in content.scenarios.values()}


KINDS = offer_kinds(paths.UNDERSTANDING_FILE)


@pytest.fixture(scope="module")
def readings(content: Content) -> list[LabelledReading]:
    return load_labelled_readings(paths.READINGS_DIR, facts_of(content), KINDS)


def test_every_scenario_has_labelled_replies_of_each_kind(readings, content) -> None:
    for scenario in content.scenarios:
        mine = [r for r in readings if r.scenario == scenario]
        labels = {label for r in mine for label in r.labels}
        assert {ANY_OFFER, "vague", "asks", "to_coach", "nonsense"} <= labels, scenario
        assert {r.asks for r in mine if r.asks} >= facts_of(content)[scenario], scenario


@pytest.mark.parametrize(
    ("entry", "field", "problem"),
    [
        ({"text": "A free pony?", "offers": ["pony"]}, "replies[0].offers", "unknown pony"),
        ({"text": "Which size?", "asks": "shoe_size"}, "replies[0].asks", "must be one of"),
        ({"text": "Leave it with me", "vague": "yes"}, "replies[0].vague", "true or false"),
        ({"text": "Sorry", "time": "soonish"}, "replies[0].time", "must be one of"),
        ({"offers": ["remake"]}, "replies[0].text", "is missing"),
    ],
)
def test_a_broken_reading_names_its_file_and_field(
    tmp_path: Path, content, entry, field, problem
) -> None:
    broken = tmp_path / "latte.yml"
    broken.write_text(yaml.safe_dump({"scenario": "latte", "replies": [entry]}))
    with pytest.raises(DataError) as error:
        load_labelled_readings(tmp_path, facts_of(content), KINDS)
    assert error.value.path == broken and error.value.field == field
    assert problem in error.value.problem


def test_an_unknown_scenario_is_named(tmp_path: Path, content) -> None:
    (tmp_path / "x.yml").write_text(
        yaml.safe_dump({"scenario": "nowhere", "replies": [{"text": "hi"}]})
    )
    with pytest.raises(DataError, match="scenario"):
        load_labelled_readings(tmp_path, facts_of(content), KINDS)


def test_what_the_reader_learns_carries_over_to_a_scenario_it_never_saw(readings) -> None:
    """Trained without the latte's replies, it still hears most of the latte's offers, empty
    promises and questions: the n-grams learn how staff offer, not one scenario's words."""
    trained = train_reader(
        [r for r in readings if r.scenario != "latte"], reading_labels(KINDS), {}
    )
    unseen = [r for r in readings if r.scenario == "latte"]
    for label, floor in ((ANY_OFFER, 0.8), ("vague", 0.6), ("asks", 0.8)):
        shown = [r for r in unseen if label in r.labels]
        heard = [r for r in shown if trained.probabilities(r.text)[label] >= 0.5]
        false = [r for r in unseen if label not in r.labels
                 and trained.probabilities(r.text)[label] >= 0.5]  # fmt: skip
        assert len(heard) / len(shown) >= floor, (label, len(heard), len(shown))
        assert len(false) <= len(unseen) // 10, (label, [r.text for r in false])


def test_each_hedge_marks_a_promise_in_the_labelled_readings(readings) -> None:
    """A hedge (understanding.yml `hedges:`) turns a fix into a promise whatever else is said,
    so each must be one the labelled replies confirm: used in at least five, a vague promise
    in at least 85 of 100 of them, an offer in at most one in ten."""
    nlp = blank_pipeline()
    docs = list(nlp.pipe(r.text.lower() for r in readings))
    for hedge in yaml.safe_load(paths.UNDERSTANDING_FILE.read_text(encoding="utf-8"))["hedges"]:
        matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        matcher.add(hedge, [nlp(hedge.lower())])
        using = [r for r, doc in zip(readings, docs, strict=True) if matcher(doc)]
        vague = sum("vague" in r.labels for r in using)
        offers = sum(ANY_OFFER in r.labels for r in using)
        assert len(using) >= 5, (hedge, len(using))
        assert vague >= 0.85 * len(using) and offers <= 0.1 * len(using), (hedge, vague, offers)
