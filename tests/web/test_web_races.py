"""Races through the whole stack (issue 16, items 4 and 5): the same invitation link sent
from two browsers at the same moment makes one login; the other browser is told the link
no longer works (404), never a server error. Threads against the database: SQLite (a file
copy, as the clinic runs it) and PostgreSQL in CI."""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client as Browser
from django.urls import reverse

from osteoload.services import clients
from osteoload.store.models import Account, Client
from tests import races
from tests.conftest import TODAY

from .conftest import PASSWORD, PROFILE, now

pytestmark = pytest.mark.django_db(transaction=True)


def test_one_invitation_sent_from_two_browsers_at_once_makes_one_login(monkeypatch) -> None:
    alice = clients.create_coach("alice", PASSWORD, display_name="Alice")
    bob_id = clients.create_client(alice, {**PROFILE, "name": "Bob Client"}, today=TODAY)
    token = clients.create_invite(alice, bob_id, now=now())
    url = reverse("invite", kwargs={"token": token})
    real = clients.create_user

    def slow_create_user(*args: Any, **kwargs: Any) -> Any:
        user = real(*args, **kwargs)
        time.sleep(0.3)  # the other browser arrives while this one holds the link
        return user

    monkeypatch.setattr(clients, "create_user", slow_create_user)
    lock = threading.Lock()
    answers: list[int] = []

    def accept(username: str) -> None:
        answer = Browser().post(
            url, {"username": username, "password": PASSWORD, "password2": PASSWORD}
        )
        with lock:
            answers.append(answer.status_code)

    with races.on_disk():
        results = races.at_once(lambda: accept("bob"), lambda: accept("bobby"))
        assert not any(isinstance(r, BaseException) for r in results), results
        assert sorted(answers) == [302, 404]
        assert Account.objects.filter(role="client").count() == 1
        assert get_user_model().objects.filter(username__in=["bob", "bobby"]).count() == 1
        assert Client.objects.get(pk=bob_id).user_id is not None
