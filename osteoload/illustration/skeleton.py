"""Joint angles to body points: the side and front skeletons, then placement on the floor,
levelling (``level``), furniture (``support``) and hanging by the hands (``grip_height``).
"""

from __future__ import annotations

import math

from .model import (
    ADAPTIVE_SUPPORTS,
    FIXED_SUPPORTS,
    FOOT,
    FOREARM,
    HEEL,
    HIP_HALF,
    NECK,
    SHANK,
    SHOULDER_HALF,
    SOLE_DROP,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Point,
    Pose,
    expand_points,
    heading,
    midpoint,
    offset,
    radius_of,
    rotate_about,
)

# Skeleton
# =========================================================================================


def _skeleton(pose: Pose) -> dict[str, Point]:
    """Joint positions with the hip at the origin, before levelling and placing."""
    if pose.view == "front":
        return _front_skeleton(pose)
    t = pose.trunk
    hip: Point = (0.0, 0.0)
    shoulder = offset(hip, heading(t), TRUNK + pose.shrug)
    pts: dict[str, Point] = {
        "hip": hip,
        "hip_l": hip,
        "hip_r": hip,
        "shoulder": shoulder,
        "shoulder_l": shoulder,
        "shoulder_r": shoulder,
        "head": offset(shoulder, heading(t + pose.neck), NECK - pose.shrug),
    }
    for s in ("l", "r"):
        reach: float = getattr(pose, f"reach_{s}")
        upper = t + 180 - getattr(pose, f"shoulder_{s}")
        elbow = offset(shoulder, heading(upper), UPPER_ARM * reach)
        fore = upper - getattr(pose, f"elbow_{s}")
        pts[f"elbow_{s}"] = elbow
        pts[f"hand_{s}"] = offset(elbow, heading(fore), FOREARM * reach)
        thigh = t + 180 - getattr(pose, f"hip_{s}")
        knee = offset(hip, heading(thigh), THIGH)
        shank = thigh + getattr(pose, f"knee_{s}")
        ankle = offset(knee, heading(shank), SHANK)
        foot_angle = getattr(pose, f"foot_{s}")
        foot = 90.0 if foot_angle is None else foot_angle
        sole = offset(ankle, heading(foot + 90), SOLE_DROP)
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = offset(sole, heading(foot), -HEEL)
        pts[f"toe_{s}"] = offset(sole, heading(foot), FOOT - HEEL)
    return pts


def _front_skeleton(pose: Pose) -> dict[str, Point]:
    t = pose.trunk
    up = heading(t)
    right = heading(t + 90)
    hip: Point = (0.0, 0.0)
    shoulder = offset(hip, up, TRUNK + pose.shrug)
    pts: dict[str, Point] = {
        "hip": hip,
        "shoulder": shoulder,
        "head": offset(shoulder, heading(t + pose.neck), NECK - pose.shrug),
    }
    for s, sign in (("l", 1.0), ("r", -1.0)):
        sh = offset(shoulder, right, sign * SHOULDER_HALF)
        hp = offset(hip, right, sign * HIP_HALF)
        reach: float = getattr(pose, f"reach_{s}")
        upper = t + 180 - sign * getattr(pose, f"shoulder_{s}")
        elbow = offset(sh, heading(upper), UPPER_ARM * reach)
        fore = upper - sign * getattr(pose, f"elbow_{s}")
        leg: float = getattr(pose, f"leg_reach_{s}")
        thigh = t + 180 - sign * getattr(pose, f"hip_{s}")
        knee = offset(hp, heading(thigh), THIGH * leg)
        shank = thigh + sign * getattr(pose, f"knee_{s}")
        ankle = offset(knee, heading(shank), SHANK * leg)
        heel = offset(ankle, heading(t + 180), SOLE_DROP)
        pts[f"shoulder_{s}"] = sh
        pts[f"hip_{s}"] = hp
        pts[f"elbow_{s}"] = elbow
        pts[f"hand_{s}"] = offset(elbow, heading(fore), FOREARM * reach)
        pts[f"knee_{s}"] = knee
        pts[f"ankle_{s}"] = ankle
        pts[f"heel_{s}"] = offset(heel, right, -sign * 2)
        pts[f"toe_{s}"] = offset(heel, right, sign * 8)
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
        a = midpoint([pts[n] for n in expand_points(a_name)])
        b = midpoint([pts[n] for n in expand_points(b_name)])
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
            pts = {k: rotate_about(p, b, turn) for k, p in pts.items()}
    skip = _adaptive(pose)
    if pose.grip_height is not None:
        hands = midpoint([pts["hand_l"], pts["hand_r"]])
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
