"""Two-factor sign-in for coaches (issue 16 item 7): TOTP through django-otp, turned on from
the coach's settings, asked after the password, required of coaches with
OSTEOLOAD_REQUIRE_2FA; API tokens are not affected. Codes come from django-otp's own TOTP."""

from __future__ import annotations

import time
from itertools import count

import pytest
from django.test import Client as Browser
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from osteoload.services import api_tokens

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

_addresses = count(1)


def code(device: TOTPDevice, steps_ahead: int = 0) -> str:
    """The code her app shows now (or ``steps_ahead`` steps of 30 s later)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + steps_ahead * device.step
    return f"{totp.token():0{device.digits}d}"


def log_in(username: str) -> Browser:
    browser = Browser(REMOTE_ADDR=f"10.20.{next(_addresses)}.1")
    response = browser.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content[:300]
    return browser


def enrol(browser: Browser, user) -> TOTPDevice:
    page = browser.get(reverse("settings-two-factor"))
    assert page.status_code == 200
    assert "type this key" in page.content.decode()
    qr = browser.get(reverse("settings-two-factor-qr"))
    assert qr.status_code == 200 and qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = browser.post(
        reverse("settings-two-factor"), {"action": "confirm", "code": code(device)}
    )
    assert response.status_code == 302, response.content[:500]
    device.refresh_from_db()
    assert device.confirmed
    return device


def test_without_an_authenticator_a_coach_logs_in_with_her_password(world):
    browser = log_in("alice")
    assert browser.get(reverse("coach-roster")).status_code == 200


def test_a_wrong_code_does_not_turn_it_on(world):
    browser = log_in("alice")
    browser.get(reverse("settings-two-factor"))
    response = browser.post(
        reverse("settings-two-factor"), {"action": "confirm", "code": "000000x"}
    )
    assert response.status_code == 422
    assert "6-digit code" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=world.alice.user, confirmed=True).exists()


def test_after_turning_it_on_each_login_asks_for_the_code(world):
    device = enrol(log_in("alice"), world.alice.user)
    browser = log_in("alice")
    roster = browser.get(reverse("coach-roster"))
    assert roster.status_code == 302
    assert roster["Location"].startswith(reverse("two-factor-verify"))
    # the API through her browser session waits for the code too
    assert browser.get("/api/v1/clients").status_code == 401
    wrong = browser.post(reverse("two-factor-verify"), {"code": "123456", "next": "/coach/"})
    assert wrong.status_code == 422
    assert "is not the code your app shows now" in wrong.content.decode()
    device.throttle_reset()
    right = browser.post(
        reverse("two-factor-verify"), {"code": code(device, steps_ahead=1), "next": "/coach/"}
    )
    assert right.status_code == 302 and right["Location"] == "/coach/"
    assert browser.get(reverse("coach-roster")).status_code == 200
    assert browser.get("/api/v1/clients").status_code == 200


def test_a_verify_next_cannot_send_her_elsewhere(world):
    device = enrol(log_in("alice"), world.alice.user)
    browser = log_in("alice")
    response = browser.post(
        reverse("two-factor-verify"),
        {"code": code(device, steps_ahead=1), "next": "https://evil.example/"},
    )
    assert response.status_code == 302 and response["Location"] == "/"


def test_api_tokens_are_not_affected(world):
    enrol(log_in("alice"), world.alice.user)
    _, token = api_tokens.create_token(world.alice.user, "script")
    response = Browser().get("/api/v1/clients", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200


def test_required_for_coaches_when_the_server_says_so(world, settings):
    settings.OSTEOLOAD_REQUIRE_2FA = True
    browser = log_in("alice")
    roster = browser.get(reverse("coach-roster"))
    assert roster.status_code == 302
    assert roster["Location"].startswith(reverse("settings-two-factor"))
    assert browser.get(reverse("settings-two-factor")).status_code == 200
    assert browser.get("/api/v1/clients").status_code == 401
    device = TOTPDevice.objects.get(user=world.alice.user, confirmed=False)
    browser.post(reverse("settings-two-factor"), {"action": "confirm", "code": code(device)})
    assert browser.get(reverse("coach-roster")).status_code == 200
    # it cannot be turned off while required
    refused = browser.post(
        reverse("settings-two-factor"), {"action": "disable", "code": code(device, 1)}
    )
    assert refused.status_code == 422
    assert TOTPDevice.objects.filter(user=world.alice.user, confirmed=True).exists()
    # clients sign in with their password only
    client = log_in("bob")
    assert client.get(reverse("client-today")).status_code == 200


def test_the_requirement_applies_to_a_session_that_began_before_it(world, settings):
    browser = log_in("alice")
    assert browser.get(reverse("coach-roster")).status_code == 200
    settings.OSTEOLOAD_REQUIRE_2FA = True
    assert browser.get(reverse("coach-roster")).status_code == 302


def test_turning_it_off_needs_a_current_code(world):
    browser = log_in("alice")
    device = enrol(browser, world.alice.user)
    refused = browser.post(reverse("settings-two-factor"), {"action": "disable", "code": "12"})
    assert refused.status_code == 422
    done = browser.post(
        reverse("settings-two-factor"), {"action": "disable", "code": code(device, 1)}
    )
    assert done.status_code == 302
    assert not TOTPDevice.objects.filter(user=world.alice.user).exists()
    assert log_in("alice").get(reverse("coach-roster")).status_code == 200


def test_the_page_is_for_coaches(world):
    client = log_in("bob")
    assert client.get(reverse("settings-two-factor")).status_code == 403


def test_the_settings_page_links_to_it_for_coaches(world):
    page = log_in("alice").get(reverse("settings")).content.decode()
    assert reverse("settings-two-factor") in page


def test_turning_it_on_makes_her_other_sessions_ask_for_the_code(world):
    other = log_in("alice")
    assert other.get(reverse("coach-roster")).status_code == 200
    enrol(log_in("alice"), world.alice.user)
    response = other.get(reverse("coach-roster"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("two-factor-verify"))


def test_a_page_costs_one_query_more_at_most(world, django_assert_max_num_queries):
    browser = log_in("alice")
    browser.get(reverse("coach-roster"))
    with django_assert_max_num_queries(12):
        assert browser.get(reverse("coach-roster")).status_code == 200
