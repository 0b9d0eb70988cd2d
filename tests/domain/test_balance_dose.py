"""R23a: the program prescribes the balance dose its screening asks for (issue 13).

R23 sets the weekly target (120 min, 180 for high falls risk: ``balance_minutes_target``);
R23a asks the program itself to contain it, in sessions and short home bouts. Balance
minutes are counted as they are logged: hold seconds, or reps at the catalogue's pace, or
minutes; rests do not count.
"""

from __future__ import annotations

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from osteoload.domain.program import ProgramItem
from osteoload.domain.vocabulary import Component, ProgramStatus
from tests.domain.test_program_properties import (
    CATALOGUE,
    base_profile,
    caught,
    clean,
    map_items,
    plan,
    profiles,
)


def _balance_seconds(item: ProgramItem) -> float:
    """Restated here: hold seconds / reps x seconds per rep / minutes, for balance items."""
    if item.component is not Component.BALANCE:
        return 0.0
    if item.minutes is not None:
        return item.minutes * 60.0
    per_set = item.hold_s if item.hold_s is not None else item.reps or 0
    return item.sets * per_set * CATALOGUE[item.exercise_id].seconds_per_rep


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=profiles(), weeks=st.sampled_from((4, 8, 12)))
def test_r23a_every_ready_week_prescribes_the_balance_target(profile, weeks) -> None:
    program = plan(profile, weeks)
    target = program.screening.balance_minutes_target
    for week in program.weeks:
        seconds = sum(_balance_seconds(i) for s in week.sessions for i in s.items)
        assert week.balance_minutes == int(seconds // 60), week.week
        if program.status is ProgramStatus.READY:
            assert week.balance_minutes >= target, (week.week, week.balance_minutes, target)


def test_r23a_high_falls_risk_gets_180_minutes_and_a_rest_day() -> None:
    profile = base_profile(falls_last_year=3)
    program = clean(profile)
    assert program.status is ProgramStatus.READY
    assert program.screening.balance_minutes_target == 180
    for week in program.weeks:
        assert week.balance_minutes >= 180
        assert len(week.sessions) == 6  # one full rest day remains


def test_r23a_short_sessions_move_balance_to_the_home_bouts() -> None:
    """With 15-minute resistance sessions the balance there is trimmed; the home bouts make
    up the week's target instead of the week falling short."""
    from datetime import date

    from osteoload.domain.profile import Schedule

    schedule = Schedule(resistance_days=(1, 4), minutes_per_session=15, start_date=date(2027, 1, 4))
    program = clean(base_profile(schedule=schedule))
    for week in program.weeks:
        assert week.balance_minutes >= program.screening.balance_minutes_target
        for session in week.sessions:
            if session.kind == "resistance":
                assert session.minutes <= 15


def test_checker_catches_a_week_short_of_the_balance_target_r23a() -> None:
    profile = base_profile()
    program = clean(profile)

    def shorter(week: int, item: ProgramItem) -> ProgramItem:
        if week == 3 and item.component is Component.BALANCE:
            return replace(item, sets=2)
        return item

    caught(profile, map_items(program, shorter), "week 3: balance_minutes", "need 120 (R23a)")
