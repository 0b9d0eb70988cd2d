"""The progress series' estimated 1RM (R20, R21): the best reliable estimate per lift per day,
the same whether a set's load, reps and effort repeat or not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from osteoload.domain.one_rm import estimate_one_rm
from osteoload.services.progress import CHARTED_LIFTS, _one_rm_series

LIFT = sorted(CHARTED_LIFTS)[0]
DAY1, DAY2 = date(2026, 11, 2), date(2026, 11, 5)


def _row(day, exercise, reps, load, rpe=None, rir=None):
    return (day, exercise, reps, Decimal(str(load)) if load is not None else None,
            Decimal(str(rpe)) if rpe is not None else None,
            Decimal(str(rir)) if rir is not None else None, None, None)  # fmt: skip


def test_r20_r21_best_reliable_estimate_per_day_with_repeated_sets():
    rows = [
        _row(DAY1, LIFT, 8, 40, rpe=8),
        _row(DAY1, LIFT, 8, 40, rpe=8),  # the same set again: the same estimate
        _row(DAY1, LIFT, 6, 42.5, rpe=9),
        _row(DAY2, LIFT, 8, 40, rpe=8),
        _row(DAY2, LIFT, 30, 10, rpe=6),  # R21: too many reps: refused, skipped
        _row(DAY2, "not_a_charted_lift", 5, 100, rpe=9),
        _row(DAY2, LIFT, 8, None),  # no load: nothing to estimate
    ]
    series = _one_rm_series(rows)
    assert list(series) == [LIFT]

    def one_rm(load, reps, rpe):
        return estimate_one_rm(load, reps, rpe=rpe).one_rm_kg

    assert series[LIFT] == [
        {
            "date": DAY1.isoformat(),
            "one_rm_kg": round(max(one_rm(40, 8, 8), one_rm(42.5, 6, 9)), 1),
        },
        {"date": DAY2.isoformat(), "one_rm_kg": round(one_rm(40, 8, 8), 1)},
    ]
