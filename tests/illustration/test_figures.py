"""The exercise figures' geometry (``osteoload.illustration``): pose data is checked with
every problem listed at once, and every prop kind the data may name has its drawer."""

from __future__ import annotations

import pytest

from osteoload.illustration import (
    PROP_KINDS,
    Pose,
    PoseError,
    Prop,
    build_pose_library,
    draw,
)
from osteoload.illustration.props import PROP_DRAWERS


def test_bad_pose_data_lists_every_problem_at_once():
    raw = {
        "templates": {"a": {"like": "x", "both": 3}},
        "patterns": {"squat": "a"},
        "exercises": {"e1": {"template": "b", "zz": 1}, "e2": {"like": "e2"}, "nope": {}},
    }
    patterns = {"e1": "squat", "e2": "squat", "e3": "squat", "e4": "hinge"}
    with pytest.raises(PoseError) as caught:
        build_pose_library(raw, patterns)
    message = str(caught.value)
    for problem in (
        "exercises.nope: not an exercise in the catalogue",
        "exercises.e1: unknown field(s) zz",
        "exercises.e1: unknown template 'b'",
        "exercises.e2: refers to itself through exercises.e2",
        "templates.a.both: must be a mapping",
        "exercises.e4: no pose, and pattern 'hinge' has no default template",
    ):
        assert problem in message


def test_a_section_that_is_not_a_mapping_is_refused():
    with pytest.raises(PoseError, match="poses: templates must be a mapping"):
        build_pose_library({"templates": []}, {})


def test_every_prop_kind_has_a_drawer_and_draws_shapes():
    assert set(PROP_DRAWERS) == PROP_KINDS
    for kind in sorted(PROP_KINDS):
        for side in ("", "support", "back", "behind", "front"):
            prop = Prop(kind=kind, side=side, x=40.0, y=60.0)
            for view in ("side", "front"):
                drawing = draw(Pose(view=view, props=(prop,)))
                bare = draw(Pose(view=view))
                assert len(drawing.shapes) >= len(bare.shapes), (kind, side, view)


def test_the_illustration_package_is_not_a_domain_error():
    """The figures are not clinical: their error is a ValueError, outside the engine's tree."""
    from osteoload.domain.errors import DomainError

    assert issubclass(PoseError, ValueError)
    assert not issubclass(PoseError, DomainError)
