"""Stateless engine endpoints: the CLI's commands over HTTP, answering exactly its JSON.

``POST /engine/plan`` with a profile answers what ``osteoload plan profile.json --format
json`` prints for the same profile and options (and the same for validate, screen, assess,
project, next, one-rm and dxa-change). Nothing is stored.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import BaseModel, ConfigDict, Field

from osteoload.domain.assessment import assess as assess_profile
from osteoload.domain.logs import RIR_RANGE, RPE_RANGE
from osteoload.domain.profile import ClientProfile
from osteoload.domain.projection import (
    MAX_MONTHS,
    MEDICATION_EFFECT,
    MIN_MONTHS,
    UNMODELLED_MEDICATIONS,
)
from osteoload.domain.serialize import jsonable
from osteoload.domain.vocabulary import Medication, ScannerMake, Site, Track, Units
from osteoload.services import clock
from osteoload.services.assessment import (
    assessment_document,
    dxa_change_document,
    project_profile,
    projection_document,
)
from osteoload.services.errors import InputError, Issue, did_you_mean
from osteoload.services.logs import SetRowIn, next_document, next_session, parse_log
from osteoload.services.one_rm import (
    LOAD_KG_MAX,
    LOAD_LB_MAX,
    REPS_RANGE,
    Implement,
    estimate,
    one_rm_document,
)
from osteoload.services.plans import (
    MAX_WEEKS,
    plan_program,
    program_document,
    program_start,
    screen_client,
    screening_document,
    with_display,
)
from osteoload.services.profile_schema import PRECISION_MAX_G_CM2, Bmd, ProfileIn
from osteoload.services.profiles import parse_profile

from .base import json_body, json_object, prefixed, read_json
from .params import Day, responses
from .schemas import DocumentOut

router = Router(tags=["engine"])

#: A short valid profile, shown in the docs and used as the first generated test input.
EXAMPLE_PROFILE: dict[str, Any] = {
    "schema_version": 1,
    "age": 63,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 12,
    "height_cm": 160,
    "weight_kg": 61,
    "bone": {"lumbar_spine_t": -2.6, "total_hip_t": -1.9, "femoral_neck_t": -2.2},
    "falls_last_year": 0,
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair", "step", "bands"],
    "schedule": {"resistance_days": 2, "minutes_per_session": 45},
}
EXAMPLE_LOG: list[dict[str, Any]] = [
    {"date": "2026-01-05", "exercise_id": "goblet_squat", "set": 1, "reps": 10, "load_kg": 8,
     "rpe": 7},
    {"date": "2026-01-05", "exercise_id": "goblet_squat", "set": 2, "reps": 10, "load_kg": 8,
     "rpe": 7.5},
]  # fmt: skip
PROFILE_BODY = json_body(
    ProfileIn, description="A client profile (profile.v1), as JSON", example=EXAMPLE_PROFILE
)
DOCUMENT = responses({200: DocumentOut})


def _profile(data: Any, *, prefix: str | None = None) -> ClientProfile:
    try:
        return parse_profile(data, today=clock.today())
    except InputError as exc:
        raise (prefixed(exc, prefix) if prefix else exc) from None


def _profile_body(request: HttpRequest) -> ClientProfile:
    return _profile(read_json(request))


@router.post("/validate", response=DOCUMENT, openapi_extra=PROFILE_BODY)
def validate(request: HttpRequest) -> dict[str, Any]:
    """Check a profile and answer it normalised, all masses in kg (``osteoload validate``)."""
    record = _profile_body(request)
    return {"schema_version": 1, **jsonable(record)}


@router.post("/screen", response=DOCUMENT, openapi_extra=PROFILE_BODY)
def screen(request: HttpRequest, as_of: Day | None = None) -> dict[str, Any]:
    """Screen a client: what she may do and who must sign off (``osteoload screen``)."""
    record = _profile_body(request)
    today = clock.today()
    return screening_document(
        screen_client(record, as_of=program_start(record, today=today, start=as_of))
    )


@router.post("/plan", response=DOCUMENT, openapi_extra=PROFILE_BODY)
def plan(
    request: HttpRequest,
    weeks: Annotated[int, Query(ge=1, le=MAX_WEEKS, description="Program length in weeks")] = 12,
    start: Day | None = None,
) -> dict[str, Any]:
    """Generate a week-by-week program (``osteoload plan``); nothing is stored."""
    record = _profile_body(request)
    program = plan_program(record, today=clock.today(), start=start, weeks=weeks)
    return with_display(program_document(program), record.units)


@router.post("/assess", response=DOCUMENT, openapi_extra=PROFILE_BODY)
def assess(request: HttpRequest, as_of: Day | None = None) -> dict[str, Any]:
    """Assess bone density, falls risk, tests, sarcopenia and height (``osteoload assess``)."""
    record = _profile_body(request)
    return assessment_document(assess_profile(record, as_of=as_of or clock.today()))


MODELLED = tuple(m.value for m in MEDICATION_EFFECT)


def _medication(value: str | None) -> Medication | None:
    if value is None:
        return None
    text = value.strip().lower()
    if text in {m.value for m in UNMODELLED_MEDICATIONS}:
        raise InputError(
            [
                Issue(
                    "medication",
                    f"{value!r} cannot be projected (no sourced first-year bone-density "
                    f"figures; glucocorticoids cause bone loss); allowed: {', '.join(MODELLED)}",
                    value,
                )
            ]
        )
    if text not in MODELLED:
        raise InputError(
            [
                Issue(
                    "medication",
                    f"{value!r} is not allowed; allowed: {', '.join(MODELLED)}"
                    f"{did_you_mean(text, MODELLED)}",
                    value,
                )
            ]
        )
    return Medication(text)


@router.post("/project", response=DOCUMENT, openapi_extra=PROFILE_BODY)
def project(
    request: HttpRequest,
    months: Annotated[
        int, Query(ge=MIN_MONTHS, le=MAX_MONTHS, description="Horizon in months")
    ] = 12,
    medication: Annotated[
        str | None,
        Query(
            max_length=40,
            description="Drug for the medication scenarios: "
            + ", ".join(MODELLED)
            + "; default the one she takes, else bisphosphonate",
        ),
    ] = None,
    track: Track = Track.STANDARD,
    as_of: Day | None = None,
) -> dict[str, Any]:
    """Project bone density and muscle under four scenarios, as ranges (``osteoload project``)."""
    drug = _medication(medication)
    record = _profile_body(request)
    bone, muscle = project_profile(
        record, months=months, medication=drug, track=track, as_of=as_of or clock.today()
    )
    return projection_document(bone, muscle)


@router.get("/one-rm", response=DOCUMENT)
def one_rm(
    request: HttpRequest,
    reps: Annotated[
        int, Query(ge=REPS_RANGE[0], le=REPS_RANGE[1], description="Reps completed in the set")
    ],
    load_kg: Annotated[
        float | None, Query(gt=0, le=LOAD_KG_MAX, description="Load lifted, kg (or load_lb)")
    ] = None,
    load_lb: Annotated[
        float | None, Query(gt=0, le=LOAD_LB_MAX, description="Load lifted, lb (or load_kg)")
    ] = None,
    rpe: Annotated[
        float | None,
        Query(ge=RPE_RANGE[0], le=RPE_RANGE[1], multiple_of=0.5, description="Effort (RPE)"),
    ] = None,
    rir: Annotated[
        float | None,
        Query(ge=RIR_RANGE[0], le=RIR_RANGE[1], multiple_of=0.5, description="Reps in reserve"),
    ] = None,
    unit: Annotated[Units | None, Query(description="Units to show loads in")] = None,
    implement: Implement = Implement.BARBELL,
) -> dict[str, Any]:
    """Estimate the working 1RM from one set and the loads for 60-85 % (``osteoload one-rm``)."""
    result = estimate(
        reps=reps, load_kg=load_kg, load_lb=load_lb, rpe=rpe, rir=rir, unit=unit,
        implement=implement,
    )  # fmt: skip
    return one_rm_document(result)


@router.get("/dxa-change", response=DOCUMENT)
def dxa_change(
    request: HttpRequest,
    site: Site,
    baseline: Annotated[Bmd, Query(description="Earlier scan, g/cm2")],
    followup: Annotated[Bmd, Query(description="Later scan, g/cm2")],
    precision_g_cm2: Annotated[
        float | None,
        Query(gt=0, le=PRECISION_MAX_G_CM2, description="The centre's precision (RMS-SD)"),
    ] = None,
    baseline_scanner: ScannerMake | None = None,
    followup_scanner: ScannerMake | None = None,
) -> dict[str, Any]:
    """Is a change between two scans real or measurement error? (``osteoload dxa-change``)"""
    _change, document = dxa_change_document(
        site=site,
        baseline_g_cm2=baseline,
        followup_g_cm2=followup,
        precision_g_cm2=precision_g_cm2,
        baseline_scanner=baseline_scanner,
        followup_scanner=followup_scanner,
    )
    return document


class JsonLogIn(BaseModel):
    """An osteoload JSON log: ``{"schema_version": 1, "sets": [...]}``."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    sets: list[SetRowIn]


class NextIn(BaseModel):
    """A profile and what she logged."""

    model_config = ConfigDict(extra="forbid")
    profile: ProfileIn
    log: list[SetRowIn] | JsonLogIn | str = Field(
        description="Her session log: a JSON log (a list of sets, or an object with 'sets'), "
        "or the text of a CSV log (ours, or a Strong or Hevy export)"
    )


@router.post(
    "/next",
    response=DOCUMENT,
    openapi_extra=json_body(NextIn, example={"profile": EXAMPLE_PROFILE, "log": EXAMPLE_LOG}),
)
def next_prescriptions(
    request: HttpRequest,
    as_of: Day | None = None,
    start: Day | None = None,
    weight_unit: Annotated[
        Units | None,
        Query(description="Unit of the weights of a Strong export; default the profile's"),
    ] = None,
) -> dict[str, Any]:
    """The next prescription of every exercise from the program and the log (``osteoload
    next``)."""
    body = json_object(read_json(request))
    unknown = sorted(set(body) - {"profile", "log"})
    issues = [
        Issue(
            k,
            _("unknown field; allowed: %(allowed)s%(hint)s")
            % {"allowed": "log, profile", "hint": did_you_mean(k, ("log", "profile"))},
        )
        for k in unknown
    ] + [Issue(k, _("is required")) for k in ("profile", "log") if k not in body]
    if issues:
        raise InputError(issues)
    record = _profile(body["profile"], prefix="profile")
    log = body["log"]
    today = clock.today()
    if isinstance(log, str):
        entries = parse_log(log, source="log", today=today, weight_unit=weight_unit or record.units)
    elif isinstance(log, list | dict):
        entries = parse_log(json.dumps(log), source="log", today=today, as_json=True)
    else:
        raise InputError([Issue("log", _("expected a JSON log (a list or an object) or CSV text"))])
    session = next_session(record, entries, as_of=as_of or today, start=start)
    return next_document(session, entries)
