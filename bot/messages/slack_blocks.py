"""Our custom payloads as Slack Block Kit: what the widget shows as cards, Slack shows as
blocks. Plain Python, no Rasa; everything people wrote is escaped for Slack's mrkdwn.

The words come with the payload (`labels`, `outcome_label`, from the rubric); an older
payload without them still reads, its ids turned into words."""

from __future__ import annotations

from typing import Any

Block = dict[str, Any]
BAR_WIDTH = 10
BUTTONS_PER_ROW = 5
MAX_BUTTONS = 25


def escape(text: Any) -> str:
    """Slack's mrkdwn treats & < > as markup; a user's text must stay text."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def section(text: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text[:3000]}}


def context(text: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": text[:3000]}]}


def label(payload: dict[str, Any], name: str) -> str:
    """The payload's label for a skill or flag id, escaped."""
    return escape((payload.get("labels") or {}).get(name) or str(name).replace("_", " "))


def names(payload: dict[str, Any], items: list[str]) -> str:
    return ", ".join(label(payload, i) for i in items)


def bar(value: int) -> str:
    filled = round(max(0, min(100, value)) / 100 * BAR_WIDTH)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


def button_rows(buttons: list[dict[str, Any]]) -> list[Block]:
    shown = buttons[:MAX_BUTTONS]
    return [
        {
            "type": "actions",
            "elements": [
                {
                    "type": "button",
                    "text": {"type": "plain_text", "text": str(b["title"])[:75]},
                    "value": str(b["payload"])[:2000],
                }
                for b in shown[start : start + BUTTONS_PER_ROW]
            ],
        }
        for start in range(0, len(shown), BUTTONS_PER_ROW)
    ]


def render(payload: dict[str, Any]) -> tuple[list[Block], str]:
    """(blocks, plain-text fallback for notifications)."""
    kind = payload.get("type")
    renderers = {
        "roleplay_start": _start,
        "reply_feedback": _feedback,
        "debrief": _debrief,
        "tip": _tip,
        "anecdote": _story,
        "progress": _progress,
    }
    if kind not in renderers:
        return [section(escape(payload))], "Service Coach"
    return renderers[kind](payload)


def _start(p: dict[str, Any]) -> tuple[list[Block], str]:
    title = f"Role-play: {escape(p['title'])} ({escape(p['difficulty'])})"
    return [
        section(f"*{title}*\nYou are serving {escape(p['customer'])}. {escape(p['situation'])}"),
        context('Reply as you would on the floor. Say "hint" for a hint, "stop" to end.'),
    ], title


def _feedback(p: dict[str, Any]) -> tuple[list[Block], str]:
    head = f"Reply {p['turn']}: {p['score']}/100 · customer {escape(p.get('mood_label', ''))}"
    lines = [f"*{head}*"]
    if p.get("skills"):
        lines.append(f"✅ {names(p, p['skills'])}")
    if p.get("flags"):
        lines.append(f"🚩 *{names(p, p['flags'])}*")
    return [section("\n".join(lines)), context(f"Tip: {escape(p['tip'])}")], head


def _debrief(p: dict[str, Any]) -> tuple[list[Block], str]:
    outcome = escape(p.get("outcome_label") or str(p.get("outcome", "")).replace("_", " "))
    skills = {label(p, s): int(v) for s, v in p.get("skills", {}).items()}
    width = max((len(s) for s in skills), default=0)
    rows = [f"{s:<{width}} {bar(v)} {v:>3}" for s, v in skills.items()]
    blocks = [
        section(f"*Debrief: {outcome}* · overall {p.get('score', 0)}/100"),
        section("```" + "\n".join(rows) + "```"),
    ]
    if p.get("counted") is False:  # no reply: no score, no bars, nothing counted
        blocks = [section(f"*Debrief: {outcome}*"), context(escape(p.get("score_note", "")))]
    elif p.get("score_note"):
        blocks.append(context(escape(p["score_note"])))
    if p.get("previous"):
        earlier = p["previous"]
        blocks.append(context(f"Last time here: {earlier['score']}/100 ({earlier['change']:+d})"))
    if p.get("needs"):
        blocks.append(section("*What the customer needed*\n" + "\n".join(
            ("✅ " if n["met"] else "❌ ") + escape(n["label"])
            + (f" (reply {n['turn']})" if n.get("turn") else "")
            for n in p["needs"]
        )))  # fmt: skip
    if p.get("best_reply"):
        blocks.append(section(f"*Best reply:* {escape(p['best_reply'])}"))
    if p.get("weakest_reply"):
        blocks.append(section(f"*Weakest reply:* {escape(p['weakest_reply'])}"))
    blocks.append(section(f"*A model answer:* {escape(p.get('model_answer', ''))}"))
    story = p.get("anecdote")
    if story:
        blocks.append(section(f"*{escape(story['title'])}*\n>{escape(story['text'])}"))
        blocks.append(context(f"Source: {source(story)}"))
    scored = f", {p.get('score', 0)}/100" if p.get("counted") is not False else ""
    return blocks, f"Debrief: {outcome}{scored}"


def source(story: dict[str, Any]) -> str:
    """The essay's title with its file (where the quote can be checked); older payloads
    carry only the file."""
    if story.get("essay"):
        return f"“{escape(story['essay'])}” ({escape(story['source'])})"
    return escape(story["source"])


def _tip(p: dict[str, Any]) -> tuple[list[Block], str]:
    blocks = [section(f"💡 {escape(p['text'])}")]
    if p.get("skills"):
        blocks.append(context(f"Builds: {names(p, p['skills'])}"))
    return blocks, f"Tip: {p['text']}"


def _story(p: dict[str, Any]) -> tuple[list[Block], str]:
    return [
        section(f"*{escape(p['title'])}*\n>{escape(p['text'])}"),
        context(f"{escape(p.get('lesson', ''))} · Source: {source(p)}"),
    ], p["title"]


def _progress(p: dict[str, Any]) -> tuple[list[Block], str]:
    plural = "" if p["sessions"] == 1 else "s"
    head = f"Your progress: {p['sessions']} role-play{plural}, average {p['score']}/100"
    trend = p.get("trend") or {}
    lines = [
        f"{label(p, name)} {value}" + (f" ({trend[name]:+d})" if trend.get(name) else "")
        for name, value in sorted((p.get("skills") or {}).items(), key=lambda item: -item[1])
    ]
    blocks = [section(f"*{head}*\n" + "\n".join(lines))]
    if p.get("weakest"):
        blocks.append(context(f"Weakest skill: {label(p, p['weakest'])}"))
    return blocks, head
