"""Secrets (issue 16, item 5): one-time links and API tokens never reach a log, and a
password reset ends every other way into her account (API tokens and other sessions)."""

from __future__ import annotations

import logging

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from osteoload.services import api_tokens, clients
from osteoload.web.security import ScrubSecrets, scrub
from tests.web.conftest import PASSWORD, PROFILE, TODAY

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "another-long-password-77"


def _coach_and_client(login: str | None = "bea") -> tuple[object, int, object | None]:
    coach = clients.create_coach("alice", PASSWORD)
    client_id = clients.create_client(coach, {**PROFILE, "name": "Bea"}, today=TODAY)
    user = None
    if login:
        token = clients.create_invite(coach, client_id, now=timezone.now())
        user = clients.accept_invite(token, login, PASSWORD, now=timezone.now())
    return coach, client_id, user


def test_scrub_removes_invite_links_api_tokens_and_token_parameters():
    line = (
        'POST /invite/Zx9_-abcDEF123/ 422 "GET /api/v1/me?token=s3cret&x=1" '
        "Authorization: Bearer olk_AbC-d_123"
    )
    clean = scrub(line)
    assert clean == (
        'POST /invite/[redacted]/ 422 "GET /api/v1/me?token=[redacted]&x=1" '
        "Authorization: Bearer olk_[redacted]"
    )
    assert "Zx9_" not in clean and "s3cret" not in clean and "AbC" not in clean


def test_the_request_loggers_carry_the_scrubbing_filter():
    for name in ("django.request", "django.server", "gunicorn.access", "django.security.csrf"):
        assert any(isinstance(f, ScrubSecrets) for f in logging.getLogger(name).filters), name
    root_handlers = logging.getLogger().handlers
    assert any(isinstance(f, ScrubSecrets) for h in root_handlers for f in h.filters)


def test_a_mistyped_password_on_an_invite_link_logs_the_422_without_the_token(caplog):
    """The reported take-over: a 422 on /invite/<token>/ was logged with the live link."""
    coach, client_id, _ = _coach_and_client(login=None)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    caplog.set_level(logging.WARNING, logger="django.request")
    answer = Browser().post(
        reverse("invite", args=[token]),
        {"username": "bea", "password": PASSWORD, "password2": "not-the-same"},
    )
    assert answer.status_code == 422
    messages = [r.getMessage() for r in caplog.records]
    assert any("/invite/[redacted]/" in m for m in messages), messages
    assert not any(token in m for m in messages)
    assert not any(token in line for line in caplog.text.splitlines())


def test_gunicorn_style_access_records_are_scrubbed():
    record = logging.LogRecord(
        "gunicorn.access", logging.INFO, __file__, 1, '%(h)s "%(r)s" %(s)s',
        {"h": "10.0.0.1", "r": "GET /invite/live-token-123/ HTTP/1.1", "s": "200"}, None,
    )  # fmt: skip
    assert ScrubSecrets().filter(record)
    assert record.getMessage() == '10.0.0.1 "GET /invite/[redacted]/ HTTP/1.1" 200'


def test_a_password_reset_revokes_her_api_tokens():
    coach, client_id, user = _coach_and_client()
    _, token = api_tokens.create_token(user, "phone")
    _, other = api_tokens.create_token(user, "laptop")
    assert api_tokens.user_for_token(token) is not None
    reset = clients.create_invite(coach, client_id, now=timezone.now())
    clients.accept_invite(reset, "bea", NEW_PASSWORD, now=timezone.now())
    assert api_tokens.user_for_token(token) is None
    assert api_tokens.user_for_token(other) is None
    assert all(not t.active for t in api_tokens.list_tokens(user))
    answer = Browser().get("/api/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 401


def test_a_password_reset_ends_her_other_sessions_and_keeps_the_new_one():
    coach, client_id, user = _coach_and_client()
    old = Browser()
    assert old.post(reverse("login"), {"username": "bea", "password": PASSWORD}).status_code == 302
    assert old.get(reverse("client-today")).status_code == 200
    reset = clients.create_invite(coach, client_id, now=timezone.now())
    new = Browser()
    answer = new.post(
        reverse("invite", args=[reset]), {"password": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    assert answer.status_code == 302
    assert new.get(reverse("client-today")).status_code == 200  # the one who reset stays in
    gone = old.get(reverse("client-today"))
    assert gone.status_code == 302 and reverse("login") in gone["Location"]


def test_revoke_all_touches_only_her_active_tokens():
    coach, _, user = _coach_and_client()
    _, coach_token = api_tokens.create_token(coach, "coach laptop")
    first, _ = api_tokens.create_token(user, "phone")
    api_tokens.revoke_token(user, first)
    api_tokens.create_token(user, "tablet")
    assert api_tokens.revoke_all(user) == 1
    assert api_tokens.user_for_token(coach_token) is not None
