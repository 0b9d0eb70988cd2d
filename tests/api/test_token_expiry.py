"""Optional API token expiry (issue 16, item 5): chosen when the token is created, shown
with its last use, and an expired token is refused with 401 and a message saying when it
expired and what to do."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client as HttpClient

from osteoload.services import api_tokens, clock
from osteoload.services.errors import InputError
from osteoload.store.models import ApiToken

from .conftest import API
from .test_auth import browser_of

pytestmark = pytest.mark.django_db


def _me(token: str) -> HttpClient:
    return HttpClient().get(f"{API}/me", headers={"Authorization": f"Bearer {token}"})


def test_a_token_with_an_expiry_works_until_then_and_is_refused_after(world, monkeypatch):
    token_id, token = api_tokens.create_token(world.alice.user, "phone", expires_in_days=30)
    record = ApiToken.objects.get(pk=token_id)
    assert record.expires is not None
    assert timedelta(days=29, hours=23) < record.expires - clock.now() <= timedelta(days=30)
    assert _me(token).status_code == 200
    later = record.expires + timedelta(seconds=1)
    monkeypatch.setattr("osteoload.services.clock.now", lambda: later)
    answer = _me(token)
    assert answer.status_code == 401
    detail = answer.json()["detail"]
    assert "expired on" in detail and record.expires.strftime("%Y-%m-%d") in detail
    assert "settings" in detail
    assert 'error="invalid_token"' in answer["WWW-Authenticate"]
    [info] = [t for t in api_tokens.list_tokens(world.alice.user) if t.token_id == token_id]
    assert info.expired and not info.active


def test_a_token_without_an_expiry_never_expires(world, monkeypatch):
    token_id, token = api_tokens.create_token(world.alice.user, "script")
    assert ApiToken.objects.get(pk=token_id).expires is None
    far = clock.now() + timedelta(days=5000)
    monkeypatch.setattr("osteoload.services.clock.now", lambda: far)
    assert _me(token).status_code == 200


@pytest.mark.parametrize("days", [0, -1, 3651, "soon", "1.5", True])
def test_a_bad_expiry_names_the_field(world, days):
    with pytest.raises(InputError) as caught:
        api_tokens.create_token(world.alice.user, "phone", expires_in_days=days)
    assert caught.value.issues[0].path == "expires_in_days"
    assert not ApiToken.objects.filter(name="phone").exists()


def test_the_api_creates_a_token_with_an_expiry_and_lists_it(world):
    browser, csrf = browser_of(world.alice.user)
    created = browser.post(
        f"{API}/tokens",
        {"name": "phone", "expires_in_days": 7},
        content_type="application/json",
        headers=csrf,
    )
    assert created.status_code == 201, created.content
    assert created.json()["expires"] is not None and created.json()["active"] is True
    listed = {t["name"]: t for t in browser.get(f"{API}/tokens").json()["items"]}
    assert listed["phone"]["expires"] is not None
    assert listed["alice's test token"]["expires"] is None
    refused = browser.post(
        f"{API}/tokens",
        {"name": "x", "expires_in_days": 0},
        content_type="application/json",
        headers=csrf,
    )
    assert refused.status_code == 422


def test_the_settings_page_offers_an_expiry_and_shows_it(world, monkeypatch):
    from django.urls import reverse

    browser = HttpClient()
    browser.force_login(world.alice.user)
    page = browser.get(reverse("settings")).content.decode()
    assert 'name="expires_in_days"' in page and "After 30 days" in page
    answer = browser.post(
        reverse("settings-token-create"), {"name": "tablet", "expires_in_days": "30"}
    )
    assert answer.status_code == 200
    record = ApiToken.objects.get(name="tablet")
    assert record.expires is not None
    assert f"{record.expires.day} {record.expires:%b %Y}" in answer.content.decode()
    bad = browser.post(reverse("settings-token-create"), {"name": "x", "expires_in_days": "0"})
    assert bad.status_code == 422
    later = record.expires + timedelta(minutes=1)
    monkeypatch.setattr("osteoload.services.clock.now", lambda: later)
    page = browser.get(reverse("settings")).content.decode()
    assert "Expired" in page
