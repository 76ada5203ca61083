"""The input channels credentials.yml names: Rasa's own, subclassed where the widget, the
REST clients and Slack need more (payloads, strict input, signatures, de-duplication)."""
