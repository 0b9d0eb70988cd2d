"""The client profile's fields, described once (issue 17 item 2).

Each field of the profile document (``docs/schemas/profile.v1.json``) has one entry here:
its path, its label, its unit, what kind of input it is, its help text, which web form
edits it and who reads it. From this one list

- the validating models (:mod:`.profile_schema`) take their fields' titles and
  descriptions (so the published JSON Schema and the API's OpenAPI say the same words);
- the web forms (:mod:`osteoload.web.forms`) build their inputs, and name a field in an
  error message by its label and unit;
- the coach's profile summary takes its row labels.

A field no web form edits says why (``api_only``); ``tests/services/test_profile_fields.py``
fails when a field of the validating model is in neither group, so a field added to the
profile cannot silently be missing from the web.

Paths are the document's: ``bone.lumbar_spine_t``; a list's items ``fractures[].site``.
Labels are English, marked for translation with ``_()`` and translated where they are
shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from typing import get_args, get_origin


def _(message: str) -> str:
    """Mark a label for translation (``makemessages`` extracts ``_()``); it is translated
    where it is shown. Not Django's ``gettext_noop``: the command line reads this module
    without Django's settings."""
    return message


#: The web forms that edit profile fields: the intake/edit form, the functional tests form
#: (the latest recorded tests replace the intake's) and the DXA scan form (recorded scans;
#: the latest of a site wins over the intake's score for that site, R27).
FORMS = ("intake", "tests", "scan")


class Kind(StrEnum):
    """How a field is entered (the web forms' input kinds)."""

    TEXT = "text"
    INT = "int"
    FLOAT = "float"
    DATE = "date"
    SELECT = "select"
    YESNO = "yesno"
    CHECK = "check"
    CHECKS = "checks"
    LOADS = "loads"
    GROUP = "group"
    """An object or a list of objects: its own fields are the inputs."""


@dataclass(frozen=True, slots=True)
class ProfileField:
    path: str
    label: str
    kind: Kind
    unit: str = ""
    help: str = ""
    form: str = "intake"
    """The web form that edits it (one of :data:`FORMS`), or "" when none does."""
    input: str = ""
    """The form input's name when it differs from the path (``weight`` for ``weight_kg``,
    ``tug_s`` for ``tests.tug_s`` on the tests form)."""
    api_only: str = ""
    """Why no web form edits it (only for ``form == ""``)."""
    audiences: tuple[str, ...] = ("coach",)
    """Who reads it: ``coach`` (her pages and forms), ``client`` (her own pages), ``print``
    (documents)."""

    @property
    def labelled(self) -> str:
        """The label with its unit, as an error message names the field: "Height (cm)"."""
        return f"{self.label} ({self.unit})" if self.unit else self.label

    @property
    def description(self) -> str:
        """One sentence for the JSON Schema: the label, its unit and the help."""
        text = self.labelled
        return f"{text}. {self.help}" if self.help else text

    @property
    def input_name(self) -> str:
        return self.input or self.path


F = ProfileField
K = Kind

_LOADS_HELP = _(
    "Each weight, e.g. 2, 4, 6, 8; or a range with its step, e.g. 2-20 step 2. In the units "
    "chosen above. Leave empty for a typical gym's."
)
_SPPB_HELP = _("Seconds she held the stand; 0 if she could not.")

FIELDS: tuple[ProfileField, ...] = (
    F("schema_version", _("Schema version"), K.INT, form="",
      api_only=_("the document's format version, always 1: written by the app")),
    F("name", _("Name"), K.TEXT),
    F("age", _("Age"), K.INT, _("years")),
    F("sex", _("Sex"), K.SELECT),
    F("menopause", _("Menopause"), K.SELECT, help=_("Leave as not known for men.")),
    F("years_since_menopause", _("Years since her last period"), K.FLOAT, _("years"),
      _("Only after menopause.")),
    F("height_cm", _("Height"), K.FLOAT, _("cm")),
    F("baseline_height_cm", _("Height when first measured"), K.FLOAT, _("cm"),
      _("Her earlier measured height (e.g. at a first visit): a loss since then is flagged "
        "for a spine check (R33).")),
    F("weight_kg", _("Weight"), K.FLOAT, _("kg"), input="weight"),
    F("weight_lb", _("Weight"), K.FLOAT, _("lb"), input="weight"),
    F("units", _("Units for weights"), K.SELECT),
    F("bone", _("Bone density (latest DXA T-scores)"), K.GROUP),
    F("bone.lumbar_spine_t", _("Lower spine T-score"), K.FLOAT),
    F("bone.total_hip_t", _("Whole hip T-score"), K.FLOAT),
    F("bone.femoral_neck_t", _("Femoral neck T-score"), K.FLOAT),
    F("bone.lumbar_spine_z", _("Lower spine Z-score"), K.FLOAT),
    F("bone.total_hip_z", _("Whole hip Z-score"), K.FLOAT),
    F("bone.femoral_neck_z", _("Femoral neck Z-score"), K.FLOAT),
    F("bone.scans", _("DXA scan results"), K.GROUP, form="scan"),
    F("bone.scans[].site", _("Site"), K.SELECT, form="scan", input="site"),
    F("bone.scans[].date", _("Scan date"), K.DATE, form="scan", input="date"),
    F("bone.scans[].bmd_g_cm2", _("Bone density, BMD"), K.FLOAT, _("g/cm²"), form="scan",
      input="bmd_g_cm2"),
    F("bone.scans[].t_score", _("T-score"), K.FLOAT, form="scan", input="t_score"),
    F("bone.scans[].z_score", _("Z-score"), K.FLOAT, form="scan", input="z_score"),
    F("bone.scans[].scanner", _("Scanner make"), K.SELECT, form="scan", input="scanner"),
    F("bone.scans[].precision_g_cm2", _("The centre's precision error for this site"), K.FLOAT,
      _("g/cm²"), _("If the report states it; otherwise a standard value is used."),
      form="scan", input="precision_g_cm2"),
    F("fractures", _("Fractures"), K.GROUP),
    F("fractures[].site", _("Where"), K.SELECT),
    F("fractures[].year", _("Year"), K.INT),
    F("fractures[].date", _("Date (if known)"), K.DATE),
    F("fractures[].low_trauma", _("From a fall from standing height or less?"), K.YESNO),
    F("fracture_risk", _("Fracture risk (FRAX or Garvan)"), K.GROUP,
      help=_("Results a clinician worked out (R31); osteoload never calculates one.")),
    F("fracture_risk[].tool", _("Calculator"), K.SELECT, input="fracture_risk[0].tool"),
    F("fracture_risk[].date", _("Date of the result"), K.DATE, input="fracture_risk[0].date"),
    F("fracture_risk[].horizon_years", _("Risk over"), K.INT, _("years"),
      _("FRAX: 10 years; Garvan: 5 or 10."), input="fracture_risk[0].horizon_years"),
    F("fracture_risk[].major_osteoporotic_pct", _("Major osteoporotic fracture risk"), K.FLOAT,
      "%", _("FRAX only."), input="fracture_risk[0].major_osteoporotic_pct"),
    F("fracture_risk[].any_fracture_pct", _("Any fracture risk"), K.FLOAT, "%",
      _("Garvan only."), input="fracture_risk[0].any_fracture_pct"),
    F("fracture_risk[].hip_pct", _("Hip fracture risk"), K.FLOAT, "%",
      input="fracture_risk[0].hip_pct"),
    F("fracture_risk[].with_bmd", _("Calculated with a bone density result?"), K.YESNO,
      input="fracture_risk[0].with_bmd"),
    F("fracture_risk[].entered_by", _("Worked out by"), K.TEXT,
      help=_("Who calculated it, e.g. Dr Ruiz."), input="fracture_risk[0].entered_by"),
    F("falls_last_year", _("Number of falls"), K.INT),
    F("fall_with_injury_last_year", _("Hurt in a fall?"), K.YESNO),
    F("medications", _("Medicines"), K.CHECKS),
    F("conditions", _("Conditions"), K.CHECKS),
    F("symptoms", _("Symptoms now"), K.CHECKS,
      help=_("Any of these pauses exercise until a doctor has seen the client.")),
    F("blood_pressure", _("Resting blood pressure"), K.GROUP),
    F("blood_pressure.systolic", _("Systolic: the upper number"), K.INT, _("mmHg")),
    F("blood_pressure.diastolic", _("Diastolic: the lower number"), K.INT, _("mmHg")),
    F("parq_yes", _("Questions answered yes"), K.CHECKS),
    F("clearance", _("Clearance and supervision"), K.GROUP),
    F("clearance.medical", _("Cleared by a doctor to exercise"), K.CHECK),
    F("clearance.impact", _("Cleared for impact exercise (hops, jumps)"), K.CHECK),
    F("clearance.high_intensity", _("Cleared for high-intensity (heavy) training"), K.CHECK),
    F("clearance.physio", _("Seen and cleared by a physiotherapist"), K.CHECK),
    F("supervised", _("A qualified trainer supervises the sessions"), K.CHECK),
    F("experience", _("Strength training experience"), K.SELECT),
    F("equipment", _("Equipment"), K.CHECKS,
      help=_("Leave all empty if not known: a typical gym is assumed.")),
    F("equipment_details", _("Weights at home or at the gym"), K.GROUP),
    F("equipment_details.dumbbells", _("Dumbbells available"), K.LOADS, help=_LOADS_HELP),
    F("equipment_details.kettlebells", _("Kettlebells available"), K.LOADS, help=_LOADS_HELP),
    F("equipment_details.barbell", _("Barbell"), K.GROUP),
    F("equipment_details.barbell.bar", _("Barbell: the empty bar"), K.FLOAT),
    F("equipment_details.barbell.smallest_plate", _("Barbell: lightest plate pair"), K.FLOAT,
      help=_("The weight of one of the two plates.")),
    F("equipment_details.barbell.heaviest", _("Barbell: heaviest it can be loaded to"),
      K.FLOAT, help=_("Empty: no limit.")),
    F("equipment_details.machine", _("Machines"), K.GROUP),
    F("equipment_details.machine.first", _("Machines: first plate of the stack"), K.FLOAT,
      help=_("Empty: one step.")),
    F("equipment_details.machine.step", _("Machines: step between stack plates"), K.FLOAT),
    F("equipment_details.machine.heaviest", _("Machines: heaviest on the stack"), K.FLOAT),
    F("equipment_details.bands", _("Bands available"), K.CHECKS),
    F("schedule", _("Schedule"), K.GROUP),
    F("schedule.resistance_days", _("Strength training days"), K.CHECKS,
      help=_("Two or three days with a rest day between them. Empty: two days.")),
    F("schedule.minutes_per_session", _("Minutes per session"), K.INT, _("minutes")),
    F("schedule.start_date", _("Start date"), K.DATE),
    F("tests", _("Functional tests"), K.GROUP, form="tests"),
    F("tests.date", _("Date of the tests"), K.DATE, form="tests", input="date"),
    F("tests.tug_s", _("Timed Up and Go"), K.FLOAT, _("seconds"), form="tests", input="tug_s"),
    F("tests.chair_stand_30s", _("30-second chair stand"), K.INT, _("stands"), form="tests",
      input="chair_stand_30s"),
    F("tests.five_sts_s", _("Five times sit-to-stand"), K.FLOAT, _("seconds"), form="tests",
      input="five_sts_s"),
    F("tests.single_leg_stance_s", _("Single-leg stance"), K.FLOAT, _("seconds"), form="tests",
      input="single_leg_stance_s"),
    F("tests.gait_speed_m_s", _("Gait speed"), K.FLOAT, _("m/s"), form="tests",
      input="gait_speed_m_s"),
    F("tests.grip_kg", _("Grip strength"), K.FLOAT, _("kg"), form="tests", input="grip_kg"),
    F("tests.sppb", _("SPPB total"), K.INT, _("points"), _("The total score, from 0 to 12."),
      form="tests", input="sppb"),
    F("tests.sppb_parts", _("SPPB parts"), K.GROUP, form="tests", input="sppb_parts"),
    F("tests.sppb_parts.side_by_side_s", _("SPPB: feet side by side"), K.FLOAT, _("seconds"),
      _SPPB_HELP, form="tests", input="sppb_parts.side_by_side_s"),
    F("tests.sppb_parts.semi_tandem_s", _("SPPB: semi-tandem stand"), K.FLOAT, _("seconds"),
      _SPPB_HELP, form="tests", input="sppb_parts.semi_tandem_s"),
    F("tests.sppb_parts.tandem_s", _("SPPB: tandem stand"), K.FLOAT, _("seconds"), _SPPB_HELP,
      form="tests", input="sppb_parts.tandem_s"),
    F("tests.sppb_parts.gait_4m_s", _("SPPB: 4-metre walk"), K.FLOAT, _("seconds"),
      _("Empty if she could not do it."), form="tests", input="sppb_parts.gait_4m_s"),
    F("tests.sppb_parts.chair_stands_s", _("SPPB: five chair stands"), K.FLOAT, _("seconds"),
      _("Empty if she could not do it."), form="tests", input="sppb_parts.chair_stands_s"),
    F("tests.asm_kg_m2", _("Appendicular lean mass"), K.FLOAT, _("kg/m²"),
      _("Arms' and legs' lean mass divided by height squared, from a DXA body-composition "
        "scan: confirms low muscle mass (sarcopenia)."), form="tests", input="asm_kg_m2"),
    F("strength", _("Recent sets"), K.GROUP, form="",
      api_only=_("a profile file's recent sets for a first strength estimate; on the web her "
                 "logged sets give it (the coaching loop re-estimates from her log, R22)")),
    F("strength[].exercise", _("Exercise"), K.SELECT, form="", api_only=_("see strength")),
    F("strength[].load_kg", _("Load"), K.FLOAT, _("kg"), form="", api_only=_("see strength")),
    F("strength[].load_lb", _("Load"), K.FLOAT, _("lb"), form="", api_only=_("see strength")),
    F("strength[].reps", _("Repetitions"), K.INT, form="", api_only=_("see strength")),
    F("strength[].rpe", _("Effort (RPE)"), K.FLOAT, form="", api_only=_("see strength")),
    F("strength[].rir", _("Repetitions in reserve"), K.FLOAT, form="",
      api_only=_("see strength")),
    F("strength[].date", _("Date"), K.DATE, form="", api_only=_("see strength")),
)  # fmt: skip

BY_PATH: dict[str, ProfileField] = {f.path: f for f in FIELDS}


def field(path: str) -> ProfileField:
    """The field at ``path`` (``KeyError`` names a path the registry does not know)."""
    return BY_PATH[path]


def on_form(form: str) -> Iterator[ProfileField]:
    """The fields a web form edits (groups included)."""
    return (f for f in FIELDS if f.form == form)


def label(path: str) -> str:
    return BY_PATH[path].label


def schema_paths(model: type, prefix: str = "") -> Iterator[str]:
    """Every field path of a pydantic model, nested models' fields included (a list's items
    as ``name[]``); a field this registry enters as one input (weights as ``loads``) is not
    opened."""
    for name, info in getattr(model, "model_fields", {}).items():
        path = f"{prefix}{info.alias or name}"
        yield path
        known = BY_PATH.get(path)
        if known is not None and known.kind is not Kind.GROUP:
            continue
        for sub, is_list in _models_in(info.annotation):
            yield from schema_paths(sub, f"{path}[]." if is_list else f"{path}.")


def _models_in(annotation: object) -> list[tuple[type, bool]]:
    """Pydantic models inside an annotation (``X | None``, ``list[X]``), each with whether
    it is a list's items."""
    from pydantic import BaseModel

    found: list[tuple[type, bool]] = []

    def walk(tp: object, in_list: bool) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            found.append((tp, in_list))
            return
        origin = get_origin(tp)
        for arg in get_args(tp):
            walk(arg, in_list or origin in (list, tuple))

    walk(annotation, False)
    return found


def label_models(model: type, prefix: str = "") -> None:
    """Give every field of ``model`` (and of its nested models) its title and description
    from this registry, then rebuild the models so their JSON Schema says them."""
    fields = getattr(model, "model_fields", {})
    for name, info in fields.items():
        path = f"{prefix}{info.alias or name}"
        known = BY_PATH.get(path)
        if known is None:
            continue
        info.title = known.labelled
        info.description = known.description
        if known.kind is Kind.GROUP:
            for sub, is_list in _models_in(info.annotation):
                label_models(sub, f"{path}[]." if is_list else f"{path}.")
    rebuild = getattr(model, "model_rebuild", None)
    if rebuild is not None:
        rebuild(force=True)
