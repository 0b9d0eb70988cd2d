"""Property-based tests of every operation against the published OpenAPI document.

schemathesis (4.x Python API) generates requests, valid and invalid, for every operation of
/api/v1/openapi.json and sends them to the WSGI application in process (no network),
authenticated as a coach with an API token (the client-only operations, logging a set,
as her client; token management, which needs a browser session, with the coach's session
and CSRF token). Valid ids in paths are mostly replaced by her
own client's records, so the requests reach real data rather than stopping at 404.
Checks: no server error, and every response (status, content type, body) as documented.

The schema is loaded from the API object at import (``schemathesis.pytest.from_fixture``
fails under pytest 9: it reads ``Function._nodeid``, which pytest 9 removed);
``test_the_served_document_is_the_one_tested`` checks that /api/v1/openapi.json serves the
same document.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.conf import settings as django_settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client as HttpClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from osteoload.api.v1 import api
from osteoload.services import client_programs, clients, training_log
from tests.api.conftest import Api, example
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1/"
MAX_EXAMPLES = 25
SESSION_OPERATIONS = ("list_tokens", "create_token", "revoke_token")
CLIENT_OPERATIONS = ("log_set", "log_sets_batch", "delete_set")
PROFILE_OPERATIONS = (
    "validate", "screen", "plan", "assess", "project", "next_prescriptions", "create_client",
    "update_client_profile",
)  # fmt: skip
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(
    api.get_openapi_schema(path_prefix=PREFIX),
    config=schemathesis.Config.from_dict(
        {
            "seed": 20261126,
            # Credentials are the test's (a token, or a session for token management).
            "generation": {"max-examples": MAX_EXAMPLES, "with-security-parameters": False},
            "analysis": {"constants": {"enabled": False}},
            "operations": [
                {
                    # A profile body has hundreds of boundaries: the coverage phase would
                    # send ~900 requests per operation (and ~400 strings for a log import).
                    # Fuzzing still covers them.
                    "include-operation-id": [*PROFILE_OPERATIONS, "import_log"],
                    "phases": {"coverage": {"enabled": False}},
                }
            ],
        }
    ),
)


class Site:
    """The site as a WSGI application, built on the first request (when settings are final).

    Like Django's test client, it keeps the database connection open across requests: the
    handler would otherwise close it at the end of each one (``close_old_connections``),
    and with it the test's transaction (on PostgreSQL).
    """

    handler: WSGIHandler | None = None

    def __call__(self, environ: Any, start_response: Any) -> Any:
        if self.handler is None:
            self.handler = WSGIHandler()
        signals.request_started.disconnect(close_old_connections)
        signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, start_response)
            try:
                body = b"".join(response)
            finally:
                response.close()
        finally:
            signals.request_started.connect(close_old_connections)
            signals.request_finished.connect(close_old_connections)
        return [body]


schema.app = Site()


@pytest.fixture
def alice_session(world) -> tuple[dict[str, str], dict[str, str]]:
    """Cookies and headers of the coach's logged-in browser session, CSRF token included."""
    browser = HttpClient()
    browser.force_login(world.alice.user)
    request = HttpRequest()
    masked = get_token(request)
    cookies = {
        django_settings.SESSION_COOKIE_NAME: browser.cookies[
            django_settings.SESSION_COOKIE_NAME
        ].value,
        django_settings.CSRF_COOKIE_NAME: request.META["CSRF_COOKIE"],
    }
    return cookies, {"X-CSRFToken": masked}


@pytest.fixture
def records(world) -> dict[str, list[int]]:
    """Real records of her client, for the ids in generated paths."""
    alice, bob = world.alice.user, world.bob.user
    spare = clients.create_client(alice, example("05-frail"), today=TODAY)
    program = client_programs.generate_for_client(alice, world.bob_id, today=TODAY, weeks=4)
    set_id = training_log.log_set(
        bob, world.bob_id,
        {"date": "2026-11-20", "exercise_id": "goblet_squat", "reps": 8, "load_kg": 12},
        today=TODAY,
    )  # fmt: skip
    test_id = clients.record_tests(alice, world.bob_id, {"tug_s": 8.2}, today=TODAY)
    scan_id = clients.record_scan(
        alice, world.bob_id, {"site": "total_hip", "bmd_g_cm2": 0.81}, today=TODAY
    )
    return {
        "client_id": [world.bob_id],
        "program_id": [program],
        "set_id": [set_id],
        "test_id": [test_id],
        "scan_id": [scan_id],
        "spare": [spare],
    }


def _as_id(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit():
        value = int(value)
    return value if isinstance(value, int) and value >= 1 else None


def use_real_ids(case: Any, records: dict[str, list[int]]) -> None:
    """Point valid generated ids at her records (the client always; others half the time)."""
    params = case.path_parameters or {}
    for name, raw in list(params.items()):
        value = _as_id(raw)
        if value is None:
            continue  # an invalid id: keep it, the API must answer 422
        if name == "client_id":
            erase = case.operation.definition.raw.get("operationId") == "erase_client"
            params[name] = records["spare" if erase else "client_id"][0]
        elif name in records and value % 2:
            params[name] = records[name][0]


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_behaves_as_documented(case, world, records, alice_session):
    use_real_ids(case, records)
    operation = case.operation.definition.raw.get("operationId")
    if operation in SESSION_OPERATIONS:  # tokens are managed from a browser session only
        cookies, headers = alice_session
    elif operation in CLIENT_OPERATIONS:  # she logs her own training
        cookies, headers = {}, {"Authorization": f"Bearer {world.bob.token}"}
    else:
        cookies, headers = {}, {"Authorization": f"Bearer {world.alice.token}"}
    case.call_and_validate(headers=headers, cookies=cookies, checks=CHECKS)


def test_the_served_document_is_the_one_tested(world):
    response = Api(world.alice).get("/openapi.json")
    assert response.status_code == 200
    assert response.json() == schema.raw_schema
