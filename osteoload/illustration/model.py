"""Body proportions, the drawing records (:class:`Pose`, :class:`Prop`, :class:`Shape`,
:class:`Drawing`, :class:`Illustration`) and the small vector helpers every part shares.

World coordinates: pixels of a figure about 175 px tall, ``y`` up, the floor at ``y = 0``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

Point = tuple[float, float]

# --- Body proportions (pixels; a standing figure is about 175 px tall) ---------------------

TRUNK = 54.0
NECK = 19.0
HEAD_R = 11.0
UPPER_ARM = 29.0
FOREARM = 27.0
THIGH = 44.0
SHANK = 42.0
FOOT = 18.0
HEEL = 4.0
SOLE_DROP = 5.0
SHOULDER_HALF = 13.0
HIP_HALF = 7.0

TRUNK_W = 16.0
LIMB_W = 9.0
FOOT_W = 6.0
NECK_W = 8.0
WEIGHT_W = 3.0

#: Fixed heights of furniture a body point can stand on (px above the floor).
FIXED_SUPPORTS: dict[str, float] = {"step": 22.0, "box": 30.0, "stair1": 18.0, "stair2": 36.0}
#: Furniture drawn up to wherever the supported body point is.
ADAPTIVE_SUPPORTS = frozenset({"chair", "bench", "seat"})

#: Body point radii, used to put the figure on the floor and to bound it.
_RADII: dict[str, float] = {
    "head": HEAD_R,
    "shoulder": TRUNK_W / 2,
    "shoulder_l": LIMB_W / 2,
    "shoulder_r": LIMB_W / 2,
    "hip": TRUNK_W / 2,
    "hip_l": LIMB_W / 2,
    "hip_r": LIMB_W / 2,
}
_DEFAULT_RADIUS = LIMB_W / 2
_FOOT_RADIUS = FOOT_W / 2

POINT_GROUPS: dict[str, tuple[str, ...]] = {
    "hands": ("hand_l", "hand_r"),
    "elbows": ("elbow_l", "elbow_r"),
    "knees": ("knee_l", "knee_r"),
    "feet": ("heel_l", "toe_l", "heel_r", "toe_r"),
    "foot_l": ("heel_l", "toe_l"),
    "foot_r": ("heel_r", "toe_r"),
    "toes": ("toe_l", "toe_r"),
    "heels": ("heel_l", "heel_r"),
    "forearm_l": ("elbow_l", "hand_l"),
    "forearm_r": ("elbow_r", "hand_r"),
    "forearms": ("elbow_l", "hand_l", "elbow_r", "hand_r"),
    "shins": ("knee_l", "ankle_l", "knee_r", "ankle_r"),
}
BODY_POINTS = (
    "head", "shoulder", "shoulder_l", "shoulder_r", "hip", "hip_l", "hip_r",
    "elbow_l", "elbow_r", "hand_l", "hand_r", "knee_l", "knee_r",
    "ankle_l", "ankle_r", "heel_l", "heel_r", "toe_l", "toe_r",
)  # fmt: skip


class PoseError(ValueError):
    """The pose data is inconsistent; the message lists every problem."""


# =========================================================================================
# Records
# =========================================================================================


@dataclass(frozen=True, slots=True, kw_only=True)
class Prop:
    """A piece of equipment drawn with the figure (see the module docstring for kinds)."""

    kind: str
    at: str | None = None
    """The body point (or group, e.g. ``hands``) it is held at or attached to."""
    to: str | None = None
    """A band's other end: a body point or group (``feet``)."""
    x: float | None = None
    """World position from the hip (px); anchors, walls and boxes that must not move."""
    y: float | None = None
    """Height above the floor (px)."""
    angle: float = 0.0
    side: str = ""
    """``front``/``back``/``behind`` for walls and inclines; ``seat``/``support`` for chairs."""
    size: float | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Pose:
    """One position of one exercise: joint angles, placement and props."""

    view: str = "side"
    trunk: float = 0.0
    neck: float = 0.0
    curve: float = 0.0
    shrug: float = 0.0
    hip_l: float = 0.0
    hip_r: float = 0.0
    knee_l: float = 0.0
    knee_r: float = 0.0
    foot_l: float | None = None
    foot_r: float | None = None
    shoulder_l: float = 0.0
    shoulder_r: float = 0.0
    elbow_l: float = 0.0
    elbow_r: float = 0.0
    reach_l: float = 1.0
    reach_r: float = 1.0
    leg_reach_l: float = 1.0
    leg_reach_r: float = 1.0
    lift: float = 0.0
    shift: float = 0.0
    level: tuple[str, str, float] | None = None
    on: tuple[tuple[str, str], ...] = ()
    grip_height: float | None = None
    eyes: str = "open"
    marks: str = "auto"
    """``auto`` (jump marks when lifted), ``jump``, ``impact`` or ``none``."""
    props: tuple[Prop, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Shape:
    """One drawing primitive in world coordinates.

    ``kind``: ``line`` (an open polyline through ``points``), ``curve`` (a quadratic curve:
    start, control, end), ``circle`` (``points[0]`` and ``radius``) or ``polygon``.
    ``tone`` and ``fill`` name colours the renderer chooses. ``bounded`` is False for
    background shapes that may run off the picture (a wall's surface).
    """

    kind: str
    points: tuple[Point, ...]
    tone: str
    width: float = 0.0
    radius: float = 0.0
    fill: str | None = None
    opacity: float = 1.0
    bounded: bool = True


@dataclass(frozen=True, slots=True, kw_only=True)
class Drawing:
    shapes: tuple[Shape, ...]
    points: Mapping[str, Point]
    """Where each body point ended up (world coordinates)."""

    def bounds(self) -> tuple[float, float, float, float]:
        """``(min_x, min_y, max_x, max_y)`` over every bounded shape, strokes included."""
        xs: list[float] = []
        ys: list[float] = []
        for s in self.shapes:
            if not s.bounded:
                continue
            pad = s.radius + s.width / 2 if s.kind == "circle" else s.width / 2
            for x, y in s.points:
                xs += [x - pad, x + pad]
                ys += [y - pad, y + pad]
        return min(xs), min(ys), max(xs), max(ys)


@dataclass(frozen=True, slots=True, kw_only=True)
class Illustration:
    """An exercise's two positions and the words that describe them."""

    exercise_id: str
    start: Pose
    end: Pose
    say_start: str
    say_end: str
    frame: str = "full"
    """``full`` (the whole figure and the floor) or ``upper`` (a close-up of head and arms)."""


# =========================================================================================
# Geometry helpers
# =========================================================================================


def heading(angle: float) -> Point:
    """Unit vector for an angle in degrees from straight up, positive towards +x."""
    r = math.radians(angle)
    return math.sin(r), math.cos(r)


def offset(p: Point, v: Point, k: float = 1.0) -> Point:
    return p[0] + k * v[0], p[1] + k * v[1]


def midpoint(points: Sequence[Point]) -> Point:
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def rotate_about(p: Point, about: Point, degrees: float) -> Point:
    """Rotate ``p`` about ``about``; positive turns clockwise on the page (like the angles)."""
    r = math.radians(degrees)
    dx, dy = p[0] - about[0], p[1] - about[1]
    return (
        about[0] + dx * math.cos(r) + dy * math.sin(r),
        about[1] - dx * math.sin(r) + dy * math.cos(r),
    )


def radius_of(name: str) -> float:
    if name.startswith(("heel", "toe")):
        return _FOOT_RADIUS
    return _RADII.get(name, _DEFAULT_RADIUS)


def expand_points(name: str) -> tuple[str, ...]:
    """A point name or a group name (``hands``, ``feet``) as body point names."""
    if name in POINT_GROUPS:
        return POINT_GROUPS[name]
    if name in BODY_POINTS:
        return (name,)
    raise PoseError(f"unknown body point {name!r}")


# =========================================================================================
def stroke(points: Sequence[Point], tone: str, width: float = LIMB_W) -> Shape:
    return Shape(kind="line", points=tuple(points), tone=tone, width=width)


def box_shape(x0: float, y0: float, x1: float, y1: float, tone: str, fill: str) -> Shape:
    return Shape(
        kind="polygon",
        points=((x0, y0), (x1, y0), (x1, y1), (x0, y1)),
        tone=tone,
        width=2.0,
        fill=fill,
    )


def union_bounds(drawings: Iterable[Drawing]) -> tuple[float, float, float, float]:
    boxes = [d.bounds() for d in drawings]
    return (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )


def upper_points(drawing: Drawing) -> list[Point]:
    """Head, shoulders, arms and trunk: what a close-up (``frame: upper``) must show."""
    names = ("head", "shoulder", "shoulder_l", "shoulder_r", "elbow_l", "elbow_r",
             "hand_l", "hand_r", "hip")  # fmt: skip
    return [drawing.points[n] for n in names if n in drawing.points]


def with_props(pose: Pose, props: Sequence[Prop]) -> Pose:
    return replace(pose, props=tuple(props))
