"""One client's record as a FHIR R4 ``Bundle`` (type ``collection``) for a doctor's system.

The bundle is built from the engine's records: the :class:`ClientProfile` (intake, recorded
tests and scans), the program (a stored assigned one, or the one ``osteoload plan`` would
generate from a profile file) and her logged sets. It holds:

* ``Patient``: only what the clinic holds: her name if recorded, sex, and a birth year
  worked out from her age (the profile has no birth date).
* ``Observation``: DXA bone density, T- and Z-scores per site and scan (LOINC where a term
  for that site exists; body site; the scanner as a ``Device``), functional tests, height,
  weight, and adherence per 4 weeks of the program.
* ``Condition``: osteoporosis or low bone mass from the engine's bone category (R27), and
  each fracture with its onset date.
* ``MedicationStatement``: her bone medicines as listed in her profile.
* ``CarePlan``: the program's activities (what, how often, the dose in the wording layer's
  print words) and its status: ``active``, ``on-hold`` while suspended (R32, R32a),
  ``completed`` after its last session.

Every code and where it comes from is listed in ``docs/fhir.md``; codes not taken from LOINC
or SNOMED CT are osteoload's own, under :data:`LOCAL`. The bundle is validated against the
``fhir.resources`` R4B models (the R4-compatible release) before it is returned.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

from osteoload.domain.assessment import ScoreBasis, classify_bone
from osteoload.domain.logs import SetLog
from osteoload.domain.profile import BoneScan, ClientProfile, Fracture, FunctionalTests
from osteoload.domain.program import Program, ProgramItem
from osteoload.domain.stop_rules import report_decision, screening_decision
from osteoload.domain.vocabulary import (
    BoneCategory,
    FractureSite,
    Medication,
    ScannerMake,
    Site,
    Symptom,
    Units,
)
from osteoload.wording import Audience
from osteoload.wording.dose import dose_text

FHIR_JSON = "application/fhir+json"

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY = "http://terminology.hl7.org/CodeSystem/condition-category"

LOCAL = "urn:osteoload:fhir:codes"
"""The prefix of osteoload's own code systems (``docs/fhir.md`` lists every code)."""
LOCAL_SITE = f"{LOCAL}:site"
LOCAL_OBSERVATION = f"{LOCAL}:observation"
LOCAL_TEST = f"{LOCAL}:functional-test"
LOCAL_CONDITION = f"{LOCAL}:condition"
LOCAL_FRACTURE_SITE = f"{LOCAL}:fracture-site"
LOCAL_MEDICATION = f"{LOCAL}:medication"
LOCAL_EXERCISE = f"{LOCAL}:exercise"
LOCAL_DEVICE = f"{LOCAL}:device"
LOCAL_PROGRAM_STATUS = f"{LOCAL}:program-status"

#: The uuid namespace of the bundle's ``urn:uuid`` identities (stable from one export to
#: the next for the same client and record).
_NAMESPACE = uuid.UUID("6f0b1c1e-3a52-5c8e-9d1a-0f5e2b7c4a90")

#: LOINC terms for DXA per site (BMD g/cm2, T-score, Z-score). LOINC has no term for the
#: femoral neck alone (its "Femur" terms name the whole femur), so the femoral neck has a
#: local code.
DXA_LOINC: dict[Site, tuple[tuple[str, str], tuple[str, str], tuple[str, str]]] = {
    Site.LUMBAR_SPINE: (
        ("24966-4", "DXA Lumbar spine [Mass/Area] Bone density"),
        ("38267-1", "DXA Lumbar spine [T-score] Bone density"),
        ("85394-5", "DXA Lumbar spine [Z-score] Bone density"),
    ),
    Site.TOTAL_HIP: (
        ("38261-4", "DXA Hip [Mass/Area] Bone density"),
        ("38264-8", "DXA Hip [T-score] Bone density"),
        ("80933-5", "DXA Hip [Z-score] Bone density"),
    ),
    Site.FOREARM: (
        ("24890-6", "DXA Radius and Ulna [Mass/Area] Bone density"),
        ("38265-5", "DXA Radius and Ulna [T-score] Bone density"),
        ("80932-7", "DXA Radius and Ulna [Z-score] Bone density"),
    ),
}
SITE_NAMES = {
    Site.LUMBAR_SPINE: "Lumbar spine",
    Site.FEMORAL_NECK: "Femoral neck",
    Site.TOTAL_HIP: "Total hip",
    Site.FOREARM: "Forearm (radius and ulna)",
}
_KIND_NAMES = {"bmd": "bone mineral density", "t": "T-score", "z": "Z-score"}
_KIND_UNITS = {
    "bmd": ("g/cm2", "g/cm2"),
    "t": ("T-score", "{T-score}"),
    "z": ("Z-score", "{Z-score}"),
}

HEIGHT = ("8302-2", "Body height")
WEIGHT = ("29463-7", "Body weight")

#: Functional tests: (profile field, local code, name, unit shown, UCUM code). No LOINC
#: term is used: see docs/fhir.md.
TESTS: tuple[tuple[str, str, str, str, str], ...] = (
    ("tug_s", "tug", "Timed Up and Go", "s", "s"),
    ("chair_stand_30s", "chair_stand_30s", "30-second chair stand", "stands", "{stands}"),
    ("five_sts_s", "five_times_sit_to_stand", "Five times sit-to-stand", "s", "s"),
    ("single_leg_stance_s", "single_leg_stance", "Single-leg stance", "s", "s"),
    ("gait_speed_m_s", "gait_speed", "Usual gait speed", "m/s", "m/s"),
    ("grip_kg", "grip_strength", "Grip strength", "kg", "kg"),
    ("sppb", "sppb", "Short Physical Performance Battery score", "score", "{score}"),
)

OSTEOPOROSIS = ("64859006", "Osteoporosis (disorder)")
OSTEOPENIA = ("312894000", "Osteopenia (disorder)")
FRACTURE = ("125605004", "Fracture of bone (disorder)")

MEDICATION_NAMES = {
    Medication.BISPHOSPHONATE: "Bisphosphonate",
    Medication.DENOSUMAB: "Denosumab",
    Medication.TERIPARATIDE: "Teriparatide",
    Medication.ABALOPARATIDE: "Abaloparatide",
    Medication.ROMOSOZUMAB: "Romosozumab",
    Medication.HRT: "Menopausal hormone therapy",
    Medication.SERM: "Selective estrogen receptor modulator",
    Medication.GLUCOCORTICOID: "Glucocorticoid",
}
FRACTURE_NAMES = {
    FractureSite.VERTEBRA: "Vertebra",
    FractureSite.HIP: "Hip",
    FractureSite.WRIST: "Wrist",
    FractureSite.HUMERUS: "Humerus",
    FractureSite.PELVIS: "Pelvis",
    FractureSite.RIB: "Rib",
    FractureSite.ANKLE: "Ankle",
    FractureSite.OTHER: "Other site",
}
MANUFACTURERS = {ScannerMake.HOLOGIC: "Hologic", ScannerMake.LUNAR: "GE HealthCare (Lunar)"}

#: Adherence is counted over blocks of this many days from the program's start, as the
#: coach's roster counts its last 4 weeks.
ADHERENCE_BLOCK_DAYS = 28


@dataclass(frozen=True, slots=True, kw_only=True)
class BundleInput:
    """What the bundle is built from."""

    key: str
    """Stable identity of the client for the bundle's uuids (``client-12``, a file name)."""
    profile: ClientProfile
    today: date
    tests: Sequence[FunctionalTests] = ()
    """Every functional test record, oldest first (intake and recorded); empty: the
    profile's ``tests``."""
    program: Program | None = None
    suspended: bool = False
    """Her program is suspended (R32, R32a)."""
    log: Sequence[SetLog] = ()


# --- small builders --------------------------------------------------------------------------


def _coding(system: str, code: str, display: str | None = None) -> dict[str, Any]:
    out = {"system": system, "code": code}
    if display:
        out["display"] = display
    return out


def _concept(*codings: dict[str, Any], text: str | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {"coding": list(codings)}
    if text:
        out["text"] = text
    return out


def _quantity(value: float, unit: str, code: str) -> dict[str, Any]:
    return {"value": value, "unit": unit, "system": UCUM, "code": code}


def _category(code: str, display: str) -> list[dict[str, Any]]:
    return [_concept(_coding(OBSERVATION_CATEGORY, code, display))]


class _Builder:
    def __init__(self, data: BundleInput) -> None:
        self.data = data
        self.entries: list[dict[str, Any]] = []
        self.patient_ref = self.urn("patient")
        self.devices: dict[ScannerMake, str] = {}

    def urn(self, name: str) -> str:
        return f"urn:uuid:{uuid.uuid5(_NAMESPACE, f'{self.data.key}/{name}')}"

    def add(self, name: str, resource: dict[str, Any]) -> str:
        url = self.urn(name)
        self.entries.append({"fullUrl": url, "resource": resource})
        return url

    def subject(self) -> dict[str, Any]:
        return {"reference": self.patient_ref}

    def observation(
        self,
        name: str,
        code: dict[str, Any],
        value: dict[str, Any],
        *,
        category: list[dict[str, Any]],
        when: date | None = None,
        **extra: Any,
    ) -> None:
        resource: dict[str, Any] = {
            "resourceType": "Observation",
            "status": "final",
            "category": category,
            "code": code,
            "subject": self.subject(),
            **({"effectiveDateTime": when.isoformat()} if when else {}),
            "valueQuantity": value,
            **extra,
        }
        self.add(name, resource)


# --- the resources ---------------------------------------------------------------------------


def _patient(b: _Builder) -> None:
    p = b.data.profile
    resource: dict[str, Any] = {
        "resourceType": "Patient",
        "gender": p.sex.value,
        # the profile holds her age, not her birth date: her birth year if her birthday
        # has passed this year, else one year late (docs/fhir.md)
        "birthDate": str(b.data.today.year - p.age),
    }
    if p.name:
        resource["name"] = [{"text": p.name}]
    b.entries.append({"fullUrl": b.patient_ref, "resource": resource})


def _body_measures(b: _Builder) -> None:
    p = b.data.profile
    vital = _category("vital-signs", "Vital Signs")
    when = None  # the profile does not say when she was measured
    if p.height_cm is not None:
        code = _concept(_coding(LOINC, *HEIGHT), text="Height")
        b.observation("height", code, _quantity(p.height_cm, "cm", "cm"), category=vital, when=when)
    if p.weight_kg is not None:
        code = _concept(_coding(LOINC, *WEIGHT), text="Weight")
        b.observation("weight", code, _quantity(p.weight_kg, "kg", "kg"), category=vital, when=when)


def _site(site: Site) -> dict[str, Any]:
    return _concept(_coding(LOCAL_SITE, site.value, SITE_NAMES[site]), text=SITE_NAMES[site])


def _dxa_code(site: Site, kind: str) -> dict[str, Any]:
    index = {"bmd": 0, "t": 1, "z": 2}[kind]
    text = f"DXA {SITE_NAMES[site]} {_KIND_NAMES[kind]}"
    if site in DXA_LOINC:
        return _concept(_coding(LOINC, *DXA_LOINC[site][index]), text=text)
    return _concept(_coding(LOCAL_OBSERVATION, f"dxa_{site.value}_{kind}", text), text=text)


def _device(b: _Builder, make: ScannerMake) -> str:
    if make not in b.devices:
        name = MANUFACTURERS.get(make, "DXA scanner")
        resource: dict[str, Any] = {
            "resourceType": "Device",
            "type": _concept(_coding(LOCAL_DEVICE, "dxa_scanner", "DXA scanner")),
            "deviceName": [{"name": f"{name} DXA scanner", "type": "user-friendly-name"}],
        }
        if make in MANUFACTURERS:
            resource["manufacturer"] = MANUFACTURERS[make]
        b.devices[make] = b.add(f"device/{make.value}", resource)
    return b.devices[make]


def _scans(b: _Builder) -> None:
    bone = b.data.profile.bone
    imaging = _category("imaging", "Imaging")
    with_t: set[Site] = set()
    with_z: set[Site] = set()
    for n, scan in enumerate(bone.scans):
        extra: dict[str, Any] = {"bodySite": _site(scan.site)}
        if scan.scanner is not None:
            extra["device"] = {"reference": _device(b, scan.scanner)}
        for kind, value in _scan_values(scan):
            unit, ucum = _KIND_UNITS[kind]
            b.observation(
                f"scan/{n}/{kind}",
                _dxa_code(scan.site, kind),
                _quantity(value, unit, ucum),
                category=imaging,
                when=scan.date,
                **extra,
            )
        if scan.t_score is not None:
            with_t.add(scan.site)
        if scan.z_score is not None:
            with_z.add(scan.site)
    # Scores reported without a scan record (the intake's T- and Z-scores): undated.
    for kind, scores, covered in (("t", bone.t_scores, with_t), ("z", bone.z_scores, with_z)):
        unit, ucum = _KIND_UNITS[kind]
        for site, value in scores.items():
            if site in covered:
                continue
            b.observation(
                f"reported/{site.value}/{kind}",
                _dxa_code(site, kind),
                _quantity(value, unit, ucum),
                category=imaging,
                bodySite=_site(site),
                note=[{"text": "Reported at intake; the scan date was not given."}],
            )


def _scan_values(scan: BoneScan) -> list[tuple[str, float]]:
    values = (("bmd", scan.bmd_g_cm2), ("t", scan.t_score), ("z", scan.z_score))
    return [(kind, v) for kind, v in values if v is not None]


def _functional_tests(b: _Builder) -> None:
    exam = _category("exam", "Exam")
    records = list(b.data.tests) or [b.data.profile.tests]
    for n, tests in enumerate(records):
        for field_name, code, name, unit, ucum in TESTS:
            value = getattr(tests, field_name)
            if value is None:
                continue
            b.observation(
                f"tests/{n}/{code}",
                _concept(_coding(LOCAL_TEST, code, name), text=name),
                _quantity(value, unit, ucum),
                category=exam,
                when=tests.date,
            )


def _bone_condition(b: _Builder) -> None:
    status = classify_bone(b.data.profile)
    category = status.category
    if category in (BoneCategory.OSTEOPOROSIS, BoneCategory.SEVERE_OSTEOPOROSIS):
        text = (
            "Severe (established) osteoporosis"
            if category is BoneCategory.SEVERE_OSTEOPOROSIS
            else "Osteoporosis"
        )
        code = _concept(
            _coding(SNOMED, *OSTEOPOROSIS),
            _coding(LOCAL_CONDITION, category.value, text),
            text=text,
        )
    elif category is BoneCategory.LOW_BONE_MASS and status.basis is ScoreBasis.T_SCORE:
        text = "Low bone mass (osteopenia)"
        code = _concept(
            _coding(SNOMED, *OSTEOPENIA), _coding(LOCAL_CONDITION, category.value, text), text=text
        )
    elif category is BoneCategory.LOW_BONE_MASS:
        # judged by Z-score (before menopause, men under 50): not osteopenia
        text = "Bone density below the expected range for age"
        code = _concept(_coding(LOCAL_CONDITION, "low_bone_mass_for_age", text), text=text)
    else:
        return
    b.add(
        "condition/bone",
        {
            "resourceType": "Condition",
            "clinicalStatus": _concept(_coding(CONDITION_CLINICAL, "active", "Active")),
            "verificationStatus": _concept(
                _coding(CONDITION_VERIFICATION, "provisional", "Provisional")
            ),
            "category": [
                _concept(_coding(CONDITION_CATEGORY, "problem-list-item", "Problem List Item"))
            ],
            "code": code,
            "subject": b.subject(),
            "note": [
                {
                    "text": "Classified by osteoload from the recorded bone density (R27, WHO "
                    "categories); to be confirmed by her doctor."
                }
            ],
        },
    )


def _fractures(b: _Builder) -> None:
    for n, fracture in enumerate(b.data.profile.fractures):
        site = FRACTURE_NAMES[fracture.site]
        resource: dict[str, Any] = {
            "resourceType": "Condition",
            "code": _concept(
                _coding(SNOMED, *FRACTURE),
                text=f"Fracture: {site.lower()}" + _trauma_words(fracture),
            ),
            "bodySite": [
                _concept(_coding(LOCAL_FRACTURE_SITE, fracture.site.value, site), text=site)
            ],
            "subject": b.subject(),
        }
        if fracture.date is not None:
            resource["onsetDateTime"] = fracture.date.isoformat()
        elif fracture.year is not None:
            resource["onsetDateTime"] = str(fracture.year)
        b.add(f"condition/fracture/{n}", resource)


def _trauma_words(fracture: Fracture) -> str:
    if fracture.low_trauma is None:
        return " (cause not recorded)"
    return " (low trauma)" if fracture.low_trauma else " (high trauma)"


def _medications(b: _Builder) -> None:
    for medication in b.data.profile.medications:
        name = MEDICATION_NAMES[medication]
        b.add(
            f"medication/{medication.value}",
            {
                "resourceType": "MedicationStatement",
                "status": "active",
                "medicationCodeableConcept": _concept(
                    _coding(LOCAL_MEDICATION, medication.value, name), text=name
                ),
                "subject": b.subject(),
                "note": [{"text": "Listed in her profile as a current medicine."}],
            },
        )


# --- the program -----------------------------------------------------------------------------


def _last_day(program: Program) -> date | None:
    days = [s.date for w in program.weeks for s in w.sessions]
    return max(days) if days else None


def care_plan_status(program: Program, *, today: date, suspended: bool) -> str:
    """``on-hold`` while suspended (R32, R32a), ``completed`` after the last session, else
    ``active``."""
    if suspended:
        return "on-hold"
    last = _last_day(program)
    if last is not None and today > last:
        return "completed"
    return "active"


def _current_week(program: Program, today: date) -> int:
    """The index of the program week holding ``today`` (the first before it starts, the last
    after it ends)."""
    index = (today - program.start).days // 7
    return max(0, min(len(program.weeks) - 1, index))


def _activities(
    program: Program, *, today: date, status: str, units: Units
) -> tuple[list[dict[str, Any]], str | None]:
    """One activity per exercise of the current week: what, how many sessions a week, and
    the dose of its first session that week in the wording layer's print words."""
    if not program.weeks:
        return [], None
    week = program.weeks[_current_week(program, today)]
    first: dict[str, ProgramItem] = {}
    sessions: dict[str, int] = {}
    for session in week.sessions:
        for item_id in dict.fromkeys(i.exercise_id for i in session.items):
            sessions[item_id] = sessions.get(item_id, 0) + 1
        for item in session.items:
            first.setdefault(item.exercise_id, item)
    last = _last_day(program)
    if today < program.start:
        detail_status = "not-started"
    else:
        detail_status = {"on-hold": "on-hold", "completed": "completed"}.get(status, "in-progress")
    activities = []
    for exercise_id, item in first.items():
        timing: dict[str, Any] = {
            "repeat": {"frequency": sessions[exercise_id], "period": 1, "periodUnit": "wk"}
        }
        if last is not None:
            timing["repeat"]["boundsPeriod"] = {
                "start": program.start.isoformat(),
                "end": last.isoformat(),
            }
        activities.append(
            {
                "detail": {
                    "code": _concept(
                        _coding(LOCAL_EXERCISE, exercise_id, item.name), text=item.name
                    ),
                    "status": detail_status,
                    "scheduledTiming": timing,
                    "description": dose_text(item, units, Audience.PRINT),
                }
            }
        )
    return activities, f"week {week.week} ({week.phase.value})"


def _care_plan(b: _Builder) -> None:
    program = b.data.program
    if program is None:
        return
    status = care_plan_status(program, today=b.data.today, suspended=b.data.suspended)
    activities, week = _activities(
        program, today=b.data.today, status=status, units=b.data.profile.units
    )
    description = f"osteoload program of {len(program.weeks)} weeks, status {program.status}"
    if week:
        description += f"; activities and doses of {week}"
    resource: dict[str, Any] = {
        "resourceType": "CarePlan",
        "status": status,
        "intent": "plan",
        "category": [
            _concept(
                _coding(LOCAL_PROGRAM_STATUS, program.status.value, program.status.value),
                text="Bone-health exercise program",
            )
        ],
        "title": "Bone-health exercise program",
        "description": description + ".",
        "subject": b.subject(),
        "period": {"start": program.start.isoformat()},
    }
    last = _last_day(program)
    if last is not None:
        resource["period"]["end"] = last.isoformat()
    if activities:
        resource["activity"] = activities
    b.add("careplan", resource)


@dataclass(frozen=True, slots=True)
class AdherenceBlock:
    """Planned session days in one block of 4 weeks and how many had a logged set."""

    start: date
    end: date
    planned: int
    done: int

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned)


def adherence_blocks(
    program: Program, log: Sequence[SetLog], *, today: date
) -> list[AdherenceBlock]:
    """Per 4 weeks from the program's start, up to the day before ``today``: planned session
    days and those with a set logged that day (the roster's measure)."""
    planned_days = sorted({s.date for w in program.weeks for s in w.sessions if s.date < today})
    logged = {s.date for s in log}
    blocks: list[AdherenceBlock] = []
    start = program.start
    while planned_days and start <= planned_days[-1]:
        end = start + timedelta(days=ADHERENCE_BLOCK_DAYS - 1)
        days = [d for d in planned_days if start <= d <= end]
        if days:
            done = sum(1 for d in days if d in logged)
            blocks.append(AdherenceBlock(start, end, len(days), done))
        start = end + timedelta(days=1)
    return blocks


def _adherence(b: _Builder) -> None:
    program = b.data.program
    if program is None:
        return
    code = _concept(
        _coding(LOCAL_OBSERVATION, "adherence_4_weeks", "Program adherence over 4 weeks"),
        text="Program adherence over 4 weeks",
    )
    for block in adherence_blocks(program, b.data.log, today=b.data.today):
        components = [
            {
                "code": _concept(_coding(LOCAL_OBSERVATION, code_, text), text=text),
                "valueQuantity": _quantity(value, "sessions", "{sessions}"),
            }
            for code_, text, value in (
                ("sessions_planned", "Planned sessions", block.planned),
                ("sessions_done", "Planned sessions with training logged", block.done),
            )
        ]
        b.add(
            f"adherence/{block.start.isoformat()}",
            {
                "resourceType": "Observation",
                "status": "final",
                "category": _category("activity", "Activity"),
                "code": code,
                "subject": b.subject(),
                "effectivePeriod": {"start": block.start.isoformat(), "end": block.end.isoformat()},
                "valueQuantity": _quantity(block.percent, "%", "%"),
                "component": components,
            },
        )


# --- the bundle ------------------------------------------------------------------------------


def build_bundle(data: BundleInput) -> dict[str, Any]:
    """The client's record as a FHIR R4 ``Bundle`` of type ``collection`` (JSON-ready),
    validated with the ``fhir.resources`` R4B models."""
    b = _Builder(data)
    _patient(b)
    _body_measures(b)
    _scans(b)
    _functional_tests(b)
    _bone_condition(b)
    _fractures(b)
    _medications(b)
    _care_plan(b)
    _adherence(b)
    bundle = {
        "resourceType": "Bundle",
        "identifier": {"system": f"{LOCAL}:bundle", "value": b.urn("bundle")},
        "type": "collection",
        "timestamp": f"{data.today.isoformat()}T00:00:00Z",
        "entry": b.entries,
    }
    validate(bundle)
    return bundle


def validate(bundle: dict[str, Any]) -> None:
    """Raise ``pydantic.ValidationError`` unless ``bundle`` is a valid R4 (R4B) Bundle."""
    from fhir.resources.R4B.bundle import Bundle

    Bundle.model_validate(bundle)


def file_suspended(
    profile: ClientProfile, program: Program, log: Sequence[SetLog], *, today: date
) -> bool:
    """Without a database: is her program suspended? When her log reports a stop-rule
    symptom (R32) or the screening of her profile stops it (R32a)."""
    symptoms: set[Symptom] = {x for s in log for x in s.symptoms}
    if report_decision(symptoms, reported_on=today).suspend:
        return True
    return screening_decision(profile, program.screening, as_of=today).suspend


def tests_from_values(day: date, values: dict[str, Any]) -> FunctionalTests:
    """A stored functional-test record (validated when recorded) as the engine's record."""
    simple = {f.name for f in fields(FunctionalTests)} - {"date", "sppb_parts"}
    return FunctionalTests(date=day, **{k: v for k, v in values.items() if k in simple})


# --- front doors -----------------------------------------------------------------------------


def bundle_from_files(
    profile: ClientProfile, log: Sequence[SetLog], *, today: date, key: str
) -> dict[str, Any]:
    """The bundle from a profile file and an optional log, without a database: the program
    is the one ``osteoload next`` regenerates for this profile and log (starting on the
    profile's start date, or the Monday of the first logged session)."""
    from .logs import program_start_for_log
    from .plans import MAX_WEEKS, plan_program

    first, _ = program_start_for_log(profile, log, as_of=today)
    weeks = min(MAX_WEEKS, max(12, (today - first).days // 7 + 1))
    program = plan_program(profile, today=today, start=first, weeks=weeks)
    return build_bundle(
        BundleInput(
            key=key,
            profile=profile,
            today=today,
            program=program,
            suspended=file_suspended(profile, program, log, today=today),
            log=log,
        )
    )


def client_bundle(user: Any, client_id: int, *, today: date, via: str = "") -> dict[str, Any]:
    """A stored client's bundle; her coach or the client herself (else ``NotFound``). The
    export is written to the audit log."""
    from .access import client_for

    return _stored_bundle(client_for(user, client_id).pk, today=today, actor=user, via=via)


def operator_bundle(client_id: int, *, today: date) -> dict[str, Any]:
    """A stored client's bundle for ``osteoload export-fhir --client`` (the server's
    operator, who holds the database); ``NotFound`` when there is no such client."""
    from django.contrib.auth.models import AnonymousUser

    from osteoload.store.models import Client

    from .access import NotFound

    if not Client.objects.filter(pk=client_id).exists():
        raise NotFound
    return _stored_bundle(client_id, today=today, actor=AnonymousUser(), via="cli")


def _stored_bundle(client_id: int, *, today: date, actor: Any, via: str) -> dict[str, Any]:
    from osteoload.store.models import Client

    from . import audit
    from .clients import client_profile
    from .coaching import stored_log, stored_program
    from .profiles import stored_profile

    client = Client.objects.get(pk=client_id)
    profile = client_profile(client, today=today)
    intake = stored_profile(dict(client.profile)).tests  # as stored (issue 16 item 9)
    tests = [] if intake.is_empty() else [intake]
    tests += [
        tests_from_values(r.date, r.values) for r in client.test_records.order_by("date", "id")
    ]
    record = client.programs.filter(assigned=True).first()
    bundle = build_bundle(
        BundleInput(
            key=f"client-{client.pk}",
            profile=profile,
            today=today,
            tests=tests,
            program=stored_program(record) if record is not None else None,
            suspended=client.paused,
            log=stored_log(client),
        )
    )
    audit.record(
        actor, audit.Action.EXPORT, client_id=client.pk, object_type="client",
        object_id=client.pk, summary="FHIR bundle exported", via=via,
    )  # fmt: skip
    return bundle
