"""The assessment in words (R27, R28), for the coach, the command line and paper.

The engine (:func:`osteoload.domain.assessment.classify_bone`) decides the bone category
and returns it as data: the category, the score it rests on (``basis``, ``lowest_t`` or
``lowest_z``, ``lowest_site``), whether that T-score was computed from g/cm2 (R28), the
fragility fracture and whether its cause is unknown, and whom ISCD judges by Z-score
(``z_group``). :func:`bone_message` says it in the active language. The client's own words
for the category are the screening finding's (``osteoload.wording.findings``).

:func:`word_assessment` fills the ``message`` fields an assessment carries empty from the
engine, for the ``assess`` document and the command line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from osteoload.domain.assessment import Assessment, BoneStatus
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


def word_assessment(result: Assessment) -> Assessment:
    """The assessment with the ``message`` fields the engine leaves empty said in the
    active language."""
    bone = dataclasses.replace(result.bone, message=bone_message(result.bone))
    findings = tuple(
        dataclasses.replace(f, message=bone_message(f.data)) if f.code == "bone_category" else f
        for f in result.findings
    )
    return dataclasses.replace(result, bone=bone, findings=findings)
