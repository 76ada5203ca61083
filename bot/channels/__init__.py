"""Custom Rasa input channels. The one place in bot/ that imports Rasa, because a channel
is a Rasa class by definition.

Rasa imports this package when it loads credentials.yml, so this is also where the Rasa
server gets its two performance fixes: a schema checked once (schema_cache) and SQLite
connections that do not sync on every commit (bot.store.database).
"""

from bot.channels import schema_cache
from bot.store.database import tune_sqlite_connections

schema_cache.install()
tune_sqlite_connections()
