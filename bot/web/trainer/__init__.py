"""The trainer dashboard under /trainer/: sign-in, conversations, transcripts (with notes
and corrected labels), assignments, progress, team view, exports and the coach's agreement
with trainers, one module per area. Nothing here is reachable without signing in
(`views.requires_trainer`), and every form carries a CSRF token (`views.checked_form`).
Each module lists its `routes`; they are assembled here."""

from __future__ import annotations

from bot.web.trainer import (
    agreement,
    assignments,
    conversations,
    employees,
    exports,
    progress,
    sign_in,
    transcript,
)

routes = [
    *sign_in.routes,
    *conversations.routes,
    *transcript.routes,
    *assignments.routes,
    *progress.routes,
    *exports.routes,
    *agreement.routes,
    *employees.routes,
]
