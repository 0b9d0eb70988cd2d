"""A batch of sets is validated in one call into pydantic when every entry is valid, with
exactly the answer of validating each entry; otherwise each entry is validated to name
every bad field (the error contract)."""

from __future__ import annotations

from datetime import timedelta

from hypothesis import example, given, settings
from hypothesis import strategies as st

from osteoload.services.errors import InputError
from osteoload.services.training_log import SetEntryIn, _valid_batch
from osteoload.services.validation import validate
from tests.conftest import TODAY

_DAYS = (st.integers(-3, 3) | st.integers(-400, 0)).map(
    lambda d: (TODAY + timedelta(days=d)).isoformat()
)
_ENTRY = st.fixed_dictionaries(
    {
        "date": _DAYS | st.sampled_from(["2026-02-30", " 2026-01-05 ", "yesterday"]),
        "exercise_id": st.sampled_from(["goblet_squat", "leg_press", "wall_plank", "no_such"]),
    },
    optional={
        "set_number": st.integers(0, 21),
        "reps": st.integers(-1, 101) | st.none(),
        "load_kg": st.floats(-1, 501) | st.just(float("nan")) | st.integers(0, 500) | st.none(),
        "rpe": st.sampled_from([1, 6.5, 7.25, 10, 11, None]),
        "rir": st.sampled_from([0, 2.5, 3.3, None]),
        "pain": st.integers(-1, 11),
        "impacts": st.integers(0, 501),
        "hold_s": st.integers(0, 601),
        "note": st.text(max_size=3) | st.just("x" * 501),
        "colour": st.just("red"),
    },
)
_VALID = st.fixed_dictionaries(
    {"date": st.integers(-400, 0).map(lambda d: (TODAY + timedelta(days=d)).isoformat()),
     "exercise_id": st.sampled_from(["goblet_squat", "leg_press", "step_ups"])},
    optional={"set_number": st.integers(1, 20), "reps": st.integers(0, 100),
              "load_kg": st.floats(0, 500) | st.none(), "rpe": st.sampled_from([6, 7.5, 10]),
              "pain": st.integers(0, 10), "note": st.text(max_size=3)},
)  # fmt: skip
#: Mostly valid entries (a batch is all valid often enough), some not, some not objects.
_ENTRIES = st.lists(
    st.one_of(_VALID, _VALID, _VALID, _VALID, _ENTRY, st.just([1, 2]) | st.none()),
    min_size=1,
    max_size=6,
)


def _each(entries: list[object]) -> list[SetEntryIn] | None:
    try:
        return [validate(SetEntryIn, e, today=TODAY, controls_checked=True) for e in entries]
    except InputError:
        return None


@settings(max_examples=300, deadline=None)
@given(_ENTRIES)
@example([{"date": (TODAY + timedelta(days=1)).isoformat(), "exercise_id": "leg_press"}])
@example([{"date": TODAY.isoformat(), "exercise_id": "leg_press", "rpe": 7.25}])
def test_a_batch_validated_at_once_is_each_entry_validated(entries):
    assert _valid_batch(entries, TODAY) == _each(entries)


def test_a_valid_batch_is_validated_at_once():
    day = (TODAY - timedelta(days=1)).isoformat()
    entries = [{"date": day, "exercise_id": "leg_press", "set_number": n, "reps": 8,
                "load_kg": 40.5, "rpe": 7.5} for n in (1, 2, 3)]  # fmt: skip
    batch = _valid_batch(entries, TODAY)
    assert batch is not None and [e.set_number for e in batch] == [1, 2, 3]
    assert batch[0].date == TODAY - timedelta(days=1) and batch[0].load_kg == 40.5
