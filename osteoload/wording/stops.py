"""A stop decision (R32, R32a) in words: for the coach, for the client, and what is missing.

The engine (:mod:`osteoload.domain.stop_rules`) decides whether her program stops and why,
as data. This module says it: to her coach in the third person with her pronoun, to her in
plain words with what to do now, and, when a program cannot run or resume, what is missing
and how to record it in her profile.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from osteoload.domain.stop_rules import (
    R32_PAIN_REVIEW_AT,
    Cause,
    Source,
    StopDecision,
    StopReason,
)
from osteoload.domain.vocabulary import FractureSite, Symptom

from .audience import Audience, Pronouns, _, gettext_noop, pronouns_for

_SYMPTOMS_COACH = {
    Symptom.NEW_SEVERE_BACK_PAIN: gettext_noop("new severe back pain"),
    Symptom.CHEST_PAIN: gettext_noop("chest pain"),
    Symptom.DIZZINESS: gettext_noop("dizziness"),
    Symptom.BREATHLESSNESS: gettext_noop("breathlessness"),
    Symptom.FAINTING: gettext_noop("fainting"),
    Symptom.FALL_WITH_INJURY: gettext_noop("a fall with injury"),
}
_SYMPTOMS_CLIENT = {
    Symptom.NEW_SEVERE_BACK_PAIN: gettext_noop("new, severe back pain"),
    Symptom.CHEST_PAIN: gettext_noop("chest pain"),
    Symptom.DIZZINESS: gettext_noop("feeling dizzy or faint"),
    Symptom.BREATHLESSNESS: gettext_noop("being much more out of breath than usual"),
    Symptom.FAINTING: gettext_noop("fainting"),
    Symptom.FALL_WITH_INJURY: gettext_noop("a fall in which you were hurt"),
}
_SITES = {
    FractureSite.VERTEBRA: gettext_noop("spine"),
    FractureSite.HIP: gettext_noop("hip"),
    FractureSite.WRIST: gettext_noop("wrist"),
    FractureSite.HUMERUS: gettext_noop("upper arm"),
    FractureSite.PELVIS: gettext_noop("pelvis"),
    FractureSite.RIB: gettext_noop("rib"),
    FractureSite.ANKLE: gettext_noop("ankle"),
    FractureSite.OTHER: "",
}
#: The profile form's labels for the clearances the screening may ask for.
_CLEARANCE_LABELS = {
    "medical": gettext_noop("Cleared by {her} doctor to exercise"),
    "physio": gettext_noop("Seen and cleared by a physiotherapist"),
    "impact": gettext_noop("Cleared for impact exercise (hops, jumps)"),
}


@dataclass(frozen=True, slots=True)
class Missing:
    """One thing that must change before the program can run: the profile field and what
    to record there, in the coach's words."""

    field: str
    message: str


def symptom_words(symptom: Symptom, audience: Audience = Audience.COACH) -> str:
    words = _SYMPTOMS_CLIENT if audience is Audience.CLIENT else _SYMPTOMS_COACH
    return _(words[symptom])


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + _(" and ") + items[-1]


_WEEKDAYS = (
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
)
_MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)


def day_in_words(day: date, today: date | None = None) -> str:
    """A date as she says it: "Thursday 3 December", with the year when it is not this
    year's (or when ``today`` is not known). Never ISO on her screens."""
    words = {
        "weekday": _(_WEEKDAYS[day.weekday()]),
        "day": day.day,
        "month": _(_MONTHS[day.month - 1]),
        "year": day.year,
    }
    if today is None or day.year != today.year:
        return _("{weekday} {day} {month} {year}").format(**words)
    return _("{weekday} {day} {month}").format(**words)


def _long(day: date) -> str:
    return day_in_words(day)


def _fracture(reason: StopReason) -> str:
    site = _SITES.get(reason.fracture_site, "") if reason.fracture_site else ""
    # Translators: {site} is "hip " (see "{word} ") or empty.
    return _("{site}fracture").format(site=_("{word} ").format(word=_(site)) if site else "")


def _coach_reason(reason: StopReason) -> str:
    cause = reason.cause
    if cause is Cause.SYMPTOMS:
        return _join([symptom_words(s) for s in reason.symptoms])
    if cause in (Cause.RECENT_FRACTURE, Cause.VERTEBRAL_FRACTURE) and reason.fracture_date:
        text = _("a {fracture} on {day}").format(
            fracture=_fracture(reason), day=reason.fracture_date.isoformat()
        )
        if reason.until:
            text += _(" (no strength training before {day})").format(day=reason.until.isoformat())
        return text
    if cause is Cause.FRACTURE_UNDATED:
        return _("a {fracture} in {year} without a date").format(
            fracture=_fracture(reason), year=reason.fracture_year
        )
    if cause is Cause.BLOOD_PRESSURE:
        if reason.systolic is not None:
            return _("resting blood pressure {sys}/{dia} mmHg").format(
                sys=reason.systolic, dia=reason.diastolic
            )
        return _("uncontrolled high blood pressure")
    if cause is Cause.CONTRAINDICATION:
        names = [c.value.replace("_", " ") for c in reason.conditions]
        return _("a contraindication to exercise ({names})").format(names=", ".join(names))
    if cause is Cause.PARQ:
        if not reason.parq_yes:
            return _("no PAR-Q+ answers")
        numbers = ", ".join(str(q) for q in reason.parq_yes)
        return _("PAR-Q+ yes to question(s) {numbers} without clearance").format(numbers=numbers)
    if cause is Cause.FRAILTY:
        return _("fitness tests that call for a medical review (Vivifrail A)")
    return _("a screening finding ({rule})").format(rule=reason.rule)


def for_coach(decision: StopDecision, sex: str | None) -> str:
    """The pause reason her coach reads (and the API's ``paused_reason``)."""
    p = pronouns_for(sex)
    reasons = _join([_coach_reason(r) for r in decision.reasons])
    if decision.source is Source.CLIENT_REPORT:
        return _(
            "{She} reported {reasons} on {day} ({rule}): program paused until reviewed."
        ).format(
            She=p.cap(p.subject), reasons=reasons, day=decision.on.isoformat(), rule=decision.rule
        )
    return _(
        "Program stopped on {day} ({rule}): {her} profile records {reasons}. "
        "Screening: {status}."
    ).format(
        day=decision.on.isoformat(), rule=decision.rule, her=p.possessive, reasons=reasons,
        status=(decision.status.value if decision.status else "").replace("_", " "),
    )  # fmt: skip


def heading_for_coach(decision_source: str, sex: str | None) -> str:
    """The heading over the pause on her coach's page."""
    p = pronouns_for(sex)
    if decision_source == Source.COACH_RECORD.value:
        return _("Paused: a red flag in {her} profile").format(her=p.possessive)
    return _("Paused: {she} reported a stop symptom").format(she=p.subject)


def _client_reason(reason: StopReason) -> str:
    cause = reason.cause
    if cause is Cause.SYMPTOMS:
        return _join([symptom_words(s, Audience.CLIENT) for s in reason.symptoms])
    if cause in (Cause.RECENT_FRACTURE, Cause.VERTEBRAL_FRACTURE) and reason.fracture_date:
        return _("a {fracture} on {day}").format(
            fracture=_fracture(reason), day=_long(reason.fracture_date)
        )
    if cause is Cause.FRACTURE_UNDATED:
        return _("a {fracture} in {year}").format(
            fracture=_fracture(reason), year=reason.fracture_year
        )
    if cause is Cause.BLOOD_PRESSURE:
        return _("blood pressure that is too high for strength training")
    if cause is Cause.CONTRAINDICATION:
        return _("a health problem that needs treatment before exercise")
    if cause is Cause.PARQ:
        return _("health questions that need your doctor's answer")
    return _("something your doctor needs to check")


def for_client(decision: StopDecision, today: date | None = None) -> str:
    """What she reads on her phone: why her program stopped and what to do, in plain words
    (dates in words, e.g. "on Thursday 3 December"; the year only when it is not this
    year's, given ``today``)."""
    reasons = _join([_client_reason(r) for r in decision.reasons])
    on = day_in_words(decision.on, today or decision.on)
    if decision.source is Source.CLIENT_REPORT:
        said = _("You told us about {reasons} on {day}.").format(reasons=reasons, day=on)
    else:
        said = _("Your coach has recorded {reasons}.").format(reasons=reasons)
    return (
        said
        + " "
        + _(
            "Please stop exercising for now, contact your doctor and let your coach know. Your "
            "coach will tell you when you can start again."
        )
    )


def missing(decision: StopDecision, sex: str | None) -> tuple[Missing, ...]:
    """What must change before her program can run or resume, each with the profile field
    where her coach records it."""
    p = pronouns_for(sex)
    out: list[Missing] = []
    for reason in decision.reasons:
        text = _missing_for(reason, p)
        if text and all(m.message != text for m in out):
            out.append(Missing(reason.field or "profile", text))
    # A dated fracture waits for its date; a clearance does not shorten that (R3).
    waiting = all(r.cause is Cause.RECENT_FRACTURE for r in decision.reasons)
    for clearance in decision.clearances_needed:
        label = _CLEARANCE_LABELS.get(clearance)
        if label is None or (waiting and clearance == "medical"):
            continue
        text = _(
            "Record '{label}' (Clearance and supervision) in {her} profile once it is given."
        ).format(label=_(label).format(her=p.possessive), her=p.possessive)
        out.append(Missing(f"clearance.{clearance}", text))
    return tuple(out)


def _missing_for(reason: StopReason, p: Pronouns) -> str:
    cause = reason.cause
    if cause is Cause.SYMPTOMS:
        return _(
            "{She} has {symptoms} recorded: a doctor checks {her} first; then remove the "
            "symptoms from {her} profile."
        ).format(
            She=p.cap(p.subject), symptoms=_coach_reason(reason), her=p.object,
        )  # fmt: skip
    if cause in (Cause.RECENT_FRACTURE, Cause.VERTEBRAL_FRACTURE) and reason.until:
        return _(
            "The {fracture} of {day} is too recent: strength training waits until {until}."
        ).format(
            fracture=_fracture(reason),
            day=reason.fracture_date.isoformat() if reason.fracture_date else "",
            until=reason.until.isoformat(),
        )
    if cause is Cause.FRACTURE_UNDATED:
        return _("Give the date of the {fracture} of {year} in {her} profile.").format(
            fracture=_fracture(reason), year=reason.fracture_year, her=p.possessive
        )
    if cause is Cause.BLOOD_PRESSURE:
        return _(
            "Record a new resting blood pressure once {her} doctor has brought it under control."
        ).format(her=p.possessive)
    if cause is Cause.PARQ and not reason.parq_yes:
        return _("Record {her} answers to the seven PAR-Q+ questions.").format(her=p.possessive)
    return ""


def resume_refused(decision: StopDecision, sex: str | None) -> str:
    """Why her coach cannot lift the pause yet, and how to record what is missing."""
    p = pronouns_for(sex)
    steps = " ".join(m.message for m in missing(decision, sex))
    return _("{Her} screening today still stops the program ({reasons}). {steps}").format(
        Her=p.cap(p.possessive), reasons=_join([_coach_reason(r) for r in decision.reasons]),
        steps=steps,
    ).strip()  # fmt: skip


def generation_refused(decision: StopDecision, sex: str | None) -> tuple[Missing, ...]:
    """Why no program can be generated for her now (R32a), each with its field."""
    p = pronouns_for(sex)
    head = _("{Her} screening is {status}: no program can be assigned until then.").format(
        Her=p.cap(p.possessive),
        status=(decision.status.value if decision.status else "").replace("_", " "),
    )
    found = missing(decision, sex)
    if not found:
        reasons = _join([_coach_reason(r) for r in decision.reasons])
        found = (Missing("profile", _("{Her} profile records {reasons}.").format(
            Her=p.cap(p.possessive), reasons=reasons)),)  # fmt: skip
    return tuple(Missing(m.field, f"{head} {m.message}") for m in found)


# --- her phone: the stop screen, "How are you feeling?", a painful set -------------------


def stop_heading() -> str:
    """The heading of her stop screen (R32, R32a)."""
    return _("Please stop exercising for now")


def until_reviewed() -> str:
    return _("Until your coach has looked at your program, nothing here asks you to exercise.")


def stop_without_reason() -> str:
    """Her stop screen when no reason can be named (the pause is older than its record)."""
    return _(
        "Something needs a doctor's check first. Please contact your doctor and let your "
        "coach know. Your coach will look at your program before you start again. Until "
        "then, nothing here asks you to exercise."
    )


def who_to_contact(coach: str, clinic: str) -> str:
    """Who looks at her program, and whom she can call (the clinic, when one is set)."""
    if coach and clinic:
        return _(
            "Your coach, {coach}, will look at your program. If you have a question, call {clinic}."
        ).format(coach=coach, clinic=clinic)
    if coach:
        return _("Your coach, {coach}, will look at your program.").format(coach=coach)
    if clinic:
        return _("If you have a question, call {clinic}.").format(clinic=clinic)
    return ""


def call_label(clinic: str, phone: str) -> str:
    """The text of her tap-to-call link."""
    if clinic:
        return _("Call {clinic}: {phone}").format(clinic=clinic, phone=phone)
    return _("Call the clinic: {phone}").format(phone=phone)


def emergency() -> str:
    """The emergency warning on every screen that talks about stopping (R32)."""
    return _(
        "If you have chest pain that does not go away, or you feel very unwell, call your "
        "emergency number now."
    )


def stop_if_ticked() -> str:
    """Above the Send button of "How are you feeling?": what ticking a symptom means (R32)."""
    return _(
        "If you tick any of these, please stop exercising until you have seen your doctor. "
        "Your coach will be told."
    )


def pain_hint() -> str:
    """Under each strength logger: the pain that stops an exercise for today (R32's review
    threshold, :data:`osteoload.domain.stop_rules.R32_PAIN_REVIEW_AT`)."""
    return _("If it hurts (%(n)d or more), stop this exercise. Your coach will see it.") % {
        "n": R32_PAIN_REVIEW_AT
    }


def painful_set() -> str:
    """Her answer to a set logged with pain of 5/10 or more (R32, R18c): no more of it
    today; her coach reviews it."""
    return _("Skip this exercise today; your coach will see it.")


def painful_set_stop_symptoms() -> str:
    """With a painful set: when the pain is itself a stop-rule symptom (R32), tell us."""
    return _(
        "If the pain is in your chest, or it is new, severe pain in your back, stop "
        "exercising and tell us how you feel."
    )
