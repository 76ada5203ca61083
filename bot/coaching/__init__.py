"""Coaching: the rubric, the spaCy skill detector, reply scores, hints and the debrief."""
