"""Property-based: arbitrary text never breaks the scorer, the retriever or the data loaders.

Hypothesis generates the text (any Unicode, control characters, huge and empty strings),
so these find the inputs nobody thought to write down.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import paths
from bot.engine import CoachEngine
from bot.roleplay.scenarios import load_scenario
from bot.roleplay.understanding import offer_kinds
from bot.yaml_data import DataError

EXAMPLES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
any_text = st.text(max_size=3000)
# Values a trainer could mistype into a YAML field.
any_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=8,
)


@EXAMPLES
@given(text=any_text)
def test_any_reply_is_scored_in_range_and_the_customer_answers(
    engine: CoachEngine, text: str
) -> None:
    started = engine.start("latte", "frustrated", 1, "property-tester", "rest")
    replied = engine.reply(started.state, started.session_id, text)
    if replied.result is None:  # nonsense, or a question meant for the coach: nothing scored
        [asked] = replied.messages
        assert asked["text"].startswith("Jordan: ") or "buttons" in asked
        return
    feedback = replied.messages[0]["custom"]
    assert 0 <= feedback["score"] <= 100
    assert 0 <= feedback["mood"] <= 100
    assert set(feedback["skills"]) <= set(engine.content.rubric.skills)
    assert replied.messages[-1]["text"].startswith("Jordan: ")


@EXAMPLES
@given(text=any_text, kind=st.sampled_from(["tip", "story"]))
def test_any_question_gets_an_answer(engine: CoachEngine, text: str, kind: str) -> None:
    messages, memory = engine.share(kind, text, None, None)
    assert messages and all(m.get("text") or m.get("custom") for m in messages)
    assert isinstance(memory, dict)


@pytest.fixture(scope="module")
def scenario_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("scenarios")
    return Path(shutil.copy(paths.SCENARIOS_DIR / "latte.yml", folder / "latte.yml"))


FIELDS = ["id", "title", "source", "topics", "resolution_skills", "persona", "lines",
          "model_answer", "customer"]  # fmt: skip


@EXAMPLES
@given(field=st.sampled_from(FIELDS), value=any_value)
def test_a_mistyped_scenario_field_is_reported_by_file_and_field(
    engine: CoachEngine, scenario_copy: Path, field: str, value: object
) -> None:
    data = yaml.safe_load((paths.SCENARIOS_DIR / "latte.yml").read_text(encoding="utf-8"))
    data[field] = value
    scenario_copy.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    skills = tuple(engine.content.rubric.skills)
    try:
        load_scenario(scenario_copy, paths.SEEDS_DIR, skills, offer_kinds(paths.UNDERSTANDING_FILE))
    except DataError as error:
        assert str(scenario_copy) in str(error) and field in str(error)


@EXAMPLES
@given(raw=st.binary(max_size=500) | any_text.map(str.encode))
def test_a_corrupt_scenario_file_is_reported_not_crashed_on(
    engine: CoachEngine, scenario_copy: Path, raw: bytes
) -> None:
    scenario_copy.write_bytes(raw)
    with pytest.raises(DataError, match=str(scenario_copy)):
        load_scenario(
            scenario_copy, paths.SEEDS_DIR, tuple(engine.content.rubric.skills),
            offer_kinds(paths.UNDERSTANDING_FILE),
        )  # fmt: skip
