"""Every change Service Coach makes to Rasa's own code (and the libraries it runs on), in one
registry, installed by one call from the server entry points.

Rasa here is not stock Rasa. Each patch below replaces one function or class of Rasa 3.6.21
(or keeps a library from loading) and is either a `fix` (the bot behaves as a user needs:
never silent, sessions that do not grow) or a `speed` patch (the same behaviour, measured to
be faster; docs/performance.md). Importing this package, or any other module of the project,
patches nothing: only `install()` does, and only the Rasa server
(`bot/runtime/rasa_server.py`) and the action server (`bot/runtime/action_server.py`) call
it. `COACH_STOCK_RASA=1` skips the speed patches, so a bug or a figure can be checked against
Rasa's own code; the fixes stay, since without them the bot misbehaves.

A patch is written against one Rasa version's internals, so `install()` refuses any other:
upgrading Rasa means re-reading each patch against the new code, re-running its test in
tests/rasa/ and the stock-versus-patched comparison (tests/e2e/test_stock_rasa.py), then
changing `RASA_VERSION`.
"""

from __future__ import annotations

import importlib
import logging
from dataclasses import dataclass
from importlib.metadata import version
from typing import Literal

logger = logging.getLogger(__name__)

RASA_VERSION = "3.6.21"
Process = Literal["rasa", "actions"]
Kind = Literal["speed", "fix"]


class WrongRasaVersion(RuntimeError):
    """The installed Rasa is not the one the patches were written for."""


@dataclass(frozen=True)
class Patch:
    """One change to Rasa's behaviour or speed, as the registry lists it."""

    name: str  # its module in this package, which has an `install()`
    process: Process  # the server it is installed in
    kind: Kind
    replaces: str  # what of Rasa's (or a library's) it replaces
    why: str
    gain: str  # what it was measured to bring (docs/performance.md)


PATCHES: tuple[Patch, ...] = (
    # Import-time patches first: they must run before anything imports TensorFlow.
    Patch(
        "no_jax", "rasa", "speed", "import of jax by TensorFlow's TFLite helpers",
        "nothing in Rasa or our pipeline uses JAX",
        "about a tenth of the Rasa server's start",
    ),
    Patch(
        "no_tensorflow", "actions", "speed", "import of tensorflow by spaCy's thinc",
        "our blank spaCy pipelines never use TensorFlow",
        "action server ready in 3.5 s instead of 8.5, 182 MB instead of 543",
    ),
    Patch(
        "action_failsafe", "rasa", "fix", "rasa.core.actions.action.RemoteAction.run",
        "Rasa waits 5 min for a failing action server, then says nothing to the employee",
        "an 8 s deadline and a plain 'the coach is unavailable' answer; the practice is kept",
    ),
    Patch(
        "session_start", "rasa", "fix",
        "rasa.core.actions.action.ActionSessionStart._slot_set_events_from_tracker",
        "Rasa carries every SlotSet of the old session over, so each session began longer",
        "each role-play's turns cost the same in the tenth role-play as in the first",
    ),
    Patch(
        "schema_cache", "rasa", "speed", "jsonschema.validate",
        "Rasa re-checked its own response schema against the metaschema on every answer",
        "55% of the Rasa server's CPU under load",
    ),
    Patch(
        "event_types", "rasa", "speed", "rasa.shared.core.events.Event.resolve_by_type",
        "Rasa walked the whole Event class tree for every stored event it read",
        "16% of the Rasa server's CPU under load",
    ),
    Patch(
        "action_results", "rasa", "speed",
        "rasa.core.actions.action.RemoteAction._validate_action_result",
        "a full oneOf schema check of every answer from our own, token-protected action server",
        "a tenth of the Rasa server's CPU under load",
    ),
    Patch(
        "action_connections", "rasa", "speed", "rasa.utils.endpoints.EndpointConfig.session",
        "Rasa opened a new TCP connection for every action call",
        "6% of the Rasa server's CPU under load",
    ),
    Patch(
        "intent_features", "rasa", "speed",
        "rasa.nlu.classifiers.logistic_regression_classifier."
        "LogisticRegressionClassifier._create_X",
        "Rasa stacked an empty dense matrix onto every message's sparse features",
        "a tenth of the Rasa server's CPU per message",
    ),
    Patch(
        "graph_runner", "rasa", "speed", "rasa.core.processor.DaskGraphRunner",
        "Rasa rebuilt and scheduled a dask graph for every prediction of a graph that never "
        "changes",
        "a parse 4.35 -> 3.36 ms",
    ),
    Patch(
        "applied_events", "rasa", "speed",
        "rasa.shared.core.trackers.DialogueStateTracker.applied_events",
        "Rasa walked the whole session for every policy prediction",
        "a prediction at the debrief 1.20 -> 0.74 ms",
    ),
    Patch(
        "sparse_features", "rasa", "speed",
        "rasa.shared.nlu.training_data.features.Features._combine_sparse_features",
        "scipy's general block assembly for two side-by-side sparse matrices",
        "a parse 2.92 -> 2.33 ms",
    ),
    Patch(
        "heap_freeze", "rasa", "speed", "rasa.core.run.load_agent_on_start",
        "full garbage collections walked the 480,000 objects of the loaded model",
        "0.3-0.4 s pauses under load gone",
    ),
)  # fmt: skip


def check_rasa_version(installed: str | None = None) -> None:
    """Refuse to patch a Rasa whose internals the patches were not written against."""
    found = installed if installed is not None else version("rasa")
    if found != RASA_VERSION:
        raise WrongRasaVersion(
            f"Service Coach's patches of Rasa (bot/rasa/patches) were written for Rasa "
            f"{RASA_VERSION}, and Rasa {found} is installed. Run `make install` to get the "
            f"pinned version, or re-check every patch against Rasa {found} before changing "
            f"RASA_VERSION."
        )


def chosen(process: Process, stock: bool) -> list[Patch]:
    """The patches `install` applies in `process`: all of them, or only the fixes."""
    return [p for p in PATCHES if p.process == process and not (stock and p.kind == "speed")]


def install(process: Process, stock: bool = False) -> list[Patch]:
    """Apply the registry's patches for one server, once, and say which in the log."""
    check_rasa_version()
    patches = chosen(process, stock)
    for patch in patches:
        if patch.name not in _installed:
            importlib.import_module(f"{__name__}.{patch.name}").install()
            _installed.add(patch.name)
    skipped = [p.name for p in PATCHES if p.process == process and p not in patches]
    logger.info(
        "Rasa %s patched for the %s server: %s%s",
        RASA_VERSION,
        process,
        ", ".join(f"{p.name} ({p.kind})" for p in patches) or "nothing",
        f"; COACH_STOCK_RASA=1 skipped {', '.join(skipped)}" if skipped else "",
    )
    return patches


_installed: set[str] = set()
