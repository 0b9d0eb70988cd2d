"""Small server-rendered SVG charts: lines with points, weekly bars, projection bands.

Every chart is drawn for a 360-unit-wide view box (a 390 px phone, less the page margin),
scales with its container, and carries a ``<title>``, a ``<desc>``, a one-sentence summary
and a table of its numbers, so that it can be read without seeing it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape

from django.utils.dateformat import format as date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext, gettext_noop

WIDTH = 360
"""View-box width for coach pages; client pages use a narrower box so text draws larger."""
CLIENT_WIDTH = 310
FONT = 14
INK = "#1a1a1a"
MUTED = "#555555"
GRID = "#d9d9d9"
#: Colours that stay distinct for common colour-vision differences, all dark enough to
#: read on white; lines also differ by dash pattern so colour is never the only cue.
PALETTE = ("#0b5fa5", "#b35900", "#2e7d32", "#6a3d9a", "#a0153e", "#4d4d4d")
DASHES = ("", "7 4", "2 4", "10 4 2 4", "4 2", "1 3")
STATUS_COLOURS = {"ok": "#2e7d32", "below": "#b35900", "risk": "#a0153e"}


@dataclass(frozen=True, slots=True)
class Chart:
    """A drawn chart with its text alternative."""

    chart_id: str
    title: str
    svg: SafeString
    summary: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True, slots=True)
class Series:
    """A line of dated values; ``marks`` optionally gives a status per point."""

    name: str
    points: tuple[tuple[date, float], ...]
    marks: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class HBand:
    """A horizontal band drawn behind the data (a normal range, a measurement error)."""

    low: float
    high: float
    label: str


@dataclass(frozen=True, slots=True)
class BandSeries:
    """A central line with a shaded low-high range, over numeric x values."""

    name: str
    x: tuple[float, ...]
    central: tuple[float, ...]
    low: tuple[float, ...]
    high: tuple[float, ...]


def number(value: float, places: int = 1) -> str:
    """A short number: no trailing zeros, no ``-0``."""
    text = f"{round(value, places):.{places}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def short_date(day: date, *, year: bool = False) -> str:
    text = date_format(day, "j M")  # "7 Sep", "7 Sept." in the active language
    return f"{text} {day.year}" if year else text


def nice_ticks(low: float, high: float, count: int = 4) -> list[float]:
    """Round tick values covering ``low``..``high``."""
    if high < low:
        low, high = high, low
    if math.isclose(high, low):
        pad = abs(low) * 0.1 or 1.0
        low, high = low - pad, high + pad
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw - 1e-12)
    start = math.floor(low / step + 1e-9) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    if len(ticks) < 2:
        ticks.append(round(start + step, 10))
    return ticks


def text_width(text: str, size: float) -> float:
    """A generous estimate of a text's drawn width (system sans-serif), for layout."""
    return len(text) * size * 0.62


class _Canvas:
    """Plot geometry and SVG fragments for one chart."""

    def __init__(
        self,
        legend: Sequence[tuple[str, str, str, str]],
        plot_height: int = 150,
        width: int = WIDTH,
    ):
        self.width = width
        self.left, self.right, self.top = 46, 10, 28
        self.x0, self.x1 = self.left, width - self.right
        self.y0, self.y1 = self.top, self.top + plot_height
        self.parts: list[str] = []
        self.legend_rows = _legend_layout(legend, width)
        self.height = self.y1 + 30 + 22 * len(self.legend_rows) + 4
        self.ymin, self.ymax = 0.0, 1.0

    def set_y(self, ticks: Sequence[float]) -> None:
        self.ymin, self.ymax = ticks[0], ticks[-1]

    def y(self, value: float) -> float:
        span = self.ymax - self.ymin or 1.0
        return self.y1 - (value - self.ymin) / span * (self.y1 - self.y0)

    def add(self, fragment: str) -> None:
        self.parts.append(fragment)

    def y_axis(self, ticks: Sequence[float], unit: str) -> None:
        for tick in ticks:
            y = self.y(tick)
            self.add(
                f'<line x1="{self.x0}" x2="{self.x1}" y1="{y:.1f}" y2="{y:.1f}" '
                f'stroke="{GRID}" stroke-width="1"/>'
                f'<text x="{self.x0 - 6}" y="{y + 4:.1f}" text-anchor="end" '
                f'font-size="{FONT - 1}" fill="{MUTED}">{escape(number(tick, 2))}</text>'
            )
        if unit:
            self.add(
                f'<text x="4" y="14" font-size="{FONT - 1}" fill="{MUTED}">{escape(unit)}</text>'
            )

    def x_label(self, x: float, text: str, anchor: str = "middle") -> None:
        """A label under the x axis; one centred on a point near an edge is moved inside
        the chart instead of being cut off ("30 No", issue 17)."""
        if anchor == "middle":
            half = text_width(text, FONT - 1) / 2
            if x + half > self.width - 2:
                x, anchor = min(x + half, self.width - 2.0), "end"
            elif x - half < 2:
                x, anchor = max(x - half, 2.0), "start"
        self.add(
            f'<text x="{x:.1f}" y="{self.y1 + 18}" text-anchor="{anchor}" font-size="{FONT - 1}" '
            f'fill="{MUTED}">{escape(text)}</text>'
        )

    def baseline(self) -> None:
        self.add(
            f'<line x1="{self.x0}" x2="{self.x1}" y1="{self.y1}" y2="{self.y1}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )

    def message(self, text: str) -> None:
        mid = (self.y0 + self.y1) / 2
        self.add(
            f'<text x="{(self.x0 + self.x1) / 2:.1f}" y="{mid:.1f}" text-anchor="middle" '
            f'font-size="{FONT + 1}" fill="{MUTED}">{escape(text)}</text>'
        )

    def render(self, chart_id: str, title: str, desc: str) -> SafeString:
        legend = []
        y = self.y1 + 40
        for row in self.legend_rows:
            for x, (label, colour, dash, shape) in row:
                legend.append(_legend_key(x, y, colour, dash, shape))
                room = self.width - (x + 26) - 4
                # A label wider than the chart is drawn narrower, never cut off.
                fit = (
                    f' textLength="{room:.0f}" lengthAdjust="spacingAndGlyphs"'
                    if text_width(label, FONT) > room
                    else ""
                )
                legend.append(
                    f'<text x="{x + 26}" y="{y + 4}" font-size="{FONT}" fill="{INK}"{fit}>'
                    f"{escape(label)}</text>"
                )
            y += 22
        body = "".join(self.parts + legend)
        return mark_safe(  # every text in the fragments is escaped
            f'<svg class="chart" viewBox="0 0 {self.width} {self.height}" role="img" '
            f'aria-labelledby="{chart_id}-t {chart_id}-d" '
            f'xmlns="http://www.w3.org/2000/svg" font-family="system-ui, sans-serif">'
            f'<title id="{chart_id}-t">{escape(title)}</title>'
            f'<desc id="{chart_id}-d">{escape(desc)}</desc>{body}</svg>'
        )


def _legend_layout(
    entries: Sequence[tuple[str, str, str, str]], width: int
) -> list[list[tuple[float, tuple[str, str, str, str]]]]:
    rows: list[list[tuple[float, tuple[str, str, str, str]]]] = []
    x = 8.0
    row: list[tuple[float, tuple[str, str, str, str]]] = []
    for entry in entries:
        needed = 34 + len(entry[0]) * FONT * 0.55
        if row and x + needed > width - 4:
            rows.append(row)
            row, x = [], 8.0
        row.append((x, entry))
        x += needed
    if row:
        rows.append(row)
    return rows


def _legend_key(x: float, y: float, colour: str, dash: str, shape: str) -> str:
    if shape == "box":
        return (
            f'<rect x="{x}" y="{y - 6}" width="20" height="12" fill="{colour}" '
            f'fill-opacity="0.35" stroke="{colour}"/>'
        )
    if shape == "bar":
        return f'<rect x="{x + 3}" y="{y - 7}" width="14" height="14" fill="{colour}"/>'
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x}" x2="{x + 20}" y1="{y}" y2="{y}" stroke="{colour}" '
        f'stroke-width="3"{dash_attr}/>'
    )


def line_chart(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    unit: str,
    summary: str,
    bands: Sequence[HBand] = (),
    places: int = 1,
    empty: str = gettext_noop("Nothing recorded yet"),
    width: int = WIDTH,
) -> Chart:
    """Values over dates, one line with points per series, optional horizontal bands."""
    drawn = [s for s in series if s.points]
    legend = [(s.name, PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)], "line")
              for i, s in enumerate(drawn)]  # fmt: skip
    legend += [(b.label, "#8c8c8c", "", "box") for b in bands]
    canvas = _Canvas(legend, width=width)
    values = [v for s in drawn for _, v in s.points]
    values += [v for b in bands for v in (b.low, b.high)]
    days = sorted({d for s in drawn for d, _ in s.points})
    if not days:
        canvas.set_y([0.0, 1.0])
        canvas.baseline()
        canvas.message(gettext(empty))
        return _chart(chart_id, title, desc, canvas, summary, ("series", "date", "value"), [])
    ticks = nice_ticks(min(values), max(values))
    canvas.set_y(ticks)
    canvas.y_axis(ticks, unit)
    first, last = days[0], days[-1]
    span = (last - first).days

    def x_of(day: date) -> float:
        if span == 0:
            return (canvas.x0 + canvas.x1) / 2
        inner0, inner1 = canvas.x0 + 10, canvas.x1 - 10
        return inner0 + (day - first).days / span * (inner1 - inner0)

    for band in bands:
        top, bottom = canvas.y(max(band.low, band.high)), canvas.y(min(band.low, band.high))
        canvas.add(
            f'<rect x="{canvas.x0}" y="{top:.1f}" width="{canvas.x1 - canvas.x0}" '
            f'height="{max(bottom - top, 1):.1f}" fill="#8c8c8c" fill-opacity="0.22"/>'
        )
    canvas.baseline()
    years = first.year != last.year
    canvas.x_label(x_of(first), short_date(first, year=years), "start" if span else "middle")
    if span:
        canvas.x_label(x_of(last), short_date(last, year=years), "end")
    rows: list[tuple[str, ...]] = []
    for i, s in enumerate(drawn):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        coords = [(x_of(d), canvas.y(v)) for d, v in s.points]
        if len(coords) > 1:
            dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
            canvas.add(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5"'
                f"{dash_attr}/>"
            )
        for j, (x, y) in enumerate(coords):
            mark = s.marks[j] if j < len(s.marks) else ""
            canvas.add(_point(x, y, STATUS_COLOURS.get(mark, colour), mark))
        for (day, value), mark in zip(s.points, s.marks or ("",) * len(s.points), strict=False):
            row = (s.name, day.isoformat(), f"{number(value, places)} {unit}".strip())
            rows.append((*row, mark) if s.marks else row)
    columns: tuple[str, ...] = (gettext("series"), gettext("date"), gettext("value"))
    if any(s.marks for s in drawn):
        columns = (*columns, gettext("result"))
        rows = [r if len(r) == 4 else (*r, "") for r in rows]
    return _chart(chart_id, title, desc, canvas, summary, columns, rows)


def _point(x: float, y: float, colour: str, mark: str) -> str:
    """A data point; status marks differ by shape as well as colour."""
    if mark == "risk":
        return (
            f'<path d="M{x:.1f},{y - 6:.1f} L{x + 6:.1f},{y + 5:.1f} L{x - 6:.1f},{y + 5:.1f} Z" '
            f'fill="{colour}" stroke="#fff" stroke-width="1"/>'
        )
    if mark == "below":
        return (
            f'<rect x="{x - 5:.1f}" y="{y - 5:.1f}" width="10" height="10" fill="{colour}" '
            f'stroke="#fff" stroke-width="1"/>'
        )
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}" stroke="#fff"/>'


def bar_chart(
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[date],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    unit: str,
    summary: str,
    target: tuple[float, str] | None = None,
    stacked: bool = True,
    width: int = WIDTH,
) -> Chart:
    """Weekly bars (one bar per week, stacked by series, or grouped side by side)."""
    legend = [(name, PALETTE[i % len(PALETTE)], "", "bar") for i, (name, _) in enumerate(series)]
    if target is not None:
        legend.append((target[1], INK, "6 4", "line"))
    canvas = _Canvas(legend, width=width)
    count = len(categories)
    totals = [sum(values[i] for _, values in series) for i in range(count)]
    tallest = max(totals if stacked else [v for _, vs in series for v in vs], default=0)
    top = max(tallest, target[0] if target else 0, 1)
    ticks = nice_ticks(0, top)
    canvas.set_y(ticks)
    canvas.y_axis(ticks, unit)
    slot = (canvas.x1 - canvas.x0) / max(count, 1)
    bar_w = max(slot * 0.72, 2)
    for i in range(count):
        x = canvas.x0 + slot * i + (slot - bar_w) / 2
        base = 0.0
        for k, (_name, values) in enumerate(series):
            value = values[i]
            if value <= 0:
                continue
            colour = PALETTE[k % len(PALETTE)]
            if stacked:
                y_top, y_bottom = canvas.y(base + value), canvas.y(base)
                base += value
                bx, bw = x, bar_w
            else:
                bw = bar_w / len(series)
                bx = x + k * bw
                y_top, y_bottom = canvas.y(value), canvas.y(0)
            canvas.add(
                f'<rect x="{bx:.1f}" y="{y_top:.1f}" width="{bw:.1f}" '
                f'height="{max(y_bottom - y_top, 0.5):.1f}" fill="{colour}" stroke="#fff" '
                f'stroke-width="0.5"/>'
            )
    if target is not None:
        y = canvas.y(target[0])
        canvas.add(
            f'<line x1="{canvas.x0}" x2="{canvas.x1}" y1="{y:.1f}" y2="{y:.1f}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
    canvas.baseline()
    every = max(1, math.ceil(count / (6 if width >= WIDTH else 5)))
    for i in range(0, count, every):
        canvas.x_label(canvas.x0 + slot * (i + 0.5), short_date(categories[i]))
    if not any(totals):
        canvas.message(gettext("Nothing logged in these weeks"))
    columns = (gettext("week of"), *(name for name, _ in series))
    rows = [
        (categories[i].isoformat(), *(number(values[i], 0) for _, values in series))
        for i in range(count)
        if totals[i]
    ]
    return _chart(chart_id, title, desc, canvas, summary, columns, rows)


def band_chart(
    chart_id: str,
    title: str,
    desc: str,
    series: Sequence[BandSeries],
    *,
    unit: str,
    summary: str,
    x_label: Callable[[float], str],
    hband: HBand | None = None,
    width: int = WIDTH,
) -> Chart:
    """Central lines with shaded ranges (projections), over numeric x (months)."""
    legend = [(s.name, PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)], "line")
              for i, s in enumerate(series)]  # fmt: skip
    if hband is not None:
        legend.append((hband.label, "#8c8c8c", "", "box"))
    canvas = _Canvas(legend, plot_height=170, width=width)
    values = [v for s in series for v in (*s.low, *s.high, *s.central)]
    if hband is not None:
        values += [hband.low, hband.high]
    xs = sorted({x for s in series for x in s.x})
    if not xs or not values:
        canvas.set_y([0.0, 1.0])
        canvas.baseline()
        canvas.message(gettext("No projection available"))
        return _chart(chart_id, title, desc, canvas, summary, ("series", "x", "value"), [])
    ticks = nice_ticks(min(values), max(values))
    canvas.set_y(ticks)
    canvas.y_axis(ticks, unit)
    lo_x, hi_x = xs[0], xs[-1]

    def x_of(value: float) -> float:
        if hi_x == lo_x:
            return (canvas.x0 + canvas.x1) / 2
        return canvas.x0 + 4 + (value - lo_x) / (hi_x - lo_x) * (canvas.x1 - canvas.x0 - 8)

    if hband is not None:
        top, bottom = canvas.y(hband.high), canvas.y(hband.low)
        canvas.add(
            f'<rect x="{canvas.x0}" y="{top:.1f}" width="{canvas.x1 - canvas.x0}" '
            f'height="{max(bottom - top, 1):.1f}" fill="#8c8c8c" fill-opacity="0.25"/>'
        )
    if ticks[0] < 0 < ticks[-1]:
        y = canvas.y(0)
        canvas.add(
            f'<line x1="{canvas.x0}" x2="{canvas.x1}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{INK}" stroke-width="1"/>'
        )
    for i, s in enumerate(series):
        colour = PALETTE[i % len(PALETTE)]
        upper = [f"{x_of(x):.1f},{canvas.y(v):.1f}" for x, v in zip(s.x, s.high, strict=True)]
        lower = [f"{x_of(x):.1f},{canvas.y(v):.1f}" for x, v in zip(s.x, s.low, strict=True)]
        canvas.add(
            f'<polygon points="{" ".join(upper + lower[::-1])}" fill="{colour}" '
            f'fill-opacity="0.16" stroke="none"/>'
        )
    for i, s in enumerate(series):
        colour, dash = PALETTE[i % len(PALETTE)], DASHES[i % len(DASHES)]
        line = [f"{x_of(x):.1f},{canvas.y(v):.1f}" for x, v in zip(s.x, s.central, strict=True)]
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        canvas.add(
            f'<polyline points="{" ".join(line)}" fill="none" stroke="{colour}" '
            f'stroke-width="2.5"{dash_attr}/>'
        )
    canvas.add(
        f'<line x1="{canvas.x0}" x2="{canvas.x0}" y1="{canvas.y0}" y2="{canvas.y1}" '
        f'stroke="{GRID}"/>'
    )
    canvas.x_label(x_of(lo_x), x_label(lo_x), "start")
    canvas.x_label(x_of(hi_x), x_label(hi_x), "end")
    columns = (gettext("scenario"), gettext("after"), gettext("expected"), gettext("range"))
    rows = [
        (s.name, x_label(s.x[-1]), f"{number(s.central[-1], 1)} {unit}".strip(),
         f"{number(s.low[-1], 1)} to {number(s.high[-1], 1)} {unit}".strip())
        for s in series
        if s.x
    ]  # fmt: skip
    return _chart(chart_id, title, desc, canvas, summary, columns, rows)


def _chart(
    chart_id: str,
    title: str,
    desc: str,
    canvas: _Canvas,
    summary: str,
    columns: Sequence[str],
    rows: Sequence[tuple[str, ...]],
) -> Chart:
    return Chart(
        chart_id=chart_id,
        title=title,
        svg=canvas.render(chart_id, title, desc),
        summary=summary,
        columns=tuple(columns),
        rows=tuple(rows),
    )
