"""R22a: the ratchet reads only the six weeks before each check-point. Over generated logs it
must give exactly what reading her whole log at every check-point gives (the reference below
is that whole-log reading, as the engine did it before)."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.one_rm.equations import R22_MAX_AGE_DAYS
from osteoload.domain.profile import StrengthSet
from osteoload.domain.progression import _estimate, _ratchet, _set_effort
from osteoload.domain.progression.rules import R18B_FAIL_RPE, R22_REESTIMATE_EVERY_DAYS
from tests.depth import examples

START = date(2026, 1, 5)
LIFT = "goblet_squat"
#: Days from a check-point where a set enters or leaves what the check-point reads.
EDGES = (
    -R22_MAX_AGE_DAYS - 2, -R22_MAX_AGE_DAYS - 1, -R22_MAX_AGE_DAYS,
    -R22_REESTIMATE_EVERY_DAYS - 1, -R22_REESTIMATE_EVERY_DAYS, -R22_REESTIMATE_EVERY_DAYS + 1,
    -2, -1, 0, 1,
)  # fmt: skip


def whole_log_ratchet(
    sets: list[StrengthSet], exercise_id: str, start: date, checkpoint: date, planned: float | None
) -> tuple[float, date] | None:
    best: tuple[float, date] | None = None
    day = start + timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    while day <= checkpoint:
        estimate = _estimate(sets, exercise_id, day - timedelta(days=1))
        if estimate is not None:
            since = day - timedelta(days=R22_REESTIMATE_EVERY_DAYS)
            fell = any(
                s.exercise == exercise_id
                and s.date is not None
                and since <= s.date <= day
                and _set_effort(s) >= R18B_FAIL_RPE
                for s in sets
            )
            floor = best[0] if best is not None else (planned or 0.0)
            if fell or estimate[0] >= floor or best is None and planned is None:
                best = estimate
            elif best is None:
                best = (floor, estimate[1])
        day += timedelta(days=R22_REESTIMATE_EVERY_DAYS)
    return best


strength_sets = st.builds(
    StrengthSet,
    exercise=st.sampled_from([LIFT, "dumbbell_row"]),
    load_kg=st.sampled_from([8.0, 10.0, 12.0, 14.0, 16.0, 20.0]),
    reps=st.integers(3, 10),
    rpe=st.sampled_from([7.0, 8.0, 9.0, 9.5, 10.0]),
    rir=st.none(),
    date=st.one_of(
        # From before the program's start (her intake sets count at the first check-point).
        st.integers(-60, 160).map(lambda d: START + timedelta(days=d)),
        # On and around the edges of the spans a check-point reads: its six weeks (the
        # estimate's age limit) and its four (a fall), and the check-point day itself.
        st.tuples(st.integers(1, 5), st.sampled_from(EDGES)).map(
            lambda t: START + timedelta(days=R22_REESTIMATE_EVERY_DAYS * t[0] + t[1])
        ),
        st.none(),  # an undated set (a profile's strength entry): every span holds it
    ),
)


@settings(max_examples=examples(400), deadline=None)
@given(
    sets=st.lists(strength_sets, max_size=12),
    weeks=st.integers(0, 24),
    planned=st.one_of(st.none(), st.sampled_from([15.0, 25.0, 40.0])),
    dated_only=st.booleans(),
)
def test_r22a_ratchet_over_six_weeks_equals_reading_the_whole_log(
    sets: list[StrengthSet], weeks: int, planned: float | None, dated_only: bool
) -> None:
    if dated_only:
        sets = [s for s in sets if s.date is not None]
    checkpoint = START + timedelta(weeks=weeks)
    assert _ratchet(sets, LIFT, START, checkpoint, planned) == whole_log_ratchet(
        sets, LIFT, START, checkpoint, planned
    )
    assert R22_MAX_AGE_DAYS >= R22_REESTIMATE_EVERY_DAYS  # the window covers the fall check


def test_r22a_a_fall_on_the_check_point_day_itself_lowers_the_working_max() -> None:
    """The edge the generated logs rarely reach: her estimate at the second check-point is
    lower than the first, and the only set at failure effort is on the check-point day. It
    counts as a fall (R22a: the working max may then go down), whole log or six weeks."""
    first, second = (START + timedelta(days=R22_REESTIMATE_EVERY_DAYS * k) for k in (1, 2))

    def lift(day: date, load: float, reps: int, rpe: float) -> StrengthSet:
        return StrengthSet(exercise=LIFT, load_kg=load, reps=reps, rpe=rpe, rir=None, date=day)

    sets = [
        lift(first - timedelta(days=8), 20.0, 8, 8.0),
        lift(second - timedelta(days=6), 12.0, 8, 8.0),
        lift(second, 12.0, 5, R18B_FAIL_RPE),
    ]
    after_first = _ratchet(sets, LIFT, START, first, None)
    after_second = _ratchet(sets, LIFT, START, second, None)
    assert after_first is not None and after_second is not None
    assert after_second[0] < after_first[0]
    assert after_second == whole_log_ratchet(sets, LIFT, START, second, None)
