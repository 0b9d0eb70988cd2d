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

from osteoload.domain.assessment import Assessment, BoneStatus, SarcopeniaResult
from osteoload.domain.program import Finding
from osteoload.domain.serialize import jsonable

from .audience import Audience, _
from .bone import site_name

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


# --- The whole assessment -----------------------------------------------------------------


def _finding_message(finding: Finding) -> str:
    """An assessment finding with a code in words (the coach's); others keep theirs."""
    d = finding.data
    if finding.code == "bone_category":
        return bone_message(d)
    if finding.code == "sarcopenia":
        return sarcopenia_message(d.get("status"), d.get("low_mass"))
    return finding.message


def word_assessment(result: Assessment) -> Assessment:
    """The assessment with the ``message`` and ``reasons`` fields the engine leaves empty
    said in the active language."""
    bone = dataclasses.replace(result.bone, message=bone_message(result.bone))
    findings = tuple(
        dataclasses.replace(f, message=_finding_message(f)) if f.code else f
        for f in result.findings
    )
    return dataclasses.replace(
        result, bone=bone, sarcopenia=_word_sarcopenia(result.sarcopenia), findings=findings
    )
