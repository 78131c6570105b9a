"""Server-rendered bar charts: the geometry in Python, the SVG in a template.

One kind of chart covers every figure on the statistics page: horizontal bars, one per row,
optionally stacked by series (a row per year, a segment per status or programme). Horizontal
bars suit a 360-px phone: labels never collide, long Chinese category names go above their bar
and wrap when they are too wide, short labels (years, grades) sit in a column on the left.

Sizes are in viewBox units; the SVG is drawn at ``width="100%"`` up to the stylesheet's
``max-width`` (``overview/static/overview/overview.css``), so on a phone one unit is a little
under one CSS pixel and the 15-unit text stays about 13 px. Labels are plain strings here and
escaped by the template; nothing in this module produces markup.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# viewBox geometry
WIDTH = 360
FONT_SIZE = 15
LINE_HEIGHT = 19
BAR_HEIGHT = 18
ROW_GAP = 12
LABEL_GAP = 3  # between a label above and its bar
PADDING = 6
VALUE_GAP = 5  # between the end of a bar and its value
LEFT_LABEL_GAP = 8
# Labels go in a left column when the widest fits in this share of the width.
LEFT_LABEL_SHARE = 0.28

# The site's palette (portal/static/portal/css/portal.css); every colour reaches at least
# 4.5:1 on white, so bars keep the 3:1 that WCAG asks of graphics and stay apart in a stack
# (segments are also separated by a white gap).
PRIMARY = "#1d4f91"
ACCENT = "#b45309"
SUCCESS = "#1e6b34"
DANGER = "#a1231b"
MUTED = "#3e4c59"
PALETTE = (PRIMARY, ACCENT, SUCCESS, DANGER, MUTED)
TEXT = "#1f2933"


def format_number(value: int) -> str:
    """Digits grouped by thousands (``12,345``), the same in Chinese and English."""
    return f"{value:,}"


def char_width(char: str) -> float:
    """Estimated advance of one character, in ems (system CJK fonts; errs on the wide side)."""
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 1.0
    if char == " ":
        return 0.3
    if char.isupper() or char.isdigit() or char in "mwMW@%&":
        return 0.66
    if char in "iljtf.,;:'|!()[]":
        return 0.34
    return 0.56


def text_width(text: str, font_size: float = FONT_SIZE) -> float:
    return sum(char_width(char) for char in text) * font_size


def _tokens(text: str) -> list[str]:
    """Break opportunities: every CJK character, and Latin words with their following space."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def wrap(text: str, max_width: float, font_size: float = FONT_SIZE) -> list[str]:
    """Greedy line breaking at CJK characters and spaces; a single word wider than the line
    is split by characters. Never drops text."""
    text = " ".join(text.split())
    if not text:
        return [""]
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        if text_width((line + token).rstrip(), font_size) <= max_width:
            line += token
            continue
        if line.strip():
            lines.append(line.rstrip())
            line = ""
        token = token.lstrip() if not line else token
        while text_width(token.rstrip(), font_size) > max_width:  # an over-long word
            cut = 1
            while cut < len(token) and text_width(token[: cut + 1], font_size) <= max_width:
                cut += 1
            lines.append(token[:cut])
            token = token[cut:]
        line = token
    if line.strip():
        lines.append(line.rstrip())
    return lines


@dataclass(frozen=True)
class Series:
    label: str
    color: str = PRIMARY


@dataclass(frozen=True)
class Row:
    label: str
    values: tuple[int, ...]
    color: str | None = None  # overrides the series colour in a one-series chart

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class Segment:
    x: float
    y: float
    width: float
    height: float
    color: str
    label: str  # the series (stacked) or the row: the segment's tooltip is "label：value"
    value: str


@dataclass(frozen=True)
class Bar:
    label_lines: tuple[Text, ...]
    segments: tuple[Segment, ...]
    value: Text
    # Top and bottom of the bar: the axis is drawn beside each bar, never through a label.
    top: float
    bottom: float


@dataclass(frozen=True)
class Geometry:
    width: float
    height: float
    font_size: float
    label_anchor: str  # "start" (labels above bars) or "end" (labels in a left column)
    bar_x: float  # where bars start: the axis line
    bar_area: float  # the width of the longest bar
    bars: tuple[Bar, ...]

    @property
    def view_box(self) -> str:
        return f"0 0 {_n(self.width)} {_n(self.height)}"


def _n(value: float) -> float | int:
    """Round for the SVG: two decimals, integers without a point."""
    value = round(value, 2)
    return int(value) if value == int(value) else value


def layout(
    rows: tuple[Row, ...] | list[Row],
    series: tuple[Series, ...] | list[Series],
    *,
    width: float = WIDTH,
    font_size: float = FONT_SIZE,
) -> Geometry | None:
    """The bars of a (stacked) horizontal bar chart, or None when there is nothing to draw
    (no rows, or every value zero).

    Each bar's length is proportional to its row's total (the longest fills ``bar_area``);
    a stacked bar's segments are proportional to their values. Zero values draw no segment but
    still print ``0`` after the axis.
    """
    rows = list(rows)
    if not rows or all(row.total == 0 for row in rows):
        return None
    top = max(row.total for row in rows)
    value_space = text_width(format_number(top), font_size) + VALUE_GAP + PADDING
    widest_label = max(text_width(row.label, font_size) for row in rows)
    labels_left = widest_label <= width * LEFT_LABEL_SHARE
    if labels_left:
        bar_x = PADDING + widest_label + LEFT_LABEL_GAP
        anchor = "end"
    else:
        bar_x = PADDING
        anchor = "start"
    bar_area = width - bar_x - value_space
    baseline_shift = font_size * 0.35  # from a line's middle to its alphabetic baseline

    bars = []
    y = PADDING
    for row in rows:
        if labels_left:
            line_ys = [y + BAR_HEIGHT / 2 + baseline_shift]
            lines = [row.label]
            bar_y = y
            label_x = bar_x - LEFT_LABEL_GAP
        else:
            lines = wrap(row.label, width - 2 * PADDING, font_size)
            line_ys = [
                y + LINE_HEIGHT * i + LINE_HEIGHT / 2 + baseline_shift for i in range(len(lines))
            ]
            bar_y = y + LINE_HEIGHT * len(lines) + LABEL_GAP
            label_x = PADDING
        segments = []
        x = bar_x
        for value, serie in zip(row.values, series, strict=True):
            if value <= 0:
                continue
            length = value / top * bar_area
            segments.append(
                Segment(
                    x=_n(x),
                    y=_n(bar_y),
                    width=_n(length),
                    height=BAR_HEIGHT,
                    color=row.color if row.color and len(series) == 1 else serie.color,
                    label=serie.label if len(series) > 1 else row.label,
                    value=format_number(value),
                )
            )
            x += length
        value = Text(
            x=_n(x + VALUE_GAP),
            y=_n(bar_y + BAR_HEIGHT / 2 + baseline_shift),
            text=format_number(row.total),
        )
        bars.append(
            Bar(
                label_lines=tuple(
                    Text(x=_n(label_x), y=_n(line_y), text=line)
                    for line, line_y in zip(lines, line_ys, strict=True)
                ),
                segments=tuple(segments),
                value=value,
                top=_n(bar_y),
                bottom=_n(bar_y + BAR_HEIGHT),
            )
        )
        y = bar_y + BAR_HEIGHT + ROW_GAP
    height = y - ROW_GAP + PADDING
    return Geometry(
        width=_n(width),
        height=_n(height),
        font_size=font_size,
        label_anchor=anchor,
        bar_x=_n(bar_x),
        bar_area=_n(bar_area),
        bars=tuple(bars),
    )


@dataclass
class Chart:
    """A chart and its data table. ``slug`` makes the element ids (unique on the page)."""

    slug: str
    title: str
    description: str  # the SVG's <desc>: what is counted, how; the table has the numbers
    label_heading: str  # the table's first column heading
    series: tuple[Series, ...]
    rows: tuple[Row, ...]
    note: str = ""
    geometry: Geometry | None = field(init=False)

    def __post_init__(self):
        self.series = tuple(self.series)
        self.rows = tuple(self.rows)
        for row in self.rows:
            if len(row.values) != len(self.series):
                raise ValueError(f"{self.slug}: row {row.label!r} needs {len(self.series)} values")
        self.geometry = layout(self.rows, self.series)

    @property
    def is_empty(self) -> bool:
        return self.geometry is None

    @property
    def stacked(self) -> bool:
        return len(self.series) > 1

    @property
    def table_rows(self) -> list[dict]:
        return [
            {
                "label": row.label,
                "values": [format_number(value) for value in row.values],
                "total": format_number(row.total),
            }
            for row in self.rows
        ]

    @property
    def column_totals(self) -> list[str]:
        return [
            format_number(sum(row.values[i] for row in self.rows)) for i in range(len(self.series))
        ]

    @property
    def grand_total(self) -> str:
        return format_number(sum(row.total for row in self.rows))
