"""A log's rows are validated a part at a time in one call into pydantic when nothing is
wrong (``logs.rows.validate_rows``, issue 19: ``osteoload next`` on a 3-year log), with
exactly the answer of validating each row: the same sets accepted, the same problems named
in the rows' order."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from osteoload.services.catalogue import get_catalogue
from osteoload.services.errors import Issue
from osteoload.services.logs import rows as log_rows
from tests.conftest import TODAY

_DAY = st.integers(-400, 0).map(lambda d: (TODAY + timedelta(days=d)).isoformat())
_VALID = st.fixed_dictionaries(
    {"date": _DAY, "exercise_id": st.sampled_from(["goblet_squat", "step_ups", "leg_press"]),
     "set": st.integers(1, 5), "reps": st.integers(1, 12)},
    optional={"load_kg": st.sampled_from([10.0, 22.5, 40]), "rpe": st.sampled_from([6, 7.5]),
              "pain": st.integers(0, 3), "note": st.sampled_from(["", " fine "])},
)  # fmt: skip
_ANY = st.fixed_dictionaries(
    {"date": _DAY | st.sampled_from(["2026-02-30", (TODAY + timedelta(days=2)).isoformat()]),
     "exercise_id": st.sampled_from(["goblet_squat", "hip_thrust", "no_such"])},
    optional={"set": st.integers(0, 51), "reps": st.integers(-1, 201) | st.none(),
              "load_kg": st.floats(0, 600) | st.none(), "load_lb": st.sampled_from([50.0]),
              "rpe": st.sampled_from([6, 7.25, 11]), "rir": st.sampled_from([2, 3.3]),
              "hold_s": st.integers(0, 20), "impacts": st.integers(0, 20),
              "note": st.sampled_from(["ok", "bad\x07bell"]), "colour": st.just("red")},
)  # fmt: skip
_PROBLEM = st.integers(1, 99).map(lambda n: Issue(f"log.csv line {n}", "too many cells"))
#: Mostly valid rows (so that parts validate at once often enough), some not, some problems.
_PENDING = st.lists(st.one_of(_VALID, _VALID, _VALID, _VALID, _VALID, _ANY, _PROBLEM),
                    max_size=12)  # fmt: skip


def _where(place: str) -> log_rows.Where:
    def where(fields: Sequence[str]) -> str:
        return f"{place} {','.join(fields)}"

    return where


def _pending(items: list[object]) -> list[log_rows.Pending]:
    return [
        item if isinstance(item, Issue) else (item, _where(f"line {n}"), f"line {n}")
        for n, item in enumerate(items)
    ]  # type: ignore[misc]


def _one_by_one(pending: list[log_rows.Pending]) -> tuple[list[tuple[object, str]], list[Issue]]:
    issues: list[Issue] = []
    accepted = []
    for p in pending:
        if isinstance(p, Issue):
            issues.append(p)
            continue
        data, where, place = p
        s = log_rows.validate_row(data, where, today=TODAY, catalogue=get_catalogue(),
                                  issues=issues)  # fmt: skip
        if s is not None:
            accepted.append((s, place))
    return accepted, issues


@settings(max_examples=300, deadline=None)
@given(items=_PENDING, at_once=st.integers(1, 5))
def test_rows_validated_a_part_at_a_time_are_each_row_validated(items, at_once):
    pending = _pending(items)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(log_rows, "ROWS_AT_ONCE", at_once)
        issues: list[Issue] = []
        accepted = log_rows.validate_rows(
            pending, today=TODAY, catalogue=get_catalogue(), issues=issues
        )
    assert ([(s, place) for s, _, place in accepted], issues) == _one_by_one(pending)


def test_a_clean_log_is_validated_at_once(monkeypatch):
    """No row of a clean log is validated alone."""

    def refuse(*args, **kwargs):
        raise AssertionError("validated alone")

    monkeypatch.setattr(log_rows, "validate_row", refuse)
    rows = [{"date": (TODAY - timedelta(days=1 + n // 3)).isoformat(),
             "exercise_id": "goblet_squat", "set": 1 + n % 3, "reps": 8, "load_kg": 12.0}
            for n in range(1200)]  # fmt: skip
    issues: list[Issue] = []
    accepted = log_rows.validate_rows(
        _pending(rows), today=TODAY, catalogue=get_catalogue(), issues=issues
    )
    assert issues == [] and [s.set for s, _, _ in accepted] == [1 + n % 3 for n in range(1200)]
