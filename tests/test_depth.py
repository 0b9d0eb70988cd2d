"""The depth knob of the property tests (``tests/depth.py``): the suite's counts by default,
a multiple of them for a deeper hunt, and a clear refusal of a value that is not one."""

from __future__ import annotations

import pytest

from tests import depth


def test_without_the_variable_the_suite_draws_its_own_counts(monkeypatch):
    monkeypatch.delenv("OSTEOLOAD_PROPERTY_DEPTH", raising=False)
    assert depth._depth() == 1


def test_a_depth_multiplies_every_count(monkeypatch):
    monkeypatch.setenv("OSTEOLOAD_PROPERTY_DEPTH", " 25 ")
    assert depth._depth() == 25
    monkeypatch.setattr(depth, "DEPTH", 25)
    assert depth.examples(20) == 500


@pytest.mark.parametrize(
    ("raw", "said"),
    [("many", "'many' is not a whole number"), ("0", "0 is below 1; allowed: 1 or more")],
)
def test_a_bad_depth_is_named_with_what_is_allowed(monkeypatch, raw, said):
    monkeypatch.setenv("OSTEOLOAD_PROPERTY_DEPTH", raw)
    with pytest.raises(SystemExit, match=f"OSTEOLOAD_PROPERTY_DEPTH: {said}"):
        depth._depth()
