"""An independent checker of generated programs against rules R1-R33.

``check_program(profile, screening, program, catalogue)`` returns a list of plain sentences,
one per violation; an empty list means the program obeys every rule checked here.

The checker deliberately does not reuse the generator's or the screening's helper functions:
it imports only the record types and the vocabulary and re-derives what it can straight from
the profile and the wording of ``reference/clinical-evidence.md`` section 13. Where a limit
depends on a judgement made by screening (for example the exact falls-risk tier), it checks
the program against the screening record *and*, where the rule is unambiguous, against the
profile directly, so that a screening bug cannot hide a dangerous program.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from typing import Any

from osteoload.domain.profile import ClientProfile
from osteoload.domain.program import Program, ProgramItem, Screening, Session, Week
from osteoload.domain.vocabulary import (
    Component,
    Condition,
    Equipment,
    FallsRisk,
    FractureSite,
    ImpactLevel,
    Pattern,
    Phase,
    ProgramStatus,
    Region,
    Symptom,
)

# --- Numbers restated from clinical-evidence.md section 13 (not imported from the code) ----

RANK = {ImpactLevel.NONE: 0, ImpactLevel.LOW: 1, ImpactLevel.MODERATE: 2, ImpactLevel.HIGH: 3}
ALWAYS_AVAILABLE = frozenset({Equipment.BODYWEIGHT, Equipment.WALL, Equipment.CHAIR})
FREE_WEIGHTS = frozenset({Equipment.BARBELL, Equipment.DUMBBELLS, Equipment.KETTLEBELL})
ALL_REGIONS = frozenset(Region)

R3_RECENT_FRACTURE_DAYS = 28  # Vivifrail: any fracture in the last month
R4_ACUTE_VF_DAYS = 12 * 7  # ROS: vertebral fracture in the last 12 weeks
R5_SYSTOLIC, R5_DIASTOLIC = 160, 100  # AHA 2007: >= 160/100 mmHg
R9_RECURRENT_FALLS = 2
R9_TUG_S = 13.5  # Barry 2014
R9_GAIT_M_S = 0.8
R11_HIGH_IMPACT_FROM_WEEK = 9  # >= 8 weeks of tolerated moderate impact first
R13_DAYS = (2, 3)
R14_WEEKS = 4
R14_REPS = (8, 15)
R14_RPE = 7.0
R17_RPE_FIRST_12 = 8.0
R17_RPE_LATER = 9.0
MAX_PCT_1RM = 85.0  # clinic method and R16: never above 85 % 1RM
MAX_WEEKLY_PCT_RISE = 10.0
DELOAD_EVERY = (4, 6)
R23_BALANCE_DAYS = 2
R23_BALANCE_DAYS_HIGH_RISK = 3
R10_IMPACT_DAYS = 2
R25_AGE = 70
R25_SPPB_A_MAX = 3
R25_GAIT_A_BELOW = 0.5

R2_CONTRAINDICATIONS = frozenset(
    {
        Condition.ACUTE_MYOCARDIAL_INFARCTION,
        Condition.UNSTABLE_ANGINA,
        Condition.ARRHYTHMIA_UNCONTROLLED,
        Condition.AORTIC_ANEURYSM_DISSECTING,
        Condition.AORTIC_STENOSIS_SEVERE,
        Condition.ENDOCARDITIS_PERICARDITIS_ACUTE,
        Condition.THROMBOEMBOLISM_ACUTE,
        Condition.HEART_FAILURE_SEVERE,
        Condition.RESPIRATORY_FAILURE_SEVERE,
        Condition.POSTURAL_HYPOTENSION_UNCONTROLLED,
        Condition.DIABETES_DECOMPENSATED,
    }
)
#: R32: chest pain, fainting/dizziness, breathlessness, (new severe back pain: R4 below) or a
#: fall with injury suspend the program. Matched by value so that the set follows the
#: vocabulary's words for them.
R32_SYMPTOMS = frozenset(
    s
    for s in Symptom
    if s.value in {"chest_pain", "dizziness", "breathlessness", "fainting", "fall_with_injury"}
)
R19_DEADLIFT_IDS = frozenset(
    {
        "deadlift",
        "romanian_deadlift",
        "dumbbell_romanian_deadlift",
        "kettlebell_deadlift",
        "single_leg_romanian_deadlift",
    }
)


# --- Facts re-derived from the profile ------------------------------------------------------


def has_vertebral_fracture(profile: ClientProfile) -> bool:
    return any(f.site is FractureSite.VERTEBRA for f in profile.fractures)


def fragility_fracture_count(profile: ClientProfile) -> int:
    """Fractures not known to be high-trauma (unknown counts, to be safe)."""
    return sum(1 for f in profile.fractures if f.low_trauma is not False)


def lowest_t_score(profile: ClientProfile) -> float | None:
    """The lowest T-score of lumbar spine, total hip and femoral neck (R27)."""
    bone = profile.bone
    values = [
        v for v in (bone.lumbar_spine_t, bone.total_hip_t, bone.femoral_neck_t) if v is not None
    ]
    values += [s.t_score for s in bone.scans if s.t_score is not None]
    return min(values) if values else None


def bone_is_normal(profile: ClientProfile) -> bool:
    """R27: lowest T-score >= -1.0. No T-score at all is treated as not normal."""
    low = lowest_t_score(profile)
    return low is not None and low >= -1.0


def surely_high_falls_risk(profile: ClientProfile) -> bool:
    """R9's explicit high-risk criteria, each read straight from the profile."""
    tests = profile.tests
    return (
        (profile.falls_last_year or 0) >= R9_RECURRENT_FALLS
        or profile.fall_with_injury_last_year is True
        or (tests.tug_s is not None and tests.tug_s >= R9_TUG_S)
        or (tests.gait_speed_m_s is not None and tests.gait_speed_m_s < R9_GAIT_M_S)
        or Condition.DEMENTIA in profile.conditions
    )


def surely_vivifrail_a(profile: ClientProfile) -> bool:
    """R25: age >= 70 and SPPB 0-3 (or gait speed below 0.5 m/s): passport A."""
    if profile.age < R25_AGE:
        return False
    tests = profile.tests
    return (tests.sppb is not None and tests.sppb <= R25_SPPB_A_MAX) or (
        tests.gait_speed_m_s is not None and tests.gait_speed_m_s < R25_GAIT_A_BELOW
    )


def days_before(start: date, when: date | None) -> int | None:
    return None if when is None else (start - when).days


def no_resistance_reasons(profile: ClientProfile, start: date) -> list[str]:
    """Rules that, read from the profile alone, forbid resistance training at ``start``."""
    reasons: list[str] = []
    if R2_CONTRAINDICATIONS & set(profile.conditions):
        reasons.append("R2 contraindication")
    if R32_SYMPTOMS & set(profile.symptoms):
        reasons.append("R32 red-flag symptom")
    if Symptom.NEW_SEVERE_BACK_PAIN in profile.symptoms:
        reasons.append("R4 new severe back pain")
    for f in profile.fractures:
        days = days_before(start, f.date)
        if days is not None and 0 <= days <= R3_RECENT_FRACTURE_DAYS:
            reasons.append(f"R3 fracture {days} days before the start")
        if (
            f.site is FractureSite.VERTEBRA
            and days is not None
            and 0 <= days <= R4_ACUTE_VF_DAYS
            and not profile.clearance.physio
        ):
            reasons.append(f"R4 vertebral fracture {days} days before the start")
    bp = profile.blood_pressure
    if bp is not None and (bp.systolic >= R5_SYSTOLIC or bp.diastolic >= R5_DIASTOLIC):
        reasons.append(f"R5 blood pressure {bp.systolic}/{bp.diastolic}")
    if Condition.HYPERTENSION_UNCONTROLLED in profile.conditions and not profile.clearance.medical:
        reasons.append("R5 uncontrolled hypertension without clearance")
    return reasons


def no_impact_reasons(profile: ClientProfile, start: date) -> list[str]:
    """Rules that forbid impact work (beyond walking-level movement) from the profile alone."""
    reasons: list[str] = []
    if R2_CONTRAINDICATIONS & set(profile.conditions):
        reasons.append("R2 contraindication")
    if R32_SYMPTOMS & set(profile.symptoms):
        reasons.append("R32 red-flag symptom")
    if Symptom.NEW_SEVERE_BACK_PAIN in profile.symptoms:
        reasons.append("R4 new severe back pain")
    for f in profile.fractures:
        days = days_before(start, f.date)
        if (
            f.site is FractureSite.VERTEBRA
            and days is not None
            and 0 <= days <= R4_ACUTE_VF_DAYS
            and not profile.clearance.physio
        ):
            reasons.append(f"R4 vertebral fracture {days} days before the start")
    return reasons


def needs_clearance_reasons(profile: ClientProfile) -> list[str]:
    """R1: PAR-Q+ 'yes' (or no PAR-Q+ at all) without medical clearance: no sessions."""
    if profile.clearance.medical:
        return []
    if profile.parq_yes is None:
        return ["R1 PAR-Q+ not answered and no medical clearance"]
    if profile.parq_yes:
        return [f"R1 PAR-Q+ yes to {list(profile.parq_yes)} without medical clearance"]
    return []


# --- Walking the program --------------------------------------------------------------------


def _items(program: Program) -> Iterator[tuple[Week, Session, ProgramItem]]:
    for week in program.weeks:
        for session in week.sessions:
            for item in session.items:
                yield week, session, item


def _where(week: Week, session: Session, item: ProgramItem | None = None) -> str:
    text = f"week {week.week} {session.date.isoformat()} (day {session.day})"
    return f"{text} {item.exercise_id}" if item is not None else text


def _is_resistance_session(session: Session) -> bool:
    return session.kind == "resistance" or any(
        i.component is Component.RESISTANCE for i in session.items
    )


class _Entry:
    """What the catalogue says about an item, merged with what the item itself says."""

    def __init__(self, item: ProgramItem, catalogue: Mapping[str, Any]) -> None:
        exercise = catalogue.get(item.exercise_id)
        self.known = exercise is not None
        impacts = [item.impact] + ([exercise.impact] if exercise is not None else [])
        self.impact = max(impacts, key=lambda level: RANK[level])
        self.tags = set(item.tags) | (set(exercise.tags) if exercise is not None else set())
        self.patterns = {item.pattern} | ({exercise.pattern} if exercise is not None else set())
        self.equipment = set(item.equipment) | (
            set(exercise.equipment) if exercise is not None else set()
        )
        self.supervised_only = bool(exercise is not None and exercise.supervised_only)


# --- The checker ----------------------------------------------------------------------------


def check_program(
    profile: ClientProfile,
    screening: Screening,
    program: Program,
    catalogue: Mapping[str, Any],
) -> list[str]:
    """Every rule violation found in ``program``, as plain sentences (empty when none)."""
    out: list[str] = []
    out += _check_structure(profile, program)
    out += _check_items(profile, screening, program, catalogue)
    out += _check_status(profile, screening, program)
    out += _check_intensity(program)
    out += _check_weekly(profile, screening, program, catalogue)
    return out


def _check_structure(profile: ClientProfile, program: Program) -> list[str]:
    out: list[str] = []
    for index, week in enumerate(program.weeks, start=1):
        if week.week != index:
            out.append(f"week {index}: numbered {week.week}")
        first = program.start + timedelta(days=7 * (index - 1))
        last = first + timedelta(days=6)
        seen: set[date] = set()
        for session in week.sessions:
            where = _where(week, session)
            if not first <= session.date <= last:
                out.append(f"{where}: date outside {first}..{last}")
            if session.day != session.date.isoweekday():
                out.append(f"{where}: day {session.day} is not the weekday of {session.date}")
            if session.date in seen:
                out.append(f"{where}: two sessions on the same date")
            seen.add(session.date)
            if (
                _is_resistance_session(session)
                and session.minutes > profile.schedule.minutes_per_session
            ):
                out.append(
                    f"{where}: resistance session of {session.minutes} min exceeds "
                    f"{profile.schedule.minutes_per_session} min per session"
                )
            for item in session.items:
                if not item.why.strip():
                    out.append(f"{_where(week, session, item)}: no 'why' for the client")
                if item.sets < 1:
                    out.append(f"{_where(week, session, item)}: {item.sets} sets")
    return out


def _check_items(
    profile: ClientProfile,
    screening: Screening,
    program: Program,
    catalogue: Mapping[str, Any],
) -> list[str]:
    out: list[str] = []
    start = program.start
    vf = has_vertebral_fracture(profile)
    r8 = vf or fragility_fracture_count(profile) >= 2
    r6 = vf or not bone_is_normal(profile)
    high_falls = surely_high_falls_risk(profile)
    oa = {Condition.KNEE_OSTEOARTHRITIS, Condition.HIP_OSTEOARTHRITIS} & set(profile.conditions)
    viv_a = surely_vivifrail_a(profile)
    no_impact = no_impact_reasons(profile, start)
    have = set(profile.equipment) | ALWAYS_AVAILABLE if profile.equipment is not None else None
    for week, session, item in _items(program):
        bad: list[str] = []
        e = _Entry(item, catalogue)
        level = RANK[e.impact]
        if not e.known:
            bad.append("not in the catalogue")
        # R11: high drills only in supervised (resistance) sessions, never on a home day.
        if e.impact == ImpactLevel.HIGH and session.kind != "resistance":
            bad.append("high impact on a home day (R11)")
        # R10a / issue 13: an impact item's sets x per-set count is its session total.
        if item.impacts is not None and item.sets * (item.reps or 0) != item.impacts:
            bad.append(f"{item.sets} x {item.reps} impacts do not make the total {item.impacts}")
        # Screening limits.
        if level > RANK[screening.max_impact]:
            bad.append(f"impact {e.impact} above the allowed {screening.max_impact}")
        if e.tags & set(screening.excluded_tags):
            bad.append(f"excluded spine-risk tags {sorted(e.tags)}")
        if e.patterns & set(screening.excluded_patterns):
            bad.append(f"excluded pattern {sorted(e.patterns)}")
        if item.exercise_id in screening.excluded_exercises:
            bad.append("excluded exercise")
        if not screening.free_weights_allowed and e.equipment & FREE_WEIGHTS:
            bad.append("free weights while screening forbids them (R9)")
        # Profile-derived limits, independent of screening.
        if r8 and level > RANK[ImpactLevel.LOW]:
            bad.append(f"impact {e.impact} after a vertebral or multiple fractures (R8)")
        if r6 and e.tags:
            bad.append(f"spine-risk tags {sorted(e.tags)} with bone not normal (R6)")
        if high_falls and level > RANK[ImpactLevel.LOW]:
            bad.append(f"impact {e.impact} with high falls risk (R9)")
        if high_falls and not profile.supervised and e.equipment & FREE_WEIGHTS:
            bad.append("unsupervised free weights with high falls risk (R9)")
        if oa and level > RANK[ImpactLevel.LOW]:
            bad.append(f"impact {e.impact} with osteoarthritis (R12)")
        if viv_a and level > RANK[ImpactLevel.NONE]:
            bad.append(f"impact {e.impact} for Vivifrail passport A (R25)")
        if viv_a and e.equipment & FREE_WEIGHTS:
            bad.append("free weights for Vivifrail passport A (R25)")
        if no_impact and item.component is Component.IMPACT:
            bad.append(f"impact work despite {', '.join(no_impact)}")
        if vf and not profile.clearance.physio:
            if Pattern.PRESS_OVERHEAD in e.patterns:
                bad.append("overhead press after a vertebral fracture (R19)")
            if item.exercise_id in R19_DEADLIFT_IDS:
                bad.append("deadlift after a vertebral fracture (R19)")
        if have is not None and not e.equipment <= have:
            missing = sorted(str(x) for x in e.equipment - have)
            bad.append(f"needs equipment she does not have: {missing}")
        if e.supervised_only and not profile.supervised:
            bad.append("supervised-only exercise without supervision")
        if e.impact is ImpactLevel.HIGH:
            if week.week < R11_HIGH_IMPACT_FROM_WEEK:
                bad.append(f"high impact before week {R11_HIGH_IMPACT_FROM_WEEK} (R11)")
            if not profile.supervised:
                bad.append("high impact without supervision (R11)")
        out += [f"{_where(week, session, item)}: {problem}" for problem in bad]
    return out


def _check_status(profile: ClientProfile, screening: Screening, program: Program) -> list[str]:
    out: list[str] = []
    sessions = [s for w in program.weeks for s in w.sessions]
    if program.status is not screening.status:
        out.append(f"program status {program.status} differs from screening {screening.status}")
    if program.status is ProgramStatus.NEEDS_CLEARANCE and sessions:
        out.append(f"needs_clearance program has {len(sessions)} sessions")
    # ``sessions_allowed`` (R1, R2, R5, R25 A, R32: nothing may start yet) is read with a
    # default so that the checker also works on screenings recorded before the field existed.
    if not getattr(screening, "sessions_allowed", True) and sessions:
        out.append(f"{len(sessions)} sessions although screening allows none")
    if program.status is not ProgramStatus.READY or not screening.resistance_allowed:
        for week, session, item in _items(program):
            if item.component in (Component.RESISTANCE, Component.IMPACT):
                out.append(
                    f"{_where(week, session, item)}: {item.component} item in a "
                    f"{program.status} program (resistance allowed: "
                    f"{screening.resistance_allowed})"
                )
    clearance = needs_clearance_reasons(profile)
    if clearance and sessions:
        out.append(f"{len(sessions)} sessions despite {', '.join(clearance)}")
    forbidden = no_resistance_reasons(profile, program.start)
    if forbidden:
        for week, session, item in _items(program):
            if item.component is Component.RESISTANCE:
                out.append(
                    f"{_where(week, session, item)}: resistance despite {', '.join(forbidden)}"
                )
    return out


def _check_intensity(program: Program) -> list[str]:
    out: list[str] = []
    last_pct: dict[str, float] = {}
    for week in program.weeks:
        week_pct: dict[str, float] = {}
        rpe_cap = R17_RPE_FIRST_12 if week.week <= 12 else R17_RPE_LATER
        for session in week.sessions:
            for item in session.items:
                bad: list[str] = []
                pct = item.intensity_pct_1rm
                if pct is not None:
                    if pct > MAX_PCT_1RM:
                        bad.append(f"{pct:g} % 1RM is above {MAX_PCT_1RM:g} %")
                    week_pct[item.exercise_id] = max(week_pct.get(item.exercise_id, 0.0), pct)
                if item.target_rpe is not None and item.target_rpe > rpe_cap:
                    bad.append(f"target RPE {item.target_rpe:g} above {rpe_cap:g} (R17)")
                if week.week <= R14_WEEKS and item.component is Component.RESISTANCE:
                    low, high = R14_REPS
                    if item.reps is not None and not low <= item.reps <= high:
                        bad.append(f"{item.reps} reps in familiarisation (R14)")
                    if item.target_rpe is None:
                        bad.append("no target RPE in familiarisation (R14)")
                    elif item.target_rpe > R14_RPE:
                        bad.append(f"target RPE {item.target_rpe:g} in familiarisation (R14)")
                out += [f"{_where(week, session, item)}: {problem}" for problem in bad]
        for exercise_id, pct in week_pct.items():
            previous = last_pct.get(exercise_id)
            if previous is not None and pct > previous + MAX_WEEKLY_PCT_RISE:
                out.append(
                    f"week {week.week} {exercise_id}: % 1RM rises from {previous:g} to {pct:g}"
                )
        last_pct.update(week_pct)
    return out


def _check_deloads(program: Program) -> list[str]:
    """A lighter week every 4-6 weeks once familiarisation (weeks 1-4) is over."""
    out: list[str] = []
    shortest, longest = DELOAD_EVERY
    anchor = R14_WEEKS
    for week in program.weeks[R14_WEEKS:]:
        if week.phase is Phase.DELOAD:
            if week.week - anchor < shortest:
                out.append(
                    f"week {week.week}: deload only {week.week - anchor} weeks after the last"
                )
            anchor = week.week
        elif week.week - anchor > longest:
            out.append(f"week {week.week}: no deload for {week.week - anchor} weeks")
            anchor = week.week  # report each missing deload once
    return out


def balance_seconds(item: ProgramItem, catalogue: Mapping[str, Any]) -> float:
    """R23a, restated: the balance an item holds is its minutes, or every hold second, or
    every rep at the catalogue's pace (seconds per rep); rests do not count."""
    if item.component is not Component.BALANCE:
        return 0.0
    if item.minutes is not None:
        return item.minutes * 60.0
    per_set = item.hold_s if item.hold_s is not None else item.reps or 0
    return float(item.sets * per_set * catalogue[item.exercise_id].seconds_per_rep)


def _check_balance_dose(
    screening: Screening, program: Program, catalogue: Mapping[str, Any]
) -> list[str]:
    """R23a: each week's reported balance minutes are the sum of its balance items and, in a
    ready program, meet the screening's weekly target (R23: 120, 180 for high falls risk)."""
    out: list[str] = []
    for week in program.weeks:
        seconds = sum(
            balance_seconds(i, catalogue)
            for s in week.sessions
            for i in s.items
            if i.exercise_id in catalogue
        )
        if int(seconds // 60) != week.balance_minutes:
            out.append(
                f"week {week.week}: balance_minutes {week.balance_minutes} but its balance "
                f"items hold {int(seconds // 60)} min (R23a)"
            )
        target = screening.balance_minutes_target
        if program.status is ProgramStatus.READY and seconds < target * 60:
            out.append(
                f"week {week.week}: {seconds / 60:.1f} balance minutes, need {target} (R23a)"
            )
    return out


def _check_weekly(
    profile: ClientProfile,
    screening: Screening,
    program: Program,
    catalogue: Mapping[str, Any],
) -> list[str]:
    out: list[str] = []
    items = list(_items(program))
    if not items:
        return out
    out += _check_balance_dose(screening, program, catalogue)
    has_resistance = any(i.component is Component.RESISTANCE for _, _, i in items)
    if has_resistance and not any(i.component is Component.BALANCE for _, _, i in items):
        out.append("program has resistance but no balance work (R26)")
    for week in program.weeks:
        posture = any(
            i.component is Component.POSTURE or i.pattern is Pattern.SPINAL_EXTENSION
            for s in week.sessions
            for i in s.items
        )
        if not posture:
            out.append(f"week {week.week}: no posture or back-extensor exercise (R7)")
    if program.status is not ProgramStatus.READY or not screening.resistance_allowed:
        return out
    wanted_days = set(profile.schedule.resistance_days)
    resistance_dates: list[date] = []
    for week in program.weeks:
        res = [s for s in week.sessions if _is_resistance_session(s)]
        days = {s.day for s in res}
        resistance_dates += [s.date for s in res]
        if days != wanted_days:
            out.append(
                f"week {week.week}: resistance on days {sorted(days)}, "
                f"scheduled {sorted(wanted_days)} (R13)"
            )
        if len(res) not in R13_DAYS:
            out.append(f"week {week.week}: {len(res)} resistance sessions (R13: 2-3)")
        regions = {
            r
            for s in week.sessions
            for i in s.items
            if i.component is Component.RESISTANCE
            for r in i.regions
        }
        if regions != ALL_REGIONS:
            missing = sorted(str(r) for r in ALL_REGIONS - regions)
            out.append(f"week {week.week}: resistance does not load {missing} (R13)")
        balance_days = {
            s.date for s in week.sessions if any(i.component is Component.BALANCE for i in s.items)
        }
        need = (
            R23_BALANCE_DAYS_HIGH_RISK
            if screening.falls_risk is FallsRisk.HIGH
            else R23_BALANCE_DAYS
        )
        if len(balance_days) < need:
            out.append(f"week {week.week}: balance on {len(balance_days)} days, need {need} (R23)")
        if RANK[screening.max_impact] >= RANK[ImpactLevel.MODERATE]:
            impact_days = {
                s.date
                for s in week.sessions
                if any(i.component is Component.IMPACT for i in s.items)
            }
            if len(impact_days) < R10_IMPACT_DAYS:
                out.append(
                    f"week {week.week}: impact on {len(impact_days)} days, "
                    f"need {R10_IMPACT_DAYS} (R10)"
                )
    resistance_dates.sort()
    for a, b in zip(resistance_dates, resistance_dates[1:], strict=False):
        if (b - a).days < 2:
            out.append(f"resistance on consecutive days {a} and {b} (R13)")
    if has_resistance:
        out += _check_deloads(program)
    return out
