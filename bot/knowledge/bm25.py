"""Okapi BM25 over pre-analysed terms: the ranking function behind the retriever."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

K1 = 1.2
B = 0.75


class BM25Index:
    """Documents are lists of terms; queries are terms with weights."""

    def __init__(self, documents: Sequence[Sequence[str]]) -> None:
        self.counts = [Counter(doc) for doc in documents]
        self.lengths = [len(doc) for doc in documents]
        self.average = sum(self.lengths) / len(self.lengths) if self.lengths else 0.0
        frequency: Counter[str] = Counter()
        for counts in self.counts:
            frequency.update(counts.keys())
        total = len(documents)
        self.idf = {t: math.log(1 + (total - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}

    def score(self, query: Mapping[str, float], index: int) -> float:
        counts, length = self.counts[index], self.lengths[index]
        norm = K1 * (1 - B + B * length / self.average) if self.average else K1
        total = 0.0
        for term, weight in query.items():
            tf = counts.get(term, 0)
            if tf:
                total += weight * self.idf[term] * tf * (K1 + 1) / (tf + norm)
        return total

    def matched(self, query: Mapping[str, float], index: int) -> set[str]:
        return {term for term in query if term in self.counts[index]}
