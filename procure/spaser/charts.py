"""Server-rendered SVG bar charts: geometry computed here, drawn by templates/spaser/_chart.html.

Each chart is an image for sighted readers (role="img" with an aria-label) and has its data
table beside it for everyone else; the template draws what this module measured.
"""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, LABEL_W, BAR_H, GAP, TOP = 640, 240, 22, 10, 10
PLOT_W = WIDTH - LABEL_W - 70


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float
    text: str
    y: int
    width: float
    target_x: float | None = None  # this bar's own target (PNAD: 30 % social, 100 % env.)


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
    items: list[tuple[str, float, str]] | list[tuple[str, float, str, float]],
    scale: float | None = None,
    target: float | None = None,
    target_text: str = "",
) -> Chart:
    """Horizontal bars for `(label, value, text shown[, own target])`; `scale` is the value
    of a full bar, `target` a line across every bar."""
    top = scale or max([item[1] for item in items] + [target or 0, 1e-9])
    bars = []
    for i, item in enumerate(items):
        label, value, text = str(item[0]), float(item[1]), str(item[2])
        own = [float(x) for x in item[3:]]
        own_x = LABEL_W + PLOT_W * min(own[0] / top, 1.0) if own else None
        y = TOP + i * (BAR_H + GAP)
        bars.append(Bar(label, value, text, y, PLOT_W * min(value / top, 1.0), own_x))
    height = TOP * 2 + len(items) * (BAR_H + GAP)
    target_x = LABEL_W + PLOT_W * min(target / top, 1.0) if target is not None else None
    return Chart(title, bars, height, target_x, target_text)
