"""Custom Rasa input channels. The one place in bot/ that imports Rasa, because a channel
is a Rasa class by definition.

Rasa imports this package when it loads credentials.yml, so this is also where the Rasa
server gets its fixes: a deadline and an honest answer when the action server fails
(action_failsafe), its answers checked for shape only (action_results), a schema checked
once (schema_cache), event classes looked up in a table
(event_types) and SQLite connections that do not sync on every commit (bot.store.database).
The tracker store (tracker_cache) lives here too, as endpoints.yml names it.
"""

from bot.channels import action_failsafe, action_results, event_types, schema_cache
from bot.store.database import tune_sqlite_connections

schema_cache.install()
event_types.install()
action_failsafe.install()
action_results.install()
tune_sqlite_connections()
