"""No secret is committed: `.env` is ignored, and no tracked file holds a credential.

The scanner looks for known credential formats and for long, random-looking values given
to names like *_TOKEN, *_SECRET, *_KEY or PASSWORD. Test fixtures use short or plainly
fake values, which it lets through.
"""

from __future__ import annotations

import math
import re
import secrets
import subprocess
from collections import Counter

from bot.settings import PROJECT_ROOT

KNOWN_FORMATS = [
    re.compile(r"xox[abposr]-\d{6,}-[0-9A-Za-z-]{8,}"),  # Slack
    re.compile(r"-----BEGIN [A-Z ]*PRIVATE KEY-----"),
    re.compile(r"AKIA[0-9A-Z]{16}"),  # AWS access key
    re.compile(r"gh[pousr]_[A-Za-z0-9]{36}"),  # GitHub
]
ASSIGNED = re.compile(
    r"(?i)(token|secret|key|password)\w*[\"']?\s*[=:]\s*[\"']?([A-Za-z0-9_\-+/]{24,})"
)
RANDOM_BITS_PER_CHAR = 4.0


def entropy(value: str) -> float:
    counts = Counter(value)
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def findings(text: str) -> list[str]:
    found = [m.group(0) for pattern in KNOWN_FORMATS for m in pattern.finditer(text)]
    found += [
        m.group(2) for m in ASSIGNED.finditer(text) if entropy(m.group(2)) >= RANDOM_BITS_PER_CHAR
    ]
    return found


def tracked_files() -> list[str]:
    listing = subprocess.run(
        ["git", "ls-files", "-z"], cwd=PROJECT_ROOT, capture_output=True, check=True
    )
    return [name for name in listing.stdout.decode().split("\0") if name]


def test_the_scanner_finds_a_real_looking_secret_and_passes_fakes() -> None:
    planted = secrets.token_urlsafe(32)
    assert findings(f"WEB_SECRET_KEY={planted}\n") == [planted]
    slack_like = "xoxb-" + "2" * 12 + "-" + "k" * 12  # built here, so this file holds none
    assert findings(f'SLACK_BOT_TOKEN: "{slack_like}"')
    assert not findings('TOKEN = "a-long-enough-test-token-123"\nRASA_AUTH_TOKEN=\n')


def test_no_tracked_file_holds_a_secret() -> None:
    leaks = {}
    for name in tracked_files():
        path = PROJECT_ROOT / name
        if name.endswith(("package-lock.json", "constraints.txt")) or not path.is_file():
            continue  # hashes and pins, not credentials
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if found := findings(text):
            leaks[name] = found
    assert leaks == {}


def test_env_files_and_databases_are_never_tracked() -> None:
    tracked = tracked_files()
    assert ".env" not in tracked and ".env.example" in tracked
    assert not [name for name in tracked if name.endswith((".db", ".sqlite", ".db-wal"))]
    ignored = subprocess.run(
        ["git", "check-ignore", ".env", "var/service_coach.db", "models/service-coach.tar.gz"],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert len(ignored.stdout.split()) == 3
