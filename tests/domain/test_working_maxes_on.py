"""R22 / R22a: ``working_maxes_on`` (what a new block carries on from) is exactly the
working maxes of ``next_prescriptions`` with the same arguments, over simulated clients
across blocks and days, while reading only the sets from ``maxes_read_from`` on, and given
the whole program or only what the maxes read of it (``PlannedMaxes``)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.progression import (
    PlannedMaxes,
    maxes_read_from,
    next_prescriptions,
    working_maxes_on,
)
from osteoload.domain.units import DEFAULT_EQUIPMENT
from tests.depth import examples
from tests.domain.simulation import CATALOGUE, Behaviour, simulate
from tests.domain.test_progression_properties import PROPERTY, READY

#: Fewer clients than the other properties: each is asked on many days of several blocks.
FEWER = settings(PROPERTY, max_examples=examples(6))


def _days(first: date, last: date, every: int) -> list[date]:
    return [first + timedelta(days=d) for d in range(0, (last - first).days + 1, every)]


@FEWER
@given(READY, st.sampled_from(list(Behaviour)), st.integers(2, 9))
def test_r22a_maxes_on_a_day_are_those_of_the_next_prescriptions(profile, behaviour, every):
    result = simulate(profile, weeks=28, behaviour=behaviour)
    history = result.history
    assert result.programs
    for program in result.programs:
        end = program.start + timedelta(weeks=len(program.weeks) + 2)
        for day in _days(program.start - timedelta(days=3), end, every):
            full = next_prescriptions(
                program, history, as_of=day, catalogue=CATALOGUE, units=profile.units,
                profile=profile, equipment=DEFAULT_EQUIPMENT,
            )  # fmt: skip
            since = maxes_read_from(program.start, day)
            recent = [s for s in history if s.date >= since]
            planned = PlannedMaxes(program.start, program.working_max_kg)
            for given_log in (history, recent, list(reversed(recent))):
                for given_program in (program, planned):
                    maxes = working_maxes_on(
                        given_program, given_log, as_of=day, catalogue=CATALOGUE,
                        units=profile.units, profile=profile, equipment=DEFAULT_EQUIPMENT,
                    )  # fmt: skip
                    assert maxes == full.working_maxes, (program.start, day, behaviour)


def test_r22_the_sets_read_go_back_to_the_first_check_point_or_six_weeks():
    """The first R22 check-point (four weeks in) reads the six weeks before it; on a later
    day the window is whichever starts earlier."""
    start = date(2027, 1, 4)
    assert maxes_read_from(start, start) == start - timedelta(days=42)
    assert maxes_read_from(start, start + timedelta(weeks=10)) == start - timedelta(days=15)
    assert maxes_read_from(start, start + timedelta(weeks=1)) == start - timedelta(days=35)
