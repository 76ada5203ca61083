"""The one database: Rasa's tracker store and the coaching tables."""
