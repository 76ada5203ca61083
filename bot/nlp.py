"""The blank English spaCy pipeline shared by the coach and the retriever: no model from a
hub, just the tokenizer and lookup lemmas from spacy-lookups-data."""

from __future__ import annotations

import spacy
from spacy.language import Language


def blank_pipeline() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp
