"""Personas for the web tests, built through the services exactly as the app builds them.

coach_alice has client_bob (with his own login: "bob" stands for any client), coach_carol
has client_dave (with a login), and there is the anonymous visitor. The clock is fixed at
``TODAY`` (a Thursday), on which both clients have a strength session.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client as Browser
from django.utils import timezone

from osteoload.services import client_programs, clients, clock
from osteoload.services.errors import InputError
from tests.conftest import TODAY

PASSWORD = "a-long-test-password-42"
START = date(2026, 11, 23)  # the Monday before TODAY

PROFILE: dict[str, Any] = {
    "age": 62,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 10,
    "height_cm": 160,
    "weight_kg": 62,
    "bone": {"lumbar_spine_t": -1.8, "total_hip_t": -1.3, "femoral_neck_t": -1.5},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "intermediate",
    "equipment": ["dumbbells", "bodyweight", "step", "chair", "mat", "bands", "machines"],
    "schedule": {"resistance_days": [1, 4], "minutes_per_session": 45},
    "strength": [{"exercise": "goblet_squat", "load_kg": 12, "reps": 10, "rpe": 8}],
}


@dataclass
class Persona:
    name: str
    user: Any | None

    def browser(self) -> Browser:
        browser = Browser()
        if self.user is not None:
            browser.force_login(self.user)
        return browser


@dataclass
class World:
    alice: Persona
    bob: Persona
    carol: Persona
    dave: Persona
    anonymous: Persona
    bob_id: int
    dave_id: int
    bob_program: int
    dave_program: int

    def persona(self, name: str) -> Persona:
        persona: Persona = getattr(self, name)
        return persona


def now() -> datetime:
    return timezone.now()


def make_client(
    coach: Any, name: str, login: str | None, **changes: Any
) -> tuple[int, int | None, Any]:
    """A client with an assigned 4-week program from START (none when her screening is not
    ready, R32a); with a login if ``login``."""
    profile = {**PROFILE, "name": name, **changes}
    client_id = clients.create_client(coach, profile, today=TODAY)
    try:
        program_id = client_programs.generate_for_client(
            coach, client_id, today=TODAY, start=START, weeks=4
        )
    except InputError:  # R32a: screening withholds or needs clearance: no program
        return client_id, None, _login(coach, client_id, login)
    client_programs.assign_program(coach, client_id, program_id)
    return client_id, program_id, _login(coach, client_id, login)


def _login(coach: Any, client_id: int, login: str | None) -> Any | None:
    if not login:
        return None
    token = clients.create_invite(coach, client_id, now=now())
    return clients.accept_invite(token, login, PASSWORD, now=now())


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch):
    monkeypatch.setattr(clock, "today", lambda: TODAY)


def build_world() -> World:
    alice = clients.create_coach("alice", PASSWORD, display_name="Alice")
    carol = clients.create_coach("carol", PASSWORD, display_name="Carol")
    bob_id, bob_program, bob = make_client(alice, "Bob Client", "bob")
    dave_id, dave_program, dave = make_client(carol, "Dave Client", "dave")
    return World(
        alice=Persona("alice", alice),
        bob=Persona("bob", bob),
        carol=Persona("carol", carol),
        dave=Persona("dave", dave),
        anonymous=Persona("anonymous", None),
        bob_id=bob_id,
        dave_id=dave_id,
        bob_program=bob_program,
        dave_program=dave_program,
    )


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker):
    """Built once per test module (building it takes a while); each test's changes are
    rolled back by its own transaction, and the personas are removed afterwards."""
    with django_db_blocker.unblock():
        world = build_world()
    yield world
    with django_db_blocker.unblock():
        users = [world.alice.user, world.carol.user, world.bob.user, world.dave.user]
        get_user_model().objects.filter(pk__in=[u.pk for u in users]).delete()


@pytest.fixture
def world(shared_world, db) -> World:
    world: World = shared_world
    return world
