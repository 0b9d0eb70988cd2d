"""Stick figures from joint angles: the geometry behind the exercise illustrations.

A pure, standard-library-only package outside the clinical engine (``osteoload.domain``
never imports it; import-linter checks both). Modules: :mod:`.model` (proportions,
records, vector helpers), :mod:`.skeleton` (angles to points, placement), :mod:`.body`
(:func:`draw`), :mod:`.furniture`, :mod:`.props` (one small function per prop kind) and
:mod:`.poses` (data to poses). :func:`build_pose_library` validates the raw pose data
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

from .body import (
    draw,
)
from .model import (
    ADAPTIVE_SUPPORTS,
    BODY_POINTS,
    FIXED_SUPPORTS,
    FOOT,
    FOOT_W,
    FOREARM,
    HEAD_R,
    HEEL,
    HIP_HALF,
    LIMB_W,
    NECK,
    NECK_W,
    POINT_GROUPS,
    SHANK,
    SHOULDER_HALF,
    SOLE_DROP,
    THIGH,
    TRUNK,
    TRUNK_W,
    UPPER_ARM,
    WEIGHT_W,
    Drawing,
    Illustration,
    Point,
    Pose,
    PoseError,
    Prop,
    Shape,
    expand_points,
    radius_of,
    union_bounds,
    upper_points,
    with_props,
)
from .poses import (
    POSE_KEYS,
    build_pose,
    build_pose_library,
)
from .props import (
    PROP_KINDS,
)
from .skeleton import (
    place,
)

__all__ = [
    "ADAPTIVE_SUPPORTS",
    "BODY_POINTS",
    "Drawing",
    "FIXED_SUPPORTS",
    "FOOT",
    "FOOT_W",
    "FOREARM",
    "HEAD_R",
    "HEEL",
    "HIP_HALF",
    "Illustration",
    "LIMB_W",
    "NECK",
    "NECK_W",
    "POINT_GROUPS",
    "POSE_KEYS",
    "PROP_KINDS",
    "Point",
    "Pose",
    "PoseError",
    "Prop",
    "SHANK",
    "SHOULDER_HALF",
    "SOLE_DROP",
    "Shape",
    "THIGH",
    "TRUNK",
    "TRUNK_W",
    "UPPER_ARM",
    "WEIGHT_W",
    "build_pose",
    "build_pose_library",
    "draw",
    "expand_points",
    "place",
    "radius_of",
    "union_bounds",
    "upper_points",
    "with_props",
]
