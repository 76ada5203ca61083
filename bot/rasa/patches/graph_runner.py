"""Rasa's prediction graph run node by node in an order worked out once.

Rasa 3.6 runs its graph through dask for every message, twice or more (parse, then each
action prediction): it rebuilds the minimal schema for the targets (walking the
dependencies anew), builds a dask graph, has dask order it and then schedules each node
through a queue. For a graph that never changes that was an eighth of the Rasa server's CPU
per message (docs/performance.md). Here the order for each set of targets is worked out on
first use and the nodes are called in it, with the same arguments dask would pass them: each
parent's `(name, output)` pair, or the bare name of a parent that is neither a node nor an
input.
"""

from __future__ import annotations

from typing import Any

import rasa.core.processor
from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class OrderedGraphRunner(DaskGraphRunner):
    """The dask runner's nodes and checks, without dask at prediction time."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._orders: dict[tuple[str, ...], list[str]] = {}

    def run(
        self, inputs: dict[str, Any] | None = None, targets: list[str] | None = None
    ) -> dict[str, Any]:
        run_targets = list(targets) if targets else self._graph_schema.target_names
        results: dict[str, Any] = {}
        for name, value in (inputs or {}).items():
            if name in self._graph_schema.nodes:
                raise GraphRunError(
                    f"Input value '{name}' clashes with a node name. Make sure "
                    f"that none of the input names passed to the `run` method are the "
                    f"same as node names in the graph schema."
                )
            results[name] = (name, value)
        try:
            for name in self._order(tuple(run_targets)):
                needs = self._graph_schema.nodes[name].needs.values()
                results[name] = self._instantiated_nodes[name](
                    *(results.get(parent, parent) for parent in needs)
                )
        except RuntimeError as error:
            raise GraphRunError("Error running runner.") from error
        return dict(results[target] for target in run_targets)

    def _order(self, targets: tuple[str, ...]) -> list[str]:
        """Every node the targets depend on, each after its parents, worked out once."""
        if targets not in self._orders:
            self._orders[targets] = self._parents_first(targets)
        return self._orders[targets]

    def _parents_first(self, targets: tuple[str, ...]) -> list[str]:
        nodes = self._graph_schema.nodes
        order: list[str] = []
        placed: set[str] = set()

        def place(name: str) -> None:
            if name in placed or name not in nodes:
                return
            placed.add(name)
            for parent in nodes[name].needs.values():
                place(parent)
            order.append(name)

        for target in targets:
            place(target)
        return order


def install() -> None:
    """Rasa's processor loads every model with this runner from now on."""
    rasa.core.processor.DaskGraphRunner = OrderedGraphRunner  # type: ignore[misc]
