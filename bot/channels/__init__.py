"""Custom Rasa input channels. The one place in bot/ that imports Rasa, because a channel
is a Rasa class by definition."""
