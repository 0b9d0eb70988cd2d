"""The strength of a virtual client (:mod:`osteoload.devtools.strength_model`), shared by
``osteoload simulate`` and the engine's pure simulation in the tests."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from osteoload.devtools.strength_model import implied_one_rm, reps_to_failure
from osteoload.domain.one_rm import pct_1rm


def test_reps_to_failure_reads_the_chart_at_rpe_10() -> None:
    """Her 1RM once, none above it, and at a load of the chart's 8 reps at RPE 10, 8."""
    assert reps_to_failure(100.0, 100.0) == 1
    assert reps_to_failure(100.0, 100.5) == 0
    assert reps_to_failure(100.0, 100.0 * pct_1rm(8, 10.0)) == 8
    assert reps_to_failure(100.0, 10.0) == 12  # the chart ends at 12


@given(
    st.floats(min_value=2.0, max_value=200.0),
    st.integers(min_value=1, max_value=12),
    st.sampled_from([6.5, 7.0, 8.0, 9.0, 10.0]),
)
def test_a_first_set_implies_a_strength_that_allows_it(load: float, reps: int, rpe: float) -> None:
    """The load of the set she chose first, for its reps at its effort, is within the
    strength it implies: at least those reps to failure (the reps in reserve besides)."""
    one_rm = implied_one_rm(load, reps, rpe)
    assert reps_to_failure(one_rm, load * (1 - 1e-9)) >= reps


def test_an_easy_first_rating_is_read_as_rpe_6_5() -> None:
    """A first set rated easier than 6.5 implies no more strength than at 6.5."""
    assert implied_one_rm(20.0, 10, 4.0) == implied_one_rm(20.0, 10, 6.5)
