"""Drawing one pose: :func:`draw` puts the props behind and in front of the body, the
furniture under it, the body (side or front view), the head and the motion marks.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from .furniture import support_shapes
from .model import (
    FOOT_W,
    HEAD_R,
    NECK_W,
    TRUNK_W,
    Drawing,
    Point,
    Pose,
    Shape,
    heading,
    midpoint,
    offset,
    stroke,
)
from .props import prop_shapes
from .skeleton import place

# Drawing
# =========================================================================================


def draw(pose: Pose) -> Drawing:
    """The figure and its props as shapes, back to front."""
    pts = place(pose)
    back: list[Shape] = []
    front: list[Shape] = []
    for prop in pose.props:
        b, f = prop_shapes(prop, pose, pts)
        back += b
        front += f
    back += support_shapes(pose, pts)
    body = _front_body(pose, pts) if pose.view == "front" else _side_body(pose, pts)
    marks = _marks(pose, pts)
    return Drawing(shapes=tuple(back + body + front + marks), points=pts)


def _side_body(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    out: list[Shape] = []

    def arm(s: str, tone: str) -> None:
        out.append(stroke([p["shoulder"], p[f"elbow_{s}"], p[f"hand_{s}"]], tone))

    def leg(s: str, tone: str) -> None:
        out.append(stroke([p["hip"], p[f"knee_{s}"], p[f"ankle_{s}"]], tone))
        out.append(stroke([p[f"heel_{s}"], p[f"toe_{s}"]], tone, FOOT_W))
        out.append(stroke([p[f"ankle_{s}"], midpoint([p[f"heel_{s}"], p[f"toe_{s}"]])], tone, 7.0))

    arm("l", "far")
    leg("l", "far")
    hip, shoulder = p["hip"], p["shoulder"]
    if abs(pose.curve) > 0.5:
        back_dir = heading(pose.trunk - 90)
        if pose.level is not None:  # follow the levelled trunk
            vx, vy = shoulder[0] - hip[0], shoulder[1] - hip[1]
            n = math.hypot(vx, vy) or 1.0
            back_dir = (-vy / n, vx / n)
        control = offset(midpoint([hip, shoulder]), back_dir, 2 * pose.curve)
        out.append(Shape(kind="curve", points=(hip, control, shoulder), tone="body", width=TRUNK_W))
    else:
        out.append(stroke([hip, shoulder], "body", TRUNK_W))
    out.append(stroke([shoulder, p["head"]], "body", NECK_W))
    out += _head(pose, p, side=True)
    leg("r", "body")
    arm("r", "body")
    return out


def _front_body(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    out: list[Shape] = []
    for s in ("l", "r"):
        out.append(stroke([p[f"hip_{s}"], p[f"knee_{s}"], p[f"ankle_{s}"]], "body"))
        out.append(stroke([p[f"heel_{s}"], p[f"toe_{s}"]], "body", FOOT_W))
        out.append(stroke([p[f"ankle_{s}"], p[f"heel_{s}"]], "body", 7.0))
    out.append(
        Shape(
            kind="polygon",
            points=(p["shoulder_r"], p["shoulder_l"], p["hip_l"], p["hip_r"]),
            tone="body",
            width=10.0,
            fill="body",
        )
    )
    out.append(stroke([p["shoulder"], p["head"]], "body", NECK_W))
    out += _head(pose, p, side=False)
    for s in ("l", "r"):
        out.append(stroke([p[f"shoulder_{s}"], p[f"elbow_{s}"], p[f"hand_{s}"]], "body"))
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
        bun = offset(offset(head, facing, -9.0), up, 3.5)
        out.insert(0, Shape(kind="circle", points=(bun,), radius=4.5, tone="body", fill="body"))
        eyes = [offset(offset(head, facing, 5.0), up, 2.0)]
    else:
        eyes = [offset(offset(head, facing, k), up, 2.0) for k in (-4.0, 4.0)]
    for eye in eyes:
        if pose.eyes == "closed":
            out.append(stroke([offset(eye, facing, -1.8), offset(eye, facing, 1.8)], "eye", 1.4))
        else:
            out.append(Shape(kind="circle", points=(eye,), radius=1.6, tone="eye", fill="eye"))
    return out


def _marks(pose: Pose, p: Mapping[str, Point]) -> list[Shape]:
    kind = pose.marks
    if kind == "auto":
        kind = "jump" if pose.lift > 0 else "none"
    out: list[Shape] = []
    if kind == "jump":
        feet = [midpoint([p[f"heel_{s}"], p[f"toe_{s}"]]) for s in ("l", "r")]
        xs = sorted({round(f[0]) for f in feet})
        for x in xs:
            for i, half in enumerate((9.0, 6.0)):
                y = 4.0 + 4.0 * i
                out.append(stroke([(x - half, y), (x + half, y)], "motion", 1.6))
    elif kind == "impact":
        heel = p["heel_r"]
        for ang in (-60.0, -30.0, 30.0, 60.0):
            d = heading(ang)
            base = (heel[0] + 3, 1.0)
            out.append(stroke([offset(base, d, 6.0), offset(base, d, 12.0)], "motion", 1.6))
    return out
