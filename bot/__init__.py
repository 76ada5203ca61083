"""Service Coach: the coaching engine and its web parts. Nothing in here imports Rasa."""
