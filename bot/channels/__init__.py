"""Custom Rasa input channels. The one place in bot/ that imports Rasa, because a channel
is a Rasa class by definition.

Rasa imports this package when it loads credentials.yml, so this is also where the Rasa
server gets its fixes: a deadline and an honest answer when the action server fails
(action_failsafe), connections to the action server kept open (action_connections), its
answers checked for shape only (action_results), a schema checked once (schema_cache),
the intent classifier's input built without an empty stack (intent_features) and the
featurizers' outputs joined without scipy's block assembly (sparse_features), event
classes looked up in a table (event_types), the prediction graph run without dask
(graph_runner), a tracker's applied events carried forward (applied_events), SQLite
connections that do not sync on every commit (bot.store.database), and a session start
that carries each slot once (session_start). The tracker store (tracker_cache) and the
count-vector featurizer (sentence_counts) live here too, as endpoints.yml and config.yml
name them.
"""

from bot.channels import (
    action_connections,
    action_failsafe,
    action_results,
    applied_events,
    event_types,
    graph_runner,
    intent_features,
    schema_cache,
    session_start,
    sparse_features,
)
from bot.store.database import tune_sqlite_connections

schema_cache.install()
event_types.install()
action_failsafe.install()
action_results.install()
action_connections.install()
intent_features.install()
graph_runner.install()
applied_events.install()
session_start.install()
sparse_features.install()
tune_sqlite_connections()
