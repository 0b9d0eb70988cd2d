"""R13 and R26 are enforced by the engine itself (issue 18, item 3), not only by the input
schema (R13) or the test oracle (R26)."""

from __future__ import annotations

from dataclasses import replace
from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain.catalogue import Catalogue, CatalogueError
from osteoload.domain.errors import InvalidInput
from osteoload.domain.profile import ClientProfile
from osteoload.domain.programming import generate_program
from osteoload.domain.programming.schedule import (
    check_components,
    check_resistance_days,
    consecutive_days,
)
from osteoload.domain.screening import screen
from osteoload.domain.vocabulary import Component, ProgramStatus
from tests.conftest import EXAMPLES
from tests.domain.simulation import example
from tests.domain.test_program_properties import CATALOGUE, START, profiles

WEEKDAYS = range(1, 8)


def _rested(days: tuple[int, ...]) -> bool:
    """The oracle, written independently: every two chosen days are at least two days
    apart around the week."""
    return all(min((a - b) % 7, (b - a) % 7) >= 2 for a, b in combinations(days, 2))


def test_r13_the_engine_accepts_exactly_two_or_three_rested_days() -> None:
    """R13, every one of the 128 subsets of the week: 2-3 days with a rest day between any
    two (Sunday to Monday counted) are accepted, and nothing else."""
    for n in range(8):
        for days in combinations(WEEKDAYS, n):
            assert (consecutive_days(days) is None) == _rested(days), days
            if len(days) in (2, 3) and _rested(days):
                check_resistance_days(days)
            else:
                with pytest.raises(InvalidInput, match="R13"):
                    check_resistance_days(days)


def test_r13_sunday_then_monday_is_consecutive() -> None:
    assert consecutive_days((1, 4, 7)) == (7, 1)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), first=st.sampled_from(tuple(WEEKDAYS)))
def test_r13_generate_program_refuses_back_to_back_resistance_days(
    profile: ClientProfile, first: int
) -> None:
    """R13 over generated profiles: a schedule with two resistance days in a row that
    slipped past the input schema never becomes a program with lifting on both days."""
    days = (first, first % 7 + 1)
    profile = replace(profile, schedule=replace(profile.schedule, resistance_days=days))
    screening = screen(profile, as_of=START)
    if not screening.resistance_allowed or not screening.sessions_allowed:
        program = generate_program(profile, screening, CATALOGUE, start=START, weeks=2)
        assert all(
            item.component is not Component.RESISTANCE
            for week in program.weeks
            for session in week.sessions
            for item in session.items
        )
        return
    with pytest.raises(InvalidInput, match="R13"):
        generate_program(profile, screening, CATALOGUE, start=START, weeks=2)


def _without(component: Component) -> Catalogue:
    return Catalogue([e for e in CATALOGUE.values() if e.component is not component])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles())
def test_r26_no_program_without_balance_work(profile: ClientProfile) -> None:
    """R26 over generated profiles: when the exercises leave no balance work, the engine
    refuses (CatalogueError naming R26) rather than hand her a program without it."""
    screening = screen(profile, as_of=START)
    try:
        program = generate_program(
            profile, screening, _without(Component.BALANCE), start=START, weeks=2
        )
    except CatalogueError as error:
        assert "balance" in str(error) and "R26" in str(error)
    except InvalidInput:
        return  # her own schedule is refused first (R13)
    else:
        assert program.weeks == () or all(not s.items for w in program.weeks for s in w.sessions)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_r26_a_catalogue_without_balance_is_refused(path: Path) -> None:
    """R26, every example client: with no balance exercise in the catalogue, a client who
    may exercise gets no program (CatalogueError naming R26) instead of one without it."""
    profile = example(path.name)
    screening = screen(profile, as_of=START)
    if not screening.sessions_allowed or screening.status is ProgramStatus.NEEDS_CLEARANCE:
        pytest.skip("no sessions for this client")
    with pytest.raises(CatalogueError, match="without balance work.*R26"):
        generate_program(profile, screening, _without(Component.BALANCE), start=START, weeks=1)


def test_r26_the_engine_names_missing_resistance() -> None:
    """R26: a program whose screening allows lifting but that holds none is refused."""
    profile = example("01-healthy-perimenopause.yaml")
    screening = screen(profile, as_of=START)
    assert screening.resistance_allowed and screening.status is ProgramStatus.READY
    program = generate_program(profile, screening, CATALOGUE, start=START, weeks=1)
    check_components(program.weeks, resistance_allowed=True)  # the real program passes
    gentle = tuple(
        replace(
            week,
            sessions=tuple(
                replace(
                    s, items=tuple(i for i in s.items if i.component is not Component.RESISTANCE)
                )
                for s in week.sessions
            ),
        )
        for week in program.weeks
    )
    with pytest.raises(CatalogueError, match="resistance work.*R26"):
        check_components(gentle, resistance_allowed=True)
    check_components(gentle, resistance_allowed=False)  # a gentle program needs no lifting
