"""Stick figures from joint angles: the geometry behind the exercise illustrations.

Pure and standard-library only. :func:`build_pose_library` validates the raw pose data
(``osteoload/data/poses.yaml``, already parsed by the data layer) and :func:`draw` turns one
:class:`Pose` into a :class:`Drawing`: a list of simple shapes in *world* coordinates
(pixels of a figure about 175 px tall, ``y`` up, the floor at ``y = 0``). Rendering the
shapes as SVG text is the services' job.

Conventions (also written at the top of ``poses.yaml``)
---------------------------------------------------------

Side view (the default): the figure faces right and we see her right side, so the ``_r``
limbs are near (drawn dark, in front) and the ``_l`` limbs far (drawn light, behind).
Angles are in degrees:

* ``trunk``: the hip-to-shoulder line from vertical; positive leans forward. 90 is lying
  face down (head to the right), -90 lying on the back (head to the left).
* ``neck``: the head relative to the trunk line; positive nods the chin forward/down.
* ``hip``: hip flexion relative to the trunk line (0 = thigh continues the trunk,
  90 = thigh at right angles in front, negative = thigh behind).
* ``knee``: knee flexion (the shin folds back under the thigh).
* ``foot``: the absolute direction of the foot, heel to toe (90 = flat, pointing forward;
  larger = toes down, as on tiptoe; smaller = toes up). Omitted: flat.
* ``shoulder``: shoulder flexion relative to the trunk line (0 = arm hanging along the
  trunk, 90 = straight forward, 180 = overhead, negative = behind).
* ``elbow``: elbow flexion (the forearm folds towards the front of the upper arm). The
  model is a flat projection, so values outside the anatomical range are allowed where a
  rotated arm needs them (a bar held on the upper back).
* ``curve``: bend of the spine in pixels (positive rounds the back, negative arches it);
  0 is a neutral spine, used for every hinge.

Front view (``view: front``): she faces us, so her right side is on the viewer's left.
``trunk`` tilts the body sideways (positive: top to the viewer's right); ``shoulder`` and
``hip`` are abduction (0 = hanging, 90 = straight out to the side, 180 = overhead);
``elbow`` and ``knee`` bend the forearm and shin further round (elbow) or back towards the
midline (knee); ``reach`` and ``leg_reach`` (0 to 1) shorten a limb that points at us.

Placement: the figure is put on the floor by its lowest point, then raised by ``lift``
(a hop leaves the ground) and moved sideways by ``shift``. ``level: [a, b]`` first turns
the whole body about the hip until the two named points are level (a plank's elbows and
toes), or ``[a, b, dy]`` until ``a`` is ``dy`` above ``b``. ``support`` puts body points on
furniture: ``step``, ``box`` and ``stair1``/``stair2`` have fixed heights; ``chair``,
``bench`` and ``seat`` are drawn up to wherever the point is. ``grip_height`` hangs the
figure by its hands at that height (a chin-up).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from .errors import DomainError

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

PROP_KINDS = frozenset({
    "dumbbell", "kettlebell", "barbell", "band", "cable", "lever", "chair", "wall", "mat",
    "incline", "leg_press", "smith", "landmine", "pull_up_bar", "dowel", "obstacle", "post",
    "step", "box", "counter", "pad",
})  # fmt: skip
_PROP_FIELDS = frozenset({"kind", "at", "to", "x", "y", "angle", "side", "size"})

_SIDED = ("hip", "knee", "foot", "shoulder", "elbow", "reach", "leg_reach")
_NUMBERS = frozenset({
    "trunk", "neck", "curve", "shrug", "lift", "shift", "grip_height",
    *(f"{k}_{s}" for k in _SIDED for s in ("l", "r")),
})  # fmt: skip
POSE_KEYS = frozenset({*_NUMBERS, *_SIDED, "view", "level", "support", "eyes", "props", "marks"})


class PoseError(DomainError):
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


def _dir(angle: float) -> Point:
    """Unit vector for an angle in degrees from straight up, positive towards +x."""
    r = math.radians(angle)
    return math.sin(r), math.cos(r)


def _add(p: Point, v: Point, k: float = 1.0) -> Point:
    return p[0] + k * v[0], p[1] + k * v[1]


def _mid(points: Sequence[Point]) -> Point:
    return (
        sum(p[0] for p in points) / len(points),
        sum(p[1] for p in points) / len(points),
    )


def _rotate(p: Point, about: Point, degrees: float) -> Point:
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
# Skeleton
# =========================================================================================


def _skeleton(pose: Pose) -> dict[str, Point]:
    """Joint positions with the hip at the origin, before levelling and placing."""
    if pose.view == "front":
        return _front_skeleton(pose)
    t = pose.trunk
    hip: Point = (0.0, 0.0)
    shoulder = _add(hip, _dir(t), TRUNK + pose.shrug)
    pts: dict[str, Point] = {
        "hip": hip,
        "hip_l": hip,
        "hip_r": hip,
        "shoulder": shoulder,
        "shoulder_l": shoulder,
        "shoulder_r": shoulder,
        "head": _add(shoulder, _dir(t + pose.neck), NECK - pose.shrug),
    }
    for s in ("l", "r"):
        reach: float = getattr(pose, f"reach_{s}")
        upper = t + 180 - getattr(pose, f"shoulder_{s}")
        elbow = _add(shoulder, _dir(upper), UPPER_ARM * reach)
        fore = upper - getattr(pose, f"elbow_{s}")
        pts[f"elbow_{s}"] = elbow
        pts[f"hand_{s}"] = _add(elbow, _dir(fore), FOREARM * reach)
        thigh = t + 180 - getattr(pose, f"hip_{s}")
        knee = _add(hip, _dir(thigh), THIGH)
        shank = thigh + getattr(pose, f"knee_{s}")
        ankle = _add(knee, _dir(shank), SHANK)
        foot_angle = getattr(pose, f"foot_{s}")
        foot = 90.0 if foot_angle is None else foot_angle
        sole = _add(ankle, _dir(foot + 90), SOLE_DROP)
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = _add(sole, _dir(foot), -HEEL)
        pts[f"toe_{s}"] = _add(sole, _dir(foot), FOOT - HEEL)
    return pts


def _front_skeleton(pose: Pose) -> dict[str, Point]:
    t = pose.trunk
    up = _dir(t)
    right = _dir(t + 90)
    hip: Point = (0.0, 0.0)
    shoulder = _add(hip, up, TRUNK + pose.shrug)
    pts: dict[str, Point] = {
        "hip": hip,
        "shoulder": shoulder,
        "head": _add(shoulder, _dir(t + pose.neck), NECK - pose.shrug),
    }
    for s, sign in (("l", 1.0), ("r", -1.0)):
        sh = _add(shoulder, right, sign * SHOULDER_HALF)
        hp = _add(hip, right, sign * HIP_HALF)
        reach: float = getattr(pose, f"reach_{s}")
        upper = t + 180 - sign * getattr(pose, f"shoulder_{s}")
        elbow = _add(sh, _dir(upper), UPPER_ARM * reach)
        fore = upper - sign * getattr(pose, f"elbow_{s}")
        leg: float = getattr(pose, f"leg_reach_{s}")
        thigh = t + 180 - sign * getattr(pose, f"hip_{s}")
        knee = _add(hp, _dir(thigh), THIGH * leg)
        shank = thigh + sign * getattr(pose, f"knee_{s}")
        ankle = _add(knee, _dir(shank), SHANK * leg)
        heel = _add(ankle, _dir(t + 180), SOLE_DROP)
        pts[f"shoulder_{s}"] = sh
        pts[f"hip_{s}"] = hp
        pts[f"elbow_{s}"] = elbow
        pts[f"hand_{s}"] = _add(elbow, _dir(fore), FOREARM * reach)
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = _add(heel, right, -sign * 2)
        pts[f"toe_{s}"] = _add(heel, right, sign * 8)
    return pts


def _support_height(pose: Pose, name: str) -> float | None:
    """The fixed support under a body point, if any (``None``: not on fixed furniture)."""
    for where, support in pose.on:
        if name in expand_points(where) and support in FIXED_SUPPORTS:
            return FIXED_SUPPORTS[support]
    return None


def _adaptive(pose: Pose) -> set[str]:
    names: set[str] = set()
    for where, support in pose.on:
        if support in ADAPTIVE_SUPPORTS:
            names.update(expand_points(where))
    return names


def place(pose: Pose) -> dict[str, Point]:
    """Joint positions in world coordinates: levelled, on the floor, lifted and shifted."""
    pts = _skeleton(pose)
    if pose.level is not None:
        a_name, b_name, dy = pose.level
        a = _mid([pts[n] for n in expand_points(a_name)])
        b = _mid([pts[n] for n in expand_points(b_name)])
        ra = max(radius_of(n) for n in expand_points(a_name))
        rb = max(radius_of(n) for n in expand_points(b_name))
        # Bottoms level (a's bottom dy above b's): rotate a about b.
        dx = a[0] - b[0]
        want = dy + ra - rb
        dist = math.hypot(dx, a[1] - b[1])
        if dist > abs(want):
            current = math.degrees(math.atan2(a[1] - b[1], dx))
            target = math.degrees(math.asin(want / dist))
            if dx < 0:
                target = 180 - target
            turn = current - target
            turn = (turn + 180) % 360 - 180
            pts = {k: _rotate(p, b, turn) for k, p in pts.items()}
    skip = _adaptive(pose)
    if pose.grip_height is not None:
        hands = _mid([pts["hand_l"], pts["hand_r"]])
        dy_world = pose.grip_height - hands[1]
    else:
        lows = []
        for name, p in pts.items():
            if name in skip or name in ("hip", "shoulder") and pose.view == "front":
                continue
            lows.append(p[1] - radius_of(name) - (_support_height(pose, name) or 0.0))
        dy_world = -min(lows) + pose.lift
    hip_x = pts["hip"][0]
    return {k: (p[0] - hip_x + pose.shift, p[1] + dy_world) for k, p in pts.items()}


# =========================================================================================
# Drawing
# =========================================================================================


def _limb(points: Sequence[Point], tone: str, width: float = LIMB_W) -> Shape:
    return Shape(kind="line", points=tuple(points), tone=tone, width=width)


def _rect(x0: float, y0: float, x1: float, y1: float, tone: str, fill: str) -> Shape:
    return Shape(
        kind="polygon",
        points=((x0, y0), (x1, y0), (x1, y1), (x0, y1)),
        tone=tone,
        width=2.0,
        fill=fill,
    )


def draw(pose: Pose) -> Drawing:
    """The figure and its props as shapes, back to front."""
    pts = place(pose)
    back: list[Shape] = []
    front: list[Shape] = []
    for prop in pose.props:
        b, f = _prop_shapes(prop, pose, pts)
        back += b
        front += f
    back += _support_shapes(pose, pts)
    body = _front_body(pose, pts) if pose.view == "front" else _side_body(pose, pts)
    marks = _marks(pose, pts)
    return Drawing(shapes=tuple(back + body + front + marks), points=pts)


def _side_body(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    out: list[Shape] = []

    def arm(s: str, tone: str) -> None:
        out.append(_limb([p["shoulder"], p[f"elbow_{s}"], p[f"hand_{s}"]], tone))

    def leg(s: str, tone: str) -> None:
        out.append(_limb([p["hip"], p[f"knee_{s}"], p[f"ankle_{s}"]], tone))
        out.append(_limb([p[f"heel_{s}"], p[f"toe_{s}"]], tone, FOOT_W))
        out.append(_limb([p[f"ankle_{s}"], _mid([p[f"heel_{s}"], p[f"toe_{s}"]])], tone, 7.0))

    arm("l", "far")
    leg("l", "far")
    hip, shoulder = p["hip"], p["shoulder"]
    if abs(pose.curve) > 0.5:
        back_dir = _dir(pose.trunk - 90)
        if pose.level is not None:  # follow the levelled trunk
            vx, vy = shoulder[0] - hip[0], shoulder[1] - hip[1]
            n = math.hypot(vx, vy) or 1.0
            back_dir = (-vy / n, vx / n)
        control = _add(_mid([hip, shoulder]), back_dir, 2 * pose.curve)
        out.append(Shape(kind="curve", points=(hip, control, shoulder), tone="body", width=TRUNK_W))
    else:
        out.append(_limb([hip, shoulder], "body", TRUNK_W))
    out.append(_limb([shoulder, p["head"]], "body", NECK_W))
    out += _head(pose, p, side=True)
    leg("r", "body")
    arm("r", "body")
    return out


def _front_body(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    out: list[Shape] = []
    for s in ("l", "r"):
        out.append(_limb([p[f"hip_{s}"], p[f"knee_{s}"], p[f"ankle_{s}"]], "body"))
        out.append(_limb([p[f"heel_{s}"], p[f"toe_{s}"]], "body", FOOT_W))
        out.append(_limb([p[f"ankle_{s}"], p[f"heel_{s}"]], "body", 7.0))
    out.append(
        Shape(
            kind="polygon",
            points=(p["shoulder_r"], p["shoulder_l"], p["hip_l"], p["hip_r"]),
            tone="body",
            width=10.0,
            fill="body",
        )
    )
    out.append(_limb([p["shoulder"], p["head"]], "body", NECK_W))
    out += _head(pose, p, side=False)
    for s in ("l", "r"):
        out.append(_limb([p[f"shoulder_{s}"], p[f"elbow_{s}"], p[f"hand_{s}"]], "body"))
    return out


def _head(pose: Pose, p: Mapping[str, Point], *, side: bool) -> list[Shape]:
    head = p["head"]
    neck = p["shoulder"]
    vx, vy = head[0] - neck[0], head[1] - neck[1]
    n = math.hypot(vx, vy) or 1.0
    up = (vx / n, vy / n)
    facing = (up[1], -up[0])  # the face: a quarter turn clockwise from "up the neck"
    out = [Shape(kind="circle", points=(head,), radius=HEAD_R, tone="body", fill="body")]
    if side:
        bun = _add(_add(head, facing, -9.0), up, 3.5)
        out.insert(0, Shape(kind="circle", points=(bun,), radius=4.5, tone="body", fill="body"))
        eyes = [_add(_add(head, facing, 5.0), up, 2.0)]
    else:
        eyes = [_add(_add(head, facing, k), up, 2.0) for k in (-4.0, 4.0)]
    for eye in eyes:
        if pose.eyes == "closed":
            out.append(_limb([_add(eye, facing, -1.8), _add(eye, facing, 1.8)], "eye", 1.4))
        else:
            out.append(Shape(kind="circle", points=(eye,), radius=1.6, tone="eye", fill="eye"))
    return out


def _marks(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    kind = pose.marks
    if kind == "auto":
        kind = "jump" if pose.lift > 0 else "none"
    out: list[Shape] = []
    if kind == "jump":
        feet = [_mid([p[f"heel_{s}"], p[f"toe_{s}"]]) for s in ("l", "r")]
        xs = sorted({round(f[0]) for f in feet})
        for x in xs:
            for i, half in enumerate((9.0, 6.0)):
                y = 4.0 + 4.0 * i
                out.append(_limb([(x - half, y), (x + half, y)], "motion", 1.6))
    elif kind == "impact":
        heel = p["heel_r"]
        for ang in (-60.0, -30.0, 30.0, 60.0):
            d = _dir(ang)
            base = (heel[0] + 3, 1.0)
            out.append(_limb([_add(base, d, 6.0), _add(base, d, 12.0)], "motion", 1.6))
    return out


# =========================================================================================
# Furniture and props
# =========================================================================================


def _support_shapes(pose: Pose, pts: Mapping[str, Point]) -> list[Shape]:
    by_support: dict[str, list[str]] = {}
    for where, support in pose.on:
        by_support.setdefault(support, []).extend(expand_points(where))
    out: list[Shape] = []
    for support, names in by_support.items():
        xs = [pts[n][0] for n in names]
        if support in FIXED_SUPPORTS and support.startswith("stair"):
            continue  # drawn once below, with all its steps
        if support in FIXED_SUPPORTS:
            h = FIXED_SUPPORTS[support]
            half = 24.0 if support == "box" else 20.0
            lo, hi = min(xs), max(xs)
            centre = (lo + hi) / 2
            half = max(half, (hi - lo) / 2 + 8)
            out.append(_rect(centre - half, 0, centre + half, h, "frame", "frame_fill"))
            continue
        top = min(pts[n][1] - radius_of(n) for n in names)
        out += _furniture(support, pose, pts, names, top)
    stair_feet = [n for where, s in pose.on if s.startswith("stair") for n in expand_points(where)]
    if stair_feet:
        out += _stairs(pose, pts)
    return out


def _stairs(pose: Pose, pts: Mapping[str, Point]) -> list[Shape]:
    first = [n for where, s in pose.on if s == "stair1" for n in expand_points(where)]
    anchor = min(pts[n][0] for n in first) - 8 if first else 0.0
    rise, depth = FIXED_SUPPORTS["stair1"], 30.0
    outline: list[Point] = [(anchor - 30, 0.0), (anchor, 0.0)]
    for i in range(1, 4):
        x = anchor + (i - 1) * depth
        outline += [(x, rise * i), (x + depth, rise * i)]
    outline += [(anchor + 3 * depth, 0.0)]
    shape = Shape(
        kind="polygon", points=tuple(outline[1:]), tone="frame", width=2.0, fill="frame_fill"
    )
    return [shape]


def _furniture(
    support: str, pose: Pose, pts: Mapping[str, Point], names: Sequence[str], top: float
) -> list[Shape]:
    xs = [pts[n][0] for n in names]
    lo, hi = min(xs), max(xs)
    top = max(top, 12.0)
    if support == "chair":
        if pose.view == "front":
            return _front_chair(lo - 16, hi + 16, top)
        back_x = lo - 14
        return _side_chair(back_x, top, facing=1.0)
    if support == "seat":
        centre = (lo + hi) / 2
        return [
            _rect(centre - 16, top - 7, centre + 16, top, "frame", "frame_fill"),
            _limb([(centre, top - 7), (centre, 0)], "frame", 5.0),
            _limb([(centre - 16, 1), (centre + 16, 1)], "frame", 4.0),
        ]
    # bench: a pad spanning the supported points, longer on the side away from the body
    body_x = pts["hip"][0] if "hip" not in names else _mid([pts["knee_r"], pts["head"]])[0]
    if hi - lo < 30:
        if (lo + hi) / 2 < body_x:
            lo -= 40
        else:
            hi += 40
    lo, hi = lo - 10, hi + 10
    return [
        _rect(lo, top - 8, hi, top, "frame", "frame_fill"),
        _limb([(lo + 8, top - 8), (lo + 8, 0)], "frame", 4.0),
        _limb([(hi - 8, top - 8), (hi - 8, 0)], "frame", 4.0),
    ]


def _side_chair(back_x: float, seat: float, *, facing: float, back_h: float = 44.0) -> list[Shape]:
    """A chair seen from the side; ``facing`` +1: the seat runs to the right of its back."""
    front_x = back_x + facing * 36
    return [
        _limb([(back_x, 0), (back_x, seat + back_h)], "frame", 4.0),
        _limb([(back_x, seat), (front_x, seat)], "frame", 5.0),
        _limb([(front_x, seat), (front_x, 0)], "frame", 4.0),
    ]


def _front_chair(x0: float, x1: float, seat: float, back_top: float | None = None) -> list[Shape]:
    top = back_top if back_top is not None else seat + 40
    return [
        _rect(x0, seat, x1, top, "frame", "frame_fill"),
        _limb([(x0 + 2, seat), (x0 + 2, 0)], "frame", 4.0),
        _limb([(x1 - 2, seat), (x1 - 2, 0)], "frame", 4.0),
        _limb([(x0 - 3, seat), (x1 + 3, seat)], "frame", 5.0),
    ]


def _at(prop: Prop, pts: Mapping[str, Point], default: str = "hands") -> list[Point]:
    names = expand_points(prop.at or default)
    return [pts[n] for n in names]


def _prop_shapes(
    prop: Prop, pose: Pose, pts: Mapping[str, Point]
) -> tuple[list[Shape], list[Shape]]:
    kind = prop.kind
    back: list[Shape] = []
    front: list[Shape] = []
    if kind in ("dumbbell", "kettlebell"):
        names = expand_points(prop.at or "hands")
        spots: list[tuple[str, Point]] = []
        for n in names:
            if all(math.dist(pts[n], q) > 7 for _, q in spots):
                spots.append((n, pts[n]))
        for n, spot in spots:
            shapes = (
                _dumbbell(spot, prop.angle) if kind == "dumbbell" else _kettlebell(spot, prop.angle)
            )
            (back if n.endswith("_l") and len(spots) > 1 else front).extend(shapes)
    elif kind == "barbell":
        if prop.at == "back":
            t = math.degrees(
                math.atan2(pts["shoulder"][0] - pts["hip"][0], pts["shoulder"][1] - pts["hip"][1])
            )
            centre = _add(_add(pts["shoulder"], _dir(t - 90), 9.0), _dir(t), 3.0)
        else:
            centre = _add(_mid(_at(prop, pts)), (prop.x or 0.0, prop.y or 0.0))
        plate = _plate(centre, prop.size or 21.0)
        back.append(plate[0])  # the plate behind the body, the bar end in front
        front.append(plate[1])
    elif kind == "band":
        start = _mid(_at(prop, pts))
        if prop.to is not None:
            names = expand_points(prop.to)
            end = _mid([pts[n] for n in names])
            end = (end[0], min(end[1], 2.0)) if prop.to in ("feet", "foot_l", "foot_r") else end
        else:
            end = (prop.x or 0.0, prop.y or 0.0)
            back.append(_limb([(end[0], 0), (end[0], max(end[1] + 30, 150))], "frame", 5.0))
            back.append(Shape(kind="circle", points=(end,), radius=3.5, tone="band", fill="band"))
        front.append(_limb([start, end], "band", 3.5))
    elif kind in ("cable", "lever"):
        anchor = (prop.x or 0.0, prop.y or 0.0)
        hand = _mid(_at(prop, pts))
        side = 1.0 if anchor[0] >= hand[0] else -1.0
        post_x = anchor[0] + side * 10
        back.append(_limb([(post_x, 0), (post_x, max(anchor[1] + 14, 60))], "frame", 7.0))
        back.append(
            _rect(post_x - side * 2 - 8, 2, post_x - side * 2 + 8, 42, "frame", "weight_fill")
        )
        if kind == "cable":
            back.append(_limb([(post_x, anchor[1]), anchor], "frame", 4.0))
            back.append(
                Shape(
                    kind="circle",
                    points=(anchor,),
                    radius=4.5,
                    tone="frame",
                    fill="frame_fill",
                    width=2.0,
                )
            )
            front.append(_limb([anchor, hand], "cable", 1.8))
            front.append(_limb([_add(hand, (0, 1), -5), _add(hand, (0, 1), 5)], "weight", 3.0))
        else:
            back.append(_limb([(post_x, anchor[1]), anchor, hand], "frame", 5.0))
            front.append(
                Shape(
                    kind="circle",
                    points=(hand,),
                    radius=4.0,
                    tone="frame",
                    fill="frame_fill",
                    width=2.0,
                )
            )
    elif kind == "chair":
        if prop.side == "support":
            hands = _at(prop, pts, "hand_r")
            hand = _mid(hands)
            top = min(max(hand[1] - 5, 72.0), 98.0)
            if pose.view == "front":
                xs = [h[0] for h in hands]
                lo, hi = min(xs) - 6, max(xs) + 6
                if hi - lo < 28:
                    lo, hi = hand[0] - 14, hand[0] + 14
                back += [
                    _limb([(lo, 0), (lo, top)], "frame", 4.0),
                    _limb([(hi, 0), (hi, top)], "frame", 4.0),
                ]
                front.append(_limb([(lo, top), (hi, top)], "frame", 5.0))
            else:
                back += _side_chair(hand[0] + 3, 44.0, facing=1.0, back_h=top - 44.0)
        else:
            x = prop.x if prop.x is not None else pts["hip"][0] - 14
            back += _side_chair(x, prop.y or 44.0, facing=1.0)
    elif kind == "wall":
        back += _wall(prop, pose, pts)
    elif kind == "counter":
        x = prop.x if prop.x is not None else max(p[0] for p in pts.values()) + 6
        back.append(_rect(x, 0, x + 40, prop.y or 88.0, "frame", "frame_fill"))
    elif kind == "mat":
        xs = [p[0] for p in pts.values()]
        back.append(_rect(min(xs) - 12, 0, max(xs) + 12, 4, "mat", "mat"))
    elif kind == "incline":
        back += _incline(prop, pts)
    elif kind == "pad":
        centre = _mid(_at(prop, pts))
        back.append(
            Shape(
                kind="circle",
                points=(centre,),
                radius=prop.size or 7.0,
                tone="frame",
                fill="frame_fill",
                width=2.0,
            )
        )
    elif kind == "leg_press":
        back += _leg_press(pts)
    elif kind == "smith":
        centre = pts["shoulder"] if prop.at == "back" else _mid(_at(prop, pts))
        x = centre[0] + (prop.x or -12.0)
        back.append(_limb([(x, 0), (x, 215)], "frame", 5.0))
    elif kind == "landmine":
        hand = _mid(_at(prop, pts))
        pivot = (prop.x or 90.0, 5.0)
        d = (hand[0] - pivot[0], hand[1] - pivot[1])
        length = math.hypot(*d) or 1.0
        u = (d[0] / length, d[1] / length)
        tip = _add(hand, u, 12.0)
        perp = (-u[1], u[0])
        back.append(_rect(pivot[0] - 8, 0, pivot[0] + 8, 8, "frame", "frame_fill"))
        front.append(_limb([pivot, tip], "weight", 4.0))
        front.append(_limb([_add(tip, perp, -17), _add(tip, perp, 17)], "weight", 7.0))
    elif kind == "pull_up_bar":
        hand = _mid(_at(prop, pts))
        bar = (hand[0], hand[1] + 3)
        post = prop.x if prop.x is not None else bar[0] - 40
        back.append(_limb([(post, 0), (post, bar[1]), bar], "frame", 5.0))
        front.append(
            Shape(kind="circle", points=(bar,), radius=4.0, tone="frame", fill="frame", width=2.0)
        )
    elif kind == "dowel":
        hip, shoulder = pts["hip"], pts["shoulder"]
        t = math.degrees(math.atan2(shoulder[0] - hip[0], shoulder[1] - hip[1]))
        off = _dir(t - 90)
        a = _add(_add(hip, off, 12.0), _dir(t), -8.0)
        b = _add(_add(shoulder, off, 12.0), _dir(t), 34.0)
        front.append(_limb([a, b], "weight", 4.0))
    elif kind == "obstacle":
        x = prop.x or 30.0
        back.append(
            Shape(
                kind="circle",
                points=((x, 6.0),),
                radius=6.0,
                tone="frame",
                fill="frame_fill",
                width=2.0,
            )
        )
    elif kind == "post":
        x = prop.x or 0.0
        back.append(_limb([(x, 0), (x, prop.y or 190.0)], "frame", 6.0))
    elif kind in ("step", "box"):
        h = FIXED_SUPPORTS[kind]
        x = prop.x if prop.x is not None else 0.0
        if prop.at is not None:
            x = _mid(_at(prop, pts))[0]
        half = prop.size or (24.0 if kind == "box" else 20.0)
        back.append(_rect(x - half, 0, x + half, h, "frame", "frame_fill"))
    return back, front


def _dumbbell(centre: Point, angle: float) -> list[Shape]:
    along = _dir(angle + 90)
    across = _dir(angle)
    a, b = _add(centre, along, -8), _add(centre, along, 8)
    out = [_limb([a, b], "weight", 3.5)]
    for end in (a, b):
        out.append(_limb([_add(end, across, -6), _add(end, across, 6)], "weight", 6.0))
    return out


def _kettlebell(hand: Point, angle: float) -> list[Shape]:
    down = _dir(angle + 180)
    bell = _add(hand, down, 12.0)
    return [
        Shape(kind="circle", points=(_add(hand, down, 3.0),), radius=4.5, tone="weight", width=2.5),
        Shape(
            kind="circle",
            points=(bell,),
            radius=8.0,
            tone="weight",
            fill="weight_fill",
            width=WEIGHT_W,
        ),
    ]


def _plate(centre: Point, radius: float) -> list[Shape]:
    return [
        Shape(
            kind="circle",
            points=(centre,),
            radius=radius,
            tone="weight",
            fill="weight_fill",
            width=WEIGHT_W,
            opacity=0.45,
        ),
        Shape(kind="circle", points=(centre,), radius=3.5, tone="weight", fill="weight"),
    ]


def _wall(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> list[Shape]:
    if prop.side == "behind":
        return [
            Shape(
                kind="polygon",
                points=((-400, 0), (400, 0), (400, prop.y or 150), (-400, prop.y or 150)),
                tone="wall_fill",
                fill="wall_fill",
                bounded=False,
            ),
        ]
    if prop.x is not None:
        x = prop.x
        sign = 1.0 if prop.side != "back" else -1.0
    elif prop.side == "back":
        x = min(p[0] - radius_of(n) for n, p in pts.items())
        sign = -1.0
    else:
        x = max(p[0] + radius_of(n) for n, p in pts.items())
        sign = 1.0
    x += sign * 2.5
    out = [_limb([(x, 0), (x, 212)], "frame", 5.0)]
    for i in range(8):
        y = 18 + i * 26
        out.append(_limb([(x + sign * 3, y), (x + sign * 11, y + 8)], "frame", 1.5))
    return out


def _incline(prop: Prop, pts: Mapping[str, Point]) -> list[Shape]:
    hip, shoulder = pts["hip"], pts["shoulder"]
    t = math.degrees(math.atan2(shoulder[0] - hip[0], shoulder[1] - hip[1]))
    side = -90.0 if prop.side != "front" else 90.0
    off = _dir(t + side)
    a = _add(_add(hip, off, 13.0), _dir(t), -6.0)
    b = _add(_add(hip, off, 13.0), _dir(t), TRUNK * (prop.size or 1.1))
    mid = _mid([a, b])
    return [
        _limb([a, b], "frame", 9.0),
        _limb([a, b], "frame_fill", 5.0),
        _limb([mid, (mid[0] + (6 if side < 0 else -6), 0)], "frame", 4.0),
    ]


def _leg_press(pts: Mapping[str, Point]) -> list[Shape]:
    heel, toe = pts["heel_r"], pts["toe_r"]
    d = (toe[0] - heel[0], toe[1] - heel[1])
    n = math.hypot(*d) or 1.0
    u = (d[0] / n, d[1] / n)
    sole = (u[1], -u[0])  # a quarter turn clockwise: the sole side of the foot
    centre = _add(_mid([heel, toe]), sole, 4.0)
    a, b = _add(centre, u, -16), _add(centre, u, 20)
    a, b = (a[0], max(a[1], 3.0)), (b[0], max(b[1], 3.0))
    base = (centre[0] + 46, 0.0)
    return [
        _limb([centre, base], "frame", 6.0),
        _limb([a, b], "frame", 7.0),
    ]


# =========================================================================================
# Building poses from data
# =========================================================================================


def _number(value: Any, where: str, key: str, problems: list[str]) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        problems.append(f"{where}: {key} must be a number, got {value!r}")
        return None
    if abs(value) > 720:
        problems.append(f"{where}: {key} {value} is out of range; allowed -720 to 720")
        return None
    return float(value)


def _expand(raw: Mapping[str, Any]) -> dict[str, Any]:
    """Spread a two-sided key (``hip``) into ``hip_l`` and ``hip_r``."""
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in _SIDED:
            out[f"{key}_l"] = value
            out[f"{key}_r"] = value
        else:
            out[key] = value
    return out


def build_pose(raw: Mapping[str, Any], where: str) -> Pose:
    """Validate one merged pose mapping and build the :class:`Pose`."""
    problems: list[str] = []
    values = _expand(raw)
    kwargs: dict[str, Any] = {}
    for key, value in values.items():
        if key not in POSE_KEYS:
            problems.append(f"{where}: unknown pose key {key!r} (quote yes/no/on/off in YAML)")
        elif key in _NUMBERS:
            if value is None and key.startswith("foot_"):
                kwargs[key] = None
                continue
            number = _number(value, where, key, problems)
            if number is not None:
                kwargs[key] = number
    view = values.get("view", "side")
    if view not in ("side", "front"):
        problems.append(f"{where}: view {view!r} is not one of side, front")
    kwargs["view"] = view
    eyes = values.get("eyes", "open")
    if eyes not in ("open", "closed"):
        problems.append(f"{where}: eyes {eyes!r} is not one of open, closed")
    kwargs["eyes"] = eyes
    marks = values.get("marks", "auto")
    if marks not in ("auto", "jump", "impact", "none"):
        problems.append(f"{where}: marks {marks!r} is not one of auto, jump, impact, none")
    kwargs["marks"] = marks
    level = values.get("level")
    if level is not None:
        kwargs["level"] = _level(level, where, problems)
    on = values.get("support", {})
    if not isinstance(on, Mapping):
        problems.append(f"{where}: support must map body points to furniture")
        on = {}
    pairs: list[tuple[str, str]] = []
    for point, support in on.items():
        if point not in POINT_GROUPS and point not in BODY_POINTS:
            problems.append(f"{where}: support: unknown body point {point!r}")
        elif support not in FIXED_SUPPORTS and support not in ADAPTIVE_SUPPORTS:
            allowed = ", ".join(sorted({*FIXED_SUPPORTS, *ADAPTIVE_SUPPORTS}))
            problems.append(f"{where}: support: {support!r} is not furniture; allowed: {allowed}")
        else:
            pairs.append((str(point), str(support)))
    kwargs["on"] = tuple(pairs)
    props = values.get("props", [])
    if not isinstance(props, list):
        problems.append(f"{where}: props must be a list")
        props = []
    kwargs["props"] = tuple(p for p in (_prop(x, where, problems) for x in props) if p)
    if problems:
        raise PoseError("\n  ".join(problems))
    return Pose(**kwargs)


def _level(value: Any, where: str, problems: list[str]) -> tuple[str, str, float] | None:
    if not isinstance(value, list) or len(value) not in (2, 3):
        problems.append(f"{where}: level must be [point, point] or [point, point, height]")
        return None
    a, b = value[0], value[1]
    for name in (a, b):
        if name not in POINT_GROUPS and name not in BODY_POINTS:
            problems.append(f"{where}: level: unknown body point {name!r}")
            return None
    dy = _number(value[2], where, "level height", problems) if len(value) == 3 else 0.0
    return (str(a), str(b), dy or 0.0)


def _prop(raw: Any, where: str, problems: list[str]) -> Prop | None:
    if isinstance(raw, str):
        raw = {"kind": raw}
    if not isinstance(raw, Mapping):
        problems.append(f"{where}: a prop must be a name or a mapping, got {raw!r}")
        return None
    unknown = sorted(set(raw) - _PROP_FIELDS)
    if unknown:
        problems.append(f"{where}: prop fields {', '.join(unknown)} unknown")
        return None
    kind = raw.get("kind")
    if kind not in PROP_KINDS:
        problems.append(
            f"{where}: prop kind {kind!r} unknown; allowed: {', '.join(sorted(PROP_KINDS))}"
        )
        return None
    for ref in ("at", "to"):
        name = raw.get(ref)
        if (
            name is not None
            and name != "back"
            and name not in POINT_GROUPS
            and name not in BODY_POINTS
        ):
            problems.append(f"{where}: {kind} {ref}: unknown body point {name!r}")
            return None
    nums: dict[str, float | None] = {}
    for key in ("x", "y", "angle", "size"):
        if raw.get(key) is not None:
            nums[key] = _number(raw[key], where, f"{kind} {key}", problems)
    return Prop(
        kind=str(kind),
        at=raw.get("at"),
        to=raw.get("to"),
        x=nums.get("x"),
        y=nums.get("y"),
        angle=nums.get("angle") or 0.0,
        side=str(raw.get("side", "")),
        size=nums.get("size"),
    )


@dataclass(slots=True)
class _Entry:
    start: dict[str, Any] = field(default_factory=dict)
    end: dict[str, Any] = field(default_factory=dict)
    say_start: str = ""
    say_end: str = ""
    frame: str = "full"


_ENTRY_KEYS = frozenset({"template", "like", "both", "start", "end", "say", "frame"})


def build_pose_library(
    raw: Mapping[str, Any], patterns: Mapping[str, str]
) -> dict[str, Illustration]:
    """Validate the pose data and resolve one :class:`Illustration` per exercise.

    ``raw`` has ``templates`` (named start/end poses), ``patterns`` (the default template
    of each movement pattern) and ``exercises`` (per exercise id: ``template`` or ``like``
    another exercise, then overrides in ``both``, ``start`` and ``end``, and ``say``).
    ``patterns`` maps every catalogue id to its movement pattern; an exercise without an
    entry uses its pattern's template. Raises :class:`PoseError` listing every problem.
    """
    problems: list[str] = []
    templates = raw.get("templates", {})
    defaults = raw.get("patterns", {})
    entries = raw.get("exercises", {})
    for name, section in (("templates", templates), ("patterns", defaults), ("exercises", entries)):
        if not isinstance(section, Mapping):
            raise PoseError(f"poses: {name} must be a mapping")
    for ex_id in entries:
        if ex_id not in patterns:
            problems.append(f"exercises.{ex_id}: not an exercise in the catalogue")
    resolved: dict[str, _Entry] = {}

    def resolve(kind: str, name: str, trail: tuple[str, ...]) -> _Entry | None:
        key = f"{kind}.{name}"
        if key in trail:
            problems.append(f"{key}: refers to itself through {' -> '.join(trail)}")
            return None
        if key in resolved:
            return resolved[key]
        if kind == "templates":
            spec = templates.get(name)
        else:
            spec = entries.get(name)
            if spec is None:
                pattern = patterns.get(name)
                default = defaults.get(pattern) if pattern else None
                if default is None:
                    problems.append(
                        f"exercises.{name}: no pose, and pattern {pattern!r} has no "
                        "default template"
                    )
                    return None
                spec = {"template": default}
        if spec is None:
            problems.append(f"{' -> '.join(trail)}: unknown {kind[:-1]} {name!r}")
            return None
        if not isinstance(spec, Mapping):
            problems.append(f"{key}: must be a mapping")
            return None
        unknown = sorted(set(spec) - _ENTRY_KEYS)
        if unknown:
            problems.append(f"{key}: unknown field(s) {', '.join(unknown)}")
        base = _Entry()
        if "template" in spec:
            got = resolve("templates", str(spec["template"]), (*trail, key))
            base = got if got is not None else base
        elif "like" in spec:
            got = resolve("exercises", str(spec["like"]), (*trail, key))
            base = got if got is not None else base
        entry = _Entry(
            start=dict(base.start),
            end=dict(base.end),
            say_start=base.say_start,
            say_end=base.say_end,
            frame=str(spec.get("frame", base.frame)),
        )
        for part in ("both", "start", "end"):
            layer = spec.get(part, {})
            if not isinstance(layer, Mapping):
                problems.append(f"{key}.{part}: must be a mapping")
                continue
            expanded = _expand(layer)
            for target in ("start", "end") if part == "both" else (part,):
                getattr(entry, target).update(expanded)
        say = spec.get("say", {})
        if not isinstance(say, Mapping):
            problems.append(f"{key}.say: must map start and end to words")
        else:
            entry.say_start = str(say.get("start", entry.say_start))
            entry.say_end = str(say.get("end", entry.say_end))
        resolved[key] = entry
        return entry

    library: dict[str, Illustration] = {}
    for ex_id in patterns:
        entry = resolve("exercises", ex_id, ())
        if entry is None:
            continue
        if not entry.say_start or not entry.say_end:
            problems.append(f"exercises.{ex_id}: needs words for both start and end (say)")
        if entry.frame not in ("full", "upper"):
            problems.append(f"exercises.{ex_id}: frame {entry.frame!r} is not full or upper")
        try:
            start = build_pose(entry.start, f"exercises.{ex_id}.start")
            end = build_pose(entry.end, f"exercises.{ex_id}.end")
        except PoseError as exc:
            problems.append(str(exc))
            continue
        library[ex_id] = Illustration(
            exercise_id=ex_id,
            start=start,
            end=end,
            say_start=entry.say_start,
            say_end=entry.say_end,
            frame=entry.frame,
        )
    if problems:
        raise PoseError("invalid pose data:\n  " + "\n  ".join(dict.fromkeys(problems)))
    return library


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
