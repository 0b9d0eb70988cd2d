"""The progression rules' numbers (R10a, R15-R18c, R22, R23, R32), each with its reason.

Rule IDs refer to ``reference/clinical-evidence.md`` §13; the rules themselves are
summarised in the :mod:`osteoload.domain.progression` docstring.

Together these numbers are chosen to meet R34 (should), the target a compliant client is
judged by: logging every prescribed set at or below the target effort, she gains load on
every loaded lift at least once every 4 weeks until the R15/R16 caps (about +20 % by week 12
is a floor). Simulated clients check it (tests/services/test_simulation_rules.py,
tests/domain/test_progression_properties.py).
"""

from __future__ import annotations

from ..programming import IMPACT_START_PER_SESSION, IMPACT_TARGET_PER_SESSION, STANDARD_CAP_PCT
from ..programming import IMPACT_STEP_PER_WEEK as IMPACT_STEP_PER_WEEK
from ..vocabulary import Units

#: R18 (must): raise load only after this many consecutive sessions with every prescribed
#: set and rep done at or below the target RPE (ACSM progression principle; conservative).
R18_SUCCESSES_FOR_LOAD = 2

#: R18a (must): the largest *effort* step of one load increase, % of the current load, for
#: a lower-body or trunk lift (the load ratio after the rep drop of double progression).
R18_MAX_STEP_PCT_LOWER = 10.0

#: R18a (must): the same for an upper-body lift
#: (:attr:`osteoload.domain.catalogue.Exercise.is_upper_body`).
R18_MAX_STEP_PCT_UPPER = 5.0

#: R18b: after two "too easy" sessions (every rep at >= 2 RPE points below target) a double
#: step is allowed, up to these effort steps (% of the load).
R18B_DOUBLE_STEP_PCT_LOWER = 15.0
R18B_DOUBLE_STEP_PCT_UPPER = 10.0

#: R18b: every rep done at up to this many RPE points over target holds (not a failure).
R18B_HOLD_RPE_MARGIN = 1.5

#: R18b: a session with any set rated at or above this RPE is a failure.
R18B_FAIL_RPE = 9.5

#: R18b: every rep at this many RPE points or more below target is "too easy".
R18B_TOO_EASY_MARGIN = 2.0

#: R18b: a step back never goes below the lightest load completed successfully in this
#: many days.
R18B_FLOOR_DAYS = 28

#: R18a: fixed-rep schemes (5 x 5) on a barbell below this load may step by one 2.5 kg step.
R18A_SMALL_BAR_KG = 50.0
R18A_SMALL_BAR_STEP_KG = 2.5

#: R18a: a loaded lift she completes successfully never stays at the same load, reps and
#: sets for more than this many weeks.
R18A_MAX_WEEKS_UNCHANGED = 3

#: R18a: sets added (up to 3 in all) before other variables when the load step is too big.
R18A_MAX_SETS = 3

#: R18a: the small add-on weight (a 0.5-1 kg wrist weight, fractional plates, a stack's
#: add-on plate) that is the last way up when no load she owns is a small enough step, by
#: her units: (upper body, lower body or trunk), in that unit.
R18A_ADD_ON: dict[Units, tuple[float, float]] = {Units.KG: (0.5, 1.0), Units.LB: (1.0, 2.0)}

#: R18c: after 2-4 weeks away she resumes at about this share of the last successful load
#: and returns to it over :data:`R18C_RETURN_SESSIONS` good sessions; after more than
#: :data:`R18C_LONG_BREAK_DAYS` the lift restarts with a short familiarisation (R14) at
#: :data:`R18C_LONG_BREAK_PCT`.
R18C_RESUME_PCT = 90.0
R18C_RETURN_SESSIONS = 2
R18C_LONG_BREAK_DAYS = 28
R18C_LONG_BREAK_PCT = 80.0

#: R18c: after pain of 5/10 or more on a lift, she rebuilds to the previous load over this
#: many pain-free sessions.
R18C_PAIN_REBUILD_SESSIONS = 3

#: R15/R16: loads never above 85 % of the working max (standard track: work up to
#: 70-85 % 1RM; high-intensity track: 80-85 %). The program generator's constant.
INTENSITY_CAP_PCT = STANDARD_CAP_PCT

#: Double progression (our method within R15's 8-12 reps): a prescription of ``r`` reps is
#: the top of the range ``r - REP_RANGE_WIDTH .. r``.
REP_RANGE_WIDTH = 2

#: The bottom of a rep range is never below this (R15 builds to sets of <= 8; 6 is the
#: fewest reps the standard track prescribes), unless the plan asks for fewer (5 x 5, R16).
MIN_RANGE_REPS = 6

#: Failed sessions in a row after which the load steps back (our conservative choice).
FAILS_FOR_STEP_BACK = 2

#: Kept for callers: R18b replaced "a point over target fails" by :data:`R18B_FAIL_RPE`.
FAIL_RPE_MARGIN = R18B_HOLD_RPE_MARGIN

#: Step back 5-10 %: the heaviest load that exists at or below 95 % of the last load. With
#: coarse implements (a 2 kg dumbbell step) the real step back can be larger; it is shown.
STEP_BACK_PCT = 5.0
STEP_BACK_MAX_PCT = 10.0

#: Two weeks or more with nothing logged at all: loads step back for the first session back
#: (brief; our conservative choice against detraining).
AWAY_DAYS = 14

#: The next session of a deload week (``programming.phase_plan``) is about this much lighter.
DELOAD_STEP_PCT = 10.0
#: ... at most this much lighter than her load: where her equipment has nothing nearer (a
#: 5 kg stack at 15 kg), her own load, and the week's fewer sets and lower effort ease it.
DELOAD_MAX_DROP_PCT = 25.0

#: R22 (should): re-estimate the working 1RM every 4-6 weeks. osteoload re-estimates every
#: 4 weeks, counted from the program start.
R22_REESTIMATE_EVERY_DAYS = 28

#: R32: days before ``as_of`` within which a logged red flag still counts.
R32_WINDOW_DAYS = 14

#: Pain of 3-4/10 holds the dose; 0-2/10 is accepted as mild discomfort (our choice, as in
#: the pain-monitoring models used in rehabilitation).
PAIN_HOLD_AT = 3

#: R10/R10a (should): impacts per session build by 5 a *week* (not per session) after a
#: week whose sessions had every impact done without pain, up to about 50 (SSS 2022); never
#: below the generator's starting dose. A new drill starts at <= 10 impacts.
IMPACT_STEP_PER_SESSION = 5
# The weekly step (R10a) is the generator's own: ``programming.IMPACT_STEP_PER_WEEK``.
IMPACT_NEW_DRILL_MAX = 10
IMPACT_CEILING = IMPACT_TARGET_PER_SESSION
IMPACT_FLOOR = IMPACT_START_PER_SESSION

#: Impacts taken off after pain of 5/10 or more, or two weeks away (our choice: two steps).
IMPACT_STEP_BACK = 10

#: R23: a balance exercise moves on after this many consecutive sessions with every
#: prescribed hold (or walk) completed.
BALANCE_SESSIONS_TO_PROGRESS = 2

#: The first dose of a harder balance exercise: holds of at most 20 s (the generator's hold
#: above level 2), or 10 steps when it is a walk.
BALANCE_NEW_HOLD_S = 20
BALANCE_NEW_REPS = 10

_EPS = 1e-6

#: Logged loads are stored in kg to two decimals, so a 45 lb bar comes back as 20.41 kg
#: (44.997 lb): a logged load this close to a load her equipment has is that load.
LOGGED_LOAD_TOLERANCE_KG = 0.006

#: R18a: the slower tempo offered when no load step fits: 3 s down, 1 s pause, up.
SLOW_TEMPO = "3-1-1"

#: Effort at which the rep drop of double progression is valued (the chart's RPE 8 column).
DOUBLE_PROGRESSION_RPE = 8.0
