"""`python -m bot.coaching.corrections export` (`make corrections`): trainers' corrections
become labelled training data, in data/coaching/replies/corrections.yml.

Each corrected reply is written once, with its role-play's scenario and its labels after the
corrections (the coach's, plus what trainers added, minus what they removed); when two
corrected replies say the same text, the one corrected last is kept. A text that is also a
held-out or dev reply is left out, so `make eval` still measures on replies the coach never
learned. The loader lets this file's labels replace a reply with the same text elsewhere in
the folder (bot/coaching/labelled_replies.py). Review the diff and commit the file; `make
train` then trains on it. Never run on CI: it reads the trainers' database.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from bot import paths
from bot.coaching.labelled_replies import CORRECTIONS_FILE, load_labelled_replies, normalised
from bot.coaching.rubric import Rubric, load_rubric
from bot.settings import SettingsError, load_settings
from bot.store.corrections import Corrected, all_corrected
from bot.store.database import make_engine

Entry = dict[str, Any]  # text, scenario, skills, flags

HEADER = (
    "# Trainers' corrections of the coach's labels, written by\n"
    "# `python -m bot.coaching.corrections export` (make corrections): review, then commit.\n"
    "# Each reply names its scenario; these labels replace those of the same text elsewhere.\n"
)


def entries(
    corrected: Iterable[tuple[str, Corrected]], rubric: Rubric, unseen: set[str] | None = None
) -> list[Entry]:
    """One entry per text, from (scenario, corrected reply) pairs: the latest correction
    wins; texts in `unseen` (held-out and dev replies, normalised) are left out."""
    latest: dict[str, tuple[datetime, Entry]] = {}
    for scenario, fixed in corrected:
        key = normalised(fixed.turn.reply)
        if key in (unseen or set()):
            continue
        when = max(c.at for c in fixed.changes)
        if key not in latest or latest[key][0] <= when:
            latest[key] = (when, _entry(scenario, fixed, rubric))
    return sorted((e for _, e in latest.values()), key=lambda e: (e["scenario"], e["text"]))


def _entry(scenario: str, fixed: Corrected, rubric: Rubric) -> Entry:
    skills, flags = fixed.split(rubric)
    return {
        "text": fixed.turn.reply.strip(),
        "scenario": scenario,
        "skills": [s for s in skills if s in rubric.skills],
        "flags": [f for f in flags if f in rubric.flags],
    }


def as_yaml(replies: Sequence[Entry]) -> str:
    """The format of the other files in data/coaching/replies/: one flow mapping a line."""
    lines = [
        "  - " + yaml.safe_dump(r, default_flow_style=True, sort_keys=False, width=10**6).strip()
        for r in replies
    ]
    return HEADER + "replies:\n" + "\n".join(lines) + "\n"


def unseen_texts(rubric: Rubric) -> set[str]:
    """The held-out and dev replies' texts: training on them would flatter `make eval`."""
    folders = (paths.HELD_OUT_REPLIES_DIR, paths.DEV_REPLIES_DIR)
    return {normalised(r.text) for f in folders for r in load_labelled_replies(f, rubric)}


def export(db_url: str, out: Path, rubric: Rubric) -> int:
    """Write `out` from the database; the number of replies written (0 writes nothing)."""
    with Session(make_engine(db_url), future=True) as db:
        pairs = [(session.scenario, fixed) for session, fixed in all_corrected(db)]
    replies = entries(pairs, rubric, unseen_texts(rubric))
    if replies:
        out.write_text(as_yaml(replies), encoding="utf-8")
    return len(replies)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.coaching.corrections")
    commands = parser.add_subparsers(dest="command", required=True)
    command = commands.add_parser("export", help="write corrected replies as training data")
    command.add_argument("--db-url", help="the database (default: DB_URL from the settings)")
    command.add_argument("--out", type=Path, default=paths.LABELLED_REPLIES_DIR / CORRECTIONS_FILE)
    args = parser.parse_args(argv)
    try:
        db_url = args.db_url or load_settings().db_url
    except SettingsError as error:
        print(f"Cannot read the settings: {error}", file=sys.stderr)
        return 2
    try:
        written = export(db_url, args.out, load_rubric(paths.RUBRIC_FILE))
    except DBAPIError as error:
        print(f"Cannot read corrections from {db_url}: {error.orig}", file=sys.stderr)
        print("Is DB_URL the trainers' database, at the newest schema (python -m bot.store)?",
              file=sys.stderr)  # fmt: skip
        return 1
    if not written:
        print("No corrected replies yet: nothing written.")
        return 0
    print(f"Wrote {written} corrected replies to {args.out}: review the diff, commit, make train.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
