"""The program generator: a screened profile in, a dated week-by-week program out.

``generate_program`` is deterministic: the same profile, screening, catalogue and start date
always give the same program. It follows the clinic's method (DESIGN.md) within the limits
that screening set, rule by rule:

* R13: resistance on the 2-3 scheduled, non-consecutive days; hips, spine, legs, arms and
  core loaded every week through the key moves (squat, hinge, lunge, row, overhead press) or
  their permitted substitutes.
* R14: weeks 1-4 are familiarisation (8-15 reps, RPE <= 7); R15 then builds to 2-3 sets of
  6-12 reps at up to 70-85 % 1RM; R16 adds supervised 5x5 at 80-85 % on squat, deadlift and
  overhead press; R17 never to failure (RPE <= 8 in the first 12 weeks, <= 9 after).
* R10/R11: impact on at least two days a week when more than low impact is allowed, built up
  in impacts per session towards about 50, high impact only after 8 weeks of moderate.
* R23/R24: balance on at least 2 days (3 for high falls risk) graded to her level, with the
  weekly minutes reported; R7 posture and back-extensor work every week.
* R6/R8-R12/R19: nothing the screening excludes, nothing above ``max_impact``, only the
  equipment she has; each session fitted into ``minutes_per_session``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from .catalogue import Catalogue, Exercise
from .errors import DomainError
from .one_rm import OneRmEstimate, pct_1rm, working_max_from_sets
from .profile import ClientProfile
from .program import Program, ProgramItem, Screening, Session, Week
from .units import implement_for, round_load_down
from .vocabulary import (
    Component,
    Equipment,
    Experience,
    FallsRisk,
    ImpactLevel,
    Pattern,
    Phase,
    ProgramStatus,
    Track,
)

#: What a client has when the profile does not say (screening adds an info finding).
DEFAULT_EQUIPMENT = frozenset(
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
        return WeekPlan(Phase.DELOAD, 3, 5, 70.0, 6.0, 150)
    ramp = {5: 70.0, 6: 75.0, 7: 80.0}
    pct = ramp.get(week, 0.0) or (82.5 if (week - 8) % 5 in (1, 2) else HIGH_INTENSITY_PCT[1])
    rpe = min(8.0 if week <= 12 else 8.5, RPE_CAP_LATER)
    return WeekPlan(plan.phase, 5, 5, pct, rpe, 180)


# --- Choosing exercises -------------------------------------------------------------------


def allowed_exercises(
    profile: ClientProfile, screening: Screening, catalogue: Catalogue
) -> tuple[Exercise, ...]:
    """Every catalogue exercise this client may be given, per screening and her equipment."""
    have = set(profile.equipment) if profile.equipment is not None else set(DEFAULT_EQUIPMENT)
    have |= ALWAYS_AVAILABLE
    out = []
    for e in catalogue.values():
        if e.tags:  # R6: never chosen; tagged entries exist so that the filter is tested.
            continue
        if set(e.tags) & set(screening.excluded_tags):
            continue
        if e.pattern in screening.excluded_patterns or e.id in screening.excluded_exercises:
            continue
        if e.impact.rank > screening.max_impact.rank:
            continue
        if not set(e.equipment) <= have:
            continue
        if e.supervised_only and not profile.supervised:
            continue
        if not screening.free_weights_allowed and e.uses_free_weight:
            continue  # R9
        if screening.track is Track.GENTLE and e.level > 2:
            continue
        out.append(e)
    return tuple(sorted(out, key=lambda e: e.id))


def _max_level(profile: ClientProfile, screening: Screening) -> int:
    if screening.track is Track.GENTLE:
        return 2
    if profile.experience in (None, Experience.NOVICE):
        return 3
    return 4 if profile.experience is Experience.INTERMEDIATE else 5


_IMPLEMENT_ORDER = (Equipment.BARBELL, Equipment.MACHINES, Equipment.DUMBBELLS,
                    Equipment.KETTLEBELL, Equipment.BANDS)  # fmt: skip


def _resistance_rank(e: Exercise, profile: ClientProfile, prefer_barbell: bool) -> tuple[int, ...]:
    """Sort key for resistance choices: the client's known lifts, then sensible implements."""
    known = {s.exercise for s in profile.strength}
    implement = next((i for i, eq in enumerate(_IMPLEMENT_ORDER) if eq in e.equipment), 9)
    if not prefer_barbell and implement == 0:
        implement = 5
    return (0 if e.id in known else 1, 0 if e.loadable else 1, implement, -e.level)


_FALLBACKS: dict[Pattern, tuple[Pattern, ...]] = {
    Pattern.SQUAT: (Pattern.SQUAT, Pattern.LUNGE, Pattern.STEP),
    Pattern.HINGE: (Pattern.HINGE, Pattern.SPINAL_EXTENSION),
    Pattern.LUNGE: (Pattern.LUNGE, Pattern.STEP, Pattern.SQUAT),
    Pattern.ROW: (Pattern.ROW, Pattern.PULL_VERTICAL),
    Pattern.PRESS_OVERHEAD: (Pattern.PRESS_OVERHEAD, Pattern.PRESS_HORIZONTAL),
    Pattern.PRESS_HORIZONTAL: (Pattern.PRESS_HORIZONTAL, Pattern.PRESS_OVERHEAD),
    Pattern.PULL_VERTICAL: (Pattern.PULL_VERTICAL, Pattern.ROW),
    Pattern.ANTI_ROTATION: (Pattern.ANTI_ROTATION, Pattern.CARRY, Pattern.SPINAL_EXTENSION),
    Pattern.CARRY: (Pattern.CARRY, Pattern.ANTI_ROTATION),
}


@dataclass(frozen=True, slots=True)
class _Chooser:
    profile: ClientProfile
    screening: Screening
    pool: tuple[Exercise, ...]
    max_level: int

    def resistance(self, pattern: Pattern, avoid: set[str]) -> Exercise | None:
        hi = self.screening.track is Track.HIGH_INTENSITY
        prefer_barbell = hi or self.profile.experience in (
            Experience.INTERMEDIATE,
            Experience.ADVANCED,
        )
        if hi and pattern in HIGH_INTENSITY_LIFTS:
            wanted = HIGH_INTENSITY_LIFTS[pattern]
            match = [e for e in self.pool if e.id == wanted and e.id not in avoid]
            if match:
                return match[0]
        for candidate_pattern in _FALLBACKS.get(pattern, (pattern,)):
            options = [
                e
                for e in self.pool
                if e.pattern is candidate_pattern
                and e.component in (Component.RESISTANCE, Component.POSTURE)
                and e.level <= self.max_level
                and e.id not in avoid
                and e.impact.rank <= ImpactLevel.LOW.rank
            ]
            if options:
                return min(options, key=lambda e: _resistance_rank(e, self.profile, prefer_barbell))
        return None

    def by_component(
        self, component: Component, *, level: int, avoid: set[str], max_impact: ImpactLevel
    ) -> Exercise | None:
        """The hardest exercise of a component at or below ``level`` (ties by id)."""
        options = [
            e
            for e in self.pool
            if e.component is component
            and e.level <= level
            and e.id not in avoid
            and e.impact.rank <= max_impact.rank
        ]
        if not options:
            return None
        return max(options, key=lambda e: (e.level, e.impact.rank, -len(e.equipment), e.id))


# --- Dosing helpers -----------------------------------------------------------------------


def estimate_seconds(item: ProgramItem, exercise: Exercise) -> int:
    """Rough duration of an item: work time plus rest between sets, plus set-up."""
    if item.minutes is not None:
        return item.minutes * 60
    if item.impacts is not None:
        work = item.impacts * exercise.seconds_per_rep
        return int(work + item.sets * 20 + (item.sets - 1) * item.rest_s)
    per_set = (
        item.hold_s * exercise.seconds_per_rep
        if item.hold_s is not None
        else (item.reps or 0) * exercise.seconds_per_rep
    )
    # The catalogue's seconds_per_rep already counts both sides of one-sided exercises.
    return int(item.sets * per_set + (item.sets - 1) * item.rest_s + 30)


def _item(exercise: Exercise, **dose: object) -> ProgramItem:
    return ProgramItem(
        exercise_id=exercise.id,
        name=exercise.name,
        component=exercise.component,
        pattern=exercise.pattern,
        regions=exercise.regions,
        impact=exercise.impact,
        tags=exercise.tags,
        equipment=exercise.equipment,
        why=exercise.why,
        **dose,  # type: ignore[arg-type]
    )


def _resistance_item(exercise: Exercise, plan: WeekPlan, week: int, track: Track) -> ProgramItem:
    if track is Track.HIGH_INTENSITY and exercise.id in HIGH_INTENSITY_LIFTS.values():
        plan = high_intensity_dose(week, plan)
    if exercise.component is Component.POSTURE or exercise.dose == "hold":
        return _posture_item(exercise, plan)
    pct = (
        plan.pct_1rm
        if exercise.loadable and plan.pct_1rm > 0 and exercise.pattern in PCT_1RM_PATTERNS
        else None
    )
    note = None
    if exercise.loadable:
        note = (
            f"Choose a weight you could lift about {max(1, round(10 - plan.rpe))} more times "
            f"at the end of each set (effort {plan.rpe:g} out of 10)."
        )
    return _item(
        exercise,
        sets=plan.sets,
        reps=plan.reps,
        intensity_pct_1rm=pct,
        target_rpe=plan.rpe,
        rest_s=plan.rest_s,
        note=note,
    )


def _posture_item(exercise: Exercise, plan: WeekPlan) -> ProgramItem:
    if exercise.dose == "hold":
        return _item(exercise, sets=2, hold_s=20 if plan.phase is Phase.FAMILIARISATION else 30,
                     rest_s=30, target_rpe=min(plan.rpe, 7.0))  # fmt: skip
    return _item(exercise, sets=2, reps=10, rest_s=45, target_rpe=min(plan.rpe, 7.0))


def _balance_item(exercise: Exercise, minutes_budget: int) -> ProgramItem:
    """Sets of holds or steps that fill about ``minutes_budget`` minutes (R23)."""
    budget_s = minutes_budget * 60
    if exercise.dose == "hold":
        hold = 30 if exercise.level <= 2 else 20
        per_set = hold * exercise.seconds_per_rep + 15  # seconds_per_rep counts both legs
        sets = max(2, min(10, round(budget_s / per_set)))
        return _item(exercise, sets=sets, hold_s=hold, rest_s=15)
    reps = 10
    per_set = reps * exercise.seconds_per_rep + 20
    sets = max(2, min(10, round(budget_s / per_set)))
    return _item(exercise, sets=sets, reps=reps, rest_s=20)


def impacts_for_week(week: int, phase: Phase) -> int:
    """R10: impacts per session, starting at 10 and building by 5 a week towards ~50."""
    n = min(IMPACT_TARGET_PER_SESSION, IMPACT_START_PER_SESSION + IMPACT_STEP_PER_WEEK * (week - 1))
    return max(IMPACT_START_PER_SESSION, int(n * 0.6)) if phase is Phase.DELOAD else n


def impact_level_for_week(week: int, max_impact: ImpactLevel) -> ImpactLevel:
    """Start lower (R10): low impact for 2 weeks, moderate after, high from week 9 (R11)."""
    if week <= 2:
        return min(max_impact, ImpactLevel.LOW, key=lambda x: x.rank)
    if max_impact is ImpactLevel.HIGH and week < HIGH_IMPACT_FROM_WEEK:
        return ImpactLevel.MODERATE
    return max_impact


def _impact_item(exercise: Exercise, impacts: int) -> ProgramItem:
    if exercise.dose == "minutes":
        return _item(exercise, sets=1, minutes=10, rest_s=0)
    sets = max(1, min(5, -(-impacts // 10)))
    return _item(exercise, sets=sets, reps=-(-impacts // sets), impacts=impacts, rest_s=60)


def balance_start_level(profile: ClientProfile, screening: Screening) -> int:
    """R23: balance graded to the client: more support for higher falls risk or poor stance."""
    stance = profile.tests.single_leg_stance_s
    if screening.falls_risk is FallsRisk.HIGH or (stance is not None and stance < 5):
        return 1
    if screening.falls_risk in (FallsRisk.INTERMEDIATE, FallsRisk.UNKNOWN):
        return 2
    if stance is not None and stance < 20:
        return 2
    return 3


# --- The generator ------------------------------------------------------------------------


def generate_program(
    profile: ClientProfile,
    screening: Screening,
    catalogue: Catalogue,
    *,
    start: date,
    weeks: int = 12,
    strength_as_of: date | None = None,
) -> Program:
    """Generate a ``weeks``-long program starting on ``start`` (any weekday).

    Loads come from the profile's recent ``strength`` sets (R22 working max, sets within six
    weeks of ``strength_as_of``, default ``start``), rounded down to real equipment in the
    client's units; items without a usable set carry an effort target and a note instead.

    A ``needs_clearance`` result, or any screening with ``sessions_allowed`` false (R1, R2,
    R5, R25 A, R32), has no sessions; a ``withheld`` result that allows gentle work has
    only walking, mobility, posture and supported balance (no resistance or impact items).
    See the module docstring for the rules applied.
    """
    if not 1 <= weeks <= 52:
        raise ValueError("weeks must be 1 to 52")
    pool = allowed_exercises(profile, screening, catalogue)
    chooser = _Chooser(profile, screening, pool, _max_level(profile, screening))
    notes: list[str] = list(screening.next_steps)
    if not screening.sessions_allowed or screening.status is ProgramStatus.NEEDS_CLEARANCE:
        notes.insert(0, "No exercise sessions until the steps below are done.")
        return Program(status=screening.status, screening=screening, start=start, weeks=(),
                       working_max_kg={}, notes=tuple(notes))  # fmt: skip
    builder = _WeekBuilder(profile, screening, chooser, start)
    built = tuple(builder.week(n) for n in range(1, weeks + 1))
    built = _clamp_weekly_steps(built)
    maxes = working_maxes(profile, as_of=strength_as_of or start)
    built = _apply_loads(built, profile, maxes, catalogue)
    if screening.status is ProgramStatus.WITHHELD:
        notes.insert(0, "Gentle program only: no lifting and no impact until reviewed.")
    if any(i.intensity_pct_1rm is not None and i.load_kg is None for i in _items(built)):
        notes.append(FIRST_LOAD_NOTE)
    return Program(status=screening.status, screening=screening, start=start, weeks=built,
                   working_max_kg={k: v.one_rm_kg for k, v in maxes.items()},
                   notes=tuple(notes))  # fmt: skip


#: How to find a first load safely when no recent set is recorded (R20: no maximal testing).
FIRST_LOAD_NOTE = (
    "Where no weight is given, find it in the first session: start light, and add a little "
    "each set until the set feels like the effort shown, with about three more repetitions "
    "left in you. Never test your maximum lift."
)


def working_maxes(profile: ClientProfile, *, as_of: date) -> dict[str, OneRmEstimate]:
    """R22 working 1RM for every exercise with a usable recent set in the profile."""
    out: dict[str, OneRmEstimate] = {}
    for exercise in sorted({s.exercise for s in profile.strength}):
        try:
            estimate = working_max_from_sets(profile.strength, exercise, as_of=as_of)
        except DomainError:
            continue
        if estimate is not None and estimate.reliable:
            out[exercise] = estimate
    return out


def _items(weeks: Sequence[Week]) -> list[ProgramItem]:
    return [i for w in weeks for s in w.sessions for i in s.items]


def _apply_loads(
    weeks: tuple[Week, ...],
    profile: ClientProfile,
    maxes: dict[str, OneRmEstimate],
    catalogue: Catalogue,
) -> tuple[Week, ...]:
    """Loads from the working max and the prescribed %1RM (or reps at target RPE), rounded down."""
    if not maxes:
        return weeks

    def load(item: ProgramItem) -> ProgramItem:
        estimate = maxes.get(item.exercise_id)
        if estimate is None or item.component is not Component.RESISTANCE:
            return item
        if item.intensity_pct_1rm is not None:
            share = item.intensity_pct_1rm / 100
        elif item.reps is not None and item.target_rpe is not None and item.reps <= 12:
            share = pct_1rm(item.reps, max(6.5, item.target_rpe))
        else:
            return item
        kind = implement_for(catalogue[item.exercise_id].equipment)
        rounded = round_load_down(estimate.one_rm_kg * share, kind, units=profile.units)
        if rounded.load_kg is None:
            return replace(item, note=rounded.label)
        return replace(item, load_kg=rounded.load_kg, load_display=rounded.label, note=None)

    return tuple(
        replace(w, sessions=tuple(
            replace(s, items=tuple(load(i) for i in s.items)) for s in w.sessions
        ))
        for w in weeks
    )  # fmt: skip


_SESSION_ORDER = (Component.WARMUP, Component.MOBILITY, Component.IMPACT, Component.RESISTANCE,
                  Component.POSTURE, Component.BALANCE, Component.AEROBIC)  # fmt: skip


def _ordered(items: Sequence[ProgramItem]) -> list[ProgramItem]:
    """Warm up, jump while fresh, lift, then posture and balance, walking last."""
    return sorted(items, key=lambda i: _SESSION_ORDER.index(i.component))


def _clamp_weekly_steps(weeks: tuple[Week, ...]) -> tuple[Week, ...]:
    """Guarantee no exercise's %1RM rises more than 10 points from one week to the next."""
    last: dict[str, float] = {}
    out = []
    for week in weeks:
        seen: dict[str, float] = {}
        sessions = []
        for session in week.sessions:
            items = []
            for item in session.items:
                pct = item.intensity_pct_1rm
                if pct is not None:
                    previous = last.get(item.exercise_id)
                    if previous is not None and pct > previous + MAX_WEEKLY_STEP_PCT:
                        pct = previous + MAX_WEEKLY_STEP_PCT
                        item = replace(item, intensity_pct_1rm=pct)
                    seen[item.exercise_id] = max(seen.get(item.exercise_id, 0.0), pct)
                items.append(item)
            sessions.append(replace(session, items=tuple(items)))
        last.update(seen)
        out.append(replace(week, sessions=tuple(sessions)))
    return tuple(out)


# Session templates: slots in priority order. The first slots of each template together
# load every region (R13); posture (R7) and balance (R23) are always kept.
_TEMPLATES: tuple[tuple[Pattern, ...], ...] = (
    (Pattern.SQUAT, Pattern.ROW, Pattern.ANTI_ROTATION, Pattern.PRESS_OVERHEAD, Pattern.HINGE),
    (Pattern.HINGE, Pattern.PRESS_OVERHEAD, Pattern.LUNGE, Pattern.ROW, Pattern.CARRY),
    (Pattern.SQUAT, Pattern.PULL_VERTICAL, Pattern.CARRY, Pattern.PRESS_HORIZONTAL,
     Pattern.LUNGE),
)  # fmt: skip
_ESSENTIAL_SLOTS = 3


def _trim(item: ProgramItem) -> ProgramItem:
    """One step shorter: fewer sets (never below two of resistance), shorter rests and
    warm-ups, fewer impacts (never below 10), balance sets (never below two), then shorter
    balance and posture sets."""
    if item.minutes is not None:
        return replace(item, minutes=max(2, item.minutes - 1))
    if item.impacts is not None:
        impacts = max(IMPACT_START_PER_SESSION, item.impacts - 5)
        sets = max(1, min(5, -(-impacts // 10)))
        return replace(item, impacts=impacts, sets=sets, reps=-(-impacts // sets))
    floor = 1 if item.component is Component.POSTURE else 2
    if item.sets > floor:
        return replace(item, sets=item.sets - 1)
    if item.rest_s > 30:
        return replace(item, rest_s=max(30, item.rest_s - 15))
    if item.component in (Component.BALANCE, Component.POSTURE):
        if item.reps is not None and item.reps > 6:
            return replace(item, reps=item.reps - 2)
        if item.hold_s is not None and item.hold_s > 15:
            return replace(item, hold_s=item.hold_s - 5)
    return item


class _WeekBuilder:
    def __init__(
        self, profile: ClientProfile, screening: Screening, chooser: _Chooser, start: date
    ) -> None:
        self.p = profile
        self.s = screening
        self.c = chooser
        self.start = start
        self.high_risk = screening.falls_risk is FallsRisk.HIGH
        self.res_days = profile.schedule.resistance_days if screening.resistance_allowed else ()
        self.home_days = self._home_days()
        self.impact_days = self._impact_days()
        self.balance0 = balance_start_level(profile, screening)
        self.templates = self._choose_templates()
        self.by_id = {e.id: e for e in chooser.pool}

    # Which weekdays get what --------------------------------------------------------------

    def _home_days(self) -> tuple[int, ...]:
        """Short balance (and impact) sessions on the other days, keeping one full rest day."""
        others = [d for d in range(1, 8) if d not in self.res_days]
        if not self.res_days:
            # Gentle-only programs: a short session on five days of the week.
            return tuple(others[:5])
        rest_day = max(others, key=lambda d: min((d - r) % 7 for r in self.res_days))
        return tuple(d for d in others if d != rest_day)

    def _impact_days(self) -> tuple[int, ...]:
        if self.s.max_impact.rank <= ImpactLevel.LOW.rank:
            return ()
        days = list(self.res_days)
        for d in self.home_days:
            if len(days) >= max(MIN_IMPACT_DAYS, 3):
                break
            if all(min((d - x) % 7, (x - d) % 7) > 1 for x in days if x not in self.res_days):
                days.append(d)
        return tuple(sorted(days))

    def _choose_templates(self) -> list[list[Exercise]]:
        """Pick the exercise for every slot of every resistance day once, for the whole block."""
        templates: list[list[Exercise]] = []
        used: set[str] = set()
        for index, _day in enumerate(self.res_days):
            chosen: list[Exercise] = []
            for pattern in _TEMPLATES[index % len(_TEMPLATES)]:
                e = self.c.resistance(pattern, used | {x.id for x in chosen})
                if e is None:
                    e = self.c.resistance(pattern, {x.id for x in chosen})
                if e is not None and e.id not in {x.id for x in chosen}:
                    chosen.append(e)
            used |= {x.id for x in chosen}
            templates.append(chosen)
        return templates

    # One week -----------------------------------------------------------------------------

    def week(self, n: int) -> Week:
        plan = phase_plan(n, self.s.track)
        sessions: list[Session] = []
        week_start = self.start + timedelta(weeks=n - 1)
        for offset in range(7):
            day_date = week_start + timedelta(days=offset)
            weekday = day_date.isoweekday()
            if weekday in self.res_days:
                index = self.res_days.index(weekday)
                sessions.append(self._resistance_session(n, plan, index, day_date))
            elif weekday in self.home_days:
                sessions.append(self._home_session(n, plan, day_date))
        balance_minutes = sum(
            estimate_seconds(i, self.c_exercise(i)) for s in sessions for i in s.items
            if i.component is Component.BALANCE
        ) // 60  # fmt: skip
        impacts = sum(i.impacts or 0 for s in sessions for i in s.items)
        return Week(week=n, phase=plan.phase, sessions=tuple(sessions),
                    balance_minutes=balance_minutes, impacts=impacts)  # fmt: skip

    def c_exercise(self, item: ProgramItem) -> Exercise:
        return self.by_id[item.exercise_id]

    def _balance_level(self, n: int) -> int:
        if self.s.status is not ProgramStatus.READY:
            return 1  # R4: while on hold, only balance work with support (no fall risk)
        return min(5, self.balance0 + (n - 1) // 4)

    def _warmup(self, avoid: set[str]) -> ProgramItem | None:
        e = self.c.by_component(Component.WARMUP, level=2, avoid=avoid, max_impact=ImpactLevel.LOW)
        return _item(e, sets=1, minutes=WARMUP_MINUTES, rest_s=0) if e else None

    def _posture(self, n: int, plan: WeekPlan, avoid: set[str]) -> ProgramItem | None:
        level = 2 if n <= FAMILIARISATION_WEEKS or self.s.track is Track.GENTLE else 3
        e = self.c.by_component(
            Component.POSTURE, level=level, avoid=avoid, max_impact=ImpactLevel.NONE
        )
        return _posture_item(e, plan) if e else None

    def _balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        e = self.c.by_component(
            Component.BALANCE, level=self._balance_level(n), avoid=avoid,
            max_impact=ImpactLevel.LOW,
        )  # fmt: skip
        return _balance_item(e, minutes) if e else None

    def _impact(self, n: int, phase: Phase, avoid: set[str]) -> ProgramItem | None:
        level = impact_level_for_week(n, self.s.max_impact)
        e = self.c.by_component(Component.IMPACT, level=5, avoid=avoid, max_impact=level)
        if e is None or e.impact.rank < ImpactLevel.LOW.rank:
            return None
        return _impact_item(e, impacts_for_week(n, phase))

    def _resistance_session(self, n: int, plan: WeekPlan, index: int, day: date) -> Session:
        budget = self.p.schedule.minutes_per_session * 60
        essentials: list[ProgramItem] = []
        optional: list[ProgramItem] = []
        avoid: set[str] = set()

        def take(item: ProgramItem | None, into: list[ProgramItem]) -> None:
            if item is not None and item.exercise_id not in avoid:
                avoid.add(item.exercise_id)
                into.append(item)

        take(self._warmup(avoid), essentials)
        for slot, exercise in enumerate(self.templates[index]):
            item = _resistance_item(exercise, plan, n, self.s.track)
            take(item, essentials if slot < _ESSENTIAL_SLOTS else optional)
        take(self._posture(n, plan, avoid), essentials)
        take(self._balance(n, avoid, 5 if not self.high_risk else 8), essentials)
        if self.s.max_impact.rank >= ImpactLevel.LOW.rank and day.isoweekday() in (
            self.impact_days or self.res_days
        ):
            take(self._impact(n, plan.phase, avoid), essentials)
        items = _ordered(self._fit(essentials, optional, budget))
        return Session(day=day.isoweekday(), date=day, kind="resistance", items=tuple(items),
                       minutes=self._minutes(items))  # fmt: skip

    def _home_session(self, n: int, plan: WeekPlan, day: date) -> Session:
        minutes = HOME_SESSION_MINUTES_HIGH_RISK if self.high_risk else HOME_SESSION_MINUTES
        avoid: set[str] = set()
        items: list[ProgramItem] = []
        first = self._balance(n, avoid, minutes // 2)
        if first is not None:
            avoid.add(first.exercise_id)
            items.append(first)
        second = self._second_balance(n, avoid, minutes // 2)
        if second is not None:
            avoid.add(second.exercise_id)
            items.append(second)
        if not self.res_days:
            posture = self._posture(n, plan, avoid)
            if posture is not None:
                avoid.add(posture.exercise_id)
                items.append(posture)
        if day.isoweekday() in self.impact_days:
            impact = self._impact(n, plan.phase, avoid)
            if impact is not None:
                items.append(impact)
        elif self.s.max_impact.rank >= ImpactLevel.LOW.rank:
            walk = self.c.by_component(
                Component.AEROBIC, level=2, avoid=avoid, max_impact=ImpactLevel.LOW
            )
            if walk is not None:
                items.append(_item(walk, sets=1, minutes=10, rest_s=0))
        items = _ordered(self._fit(items, [], minutes * 60 + 10 * 60))
        return Session(day=day.isoweekday(), date=day, kind="impact_balance", items=tuple(items),
                       minutes=self._minutes(items))  # fmt: skip

    def _second_balance(self, n: int, avoid: set[str], minutes: int) -> ProgramItem | None:
        """A dynamic drill to go with the static one (or the other way round)."""
        level = self._balance_level(n)
        options = [
            e for e in self.c.pool
            if e.component is Component.BALANCE
            and e.level <= (level + 1 if self.s.status is ProgramStatus.READY else level)
            and e.id not in avoid
        ]  # fmt: skip
        if not options:
            return None
        dynamic = [e for e in options if e.pattern is not Pattern.BALANCE_STATIC]
        pick = max(dynamic or options, key=lambda e: (e.level, e.id))
        return _balance_item(pick, minutes)

    def _minutes(self, items: Sequence[ProgramItem]) -> int:
        return -(-sum(estimate_seconds(i, self.c_exercise(i)) for i in items) // 60)

    def _fit(
        self, essentials: list[ProgramItem], optional: list[ProgramItem], budget_s: int
    ) -> list[ProgramItem]:
        """Keep essentials, add optional items while they fit, then trim doses step by step."""
        items = list(essentials)
        for item in optional:
            if self._seconds([*items, item]) <= budget_s:
                items.append(item)
        for _ in range(20):
            if self._seconds(items) <= budget_s:
                return items
            trimmed = [_trim(i) for i in items]
            if trimmed == items:
                break
            items = trimmed
        # Last resort for very short sessions: no separate warm-up or walk (the first, light
        # set of each exercise warms up instead). Resistance, posture, balance and impact stay.
        for component in (Component.AEROBIC, Component.MOBILITY, Component.WARMUP):
            if self._seconds(items) <= budget_s:
                break
            items = [i for i in items if i.component is not component]
        return items

    def _seconds(self, items: Sequence[ProgramItem]) -> int:
        return sum(estimate_seconds(i, self.c_exercise(i)) for i in items)
