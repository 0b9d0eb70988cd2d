"""API tokens (created from a session, shown once, stored hashed, revocable) and the docs."""

from __future__ import annotations

import hashlib
import re

import pytest
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.test import Client as HttpClient

from osteoload.api.docs import operations
from osteoload.api.v1 import api
from osteoload.services import api_tokens
from osteoload.store.models import ApiToken
from tests.api.conftest import API, Api

pytestmark = pytest.mark.django_db


def browser_of(user) -> tuple[HttpClient, dict[str, str]]:
    browser = HttpClient(enforce_csrf_checks=True)
    browser.force_login(user)
    request = HttpRequest()
    masked = get_token(request)
    browser.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    return browser, {"X-CSRFToken": masked}


def test_a_token_is_shown_once_stored_hashed_and_stops_when_revoked(world):
    browser, csrf = browser_of(world.alice.user)
    created = browser.post(
        f"{API}/tokens", {"name": "phone"}, content_type="application/json", headers=csrf
    )
    assert created.status_code == 201
    token = created.json()["token"]
    assert token.startswith("olk_") and len(token) > 40
    assert created.json()["prefix"] == token[:12]
    record = ApiToken.objects.get(pk=created.json()["id"])
    assert record.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {record.name, record.prefix, record.token_hash}
    listed = browser.get(f"{API}/tokens").json()["items"]
    assert all("token" not in t for t in listed)
    assert {t["name"] for t in listed} == {"phone", "alice's test token"}

    me = HttpClient().get(f"{API}/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200
    revoked = browser.delete(f"{API}/tokens/{created.json()['id']}", headers=csrf)
    assert revoked.status_code == 204
    again = HttpClient().get(f"{API}/me", headers={"Authorization": f"Bearer {token}"})
    assert again.status_code == 401
    assert browser.get(f"{API}/tokens").json()["items"][0]["active"] is False
    assert browser.get(f"{API}/tokens", {"limit": 1, "offset": 1}).json()["count"] == 2


def test_a_token_cannot_manage_tokens(world, as_alice):
    response = as_alice.post("/tokens", {"name": "another"})
    assert response.status_code == 403
    assert "browser session" in response.json()["detail"]


def test_token_names_and_numbers_are_bounded(world):
    browser, csrf = browser_of(world.alice.user)
    blank = browser.post(f"{API}/tokens", {"name": ""}, content_type="application/json",
                         headers=csrf)  # fmt: skip
    assert blank.status_code == 422
    assert blank.json()["detail"][0]["field"] == "name"
    for i in range(api_tokens.MAX_ACTIVE - 1):
        api_tokens.create_token(world.alice.user, f"t{i}")
    too_many = browser.post(
        f"{API}/tokens", {"name": "one more"}, content_type="application/json", headers=csrf
    )
    assert too_many.status_code == 422
    assert "revoke one first" in too_many.json()["detail"][0]["message"]


@pytest.mark.parametrize(
    "header",
    [
        "Bearer",
        "Bearer ",
        "Basic YWxpY2U6cGFzcw==",
        "Bearer olk_" + "x" * 43,
        "Bearer " + "y" * 500,
    ],
)
def test_a_wrong_authorization_header_is_401(header, world):
    response = HttpClient().get(f"{API}/me", headers={"Authorization": header})
    assert response.status_code == 401


def test_a_deactivated_users_token_stops_working(world, as_alice):
    user = world.alice.user
    user.is_active = False
    user.save()
    assert as_alice.get("/me").status_code == 401


def test_a_session_reads_without_csrf_and_writes_with_it(world):
    browser, csrf = browser_of(world.bob.user)
    url = f"{API}/clients/{world.bob_id}/sets"
    body = {"date": "2026-11-24", "exercise_id": "goblet_squat", "reps": 8, "load_kg": 10}
    assert browser.get(url).status_code == 200
    assert browser.post(url, body, content_type="application/json").status_code == 403
    assert browser.post(url, body, content_type="application/json", headers=csrf).status_code == 201


def test_anonymous_requests_are_401_whatever_the_method(world):
    for method in ("get", "post", "put", "delete"):
        response = getattr(HttpClient(enforce_csrf_checks=True), method)(
            f"{API}/clients/{world.bob_id}"
        )
        assert response.status_code in (401, 405), method
        if response.status_code == 401:
            assert response.json()["detail"].startswith("Authentication required")


def test_the_openapi_document_and_the_docs_page_are_served(world):
    spec = HttpClient().get(f"{API}/openapi.json")
    assert spec.status_code == 200
    assert spec.json()["info"]["title"] == "osteoload API"
    page = HttpClient().get(f"{API}/docs")
    assert page.status_code == 200
    html = page.content.decode()
    # ninja is an installed app, so the docs page is Swagger UI from local static files.
    # (no address names a CDN; the page's random CSRF token may hold the letters "cdn")
    assert not re.search(r'(?:src|href)="[^"]*cdn', html, re.IGNORECASE)
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    assert re.search(r'src="/static/ninja/swagger-ui-bundle\.js"', html)
    asset = HttpClient().get("/static/ninja/swagger-ui-bundle.js")
    assert asset.status_code == 200
    asset.close()


def test_without_ninja_installed_the_docs_page_lists_every_operation(settings, world):
    settings.INSTALLED_APPS = [a for a in settings.INSTALLED_APPS if a != "ninja"]
    html = HttpClient().get(f"{API}/docs").content.decode()
    assert not re.search(r"<script[^>]+src=\"https?://", html)
    for method, path, op in operations(api.get_openapi_schema(path_prefix="/api/v1/")):
        assert f'id="{op["operationId"]}"' in html, (method, path)


def test_a_method_an_operation_does_not_have_is_405(world):
    response = Api(world.alice).call("PATCH", "/clients")
    assert response.status_code == 405
