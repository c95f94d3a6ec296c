"""Chart geometry: numbers in, positioned shapes out, for the templates to draw as inline SVG.

The templates only place what these functions compute, so the arithmetic is tested in Python
and the page stays free of script. Every shape carries the number it stands for (``value``),
which the page writes as a ``data-value`` attribute and a ``<title>`` tooltip; the browser test
reads them back and compares them with the document.

Colours: the heat map uses one hue in five steps (light to dark), readable in grey print;
categories use the Okabe-Ito palette, distinguishable with the common colour-vision
deficiencies. Nothing relies on colour alone: every chart has its table of numbers beside it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Okabe-Ito, then two greys: ten categories at most.
CATEGORY_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
    "#999999",
    "#666666",
)

#: Five steps of one blue, lightest first; zero is drawn as the empty background.
HEAT_STEPS = ("#deebf7", "#9ecae1", "#6baed6", "#3182bd", "#08519c")

LABEL_WIDTH = 44
AXIS_HEIGHT = 30


@dataclass(frozen=True)
class Rect:
    """A bar or a cell: where it is, its colour, what it means and the number it stands for."""

    x: float
    y: float
    width: float
    height: float
    fill: str
    value: int | float
    title: str
    data: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str
    anchor: str = "start"


@dataclass(frozen=True)
class Chart:
    """An SVG canvas with its shapes; ``kind`` names it for styling and for the tests."""

    kind: str
    width: float
    height: float
    rects: list[Rect]
    labels: list[Label]
    lines: list[tuple[float, float, float, float]] = field(default_factory=list)
    paths: list[tuple[str, str, str]] = field(default_factory=list)  # (d, colour, label)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (colour, label)


def heat_step(value: int, maximum: int) -> str:
    """The colour of a heat-map cell: five equal steps of the largest value."""
    if maximum <= 0 or value <= 0:
        return "#ffffff"
    index = min(len(HEAT_STEPS) - 1, (value * len(HEAT_STEPS) - 1) // maximum)
    return HEAT_STEPS[index]


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    values: Mapping[tuple[str, str], int],
    *,
    cell: float = 14,
    describe: str = "{row} → {column}: {value}",
) -> Chart:
    """A matrix of coloured cells; ``values`` keyed by (row, column); absent means zero."""
    left, top = LABEL_WIDTH, AXIS_HEIGHT + 8
    maximum = max(values.values(), default=0)
    rects = []
    for i, row in enumerate(rows):
        for j, column in enumerate(columns):
            value = values.get((row, column), 0)
            if not value:
                continue
            rects.append(
                Rect(
                    left + j * cell,
                    top + i * cell,
                    cell - 1,
                    cell - 1,
                    heat_step(value, maximum),
                    value,
                    describe.format(row=row, column=column, value=value),
                    {"row": row, "column": column},
                )
            )
    labels = [Label(left - 4, top + i * cell + cell * 0.75, r, "end") for i, r in enumerate(rows)]
    labels += [
        Label(left + j * cell + cell / 2, top - 4, c, "middle") for j, c in enumerate(columns)
    ]
    legend = []
    for step, colour in enumerate(HEAT_STEPS):
        low = maximum * step // len(HEAT_STEPS) + 1
        high = maximum * (step + 1) // len(HEAT_STEPS)
        if high >= low:
            legend.append((colour, f"{low}\u2013{high}" if high > low else str(high)))
    return Chart(
        "heat-map",
        left + len(columns) * cell + 8,
        top + len(rows) * cell + 8,
        rects,
        labels,
        lines=[(left, top - 1, left + len(columns) * cell, top - 1)],
        legend=legend,
    )


def bars(
    items: Sequence[tuple[str, float]],
    *,
    maximum: float | None = None,
    width: float = 360,
    bar: float = 14,
    colour: str = CATEGORY_COLOURS[0],
    text: str = "{value}",
    describe: str = "{label}: {value}",
) -> Chart:
    """Horizontal bars, one per (label, value), scaled to ``maximum`` (default the largest)."""
    top = 6.0
    largest = maximum if maximum is not None else max((v for _, v in items), default=0)
    scale = (width - LABEL_WIDTH - 60) / largest if largest else 0
    rects, labels = [], []
    for i, (label, value) in enumerate(items):
        y = top + i * (bar + 4)
        shown = text.format(value=value)
        rects.append(
            Rect(
                LABEL_WIDTH,
                y,
                max(value * scale, 0.0),
                bar,
                colour,
                value,
                describe.format(label=label, value=shown),
                {"label": label},
            )
        )
        labels.append(Label(LABEL_WIDTH - 4, y + bar * 0.8, label, "end"))
        labels.append(Label(LABEL_WIDTH + value * scale + 4, y + bar * 0.8, shown))
    height = top + len(items) * (bar + 4) + 6
    return Chart(
        "bars", width, height, rects, labels, lines=[(LABEL_WIDTH, 0, LABEL_WIDTH, height)]
    )


def stacked_bars(
    items: Sequence[tuple[str, Mapping[str, int]]],
    categories: Sequence[tuple[str, str]],
    *,
    width: float = 420,
    bar: float = 14,
) -> Chart:
    """Horizontal stacked bars: per label, one segment per category (key, display name)."""
    top = 6.0
    colours = {
        key: CATEGORY_COLOURS[i % len(CATEGORY_COLOURS)] for i, (key, _) in enumerate(categories)
    }
    names = dict(categories)
    largest = max((sum(parts.values()) for _, parts in items), default=0)
    scale = (width - LABEL_WIDTH - 50) / largest if largest else 0
    rects, labels = [], []
    for i, (label, parts) in enumerate(items):
        y = top + i * (bar + 4)
        x = float(LABEL_WIDTH)
        for key, _ in categories:
            value = parts.get(key, 0)
            if not value:
                continue
            rects.append(
                Rect(
                    x,
                    y,
                    value * scale,
                    bar,
                    colours[key],
                    value,
                    f"{label}, {names[key]}: {value}",
                    {"label": label, "category": key},
                )
            )
            x += value * scale
        labels.append(Label(LABEL_WIDTH - 4, y + bar * 0.8, label, "end"))
        labels.append(Label(x + 4, y + bar * 0.8, str(sum(parts.values()))))
    height = top + len(items) * (bar + 4) + 6
    return Chart(
        "stacked-bars",
        width,
        height,
        rects,
        labels,
        lines=[(LABEL_WIDTH, 0, LABEL_WIDTH, height)],
        legend=[(colours[key], name) for key, name in categories],
    )


def line_chart(
    xs: Sequence[str],
    series: Sequence[tuple[str, Sequence[int]]],
    *,
    width: float = 300,
    height: float = 150,
) -> Chart:
    """Lines over categories ``xs`` (e.g. years), one per (name, values), from zero up."""
    left, right, top, bottom = LABEL_WIDTH, 12.0, 12.0, 24.0
    largest = max((v for _, values in series for v in values), default=0) or 1
    step = (width - left - right) / max(len(xs) - 1, 1)

    def at(i: int, value: int) -> tuple[float, float]:
        return left + i * step, top + (height - top - bottom) * (1 - value / largest)

    rects, paths = [], []
    for index, (name, values) in enumerate(series):
        colour = CATEGORY_COLOURS[index % len(CATEGORY_COLOURS)]
        points = [at(i, v) for i, v in enumerate(values)]
        paths.append(("M " + " L ".join(f"{x:.1f} {y:.1f}" for x, y in points), colour, name))
        for (x, y), label, value in zip(points, xs, values, strict=True):
            rects.append(
                Rect(x - 3, y - 3, 6, 6, colour, value, f"{name}, {label}: {value:,}", {"x": label})
            )
    labels = [Label(left + i * step, height - 8, x, "middle") for i, x in enumerate(xs)]
    labels += [
        Label(left - 4, top + 4, f"{largest:,}", "end"),
        Label(left - 4, height - bottom, "0", "end"),
    ]
    base = height - bottom
    return Chart(
        "line-chart",
        width,
        height,
        rects,
        labels,
        lines=[(left, base, width - right, base), (left, top, left, base)],
        paths=paths,
        legend=[(colour, name) for _, colour, name in paths] if len(series) > 1 else [],
    )


def stacked_columns(
    columns: Sequence[tuple[str, Mapping[str, int] | None, str]],
    categories: Sequence[tuple[str, str, str]],
    *,
    height: float = 240,
    column: float = 30,
) -> Chart:
    """Vertical stacked columns over time: (axis label, parts or None, description) each.

    A column without parts (a revision that did not load) is drawn as a short dark-red marker
    so it keeps its place on the time axis. ``categories`` are (key, display name, colour);
    the description names the column in every tooltip.
    """
    left, top, bottom = LABEL_WIDTH, 10.0, 28.0
    largest = max((sum(p.values()) for _, p, _ in columns if p), default=0) or 1
    scale = (height - top - bottom) / largest
    base = height - bottom
    rects, labels = [], []
    for i, (label, parts, described) in enumerate(columns):
        x = left + 8 + i * (column + 8)
        if parts is None:
            rects.append(
                Rect(
                    x,
                    base - 12,
                    column,
                    12,
                    "#b00020",
                    0,
                    described,
                    {"x": label, "category": "unloadable"},
                )
            )
            labels.append(Label(x + column / 2, base - 16, "\u2298", "middle"))
        else:
            y = base
            for key, name, colour in categories:
                value = parts.get(key, 0)
                if not value:
                    continue
                y -= value * scale
                rects.append(
                    Rect(
                        x,
                        y,
                        column,
                        value * scale,
                        colour,
                        value,
                        f"{described}, {name}: {value}",
                        {"x": label, "category": key},
                    )
                )
        labels.append(Label(x + column / 2, base + 14, label, "middle"))
    width = left + 8 + len(columns) * (column + 8) + 8
    labels += [Label(left - 4, top + 4, str(largest), "end"), Label(left - 4, base, "0", "end")]
    return Chart(
        "stacked-columns",
        max(width, 200),
        height,
        rects,
        labels,
        lines=[(left, base, width, base), (left, top, left, base)],
        legend=[(colour, name) for _, name, colour in categories],
    )
