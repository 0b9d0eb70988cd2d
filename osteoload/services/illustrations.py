"""Exercise illustrations: SVG text for the start and end position of every exercise.

The pose data lives in ``osteoload/data/poses.yaml``; the geometry (joint angles to
points, furniture, props) in :mod:`osteoload.illustration`. This module frames both
positions of an exercise with the same camera, so that a bar or a wall stays put between
them, and writes the shapes as small self-contained SVG documents (no fonts, no external
resources): a ``<title>`` and ``<desc>`` carry the text alternative.

Public API (shared with the web app): :func:`exercise_svg`, :func:`exercise_alt`,
:func:`exercise_title`, :func:`write_illustrations`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape, quoteattr

from osteoload.data.loader import read_yaml
from osteoload.illustration import (
    Drawing,
    Illustration,
    Point,
    Shape,
    build_pose_library,
    draw,
    union_bounds,
    upper_points,
)
from osteoload.wording import _

from .catalogue import get_catalogue
from .errors import InputError, Issue, did_you_mean

Position = Literal["start", "end"]
POSITIONS: tuple[Position, ...] = ("start", "end")

#: The picture's size (px); both positions of an exercise share one camera.
SIZE = 240.0
MARGIN = 8.0
FLOOR_Y = 226.0
#: Close-ups (``frame: upper``) are drawn this much bigger than full figures.
UPPER_ZOOM = 1.7

#: Colours by tone. Dark body on light furniture stays readable in black and white print.
TONES: dict[str, str] = {
    "body": "#24394a",
    "far": "#93a7b8",
    "eye": "#ffffff",
    "weight": "#a8501c",
    "weight_fill": "#eda772",
    "band": "#12907c",
    "cable": "#333333",
    "frame": "#6d6257",
    "frame_fill": "#e9e1d5",
    "floor": "#707070",
    "mat": "#9dbccb",
    "motion": "#4a4a4a",
    "wall_fill": "#f1ece4",
}


class _Camera:
    """World (y up, floor at 0) to SVG pixels (y down), shared by both positions."""

    def __init__(self, drawings: Sequence[Drawing], frame: str) -> None:
        if frame == "upper":
            pts = [p for d in drawings for p in upper_points(d)]
            x0 = min(p[0] for p in pts) - 22
            x1 = max(p[0] for p in pts) + 22
            y0 = min(p[1] for p in pts) - 10
            y1 = max(p[1] for p in pts) + 22
            room = SIZE - 2 * MARGIN
            self.scale = min(UPPER_ZOOM, room / (x1 - x0), room / (y1 - y0))
            self.ox = SIZE / 2 - self.scale * (x0 + x1) / 2
            self.oy = SIZE / 2 + self.scale * (y0 + y1) / 2
            self.floor = False
            return
        x0, y0, x1, y1 = union_bounds(drawings)
        y0 = min(y0, 0.0)
        width = SIZE - 2 * MARGIN
        height = FLOOR_Y - MARGIN
        self.scale = min(1.0, width / (x1 - x0), height / y1 if y1 > 0 else 1.0)
        self.ox = SIZE / 2 - self.scale * (x0 + x1) / 2
        self.oy = FLOOR_Y
        self.floor = True

    def xy(self, p: Point) -> tuple[float, float]:
        return self.ox + self.scale * p[0], self.oy - self.scale * p[1]


@cache
def _library() -> dict[str, Illustration]:
    catalogue = get_catalogue()
    patterns = {e.id: e.pattern.value for e in catalogue.values()}
    return build_pose_library(read_yaml("poses.yaml"), patterns)


def _illustration(exercise_id: str) -> Illustration:
    library = _library()
    if exercise_id not in library:
        raise InputError(
            [
                Issue(
                    "exercise_id",
                    _("%(value)s is not an exercise in the catalogue%(hint)s")
                    % {"value": repr(exercise_id), "hint": did_you_mean(exercise_id, library)},
                    exercise_id,
                )
            ]
        )
    return library[exercise_id]


@cache
def _drawings(exercise_id: str) -> tuple[Drawing, Drawing, _Camera]:
    ill = _illustration(exercise_id)
    start, end = draw(ill.start), draw(ill.end)
    return start, end, _Camera([start, end], ill.frame)


def exercise_ids() -> tuple[str, ...]:
    """Every exercise that has an illustration (the whole catalogue)."""
    return tuple(_library())


def exercise_title(exercise_id: str, position: Position) -> str:
    """``"Goblet squat (dumbbell), start"``."""
    name = get_catalogue()[_illustration(exercise_id).exercise_id].name
    return f"{name}, {position}"


def position_words(exercise_id: str, position: Position) -> str:
    """The plain words for one position (``"standing holding a weight at the chest"``)."""
    ill = _illustration(exercise_id)
    return ill.say_start if position == "start" else ill.say_end


def exercise_alt(exercise_id: str) -> str:
    """Alt text for the pair: ``"Goblet squat, start: ...; end: ..."``."""
    ill = _illustration(exercise_id)
    name = get_catalogue()[exercise_id].name
    return f"{name}, start: {ill.say_start}; end: {ill.say_end}"


def exercise_svg(exercise_id: str, position: Position) -> str:
    """One position of one exercise as a standalone SVG document (240 x 240 viewBox).

    Raises :class:`InputError` for an unknown exercise id or position.
    """
    if position not in POSITIONS:
        raise InputError(
            [
                Issue(
                    "position",
                    _("%(value)s is not allowed; allowed: %(allowed)s%(hint)s")
                    % {"value": repr(position), "allowed": "start, end", "hint": ""},
                    position,
                )
            ]
        )
    start, end, camera = _drawings(exercise_id)
    drawing = start if position == "start" else end
    title = exercise_title(exercise_id, position)
    desc = f"{title}: {position_words(exercise_id, position)}."
    size = f"{SIZE:g}"
    out = [
        f"<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 {size} {size}' width='{size}' "
        f"height='{size}' role='img' aria-label={quoteattr(desc)}>",
        f"<title>{escape(title)}</title>",
        f"<desc>{escape(desc)}</desc>",
        f"<rect width='{size}' height='{size}' fill='#ffffff'/>",
    ]
    out += list(_shapes(drawing.shapes, camera))
    if camera.floor:
        out.append(
            f"<line x1='{MARGIN:g}' y1='{FLOOR_Y + 1.5:g}' x2='{SIZE - MARGIN:g}' "
            f"y2='{FLOOR_Y + 1.5:g}' stroke='{TONES['floor']}' stroke-width='3' "
            "stroke-linecap='round'/>"
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _shapes(shapes: Sequence[Shape], camera: _Camera) -> Iterator[str]:
    s = camera.scale
    for shape in shapes:
        stroke = TONES[shape.tone]
        fill = TONES[shape.fill] if shape.fill else "none"
        width = _num(shape.width * s)
        common = (
            f"fill='{fill}' stroke='{stroke}' stroke-width='{width}' "
            "stroke-linecap='round' stroke-linejoin='round'"
        )
        if shape.width == 0:
            common = f"fill='{fill}' stroke='none'"
        if shape.opacity < 1:
            common += f" fill-opacity='{shape.opacity:g}'"
        pts = [camera.xy(p) for p in shape.points]
        if shape.kind == "circle":
            x, y = pts[0]
            yield f"<circle cx='{_num(x)}' cy='{_num(y)}' r='{_num(shape.radius * s)}' {common}/>"
        elif shape.kind == "curve":
            (x0, y0), (cx, cy), (x1, y1) = pts
            yield (
                f"<path d='M{_num(x0)} {_num(y0)} Q{_num(cx)} {_num(cy)} {_num(x1)} {_num(y1)}' "
                f"{common}/>"
            )
        else:
            tag = "polygon" if shape.kind == "polygon" else "polyline"
            coords = " ".join(f"{_num(x)},{_num(y)}" for x, y in pts)
            if shape.kind == "line":
                common = common.replace(f"fill='{fill}'", "fill='none'")
            yield f"<{tag} points='{coords}' {common}/>"


def write_illustrations(out_dir: Path) -> list[Path]:
    """Write ``<id>-start.svg`` and ``<id>-end.svg`` for every exercise, plus an
    ``index.html`` contact sheet with the alt text; returns the paths written."""
    from .documents.rendering import write_atomically

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    rows: list[str] = []
    for exercise_id in exercise_ids():
        cells = []
        for position in POSITIONS:
            path = out_dir / f"{exercise_id}-{position}.svg"
            write_atomically(path, exercise_svg(exercise_id, position).encode("utf-8"), mode=0o644)
            written.append(path)
            cells.append(
                f"<img src='{escape(path.name)}' width='160' height='160' "
                f"alt={quoteattr(exercise_title(exercise_id, position))}>"
            )
        rows.append(
            f"<figure id='{escape(exercise_id)}'>{''.join(cells)}"
            f"<figcaption><code>{escape(exercise_id)}</code>: "
            f"{escape(exercise_alt(exercise_id))}</figcaption></figure>"
        )
    index = (
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        "<title>osteoload exercise illustrations</title>"
        "<style>body{font-family:sans-serif}figure{display:inline-block;width:340px;"
        "margin:8px;vertical-align:top}img{border:1px solid #ddd}</style>"
        "<h1>osteoload exercise illustrations</h1>" + "\n".join(rows) + "</html>\n"
    )
    path = out_dir / "index.html"
    write_atomically(path, index.encode("utf-8"), mode=0o644)
    written.append(path)
    return written
