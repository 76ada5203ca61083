"""The progress chart's data, drawn in the browser by Chart.js (served from node_modules):
one line per series, the overall score shown and each skill a toggle away, role-plays
numbered along the x axis with their date and time, and the same numbers as a table."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

OVERALL = "overall"
PALETTE = (
    "#1d4ed8", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777",
    "#4b5563",
)  # fmt: skip


@dataclass(frozen=True)
class Series:
    key: str  # "overall" or a skill id
    label: str  # as people read it
    colour: str
    values: list[int]
    shown: bool  # drawn when the page opens


@dataclass(frozen=True)
class Chart:
    ticks: list[list[str]]  # each role-play's x label: its number, then its date and time
    series: list[Series]

    def config(self) -> dict[str, Any]:
        """The Chart.js configuration (as JSON for the page's script): scores 0-100 on y,
        a tooltip with every shown value at a role-play, no legend (the page's checkboxes
        toggle the lines)."""
        return {
            "type": "line",
            "data": {
                "labels": self.ticks,
                "datasets": [_dataset(s) for s in self.series],
            },
            "options": {
                "responsive": True,
                "maintainAspectRatio": False,
                "animation": False,
                "interaction": {"mode": "index", "intersect": False},
                "plugins": {"legend": {"display": False}},
                "scales": {
                    "y": {"min": 0, "max": 100, "title": {"display": True, "text": "score"}},
                    "x": {"title": {"display": True, "text": "role-play"}},
                },
            },
        }


def _dataset(series: Series) -> dict[str, Any]:
    overall = series.key == OVERALL
    return {
        "label": series.label,
        "data": series.values,
        "borderColor": series.colour,
        "backgroundColor": series.colour,
        "borderWidth": 3 if overall else 2,
        "pointRadius": 4 if overall else 3,
        "hidden": not series.shown,
        "tension": 0,
    }


def progress_chart(
    moments: Sequence[datetime],
    overall: Sequence[int],
    skills: Mapping[str, Sequence[int]],
    labels: Mapping[str, str],
) -> Chart:
    """Role-plays oldest first: when each was, its score, and each skill's score in it
    (`labels` names the skills); only the overall line is drawn at first."""
    ticks = [[f"#{n}", moment.strftime("%-d %b %H:%M")] for n, moment in enumerate(moments, 1)]
    series = [Series(OVERALL, "overall", PALETTE[0], list(overall), True)]
    for index, (skill, values) in enumerate(skills.items(), start=1):
        label = labels.get(skill, skill.replace("_", " "))
        series.append(Series(skill, label, PALETTE[index % len(PALETTE)], list(values), False))
    return Chart(ticks, series)
