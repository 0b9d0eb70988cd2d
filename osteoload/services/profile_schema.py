"""The client profile as accepted from files and HTTP bodies (DESIGN.md, "Public contracts").

These pydantic models are the single validator of untrusted profile input; the CLI, the web
intake form and the API all use them. ``to_domain`` turns a validated model into the
engine's frozen dataclasses, converting pounds to kilograms.
"""

from __future__ import annotations

import math
from datetime import date, timedelta
from typing import Annotated, Any, Literal

from pydantic import (
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_serializer,
    model_validator,
)

from osteoload.domain import consecutive_days
from osteoload.domain import profile as dp
from osteoload.domain.programming import RESISTANCE_DAYS_PER_WEEK
from osteoload.domain.units import BandLevel, lb_to_kg
from osteoload.domain.vocabulary import (
    KEY_LIFT_IDS,
    Condition,
    Equipment,
    Experience,
    FractureRiskTool,
    FractureSite,
    Medication,
    Menopause,
    ScannerMake,
    Sex,
    Site,
    Symptom,
    Units,
)
from osteoload.wording import _, gettext_noop

from .schema_types import IsoDate, Strict, not_in_future, today_from

TScore = Annotated[float, Field(ge=-6.0, le=4.0)]
#: Accepted areal BMD (g/cm2) and a centre's precision (RMS-SD, g/cm2), wherever they are
#: entered: a profile, the command line, the API.
BMD_MIN_G_CM2 = 0.2
BMD_MAX_G_CM2 = 2.0
PRECISION_MAX_G_CM2 = 0.1
Bmd = Annotated[
    float,
    Field(ge=BMD_MIN_G_CM2, le=BMD_MAX_G_CM2, description="Areal bone mineral density, g/cm2"),
]

_DAY_NUMBERS = {
    "mon": 1, "monday": 1, "tue": 2, "tuesday": 2, "wed": 3, "wednesday": 3,
    "thu": 4, "thursday": 4, "fri": 5, "friday": 5, "sat": 6, "saturday": 6,
    "sun": 7, "sunday": 7,
}  # fmt: skip
_DEFAULT_DAYS = {2: (1, 4), 3: (1, 3, 5)}


class ScanIn(Strict):
    site: Site
    date: IsoDate | None = None
    bmd_g_cm2: Bmd | None = None
    t_score: TScore | None = None
    z_score: TScore | None = None
    scanner: ScannerMake | None = None
    precision_g_cm2: Annotated[float, Field(gt=0.0, le=PRECISION_MAX_G_CM2)] | None = None

    _past = field_validator("date")(not_in_future)

    @model_validator(mode="after")
    def _has_a_value(self) -> ScanIn:
        if self.bmd_g_cm2 is None and self.t_score is None and self.z_score is None:
            raise ValueError(_("a scan needs at least one of bmd_g_cm2, t_score or z_score"))
        return self


class BoneIn(Strict):
    lumbar_spine_t: TScore | None = None
    total_hip_t: TScore | None = None
    femoral_neck_t: TScore | None = None
    lumbar_spine_z: TScore | None = None
    total_hip_z: TScore | None = None
    femoral_neck_z: TScore | None = None
    scans: list[ScanIn] = Field(default_factory=list, max_length=200)


class FractureIn(Strict):
    site: FractureSite
    date: IsoDate | None = None
    year: Annotated[int, Field(ge=1900, le=2200)] | None = None
    low_trauma: bool | None = None

    _past = field_validator("date")(not_in_future)

    @field_validator("year")
    @classmethod
    def _year_not_future(cls, value: int | None, info: ValidationInfo) -> int | None:
        today = today_from(info)
        if value is not None and today is not None and value > today.year:
            raise ValueError(
                _("%(value)s is in the future (this year is %(year)s)")
                % {"value": value, "year": today.year}
            )
        return value

    @model_validator(mode="after")
    def _year_matches_date(self) -> FractureIn:
        if self.date is not None and self.year is not None and self.date.year != self.year:
            raise ValueError(
                _("year %(year)s does not match date %(date)s")
                % {"year": self.year, "date": self.date.isoformat()}
            )
        return self


#: R31: a fracture-risk calculator's result is a percentage, entered as the clinician read it.
RiskPct = Annotated[float, Field(ge=0, le=100)]


class FractureRiskIn(Strict):
    """A FRAX or Garvan result a clinician worked out (R31; osteoload never computes one).

    FRAX gives the 10-year probability of a major osteoporotic fracture and of a hip
    fracture; Garvan the 5- or 10-year risk of any fracture and of a hip fracture."""

    tool: FractureRiskTool
    date: IsoDate
    horizon_years: Literal[5, 10] = 10
    major_osteoporotic_pct: RiskPct | None = None
    any_fracture_pct: RiskPct | None = None
    hip_pct: RiskPct | None = None
    with_bmd: bool | None = None
    entered_by: Annotated[str, Field(min_length=1, max_length=120)] | None = None

    _past = field_validator("date")(not_in_future)

    @field_validator("horizon_years")
    @classmethod
    def _frax_ten_years(cls, value: int, info: ValidationInfo) -> int:
        if info.data.get("tool") is FractureRiskTool.FRAX and value != 10:
            raise ValueError(
                _(
                    "%(value)s is not allowed for FRAX, which gives 10-year probabilities; "
                    "allowed 10"
                )
                % {"value": value}
            )
        return value

    @field_validator("major_osteoporotic_pct")
    @classmethod
    def _frax_only(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and info.data.get("tool") is FractureRiskTool.GARVAN:
            raise ValueError(
                _("Garvan gives the risk of any fracture, not of a major osteoporotic "
                  "fracture; leave this empty")
            )  # fmt: skip
        return value

    @field_validator("any_fracture_pct")
    @classmethod
    def _garvan_only(cls, value: float | None, info: ValidationInfo) -> float | None:
        if value is not None and info.data.get("tool") is FractureRiskTool.FRAX:
            raise ValueError(
                _("FRAX gives the probability of a major osteoporotic fracture, not of any "
                  "fracture; leave this empty")
            )  # fmt: skip
        return value

    @field_validator("hip_pct")
    @classmethod
    def _hip_within(cls, value: float | None, info: ValidationInfo) -> float | None:
        major, any_fracture = (
            info.data.get("major_osteoporotic_pct"),
            info.data.get("any_fracture_pct"),
        )
        wider = major if major is not None else any_fracture
        if value is not None and wider is not None and value > wider:
            raise ValueError(
                _("%(value)s is above the risk given for all fractures together (%(wider)s); "
                  "a hip fracture is one of them, so its risk cannot be higher")
                % {"value": f"{value:g}", "wider": f"{wider:g}"}
            )  # fmt: skip
        return value

    @model_validator(mode="after")
    def _has_a_risk(self) -> FractureRiskIn:
        risks = (self.major_osteoporotic_pct, self.any_fracture_pct, self.hip_pct)
        if all(risk is None for risk in risks):
            raise ValueError(
                _("a fracture-risk result needs at least one of major_osteoporotic_pct, "
                  "any_fracture_pct or hip_pct")
            )  # fmt: skip
        return self


class BloodPressureIn(Strict):
    systolic: Annotated[int, Field(ge=60, le=260)]
    diastolic: Annotated[int, Field(ge=30, le=160)]

    @model_validator(mode="after")
    def _order(self) -> BloodPressureIn:
        if self.diastolic >= self.systolic:
            raise ValueError(
                _("diastolic %(diastolic)s must be lower than systolic %(systolic)s")
                % {"diastolic": self.diastolic, "systolic": self.systolic}
            )
        return self


class ClearanceIn(Strict):
    medical: bool = False
    impact: bool = False
    high_intensity: bool = False
    physio: bool = False


_DAYS_SCHEMA = {
    "description": "2 or 3 (the engine picks the days), or a list of 2-3 weekdays "
    "(1 = Monday ... 7 = Sunday, or names such as 'mon')",
    "anyOf": [
        {"type": "integer", "minimum": 2, "maximum": 3},
        {
            "type": "array",
            "minItems": 2,
            "maxItems": 3,
            "items": {"anyOf": [{"type": "integer", "minimum": 1, "maximum": 7},
                                {"type": "string", "enum": sorted(_DAY_NUMBERS)}]},
        },
    ],
}  # fmt: skip


def _parse_days(value: Any, *, what: str, counts: tuple[int, ...]) -> tuple[int, ...]:
    """Days of the week from a count or a list; ``what`` (a message id) names them in an
    error, in the active language."""
    not_days = _("%(value)s is not a number of days or a list of weekdays")
    if isinstance(value, bool):
        raise ValueError(not_days % {"value": repr(value)})
    if isinstance(value, int):
        if value not in counts:
            raise ValueError(
                _("%(value)s is not allowed; allowed %(low)s to %(high)s")
                % {"value": value, "low": min(counts), "high": max(counts)}
            )
        return _DEFAULT_DAYS[value]
    if not isinstance(value, list):
        raise ValueError(not_days % {"value": repr(value)})
    days: list[int] = []
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool) and 1 <= item <= 7:
            days.append(item)
        elif isinstance(item, str) and item.strip().lower() in _DAY_NUMBERS:
            days.append(_DAY_NUMBERS[item.strip().lower()])
        else:
            from .errors import did_you_mean

            hint = did_you_mean(item, _DAY_NUMBERS) if isinstance(item, str) else ""
            raise ValueError(
                _(
                    "%(value)s is not a weekday; allowed 1 to 7 (1 = Monday) or mon, tue, wed, "
                    "thu, fri, sat, sun%(hint)s"
                )
                % {"value": repr(item), "hint": hint}
            )
    days = sorted(set(days))
    if len(days) not in counts:
        raise ValueError(
            _("%(what)s needs %(low)s to %(high)s different days")
            % {"what": _(what), "low": min(counts), "high": max(counts)}
        )
    return tuple(days)


#: How far ahead or back a program's start date may be (a plan is for the coming months).
START_DATE_WINDOW_DAYS = 5 * 366


class ScheduleIn(Strict):
    resistance_days: Annotated[Any, WithJsonSchema(_DAYS_SCHEMA)] = Field(
        default=2, validate_default=True
    )
    minutes_per_session: Annotated[int, Field(ge=15, le=120)] = 45
    start_date: IsoDate | None = None

    @field_validator("start_date")
    @classmethod
    def _near(cls, value: date | None, info: ValidationInfo) -> date | None:
        today = today_from(info)
        if value is not None and today is not None:
            window = timedelta(days=START_DATE_WINDOW_DAYS)
            if not today - window <= value <= today + window:
                raise ValueError(
                    _("%(value)s is too far from today (%(today)s); allowed %(low)s to %(high)s")
                    % {
                        "value": value.isoformat(),
                        "today": today.isoformat(),
                        "low": (today - window).isoformat(),
                        "high": (today + window).isoformat(),
                    }
                )
        return value

    @field_validator("resistance_days", mode="before")
    @classmethod
    def _days(cls, value: Any) -> tuple[int, ...]:
        days = _parse_days(
            value, what=gettext_noop("resistance training"), counts=RESISTANCE_DAYS_PER_WEEK
        )
        # R13, as the engine states it: a rest day between resistance sessions (Sun->Mon too).
        if consecutive_days(days) is not None:
            raise ValueError(
                _(
                    "%(days)s puts resistance sessions on consecutive days; leave at least one "
                    "rest day between them (rule R13)"
                )
                % {"days": list(days)}
            )
        return days


class SppbIn(Strict):
    side_by_side_s: Annotated[float, Field(ge=0, le=60)] | None = None
    semi_tandem_s: Annotated[float, Field(ge=0, le=60)] | None = None
    tandem_s: Annotated[float, Field(ge=0, le=60)] | None = None
    gait_4m_s: Annotated[float, Field(ge=1, le=120)] | None = None
    chair_stands_s: Annotated[float, Field(ge=2, le=300)] | None = None


class TestsIn(Strict):
    date: IsoDate | None = None
    tug_s: Annotated[float, Field(ge=3, le=300, description="Timed Up and Go, seconds")] | None = (
        None
    )
    chair_stand_30s: Annotated[int, Field(ge=0, le=60)] | None = None
    five_sts_s: Annotated[float, Field(ge=2, le=300)] | None = None
    single_leg_stance_s: Annotated[float, Field(ge=0, le=300)] | None = None
    gait_speed_m_s: Annotated[float, Field(ge=0.05, le=3.0)] | None = None
    grip_kg: Annotated[float, Field(ge=0, le=120)] | None = None
    sppb: Annotated[int, Field(ge=0, le=12)] | None = None
    sppb_parts: SppbIn | None = None
    asm_kg_m2: Annotated[float, Field(ge=2, le=15)] | None = None

    _past = field_validator("date")(not_in_future)


class StrengthIn(Strict):
    exercise: str
    load_kg: Annotated[float, Field(gt=0, le=500)] | None = None
    load_lb: Annotated[float, Field(gt=0, le=1100)] | None = None
    reps: Annotated[int, Field(ge=1, le=50)]
    rpe: Annotated[float, Field(ge=1, le=10, multiple_of=0.5)] | None = None
    rir: Annotated[float, Field(ge=0, le=10, multiple_of=0.5)] | None = None
    date: IsoDate | None = None

    _past = field_validator("date")(not_in_future)

    @field_validator("exercise")
    @classmethod
    def _known(cls, value: str, info: ValidationInfo) -> str:
        if isinstance(info.context, dict) and info.context.get("stored"):
            return value  # a stored profile is read, not re-judged by today's catalogue
        if isinstance(info.context, dict) and value in info.context.get("kept_exercises", ()):
            return value  # named by a set already stored: kept as it is (renamed since)
        allowed = _strength_ids(info)
        if value not in allowed:
            from .errors import did_you_mean

            raise ValueError(
                _(
                    "%(value)s is not an exercise osteoload knows for strength estimates; "
                    "allowed: %(allowed)s%(hint)s"
                )
                % {
                    "value": repr(value),
                    "allowed": ", ".join(sorted(allowed)),
                    "hint": did_you_mean(value, allowed),
                }
            )
        return value

    @model_validator(mode="after")
    def _one_load_one_effort(self) -> StrengthIn:
        if (self.load_kg is None) == (self.load_lb is None):
            raise ValueError(_("give exactly one of load_kg or load_lb"))
        if self.rpe is not None and self.rir is not None:
            raise ValueError(_("give rpe or rir, not both"))
        return self


def _strength_ids(info: ValidationInfo) -> frozenset[str]:
    ctx = info.context
    if isinstance(ctx, dict) and isinstance(ctx.get("exercise_ids"), frozenset):
        ids: frozenset[str] = ctx["exercise_ids"]
        return ids
    return frozenset(KEY_LIFT_IDS)


#: Limits of an equipment description (in her units; wide enough for kg and lb gyms).
MAX_OWN_LOAD = 500.0
MAX_LOADS_LISTED = 200
OwnLoad = Annotated[float, Field(gt=0, le=MAX_OWN_LOAD)]
LoadStep = Annotated[float, Field(ge=0.25, le=100)]

_NUMBER = {"type": "number", "exclusiveMinimum": 0, "maximum": MAX_OWN_LOAD}
_LOADS_SCHEMA: dict[str, Any] = {
    "description": "In the profile's units: a list of the weights she has (e.g. [2, 4, 6]) "
    "or a range {from, to, step} (e.g. {from: 2, to: 20, step: 2})",
    "type": ["array", "object"],
    "items": _NUMBER,
    "minItems": 1,
    "maxItems": MAX_LOADS_LISTED,
    "properties": {
        "from": _NUMBER,
        "to": _NUMBER,
        "step": {"type": "number", "minimum": 0.25, "maximum": 100},
    },
    "required": ["from", "to", "step"],
    "additionalProperties": False,
}


class LoadsIn(Strict):
    """Dumbbells or kettlebells she has: a list of weights, or ``{from, to, step}``."""

    weights: tuple[OwnLoad, ...] | None = None
    start: OwnLoad | None = Field(default=None, alias="from")
    to: OwnLoad | None = None
    step: LoadStep | None = None

    @model_validator(mode="before")
    @classmethod
    def _list_or_range(cls, value: Any) -> Any:
        if isinstance(value, list | tuple):
            if not value:
                raise ValueError(_("the list is empty; give at least one weight, or leave it out"))
            if len(value) > MAX_LOADS_LISTED:
                raise ValueError(
                    _("%(n)s weights; allowed at most %(max)s")
                    % {"n": len(value), "max": MAX_LOADS_LISTED}
                )
            for i, w in enumerate(value, 1):
                if isinstance(w, bool) or not isinstance(w, int | float) or not math.isfinite(w):
                    raise ValueError(
                        _("weight %(i)s (%(value)s) is not a number") % {"i": i, "value": repr(w)}
                    )
                if not 0 < w <= MAX_OWN_LOAD:
                    raise ValueError(
                        _("weight %(i)s (%(value)s) is out of range; allowed above 0 up to %(max)s")
                        % {"i": i, "value": f"{w:g}", "max": f"{MAX_OWN_LOAD:g}"}
                    )
            return {"weights": tuple(sorted(set(value)))}
        if isinstance(value, dict) and "weights" in value:  # our internal name, not a key
            raise ValueError(_("give a list of weights, or from, to and step"))
        if not isinstance(value, dict | LoadsIn):
            raise ValueError(
                _("%(value)s is not a list of weights (e.g. [2, 4, 6]) or a range {from, to, step}")
                % {"value": repr(value)}
            )
        return value

    @model_validator(mode="after")
    def _whole_range(self) -> LoadsIn:
        if self.weights is not None:
            return self
        missing = [k for k, v in (("from", self.start), ("to", self.to), ("step", self.step))
                   if v is None]  # fmt: skip
        if missing:
            raise ValueError(
                _(
                    "a range needs from, to and step (missing: %(missing)s); or give a list of "
                    "weights"
                )
                % {"missing": ", ".join(missing)}
            )
        assert self.start is not None and self.to is not None and self.step is not None
        if self.to < self.start:
            raise ValueError(
                _("to (%(to)s) is lighter than from (%(start)s)")
                % {"to": f"{self.to:g}", "start": f"{self.start:g}"}
            )
        count = int((self.to - self.start) / self.step + 1e-9) + 1
        if count > MAX_LOADS_LISTED:
            raise ValueError(
                _(
                    "from %(start)s to %(to)s in steps of %(step)s gives %(count)s weights; "
                    "allowed at most %(max)s (use a larger step)"
                )
                % {
                    "start": f"{self.start:g}",
                    "to": f"{self.to:g}",
                    "step": f"{self.step:g}",
                    "count": count,
                    "max": MAX_LOADS_LISTED,
                }
            )
        return self

    def to_domain(self) -> tuple[float, ...] | dp.LoadRange:
        if self.weights is not None:
            return tuple(float(w) for w in self.weights)
        assert self.start is not None and self.to is not None and self.step is not None
        return dp.LoadRange(start=self.start, stop=self.to, step=self.step)

    @model_serializer(mode="plain")
    def as_document(self) -> list[float] | dict[str, float]:
        """The description as written in a profile (a list, or ``{from, to, step}``): what
        a stored profile keeps."""
        if self.weights is not None:
            return list(self.weights)
        assert self.start is not None and self.to is not None and self.step is not None
        return {"from": self.start, "to": self.to, "step": self.step}


Loads = Annotated[LoadsIn, WithJsonSchema(_LOADS_SCHEMA)]


class BarbellIn(Strict):
    """Her barbell: the empty bar and the lightest pair of plates (one plate's weight)."""

    bar: Annotated[float, Field(ge=1, le=100, description="The empty bar")]
    smallest_plate: Annotated[
        float, Field(ge=0.25, le=50, description="The lightest plate she has a pair of")
    ]
    heaviest: (
        Annotated[
            float, Field(gt=0, le=1000, description="The bar with every plate pair on, if limited")
        ]
        | None
    ) = None

    @model_validator(mode="after")
    def _order(self) -> BarbellIn:
        if self.heaviest is not None and self.heaviest < self.bar:
            raise ValueError(
                _("heaviest (%(heaviest)s) is lighter than the bar (%(bar)s)")
                % {"heaviest": f"{self.heaviest:g}", "bar": f"{self.bar:g}"}
            )
        return self


class MachineIn(Strict):
    """A weight stack: its first plate, the step between plates, and the heaviest."""

    step: Annotated[float, Field(ge=0.25, le=50)]
    first: Annotated[float, Field(gt=0, le=MAX_OWN_LOAD)] | None = None
    heaviest: Annotated[float, Field(gt=0, le=1000)] | None = None

    @model_validator(mode="after")
    def _order(self) -> MachineIn:
        first = self.step if self.first is None else self.first
        if self.heaviest is not None and self.heaviest < first:
            raise ValueError(
                _("heaviest (%(heaviest)s) is lighter than the first plate (%(first)s)")
                % {"heaviest": f"{self.heaviest:g}", "first": f"{first:g}"}
            )
        return self


class EquipmentDetailsIn(Strict):
    """The loads she owns (at home) or her gym has, in the profile's units (issue 14).

    What is left out keeps a typical gym's loads for that implement."""

    dumbbells: Loads | None = None
    kettlebells: Loads | None = None
    barbell: BarbellIn | None = None
    machine: MachineIn | None = None
    bands: Annotated[list[BandLevel], Field(min_length=1)] | None = None

    def to_domain(self) -> dp.EquipmentDetails:
        bar, stack = self.barbell, self.machine
        return dp.EquipmentDetails(
            dumbbells=self.dumbbells.to_domain() if self.dumbbells else None,
            kettlebells=self.kettlebells.to_domain() if self.kettlebells else None,
            barbell_bar=bar.bar if bar else None,
            barbell_smallest_plate=bar.smallest_plate if bar else None,
            barbell_max=bar.heaviest if bar else None,
            machine_first=stack.first if stack else None,
            machine_step=stack.step if stack else None,
            machine_max=stack.heaviest if stack else None,
            bands=tuple(b for b in BandLevel if b in self.bands) if self.bands else None,
        )


class ProfileIn(Strict):
    """A client profile, schema version 1. Everything but ``age`` and ``sex`` is optional."""

    schema_version: Literal[1] = 1
    name: Annotated[str, Field(min_length=1, max_length=120)] | None = None
    age: Annotated[int, Field(ge=18, le=110)]
    sex: Sex
    menopause: Menopause | None = None
    years_since_menopause: Annotated[float, Field(ge=0, le=70)] | None = None
    height_cm: Annotated[float, Field(ge=100, le=230)] | None = None
    baseline_height_cm: Annotated[float, Field(ge=100, le=230)] | None = None
    weight_kg: Annotated[float, Field(ge=25, le=300)] | None = None
    weight_lb: Annotated[float, Field(ge=55, le=661)] | None = None
    bone: BoneIn = Field(default_factory=BoneIn)
    fractures: list[FractureIn] = Field(default_factory=list, max_length=50)
    fracture_risk: list[FractureRiskIn] = Field(default_factory=list, max_length=50)
    falls_last_year: Annotated[int, Field(ge=0, le=100)] | None = None
    fall_with_injury_last_year: bool | None = None
    medications: list[Medication] = Field(default_factory=list)
    conditions: list[Condition] = Field(default_factory=list)
    symptoms: list[Symptom] = Field(default_factory=list)
    blood_pressure: BloodPressureIn | None = None
    parq_yes: list[Annotated[int, Field(ge=1, le=7)]] | None = None
    clearance: ClearanceIn = Field(default_factory=ClearanceIn)
    supervised: bool = False
    experience: Experience | None = None
    equipment: list[Equipment] | None = None
    equipment_details: EquipmentDetailsIn | None = None
    schedule: ScheduleIn = Field(default_factory=ScheduleIn)
    tests: TestsIn = Field(default_factory=TestsIn)
    strength: list[StrengthIn] = Field(default_factory=list, max_length=500)
    units: Units = Units.KG

    @model_validator(mode="after")
    def _consistent(self) -> ProfileIn:
        if self.weight_kg is not None and self.weight_lb is not None:
            raise ValueError(_("give weight_kg or weight_lb, not both"))
        if self.sex is Sex.MALE and self.menopause is not None:
            raise ValueError(_("menopause applies only to sex 'female'; remove it"))
        if self.years_since_menopause is not None:
            if self.menopause is not Menopause.POST:
                raise ValueError(
                    _(
                        "years_since_menopause is only used when menopause is 'post' "
                        "(menopause is %(menopause)s)"
                    )
                    % {"menopause": self.menopause.value if self.menopause else _("not given")}
                )
            if self.years_since_menopause > self.age - 25:
                raise ValueError(
                    _("years_since_menopause %(years)s is not possible at age %(age)s")
                    % {"years": f"{self.years_since_menopause:g}", "age": self.age}
                )
        return self


def _kg(kg: float | None, lb: float | None) -> float | None:
    if kg is not None:
        return kg
    return None if lb is None else lb_to_kg(lb)


def to_domain(p: ProfileIn) -> dp.ClientProfile:
    """Convert a validated profile into the engine's record (all masses in kg)."""
    bone = dp.Bone(
        lumbar_spine_t=p.bone.lumbar_spine_t,
        total_hip_t=p.bone.total_hip_t,
        femoral_neck_t=p.bone.femoral_neck_t,
        lumbar_spine_z=p.bone.lumbar_spine_z,
        total_hip_z=p.bone.total_hip_z,
        femoral_neck_z=p.bone.femoral_neck_z,
        scans=tuple(dp.BoneScan(**s.model_dump()) for s in p.bone.scans),
    )
    t = p.tests
    tests = dp.FunctionalTests(
        **t.model_dump(exclude={"sppb_parts"}),
        sppb_parts=dp.SppbParts(**t.sppb_parts.model_dump()) if t.sppb_parts else None,
    )
    strength = tuple(
        dp.StrengthSet(
            exercise=s.exercise,
            load_kg=_kg(s.load_kg, s.load_lb) or 0.0,
            reps=s.reps,
            rpe=s.rpe,
            rir=s.rir,
            date=s.date,
        )
        for s in p.strength
    )
    return dp.ClientProfile(
        name=p.name,
        age=p.age,
        sex=p.sex,
        menopause=p.menopause,
        years_since_menopause=p.years_since_menopause,
        height_cm=p.height_cm,
        baseline_height_cm=p.baseline_height_cm,
        weight_kg=_kg(p.weight_kg, p.weight_lb),
        bone=bone,
        fractures=tuple(dp.Fracture(**f.model_dump()) for f in p.fractures),
        fracture_risk=tuple(dp.FractureRisk(**r.model_dump()) for r in p.fracture_risk),
        falls_last_year=p.falls_last_year,
        fall_with_injury_last_year=p.fall_with_injury_last_year,
        medications=tuple(dict.fromkeys(p.medications)),
        conditions=tuple(dict.fromkeys(p.conditions)),
        symptoms=tuple(dict.fromkeys(p.symptoms)),
        blood_pressure=dp.BloodPressure(**p.blood_pressure.model_dump())
        if p.blood_pressure
        else None,
        parq_yes=tuple(sorted(set(p.parq_yes))) if p.parq_yes is not None else None,
        clearance=dp.Clearance(**p.clearance.model_dump()),
        supervised=p.supervised,
        experience=p.experience,
        equipment=tuple(dict.fromkeys(p.equipment)) if p.equipment is not None else None,
        equipment_details=p.equipment_details.to_domain() if p.equipment_details else None,
        schedule=dp.Schedule(
            resistance_days=p.schedule.resistance_days,
            minutes_per_session=p.schedule.minutes_per_session,
            start_date=p.schedule.start_date,
        ),
        tests=tests,
        strength=strength,
        units=p.units,
    )


# Titles and descriptions of every profile field come from the field registry (issue 17).
from .profile_fields import label_models  # noqa: E402

label_models(ProfileIn)
