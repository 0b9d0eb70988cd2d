"""The screening in plain words for the booklet's cover, and the words the booklet, the
calendar and the report share (phases, the safety line, bone sites)."""

from __future__ import annotations

from typing import Any

from osteoload.domain.program import Screening
from osteoload.domain.vocabulary import ImpactLevel, ProgramStatus, Severity, Site, Track
from osteoload.wording import gettext_noop

from .rendering import _, long_date, number_text

_TRACK_WORDS = {
    Track.STANDARD: gettext_noop(
        "Strength training that builds up step by step: 6 to 12 repetitions, 2 to 3 sets, "
        "getting heavier over the weeks."
    ),
    Track.HIGH_INTENSITY: gettext_noop(
        "Heavy strength training (5 sets of 5) - only with your qualified trainer present."
    ),
    Track.GENTLE: gettext_noop(
        "Gentle exercise for now: balance, posture and light strengthening."
    ),
}


_IMPACT_WORDS = {
    ImpactLevel.NONE: gettext_noop("No jumping or hopping for now."),
    ImpactLevel.LOW: gettext_noop(
        "Low-impact work only: walking, marching, stairs and heel drops."
    ),
    ImpactLevel.MODERATE: gettext_noop("Impact work up to hops, stamps, skipping and low jumps."),
    ImpactLevel.HIGH: gettext_noop("Impact work including bigger jumps, with supervision."),
}


_TAG_WORDS = {
    "loaded_spinal_flexion": gettext_noop(
        "bending the back forward against a load (sit-ups, crunches)"
    ),
    "end_range_flexion": gettext_noop("bending the back as far as it goes (toe touches)"),
    "end_range_rotation": gettext_noop("twisting the trunk as far as it goes"),
    "rotation_feet_planted": gettext_noop(
        "twisting hard with the feet planted (golf-style swings)"
    ),
}


_CLEARANCE_WORDS = {
    "medical": gettext_noop("your doctor, to say that exercise is safe for you"),
    "physio": gettext_noop("a physiotherapist, to approve the exercises marked for approval"),
    "impact": gettext_noop("your doctor, to approve impact work (hops and jumps)"),
    "high_intensity": gettext_noop("your doctor, to approve heavy lifting"),
}


_STATUS_WORDS = {
    ProgramStatus.READY: (gettext_noop("Ready to start"), "ready"),
    ProgramStatus.NEEDS_CLEARANCE: (gettext_noop("Needs clearance first"), "clearance"),
    ProgramStatus.WITHHELD: (gettext_noop("On hold: gentle exercise only"), "hold"),
}


SAFETY_LINE = gettext_noop(
    "Stop and call your doctor or coach if you feel chest pain, dizziness, unusual "
    "breathlessness or new severe back pain, or if you fall and hurt yourself."
)


_BONE_WORDS = {
    "normal": gettext_noop("normal"),
    "low_bone_mass": gettext_noop("low bone mass"),
    "osteoporosis": gettext_noop("osteoporosis"),
    "severe_osteoporosis": gettext_noop("severe osteoporosis"),
    "unknown": gettext_noop("not known"),
}


_RISK_WORDS = {
    "low": gettext_noop("low"),
    "intermediate": gettext_noop("intermediate"),
    "high": gettext_noop("high"),
    "unknown": gettext_noop("not known"),
}


#: The phases as the booklet and the calendar name them.
PHASE_WORDS = {
    "familiarisation": gettext_noop("familiarisation"),
    "build": gettext_noop("build"),
    "strength": gettext_noop("strength"),
    "deload": gettext_noop("deload"),
}


def phase_words(phase: str) -> str:
    return _(PHASE_WORDS[phase]) if phase in PHASE_WORDS else phase


def screening_words(screening: Screening) -> dict[str, Any]:
    """The screening in plain words: what she may do, what to avoid and why, whom to call."""
    may = [
        _(_TRACK_WORDS[screening.track]),
        _(_IMPACT_WORDS[screening.max_impact]),
        _("Balance practice: about %(hours)s hours a week, in short bouts.")
        % {"hours": number_text(round(screening.balance_minutes_target / 60, 1))},
    ]
    if not screening.resistance_allowed:
        may[0] = _("No strength training with weights until the steps below are done.")
    if not screening.free_weights_allowed:
        may.append(_("Machines, bands and body weight instead of free weights when on your own."))
    avoid = [
        {"rule": f.rule, "severity": f.severity.value, "message": f.message}
        for f in screening.findings
        if f.severity in (Severity.MUST, Severity.SHOULD)
    ]
    notes = [
        {"rule": f.rule, "message": f.message}
        for f in screening.findings
        if f.severity is Severity.INFO
    ]
    avoid_moves = [
        _(_TAG_WORDS[t.value]) if t.value in _TAG_WORDS else t.value.replace("_", " ")
        for t in screening.excluded_tags
    ]
    call = [
        _("Ask %(whom)s.")
        % {"whom": _(_CLEARANCE_WORDS[c]) if c in _CLEARANCE_WORDS else c.replace("_", " ")}
        for c in screening.clearances_needed
    ]
    call += list(screening.next_steps)
    if screening.review_date:
        call.append(
            _("Review your program on or after %(day)s.")
            % {"day": long_date(screening.review_date)}
        )
    title, css = _STATUS_WORDS[screening.status]
    return {
        "status": screening.status.value,
        "status_title": _(title),
        "status_class": css,
        "bone": _(_BONE_WORDS.get(screening.bone_category.value, ""))
        or screening.bone_category.value.replace("_", " "),
        "falls_risk": _(_RISK_WORDS.get(screening.falls_risk.value, ""))
        or screening.falls_risk.value,
        "may": may,
        "avoid": avoid,
        "avoid_moves": avoid_moves,
        "notes": notes,
        "call": call,
        "passport": screening.vivifrail_passport,
        "safety": _(SAFETY_LINE),
    }


REPORT_SITE_TITLES = {
    Site.LUMBAR_SPINE: gettext_noop("Lower spine (L1-L4)"),
    Site.FEMORAL_NECK: gettext_noop("Hip (femoral neck)"),
    Site.TOTAL_HIP: gettext_noop("Whole hip"),
    Site.FOREARM: gettext_noop("Forearm"),
}
