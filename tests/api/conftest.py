"""Fixtures for the API tests: the site's URL map, a fixed clock, and the personas.

Personas: ``alice`` coaches ``bob`` (a client with a login); ``carol`` is another coach,
whose client ``dave`` also has a login. Each persona has an API token.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.test import Client as HttpClient

from osteoload.services import api_tokens, clients
from tests.conftest import EXAMPLES, TODAY

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
PASSWORD = "a-long-enough-passphrase"
API = "/api/v1"


def example(name: str) -> dict[str, Any]:
    """An example profile as JSON data (dates as strings)."""
    path = next(p for p in EXAMPLES if name in p.name)
    data = (
        yaml.safe_load(path.read_text()) if path.suffix != ".json" else json.loads(path.read_text())
    )
    result: dict[str, Any] = json.loads(json.dumps(data, default=str))
    return result


@pytest.fixture(autouse=True)
def _site_urls(settings):
    settings.ROOT_URLCONF = "osteoload.urls"
    # WhiteNoise warns (an error under filterwarnings=error) when STATIC_ROOT is missing.
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch):
    monkeypatch.setattr("osteoload.services.clock.today", lambda: TODAY)


@dataclass
class Persona:
    name: str
    user: Any
    token: str | None
    client_id: int | None = None

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


@dataclass
class World:
    alice: Persona
    bob: Persona
    carol: Persona
    dave: Persona
    bob_id: int
    dave_id: int


def make_world() -> World:
    alice = clients.create_coach("alice", PASSWORD, display_name="Alice")
    carol = clients.create_coach("carol", PASSWORD, display_name="Carol")
    profile = example("02-early")
    bob_id = clients.create_client(alice, profile, today=TODAY)
    dave_id = clients.create_client(carol, example("01-healthy"), today=TODAY)
    bob = clients.accept_invite(
        clients.create_invite(alice, bob_id, now=NOW), "bob", PASSWORD, now=NOW
    )
    dave = clients.accept_invite(
        clients.create_invite(carol, dave_id, now=NOW), "dave", PASSWORD, now=NOW
    )

    def persona(name: str, user: Any, client_id: int | None = None) -> Persona:
        _, token = api_tokens.create_token(user, f"{name}'s test token")
        return Persona(name, user, token, client_id)

    return World(
        alice=persona("alice", alice),
        bob=persona("bob", bob, bob_id),
        carol=persona("carol", carol),
        dave=persona("dave", dave, dave_id),
        bob_id=bob_id,
        dave_id=dave_id,
    )


@pytest.fixture
def world(db) -> World:
    return make_world()


class Api:
    """A thin JSON client for /api/v1 with a persona's token."""

    def __init__(self, persona: Persona | None = None, http: HttpClient | None = None) -> None:
        self.persona = persona
        self.http = http or HttpClient()

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        raw: bytes | str | None = None,
        content_type: str = "application/json",
        **query: Any,
    ):
        headers = self.persona.headers() if self.persona else {}
        url = API + path
        if method == "GET":
            return self.http.get(url, query, headers=headers)
        data: Any = raw if raw is not None else (json.dumps(body) if body is not None else "")
        if query:
            from urllib.parse import urlencode

            url += "?" + urlencode(query)
        return getattr(self.http, method.lower())(
            url, data=data, content_type=content_type, headers=headers
        )

    def get(self, path: str, **query: Any):
        return self.call("GET", path, **query)

    def post(self, path: str, body: Any = None, **kw: Any):
        return self.call("POST", path, body, **kw)

    def put(self, path: str, body: Any = None, **kw: Any):
        return self.call("PUT", path, body, **kw)

    def delete(self, path: str, **kw: Any):
        return self.call("DELETE", path, **kw)


@pytest.fixture
def as_alice(world) -> Api:
    return Api(world.alice)


@pytest.fixture
def as_bob(world) -> Api:
    return Api(world.bob)


@pytest.fixture
def anonymous() -> Api:
    return Api()
