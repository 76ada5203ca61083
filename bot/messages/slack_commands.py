"""The `/coach` slash command: what each subcommand means, as plain data."""

from __future__ import annotations

from dataclasses import dataclass

HELP = (
    "*Service Coach* in Slack:\n"
    "• `/coach tip <topic>`: a tip, e.g. `/coach tip refunds`\n"
    "• `/coach story [topic]`: a true story of great service\n"
    "• `/coach practice [scenario] [difficulty]`: a role-play in a direct message, "
    "e.g. `/coach practice latte furious`\n"
    "• `/coach progress`: how you're doing\n"
    "• `/coach link <code>`: practise here as yourself, with the code from the practice page\n"
    "• `/coach help`: this list\n"
    "Answers are shown only to you; add `share` at the end to post one to the channel.\n"
    "You can also message me directly, or mention me in a channel."
)
DIFFICULTIES = ("calm", "frustrated", "furious")


@dataclass(frozen=True)
class Command:
    kind: str  # tip, story, practice, progress, link, help
    topic: str = ""
    scenario: str | None = None
    difficulty: str | None = None
    share: bool = False
    unknown: str | None = None

    def message(self) -> str:
        """What the employee would have typed to the bot for the same answer."""
        if self.kind == "tip":
            return f"give me a tip about {self.topic}" if self.topic else "give me a tip"
        if self.kind == "story":
            return f"tell me a story about {self.topic}" if self.topic else "tell me a story"
        if self.kind == "progress":
            return "/show_progress"
        entities = {"scenario": self.scenario or "random"}
        if self.difficulty:
            entities["difficulty"] = self.difficulty
        pairs = ", ".join(f'"{k}": "{v}"' for k, v in entities.items())
        return f"/start_roleplay{{{pairs}}}"


def parse(text: str) -> Command:
    words = text.strip().split()
    share = bool(words) and words[-1].lower() == "share"
    if share:
        words = words[:-1]
    if not words:
        return Command("help")
    kind, rest = words[0].lower(), words[1:]
    if kind in ("tip", "tips"):
        return Command("tip", topic=" ".join(rest), share=share)
    if kind in ("story", "stories"):
        return Command("story", topic=" ".join(rest), share=share)
    if kind == "progress":
        return Command("progress", share=share)
    if kind in ("practice", "practise", "roleplay", "role-play"):
        difficulty = next((w.lower() for w in rest if w.lower() in DIFFICULTIES), None)
        scenario = "_".join(w.lower() for w in rest if w.lower() not in DIFFICULTIES) or None
        return Command("practice", scenario=scenario, difficulty=difficulty)
    if kind == "link" and len(rest) == 1:
        return Command("link", topic=rest[0])
    if kind == "help":
        return Command("help")
    return Command("help", unknown=words[0])
