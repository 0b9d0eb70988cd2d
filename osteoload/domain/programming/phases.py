"""The program's numbers and its periodisation: weeks 1-4 familiarisation (R14), then
building to 70-85 % 1RM (R15), the high-intensity 5 x 5 at 80-85 % (R16, R16a), never to
failure (R17: RPE <= 8 in the first 12 weeks, <= 9 after), impacts per session (R10, R11)
and balance days (R23).

:func:`phase_plan` gives each week's resistance dose; :func:`high_intensity_dose` the
LIFTMOR dose of the high-intensity track.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..vocabulary import (
    Equipment,
    Pattern,
    Phase,
    Track,
)

ASSUMED_EQUIPMENT = frozenset(
    {
        Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.KETTLEBELL, Equipment.MACHINES,
        Equipment.BANDS, Equipment.BODYWEIGHT, Equipment.STEP, Equipment.BOX, Equipment.BENCH,
        Equipment.MAT, Equipment.WALL, Equipment.CHAIR,
    }
)  # fmt: skip
#: Things every home has; never required to be listed.
ALWAYS_AVAILABLE = frozenset({Equipment.BODYWEIGHT, Equipment.WALL, Equipment.CHAIR})

FAMILIARISATION_WEEKS = 4  # R14
MAX_WEEKLY_STEP_PCT = 10.0  # issue #3: no more than 10 points of %1RM from one week to the next
STANDARD_CAP_PCT = 85.0  # R15/clinic method: work up to 70-85 % 1RM
HIGH_INTENSITY_PCT = (80.0, 85.0)  # R16: 5x5 at 80-85 % 1RM
RPE_CAP_FIRST_12_WEEKS = 8.0  # R17
RPE_CAP_LATER = 9.0  # R17
FAMILIARISATION_RPE = 7.0  # R14
IMPACT_TARGET_PER_SESSION = 50  # R10 (SSS 2022: ~50 moderate impacts a session)
IMPACT_START_PER_SESSION = 10
IMPACT_STEP_PER_WEEK = 5
HIGH_IMPACT_FROM_WEEK = 9  # R11: >= 8 weeks of tolerated moderate impact first
MIN_IMPACT_DAYS = 2  # R10 / clinic method: impact 2-3 times a week
MIN_BALANCE_DAYS = 2  # R23 / clinic method
MIN_BALANCE_DAYS_HIGH_RISK = 3  # issue #3: at least 3 for high falls risk
HOME_SESSION_MINUTES = 20
HOME_SESSION_MINUTES_HIGH_RISK = 30
WARMUP_MINUTES = 5
#: Patterns whose load is prescribed as a share of the one-repetition maximum.
PCT_1RM_PATTERNS = frozenset({Pattern.SQUAT, Pattern.HINGE, Pattern.LUNGE, Pattern.ROW,
                              Pattern.PRESS_OVERHEAD, Pattern.PRESS_HORIZONTAL,
                              Pattern.PULL_VERTICAL, Pattern.STEP})  # fmt: skip
HIGH_INTENSITY_LIFTS = {Pattern.SQUAT: "back_squat", Pattern.HINGE: "deadlift",
                        Pattern.PRESS_OVERHEAD: "overhead_press"}  # fmt: skip
#: R16a: the LIFTMOR session's lifts, in the order she does them.
LIFTMOR_PATTERNS = (Pattern.HINGE, Pattern.SQUAT, Pattern.PRESS_OVERHEAD)
#: R16a: jumping chin-ups with drop landings, where the catalogue, her bar and R11 allow.
LIFTMOR_CHIN_UP = "jumping_chin_up"
LIFTMOR_CHIN_UP_REPS = 5  # 5 x 5 at full dose
LIFTMOR_CHIN_UP_SETS = 5
HIGH_INTENSITY_REST_S = 120  # R16a: 5 x 5 on three lifts in about 30 minutes
#: R16a: the shortest rest between sets of the LIFTMOR lifts when a session runs short.
LIFTMOR_MIN_REST_S = 60


@dataclass(frozen=True, slots=True)
class WeekPlan:
    """Dose for one week of resistance work."""

    phase: Phase
    sets: int
    reps: int
    pct_1rm: float
    rpe: float
    rest_s: int


# --- Periodisation ------------------------------------------------------------------------


def phase_plan(week: int, track: Track) -> WeekPlan:
    """The resistance dose of ``week`` (1-based) for a track, before the weekly-step clamp.

    Weeks 1-4 familiarisation (R14); 5-7 build; 8 deload; then blocks of four strength weeks
    and a deload week, so that a lighter week comes every 4-6 weeks.
    """
    cap = RPE_CAP_FIRST_12_WEEKS if week <= 12 else RPE_CAP_LATER
    if track is Track.GENTLE:
        if week <= FAMILIARISATION_WEEKS:
            return WeekPlan(Phase.FAMILIARISATION, 1 if week <= 2 else 2, 10, 0.0, 5.0, 60)
        if week % 5 == 3 and week > 5:
            return WeekPlan(Phase.DELOAD, 1, 10, 0.0, 5.0, 60)
        return WeekPlan(Phase.BUILD, 2, 10 if week < 9 else 12, 0.0, 6.0, 75)
    if week <= FAMILIARISATION_WEEKS:
        reps = (12, 12, 10, 10)[week - 1]
        pct = (50.0, 55.0, 57.5, 60.0)[week - 1]
        return WeekPlan(Phase.FAMILIARISATION, 2, reps, pct, min(6.0 + 0.5 * (week - 1), 7.0), 60)
    if week <= 7:
        step = week - 5
        return WeekPlan(Phase.BUILD, 3 if step else 2, 10, 65.0 + 2.5 * step, 7.5, 90)
    # From week 8: deload, then four strength weeks, repeating (deloads at 8, 13, 18, ...).
    position = (week - 8) % 5
    if position == 0:
        return WeekPlan(Phase.DELOAD, 2, 8, 62.5, 6.0, 90)
    reps = (8, 8, 6, 6)[position - 1]
    pct = (72.5, 75.0, 77.5, 80.0)[position - 1]
    return WeekPlan(Phase.STRENGTH, 3, reps, pct, min(8.0, cap), 120)


def high_intensity_dose(week: int, plan: WeekPlan) -> WeekPlan:
    """R16: 5x5 at 80-85 % on the key barbell lifts once familiarisation is done."""
    if plan.phase is Phase.FAMILIARISATION:
        return plan
    if plan.phase is Phase.DELOAD:
        return WeekPlan(Phase.DELOAD, 3, 5, 70.0, 6.0, HIGH_INTENSITY_REST_S)
    ramp = {5: 70.0, 6: 75.0, 7: 80.0}
    pct = ramp.get(week, 0.0) or (82.5 if (week - 8) % 5 in (1, 2) else HIGH_INTENSITY_PCT[1])
    rpe = min(8.0 if week <= 12 else 8.5, RPE_CAP_LATER)
    return WeekPlan(plan.phase, 5, 5, pct, rpe, HIGH_INTENSITY_REST_S)
