"""Props: each kind of equipment drawn by its own small function, looked up in
:data:`PROP_DRAWERS` (the pose data may name only those kinds).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

from .furniture import side_chair
from .model import (
    FIXED_SUPPORTS,
    TRUNK,
    WEIGHT_W,
    Point,
    Pose,
    Prop,
    Shape,
    box_shape,
    expand_points,
    heading,
    midpoint,
    offset,
    radius_of,
    stroke,
)

#: How a prop is drawn: shapes behind the body and shapes in front of it.
Layers = tuple[list[Shape], list[Shape]]
PropDrawer = Callable[[Prop, Pose, Mapping[str, Point]], Layers]


def prop_shapes(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """The shapes of one prop, behind and in front of the body (:data:`PROP_DRAWERS`)."""
    return PROP_DRAWERS[prop.kind](prop, pose, pts)


def _at(prop: Prop, pts: Mapping[str, Point], default: str = "hands") -> list[Point]:
    names = expand_points(prop.at or default)
    return [pts[n] for n in names]


def _behind(*shapes: Shape) -> Layers:
    return list(shapes), []


def _held_weights(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """Dumbbells or kettlebells in the hands (one per hand unless the hands are together);
    the far hand's weight is drawn behind the body."""
    back: list[Shape] = []
    front: list[Shape] = []
    spots: list[tuple[str, Point]] = []
    for n in expand_points(prop.at or "hands"):
        if all(math.dist(pts[n], q) > 7 for _, q in spots):
            spots.append((n, pts[n]))
    for n, spot in spots:
        shapes = (
            _dumbbell(spot, prop.angle)
            if prop.kind == "dumbbell"
            else _kettlebell(spot, prop.angle)
        )
        (back if n.endswith("_l") and len(spots) > 1 else front).extend(shapes)
    return back, front


def _barbell(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """A bar end with its plate, on the upper back or in the hands."""
    if prop.at == "back":
        t = math.degrees(
            math.atan2(pts["shoulder"][0] - pts["hip"][0], pts["shoulder"][1] - pts["hip"][1])
        )
        centre = offset(offset(pts["shoulder"], heading(t - 90), 9.0), heading(t), 3.0)
    else:
        centre = offset(midpoint(_at(prop, pts)), (prop.x or 0.0, prop.y or 0.0))
    plate = _plate(centre, prop.size or 21.0)
    return [plate[0]], [plate[1]]  # the plate behind the body, the bar end in front


def _band(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """A band from the hands to a body point (the feet) or to an anchor on a post."""
    back: list[Shape] = []
    start = midpoint(_at(prop, pts))
    if prop.to is not None:
        end = midpoint([pts[n] for n in expand_points(prop.to)])
        end = (end[0], min(end[1], 2.0)) if prop.to in ("feet", "foot_l", "foot_r") else end
    else:
        end = (prop.x or 0.0, prop.y or 0.0)
        back.append(stroke([(end[0], 0), (end[0], max(end[1] + 30, 150))], "frame", 5.0))
        back.append(Shape(kind="circle", points=(end,), radius=3.5, tone="band", fill="band"))
    return back, [stroke([start, end], "band", 3.5)]


def _cable_or_lever(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """A machine post with its weight stack, and a cable (or a lever arm) to the hands."""
    anchor = (prop.x or 0.0, prop.y or 0.0)
    hand = midpoint(_at(prop, pts))
    side = 1.0 if anchor[0] >= hand[0] else -1.0
    post_x = anchor[0] + side * 10
    back = [
        stroke([(post_x, 0), (post_x, max(anchor[1] + 14, 60))], "frame", 7.0),
        box_shape(post_x - side * 2 - 8, 2, post_x - side * 2 + 8, 42, "frame", "weight_fill"),
    ]
    if prop.kind == "cable":
        back.append(stroke([(post_x, anchor[1]), anchor], "frame", 4.0))
        back.append(_ring(anchor, 4.5, fill="frame_fill"))
        front = [
            stroke([anchor, hand], "cable", 1.8),
            stroke([offset(hand, (0, 1), -5), offset(hand, (0, 1), 5)], "weight", 3.0),
        ]
        return back, front
    back.append(stroke([(post_x, anchor[1]), anchor, hand], "frame", 5.0))
    return back, [_ring(hand, 4.0, fill="frame_fill")]


def _ring(centre: Point, radius: float, *, fill: str) -> Shape:
    """A small framed circle: a pulley, a handle, a pad, a bar seen end on."""
    return Shape(kind="circle", points=(centre,), radius=radius, tone="frame", fill=fill, width=2.0)


def _chair(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """A chair to sit on, or (``side: support``) a chair back held for balance."""
    if prop.side != "support":
        x = prop.x if prop.x is not None else pts["hip"][0] - 14
        return _behind(*side_chair(x, prop.y or 44.0, facing=1.0))
    hands = _at(prop, pts, "hand_r")
    hand = midpoint(hands)
    top = min(max(hand[1] - 5, 72.0), 98.0)
    if pose.view != "front":
        return _behind(*side_chair(hand[0] + 3, 44.0, facing=1.0, back_h=top - 44.0))
    xs = [h[0] for h in hands]
    lo, hi = min(xs) - 6, max(xs) + 6
    if hi - lo < 28:
        lo, hi = hand[0] - 14, hand[0] + 14
    back = [stroke([(lo, 0), (lo, top)], "frame", 4.0), stroke([(hi, 0), (hi, top)], "frame", 4.0)]
    return back, [stroke([(lo, top), (hi, top)], "frame", 5.0)]


def _wall_prop(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    return _behind(*_wall(prop, pose, pts))


def _counter(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    x = prop.x if prop.x is not None else max(p[0] for p in pts.values()) + 6
    return _behind(box_shape(x, 0, x + 40, prop.y or 88.0, "frame", "frame_fill"))


def _mat(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    xs = [p[0] for p in pts.values()]
    return _behind(box_shape(min(xs) - 12, 0, max(xs) + 12, 4, "mat", "mat"))


def _incline_prop(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    return _behind(*_incline(prop, pts))


def _pad(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    return _behind(_ring(midpoint(_at(prop, pts)), prop.size or 7.0, fill="frame_fill"))


def _leg_press_prop(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    return _behind(*_leg_press(pts))


def _smith(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    centre = pts["shoulder"] if prop.at == "back" else midpoint(_at(prop, pts))
    x = centre[0] + (prop.x or -12.0)
    return _behind(stroke([(x, 0), (x, 215)], "frame", 5.0))


def _landmine(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    hand = midpoint(_at(prop, pts))
    pivot = (prop.x or 90.0, 5.0)
    d = (hand[0] - pivot[0], hand[1] - pivot[1])
    length = math.hypot(*d) or 1.0
    u = (d[0] / length, d[1] / length)
    tip = offset(hand, u, 12.0)
    perp = (-u[1], u[0])
    back = [box_shape(pivot[0] - 8, 0, pivot[0] + 8, 8, "frame", "frame_fill")]
    front = [
        stroke([pivot, tip], "weight", 4.0),
        stroke([offset(tip, perp, -17), offset(tip, perp, 17)], "weight", 7.0),
    ]
    return back, front


def _pull_up_bar(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    hand = midpoint(_at(prop, pts))
    bar = (hand[0], hand[1] + 3)
    post = prop.x if prop.x is not None else bar[0] - 40
    back = [stroke([(post, 0), (post, bar[1]), bar], "frame", 5.0)]
    return back, [_ring(bar, 4.0, fill="frame")]


def _dowel(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    """A dowel along the back (head, upper back and sacrum touch it)."""
    hip, shoulder = pts["hip"], pts["shoulder"]
    t = math.degrees(math.atan2(shoulder[0] - hip[0], shoulder[1] - hip[1]))
    off = heading(t - 90)
    a = offset(offset(hip, off, 12.0), heading(t), -8.0)
    b = offset(offset(shoulder, off, 12.0), heading(t), 34.0)
    return [], [stroke([a, b], "weight", 4.0)]


def _obstacle(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    return _behind(_ring((prop.x or 30.0, 6.0), 6.0, fill="frame_fill"))


def _post(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    x = prop.x or 0.0
    return _behind(stroke([(x, 0), (x, prop.y or 190.0)], "frame", 6.0))


def _step_or_box(prop: Prop, pose: Pose, pts: Mapping[str, Point]) -> Layers:
    h = FIXED_SUPPORTS[prop.kind]
    x = prop.x if prop.x is not None else 0.0
    if prop.at is not None:
        x = midpoint(_at(prop, pts))[0]
    half = prop.size or (24.0 if prop.kind == "box" else 20.0)
    return _behind(box_shape(x - half, 0, x + half, h, "frame", "frame_fill"))


#: Every prop kind and the small function that draws it (the pose data may name only these).
PROP_DRAWERS: dict[str, PropDrawer] = {
    "dumbbell": _held_weights,
    "kettlebell": _held_weights,
    "barbell": _barbell,
    "band": _band,
    "cable": _cable_or_lever,
    "lever": _cable_or_lever,
    "chair": _chair,
    "wall": _wall_prop,
    "counter": _counter,
    "mat": _mat,
    "incline": _incline_prop,
    "pad": _pad,
    "leg_press": _leg_press_prop,
    "smith": _smith,
    "landmine": _landmine,
    "pull_up_bar": _pull_up_bar,
    "dowel": _dowel,
    "obstacle": _obstacle,
    "post": _post,
    "step": _step_or_box,
    "box": _step_or_box,
}
PROP_KINDS = frozenset(PROP_DRAWERS)


def _dumbbell(centre: Point, angle: float) -> list[Shape]:
    along = heading(angle + 90)
    across = heading(angle)
    a, b = offset(centre, along, -8), offset(centre, along, 8)
    out = [stroke([a, b], "weight", 3.5)]
    for end in (a, b):
        out.append(stroke([offset(end, across, -6), offset(end, across, 6)], "weight", 6.0))
    return out


def _kettlebell(hand: Point, angle: float) -> list[Shape]:
    down = heading(angle + 180)
    bell = offset(hand, down, 12.0)
    return [
        Shape(
            kind="circle", points=(offset(hand, down, 3.0),), radius=4.5, tone="weight", width=2.5
        ),
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
    out = [stroke([(x, 0), (x, 212)], "frame", 5.0)]
    for i in range(8):
        y = 18 + i * 26
        out.append(stroke([(x + sign * 3, y), (x + sign * 11, y + 8)], "frame", 1.5))
    return out


def _incline(prop: Prop, pts: Mapping[str, Point]) -> list[Shape]:
    hip, shoulder = pts["hip"], pts["shoulder"]
    t = math.degrees(math.atan2(shoulder[0] - hip[0], shoulder[1] - hip[1]))
    side = -90.0 if prop.side != "front" else 90.0
    off = heading(t + side)
    a = offset(offset(hip, off, 13.0), heading(t), -6.0)
    b = offset(offset(hip, off, 13.0), heading(t), TRUNK * (prop.size or 1.1))
    mid = midpoint([a, b])
    return [
        stroke([a, b], "frame", 9.0),
        stroke([a, b], "frame_fill", 5.0),
        stroke([mid, (mid[0] + (6 if side < 0 else -6), 0)], "frame", 4.0),
    ]


def _leg_press(pts: Mapping[str, Point]) -> list[Shape]:
    heel, toe = pts["heel_r"], pts["toe_r"]
    d = (toe[0] - heel[0], toe[1] - heel[1])
    n = math.hypot(*d) or 1.0
    u = (d[0] / n, d[1] / n)
    sole = (u[1], -u[0])  # a quarter turn clockwise: the sole side of the foot
    centre = offset(midpoint([heel, toe]), sole, 4.0)
    a, b = offset(centre, u, -16), offset(centre, u, 20)
    a, b = (a[0], max(a[1], 3.0)), (b[0], max(b[1], 3.0))
    base = (centre[0] + 46, 0.0)
    return [
        stroke([centre, base], "frame", 6.0),
        stroke([a, b], "frame", 7.0),
    ]


# =========================================================================================
