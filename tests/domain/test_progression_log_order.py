"""The engine reads her log in one order whatever order it arrives in (R18: sessions are
replayed oldest first), and its faster readings of the log say what the plain ones say:
the day-grouped sort, the sessions per exercise, the R32 window by bisection and the
re-loaded set (:meth:`SetLog.with_load`)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from operator import attrgetter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.domain.errors import InvalidInput
from osteoload.domain.logs import SetLog
from osteoload.domain.progression import context
from osteoload.domain.units import DEFAULT_EQUIPMENT
from osteoload.domain.vocabulary import Symptom, Units
from tests.depth import examples
from tests.domain.test_program_properties import CATALOGUE

DAY0 = date(2025, 1, 6)
EXERCISES = (
    "goblet_squat",
    "dumbbell_romanian_deadlift",
    "barbell_row",
    "band_row",
    "no_such_lift",
)
# Loads a pound gym stores (rounded kg) and loads that exist as they are.
LOADS = (None, 8.0, 9.07, 10.0, 11.34, 20.41, 22.5)


@st.composite
def logs(draw: st.DrawFn) -> list[SetLog]:
    """A log of up to 60 days, several exercises a day, sets numbered, in a random order."""
    out: list[SetLog] = []
    seen: set[tuple[date, str]] = set()
    for _ in range(draw(st.integers(0, 40))):
        day = DAY0 + timedelta(days=draw(st.integers(0, 60)))
        exercise = draw(st.sampled_from(EXERCISES))
        if (day, exercise) in seen:
            continue  # one session of an exercise a day: its sets are numbered once
        seen.add((day, exercise))
        pain = draw(st.sampled_from((None, 0, 2, 5, 7)))
        symptoms = draw(st.sampled_from(((), (), (Symptom.CHEST_PAIN,), (Symptom.DIZZINESS,))))
        for n in range(1, draw(st.integers(1, 3)) + 1):
            out.append(
                SetLog(
                    date=day,
                    exercise_id=exercise,
                    set=n,
                    reps=draw(st.integers(0, 12)),
                    load_kg=draw(st.sampled_from(LOADS)),
                    pain=pain,
                    symptoms=symptoms,
                )  # fmt: skip
            )
    shuffled = list(out)
    random.Random(draw(st.integers(0, 2**16))).shuffle(shuffled)
    return shuffled


def _plain_logged_until(history: list[SetLog], as_of: date, units: Units) -> tuple[SetLog, ...]:
    """The reading before it was made faster: filter, snap each set, one sort of the log."""
    kept = [
        context._snap(s, CATALOGUE, DEFAULT_EQUIPMENT, units, None)
        for s in history
        if s.date <= as_of
    ]
    kept.sort(key=attrgetter("date", "exercise_id", "set"))
    return tuple(kept)


@settings(max_examples=examples(150), deadline=None)
@given(logs(), st.integers(0, 70), st.sampled_from(list(Units)))
def test_r18_logged_sets_in_one_order_whatever_order_they_arrive_in(history, days, units):
    as_of = DAY0 + timedelta(days=days)
    fast = context._logged_until(history, as_of, CATALOGUE, DEFAULT_EQUIPMENT, units, None)
    assert fast == _plain_logged_until(history, as_of, units)
    again = list(reversed(history))
    assert context._logged_until(again, as_of, CATALOGUE, DEFAULT_EQUIPMENT, units, None) == fast


@settings(max_examples=examples(150), deadline=None)
@given(logs())
def test_r18_sessions_per_exercise_oldest_first_with_their_sets_in_order(history):
    logged = context._logged_until(
        history, DAY0 + timedelta(days=90), CATALOGUE, DEFAULT_EQUIPMENT, Units.KG, None
    )
    sessions = context._sessions_by_exercise(logged)
    assert set(sessions) == {s.exercise_id for s in logged}
    for exercise_id, days in sessions.items():
        assert [d.day for d in days] == sorted(
            {s.date for s in logged if s.exercise_id == exercise_id}
        )
        for session in days:
            expected = sorted(
                (s for s in logged if s.exercise_id == exercise_id and s.date == session.day),
                key=attrgetter("set"),
            )
            assert list(session.sets) == expected


@settings(max_examples=examples(150), deadline=None)
@given(logs(), st.integers(-5, 80))
def test_r32_review_window_by_bisection_is_the_14_days_before_a_session(history, offset):
    flags = context._flag_days(history)
    assert list(flags) == sorted(
        {
            s.date
            for s in history
            if (s.pain or 0) >= 5 or any(x in context.R32_SYMPTOMS for x in s.symptoms)
        }
    )
    day = DAY0 + timedelta(days=offset)
    ctx = _WithFlags(flags)
    expected = any(since < day for since in flags if (day - since).days <= context.R32_WINDOW_DAYS)
    assert context._Context.review_on(ctx, day) is expected  # type: ignore[arg-type]


class _WithFlags:
    """What :meth:`_Context.review_on` reads of a context."""

    def __init__(self, flag_days: tuple[date, ...]) -> None:
        self.flag_days = flag_days


def test_with_load_is_replace_and_checks_the_new_load():
    logged = SetLog(
        date=DAY0, exercise_id="goblet_squat", set=2, reps=8, load_kg=9.07, rpe=7.5, pain=1,
        note="fine", symptoms=(Symptom.DIZZINESS,),
    )  # fmt: skip
    twin = logged.with_load(9.0718474)
    assert twin == replace(logged, load_kg=9.0718474)
    assert twin is not logged and logged.load_kg == 9.07
    assert logged.with_load(None) == replace(logged, load_kg=None)
    for bad in (0, -2.5, float("nan"), float("inf"), True, "9"):
        with pytest.raises(InvalidInput, match="load_kg"):
            logged.with_load(bad)  # type: ignore[arg-type]
    with pytest.raises(AttributeError):
        twin.load_kg = 3.0  # type: ignore[misc]
