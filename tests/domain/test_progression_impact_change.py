"""R10: an impact dose's change is judged on the impacts the rules give, before the split
into whole sets rounds them (issue 18: the split of ``_impact`` keeps that order)."""

from __future__ import annotations

from osteoload.domain.logs import SetLog
from osteoload.domain.progression import Change
from tests.domain.test_progression import by_id, item, program, run, session_days


def hops_log(day, impacts: int) -> list[SetLog]:
    return [SetLog(date=day, exercise_id="two_foot_hops", set=1, reps=impacts,
                   impacts=impacts, pain=0)]  # fmt: skip


def test_r10_a_held_dose_rounded_into_sets_is_a_hold_not_a_decrease():
    d1, d2 = session_days(2)
    hops = item("two_foot_hops", sets=3, reps=10, impacts=30, target_rpe=None)
    # 21 done as prescribed: up to 26 (R10a); 20 of 26 next time: held at 26, served as 3 x 8
    answer = by_id(run(program(hops), hops_log(d1, 21) + hops_log(d2, 20), as_of=d2),
                   "two_foot_hops")  # fmt: skip
    assert answer.decision is not None and answer.decision.outcome == "impact_hold"
    assert answer.decision.numbers["previous"] == 26
    assert answer.impacts == 24
    assert answer.change is Change.HOLD
