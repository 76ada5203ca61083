"""Everything of Service Coach that Rasa loads or that changes Rasa: the one place in `bot/`
that imports Rasa.

- `channels/`: the input channels credentials.yml names (socket.io, REST, Slack).
- `tracker_store.py`: the tracker store endpoints.yml names.
- `sentence_counts.py`: the NLU featurizer config.yml names.
- `patches/`: the registry of changes to Rasa's own code, installed only by the servers'
  entry points (`bot.rasa.patches.install`).

Importing any of these patches nothing; what a channel does with a message that needs no
Rasa (cleaning input, Slack blocks and commands) lives in `bot/messages/`.
"""
