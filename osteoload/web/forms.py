"""HTML forms whose input names are the profile's field paths.

An input is named exactly like the field it fills (``age``, ``bone.lumbar_spine_t``,
``fractures[0].site``), so every :class:`~osteoload.services.errors.Issue` the services
raise lands next to the input it is about. A form speaks in its labels, not in field paths:
the issue is worded with the field's label and plain words ("Weight (kg): -3 is below 25",
"Fracture 1, date: ..."), the limits coming from the issue itself (the validating model's
own), while the CLI and the API keep the paths. Validation itself happens only in the
services; this module turns form text into the profile document and errors back into the
form.
"""

from __future__ import annotations

import copy
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from osteoload.domain.vocabulary import (
    Condition,
    Equipment,
    Experience,
    FractureSite,
    Medication,
    Menopause,
    ScannerMake,
    Sex,
    Site,
    Symptom,
    Units,
)
from osteoload.services import profile_fields
from osteoload.services.errors import Issue

from . import labels

Values = dict[str, Any]
"""Raw form values by input name: a string, or a list of strings for checkbox groups."""


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    label: str
    kind: str
    """``text``, ``password``, ``int``, ``float``, ``date``, ``select``, ``yesno``, ``check``
    (one box), ``checks`` (a group of boxes) or ``loads`` (weights as "2, 4, 6" or a range
    "2-20 step 2")."""
    choices: tuple[tuple[str, str], ...] = ()
    help: str = ""
    unit: str = ""
    required: bool = False
    blank: str = gettext_noop("Not known")
    wide: bool = False
    autocomplete: str = "off"

    @property
    def input_id(self) -> str:
        return html_id(self.name)

    @property
    def inputmode(self) -> str:
        return {"int": "numeric", "float": "decimal"}.get(self.kind, "")


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    fields: tuple[Field, ...]
    intro: str = ""


@dataclass(slots=True)
class BoundField:
    field: Field
    value: str = ""
    values: tuple[str, ...] = ()
    errors: list[str] = dc_field(default_factory=list)

    @property
    def error_id(self) -> str:
        return f"{self.field.input_id}-error"


@dataclass(slots=True)
class BoundSection:
    section: Section
    fields: list[BoundField]
    errors: list[str] = dc_field(default_factory=list)

    @property
    def section_id(self) -> str:
        return html_id(self.section.key or self.section.title)


@dataclass(slots=True)
class FractureRow:
    index: int
    site: BoundField
    year: BoundField
    date: BoundField
    low_trauma: BoundField
    errors: list[str] = dc_field(default_factory=list)

    @property
    def row_id(self) -> str:
        return html_id(f"fractures[{self.index}]")

    @property
    def cells(self) -> tuple[BoundField, ...]:
        return (self.site, self.year, self.date, self.low_trauma)


def html_id(name: str) -> str:
    return "f-" + re.sub(r"[^a-zA-Z0-9]+", "-", name).strip("-")


# ---------------------------------------------------------------------------------------
# The intake form
# ---------------------------------------------------------------------------------------

YES_NO = (("yes", gettext_noop("Yes")), ("no", gettext_noop("No")))


def reg(
    path: str,
    choices: tuple[tuple[str, str], ...] = (),
    *,
    name: str = "",
    unit: str | None = None,
    help: str | None = None,
    **options: Any,
) -> Field:
    """The input of a profile field as the field registry describes it (label, unit, kind,
    help: :mod:`osteoload.services.profile_fields`); ``name`` when the form's input has
    another name than the registry's (a fracture row's ``site``)."""
    spec = profile_fields.field(path)
    return Field(
        name or spec.input_name,
        spec.label,
        spec.kind.value,
        choices,
        spec.help if help is None else help,
        spec.unit if unit is None else unit,
        **options,
    )


def group_title(path: str) -> str:
    return profile_fields.label(path)


ABOUT = Section(
    "about",
    gettext_noop("About the client"),
    (
        reg("name", wide=True, autocomplete="name"),
        reg("age", required=True),
        reg("sex", labels.choices(Sex, labels.SEX), required=True, blank=gettext_noop("Choose")),
        reg("menopause", labels.choices(Menopause, labels.MENOPAUSE)),
        reg("years_since_menopause"),
        reg("height_cm"),
        reg("baseline_height_cm"),
        reg("weight_kg", unit="", help=gettext_noop("In the units chosen next to it.")),
        reg("units", labels.choices(Units, labels.UNITS), blank=""),
    ),
)
BONE = Section(
    "bone",
    group_title("bone"),
    (
        reg("bone.lumbar_spine_t"),
        reg("bone.total_hip_t"),
        reg("bone.femoral_neck_t"),
        reg("bone.lumbar_spine_z"),
        reg("bone.total_hip_z"),
        reg("bone.femoral_neck_z"),
    ),
    gettext_noop(
        "Leave empty what is not known. Z-scores only if the report gives them (younger "
        "women). Scan results in g/cm² are recorded on the client's page."
    ),
)
FALLS = Section(
    "falls",
    gettext_noop("Falls in the last 12 months"),
    (
        reg("falls_last_year"),
        reg("fall_with_injury_last_year", YES_NO),
    ),
)
HEALTH = Section(
    "health",
    gettext_noop("Health"),
    (
        reg("medications", labels.choices(Medication, labels.MEDICATIONS)),
        reg("conditions", labels.choices(Condition, labels.CONDITIONS)),
        reg("symptoms", labels.choices(Symptom, labels.SYMPTOMS)),
    ),
)
BLOOD_PRESSURE = Section(
    "blood_pressure",
    group_title("blood_pressure"),
    (
        reg("blood_pressure.systolic"),
        reg("blood_pressure.diastolic"),
    ),
)
PARQ = Section(
    "parq_yes",
    gettext_noop("PAR-Q+ health questions"),
    (
        Field(
            "parq_done",
            gettext_noop("The seven PAR-Q+ questions have been answered"),
            "check",
        ),
        reg("parq_yes", labels.PARQ_QUESTIONS),
    ),
    gettext_noop(
        "If they have not been answered, leave the first box empty: screening then says so."
    ),
)
CLEARANCE = Section(
    "clearance",
    group_title("clearance"),
    (
        reg("clearance.medical"),
        reg("clearance.impact"),
        reg("clearance.high_intensity"),
        reg("clearance.physio"),
        reg("supervised"),
        reg("experience", labels.choices(Experience, labels.EXPERIENCE)),
    ),
)
EQUIPMENT = Section(
    "equipment",
    gettext_noop("Equipment available"),
    (reg("equipment", labels.choices(Equipment, labels.EQUIPMENT)),),
)
BAND_CHOICES = (
    ("extra_light", gettext_noop("Extra light")),
    ("light", gettext_noop("Light")),
    ("medium", gettext_noop("Medium")),
    ("heavy", gettext_noop("Heavy")),
    ("extra_heavy", gettext_noop("Extra heavy")),
)
OWN_EQUIPMENT = Section(
    "equipment_details",
    group_title("equipment_details"),
    (
        reg("equipment_details.dumbbells", wide=True),
        reg("equipment_details.kettlebells", wide=True),
        reg("equipment_details.barbell.bar"),
        reg("equipment_details.barbell.smallest_plate"),
        reg("equipment_details.barbell.heaviest"),
        reg("equipment_details.machine.first"),
        reg("equipment_details.machine.step"),
        reg("equipment_details.machine.heaviest"),
        reg("equipment_details.bands", BAND_CHOICES),
    ),
    gettext_noop(
        "The weights that can actually be used, in the units chosen above: loads are rounded "
        "down to these and step up to the next one available. Leave empty what is not known."
    ),
)
SCHEDULE = Section(
    "schedule",
    group_title("schedule"),
    (
        reg("schedule.resistance_days", labels.WEEKDAYS),
        reg("schedule.minutes_per_session"),
        reg("schedule.start_date"),
    ),
)
#: R31: the latest FRAX or Garvan result a clinician worked out; the form edits that one and
#: keeps earlier results stored (only the latest is reported).
FRACTURE_RISK = Section(
    "fracture_risk",
    group_title("fracture_risk"),
    (
        reg("fracture_risk[].tool", (("frax", "FRAX"), ("garvan", "Garvan")),
            blank=gettext_noop("None entered")),
        reg("fracture_risk[].date"),
        reg("fracture_risk[].horizon_years"),
        reg("fracture_risk[].major_osteoporotic_pct"),
        reg("fracture_risk[].any_fracture_pct"),
        reg("fracture_risk[].hip_pct"),
        reg("fracture_risk[].with_bmd", YES_NO),
        reg("fracture_risk[].entered_by", wide=True),
    ),
    gettext_noop(
        "The latest result a clinician worked out with FRAX or Garvan, as the calculator gave "
        "it: osteoload never calculates fracture risk. A new result replaces the one shown; "
        "empty every field to remove it."
    ),
)  # fmt: skip
RISK_ROW = "fracture_risk[0]"
FRACTURE_FIELDS = (
    reg("fractures[].site", labels.choices(FractureSite, labels.FRACTURE_SITES), name="site",
        blank=gettext_noop("No fracture")),
    reg("fractures[].year", name="year"),
    reg("fractures[].date", name="date"),
    reg("fractures[].low_trauma", YES_NO, name="low_trauma"),
)  # fmt: skip
FRACTURE_ROWS = 3

INTAKE_BEFORE_FRACTURES = (ABOUT, BONE)
INTAKE_AFTER_FRACTURES = (
    FRACTURE_RISK, FALLS, HEALTH, BLOOD_PRESSURE, PARQ, CLEARANCE, EQUIPMENT, OWN_EQUIPMENT,
    SCHEDULE,
)  # fmt: skip
INTAKE_SECTIONS = INTAKE_BEFORE_FRACTURES + INTAKE_AFTER_FRACTURES

#: Where an issue about a stored field that the form writes under another name goes.
ALIASES = {"weight_kg": "weight", "weight_lb": "weight", "parq_done": "parq_yes"}
#: The label an issue about such a field carries (the form's one input, with its unit), as
#: its English parts (label, unit, which end of a range of weights), translated where it is
#: shown (:func:`alias_label`).
ALIAS_LABELS: dict[str, tuple[str, str, str]] = {
    path: (profile_fields.label(path), profile_fields.field(path).unit or "", "")
    for path in ("weight_kg", "weight_lb")
} | {
    f"equipment_details.{kind}.{key}": (profile_fields.label(f"equipment_details.{kind}"), "", word)
    for kind in ("dumbbells", "kettlebells")
    for key, word in (
        ("from", gettext_noop("lightest")),
        ("to", gettext_noop("heaviest")),
        ("step", gettext_noop("step")),
    )
}


def alias_label(path: str) -> str:
    """The label of an issue about a field the form writes under another name, in the
    active language ("Weight (kg)", "Dumbbells available, heaviest"); "" for other paths."""
    entry = ALIAS_LABELS.get(path)
    if entry is None:
        return ""
    label, unit, end = entry
    text = f"{_(label)} ({_(unit)})" if unit else _(label)
    return f"{text}, {_(end)}" if end else text


#: Top-level profile keys the intake form owns (the registry's intake fields); everything
#: else stored is kept on edit.
FORM_KEYS = frozenset(
    f.path.split(".")[0].split("[")[0]
    for f in profile_fields.on_form("intake")
    if not f.path.startswith("bone")
)
FORM_BONE_KEYS = frozenset(
    f.path.removeprefix("bone.") for f in profile_fields.on_form("intake")
    if f.path.startswith("bone.")
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Other forms
# ---------------------------------------------------------------------------------------

TESTS = Section(
    "tests",
    group_title("tests"),
    (
        reg("tests.date"),
        reg("tests.tug_s"),
        reg("tests.chair_stand_30s"),
        reg("tests.five_sts_s"),
        reg("tests.single_leg_stance_s"),
        reg("tests.gait_speed_m_s"),
        reg("tests.grip_kg"),
        reg("tests.sppb"),
        reg("tests.sppb_parts.side_by_side_s"),
        reg("tests.sppb_parts.semi_tandem_s"),
        reg("tests.sppb_parts.tandem_s"),
        reg("tests.sppb_parts.gait_4m_s"),
        reg("tests.sppb_parts.chair_stands_s"),
        reg("tests.asm_kg_m2"),
    ),
    gettext_noop("Enter the tests done; leave the others empty. The date defaults to today."),
)
SCAN = Section(
    "scan",
    gettext_noop("DXA scan result"),
    (
        reg("bone.scans[].site", labels.choices(Site, labels.SITES), required=True,
            blank=gettext_noop("Choose")),
        reg("bone.scans[].date"),
        reg("bone.scans[].bmd_g_cm2"),
        reg("bone.scans[].t_score"),
        reg("bone.scans[].z_score"),
        reg("bone.scans[].scanner", labels.choices(ScannerMake, labels.SCANNERS)),
        reg("bone.scans[].precision_g_cm2"),
    ),
    gettext_noop("Record one site per entry: the lower spine, the whole hip, the femoral neck "
                 "or the forearm."),
)  # fmt: skip
GENERATE = Section(
    "generate",
    gettext_noop("Generate a program"),
    (
        Field("start", gettext_noop("First day"), "date",
              help=gettext_noop("Empty: the schedule's start date, else next Monday.")),
        Field("weeks", gettext_noop("Number of weeks"), "int",
              help=gettext_noop("1 to 52; 12 is usual.")),
    ),
)  # fmt: skip
INVITE = Section(
    "account",
    gettext_noop("Choose your login"),
    (
        Field("username", gettext_noop("Choose a user name"), "text", required=True,
              autocomplete="username"),
        Field("password", gettext_noop("Choose a password"), "password", required=True,
              autocomplete="new-password",
              help=gettext_noop("At least 10 characters. A short sentence is easy to "
                                "remember.")),
        Field("password2", gettext_noop("Type the password again"), "password", required=True,
              autocomplete="new-password"),
    ),
)  # fmt: skip


# ---------------------------------------------------------------------------------------
# Reading posted values
# ---------------------------------------------------------------------------------------


def raw_values(post: QueryDict, sections: Iterable[Section], *, fractures: bool = False) -> Values:
    """The posted text by input name (checkbox groups as lists)."""
    values: Values = {}
    for section in sections:
        for f in section.fields:
            if f.kind == "checks":
                values[f.name] = [v.strip() for v in post.getlist(f.name) if v.strip()]
            elif f.kind == "check":
                values[f.name] = "on" if post.get(f.name) else ""
            else:
                values[f.name] = post.get(f.name, "").strip()
    if fractures:
        count = max(FRACTURE_ROWS, _posted_rows(post))
        for i in range(count):
            for f in FRACTURE_FIELDS:
                name = f"fractures[{i}].{f.name}"
                values[name] = post.get(name, "").strip()
    return values


def _posted_rows(post: QueryDict) -> int:
    indexes = [
        int(m.group(1)) for key in post if (m := re.fullmatch(r"fractures\[(\d{1,2})\]\..+", key))
    ]
    return max(indexes, default=-1) + 1


def number(text: str) -> int | float | str:
    """A number from form text; text that is no number is passed on for the validator to name."""
    cleaned = text.strip().replace(",", ".") if text.count(",") == 1 else text.strip()
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        value = float(cleaned)
    except ValueError:
        return text.strip()
    return value if math.isfinite(value) else text.strip()


_RANGE = re.compile(
    r"^\s*(?P<start>[\d.,]+)\s*(?:-|–|to)\s*(?P<stop>[\d.,]+)\s*,?\s*"
    r"(?:step|steps|by|in steps of)\s*(?P<step>[\d.,]+)\s*$",
    re.IGNORECASE,
)


def loads_value(text: str) -> Any:
    """Weights from form text as the profile writes them: "2, 4, 6" -> ``[2, 4, 6]``,
    "2-20 step 2" (or "2 to 20 by 2") -> ``{"from": 2, "to": 20, "step": 2}``; text that is
    neither is passed on for the validator to name."""
    match = _RANGE.match(text)
    if match:
        return {key: number(match.group(name)) for key, name in
                (("from", "start"), ("to", "stop"), ("step", "step"))}  # fmt: skip
    parts = [p for p in re.split(r"[;,\s]+", text.strip()) if p]
    values = [number(p) for p in parts]
    if values and all(isinstance(v, int | float) for v in values):
        return values
    return text.strip()


def loads_shown(value: Any) -> str:
    """A stored dumbbell or kettlebell description as the form shows it."""
    if isinstance(value, Mapping):
        return "{}-{} step {}".format(*(_g(value.get(k)) for k in ("from", "to", "step")))
    if isinstance(value, list | tuple):
        return ", ".join(_g(v) for v in value)
    return "" if value is None else str(value)


def _g(value: Any) -> str:
    return f"{value:g}" if isinstance(value, int | float) else str(value)


def convert(f: Field, raw: Any) -> tuple[bool, Any]:
    """(present, value) for one field's raw value."""
    if f.kind == "checks":
        items = list(raw or [])
        if not items:
            return False, None
        return True, [number(v) if v.isdigit() else v for v in items]
    if f.kind == "check":
        return True, bool(raw)
    text = str(raw or "").strip()
    if not text:
        return False, None
    if f.kind in ("int", "float"):
        return True, number(text)
    if f.kind == "loads":
        return True, loads_value(text)
    if f.kind == "yesno":
        return True, {"yes": True, "no": False}.get(text, text)
    return True, text


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    parts = path.split(".")
    node = data
    for part in parts[:-1]:
        node = node.setdefault(part, {})
    node[parts[-1]] = value


def get_path(data: Mapping[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def section_data(values: Mapping[str, Any], sections: Iterable[Section]) -> dict[str, Any]:
    """A document from the sections' fields (nested by the dotted names)."""
    data: dict[str, Any] = {}
    for section in sections:
        for f in section.fields:
            present, value = convert(f, values.get(f.name))
            if present:
                set_path(data, f.name, value)
    return data


def profile_data(values: Mapping[str, Any]) -> dict[str, Any]:
    """The profile document (profile.v1 shape) from the intake form's values."""
    data = section_data(values, INTAKE_SECTIONS)
    weight = data.pop("weight", None)
    if weight is not None:
        data["weight_lb" if data.get("units") == "lb" else "weight_kg"] = weight
    done = data.pop("parq_done", False)
    if not done and "parq_yes" not in data:
        data.pop("parq_yes", None)
    elif done:
        data.setdefault("parq_yes", [])
    fractures = []
    for i in range(_value_rows(values)):
        row: dict[str, Any] = {}
        for f in FRACTURE_FIELDS:
            present, value = convert(f, values.get(f"fractures[{i}].{f.name}"))
            if present:
                row[f.name] = value
        if row:
            fractures.append(row)
    if fractures:
        data["fractures"] = fractures
    risk = data.pop(RISK_ROW, None)
    if risk:
        data["fracture_risk"] = [risk]
    return data


def _latest_risk(results: Any) -> int | None:
    """The index of the latest stored fracture-risk result (by date; of one day, the last),
    the one the form shows; ``None`` when none is stored."""
    if not isinstance(results, list) or not results:
        return None
    dated = [(str(r.get("date") or ""), i) for i, r in enumerate(results) if isinstance(r, dict)]
    return max(dated)[1] if dated else None


def _value_rows(values: Mapping[str, Any]) -> int:
    indexes = [
        int(m.group(1)) for key in values if (m := re.fullmatch(r"fractures\[(\d+)\]\..+", key))
    ]
    return max(indexes, default=-1) + 1


def _filled_rows(values: Mapping[str, Any]) -> int:
    """Rows up to the last fracture row with anything entered in it."""
    indexes = [
        int(m.group(1))
        for key, value in values.items()
        if value and (m := re.fullmatch(r"fractures\[(\d+)\]\..+", key))
    ]
    return max(indexes, default=-1) + 1


def merged_profile(stored: Mapping[str, Any], data: Mapping[str, Any]) -> dict[str, Any]:
    """The stored document with the form's fields replaced (other stored fields are kept)."""
    merged = {k: copy.deepcopy(v) for k, v in stored.items() if k not in FORM_KEYS}
    bone = {k: v for k, v in dict(stored.get("bone") or {}).items() if k not in FORM_BONE_KEYS}
    bone.update(data.get("bone", {}))
    merged.update({k: v for k, v in data.items() if k != "bone"})
    if bone:
        merged["bone"] = bone
    else:
        merged.pop("bone", None)
    stored_risks = stored.get("fracture_risk")
    shown = _latest_risk(stored_risks)
    earlier = [copy.deepcopy(r) for i, r in enumerate(stored_risks or []) if i != shown]
    if earlier:
        merged["fracture_risk"] = list(data.get("fracture_risk", [])) + earlier
    return merged


def initial_values(document: Mapping[str, Any]) -> Values:
    """Form values showing a stored profile."""
    values: Values = {}
    for section in INTAKE_SECTIONS:
        for f in section.fields:
            values[f.name] = _show(f, get_path(document, f.name))
    weight = document.get("weight_kg", document.get("weight_lb"))
    values["weight"] = _show(next(f for f in ABOUT.fields if f.name == "weight"), weight)
    parq = document.get("parq_yes")
    values["parq_done"] = "on" if parq is not None else ""
    for i, fracture in enumerate(document.get("fractures") or []):
        for f in FRACTURE_FIELDS:
            values[f"fractures[{i}].{f.name}"] = _show(f, fracture.get(f.name))
    risks = document.get("fracture_risk") or []
    shown = _latest_risk(risks)
    if shown is not None:
        for f in FRACTURE_RISK.fields:
            values[f.name] = _show(f, risks[shown].get(f.name.removeprefix(RISK_ROW + ".")))
    return values


def _show(f: Field, value: Any) -> Any:
    if f.kind == "checks":
        return [str(v) for v in value or []]
    if value is None:
        return ""
    if f.kind in ("check",):
        return "on" if value else ""
    if f.kind == "loads":
        return loads_shown(value)
    if f.kind == "yesno":
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer() and f.kind == "float":
        return f"{value:g}"
    return str(value)


# ---------------------------------------------------------------------------------------
# Binding values and errors for the templates
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class Form:
    """Sections bound to values, with each issue attached to the input it names."""

    sections: list[BoundSection]
    fracture_rows: list[FractureRow]
    fracture_errors: list[str]
    general_errors: list[str]
    summary: list[tuple[str, str]]
    """(anchor id, message) for every problem, for the list at the top of the form."""

    @property
    def has_errors(self) -> bool:
        return bool(self.summary)

    def section(self, key: str) -> BoundSection:
        return next(s for s in self.sections if s.section.key == key)


def bind(
    sections: Sequence[Section],
    values: Mapping[str, Any] | None = None,
    issues: Sequence[Issue] = (),
    *,
    fractures: bool = False,
) -> Form:
    values = values or {}
    bound_sections = []
    by_name: dict[str, list[str]] = {}
    for section in sections:
        fields = []
        for f in section.fields:
            raw = values.get(f.name)
            if f.kind == "checks":
                bf = BoundField(f, values=tuple(str(v) for v in raw or ()), errors=[])
            else:
                bf = BoundField(f, value=str(raw or ""), errors=[])
            by_name[f.name] = bf.errors
            fields.append(bf)
        bound = BoundSection(section, fields)
        if section.key:
            by_name.setdefault(section.key, bound.errors)
        bound_sections.append(bound)
    rows: list[FractureRow] = []
    fracture_errors: list[str] = []
    if fractures:
        # One empty row after the last filled one: posting the form again (after an error)
        # must not add a row each time (issue 17).
        count = max(FRACTURE_ROWS, _filled_rows(values) + 1)
        for i in range(count):
            cells = []
            for f in FRACTURE_FIELDS:
                name = f"fractures[{i}].{f.name}"
                named = Field(name, f.label, f.kind, f.choices, blank=f.blank)
                bf = BoundField(named, value=str(values.get(name) or ""), errors=[])
                by_name[name] = bf.errors
                cells.append(bf)
            row = FractureRow(i, cells[0], cells[1], cells[2], cells[3])
            by_name[f"fractures[{i}]"] = row.errors
            rows.append(row)
        by_name["fractures"] = fracture_errors
    general: list[str] = []
    summary: list[tuple[str, str]] = []
    names = field_labels(sections, len(rows))
    for issue in issues:
        target = _target(issue.path, by_name)
        message = issue_text(issue, names)
        (by_name[target] if target else general).append(message)
        summary.append((html_id(target) if target else "form-errors", message))
    return Form(bound_sections, rows, fracture_errors, general, summary)


def field_labels(sections: Iterable[Section], fracture_rows: int = 0) -> dict[str, str]:
    """Each input name's label as an error names it: the label with its unit ("Height (cm)"),
    a fracture row's fields as "Fracture 1, date", a section by its title."""
    names: dict[str, str] = {}
    for section in sections:
        if section.key:
            names[section.key] = _(section.title)
        for f in section.fields:
            names[f.name] = f"{_(f.label)} ({_(f.unit)})" if f.unit else _(f.label)
    if fracture_rows:
        names["fractures"] = _("Fractures")
    for i in range(fracture_rows):
        row = _("Fracture %(number)d") % {"number": i + 1}
        names[f"fractures[{i}]"] = row
        for f in FRACTURE_FIELDS:
            label = _(f.label)
            names[f"fractures[{i}].{f.name}"] = f"{row}, {label[:1].lower()}{label[1:]}"
    return names


def plain_message(issue: Issue) -> str:
    """The issue's message in plain words: a number out of range says which limit it
    crossed ("-3 is below 25"), with the limit the validating model allows."""
    allowed, value = issue.allowed, issue.value
    if allowed is not None and isinstance(value, int | float) and not isinstance(value, bool):
        shown = f"{value:g}"
        low, high = allowed.low, allowed.high
        if low is not None and (value < low or (allowed.low_open and value <= low)):
            if allowed.low_open:
                return _("%(value)s is too low; it must be more than %(low)s") % {
                    "value": shown,
                    "low": f"{low:g}",
                }
            return _("%(value)s is below %(low)s") % {"value": shown, "low": f"{low:g}"}
        if high is not None and (value > high or (allowed.high_open and value >= high)):
            if allowed.high_open:
                return _("%(value)s is too high; it must be less than %(high)s") % {
                    "value": shown,
                    "high": f"{high:g}",
                }
            return _("%(value)s is above %(high)s") % {"value": shown, "high": f"{high:g}"}
    if issue.message in ("is required", _("is required")):
        return _("required")
    return issue.message


def issue_text(issue: Issue, names: Mapping[str, str]) -> str:
    """An issue as a form shows it: the label of the field it is about and plain words.

    An issue about a field the form does not show keeps its path (there is no label)."""
    label = alias_label(issue.path) or _label(issue.path, names)
    if not issue.path:
        return plain_message(issue)
    if not label:
        return str(issue)
    return f"{label}: {plain_message(issue)}"


def _label(path: str, names: Mapping[str, str]) -> str:
    """The label of the nearest input (or group) an issue path belongs to."""
    current = path
    while current:
        if current in names:
            return names[current]
        if current.endswith("]"):
            current = current[: current.rindex("[")]
        elif "." in current:
            current = current[: current.rindex(".")]
        else:
            current = ""
        current = ALIASES.get(current, current)
    return ""


def _target(path: str, names: Mapping[str, Any]) -> str:
    """The input (or group of inputs) an issue path belongs to; "" for the whole form."""
    current = ALIASES.get(path, path)
    while current:
        if current in names:
            return current
        if current.endswith("]"):
            current = current[: current.rindex("[")]
        elif "." in current:
            current = current[: current.rindex(".")]
        else:
            current = ""
        current = ALIASES.get(current, current)
    return ""
