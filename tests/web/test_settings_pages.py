"""Settings pages (issue 17, item 4): API tokens (created and shown once, used on the API as
docs/api.md says, last use shown, revoked), the clinic's details from the server's settings,
and changing her password (which revokes her tokens and ends her other sessions)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import Client as Browser
from django.urls import reverse

from osteoload.services import accounts, api_tokens
from osteoload.services.access import NotFound
from osteoload.services.errors import InputError
from osteoload.web.security import CONTENT_SECURITY_POLICY

from .conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]
NEW_PASSWORD = "another-long-password-77"
TOKEN_RE = re.compile(r"olk_[A-Za-z0-9_\-]{43}")


def _api_me(token: str) -> int:
    """GET /api/v1/me with the token as docs/api.md says: ``Authorization: Bearer <token>``."""
    answer = Browser().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    return int(answer.status_code)


def _stored(user):  # type: ignore[no-untyped-def]
    """A fresh copy from the database (the personas' own objects are shared by the module's
    tests, and must keep the password they were built with)."""
    return get_user_model().objects.get(pk=user.pk)


def _create(browser: Browser, name: str = "phone app") -> tuple[str, str]:
    """Create a token from the page; returns the token shown and the page's HTML."""
    answer = browser.post(reverse("settings-token-create"), {"name": name})
    assert answer.status_code == 200
    html = answer.content.decode()
    found = TOKEN_RE.findall(html)
    assert found, html
    assert len(set(found)) == 1
    return found[0], html


@pytest.mark.django_db
def test_a_created_token_is_shown_once_and_works_on_the_api(world):
    browser = world.alice.browser()
    token, html = _create(browser)
    assert "shown only now" in html
    assert 'data-copy="new-token"' in html  # the copy button, shown by js/copy.js
    assert "osteoload/js/copy.js" in html
    assert _api_me(token) == 200
    later = browser.get(reverse("settings")).content.decode()
    assert token not in later
    assert TOKEN_RE.search(later) is None
    assert token[: api_tokens.SHOWN_CHARS] in later  # told apart by its first characters
    assert "phone app" in later


@pytest.mark.django_db
def test_last_used_is_shown_after_a_use(world):
    browser = world.alice.browser()
    token, html = _create(browser, "spreadsheet")
    row = _row(html, "spreadsheet")
    assert "Never" in row
    assert _api_me(token) == 200
    row = _row(browser.get(reverse("settings")).content.decode(), "spreadsheet")
    assert "Never" not in row
    used = api_tokens.list_tokens(world.alice.user)[0].last_used
    assert used is not None
    assert f"{used.day} {used:%b %Y}" in row


def _row(html: str, name: str) -> str:
    match = re.search(rf"<tr>\s*<th scope=\"row\">{re.escape(name)}</th>(.*?)</tr>", html, re.S)
    assert match, html
    return match.group(1)


@pytest.mark.django_db
def test_revoke_stops_the_token_at_once(world):
    browser = world.alice.browser()
    token, _ = _create(browser)
    token_id = api_tokens.list_tokens(world.alice.user)[0].token_id
    answer = browser.post(reverse("settings-token-revoke", args=[token_id]), follow=True)
    assert answer.redirect_chain[-1] == (reverse("settings"), 302)
    html = answer.content.decode()
    assert "is revoked" in html
    assert "Revoked " in _row(html, "phone app")
    assert _api_me(token) == 401


@pytest.mark.django_db
def test_revoke_is_post_only(world):
    _, token = api_tokens.create_token(world.alice.user, "x")
    token_id = api_tokens.list_tokens(world.alice.user)[0].token_id
    url = reverse("settings-token-revoke", args=[token_id])
    assert world.alice.browser().get(url).status_code == 405
    assert _api_me(token) == 200


@pytest.mark.django_db
def test_a_client_cannot_revoke_or_see_a_coachs_token(world):
    _, token = api_tokens.create_token(world.alice.user, "alice's secret")
    token_id = api_tokens.list_tokens(world.alice.user)[0].token_id
    for persona in (world.bob, world.carol, world.dave):
        browser = persona.browser()
        url = reverse("settings-token-revoke", args=[token_id])
        assert browser.post(url).status_code == 404
        assert "alice&#x27;s secret" not in browser.get(reverse("settings")).content.decode()
    assert _api_me(token) == 200


@pytest.mark.django_db
def test_a_client_manages_her_own_tokens(world):
    browser = world.bob.browser()
    page = browser.get(reverse("settings")).content.decode()
    assert "can log your sets" in page
    assert 'aria-current="page">Settings' in page
    token, _ = _create(browser, "my phone")
    me = Browser().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"}).json()
    assert me["role"] == "client" and me["client_id"] == world.bob_id


@pytest.mark.django_db
def test_a_token_name_is_required(world):
    answer = world.alice.browser().post(reverse("settings-token-create"), {"name": "  "})
    assert answer.status_code == 422
    html = answer.content.decode()
    assert "Name of the token: is required" in html
    assert TOKEN_RE.search(html) is None
    assert api_tokens.list_tokens(world.alice.user) == []


@pytest.mark.django_db
def test_anonymous_is_sent_to_the_login(world):
    browser = Browser()
    for url, method in (
        (reverse("settings"), "get"),
        (reverse("settings-token-create"), "post"),
        (reverse("settings-token-revoke", args=[1]), "post"),
        (reverse("settings-password"), "get"),
        (reverse("settings-password"), "post"),
    ):
        answer = getattr(browser, method)(url)
        assert answer.status_code == 302, url
        assert answer["Location"].startswith(reverse("login") + "?next=")


@pytest.mark.django_db
def test_a_login_without_a_role_is_refused():
    user = get_user_model().objects.create_user(username="norole", password=PASSWORD)
    browser = Browser()
    browser.force_login(user)
    assert browser.get(reverse("settings")).status_code == 403


@pytest.mark.django_db
def test_both_navigations_link_to_settings(world):
    for persona, start in ((world.alice, "coach-roster"), (world.bob, "client-today")):
        html = persona.browser().get(reverse(start)).content.decode()
        assert f'href="{reverse("settings")}"' in html


@pytest.mark.django_db
def test_the_settings_page_keeps_the_strict_csp(world):
    answer = world.alice.browser().get(reverse("settings"))
    assert answer["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert "no-store" in answer["Cache-Control"]
    created = world.alice.browser().post(reverse("settings-token-create"), {"name": "x"})
    assert "no-store" in created["Cache-Control"]  # the token is never kept by a cache


@pytest.mark.django_db
def test_the_settings_page_the_docs_point_to_exists(world):
    """docs/api.md and the README send people to /settings/ for tokens: it answers, and a
    coach finds the API's own documentation page from it."""
    for doc in ("docs/api.md", "README.md"):
        assert "`/settings/`" in (ROOT / doc).read_text(encoding="utf-8")
    assert reverse("settings") == "/settings/"
    html = world.alice.browser().get("/settings/").content.decode()
    assert f'href="{reverse("api-v1:openapi-view")}"' in html
    assert world.alice.browser().get(reverse("api-v1:openapi-view")).status_code == 200


@pytest.mark.django_db
def test_the_copy_script_is_served_by_the_app_itself():
    from django.templatetags.static import static

    answer = Browser().get(static("osteoload/js/copy.js"))
    assert answer.status_code == 200
    text = b"".join(answer.streaming_content).decode()  # type: ignore[attr-defined]
    assert "data-copy" in text and "clipboard" in text
    assert "http" not in text  # no CDN, nothing fetched


@pytest.mark.django_db
def test_clinic_details_are_shown_read_only_with_where_to_change_them(world, settings):
    settings.OSTEOLOAD_CLINIC_NAME = "Riverside Bone Clinic"
    settings.OSTEOLOAD_CLINIC_PHONE = "+44 1632 960 123"
    coach = world.alice.browser().get(reverse("settings")).content.decode()
    assert "Riverside Bone Clinic" in coach
    assert 'href="tel:+441632960123"' in coach
    assert "OSTEOLOAD_CLINIC_NAME" in coach and "OSTEOLOAD_CLINIC_PHONE" in coach
    assert 'name="clinic' not in coach  # read-only: no inputs for them
    client = world.bob.browser().get(reverse("settings")).content.decode()
    assert "Riverside Bone Clinic" in client and "Alice" in client
    assert "OSTEOLOAD_CLINIC_NAME" not in client


@pytest.mark.django_db
def test_clinic_details_unset(world, settings):
    settings.OSTEOLOAD_CLINIC_NAME = ""
    settings.OSTEOLOAD_CLINIC_PHONE = "none"
    details = accounts.clinic_details()
    assert details == accounts.ClinicDetails(name="", phone="", tel="")
    html = world.alice.browser().get(reverse("settings")).content.decode()
    assert "tel:" not in html and "Not set" in html


@pytest.mark.django_db
def test_password_change_works_and_revokes_tokens_and_other_sessions(world):
    user = world.alice.user
    _, token = api_tokens.create_token(user, "script")
    browser = world.alice.browser()
    elsewhere = world.alice.browser()
    assert elsewhere.get(reverse("settings")).status_code == 200
    answer = browser.post(
        reverse("settings-password"),
        {
            "current_password": PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert answer.redirect_chain[-1] == (reverse("settings"), 302)
    html = answer.content.decode()
    assert "Your password is changed" in html and "1 API token is revoked" in html
    assert _stored(user).check_password(NEW_PASSWORD)
    assert _api_me(token) == 401
    assert browser.get(reverse("settings")).status_code == 200  # this session carries on
    logged_out = elsewhere.get(reverse("settings"))
    assert logged_out.status_code == 302
    assert logged_out["Location"].startswith(reverse("login"))
    login = Browser().post(reverse("login"), {"username": "alice", "password": NEW_PASSWORD})
    assert login.status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"current_password": "wrong-password-123", "new_password": NEW_PASSWORD,
          "new_password2": NEW_PASSWORD}, "Current password: is not your current password"),
        ({"current_password": PASSWORD, "new_password": NEW_PASSWORD,
          "new_password2": NEW_PASSWORD + "x"},
         "Type the new password again: is not the same as the new password"),
        ({"current_password": PASSWORD, "new_password": "short", "new_password2": "short"},
         "New password: This password is too short"),
        ({"current_password": PASSWORD, "new_password": PASSWORD, "new_password2": PASSWORD},
         "New password: is the same as your current password"),
        ({"current_password": PASSWORD}, "New password: required"),
    ],
)  # fmt: skip
def test_a_refused_password_change_says_why_and_changes_nothing(world, data, message):
    user = world.alice.user
    _, token = api_tokens.create_token(user, "script")
    answer = world.alice.browser().post(reverse("settings-password"), data)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert message in html
    assert PASSWORD not in html and NEW_PASSWORD not in html  # passwords never echoed
    assert _stored(user).check_password(PASSWORD)
    assert _api_me(token) == 200


@pytest.mark.django_db
def test_a_client_changes_her_password(world):
    browser = world.bob.browser()
    assert browser.get(reverse("settings-password")).status_code == 200
    answer = browser.post(
        reverse("settings-password"),
        {"current_password": PASSWORD, "new_password": NEW_PASSWORD,
         "new_password2": NEW_PASSWORD},
    )  # fmt: skip
    assert answer.status_code == 302
    assert _stored(world.bob.user).check_password(NEW_PASSWORD)


@pytest.mark.django_db
def test_change_password_service_refuses_anonymous():
    from django.contrib.auth.models import AnonymousUser

    with pytest.raises(NotFound):
        accounts.change_password(AnonymousUser(), "a", "b", "b")


@pytest.mark.django_db
def test_change_password_service_names_every_problem_at_once(world):
    with pytest.raises(InputError) as caught:
        accounts.change_password(world.alice.user, "wrong", "x", "y")
    fields = [i.path for i in caught.value.issues]
    assert fields == ["current_password", "new_password2"]
