"""Server-rendered SVG bar charts: geometry computed here, drawn by templates/spaser/_chart.html.

Each chart is an image for sighted readers (role="img" with an aria-label) and has its data
table beside it for everyone else; the template draws what this module measured.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, LABEL_W, BAR_H, GAP, TOP = 640, 190, 22, 10, 10
PLOT_W = WIDTH - LABEL_W - 70


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: float


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    target_x: float | None
    target_text: str
    x0: int = LABEL_W
    plot_w: int = PLOT_W


def bar_chart(
    title: str,
    items: list[tuple[str, float, str]],
    scale: float | None = None,
    target: float | None = None,
    target_text: str = "",
) -> Chart:
    """Horizontal bars for `(label, value, text shown)`; `scale` is the value of a full bar."""
    top = scale or max([v for _, v, _ in items] + [target or 0, 1e-9])
    bars = [
        Bar(label, value, text, TOP + i * (BAR_H + GAP), PLOT_W * min(value / top, 1.0))
        for i, (label, value, text) in enumerate(items)
    ]
    height = TOP * 2 + len(items) * (BAR_H + GAP)
    target_x = LABEL_W + PLOT_W * min(target / top, 1.0) if target is not None else None
    return Chart(title, bars, height, target_x, target_text)
