"""Who may open what: every page and action for the owning coach, her client, another coach,
another client and an anonymous visitor. Others' objects answer 404, never 403, so that
their existence is not revealed; the wrong role answers 403; anonymous goes to the login.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from osteoload.services import api_tokens, client_programs, clients, training_log
from osteoload.services.documents import rendering
from tests.conftest import TODAY

from .conftest import PASSWORD, World

PERSONAS = ("alice", "bob", "carol", "dave", "anonymous")


@dataclass(frozen=True)
class Route:
    id: str
    method: str
    url: Callable[[World], str]
    expect: dict[str, int]
    data: Callable[[World], dict[str, Any]] = field(default=lambda w: {})


def coach_object(alice: int) -> dict[str, int]:
    """A coach page about Bob: Alice may, Carol gets 404, clients 403, anonymous the login."""
    return {"alice": alice, "bob": 403, "carol": 404, "dave": 403, "anonymous": 302}


COACH_ANY = {"alice": 200, "bob": 403, "carol": 200, "dave": 403, "anonymous": 302}
CLIENT_OWN_GET = {"alice": 403, "bob": 200, "carol": 403, "dave": 200, "anonymous": 302}
CLIENT_OWN_POST = {"alice": 403, "bob": 302, "carol": 403, "dave": 302, "anonymous": 302}


def bob_url(name: str, **extra: Any) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"client_id": w.bob_id, **extra})


def bob_program_url(name: str) -> Callable[[World], str]:
    return lambda w: reverse(name, kwargs={"client_id": w.bob_id, "program_id": w.bob_program})


def strength_item(world: World, persona: str = "bob") -> str:
    user = world.persona(persona).user
    client_id = world.bob_id if persona == "bob" else world.dave_id
    view = client_programs.today_session(user, client_id, today=TODAY)
    assert view.is_today and view.session is not None
    return next(i["exercise_id"] for i in view.session["items"] if i["component"] == "resistance")


def log_data(world: World) -> dict[str, Any]:
    return {"exercise_id": strength_item(world), "reps": "10", "load": "8", "rpe": "6"}


def bob_set_url(world: World) -> str:
    set_id = training_log.log_set(
        world.bob.user,
        world.bob_id,
        {"date": TODAY.isoformat(), "exercise_id": strength_item(world), "reps": 8},
        today=TODAY,
    )
    return reverse("client-undo", kwargs={"set_id": set_id})


def bob_record_url(name: str) -> Callable[[World], str]:
    """A page about one of Bob's recorded scans or tests (recorded here by Alice)."""

    def url(w: World) -> str:
        if name.startswith("coach-scan"):
            data = {"site": "total_hip", "t_score": -1.9}
            record_id = clients.record_scan(w.alice.user, w.bob_id, data, today=TODAY)
            return reverse(name, kwargs={"client_id": w.bob_id, "scan_id": record_id})
        record_id = clients.record_tests(w.alice.user, w.bob_id, {"tug_s": 9.0}, today=TODAY)
        return reverse(name, kwargs={"client_id": w.bob_id, "tests_id": record_id})

    return url


def bob_logged_url(name: str) -> Callable[[World], str]:
    """A document made from Bob's log (one set logged first)."""

    def url(w: World) -> str:
        training_log.log_set(
            w.bob.user,
            w.bob_id,
            {"date": TODAY.isoformat(), "exercise_id": strength_item(w), "reps": 8},
            today=TODAY,
        )
        return reverse(name, kwargs={"client_id": w.bob_id})

    return url


SIGNED_IN = {**dict.fromkeys(PERSONAS, 200), "anonymous": 302}


def alice_token_url(world: World) -> str:
    """Revoking one of Alice's API tokens."""
    token_id, _ = api_tokens.create_token(world.alice.user, "script")
    return reverse("settings-token-revoke", kwargs={"token_id": token_id})


def password_data(world: World) -> dict[str, Any]:
    new = "a-new-long-password-58"
    return {"current_password": PASSWORD, "new_password": new, "new_password2": new}


@pytest.fixture(autouse=True)
def _no_pdf_layout(monkeypatch, settings, tmp_path):
    """Access is about status codes: documents skip WeasyPrint's layout here (the real PDFs
    are read in test_documents.py), and cached booklets stay in this test's folder."""
    monkeypatch.setattr(rendering, "html_to_pdf", lambda html: b"%PDF-")
    settings.DATA_DIR = tmp_path


ROUTES = [
    Route("login", "get", lambda w: reverse("login"),
          {**dict.fromkeys(PERSONAS, 302), "anonymous": 200}),
    Route("roster", "get", lambda w: reverse("coach-roster"), COACH_ANY),
    Route("client-new", "get", lambda w: reverse("coach-client-new"), COACH_ANY),
    Route("client", "get", bob_url("coach-client"), coach_object(200)),
    Route("client-edit", "get", bob_url("coach-client-edit"), coach_object(200)),
    Route("client-edit-post", "post", bob_url("coach-client-edit"), coach_object(302),
          lambda w: {"name": "Bob Client", "age": "63", "sex": "female"}),
    Route("client-progress", "get", bob_url("coach-client-progress"), coach_object(200)),
    Route("tests", "get", bob_url("coach-tests"), coach_object(200)),
    Route("tests-post", "post", bob_url("coach-tests"), coach_object(302),
          lambda w: {"tug_s": "9.5"}),
    Route("scan", "get", bob_url("coach-scan"), coach_object(200)),
    Route("scan-post", "post", bob_url("coach-scan"), coach_object(302),
          lambda w: {"site": "total_hip", "bmd_g_cm2": "0.81"}),
    Route("scan-edit", "get", bob_record_url("coach-scan-edit"), coach_object(200)),
    Route("scan-edit-post", "post", bob_record_url("coach-scan-edit"), coach_object(302),
          lambda w: {"site": "total_hip", "t_score": "-2.0"}),
    Route("scan-delete", "get", bob_record_url("coach-scan-delete"), coach_object(200)),
    Route("scan-delete-post", "post", bob_record_url("coach-scan-delete"), coach_object(302)),
    Route("tests-edit", "get", bob_record_url("coach-tests-edit"), coach_object(200)),
    Route("tests-edit-post", "post", bob_record_url("coach-tests-edit"), coach_object(302),
          lambda w: {"tug_s": "9.5"}),
    Route("tests-delete", "get", bob_record_url("coach-tests-delete"), coach_object(200)),
    Route("tests-delete-post", "post", bob_record_url("coach-tests-delete"), coach_object(302)),
    Route("invite-post", "post", bob_url("coach-invite"), coach_object(200)),  # a reset link
    Route("resume-post", "post", bob_url("coach-resume"), coach_object(302)),
    Route("generate", "get", bob_url("coach-program-generate"), coach_object(200)),
    Route("generate-post", "post", bob_url("coach-program-generate"), coach_object(302),
          lambda w: {"weeks": "4"}),
    Route("program", "get", bob_program_url("coach-program"), coach_object(200)),
    Route("program-swap-options", "get",
          lambda w: bob_program_url("coach-program-swap")(w) + "?exercise=goblet_squat",
          coach_object(200)),
    Route("program-swap", "post", bob_program_url("coach-program-swap"), coach_object(302),
          lambda w: {"old": "goblet_squat", "new": "nothing"}),
    Route("program-assign", "post", bob_program_url("coach-program-assign"),
          coach_object(302)),
    Route("booklet", "get", bob_url("coach-booklet"), coach_object(200)),
    Route("booklet-large", "get", bob_url("coach-booklet-large"), coach_object(200)),
    Route("calendar", "get", bob_url("coach-calendar"), coach_object(200)),
    Route("report", "get", bob_logged_url("coach-report"), coach_object(200)),
    Route("today", "get", lambda w: reverse("client-today"), CLIENT_OWN_GET),
    Route("client-documents", "get", lambda w: reverse("client-documents"), CLIENT_OWN_GET),
    Route("client-booklet", "get", lambda w: reverse("client-booklet"), CLIENT_OWN_GET),
    Route("client-booklet-large", "get", lambda w: reverse("client-booklet-large"),
          CLIENT_OWN_GET),
    Route("client-calendar", "get", lambda w: reverse("client-calendar"), CLIENT_OWN_GET),
    Route("feeling", "get", lambda w: reverse("client-feeling"), CLIENT_OWN_GET),
    Route("feeling-post", "post", lambda w: reverse("client-feeling"), CLIENT_OWN_POST,
          lambda w: {"note": "fine"}),
    Route("progress", "get", lambda w: reverse("client-progress"), CLIENT_OWN_GET),
    Route("log-post", "post", lambda w: reverse("client-log"),
          {**CLIENT_OWN_POST, "dave": 302}, log_data),
    Route("undo-post", "post", bob_set_url,
          {"alice": 403, "bob": 302, "carol": 403, "dave": 404, "anonymous": 302}),
    Route("healthz", "get", lambda w: reverse("healthz"), dict.fromkeys(PERSONAS, 200)),
    # Settings: each person's own (coach or client); another person's token is 404
    Route("settings", "get", lambda w: reverse("settings"), SIGNED_IN),
    Route("settings-token-create", "post", lambda w: reverse("settings-token-create"),
          SIGNED_IN, lambda w: {"name": "phone"}),
    Route("settings-token-revoke", "post", alice_token_url,
          {"alice": 302, "bob": 404, "carol": 404, "dave": 404, "anonymous": 302}),
    Route("settings-password", "get", lambda w: reverse("settings-password"), SIGNED_IN),
    Route("settings-password-post", "post", lambda w: reverse("settings-password"),
          dict.fromkeys(PERSONAS, 302), password_data),
]  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: r.id)
def test_access(world, route, persona):
    if persona not in route.expect:
        pytest.skip("not applicable")
    url = route.url(world)
    data = route.data(world)
    if persona == "dave" and route.id == "log-post":
        data = {**data, "exercise_id": strength_item(world, "dave")}
    browser = world.persona(persona).browser()
    response = getattr(browser, route.method)(url, data)
    assert response.status_code == route.expect[persona], (route.id, persona)
    if persona == "anonymous" and response.status_code == 302:
        assert response["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("coach-invite", "get"),
        ("coach-resume", "get"),
        ("coach-program-assign", "get"),
        ("client-log", "get"),
        ("logout", "get"),
    ],
)
def test_changes_are_post_only(world, name, method):
    kwargs: dict[str, int] = {}
    if name.startswith("coach-program-"):
        kwargs = {"client_id": world.bob_id, "program_id": world.bob_program}
    elif name.startswith("coach-"):
        kwargs = {"client_id": world.bob_id}
    persona = world.bob if name == "client-log" else world.alice
    response = getattr(persona.browser(), method)(reverse(name, kwargs=kwargs))
    assert response.status_code == 405


@pytest.mark.django_db
def test_program_of_another_client_is_not_found(world):
    url = reverse(
        "coach-program", kwargs={"client_id": world.bob_id, "program_id": world.dave_program}
    )
    assert world.alice.browser().get(url).status_code == 404
    url = reverse("coach-client", kwargs={"client_id": 999999})
    assert world.alice.browser().get(url).status_code == 404


@pytest.mark.django_db
def test_home_sends_each_role_to_its_start_page(world):
    assert world.alice.browser().get("/")["Location"] == reverse("coach-roster")
    assert world.bob.browser().get("/")["Location"] == reverse("client-today")
    assert world.anonymous.browser().get("/")["Location"] == reverse("login")


@pytest.mark.django_db
def test_forms_need_the_csrf_token(world):
    from django.test import Client as Browser

    browser = Browser(enforce_csrf_checks=True)
    browser.force_login(world.bob.user)
    response = browser.post(reverse("client-feeling"), {"symptoms": ["chest_pain"]})
    assert response.status_code == 403
    page = browser.get(reverse("client-today")).content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page
