"""An NLU component after the intent classifier: a hint, help or stop intent stands only for
a message that really gives that command (bot/messages/commands.py); any other message the
classifier put there becomes a `roleplay_reply`, so in a role-play it reaches the customer.

config.yml names it after the classifier and before the fallback classifier.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot import paths
from bot.messages.commands import Commands, load_commands

REPLY_INTENT = "roleplay_reply"


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class CommandGate(GraphComponent, IntentClassifier):
    def __init__(self, commands: Commands) -> None:
        self.commands = commands

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> CommandGate:
        return cls(load_commands(paths.COMMANDS_FILE))

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            intent = message.get(INTENT) or {}
            name = intent.get(INTENT_NAME_KEY)
            if name and not self.commands.is_explicit(name, message.get(TEXT) or ""):
                self._make_reply(message, intent)
        return messages

    @staticmethod
    def _make_reply(message: Message, intent: dict[str, Any]) -> None:
        """The reply takes the command's place and confidence; the command leaves the
        ranking, so the fallback classifier sees no tie between the two."""
        gated = (intent.get(INTENT_NAME_KEY), REPLY_INTENT)
        reply = {**intent, INTENT_NAME_KEY: REPLY_INTENT}
        ranking = message.get(INTENT_RANKING_KEY) or []
        others = [r for r in ranking if r.get(INTENT_NAME_KEY) not in gated]
        message.set(INTENT, reply, add_to_output=True)
        message.set(INTENT_RANKING_KEY, [reply, *others], add_to_output=True)
