"""What the channels do with messages that needs no Rasa: inbound text cleaning, our
payloads as Slack Block Kit, the `/coach` command's grammar. Safe to import anywhere."""
