"""Object-level access, generated from the API's own list of operations.

Every operation of the OpenAPI document is called by every persona: the client's coach
(token), the client herself, another coach, another coach's client, nobody, a revoked
token, and the client's coach through her browser session (with the CSRF token). The
expected status comes from the rule declared for the operation in ``RULES``; an operation
without a rule (a new endpoint) fails the suite until its rule is written down.

Each persona's call runs in a transaction that is rolled back, so all of them meet the same
records (a coach's erasure does not hide the client from the next persona).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.db import transaction
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client as HttpClient

from osteoload.api.v1 import api
from osteoload.services import api_tokens, client_programs, clients, training_log
from tests.api.conftest import API, Api, Persona, World, example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

OK = "ok"

# Who may call: the expected answer of each persona, by kind of rule.
#                    coach  client  other   other    nobody  revoked  coach's
#                    (own)  (own)   coach   client           token    session
KINDS: dict[str, tuple[Any, ...]] = {
    "anyone":       (OK,    OK,     OK,     OK,      401,    401,     OK),
    "coach":        (OK,    403,    OK,     403,     401,    401,     OK),
    "her_coach":    (OK,    403,    404,    403,     401,    401,     OK),
    "coach_or_her": (OK,    OK,     404,    404,     401,    401,     OK),
    "herself":      (403,   OK,     403,    404,     401,    401,     403),
    "session":      (403,   403,    403,    403,     401,    401,     OK),
}  # fmt: skip
PERSONAS = ("alice", "bob", "carol", "dave", "anonymous", "revoked", "alice_session")


@dataclass(frozen=True)
class Records:
    world: World
    program_id: int
    set_id: int
    test_id: int
    scan_id: int
    token_id: int
    revoked_token: str


@dataclass(frozen=True)
class Call:
    method: str
    path: str
    body: Any = None
    query: dict[str, Any] | None = None
    content_type: str = "application/json"
    raw: str | None = None


@dataclass(frozen=True)
class Rule:
    kind: str
    ok: int
    call: Callable[[Records], Call]


def _c(r: Records) -> str:
    return f"/clients/{r.world.bob_id}"


PROFILE = example("02-early")
SET = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 10, "load_kg": 12, "rpe": 7}
LOG_CSV = "date,exercise_id,set,reps,load_kg,rpe,pain,note\n2026-11-23,goblet_squat,1,10,12,7,0,\n"

RULES: dict[str, Rule] = {
    # The engine: any logged-in user.
    "validate": Rule("anyone", 200, lambda r: Call("POST", "/engine/validate", PROFILE)),
    "screen": Rule("anyone", 200, lambda r: Call("POST", "/engine/screen", PROFILE)),
    "plan": Rule("anyone", 200, lambda r: Call("POST", "/engine/plan", PROFILE, {"weeks": 2})),
    "assess": Rule("anyone", 200, lambda r: Call("POST", "/engine/assess", PROFILE)),
    "project": Rule("anyone", 200, lambda r: Call("POST", "/engine/project", PROFILE)),
    "one_rm": Rule(
        "anyone", 200,
        lambda r: Call("GET", "/engine/one-rm", query={"reps": 5, "load_kg": 60, "rpe": 8}),
    ),
    "dxa_change": Rule(
        "anyone", 200,
        lambda r: Call(
            "GET", "/engine/dxa-change",
            query={"site": "total_hip", "baseline": 0.8, "followup": 0.82},
        ),
    ),
    "next_prescriptions": Rule(
        "anyone", 200,
        lambda r: Call("POST", "/engine/next", {"profile": PROFILE, "log": [{**SET, "set": 1}]}),
    ),
    "get_me": Rule("anyone", 200, lambda r: Call("GET", "/me")),
    # Coaches: her roster, intake, her audit log.
    "list_clients": Rule("coach", 200, lambda r: Call("GET", "/clients")),
    "create_client": Rule("coach", 201, lambda r: Call("POST", "/clients", PROFILE)),
    "list_audit_entries": Rule("coach", 200, lambda r: Call("GET", "/audit")),
    # Her coach only.
    "update_client_profile": Rule(
        "her_coach", 200, lambda r: Call("PUT", f"{_c(r)}/profile", PROFILE)
    ),
    "resume_client": Rule("her_coach", 200, lambda r: Call("POST", f"{_c(r)}/resume")),
    "erase_client": Rule("her_coach", 200, lambda r: Call("DELETE", _c(r))),
    "generate_program": Rule(
        "her_coach", 201, lambda r: Call("POST", f"{_c(r)}/programs", {"weeks": 2})
    ),
    "assign_program": Rule(
        "her_coach", 200, lambda r: Call("POST", f"{_c(r)}/programs/{r.program_id}/assign")
    ),
    "record_functional_tests": Rule(
        "her_coach", 201, lambda r: Call("POST", f"{_c(r)}/tests", {"tug_s": 8.0})
    ),
    "record_scan": Rule(
        "her_coach", 201,
        lambda r: Call("POST", f"{_c(r)}/scans", {"site": "total_hip", "bmd_g_cm2": 0.8}),
    ),
    "replace_functional_tests": Rule(
        "her_coach", 200, lambda r: Call("PUT", f"{_c(r)}/tests/{r.test_id}", {"tug_s": 8.0})
    ),
    "patch_functional_tests": Rule(
        "her_coach", 200, lambda r: Call("PATCH", f"{_c(r)}/tests/{r.test_id}", {"tug_s": 8.0})
    ),
    "delete_functional_tests": Rule(
        "her_coach", 204, lambda r: Call("DELETE", f"{_c(r)}/tests/{r.test_id}")
    ),
    "replace_scan": Rule(
        "her_coach", 200,
        lambda r: Call("PUT", f"{_c(r)}/scans/{r.scan_id}", {"site": "total_hip", "t_score": -2}),
    ),
    "patch_scan": Rule(
        "her_coach", 200, lambda r: Call("PATCH", f"{_c(r)}/scans/{r.scan_id}", {"t_score": -2})
    ),
    "delete_scan": Rule("her_coach", 204, lambda r: Call("DELETE", f"{_c(r)}/scans/{r.scan_id}")),
    # Her coach, or the client herself.
    "get_client": Rule("coach_or_her", 200, lambda r: Call("GET", _c(r))),
    "export_client": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/export")),
    "export_fhir": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/fhir")),
    "import_log": Rule(
        "coach_or_her", 200,
        lambda r: Call("POST", f"{_c(r)}/log/import", content_type="text/csv", raw=LOG_CSV),
    ),
    "list_programs": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/programs")),
    "get_program": Rule(
        "coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/programs/{r.program_id}")
    ),
    # No program is assigned in this world: those allowed hear 409 (no assigned program).
    "get_next": Rule("coach_or_her", 409, lambda r: Call("GET", f"{_c(r)}/next")),
    "list_sets": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/sets")),
    "get_set": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/sets/{r.set_id}")),
    "report_symptoms": Rule(
        "coach_or_her", 201,
        lambda r: Call("POST", f"{_c(r)}/symptoms", {"date": "2026-11-25", "symptoms": []}),
    ),
    "list_functional_tests": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/tests")),
    "get_functional_test": Rule(
        "coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/tests/{r.test_id}")
    ),
    "list_scans": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/scans")),
    "get_scan": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/scans/{r.scan_id}")),
    "get_progress": Rule("coach_or_her", 200, lambda r: Call("GET", f"{_c(r)}/progress")),
    # The client herself: she logs her own training.
    "log_set": Rule("herself", 201, lambda r: Call("POST", f"{_c(r)}/sets", SET)),
    "log_sets_batch": Rule(
        "herself", 201,
        lambda r: Call("POST", f"{_c(r)}/sets/batch", {"sets": [SET, {**SET, "set_number": 2}]}),
    ),
    "delete_set": Rule("herself", 204, lambda r: Call("DELETE", f"{_c(r)}/sets/{r.set_id}")),
    # Token management: a logged-in browser session only.
    "list_tokens": Rule("session", 200, lambda r: Call("GET", "/tokens")),
    "create_token": Rule("session", 201, lambda r: Call("POST", "/tokens", {"name": "phone"})),
    "revoke_token": Rule("session", 204, lambda r: Call("DELETE", f"/tokens/{r.token_id}")),
}  # fmt: skip


def operations() -> dict[str, tuple[str, str]]:
    """operationId -> (method, path) for every operation of the OpenAPI document."""
    spec = api.get_openapi_schema(path_prefix="/api/v1/")
    found = {}
    for path, item in spec["paths"].items():
        for method, op in item.items():
            found[op["operationId"]] = (method.upper(), path)
    return found


OPERATIONS = operations()


def test_every_operation_has_an_access_rule():
    missing = sorted(set(OPERATIONS) - set(RULES))
    assert not missing, f"operations without an access rule in RULES: {missing}"


def test_every_rule_names_an_operation():
    stale = sorted(set(RULES) - set(OPERATIONS))
    assert not stale, f"rules for operations that no longer exist: {stale}"


@pytest.fixture
def records(world) -> Records:
    alice, bob = world.alice.user, world.bob.user
    program_id = client_programs.generate_for_client(alice, world.bob_id, today=TODAY, weeks=2)
    set_id = training_log.log_set(bob, world.bob_id, SET, today=TODAY)
    test_id = clients.record_tests(alice, world.bob_id, {"tug_s": 9.1}, today=TODAY)
    scan_id = clients.record_scan(
        alice, world.bob_id, {"site": "total_hip", "bmd_g_cm2": 0.79}, today=TODAY
    )
    token_id, _ = api_tokens.create_token(alice, "laptop")
    _, revoked = api_tokens.create_token(alice, "old phone")
    revoked_id = next(t.token_id for t in api_tokens.list_tokens(alice) if t.name == "old phone")
    api_tokens.revoke_token(alice, revoked_id)
    return Records(world, program_id, set_id, test_id, scan_id, token_id, revoked)


def session_api(user: Any) -> SessionApi:
    """A browser session of ``user`` that enforces CSRF, with a valid CSRF token."""
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(user)
    request = HttpRequest()
    masked = get_token(request)
    browser.cookies[django_settings.CSRF_COOKIE_NAME] = request.META["CSRF_COOKIE"]
    return SessionApi(None, browser, {"X-CSRFToken": masked})


class SessionApi(Api):
    def __init__(self, persona: Persona | None, http: HttpClient, headers: dict[str, str]):
        super().__init__(persona, http)
        self.extra = headers

    def send(self, call: Call):
        return send(self.http, call, self.extra)


def send(http: HttpClient, call: Call, headers: dict[str, str]):
    url = API + call.path
    if call.method == "GET":
        return http.get(url, call.query or {}, headers=headers)
    if call.query:
        from urllib.parse import urlencode

        url += "?" + urlencode(call.query)
    data = call.raw if call.raw is not None else (
        json.dumps(call.body) if call.body is not None else ""
    )  # fmt: skip
    return getattr(http, call.method.lower())(
        url, data=data, content_type=call.content_type, headers=headers
    )


def caller(name: str, records: Records) -> tuple[HttpClient, dict[str, str]]:
    w = records.world
    if name == "alice_session":
        api_ = session_api(w.alice.user)
        return api_.http, api_.extra
    if name == "anonymous":
        return HttpClient(), {}
    if name == "revoked":
        return HttpClient(), {"Authorization": f"Bearer {records.revoked_token}"}
    persona: Persona = getattr(w, name)
    return HttpClient(), persona.headers()


@pytest.mark.parametrize("operation", sorted(OPERATIONS))
def test_each_persona_gets_what_the_rule_says(operation, records):
    rule = RULES.get(operation)
    if rule is None:
        pytest.fail(f"{operation}: no access rule; add it to RULES")
    call = rule.call(records)
    method, path = OPERATIONS[operation]
    assert call.method == method, f"{operation}: the rule calls {call.method}, not {method}"
    expected = {
        persona: (rule.ok if want == OK else want)
        for persona, want in zip(PERSONAS, KINDS[rule.kind], strict=True)
    }
    got = {}
    for persona in PERSONAS:
        http, headers = caller(persona, records)
        with transaction.atomic():
            response = send(http, call, headers)
            transaction.set_rollback(True)
        got[persona] = response.status_code
        if response.status_code >= 400:
            assert response["Content-Type"].startswith("application/json"), (operation, persona)
    assert got == expected, f"{operation} ({rule.kind}): expected {expected}, got {got}"


def test_a_session_without_the_csrf_token_cannot_write(records):
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(records.world.alice.user)
    call = RULES["create_token"].call(records)
    response = send(browser, call, {})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
    # Reading needs no CSRF token.
    assert send(browser, RULES["list_tokens"].call(records), {}).status_code == 200


def test_a_session_cannot_revoke_another_users_token(records):
    carol_token = api_tokens.create_token(records.world.carol.user, "carol's")[0]
    response = session_api(records.world.alice.user).send(Call("DELETE", f"/tokens/{carol_token}"))
    assert response.status_code == 404
