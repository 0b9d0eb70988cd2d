"""Furniture under the body (``support``): steps, boxes and stairs of fixed heights; chairs,
benches and seats drawn up to wherever the supported body point is.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .model import (
    FIXED_SUPPORTS,
    Point,
    Pose,
    Shape,
    box_shape,
    expand_points,
    midpoint,
    radius_of,
    stroke,
)

# =========================================================================================
# Furniture and props
# =========================================================================================


def support_shapes(pose: Pose, pts: Mapping[str, Point]) -> list[Shape]:
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
            out.append(box_shape(centre - half, 0, centre + half, h, "frame", "frame_fill"))
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
            return front_chair(lo - 16, hi + 16, top)
        back_x = lo - 14
        return side_chair(back_x, top, facing=1.0)
    if support == "seat":
        centre = (lo + hi) / 2
        return [
            box_shape(centre - 16, top - 7, centre + 16, top, "frame", "frame_fill"),
            stroke([(centre, top - 7), (centre, 0)], "frame", 5.0),
            stroke([(centre - 16, 1), (centre + 16, 1)], "frame", 4.0),
        ]
    # bench: a pad spanning the supported points, longer on the side away from the body
    body_x = pts["hip"][0] if "hip" not in names else midpoint([pts["knee_r"], pts["head"]])[0]
    if hi - lo < 30:
        if (lo + hi) / 2 < body_x:
            lo -= 40
        else:
            hi += 40
    lo, hi = lo - 10, hi + 10
    return [
        box_shape(lo, top - 8, hi, top, "frame", "frame_fill"),
        stroke([(lo + 8, top - 8), (lo + 8, 0)], "frame", 4.0),
        stroke([(hi - 8, top - 8), (hi - 8, 0)], "frame", 4.0),
    ]


def side_chair(back_x: float, seat: float, *, facing: float, back_h: float = 44.0) -> list[Shape]:
    """A chair seen from the side; ``facing`` +1: the seat runs to the right of its back."""
    front_x = back_x + facing * 36
    return [
        stroke([(back_x, 0), (back_x, seat + back_h)], "frame", 4.0),
        stroke([(back_x, seat), (front_x, seat)], "frame", 5.0),
        stroke([(front_x, seat), (front_x, 0)], "frame", 4.0),
    ]


def front_chair(x0: float, x1: float, seat: float, back_top: float | None = None) -> list[Shape]:
    top = back_top if back_top is not None else seat + 40
    return [
        box_shape(x0, seat, x1, top, "frame", "frame_fill"),
        stroke([(x0 + 2, seat), (x0 + 2, 0)], "frame", 4.0),
        stroke([(x1 - 2, seat), (x1 - 2, 0)], "frame", 4.0),
        stroke([(x0 - 3, seat), (x1 + 3, seat)], "frame", 5.0),
    ]
