"""Where the product's content and trained components live, relative to the project."""

from __future__ import annotations

from bot.settings import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"
SEEDS_DIR = PROJECT_ROOT / "seeds"
SCENARIOS_DIR = DATA_DIR / "scenarios"
COACHING_DIR = DATA_DIR / "coaching"
RUBRIC_FILE = COACHING_DIR / "rubric.yml"
DIFFICULTIES_FILE = COACHING_DIR / "difficulties.yml"
PATTERNS_FILE = COACHING_DIR / "patterns.yml"
LABELLED_REPLIES_DIR = COACHING_DIR / "replies"
DEV_REPLIES_DIR = COACHING_DIR / "dev_replies"
HELD_OUT_REPLIES_DIR = PROJECT_ROOT / "tests" / "coaching" / "heldout_replies"
ANECDOTES_FILE = DATA_DIR / "anecdotes.yml"
TIPS_FILE = DATA_DIR / "tips.yml"
SYNONYMS_FILE = DATA_DIR / "synonyms.yml"
UNDERSTANDING_FILE = DATA_DIR / "roleplay" / "understanding.yml"
COMMANDS_FILE = DATA_DIR / "roleplay" / "commands.yml"
COACH_MODEL_DIR = PROJECT_ROOT / "models" / "coach"
READER_MODEL_DIR = PROJECT_ROOT / "models" / "reader"
READINGS_DIR = DATA_DIR / "roleplay" / "readings"
