"""The assessment in words (R27, R28), for the coach, the command line and paper.

The engine (:func:`osteoload.domain.assessment.classify_bone`) decides the bone category
and returns it as data: the category, the score it rests on (``basis``, ``lowest_t`` or
``lowest_z``, ``lowest_site``), whether that T-score was computed from g/cm2 (R28), the
fragility fracture and whether its cause is unknown, and whom ISCD judges by Z-score
(``z_group``). :func:`bone_message` says it in the active language. The client's own words
for the category are the screening finding's (``osteoload.wording.findings``).

:func:`word_assessment` fills the ``message`` fields an assessment carries empty from the
engine, for the ``assess`` document and the command line: the bone category, the EWGSOP2
sarcopenia screen (:func:`sarcopenia_message`, :func:`sarcopenia_reason`) and the findings
that carry a code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from osteoload.domain.assessment import (
    SPPB_FRAIL_MAX,
    Assessment,
    BoneStatus,
    FallsRiskResult,
    SarcopeniaResult,
    VivifrailPassport,
    falls_factor_data,
)
from osteoload.domain.program import Finding
from osteoload.domain.serialize import jsonable

from .audience import Audience, _
from .bone import site_name
from .function_tests import word_result

Bone = BoneStatus | Mapping[str, Any]
"""A bone status: the engine record, its JSON form, or the R27 finding's data."""


def _z_group(value: Any) -> str:
    if value == "men_under_50":
        return _("under 50")
    return _("before menopause")


def _bone_data(bone: Bone) -> Mapping[str, Any]:
    data: Mapping[str, Any] = jsonable(bone) if isinstance(bone, BoneStatus) else bone
    if "lowest_site" in data:  # the record's names; the finding's data says "site"
        return {**data, "site": data.get("lowest_site")}
    return data


def _fracture_note(d: Mapping[str, Any]) -> str:
    note = _(
        "A fracture from a minor fall or less (a fragility fracture) is recorded, which on its "
        "own is a sign of fragile bones."
    )
    if d.get("unknown_trauma"):
        note += " " + _("A fracture whose cause is not recorded is counted as one, to be safe.")
    return note


def _by_z(d: Mapping[str, Any]) -> str:
    values = {
        "z": f"{float(d.get('lowest_z') or 0):.1f}",
        "site": site_name(d.get("site"), Audience.CLIENT),
        "who": _z_group(d.get("z_group")),
    }
    if d.get("category") == "low_bone_mass":
        return _(
            "Bone density is below the expected range for age (lowest Z-score {z} at the "
            "{site}; Z-scores compare with people of the same age and are used {who})."
        ).format(**values)
    return _(
        "Bone density is within the expected range for age (lowest Z-score {z} at the {site}; "
        "Z-scores compare with people of the same age and are used {who})."
    ).format(**values)


def _by_t(d: Mapping[str, Any]) -> str:
    t = float(d.get("lowest_t") or 0)
    computed = bool(d.get("computed"))
    where = {
        "t": f"{t:.2f}" if computed else f"{t:.1f}",
        "site": site_name(d.get("site"), Audience.CLIENT),
    }
    category = d.get("category")
    if category == "normal":
        text = _("Bone density is in the normal range (lowest T-score {t} at the {site}).")
    elif category == "low_bone_mass":
        text = _(
            "Bone density is below normal but not in the osteoporosis range (low bone mass, "
            "also called osteopenia; lowest T-score {t} at the {site})."
        )
    elif category == "osteoporosis":
        text = _("Bone density is in the osteoporosis range (lowest T-score {t} at the {site}).")
    else:
        text = _(
            "Bone density is in the osteoporosis range (lowest T-score {t} at the {site}) and "
            "there has been a fracture from a minor fall or less: this is called severe "
            "(established) osteoporosis."
        )
    said = [text.format(**where)]
    if category == "severe_osteoporosis" and d.get("unknown_trauma"):
        said.append(_("A fracture whose cause is not recorded is counted as a fragility fracture."))
    if computed:
        said.append(
            _(
                "This T-score was calculated by osteoload from the scan's g/cm2 (Hologic "
                "scanner, NHANES III reference), not read from the report."
            )
        )
    if d.get("z_group"):
        said.append(
            _(
                "Z-scores are preferred {who}; only T-scores were given, so the usual T-score "
                "categories are used to be safe."
            ).format(who=_z_group(d.get("z_group")))
        )
    return " ".join(said)


def bone_message(bone: Bone) -> str:
    """The bone category (R27) and the score it rests on (R28 when computed), in words."""
    d = _bone_data(bone)
    basis = d.get("basis")
    if basis == "t_score":
        return _by_t(d)
    if basis == "z_score":
        text = _by_z(d)
    else:
        text = _(
            "No bone density result (T-score or scan) is recorded, so the category is unknown."
        )
    if d.get("fragility_fracture"):
        text += " " + _fracture_note(d)
    return text


# --- Sarcopenia (EWGSOP2, section 10) ------------------------------------------------------


def sarcopenia_reason(factor: Any) -> str:
    """One EWGSOP2 criterion met (a :class:`SarcopeniaFactor` or its JSON form), in words."""
    f: Mapping[str, Any] = factor if isinstance(factor, Mapping) else jsonable(factor)
    value, limit = float(f.get("value") or 0), float(f.get("limit") or 0)
    code = f.get("code")
    if code == "grip_low":
        return _("Grip {v} kg is below {lim} kg.").format(v=f"{value:g}", lim=f"{limit:g}")
    if code == "five_sts_slow":
        return _("Five chair stands took {v} s (more than {lim} s).").format(
            v=f"{value:g}", lim=f"{limit:g}"
        )
    if code == "muscle_mass_low":
        return _("Muscle mass {v} kg/m2 is below {lim} kg/m2.").format(
            v=f"{value:g}", lim=f"{limit:g}"
        )
    if code == "gait_slow":
        return _("Walking speed {v} m/s is {lim} m/s or less.").format(
            v=f"{value:.2f}", lim=f"{limit:g}"
        )
    if code == "sppb_low":
        return _("SPPB {v} is {lim} or less.").format(v=f"{value:g}", lim=f"{limit:g}")
    if code == "tug_slow":
        return _("Timed Up and Go {v} s is {lim} s or more.").format(
            v=f"{value:g}", lim=f"{limit:g}"
        )
    return str(code or "")


def sarcopenia_message(status: Any, low_mass: bool | None) -> str:
    """Where the EWGSOP2 screen ends (``status``), in words; ``low_mass`` ``None`` when
    muscle mass was not measured."""
    if status == "unknown":
        return _("Not screened: record grip strength or the five-times sit-to-stand test.")
    if status == "not_suspected":
        return _("Muscle strength is normal: sarcopenia is not suspected.")
    if status == "severe":
        return _(
            "Severe sarcopenia: low muscle strength, low muscle mass and low physical "
            "performance. Resistance training is the main treatment; see a doctor too."
        )
    if status == "confirmed":
        return _(
            "Sarcopenia confirmed: low muscle strength and low muscle mass. Resistance "
            "training is the main treatment."
        )
    if low_mass is None:
        return _(
            "Probable sarcopenia: muscle strength is low. A DXA body-composition scan would "
            "confirm or rule it out."
        )
    return _(
        "Probable sarcopenia: muscle strength is low. Muscle mass is normal, so sarcopenia is "
        "not confirmed."
    )


def _word_sarcopenia(result: SarcopeniaResult) -> SarcopeniaResult:
    return dataclasses.replace(
        result,
        message=sarcopenia_message(result.status.value, result.low_mass),
        reasons=tuple(sarcopenia_reason(f) for f in result.factors),
    )


# --- Falls risk (R9) and the Vivifrail passport (R25) --------------------------------------


def _g(value: Any) -> str:
    return f"{float(value or 0):g}"


def falls_reason(factor: Any) -> str | None:
    """One falls-risk criterion met (R9; a :class:`FallsFactor` or its JSON form), in the
    coach's words; ``None`` for a stored chair-stand factor without its age band."""
    f: Mapping[str, Any] = factor if isinstance(factor, Mapping) else falls_factor_data(factor)
    code, v, lim = f.get("code"), f.get("value"), f.get("limit")
    simple = {
        "fall_injury": _("A fall in the last year caused an injury."),
        "dementia": _("Dementia raises the risk of falling."),
        "one_fall_injury_unknown": _(
            "One fall in the last year (whether it caused an injury is not recorded)."
        ),
        "one_fall": _("One fall in the last year, without injury."),
    }
    if code in simple:
        return simple[str(code)]
    if code == "falls_recurrent":
        return _("{n} falls in the last year (two or more is high risk).").format(n=int(v or 0))
    if code == "tug_high":
        return _("Timed Up and Go took {v} s ({lim} s or more is high risk).").format(
            v=_g(v), lim=_g(lim)
        )
    if code == "tug_some":
        return _("Timed Up and Go took {v} s ({lim} s or more means some risk of falling).").format(
            v=_g(v), lim=_g(lim)
        )
    if code == "gait_slow":
        return _("Walking speed is {v} m/s (below {lim} m/s is high risk).").format(
            v=f"{float(v or 0):.2f}", lim=f"{float(lim or 0):.1f}"
        )
    if code == "sppb_frail":
        return _("SPPB score {v} of 12 ({lim} or less indicates frailty).").format(
            v=int(v or 0), lim=int(lim or 0)
        )
    if code == "sppb_prefrail":
        return _("SPPB score {v} of 12 ({low}-{lim} is pre-frailty).").format(
            v=int(v or 0), low=SPPB_FRAIL_MAX + 1, lim=int(lim or 0)
        )
    if code == "stance_short":
        return _("Stood on one leg for {v} s (less than {lim} s predicts injurious falls).").format(
            v=_g(v), lim=_g(lim)
        )
    if code == "chair_stand_low":
        return _chair_stands(f)
    return None


def _chair_stands(f: Mapping[str, Any]) -> str | None:
    ages = f.get("ages")
    if not ages:
        return None
    values = {
        "v": int(f.get("value") or 0),
        "lim": int(f.get("limit") or 0),
        "ages": f"{ages[0]}-{ages[1]}",
    }
    if f.get("borrowed"):
        return _(
            "{v} chair stands in 30 s is below average for age {ages} (norms start at 60; the "
            "60-64 band is used) (fewer than {lim}): the legs are weaker than they should be."
        ).format(**values)
    return _(
        "{v} chair stands in 30 s is below average for age {ages} (fewer than {lim}): the legs "
        "are weaker than they should be."
    ).format(**values)


def falls_reasons(factors: Any) -> list[str]:
    """Each criterion met in the coach's words (an unknown or incomplete one left out)."""
    said = (falls_reason(f) for f in factors or ())
    return [t for t in said if t]


def falls_message(falls: FallsRiskResult) -> str:
    """The falls-risk tier (R9) in words."""
    level = falls.level.value
    if level == "high":
        return _("High risk of falling: balance and strength work come first, impact stays low.")
    if level == "intermediate":
        return _("Some risk of falling: strength and balance exercise is the main remedy.")
    if level == "low":
        text = _("Low risk of falling on the information recorded.")
        if falls.falls_not_recorded:
            text += " " + _("The number of falls in the last year is not recorded.")
        return text
    return _(
        "Falls risk is unknown: record falls in the last year and a balance test (for example "
        "Timed Up and Go)."
    )


def _passport_name(letter: Any) -> str:
    names = {
        "A": _("disability"),
        "B": _("frailty"),
        "C": _("pre-frailty"),
        "D": _("robust"),
    }
    return names.get(str(letter), str(letter))


def passport_label(letter: Any, display: Any, plus: bool) -> str:
    """A Vivifrail passport (R25) in words: ``Vivifrail passport B+ (frailty) ...``."""
    values = {"display": display, "name": _passport_name(letter)}
    if plus:
        return _(
            "Vivifrail passport {display} ({name}) with extra balance work for high falls risk"
        ).format(**values)
    return _("Vivifrail passport {display} ({name})").format(**values)


def _word_passport(p: VivifrailPassport) -> VivifrailPassport:
    reasons = []
    if p.sppb_letter is not None:
        reasons.append(
            _("SPPB {total} of 12 points to passport {letter}.").format(
                total=p.sppb, letter=p.sppb_letter
            )
        )
    if p.gait_letter is not None:
        reasons.append(
            _("Walking speed {speed} m/s points to passport {letter}.").format(
                speed=f"{float(p.gait_speed_m_s or 0):.2f}", letter=p.gait_letter
            )
        )
    if p.sppb_letter is not None and p.gait_letter not in (None, p.sppb_letter):
        reasons.append(
            _("The two disagree; the more protective passport, {letter}, is used.").format(
                letter=p.letter
            )
        )
    if p.plus:
        reasons.append(_("High risk of falling adds '+': extra balance exercises."))
    return dataclasses.replace(
        p, label=passport_label(p.letter, p.display, p.plus), reasons=tuple(reasons)
    )


# --- The whole assessment -----------------------------------------------------------------


def _with_reasons(text: str, factors: Any) -> str:
    return " ".join([text, *falls_reasons(factors)])


def _passport_finding(d: Mapping[str, Any]) -> str:
    text = passport_label(d.get("letter"), d.get("display"), bool(d.get("plus"))) + "."
    if d.get("letter") == "A":
        text += " " + _("Seated or supported strength work only, no impact; medical review first.")
    return text


def _finding_message(finding: Finding) -> str:
    """An assessment finding with a code in words (the coach's); others keep theirs."""
    d, code = finding.data, finding.code
    said = {
        "t_score_computed": lambda: _(
            "The deciding T-score was computed from g/cm2; confirm it with the DXA report when "
            "possible."
        ),
        "falls_high_supervision": lambda: _with_reasons(
            _(
                "High risk of falling: impact stays low and free weights heavier than body "
                "weight only with supervision."
            ),
            d.get("factors"),
        ),
        "balance_hours": lambda: _(
            "Balance training at least 3 hours a week, with progressive challenge."
        ),
        "walking_not_falls_prevention": lambda: _(
            "A brisk-walking program is not a falls-prevention program for her; balance and "
            "strength work are."
        ),
        "falls_some": lambda: _with_reasons(_("Some risk of falling."), d.get("factors")),
        "falls_unknown": lambda: _(
            "Falls risk is unknown: record falls in the last year and a balance test (for "
            "example Timed Up and Go)."
        ),
        "passport": lambda: _passport_finding(d),
        "passport_tests_needed": lambda: _(
            "Aged {age} or over: record the SPPB and gait speed to assign a Vivifrail passport."
        ).format(age=d.get("age")),
        "height_fallen": lambda: _(
            "Height has fallen by {cm} cm since the first measurement ({limit} cm or more): ask "
            "for a spine X-ray or vertebral fracture assessment."
        ).format(cm=_g(d.get("cm")), limit=_g(d.get("limit"))),
        "bone_category": lambda: bone_message(d),
        "sarcopenia": lambda: sarcopenia_message(d.get("status"), d.get("low_mass")),
    }
    say = said.get(code)
    return say() if say is not None else finding.message


def word_assessment(result: Assessment) -> Assessment:
    """The assessment with the ``message`` and ``reasons`` fields the engine leaves empty
    said in the active language."""
    bone = dataclasses.replace(result.bone, message=bone_message(result.bone))
    findings = tuple(
        dataclasses.replace(f, message=_finding_message(f)) if f.code else f
        for f in result.findings
    )
    falls = dataclasses.replace(
        result.falls,
        message=falls_message(result.falls),
        reasons=tuple(falls_reasons(result.falls.factors)),
    )
    passport = _word_passport(result.passport) if result.passport is not None else None
    return dataclasses.replace(
        result,
        bone=bone,
        falls=falls,
        passport=passport,
        sarcopenia=_word_sarcopenia(result.sarcopenia),
        tests=tuple(word_result(t) for t in result.tests),
        findings=findings,
    )
