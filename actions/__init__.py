"""Thin rasa-sdk actions: read the tracker, call the `bot` engine, dispatch the answer.

The action server (`python -m rasa_sdk --actions actions`) loads every module in this package.
"""
