"""What the servers load at start is kept out of full garbage collections, which had stalled
every conversation in flight for up to 0.4 s under load."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
import rasa.core.run

from bot.rasa.patches import heap_freeze
from bot.runtime import action_server
from bot.runtime.heap import freeze_long_lived
from tests.own_loop import run_on_own_loop


@pytest.fixture(autouse=True)
def thawed() -> Iterator[None]:
    gc.unfreeze()
    yield
    gc.unfreeze()


class Model:
    """Stands in for what a server loads at start."""


def tracked(thing: object) -> bool:
    return any(candidate is thing for candidate in gc.get_objects())


def test_what_is_alive_at_freezing_leaves_the_collected_generations() -> None:
    model = Model()
    assert tracked(model)
    freeze_long_lived()
    assert gc.get_freeze_count() > 0
    assert not tracked(model)
    later = Model()
    assert tracked(later), "what comes after is collected as usual"


def test_the_rasa_server_freezes_once_its_model_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    model = Model()

    async def load_agent_on_start(*_args: object) -> Model:
        assert gc.get_freeze_count() == 0, "nothing frozen before the model is in"
        return model

    monkeypatch.setattr(rasa.core.run, "load_agent_on_start", load_agent_on_start)
    heap_freeze.install()
    agent = run_on_own_loop(rasa.core.run.load_agent_on_start("models/x.tar.gz", None, None, None))
    assert agent is model
    assert gc.get_freeze_count() > 0 and not tracked(model)


def test_the_action_server_loads_the_engine_before_its_first_call_then_freezes(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import actions.coach_engine

    loaded: list[Model] = []
    monkeypatch.setattr(actions.coach_engine, "get_engine", lambda: loaded.append(Model()))
    run_on_own_loop(action_server.load_engine(None, None))  # type: ignore[arg-type]
    assert len(loaded) == 1
    assert not tracked(loaded[0])
