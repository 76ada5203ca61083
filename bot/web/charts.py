"""Server-rendered SVG line charts: geometry here, markup in the templates (autoescaped)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 640, 240, 32
PALETTE = (
    "#1d4ed8", "#16a34a", "#dc2626", "#9333ea", "#ea580c", "#0891b2", "#ca8a04", "#db2777",
    "#4b5563",
)  # fmt: skip


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[float, float, int]]


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    series: list[Series]
    gridlines: list[tuple[float, int]]  # (y, label)
    labels: list[tuple[float, str]]  # (x, label)


def line_chart(lines: dict[str, Sequence[int]], x_labels: Sequence[str]) -> Chart:
    """Scores 0-100 over sessions; x is the session's position, left to right."""
    count = max(len(x_labels), 2)
    step = (WIDTH - 2 * PAD) / (count - 1)

    def x(i: int) -> float:
        return round(PAD + i * step, 1)

    def y(v: int) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * max(0, min(100, v)) / 100, 1)

    series = []
    for index, (name, values) in enumerate(lines.items()):
        dots = [(x(i), y(v), v) for i, v in enumerate(values)]
        points = " ".join(f"{px},{py}" for px, py, _ in dots)
        series.append(Series(name, PALETTE[index % len(PALETTE)], points, dots))
    grid = [(y(v), v) for v in (0, 25, 50, 75, 100)]
    labels = [(x(i), label) for i, label in enumerate(x_labels)]
    return Chart(WIDTH, HEIGHT, series, grid, labels)
