"""Sign-in hardening (issue 16 item 7): lockout by user name across addresses and by address,
no account enumeration, user names of visible characters only."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client as Browser
from django.urls import reverse
from django.utils import timezone

from osteoload.services import clients
from osteoload.services.errors import InputError
from osteoload.services.untrusted import username_issue

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(username: str, password: str, address: str) -> int:
    response = Browser().post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )
    return response.status_code


def test_twenty_guesses_from_twenty_addresses_lock_the_account(world):
    statuses = [_login("bob", f"guess-{n}", f"10.0.{n}.1") for n in range(20)]
    assert 429 in statuses  # the user name is locked across addresses
    assert statuses.index(429) == settings.AXES_FAILURE_LIMIT - 1
    # even the right password from a new address waits out the cool-off
    assert _login("bob", PASSWORD, "10.9.9.9") == 429


def test_one_address_cannot_lock_out_somebody_else(world):
    """An address is locked after its own (lower) limit, before it could lock the account."""
    attacker = "192.0.2.66"
    assert settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT < settings.AXES_FAILURE_LIMIT
    statuses = [_login("bob", f"guess-{n}", attacker) for n in range(20)]
    assert statuses.index(429) == settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT - 1
    # the address is locked for every name it tries...
    assert _login("alice", PASSWORD, attacker) == 429
    # ...but bob, from his own address, still logs in
    assert _login("bob", PASSWORD, "198.51.100.7") == 302


def test_an_address_guessing_many_names_is_locked(world):
    statuses = [_login(f"name{n}", "guess", "203.0.113.5") for n in range(8)]
    assert statuses.index(429) == settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT - 1


def test_logging_in_to_ones_own_account_does_not_clear_guesses_at_anothers(world):
    attacker = "192.0.2.77"
    limit = settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT
    for n in range(limit - 1):
        assert _login("bob", f"guess-{n}", attacker) == 200
    assert _login("alice", PASSWORD, attacker) == 302  # her own login, from the same address
    assert _login("bob", "guess-last", attacker) == 429  # the count against bob stands


def _error_text(status_and_page: tuple[int, str]) -> tuple[int, str]:
    status, page = status_and_page
    page = re.sub(r"[A-Za-z0-9]{64}", "", page)  # CSRF tokens
    page = re.sub(r'value="[^"]*"', "", page)  # the name typed back into the form
    return status, page


def _login_page(username: str) -> tuple[int, str]:
    response = Browser().post(
        reverse("login"), {"username": username, "password": "wrong-password-1"},
        REMOTE_ADDR="198.51.100.20",
    )  # fmt: skip
    return response.status_code, response.content.decode()


def test_the_login_answer_does_not_say_whether_a_login_exists(world):
    assert _error_text(_login_page("bob")) == _error_text(_login_page("nobody-has-this"))


def _invite_page(world, username: str, address: str = "198.51.100.30") -> tuple[int, str]:
    client_id = clients.create_client(
        world.alice.user, {"age": 66, "sex": "female", "name": "Eve"}, today=timezone.localdate()
    )
    token = clients.create_invite(world.alice.user, client_id, now=timezone.now())
    response = Browser().post(
        reverse("invite", args=[token]),
        {"username": username, "password": PASSWORD, "password2": PASSWORD},
        REMOTE_ADDR=address,
    )
    return response.status_code, response.content.decode()


def test_the_invitation_form_does_not_name_or_confirm_a_taken_login(world):
    status, page = _invite_page(world, "bob")
    assert status == 422
    assert "is not available; choose another" in page
    assert "already" not in page and "bob&#x27;" not in page


def test_trying_names_on_the_invitation_form_is_throttled_like_passwords(world):
    """Each taken name tried counts as a failed login from that address: after the address
    limit, the form answers 429 whatever the name, so logins cannot be listed by trying."""
    address = "192.0.2.99"
    limit = settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT
    statuses = [_invite_page(world, name, address)[0] for name in ["bob", "dave", "alice"] * 3]
    assert statuses[: limit - 1] == [422] * (limit - 1)
    assert statuses[limit:] == [429] * (len(statuses) - limit)
    # a free name from another address still works
    assert _invite_page(world, "eve.smith", "198.51.100.31")[0] == 302


@pytest.mark.parametrize(
    "name", ["<script>alert(1)</script>", "bo\u200bb", "bob\u202e", "bob\x00", "bo b", "a\tb"]
)
def test_user_names_are_limited_to_visible_characters(world, name):
    with pytest.raises(InputError) as caught:
        clients.create_coach(name, PASSWORD)
    issue = caught.value.issues[0]
    assert issue.path == "username"
    assert "is not allowed in a user name" in issue.message
    status, page = _invite_page(world, name)
    assert status == 422 and "is not allowed in a user name" in page


@pytest.mark.parametrize("name", ["maria", "María.García", "coach-2", "ana+clinic@example.org"])
def test_ordinary_user_names_are_fine(name):
    assert username_issue(name) is None


def _proxied_login(username: str, password: str, forwarded: str) -> int:
    response = Browser().post(
        reverse("login"), {"username": username, "password": password},
        REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded,
    )  # fmt: skip
    return response.status_code


def test_behind_the_proxy_each_client_address_counts_on_its_own(world, settings):
    """Behind nginx every request comes from the proxy's address: the lockout counts the
    address the proxy adds last to X-Forwarded-For, so one client's wrong passwords do not
    lock everybody out, and a forged first entry changes nothing."""
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    limit = settings.OSTEOLOAD_ADDRESS_FAILURE_LIMIT
    statuses = [
        _proxied_login(f"name{n}", "guess", f"10.{n}.0.1, 203.0.113.50") for n in range(limit)
    ]
    assert statuses[-1] == 429  # the forged first entries did not spread the count
    assert _proxied_login("bob", PASSWORD, "203.0.113.51") == 302  # another client is fine


@pytest.mark.parametrize("name", ["bo\x00b", "<script>", "bo\u200bb"])
def test_the_login_form_answers_odd_names_like_any_wrong_login(world, name):
    """(On PostgreSQL a NUL in a query was a server error.)"""
    assert _login(name, "wrong-password-1", "198.51.100.40") == 200
