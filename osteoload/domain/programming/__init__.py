"""The program generator: a screened profile in, a dated week-by-week program out.

``generate_program`` is deterministic: the same profile, screening, catalogue and start date
always give the same program. It follows the clinic's method (DESIGN.md) within the limits
that screening set, rule by rule, one module per concept:

* :mod:`.phases`: R14 weeks 1-4 familiarisation (8-15 reps, RPE <= 7); R15 then 2-3 sets of
  6-12 reps at up to 70-85 % 1RM; R16/R16a supervised 5 x 5 at 80-85 % on squat, deadlift
  and overhead press; R17 never to failure (RPE <= 8 in the first 12 weeks, <= 9 after).
* :mod:`.choosing`: R6/R8/R12/R19/R25: nothing the screening excludes, nothing above
  ``max_impact``, only the equipment she has; permitted substitutes.
* :mod:`.dosing`: each item's dose; R10/R11 impact built up towards about 50 a session, high
  impact only after 8 weeks of moderate; R23/R23a balance minutes.
* :mod:`.week`: R13 resistance on the 2-3 scheduled, non-consecutive days, every region
  loaded every week through the key moves; impact on at least two days; balance on at least
  2 days (3 for high falls risk); R7 posture every week.
* :mod:`.fitting`: each session fitted into ``minutes_per_session``.
* :mod:`.schedule`: R13's days and R26's components, checked by the engine itself.
* :mod:`.generator`: :func:`generate_program`, loads from her working maxes.
* :mod:`.redose`: :func:`redose_item` for a coach's swap.

Every name is importable from ``osteoload.domain.programming`` as before the split.
"""

from __future__ import annotations

from .choosing import (
    allowed_exercises,
    is_vivifrail_a,
    seated_or_supported,
)
from .dosing import (
    MAX_BALANCE_DRILLS,
    MAX_BALANCE_SETS,
    MIN_HOME_BALANCE_S,
    balance_minutes,
    balance_start_level,
    balance_work_seconds,
    estimate_seconds,
    impact_level_for_week,
    impacts_for_week,
    item_balance_seconds,
    week_balance_minutes,
)
from .generator import (
    FIRST_LOAD_NOTE,
    carried_max,
    generate_program,
    working_maxes,
)
from .phases import (
    ALWAYS_AVAILABLE,
    ASSUMED_EQUIPMENT,
    FAMILIARISATION_RPE,
    FAMILIARISATION_WEEKS,
    HIGH_IMPACT_FROM_WEEK,
    HIGH_INTENSITY_LIFTS,
    HIGH_INTENSITY_PCT,
    HIGH_INTENSITY_REST_S,
    HOME_SESSION_MINUTES,
    HOME_SESSION_MINUTES_HIGH_RISK,
    IMPACT_START_PER_SESSION,
    IMPACT_STEP_PER_WEEK,
    IMPACT_TARGET_PER_SESSION,
    LIFTMOR_CHIN_UP,
    LIFTMOR_CHIN_UP_REPS,
    LIFTMOR_CHIN_UP_SETS,
    LIFTMOR_MIN_REST_S,
    LIFTMOR_PATTERNS,
    MAX_WEEKLY_STEP_PCT,
    MIN_BALANCE_DAYS,
    MIN_BALANCE_DAYS_HIGH_RISK,
    MIN_IMPACT_DAYS,
    PCT_1RM_PATTERNS,
    RPE_CAP_FIRST_12_WEEKS,
    RPE_CAP_LATER,
    STANDARD_CAP_PCT,
    WARMUP_MINUTES,
    WeekPlan,
    high_intensity_dose,
    phase_plan,
)
from .redose import (
    redose_item,
    session_seconds,
)
from .schedule import (
    RESISTANCE_DAYS_PER_WEEK,
    check_components,
    check_resistance_days,
    consecutive_days,
)

__all__ = [
    "ALWAYS_AVAILABLE",
    "ASSUMED_EQUIPMENT",
    "FAMILIARISATION_RPE",
    "FAMILIARISATION_WEEKS",
    "FIRST_LOAD_NOTE",
    "HIGH_IMPACT_FROM_WEEK",
    "HIGH_INTENSITY_LIFTS",
    "HIGH_INTENSITY_PCT",
    "HIGH_INTENSITY_REST_S",
    "HOME_SESSION_MINUTES",
    "HOME_SESSION_MINUTES_HIGH_RISK",
    "IMPACT_START_PER_SESSION",
    "IMPACT_STEP_PER_WEEK",
    "IMPACT_TARGET_PER_SESSION",
    "LIFTMOR_CHIN_UP",
    "LIFTMOR_CHIN_UP_REPS",
    "LIFTMOR_CHIN_UP_SETS",
    "LIFTMOR_MIN_REST_S",
    "LIFTMOR_PATTERNS",
    "MAX_BALANCE_DRILLS",
    "MAX_BALANCE_SETS",
    "MAX_WEEKLY_STEP_PCT",
    "MIN_BALANCE_DAYS",
    "MIN_BALANCE_DAYS_HIGH_RISK",
    "MIN_HOME_BALANCE_S",
    "MIN_IMPACT_DAYS",
    "PCT_1RM_PATTERNS",
    "RESISTANCE_DAYS_PER_WEEK",
    "RPE_CAP_FIRST_12_WEEKS",
    "RPE_CAP_LATER",
    "STANDARD_CAP_PCT",
    "WARMUP_MINUTES",
    "WeekPlan",
    "allowed_exercises",
    "balance_minutes",
    "balance_start_level",
    "balance_work_seconds",
    "carried_max",
    "check_components",
    "check_resistance_days",
    "consecutive_days",
    "estimate_seconds",
    "generate_program",
    "high_intensity_dose",
    "impact_level_for_week",
    "impacts_for_week",
    "is_vivifrail_a",
    "item_balance_seconds",
    "phase_plan",
    "redose_item",
    "seated_or_supported",
    "session_seconds",
    "week_balance_minutes",
    "working_maxes",
]
