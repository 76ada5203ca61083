"""Whether a reply says what spoils a fix ("ready by noon tomorrow" for a suit needed tonight),
or says it only to deny it ("tomorrow's no good, it's being finished now", "you won't have to
queue again", "instead of making you queue").

Plain text, no spaCy: a spoiler phrase is looked for in each clause of the reply, and a
denial close to it, in the same clause, takes it back, unless the denial makes the phrase
firmer ("not until tomorrow", "no later than Monday", "by Friday without fail").
"""

from __future__ import annotations

import re

CLAUSES = re.compile(r"[^.,;:!?()\u2014\u2013]+")
WORDS = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
DENIALS = {
    "no", "not", "never", "nothing", "without", "nope", "instead", "rather", "useless",
    "dont", "wont", "cant", "isnt", "doesnt", "didnt", "wouldnt", "shouldnt", "aint",
}  # fmt: skip
AFFIRMING = ("not until", "not before", "no later than", "without fail", "not till")
NEAR = 4  # words either side of the phrase


def says(text: str, phrases: tuple[str, ...]) -> bool:
    """Some phrase said, in some clause, and not only to deny it."""
    normal = text.lower().replace("\u2019", "'")
    for clause in CLAUSES.findall(normal):
        words = [_plain(w) for w in WORDS.findall(clause)]
        for phrase in phrases:
            wanted = [_plain(w) for w in phrase.split()]  # "tailor's been" as said
            for start in range(len(words) - len(wanted) + 1):
                end = start + len(wanted)
                if words[start:end] == wanted and not _denied(words, start, end):
                    return True
    return False


def _plain(word: str) -> str:
    """ "tomorrow's" is "tomorrow"; "don't" is "dont"."""
    word = word.removesuffix("'s")
    return word.replace("'", "") if word.endswith("n't") else word


def _denied(words: list[str], start: int, end: int) -> bool:
    around = " ".join(words[max(0, start - NEAR) : end + NEAR])
    if any(firm in around for firm in AFFIRMING):
        return False
    near = [*words[max(0, start - NEAR) : start], *words[end : end + NEAR]]
    return any(w in DENIALS for w in near) or "too late" in around
