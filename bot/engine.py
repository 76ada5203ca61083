"""The coaching engine the actions call: everything loaded once, answers as plain messages.

It knows nothing about Rasa. Each method takes plain values (the role-play state lives in
the caller's slots) and returns messages shaped like Rasa's bot messages: {"text": ...},
optionally with "buttons", or {"custom": payload}.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.language import Language
from sqlalchemy.exc import SQLAlchemyError

from bot import paths, payloads
from bot.coaching.debrief import Debrief, build_debrief
from bot.coaching.detector import SkillDetector
from bot.coaching.hints import hint_for
from bot.coaching.progress import summarise
from bot.coaching.rubric import Rubric, load_rubric
from bot.coaching.scoring import assess
from bot.knowledge.anecdotes import Anecdote, load_anecdotes
from bot.knowledge.librarian import Librarian, Memory
from bot.knowledge.retriever import Retriever, TextAnalyser, load_concepts
from bot.knowledge.tips import TipLibrary, load_tips
from bot.nlp import blank_pipeline
from bot.roleplay import turn as roleplay
from bot.roleplay.difficulty import DIFFICULTIES, Difficulty, load_difficulties
from bot.roleplay.listening import judged_skills, needs_of, scenario_tip
from bot.roleplay.reaction import react
from bot.roleplay.reader_model import load_reader
from bot.roleplay.scenarios import Scenario, load_scenarios
from bot.roleplay.turn import RoleplayState, TurnResult
from bot.roleplay.understanding import load_understanding, offer_kinds
from bot.store.coaching_log import CoachingLog
from bot.store.database import make_engine
from bot.store.outbox import WriteQueue

log = logging.getLogger(__name__)
Message = dict[str, Any]
START_BUTTON = {"title": "Start a role-play", "payload": payloads.start_roleplay()}
DEFAULT_DIFFICULTY = "frustrated"
RANDOM = "random"
MAX_REPLY_CHARS = 2000
REPLY_INTENT, FALLBACK_INTENT = "roleplay_reply", "nlu_fallback"
QUESTION_MIN_WORDS = 4


def reads_as_question(text: str) -> bool:
    """A message the NLU could not place is a question when it asks or says enough; "asdf"
    or "hmm" still gets the usual "Sorry, I didn't get that"."""
    return "?" in text or len(text.split()) >= QUESTION_MIN_WORDS


@dataclass(frozen=True)
class Content:
    rubric: Rubric
    difficulties: dict[str, Difficulty]
    scenarios: dict[str, Scenario]
    anecdotes: list[Anecdote]
    tips: TipLibrary
    concepts: dict[str, list[str]]
    essays: dict[str, str] = field(default_factory=dict)  # seeds/<file> -> the essay's title


def load_content() -> Content:
    rubric = load_rubric(paths.RUBRIC_FILE)
    anecdotes = load_anecdotes(paths.ANECDOTES_FILE, paths.SEEDS_DIR, rubric.skills)
    return Content(
        rubric=rubric,
        difficulties=load_difficulties(paths.DIFFICULTIES_FILE),
        scenarios=load_scenarios(
            paths.SCENARIOS_DIR,
            paths.SEEDS_DIR,
            rubric.skills,
            offer_kinds(paths.UNDERSTANDING_FILE),
        ),
        anecdotes=anecdotes,
        tips=load_tips(paths.TIPS_FILE, rubric.skills, [a.id for a in anecdotes]),
        concepts=load_concepts(paths.SYNONYMS_FILE),
        essays={a.source: a.essay for a in anecdotes},
    )


def load_retriever(content: Content, nlp: Language | None = None) -> Retriever:
    analyser = TextAnalyser(nlp or blank_pipeline(), content.concepts)
    return Retriever(analyser, content.tips, content.anecdotes)


@dataclass(frozen=True)
class Started:
    state: RoleplayState
    session_id: str
    customer_line: str
    messages: list[Message]


@dataclass(frozen=True)
class Replied:
    result: TurnResult | None  # None: not a reply to the customer, nothing was played
    messages: list[Message]


class CoachEngine:
    def __init__(self, content: Content, detector: SkillDetector, store: CoachingLog | None):
        self.content = content
        self.detector = detector
        self.store = store
        self.writes = WriteQueue(store) if store is not None else None
        # The coach, the customer's reader and the retriever tokenize and lemmatize alike:
        # one blank pipeline (the coach's) serves all three.
        self.understanding = load_understanding(
            paths.UNDERSTANDING_FILE, detector.nlp, load_reader(paths.READER_MODEL_DIR)
        )
        self.librarian = Librarian(
            load_retriever(content, detector.nlp), content.tips, content.anecdotes, content.rubric
        )
        self.titles = {s.id: s.title for s in content.scenarios.values()}

    @classmethod
    def load(cls, db_url: str | None) -> CoachEngine:
        content = load_content()
        detector = SkillDetector.load(paths.COACH_MODEL_DIR, paths.PATTERNS_FILE, content.rubric)
        store = CoachingLog(make_engine(db_url)) if db_url else None
        return cls(content, detector, store)

    # --- choosing and starting -------------------------------------------------------

    def scenario_picker(self, difficulty: str | None, note: str = "") -> list[Message]:
        """Buttons for every scenario, grouped by the essay it comes from, plus "surprise me".

        Each button also carries `picker` (its one-line summary, its essay and its payload at
        each difficulty), so the widget can let the employee choose the difficulty there;
        channels that show only title and payload lose nothing."""
        extra = {"difficulty": difficulty} if difficulty in DIFFICULTIES else {}
        chosen = extra.get("difficulty", DEFAULT_DIFFICULTY)
        ordered = sorted(self.content.scenarios.values(), key=lambda s: (s.source, s.title))
        buttons = [self._picker_button(s, chosen, extra) for s in ordered]
        surprise = {
            "title": "Surprise me",
            "payload": payloads.start_roleplay(scenario=RANDOM, **extra),
            "picker": {"by_difficulty": self._by_difficulty(RANDOM), "chosen": chosen},
        }
        text = f"{note} Which customer would you like to serve?".strip()
        return [{"text": text, "buttons": [*buttons, surprise]}]

    def _picker_button(self, scenario: Scenario, chosen: str, extra: dict[str, str]) -> Message:
        return {
            "title": scenario.title,
            "payload": payloads.start_roleplay(scenario=scenario.id, **extra),
            "picker": {
                "summary": scenario.summary,
                "customer": scenario.persona.name,
                "group": self.content.essays.get(scenario.source, scenario.source),
                "source": scenario.source,
                "by_difficulty": self._by_difficulty(scenario.id),
                "chosen": chosen,
            },
        }

    @staticmethod
    def _by_difficulty(scenario_id: str) -> dict[str, str]:
        return {
            d: payloads.start_roleplay(scenario=scenario_id, difficulty=d) for d in DIFFICULTIES
        }

    def resolve(
        self, scenario: str | None, difficulty: str | None, seed: int
    ) -> tuple[str | None, str, list[str]]:
        """(scenario id or None when the user must pick, difficulty, notes for the user)."""
        notes: list[str] = []
        level = (difficulty or "").strip().lower()
        if level not in DIFFICULTIES:
            if level:
                notes.append(
                    f'"{difficulty}" isn\'t a difficulty I know (calm, frustrated or furious), '
                    f"so I'll make the customer {DEFAULT_DIFFICULTY}."
                )
            level = DEFAULT_DIFFICULTY
        wanted = (scenario or "").strip().lower()
        if wanted == RANDOM:
            return roleplay.choose_scenario(list(self.content.scenarios), seed), level, notes
        if wanted in self.content.scenarios:
            return wanted, level, notes
        if wanted:
            notes.append(f'I don\'t know a scenario called "{scenario}".')
        return None, level, notes

    def start(
        self,
        scenario_id: str,
        difficulty: str,
        seed: int,
        employee: str,
        channel: str,
        sender: str | None = None,
    ) -> Started:
        """`sender`: the conversation's id when it is not the employee's (a linked Slack
        user), so the trainer's transcript finds its messages."""
        scenario = self.content.scenarios[scenario_id]
        state, line = roleplay.start(scenario, self.content.difficulties[difficulty], seed)
        session_id = uuid.uuid4().hex
        conversation = sender if sender != employee else None
        self._write(
            "start",
            lambda s: s.record_start(
                session_id, employee, channel, scenario_id, difficulty, seed, conversation
            ),
        )
        turns = self.content.difficulties[difficulty].max_turns
        messages = [
            {"text": payloads.roleplay_intro_text(scenario, state)},
            {"custom": payloads.roleplay_start(scenario, state, turns)},
            self.customer_says(state, line),
        ]
        return Started(state, session_id, line, messages)

    def customer_says(self, state: RoleplayState, line: str) -> Message:
        return {"text": payloads.customer_text(self.content.scenarios[state.scenario], line)}

    # --- progress --------------------------------------------------------------------------

    def progress(self, employee: str) -> list[Message]:
        """The employee's own figures; `employee` is always the asking conversation's sender."""
        if self.store is None:
            return [{"text": "Progress needs the coaching log, which this server doesn't have."}]
        needs = {s.id: s.resolution_skills for s in self.content.scenarios.values()}
        summary = summarise(self.store.finished_role_plays(employee), needs)
        suggested = self.content.scenarios.get(summary.suggested_scenario or "")
        rubric = self.content.rubric
        text: Message = {"text": payloads.progress_text(summary, suggested, rubric)}
        if summary.sessions == 0:
            return [{**text, "buttons": [START_BUTTON]}]
        reviews = self.store.reviews_for(employee)
        messages = [text, {"custom": payloads.progress(summary, reviews, self.titles, rubric)}]
        if reviews:
            messages.append({"text": payloads.reviews_text(reviews, self.titles)})
        if suggested is not None and summary.weakest:
            messages.append({
                "text": f"Practise {rubric.label(summary.weakest)} now?",
                "buttons": [{"title": f"Practise: {suggested.title}",
                             "payload": payloads.start_roleplay(scenario=suggested.id)}],
            })  # fmt: skip
        return messages

    # --- assignments -----------------------------------------------------------------------

    def assignments(self, employee: str, today: date | None = None) -> list[Message]:
        """What trainers assigned the employee, for greeting and help to show first; nothing
        when there is none, or when the coaching log can't be read (the greeting still comes)."""
        if self.store is None:
            return []
        try:
            assigned = self.store.assignments_for(employee)
        except SQLAlchemyError:
            log.warning("Could not read the assignments of a conversation", exc_info=True)
            return []
        known = [a for a in assigned if a.scenario in self.content.scenarios]
        if not known:
            return []
        text = payloads.assignments_text(known, self.titles, today or date.today())
        buttons = [
            {"title": f"Start: {self.titles[a.scenario]} ({a.difficulty})",
             "payload": payloads.start_roleplay(scenario=a.scenario, difficulty=a.difficulty)}
            for a in known
        ]  # fmt: skip
        return [{"text": text, "buttons": buttons}]

    # --- tips and stories -------------------------------------------------------------

    def share(
        self, kind: str, text: str, topic: str | None, memory: dict[str, Any] | None
    ) -> tuple[list[Message], dict[str, Any]]:
        """A tip or a story for the question; returns the messages and the new memory."""
        messages, remembered = self.librarian.answer(kind, text, topic, Memory.from_dict(memory))
        return messages, remembered.to_dict()

    def answer_question(
        self, intent: str, text: str, memory: dict[str, Any] | None
    ) -> tuple[list[Message], dict[str, Any]] | None:
        """A message outside a role-play, answered as a question about serving customers.

        When nothing fits, a message the NLU read as a reply to a customer (or could not place
        but reads as a question) gets "I don't have a tip for that" with topic buttons; for
        anything else None, so the caller answers as before (out of scope, no role-play)."""
        remembered = Memory.from_dict(memory)
        answered = self.librarian.answer_question(text, remembered)
        if answered is not None:
            messages, remembered = answered
            return messages, remembered.to_dict()
        if intent == REPLY_INTENT or (intent == FALLBACK_INTENT and reads_as_question(text)):
            return self.librarian.no_tip(), remembered.to_dict()
        return None

    # --- playing ---------------------------------------------------------------------

    def reply(
        self, state: RoleplayState, session_id: str, text: str, for_customer: bool = False
    ) -> Replied:
        """The customer hears the reply and reacts; the coach scores it; the turn is stored.

        Nonsense and a question meant for the coach are not replies: nothing is scored, and
        the customer (or the coach) asks what was meant. `for_customer`: the employee said
        the question was for the customer after all.
        """
        reply = text.strip()[:MAX_REPLY_CHARS]
        scenario = self.content.scenarios[state.scenario]
        difficulty = self.content.difficulties[state.difficulty]
        rubric = self.content.rubric
        detection = self.detector.detect(reply)
        reading = self.understanding.read(reply, detection.skills, detection.flags, scenario.id)
        if reading.to_coach and not for_customer:
            return Replied(None, [payloads.addressee_question(reply)])
        needs = needs_of(scenario, difficulty, self.understanding)
        reaction = react(
            reading, scenario.customer, needs, set(state.needs_met),
            [r.text for r in state.history], reply, self.understanding,
            f"{state.seed}:{state.turn + 1}",
        )  # fmt: skip
        if not reaction.scored:
            return Replied(None, [self.customer_says(state, reaction.line or "")])
        skills = judged_skills(detection.skills, reaction)
        assessment = assess(rubric, skills, detection.flags, state.turn + 1, state.skills_shown,
                            state.recently_tipped)  # fmt: skip
        tip = scenario_tip(assessment.tip, reaction, scenario, needs, self.understanding)
        if tip != assessment.tip:  # the scenario's own tip: no rubric skill was tipped
            assessment = replace(assessment, tip=tip, tipped=None)
        evidence = self.detector.evidence(reply, [*assessment.skills, *assessment.flags])
        shown = {label: [s.to_dict() for s in spans] for label, spans in evidence.items()}
        # The customer bristles at the blame or brush-off they heard, not at every coach flag.
        penalty = sum(rubric.flags[f].penalty for f in assessment.flags if f in reading.brush_offs)
        result = roleplay.play_turn(
            state, reply, assessment, penalty, scenario, difficulty, reaction, reading.moves, needs
        )
        self._write("turn", lambda s: s.record_turn(session_id, result.state.turn, {
            "reply": reply, "score": assessment.score, "skills": list(assessment.skills),
            "flags": list(assessment.flags), "tip": assessment.tip, "mood_before": state.mood,
            "mood_after": result.state.mood, "customer_line": result.customer_line,
            "evidence": shown,
        }))  # fmt: skip
        # The customer's answer travels with the feedback: one action call per turn.
        feedback = payloads.reply_feedback(scenario.id, result.state, assessment, rubric)
        feedback["max_turns"] = difficulty.max_turns
        feedback.update(payloads.evidence(reply, shown))
        feedback.update(payloads.heard(reading.moves, result.state, reaction))
        messages = [{"custom": feedback}, self.customer_says(result.state, result.customer_line)]
        return Replied(result, messages)

    def coach_answer(self, state: RoleplayState, question: str) -> list[Message]:
        """A question meant for the coach mid role-play: a tip, then back to the customer."""
        messages, _ = self.share("tip", question, None, None)
        return [*messages, {"text": "Back to the customer when you're ready."}]

    def hint(self, state: RoleplayState) -> list[Message]:
        scenario = self.content.scenarios[state.scenario]
        return [{"text": f"Hint: {hint_for(self.content.rubric, state, scenario)}"}]

    def finish(self, state: RoleplayState, outcome: str, session_id: str) -> list[Message]:
        return self.debrief(state, outcome, session_id, None)[0]

    def debrief(
        self, state: RoleplayState, outcome: str, session_id: str, memory: dict[str, Any] | None
    ) -> tuple[list[Message], dict[str, Any]]:
        """The debrief messages, and the conversation's memory with its story added, so the
        next debrief (or "tell me a story") tells another one."""
        scenario = self.content.scenarios[state.scenario]
        needs = needs_of(scenario, self.content.difficulties[state.difficulty], self.understanding)
        remembered = Memory.from_dict(memory)
        report = build_debrief(
            self.content.rubric, state, outcome, scenario, self.content.anecdotes, needs,
            told=remembered.shown,
        )  # fmt: skip
        earlier = self._previous_attempt(session_id)
        self._write("end", lambda s: self._record_end(s, session_id, report))
        if report.anecdote is not None:
            remembered = replace(remembered, shown=(*remembered.shown, report.anecdote.id))
        messages = [
            {"text": payloads.debrief_text(report, self.content.rubric, earlier)},
            {"custom": payloads.debrief(report, self.content.rubric, earlier)},
            self._try_again(scenario, state),
        ]
        return messages, remembered.to_dict()

    @staticmethod
    def _try_again(scenario: Scenario, state: RoleplayState) -> Message:
        """The same customer, difficulty and seed again, so the next debrief compares."""
        same = payloads.start_roleplay(
            scenario=scenario.id, difficulty=state.difficulty, seed=str(state.seed)
        )
        return {
            "text": "Want another go?",
            "buttons": [
                {"title": "Try again", "payload": same},
                {"title": "Another scenario", "payload": payloads.start_roleplay()},
            ],
        }

    def _previous_attempt(self, session_id: str) -> tuple[int, dict[str, int]] | None:
        """Best effort: with the coaching log unreachable, the debrief simply has no comparison."""
        if self.store is None:
            return None
        try:
            return self.store.previous_attempt(session_id)
        except SQLAlchemyError:
            return None

    @staticmethod
    def _record_end(store: CoachingLog, session_id: str, report: Debrief) -> None:
        store.record_end(
            session_id, report.outcome, report.score, report.skills,
            report.best_reply, report.weakest_reply,
        )  # fmt: skip

    def _write(self, what: str, write: Any) -> None:
        """The employee's practice never fails with the coaching log: a write the database
        cannot take now waits and is retried (bot/store/outbox.py)."""
        if self.writes is not None:
            self.writes.submit(what, write)
