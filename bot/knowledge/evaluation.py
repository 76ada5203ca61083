"""`make eval`: top-1 and top-3 accuracy of the retriever on held-out employee questions."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from bot import paths
from bot.knowledge.retriever import Retriever
from bot.yaml_data import Fields

QUERIES_FILE = paths.PROJECT_ROOT / "tests" / "knowledge" / "retrieval_queries.yml"
TARGET_TOP1 = 0.9


@dataclass(frozen=True)
class Query:
    kind: str
    text: str
    expected: str


@dataclass(frozen=True)
class RetrievalScore:
    queries: int
    top1: float
    top3: float
    misses: list[tuple[str, str, list[str]]]


def load_queries(path: Path = QUERIES_FILE) -> list[Query]:
    entries = Fields.of_file(path).items("queries")
    return [
        Query(e.choice("kind", ("tip", "story")), e.text("text"), e.text("expected"))
        for e in entries
    ]


def evaluate(retriever: Retriever, queries: list[Query]) -> RetrievalScore:
    top1 = top3 = 0
    misses = []
    for query in queries:
        ranked = [hit.id for hit in retriever.ranked(query.kind, query.text)[:3]]
        top1 += ranked[:1] == [query.expected]
        top3 += query.expected in ranked
        if ranked[:1] != [query.expected]:
            misses.append((query.text, query.expected, ranked))
    count = len(queries)
    return RetrievalScore(count, top1 / count, top3 / count, misses)


def report(score: RetrievalScore) -> str:
    lines = [
        f"Retriever on {score.queries} held-out questions (target top-1 >= {TARGET_TOP1}):",
        f"  top-1 accuracy {score.top1:.2f}   top-3 accuracy {score.top3:.2f}",
    ]
    lines += [f"  missed: {text!r} wanted {want}, got {got}" for text, want, got in score.misses]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    from bot.engine import load_content, load_retriever

    path = Path(argv[0]) if argv else QUERIES_FILE
    print(report(evaluate(load_retriever(load_content()), load_queries(path))))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
