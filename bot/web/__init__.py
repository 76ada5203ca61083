"""The web app: the practice page and its embeddable chat widget (later: the trainer pages)."""
