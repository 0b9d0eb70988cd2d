"""A coach's clients and everything recorded about them: profiles, programs, logged sets,
symptoms, functional tests, DXA scans, progress; export, import and erasure.

Who may do what (checked in this order): no credentials 401; a role that may not do it 403
(coach-only writes such as tests and scans; client-only writes such as logging a set);
another user's client or record 404. Every read or change of a client's record is written
to the audit log.
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from osteoload.domain.vocabulary import Units
from osteoload.services import (
    audit,
    client_programs,
    clients,
    clock,
    coaching,
    export,
    fhir,
    next_ahead,
    progress,
    training_log,
    versions,
)
from osteoload.services.errors import InputError, Issue
from osteoload.services.logs import SetRowIn
from osteoload.services.profile_schema import ProfileIn, ScanIn, TestsIn
from osteoload.services.shapes import (
    ClientOut,
    FunctionalTestOut,
    ProgramSummaryOut,
    ScanOut,
    SetOut,
)
from osteoload.services.training_log import SetEntryIn, SymptomsIn

from . import auth
from .base import json_body, json_object, prefixed, read_body, read_json
from .engine import EXAMPLE_PROFILE
from .params import Day, responses
from .schemas import (
    ClientPage,
    ConflictOut,
    DocumentOut,
    ErasedOut,
    ErrorOut,
    FunctionalTestPage,
    GenerateIn,
    Id,
    IdsOut,
    ImportOut,
    PageQuery,
    ProgramDocumentOut,
    ProgramPage,
    ScanPage,
    SetBatchIn,
    SetPage,
    SymptomsOut,
)

router = Router(tags=["clients"])

EXAMPLE_SET = {
    "date": "2026-01-05", "exercise_id": "goblet_squat", "set_number": 1, "reps": 10,
    "load_kg": 8, "rpe": 7, "pain": 0,
}  # fmt: skip
Action = audit.Action


def _audit(
    request: HttpRequest,
    action: audit.Action,
    client_id: int,
    object_type: str,
    object_id: int | None = None,
    summary: str = "",
    *,
    owner_id: int | None = None,
) -> None:
    audit.record(
        auth.caller(request), action, client_id=client_id, object_type=object_type,
        object_id=object_id, summary=summary, via=auth.via(request), owner_id=owner_id,
    )  # fmt: skip


def _if_match(request: HttpRequest) -> int | None:
    """The version the caller changes, from ``If-Match``: ``"3"``, ``W/"3"`` or ``3``; none
    (or ``*``) means "whatever is stored" (the last write wins)."""
    value = request.headers.get("If-Match")
    if value is None or value.strip() == "*":
        return None
    text = value.strip().removeprefix("W/").strip('"')
    return versions.parse(text, field="If-Match")


#: Documents the If-Match header of the operations that change a versioned record.
IF_MATCH: dict[str, Any] = {
    "parameters": [
        {
            "in": "header",
            "name": "If-Match",
            "required": False,
            "schema": {"type": "string"},
            "description": 'The record\'s `version` as read (e.g. "3"): the change is made '
            "only if it is still the stored version, else 409 and nothing is written. "
            "Without it the last write wins.",
        }
    ]
}


def _page(page: export.Page) -> dict[str, Any]:
    return {
        "count": page.count,
        "offset": page.offset,
        "limit": page.limit,
        "server_time": page.server_time,
        "items": page.items,
    }


# --- clients ---------------------------------------------------------------------------------


@router.get("/clients", response=responses({200: ClientPage}))
def list_clients(request: HttpRequest, page: Query[PageQuery]) -> dict[str, Any]:
    """The coach's clients (coaches only)."""
    coach = auth.coach(request)
    return _page(
        export.clients_page(
            coach, updated_since=page.updated_since, offset=page.offset, limit=page.limit
        )
    )


@router.post("/clients", response=responses({201: ClientOut}), openapi_extra=json_body(ProfileIn))
def create_client(request: HttpRequest) -> Status[ClientOut]:
    """Intake: add a client from her profile (coaches only; the same checks as the CLI)."""
    coach = auth.coach(request)
    client_id = clients.create_client(coach, read_json(request), today=clock.today())
    _audit(request, Action.CREATE, client_id, "client", client_id, "client added")
    return Status(201, export.client_record(coach, client_id))


@router.get("/clients/{client_id}", response=responses({200: ClientOut}, path=True))
def get_client(request: HttpRequest, client_id: Id) -> ClientOut:
    """One client with her profile (her coach, or the client herself)."""
    record = export.client_record(auth.caller(request), client_id)
    _audit(request, Action.VIEW, client_id, "client", client_id, "viewed the profile")
    return record


@router.put(
    "/clients/{client_id}/profile",
    response=responses({200: ClientOut, 409: ConflictOut}, path=True),
    openapi_extra={**json_body(ProfileIn, example=EXAMPLE_PROFILE), **IF_MATCH},
)
def update_client_profile(request: HttpRequest, client_id: Id) -> ClientOut:
    """Replace her profile (her coach only)."""
    coach = auth.coach(request)
    clients.update_profile(
        coach, client_id, read_json(request), today=clock.today(), via=auth.via(request),
        version=_if_match(request),
    )  # fmt: skip
    _audit(request, Action.UPDATE, client_id, "profile", client_id, "profile replaced")
    return export.client_record(coach, client_id)


@router.post(
    "/clients/{client_id}/resume", response=responses({200: ClientOut, 409: ErrorOut}, path=True)
)
def resume_client(request: HttpRequest, client_id: Id) -> ClientOut:
    """Lift the pause a stop-rule symptom or a red flag in her profile put on her program,
    after review (her coach only). 409 while a new screening of her profile still stops it
    (R32a): the detail says what is missing and how to record it."""
    coach = auth.coach(request)
    training_log.resume(coach, client_id, today=clock.today())
    _audit(request, Action.UPDATE, client_id, "client", client_id, "pause lifted")
    return export.client_record(coach, client_id)


@router.delete("/clients/{client_id}", response=responses({200: ErasedOut}, path=True))
def erase_client(request: HttpRequest, client_id: Id) -> dict[str, Any]:
    """Right to erasure: delete her, everything recorded about her and her login (her coach
    only). The audit log keeps that it happened."""
    coach = auth.coach(request)
    return {"erased": export.erase_client(coach, client_id, via=auth.via(request))}


ZIP_RESPONSE = {
    "responses": {
        "200": {
            "description": "A zip of JSON and CSV files: profile, programs, session log, "
            "symptoms, tests, scans and the access log",
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    }
}


@router.get(
    "/clients/{client_id}/export",
    response=responses({}, path=True),
    openapi_extra=ZIP_RESPONSE,
)
def export_client(request: HttpRequest, client_id: Id) -> HttpResponse:
    """Her complete record as a zip of JSON and CSV (her coach, or the client herself)."""
    name, data = export.export_zip(auth.caller(request), client_id)
    _audit(request, Action.EXPORT, client_id, "client", client_id, "complete record exported")
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


FHIR_RESPONSE = {
    "responses": {
        "200": {
            "description": "A FHIR R4 Bundle (type collection): Patient, Observations (DXA, "
            "functional tests, height, weight, adherence), Conditions, MedicationStatements "
            "and the program as a CarePlan; codes in docs/fhir.md",
            "content": {fhir.FHIR_JSON: {"schema": {"type": "object"}}},
        }
    }
}


@router.get(
    "/clients/{client_id}/fhir",
    response=responses({}, path=True),
    openapi_extra=FHIR_RESPONSE,
)
def export_fhir(request: HttpRequest, client_id: Id) -> HttpResponse:
    """Her record as a FHIR R4 Bundle for her doctor's system (her coach, or the client
    herself)."""
    bundle = fhir.client_bundle(
        auth.caller(request), client_id, today=clock.today(), via=auth.via(request)
    )
    return HttpResponse(json.dumps(bundle, ensure_ascii=False), content_type=fhir.FHIR_JSON)


IMPORT_BODY = {
    "requestBody": {
        "required": True,
        "description": "A session log: osteoload CSV (header date,exercise_id,set,reps,"
        "load_kg,rpe,pain,note and optional rir, load_lb, impacts, hold_s, symptoms), a Strong "
        "or Hevy CSV export, or an osteoload JSON log",
        "content": {
            "text/csv": {
                "schema": {"type": "string"},
                "example": "date,exercise_id,set,reps,load_kg,rpe,pain,note\n"
                "2026-01-05,goblet_squat,1,10,8,7,0,\n",
            },
            "application/json": {
                "schema": {
                    "anyOf": [
                        {"type": "array", "items": {"$ref": "#/components/schemas/SetRowIn"}},
                        {
                            "type": "object",
                            "properties": {
                                "schema_version": {"const": 1},
                                "sets": {
                                    "type": "array",
                                    "items": {"$ref": "#/components/schemas/SetRowIn"},
                                },
                            },
                            "required": ["sets"],
                        },
                    ]
                }
            },
        },
    }
}
json_body(SetRowIn)  # publishes SetRowIn, referenced by IMPORT_BODY


@router.post(
    "/clients/{client_id}/log/import",
    response=responses({200: ImportOut}, path=True),
    openapi_extra=IMPORT_BODY,
)
def import_log(
    request: HttpRequest,
    client_id: Id,
    weight_unit: Annotated[
        Units | None, Query(description="Unit of a Strong export's weights (it does not say)")
    ] = None,
) -> dict[str, Any]:
    """Add a session log to her log; sets already there are left out (her coach, or the
    client herself)."""
    raw = read_body(request)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Issue("log", _("is not UTF-8 text"))]) from None
    kind = request.content_type or ""
    as_json = True if kind == "application/json" else False if kind.startswith("text/") else None
    result = export.import_log(
        auth.caller(request), client_id, text, today=clock.today(), weight_unit=weight_unit,
        as_json=as_json, source="log",
    )  # fmt: skip
    _audit(
        request, Action.IMPORT, client_id, "sets", None,
        f"imported {result.imported} sets from a {result.format} log",
    )  # fmt: skip
    return {
        "format": result.format,
        "rows_read": result.rows_read,
        "imported": result.imported,
        "already_logged": result.already_logged,
        "unmapped": dict(result.unmapped),
        "skipped": dict(result.skipped),
        "symptom_days": result.symptom_days,
        "paused": result.paused,
    }


# --- programs --------------------------------------------------------------------------------


@router.get("/clients/{client_id}/programs", response=responses({200: ProgramPage}, path=True))
def list_programs(request: HttpRequest, client_id: Id, page: Query[PageQuery]) -> dict[str, Any]:
    """Her programs, drafts and the assigned one (her coach, or the client herself)."""
    result = export.programs_page(
        auth.caller(request), client_id, updated_since=page.updated_since, offset=page.offset,
        limit=page.limit,
    )  # fmt: skip
    _audit(request, Action.VIEW, client_id, "programs", None, "listed programs")
    return _page(result)


@router.post(
    "/clients/{client_id}/programs", response=responses({201: ProgramDocumentOut}, path=True)
)
def generate_program(
    request: HttpRequest, client_id: Id, body: GenerateIn
) -> Status[dict[str, Any]]:
    """Screen her current profile and store a new draft program (her coach only)."""
    coach = auth.coach(request)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=clock.today(), start=body.start, weeks=body.weeks
    )
    _audit(request, Action.CREATE, client_id, "program", program_id, "program generated")
    return Status(201, client_programs.program_for(coach, client_id, program_id))


@router.get(
    "/clients/{client_id}/programs/{program_id}",
    response=responses({200: ProgramDocumentOut}, path=True),
)
def get_program(request: HttpRequest, client_id: Id, program_id: Id) -> dict[str, Any]:
    """One program: the plan document with its id (her coach, or the client herself)."""
    document = client_programs.program_for(auth.caller(request), client_id, program_id)
    _audit(request, Action.VIEW, client_id, "program", program_id, "viewed a program")
    return document


@router.post(
    "/clients/{client_id}/programs/{program_id}/assign",
    response=responses({200: ProgramSummaryOut, 409: ConflictOut}, path=True),
    openapi_extra=IF_MATCH,
)
def assign_program(request: HttpRequest, client_id: Id, program_id: Id) -> ProgramSummaryOut:
    """Make this the program she follows; her calendar is rebuilt (her coach only)."""
    coach = auth.coach(request)
    client_programs.assign_program(coach, client_id, program_id, version=_if_match(request))
    _audit(request, Action.UPDATE, client_id, "program", program_id, "program assigned")
    return export.program_summary_for(coach, client_id, program_id)


@router.get(
    "/clients/{client_id}/next",
    response=responses({200: DocumentOut, 409: ErrorOut}, path=True),
)
def get_next(
    request: HttpRequest, client_id: Id, as_of: Day | None = None
) -> dict[str, Any] | Status[dict[str, str]]:
    """Her next prescription of every exercise (the coaching loop): from her assigned program
    and her logged sets, the same engine call as ``osteoload next``; each change with its
    reason and what she did last time (her coach, or the client herself). ``as_of``: plan
    the session on or after this day (default today)."""
    caller = auth.caller(request)
    day = as_of or clock.today()
    nxt = coaching.next_for_client(caller, client_id, today=day)
    if nxt is None:
        return Status(409, {"detail": "She has no assigned program yet."})
    _audit(request, Action.VIEW, client_id, "program", nxt.program_id, "viewed next prescription")
    return coaching.next_document(nxt)


# --- logged sets and symptoms ----------------------------------------------------------------


@router.get("/clients/{client_id}/sets", response=responses({200: SetPage}, path=True))
def list_sets(
    request: HttpRequest,
    client_id: Id,
    page: Query[PageQuery],
    since: Annotated[Day | None, Query(description="Only sets done on or after this day")] = None,
) -> dict[str, Any]:
    """Her logged sets (her coach, or the client herself)."""
    result = export.sets_page(
        auth.caller(request), client_id, since=since, updated_since=page.updated_since,
        offset=page.offset, limit=page.limit,
    )  # fmt: skip
    _audit(request, Action.VIEW, client_id, "sets", None, "listed logged sets")
    return _page(result)


@router.post(
    "/clients/{client_id}/sets",
    response=responses({201: SetOut}, path=True),
    openapi_extra=json_body(SetEntryIn, example=EXAMPLE_SET),
)
def log_set(request: HttpRequest, client_id: Id) -> Status[dict[str, Any]]:
    """Log one set she did (the client herself only; her coach reads)."""
    user = auth.client(request)
    # The set and its audit entry are written together, after the checks.
    entry = audit.entry(
        auth.caller(request), Action.CREATE, client_id=client_id, object_type="set",
        summary="logged a set", via=auth.via(request),
    )  # fmt: skip
    row = training_log.log_set_returning(
        user, client_id, read_json(request), today=clock.today(), audit=entry
    )
    next_ahead.after_logging(user, client_id, today=clock.today())  # her next session, ahead
    return Status(201, row)


@router.post(
    "/clients/{client_id}/sets/batch",
    response=responses({201: IdsOut}, path=True),
    openapi_extra=json_body(
        SetBatchIn, example={"sets": [EXAMPLE_SET, {**EXAMPLE_SET, "set_number": 2}]}
    ),
)
def log_sets_batch(request: HttpRequest, client_id: Id) -> Status[dict[str, Any]]:
    """Log up to 200 sets at once; none is stored if one is bad (the client herself only)."""
    user = auth.client(request)
    body = json_object(read_json(request))
    issues = [
        Issue(k, _("unknown field; allowed: %(allowed)s%(hint)s") % {"allowed": "sets", "hint": ""})
        for k in sorted(body) if k != "sets"
    ]  # fmt: skip
    entries = body.get("sets")
    if not isinstance(entries, list) or not 1 <= len(entries) <= export.MAX_LIMIT:
        issues.append(
            Issue("sets", _("give a list of 1 to %(max)s sets") % {"max": export.MAX_LIMIT})
        )
    if issues:
        raise InputError(issues)
    assert isinstance(entries, list)
    try:
        ids = training_log.log_sets(user, client_id, entries, today=clock.today())
    except InputError as exc:
        raise (prefixed(exc, "sets[0]") if len(entries) == 1 else exc) from None
    _audit(request, Action.CREATE, client_id, "sets", None, f"logged {len(ids)} sets")
    next_ahead.after_logging(user, client_id, today=clock.today())
    return Status(201, {"ids": ids})


@router.get("/clients/{client_id}/sets/{set_id}", response=responses({200: SetOut}, path=True))
def get_set(request: HttpRequest, client_id: Id, set_id: Id) -> SetOut:
    """One logged set (her coach, or the client herself)."""
    record = export.set_record(auth.caller(request), client_id, set_id)
    _audit(request, Action.VIEW, client_id, "set", set_id, "viewed a logged set")
    return record


@router.delete("/clients/{client_id}/sets/{set_id}", response=responses({204: None}, path=True))
def delete_set(request: HttpRequest, client_id: Id, set_id: Id) -> Status[None]:
    """Undo a logged set (the client herself only)."""
    user = auth.client(request)
    training_log.delete_set(user, client_id, set_id)
    _audit(request, Action.DELETE, client_id, "set", set_id, "deleted a logged set")
    return Status(204, None)


@router.post(
    "/clients/{client_id}/symptoms",
    response=responses({201: SymptomsOut}, path=True),
    openapi_extra=json_body(SymptomsIn, example={"date": "2026-01-05", "symptoms": []}),
)
def report_symptoms(request: HttpRequest, client_id: Id) -> Status[dict[str, Any]]:
    """Report symptoms; a stop-rule symptom pauses her program until her coach has reviewed
    it (R32). Her coach, or the client herself."""
    paused = training_log.report_symptoms(
        auth.caller(request), client_id, read_json(request), today=clock.today()
    )
    summary = "reported symptoms" + (" (program paused)" if paused else "")
    _audit(request, Action.CREATE, client_id, "symptoms", None, summary)
    return Status(201, {"paused": paused})


# --- functional tests and scans --------------------------------------------------------------


@router.get("/clients/{client_id}/tests", response=responses({200: FunctionalTestPage}, path=True))
def list_functional_tests(
    request: HttpRequest, client_id: Id, page: Query[PageQuery]
) -> dict[str, Any]:
    """Her functional test results (her coach, or the client herself)."""
    result = export.functional_tests_page(
        auth.caller(request), client_id, updated_since=page.updated_since, offset=page.offset,
        limit=page.limit,
    )  # fmt: skip
    _audit(request, Action.VIEW, client_id, "tests", None, "listed functional tests")
    return _page(result)


@router.post(
    "/clients/{client_id}/tests",
    response=responses({201: FunctionalTestOut}, path=True),
    openapi_extra=json_body(
        TestsIn, example={"date": "2026-01-05", "tug_s": 8.4, "chair_stand_30s": 12}
    ),
)
def record_functional_tests(request: HttpRequest, client_id: Id) -> Status[FunctionalTestOut]:
    """Record functional tests, checked as a profile's tests object (her coach only)."""
    coach = auth.coach(request)
    record_id = clients.record_tests(coach, client_id, read_json(request), today=clock.today())
    _audit(request, Action.CREATE, client_id, "tests", record_id, "recorded functional tests")
    return Status(201, export.functional_test_record(coach, client_id, record_id))


@router.get(
    "/clients/{client_id}/tests/{test_id}",
    response=responses({200: FunctionalTestOut}, path=True),
)
def get_functional_test(request: HttpRequest, client_id: Id, test_id: Id) -> FunctionalTestOut:
    """One functional test record (her coach, or the client herself)."""
    record = export.functional_test_record(auth.caller(request), client_id, test_id)
    _audit(request, Action.VIEW, client_id, "tests", test_id, "viewed functional tests")
    return record


@router.get("/clients/{client_id}/scans", response=responses({200: ScanPage}, path=True))
def list_scans(request: HttpRequest, client_id: Id, page: Query[PageQuery]) -> dict[str, Any]:
    """Her DXA scans (her coach, or the client herself)."""
    result = export.scans_page(
        auth.caller(request), client_id, updated_since=page.updated_since, offset=page.offset,
        limit=page.limit,
    )  # fmt: skip
    _audit(request, Action.VIEW, client_id, "scans", None, "listed DXA scans")
    return _page(result)


@router.post(
    "/clients/{client_id}/scans",
    response=responses({201: ScanOut}, path=True),
    openapi_extra=json_body(
        ScanIn, example={"site": "total_hip", "date": "2026-01-05", "bmd_g_cm2": 0.78}
    ),
)
def record_scan(request: HttpRequest, client_id: Id) -> Status[ScanOut]:
    """Record one DXA scan result, checked as a profile's bone.scans entry (her coach only)."""
    coach = auth.coach(request)
    scan_id = clients.record_scan(coach, client_id, read_json(request), today=clock.today())
    _audit(request, Action.CREATE, client_id, "scan", scan_id, "recorded a DXA scan")
    return Status(201, export.scan_record(coach, client_id, scan_id))


@router.get("/clients/{client_id}/scans/{scan_id}", response=responses({200: ScanOut}, path=True))
def get_scan(request: HttpRequest, client_id: Id, scan_id: Id) -> ScanOut:
    """One DXA scan (her coach, or the client herself)."""
    record = export.scan_record(auth.caller(request), client_id, scan_id)
    _audit(request, Action.VIEW, client_id, "scan", scan_id, "viewed a DXA scan")
    return record


def _patch_body(model: str, example: dict[str, Any]) -> dict[str, Any]:
    """``openapi_extra`` for a PATCH body: any fields of ``model``; ``null`` removes one."""
    schema = {
        "type": "object",
        "additionalProperties": True,
        "description": (
            f"Any fields of {model}; those given replace the stored ones, null removes one. "
            "The result is checked as a whole, as when it was recorded."
        ),
    }
    media = {"schema": schema, "example": example}
    return {"requestBody": {"required": True, "content": {"application/json": media}}}


@router.put(
    "/clients/{client_id}/tests/{test_id}",
    response=responses({200: FunctionalTestOut, 409: ConflictOut}, path=True),
    openapi_extra=IF_MATCH
    | json_body(TestsIn, example={"date": "2026-01-05", "tug_s": 8.4, "chair_stand_30s": 12}),
)
def replace_functional_tests(request: HttpRequest, client_id: Id, test_id: Id) -> FunctionalTestOut:
    """Correct recorded functional tests: the body replaces them, checked as when recorded
    (her coach only). Her profile and screening then use the corrected values."""
    return _update_tests(request, client_id, test_id, partial=False)


@router.patch(
    "/clients/{client_id}/tests/{test_id}",
    response=responses({200: FunctionalTestOut, 409: ConflictOut}, path=True),
    openapi_extra=IF_MATCH | _patch_body("TestsIn", {"tug_s": 9.1}),
)
def patch_functional_tests(request: HttpRequest, client_id: Id, test_id: Id) -> FunctionalTestOut:
    """Correct some values of recorded functional tests (her coach only)."""
    return _update_tests(request, client_id, test_id, partial=True)


def _update_tests(
    request: HttpRequest, client_id: int, test_id: int, *, partial: bool
) -> FunctionalTestOut:
    coach = auth.coach(request)
    clients.update_tests(
        coach, client_id, test_id, json_object(read_json(request)), today=clock.today(),
        partial=partial, via=auth.via(request), version=_if_match(request),
    )  # fmt: skip
    return export.functional_test_record(coach, client_id, test_id)


@router.delete("/clients/{client_id}/tests/{test_id}", response=responses({204: None}, path=True))
def delete_functional_tests(request: HttpRequest, client_id: Id, test_id: Id) -> Status[None]:
    """Delete recorded functional tests (her coach only); her profile then uses the latest
    remaining record, or the intake's tests."""
    clients.delete_tests(auth.coach(request), client_id, test_id, via=auth.via(request))
    return Status(204, None)


@router.put(
    "/clients/{client_id}/scans/{scan_id}",
    response=responses({200: ScanOut, 409: ConflictOut}, path=True),
    openapi_extra=IF_MATCH
    | json_body(ScanIn, example={"site": "total_hip", "date": "2026-01-05", "bmd_g_cm2": 0.78}),
)
def replace_scan(request: HttpRequest, client_id: Id, scan_id: Id) -> ScanOut:
    """Correct a recorded DXA scan: the body replaces it, checked as when recorded (her coach
    only). Her profile and screening then use the corrected scan."""
    return _update_scan(request, client_id, scan_id, partial=False)


@router.patch(
    "/clients/{client_id}/scans/{scan_id}",
    response=responses({200: ScanOut, 409: ConflictOut}, path=True),
    openapi_extra=IF_MATCH | _patch_body("ScanIn", {"t_score": -2.1}),
)
def patch_scan(request: HttpRequest, client_id: Id, scan_id: Id) -> ScanOut:
    """Correct some fields of a recorded DXA scan (her coach only)."""
    return _update_scan(request, client_id, scan_id, partial=True)


def _update_scan(request: HttpRequest, client_id: int, scan_id: int, *, partial: bool) -> ScanOut:
    coach = auth.coach(request)
    clients.update_scan(
        coach, client_id, scan_id, json_object(read_json(request)), today=clock.today(),
        partial=partial, via=auth.via(request), version=_if_match(request),
    )  # fmt: skip
    return export.scan_record(coach, client_id, scan_id)


@router.delete("/clients/{client_id}/scans/{scan_id}", response=responses({204: None}, path=True))
def delete_scan(request: HttpRequest, client_id: Id, scan_id: Id) -> Status[None]:
    """Delete a recorded DXA scan (her coach only); her profile then uses the latest
    remaining scan of that site, or the intake's T-score."""
    clients.delete_scan(auth.coach(request), client_id, scan_id, via=auth.via(request))
    return Status(204, None)


# --- progress --------------------------------------------------------------------------------


@router.get("/clients/{client_id}/progress", response=responses({200: DocumentOut}, path=True))
def get_progress(
    request: HttpRequest,
    client_id: Id,
    weeks: Annotated[int, Query(ge=1, le=104, description="Weeks of history")] = 26,
) -> dict[str, Any]:
    """Her progress series: 1RM, weekly sets by region, impacts, balance, tests, scans and the
    bone projection (her coach, or the client herself)."""
    series = progress.progress_series(
        auth.caller(request), client_id, today=clock.today(), weeks=weeks
    )
    _audit(request, Action.VIEW, client_id, "progress", None, f"viewed {weeks} weeks of progress")
    return series
