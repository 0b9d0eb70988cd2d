"""Progression: from the program and what she logged, the next prescription of every item.

``next_prescriptions`` is pure and deterministic: the same program, log, date, catalogue,
units, profile and equipment always give the same answer, and every change carries its
decision as data (rule ID, outcome, numbers), which the wording layer turns into words.
Rule IDs: ``reference/clinical-evidence.md`` §13; method: ``docs/science/loads-and-progression.md``.

Baseline
    The program week that holds the next session on or after ``as_of`` (after ``as_of`` when
    something is already logged that day; week 1 before the program starts; the last week,
    with a finding, after it ends) gives each item's sets, rep target and effort target (R14,
    R15, R17) and, for an item never logged, its load. ``change`` compares with her last
    session of the exercise outside the program's deload weeks.

Resistance and posture work with reps: double progression, replayed over the log
    The rep range of a prescription of ``r`` reps is ``r - 2 .. r`` (:func:`rep_range`).
    The logged sessions of an exercise are replayed oldest first, each judged against what
    the engine would have prescribed for it (:func:`judge_session`), across weeks, phases
    and blocks (``earlier=`` gives the earlier blocks). Every decision is a
    :class:`Decision` (rule ID, outcome, numbers) on the item, with the secondary ones in
    ``notes``; the wording layer says them (:func:`osteoload.wording.progression.reason_text`,
    applied by the services). The rules, written up in ``docs/science/progression.md``:

    * R18: *success* (every prescribed set and rep at or below the target RPE) below the top
      of the range: one rep more at the same load; at the top in two sessions in a row: the
      next load that exists on her implement (:func:`next_load_up`). A change of the plan's
      rep or effort target converts the load by effort (%1RM chart) and keeps the count; a
      lower target alone never lowers a load she lifts well.
    * R18a: the reps at the new load drop (down to 6) so that the *effort* step stays within
      10 % (lower body, trunk) or 5 % (upper body); if even 6 reps are not enough: a set
      more (up to 3), mixed loads (the last sets at the next load, one more each time she
      lifts them), a slower tempo, the next harder variation, then an add-on weight is
      suggested. A 5 x 5 steps on a clean 5 x 5; below 50 kg one 2.5 kg barbell step.
    * R18b: every rep at up to 1.5 RPE points (or more, below 9.5) over target holds; a
      missed rep or RPE 9.5 is a failure; two failures in a row step back once (5-10 %, one
      step), never below the lightest successful load of the last 4 weeks and never twice
      without a success; two "too easy" sessions (2 points under) allow a double step.
    * R18c: 2-4 weeks away: resume at about 90 % of the last successful load and return to
      it over two good sessions; more than 4 weeks: 80 % and four sessions. Pain of 5/10 or
      more: one step back, held during the R32 review, then back to the previous load over
      three pain-free sessions.
    * R22/R22a: the working max is re-estimated every 4 weeks from the sets before the
      check-point and never lowered unless her performance fell (a set at RPE 9.5 or more);
      a load she lifted successfully is within the 85 % cap, and after two successes so is
      one step more when the working max comes from her log.
    * *partial*, *painful* (3-4/10) or *unrated* sessions hold; deload weeks do not move the
      progression, and a session in one is about 10 % below her next load and her last one.

Impact (R10, R10a)
    Impacts per session go up by 5 at most once a week when every prescribed impact was
    done without pain, up to 50; a new drill starts at 10 or fewer; otherwise they hold;
    pain of 5/10 or more, or two weeks away, steps them back by 10.

Balance (R23)
    When every prescribed hold (or walk) was completed in the last two sessions, she moves on
    to the catalogue's next balance progression that screening and her equipment allow.

Stop rules (R32)
    Pain of 5/10 or more on any exercise, or any red flag (chest pain, dizziness,
    breathlessness, fainting, new severe back pain, a fall with injury) logged in the 14 days
    up to ``as_of`` sets the status ``needs_review``: nothing increases or starts anywhere
    (every item holds or decreases), a painful exercise steps back, and R32 findings say
    what to do.

Modules
    ``rules`` (numbers), ``decisions`` (records returned), ``context`` (logged sessions,
    the baseline week, the R32 review), ``findings`` (about the whole answer), ``records``
    (working maxes, R22), ``planned`` (planned dose), ``loads`` (loads that exist, steps),
    ``double_progression`` (rep range, judging a session), ``replay``, ``conversion`` and
    ``ladder`` (the replayed log, R18-R18c), ``resistance``, ``impact`` (R10) and ``balance``
    (R23). Every name is importable from this package.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date

from ..catalogue import Catalogue, Exercise
from ..errors import DomainError
from ..logs import SetLog
from ..one_rm import pct_1rm, working_max_from_sets
from ..profile import ClientProfile, StrengthSet
from ..program import Finding, Program, ProgramItem, Week, split_impacts
from ..programming import (
    FAMILIARISATION_RPE,
    IMPACT_START_PER_SESSION,
    IMPACT_TARGET_PER_SESSION,
    RPE_CAP_FIRST_12_WEEKS,
    RPE_CAP_LATER,
    STANDARD_CAP_PCT,
    allowed_exercises,
    working_maxes,
)
from ..stop_rules import R32_PAIN_REVIEW_AT
from ..stop_rules import STOP_RULE_SYMPTOMS as R32_SYMPTOMS
from ..units import (
    DEFAULT_EQUIPMENT,
    EquipmentProfile,
    LoadKind,
    Run,
    format_load,
    implement_for,
    kg_to_lb,
    lb_to_kg,
    round_load_down,
)
from ..vocabulary import Component, Phase, Severity, Symptom, Units
from .balance import _balance as _balance
from .balance import _balance_chain as _balance_chain
from .balance import _balance_complete as _balance_complete
from .balance import _balance_current as _balance_current
from .balance import _balance_dose as _balance_dose
from .balance import _balance_harder as _balance_harder
from .context import _baseline_items as _baseline_items
from .context import _baseline_week as _baseline_week
from .context import _Context as _Context
from .context import _flag_days as _flag_days
from .context import _Logged as _Logged
from .context import _logged_until as _logged_until
from .context import _new_context as _new_context
from .context import _num as _num
from .context import _pain_review as _pain_review
from .context import _Review as _Review
from .context import _review as _review
from .context import _sessions_by_exercise as _sessions_by_exercise
from .context import _snap as _snap
from .conversion import _SAYS_THE_REPS as _SAYS_THE_REPS
from .conversion import _convert as _convert
from .conversion import _converted as _converted
from .conversion import _plan_reps as _plan_reps
from .conversion import _proven_at as _proven_at
from .conversion import _same_load as _same_load
from .decisions import _LOAD_STEPS as _LOAD_STEPS
from .decisions import (
    Change,
    Decision,
    DecisionKind,
    NextItem,
    NextPrescriptions,
    Outcome,
    ProgressStatus,
    WorkingMax,
)
from .double_progression import _SUCCESSES as _SUCCESSES
from .double_progression import _reps_needed as _reps_needed
from .double_progression import _RepState as _RepState
from .double_progression import judge_session, rep_range
from .findings import _away as _away
from .findings import _logged_later as _logged_later
from .findings import _no_sessions as _no_sessions
from .findings import _program_ended as _program_ended
from .impact import _impact as _impact
from .impact import _impact_change as _impact_change
from .impact import _impact_new as _impact_new
from .impact import _impact_replay as _impact_replay
from .impact import _impact_review as _impact_review
from .impact import _impact_session as _impact_session
from .ladder import _harder_or_add_on as _harder_or_add_on
from .ladder import _heavier_sets as _heavier_sets
from .ladder import _load_step as _load_step
from .ladder import _load_tries as _load_tries
from .ladder import _mix as _mix
from .ladder import _mixed_one_step_above as _mixed_one_step_above
from .ladder import _progress as _progress
from .loads import _add_on_kg as _add_on_kg
from .loads import _effective_step_pct as _effective_step_pct
from .loads import _effort_ratio as _effort_ratio
from .loads import _reps_for_step as _reps_for_step
from .loads import _round as _round
from .loads import next_load_up
from .planned import _as_planned as _as_planned
from .planned import _base as _base
from .planned import _rpe_cap as _rpe_cap
from .records import PlannedMaxes, maxes_read_from, working_maxes_on
from .records import _checkpoint as _checkpoint
from .records import _day_of as _day_of
from .records import _estimate as _estimate
from .records import _first_estimate as _first_estimate
from .records import _planned_max as _planned_max
from .records import _ratchet as _ratchet
from .records import _reestimated as _reestimated
from .records import _reestimated_finding as _reestimated_finding
from .records import _set_effort as _set_effort
from .records import _Window as _Window
from .records import _working_maxes as _working_maxes
from .replay import _decide as _decide
from .replay import _failed as _failed
from .replay import _heavier as _heavier
from .replay import _merge_bests as _merge_bests
from .replay import _pained as _pained
from .replay import _prescribed_reps as _prescribed_reps
from .replay import _rebuild as _rebuild
from .replay import _rebuilt as _rebuilt
from .replay import _replay as _replay
from .replay import _reps_done as _reps_done
from .replay import _resume as _resume
from .replay import _set_bests_aside as _set_bests_aside
from .replay import _short_only_at as _short_only_at
from .replay import _step_not_taken as _step_not_taken
from .replay import _succeeded as _succeeded
from .replay import _targets as _targets
from .resistance import _below_lightest as _below_lightest
from .resistance import _capped as _capped
from .resistance import _current_variation as _current_variation
from .resistance import _deload as _deload
from .resistance import _Draft as _Draft
from .resistance import _first_time as _first_time
from .resistance import _harder_unloaded as _harder_unloaded
from .resistance import _is_more as _is_more
from .resistance import _label as _label
from .resistance import _next_dose as _next_dose
from .resistance import _pain_load as _pain_load
from .resistance import _proven as _proven
from .resistance import _reestimated_note as _reestimated_note
from .resistance import _reps as _reps
from .resistance import _reps_for_held_step as _reps_for_held_step
from .resistance import _reps_of as _reps_of
from .resistance import _under_review as _under_review
from .resistance import _up_to_date as _up_to_date
from .rules import _EPS as _EPS
from .rules import (
    AWAY_DAYS,
    BALANCE_NEW_HOLD_S,
    BALANCE_NEW_REPS,
    BALANCE_SESSIONS_TO_PROGRESS,
    DELOAD_MAX_DROP_PCT,
    DELOAD_STEP_PCT,
    DOUBLE_PROGRESSION_RPE,
    FAIL_RPE_MARGIN,
    FAILS_FOR_STEP_BACK,
    IMPACT_CEILING,
    IMPACT_FLOOR,
    IMPACT_NEW_DRILL_MAX,
    IMPACT_STEP_BACK,
    IMPACT_STEP_PER_SESSION,
    IMPACT_STEP_PER_WEEK,
    INTENSITY_CAP_PCT,
    LOGGED_LOAD_TOLERANCE_KG,
    MIN_RANGE_REPS,
    PAIN_HOLD_AT,
    R18_MAX_STEP_PCT_LOWER,
    R18_MAX_STEP_PCT_UPPER,
    R18_SUCCESSES_FOR_LOAD,
    R18A_ADD_ON,
    R18A_MAX_SETS,
    R18A_MAX_WEEKS_UNCHANGED,
    R18A_SMALL_BAR_KG,
    R18A_SMALL_BAR_STEP_KG,
    R18B_DOUBLE_STEP_PCT_LOWER,
    R18B_DOUBLE_STEP_PCT_UPPER,
    R18B_FAIL_RPE,
    R18B_FLOOR_DAYS,
    R18B_HOLD_RPE_MARGIN,
    R18B_TOO_EASY_MARGIN,
    R18C_LONG_BREAK_DAYS,
    R18C_LONG_BREAK_PCT,
    R18C_PAIN_REBUILD_SESSIONS,
    R18C_RESUME_PCT,
    R18C_RETURN_SESSIONS,
    R22_REESTIMATE_EVERY_DAYS,
    R32_WINDOW_DAYS,
    REP_RANGE_WIDTH,
    SLOW_TEMPO,
    STEP_BACK_MAX_PCT,
    STEP_BACK_PCT,
)

__all__ = [
    "ATTENTION_SETBACK",
    "AWAY_DAYS",
    "BALANCE_NEW_HOLD_S",
    "BALANCE_NEW_REPS",
    "BALANCE_SESSIONS_TO_PROGRESS",
    "Catalogue",
    "Change",
    "ClientProfile",
    "Component",
    "DEFAULT_EQUIPMENT",
    "DELOAD_MAX_DROP_PCT",
    "DELOAD_STEP_PCT",
    "DOUBLE_PROGRESSION_RPE",
    "Decision",
    "DecisionKind",
    "DomainError",
    "EquipmentProfile",
    "Exercise",
    "FAILS_FOR_STEP_BACK",
    "FAIL_RPE_MARGIN",
    "FAMILIARISATION_RPE",
    "Finding",
    "IMPACT_CEILING",
    "IMPACT_FLOOR",
    "IMPACT_NEW_DRILL_MAX",
    "IMPACT_START_PER_SESSION",
    "IMPACT_STEP_BACK",
    "IMPACT_STEP_PER_SESSION",
    "IMPACT_STEP_PER_WEEK",
    "IMPACT_TARGET_PER_SESSION",
    "INTENSITY_CAP_PCT",
    "LOGGED_LOAD_TOLERANCE_KG",
    "LoadKind",
    "MIN_RANGE_REPS",
    "NextItem",
    "NextPrescriptions",
    "Outcome",
    "PAIN_HOLD_AT",
    "Phase",
    "PlannedMaxes",
    "Program",
    "ProgramItem",
    "ProgressStatus",
    "R18A_ADD_ON",
    "R18A_MAX_SETS",
    "R18A_MAX_WEEKS_UNCHANGED",
    "R18A_SMALL_BAR_KG",
    "R18A_SMALL_BAR_STEP_KG",
    "R18B_DOUBLE_STEP_PCT_LOWER",
    "R18B_DOUBLE_STEP_PCT_UPPER",
    "R18B_FAIL_RPE",
    "R18B_FLOOR_DAYS",
    "R18B_HOLD_RPE_MARGIN",
    "R18B_TOO_EASY_MARGIN",
    "R18C_LONG_BREAK_DAYS",
    "R18C_LONG_BREAK_PCT",
    "R18C_PAIN_REBUILD_SESSIONS",
    "R18C_RESUME_PCT",
    "R18C_RETURN_SESSIONS",
    "R18_MAX_STEP_PCT_LOWER",
    "R18_MAX_STEP_PCT_UPPER",
    "R18_SUCCESSES_FOR_LOAD",
    "R22_REESTIMATE_EVERY_DAYS",
    "R32_PAIN_REVIEW_AT",
    "R32_SYMPTOMS",
    "R32_WINDOW_DAYS",
    "REP_RANGE_WIDTH",
    "RPE_CAP_FIRST_12_WEEKS",
    "RPE_CAP_LATER",
    "Run",
    "SLOW_TEMPO",
    "STANDARD_CAP_PCT",
    "STEP_BACK_MAX_PCT",
    "STEP_BACK_PCT",
    "SetLog",
    "Severity",
    "StrengthSet",
    "Symptom",
    "Units",
    "Week",
    "WorkingMax",
    "allowed_exercises",
    "attention_flags",
    "format_load",
    "implement_for",
    "judge_session",
    "kg_to_lb",
    "lb_to_kg",
    "maxes_read_from",
    "next_load_up",
    "next_prescriptions",
    "pct_1rm",
    "rep_range",
    "round_load_down",
    "split_impacts",
    "working_max_from_sets",
    "working_maxes",
    "working_maxes_on",
]


#: A roster flag: a lift failed twice in a row (R18b: stepped back, or held at the lightest
#: load she lifted well in four weeks) or was lowered after pain (R18c, R32): her coach
#: should look at how the sessions are going.
ATTENTION_SETBACK = "setback"

#: The decisions that set a lift back.
_SETBACKS = frozenset(
    {DecisionKind.STEP_BACK, DecisionKind.AT_FLOOR, DecisionKind.PAIN, "pain_review"}
)


def attention_flags(result: NextPrescriptions) -> tuple[str, ...]:
    """What in her next prescriptions is worth her coach's attention on the roster:
    :data:`ATTENTION_SETBACK` when any lift failed twice in a row (R18b) or was lowered
    after pain (R18c, R32)."""
    setback = any(
        item.decision is not None and item.decision.outcome in _SETBACKS for item in result.items
    )
    return (ATTENTION_SETBACK,) if setback else ()


def next_prescriptions(
    program: Program,
    history: Sequence[SetLog],
    *,
    as_of: date,
    catalogue: Catalogue,
    units: Units,
    profile: ClientProfile,
    equipment: EquipmentProfile = DEFAULT_EQUIPMENT,
    earlier: Sequence[Program] = (),
) -> NextPrescriptions:
    """The next prescription of every item of the program's current week.

    ``earlier``: her earlier blocks (any order), so that sessions logged before this
    program's start are judged against what was prescribed then (R18: successes count
    across blocks). Without them such sessions are judged against what she logged.

    ``program``: generated for ``profile`` (``programming.generate_program``).
    ``history``: logged sets in any order; sets dated after ``as_of`` are ignored (and
    counted in a finding). ``units``: the client's units: pound gyms step in pound plates,
    and texts show her units. ``equipment``: her gym (default
    :data:`osteoload.domain.units.DEFAULT_EQUIPMENT`).

    Returns :class:`NextPrescriptions`; the rules are in the module docstring.
    """
    owned = frozenset(profile.equipment) if profile.equipment is not None else None
    logged = _logged_until(history, as_of, catalogue, equipment, units, owned)
    findings: list[Finding] = []
    if len(history) > len(logged):
        findings.append(_logged_later(len(history) - len(logged), as_of))
    last_logged = logged[-1].date if logged else None
    review = _review(logged, as_of)
    findings += review.findings
    maxes, max_findings = _working_maxes(program, logged, as_of=as_of, profile=profile)
    findings += max_findings
    if not program.weeks:
        findings.append(_no_sessions(program))
        return _answer(ProgressStatus.NEEDS_REVIEW, as_of, None, (), findings, maxes, last_logged)
    ctx, ended = _new_context(
        program,
        earlier,
        logged,
        as_of=as_of,
        catalogue=catalogue,
        units=units,
        profile=profile,
        equipment=equipment,
        owned=owned,
        review=review,
        maxes=maxes,
    )
    if ended:
        findings.append(_program_ended(program, as_of))
    away = _away(as_of, last_logged)
    if away is not None:
        findings.append(away)
    items = tuple(_next_item(ctx, item) for item in _baseline_items(ctx.week, ctx.day_from))
    status = ProgressStatus.NEEDS_REVIEW if review.needed else ProgressStatus.READY
    return _answer(status, as_of, ctx.week, items, findings, maxes, last_logged)


def _answer(
    status: ProgressStatus,
    as_of: date,
    week: Week | None,
    items: tuple[NextItem, ...],
    findings: Sequence[Finding],
    maxes: Mapping[str, WorkingMax],
    last_logged: date | None,
) -> NextPrescriptions:
    """The answer of :func:`next_prescriptions` for the baseline ``week`` (None: the program
    has no sessions)."""
    return NextPrescriptions(
        status=status,
        as_of=as_of,
        week=week.week if week is not None else None,
        phase=week.phase if week is not None else None,
        items=items,
        findings=tuple(findings),
        working_maxes=tuple(maxes.values()),
        last_logged=last_logged,
    )


def _next_item(ctx: _Context, item: ProgramItem) -> NextItem:
    exercise = ctx.catalogue.get(item.exercise_id)
    if exercise is None:
        result = _as_planned(ctx, item, None)
    elif item.component is Component.IMPACT and item.impacts is not None:
        result = _impact(ctx, item, exercise)
    elif item.component is Component.BALANCE:
        result = _balance(ctx, item, exercise)
    elif (
        item.component in (Component.RESISTANCE, Component.POSTURE)
        and item.reps is not None
        and item.hold_s is None
        and exercise.dose == "reps"
    ):
        result = _reps(ctx, item, exercise)
    else:
        result = _as_planned(ctx, item, exercise)
    if ctx.review.needed and result.change is Change.NEW:
        return replace(
            result,
            change=Change.HOLD,
            notes=(Decision(rule="R32", outcome="not_started"), *result.notes),
        )
    return result
