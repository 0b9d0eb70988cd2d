"""Stop rules: when an assigned program must be suspended, and why (R32, R32a).

This module is the one home of the stop rules of ``reference/clinical-evidence.md``
(section 13):

* R32: a session report of chest pain, fainting or dizziness, breathlessness, new severe
  back pain or a fall with injury suspends the program and sets ``needs_review``
  (:data:`STOP_RULE_SYMPTOMS`); pain of :data:`R32_PAIN_REVIEW_AT`/10 or more during an
  exercise stops every increase and asks for a review.
* R32a: a red flag recorded by the coach (a new fracture, new severe back pain, blood
  pressure at or above the R5 limit, a new contraindication) suspends the assigned program
  exactly like her own report; it resumes only when a new screening allows it, and a
  program that screening withholds or that needs clearance is never assigned.

The decisions are data (:class:`StopDecision`: rule ID, outcome, reasons with their
symptoms, fracture sites and dates, blood pressure, ...), never sentences:
:mod:`osteoload.wording.stops` says them to the coach and to the client. Whether a
screening suspends is read off its status and its findings; no threshold is restated here
(the dates and limits live in :mod:`osteoload.domain.screening`, which takes its R32
symptoms from here).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from .profile import ClientProfile, Fracture
from .program import Finding, Screening, SignOff
from .vocabulary import Condition, FractureSite, ProgramStatus, Severity, Symptom

#: R32 (Otago leaflet; ROS): symptoms that, reported after a session or recorded by her
#: coach, stop the program until it has been reviewed.
STOP_RULE_SYMPTOMS = frozenset(
    {Symptom.CHEST_PAIN, Symptom.DIZZINESS, Symptom.BREATHLESSNESS, Symptom.FAINTING,
     Symptom.NEW_SEVERE_BACK_PAIN, Symptom.FALL_WITH_INJURY}
)  # fmt: skip

#: R32 (must): pain at or above this on the 0-10 scale during an exercise stops every
#: increase and asks for a review.
R32_PAIN_REVIEW_AT = 5


def is_painful(pain: int | None) -> bool:
    """R32: pain logged during an exercise at :data:`R32_PAIN_REVIEW_AT`/10 or more: no more
    of that exercise today, and it waits for a review."""
    return pain is not None and pain >= R32_PAIN_REVIEW_AT


#: R32a: screening rules whose "must" finding is a red flag (R2 contraindication, R3 recent
#: fracture, R4 suspected or recent spine fracture, R5 blood pressure, R32 symptoms).
RED_FLAG_RULES = frozenset({"R2", "R3", "R4", "R5", "R32"})
#: Rules whose "must" finding holds a program back until a clearance (R1 PAR-Q+, R25
#: Vivifrail A): not red flags, but the program cannot run without them either.
CLEARANCE_RULES = frozenset({"R1", "R25"})


class Outcome(StrEnum):
    CONTINUE = "continue"
    NEEDS_REVIEW = "needs_review"
    """The program is suspended until her coach has reviewed it (R32, R32a)."""


class Source(StrEnum):
    CLIENT_REPORT = "client_report"
    """She reported symptoms after a session (R32)."""
    COACH_RECORD = "coach_record"
    """Her coach recorded something in her profile and the new screening stops (R32a)."""


class Cause(StrEnum):
    SYMPTOMS = "symptoms"
    CONTRAINDICATION = "contraindication"
    RECENT_FRACTURE = "recent_fracture"
    VERTEBRAL_FRACTURE = "vertebral_fracture"
    FRACTURE_UNDATED = "fracture_undated"
    BLOOD_PRESSURE = "blood_pressure"
    PARQ = "parq"
    FRAILTY = "frailty"
    OTHER = "other"


@dataclass(frozen=True, slots=True, kw_only=True)
class StopReason:
    """One reason a program stops, as data."""

    rule: str
    cause: Cause
    field: str
    """The profile field where it is recorded (``symptoms``, ``fractures``, ...)."""
    symptoms: tuple[Symptom, ...] = ()
    fracture_site: FractureSite | None = None
    fracture_date: date | None = None
    fracture_year: int | None = None
    systolic: int | None = None
    diastolic: int | None = None
    conditions: tuple[Condition, ...] = ()
    parq_yes: tuple[int, ...] | None = None
    """PAR-Q+ questions answered yes; ``None`` when she has not answered them."""
    until: date | None = None
    """The first day the rule can allow training again, where the rule sets one (R3, R4)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class StopDecision:
    """Whether an assigned program must be suspended, and why."""

    suspend: bool
    rule: str
    """``R32`` (her report) or ``R32a`` (her coach's record)."""
    outcome: Outcome
    source: Source
    on: date
    """The day of the report, or the day the screening was made for."""
    status: ProgramStatus | None = None
    """The screening's status (``None`` for a report)."""
    reasons: tuple[StopReason, ...] = ()
    clearances_needed: tuple[SignOff, ...] = ()
    """Who must sign off, from the screening."""
    review_date: date | None = None


def _decision(
    suspend: bool,
    *,
    rule: str,
    source: Source,
    on: date,
    status: ProgramStatus | None = None,
    reasons: tuple[StopReason, ...] = (),
    clearances: tuple[SignOff, ...] = (),
    review_date: date | None = None,
) -> StopDecision:
    return StopDecision(
        suspend=suspend, rule=rule,
        outcome=Outcome.NEEDS_REVIEW if suspend else Outcome.CONTINUE,
        source=source, on=on, status=status, reasons=reasons if suspend else (),
        clearances_needed=clearances if suspend else (), review_date=review_date,
    )  # fmt: skip


def stop_symptoms(symptoms: Iterable[Symptom]) -> tuple[Symptom, ...]:
    """The stop-rule symptoms among ``symptoms``, in vocabulary order (R32)."""
    given = set(symptoms)
    return tuple(s for s in Symptom if s in given and s in STOP_RULE_SYMPTOMS)


def report_decision(symptoms: Iterable[Symptom], *, reported_on: date) -> StopDecision:
    """R32: her session report suspends the program when it names a stop-rule symptom."""
    stop = stop_symptoms(symptoms)
    reason = StopReason(rule="R32", cause=Cause.SYMPTOMS, field="symptoms", symptoms=stop)
    return _decision(
        bool(stop), rule="R32", source=Source.CLIENT_REPORT, on=reported_on,
        reasons=(reason,), clearances=(SignOff.MEDICAL,),
    )  # fmt: skip


def is_red_flag(finding: Finding) -> bool:
    """R32a: a "must" finding of R2, R3, R4, R5 or R32."""
    return finding.severity is Severity.MUST and finding.rule in RED_FLAG_RULES


def screening_decision(
    profile: ClientProfile, screening: Screening, *, as_of: date
) -> StopDecision:
    """R32a: must her assigned program be suspended, given the screening of her current
    profile for ``as_of``?

    It must exactly when the screening is not ``ready`` or has a red flag
    (:func:`is_red_flag`); the reasons say which rules stopped it, with the recorded values.
    """
    red_flag = any(is_red_flag(f) for f in screening.findings)
    suspend = screening.status is not ProgramStatus.READY or red_flag
    reasons: list[StopReason] = []
    if suspend:
        rules = {
            f.rule
            for f in screening.findings
            if f.severity is Severity.MUST and f.rule in RED_FLAG_RULES | CLEARANCE_RULES
        }
        reasons = _reasons(profile, rules, as_of)
        if not reasons:
            rule = next((f.rule for f in screening.findings if f.severity is Severity.MUST), "")
            reasons = [StopReason(rule=rule or "R32a", cause=Cause.OTHER, field="")]
    return _decision(
        suspend, rule="R32a", source=Source.COACH_RECORD, on=as_of, status=screening.status,
        reasons=tuple(reasons), clearances=screening.clearances_needed,
        review_date=screening.review_date,
    )  # fmt: skip


def _reasons(profile: ClientProfile, rules: set[str], as_of: date) -> list[StopReason]:
    # Imported here: screening takes its R32 symptoms from this module.
    from .screening.state import BP_LIMIT_DIASTOLIC, BP_LIMIT_SYSTOLIC, CONTRAINDICATIONS

    out: list[StopReason] = []
    symptoms = stop_symptoms(profile.symptoms)
    if symptoms and rules & {"R32", "R4"}:
        rule = "R4" if symptoms == (Symptom.NEW_SEVERE_BACK_PAIN,) else "R32"
        out.append(StopReason(rule=rule, cause=Cause.SYMPTOMS, field="symptoms",
                              symptoms=symptoms))  # fmt: skip
    if "R2" in rules:
        found = tuple(c for c in CONTRAINDICATIONS if c in profile.conditions)
        out.append(StopReason(rule="R2", cause=Cause.CONTRAINDICATION, field="conditions",
                              conditions=found))  # fmt: skip
    out += _fracture_reasons(profile, rules, as_of)
    if "R5" in rules:
        bp = profile.blood_pressure
        high = bp is not None and (
            bp.systolic >= BP_LIMIT_SYSTOLIC or bp.diastolic >= BP_LIMIT_DIASTOLIC
        )
        flagged = tuple(
            c for c in (Condition.HYPERTENSION_UNCONTROLLED,) if c in profile.conditions
        )
        out.append(StopReason(
            rule="R5", cause=Cause.BLOOD_PRESSURE, field="blood_pressure",
            systolic=bp.systolic if bp is not None and high else None,
            diastolic=bp.diastolic if bp is not None and high else None,
            conditions=flagged,
        ))  # fmt: skip
    if "R1" in rules:
        out.append(StopReason(rule="R1", cause=Cause.PARQ, field="parq_yes",
                              parq_yes=profile.parq_yes))  # fmt: skip
    if "R25" in rules:
        out.append(StopReason(rule="R25", cause=Cause.FRAILTY, field="tests"))
    return out


def _fracture_reasons(profile: ClientProfile, rules: set[str], as_of: date) -> list[StopReason]:
    """R4: an acute vertebral fracture without the physiotherapist's clearance; R3: a
    fracture in the last month, or an undated one this year without medical clearance."""
    # Imported here: screening takes its R32 symptoms from this module.
    from .screening.state import ACUTE_VERTEBRAL_FRACTURE_DAYS, RECENT_FRACTURE_DAYS

    out: list[StopReason] = []
    if "R4" in rules and not profile.clearance.physio:
        acute = _latest(
            f for f in profile.fractures
            if f.site is FractureSite.VERTEBRA
            and _days_before(f, as_of) in range(ACUTE_VERTEBRAL_FRACTURE_DAYS + 1)
        )  # fmt: skip
        if acute is not None and acute.date is not None:
            out.append(StopReason(
                rule="R4", cause=Cause.VERTEBRAL_FRACTURE, field="fractures",
                fracture_site=acute.site, fracture_date=acute.date,
                until=acute.date + timedelta(days=ACUTE_VERTEBRAL_FRACTURE_DAYS),
            ))  # fmt: skip
    if "R3" in rules:
        for f in profile.fractures:
            if _days_before(f, as_of) in range(RECENT_FRACTURE_DAYS + 1) and f.date is not None:
                out.append(StopReason(
                    rule="R3", cause=Cause.RECENT_FRACTURE, field="fractures",
                    fracture_site=f.site, fracture_date=f.date,
                    until=f.date + timedelta(days=RECENT_FRACTURE_DAYS + 1),
                ))  # fmt: skip
            elif _undated_this_year(f, as_of) and not profile.clearance.medical:
                out.append(StopReason(
                    rule="R3", cause=Cause.FRACTURE_UNDATED, field="fractures",
                    fracture_site=f.site, fracture_year=f.year,
                ))  # fmt: skip
    return out


def _days_before(fracture: Fracture, as_of: date) -> int:
    """Days from a dated fracture to ``as_of`` (-1 when undated or after ``as_of``)."""
    if fracture.date is None or fracture.date > as_of:
        return -1
    return (as_of - fracture.date).days


def _undated_this_year(fracture: Fracture, as_of: date) -> bool:
    """A fracture known only by a year that R3 cannot rule out as recent (as screening)."""
    year = fracture.year
    return fracture.date is None and year is not None and year >= as_of.year - (as_of.month == 1)


def _latest(fractures: Iterable[Fracture]) -> Fracture | None:
    dated = [f for f in fractures if f.date is not None]
    return max(dated, key=lambda f: f.date or date.min) if dated else None
