"""Every example profile renders on every page: intake through services, then the pages."""

from __future__ import annotations

import json

import pytest
import yaml
from django.test import Client as Browser
from django.urls import reverse

from osteoload.services import client_programs, clients
from osteoload.services.errors import InputError
from tests.conftest import EXAMPLES, TODAY

from .conftest import PASSWORD, now

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_client_pages_render(world, path):
    data = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    coach = world.alice.user
    client_id = clients.create_client(coach, data, today=TODAY)
    try:
        program_id = client_programs.generate_for_client(coach, client_id, today=TODAY, weeks=2)
    except InputError as exc:  # R32a: withheld or needs clearance: no program, says why
        assert all(i.message for i in exc.issues)
        program_id = None
    else:
        client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=now())
    user = clients.accept_invite(token, f"user-{path.stem[:2]}", PASSWORD, now=now())
    browser = world.alice.browser()
    for name in ("coach-client", "coach-client-edit", "coach-client-progress"):
        url = reverse(name, kwargs={"client_id": client_id})
        assert browser.get(url).status_code == 200, name
    if program_id is not None:
        url = reverse("coach-program", kwargs={"client_id": client_id, "program_id": program_id})
        assert browser.get(url).status_code == 200
    her = Browser()
    her.force_login(user)
    for name in ("client-today", "client-progress"):
        assert her.get(reverse(name)).status_code == 200, name
    # editing without changes keeps the profile valid and unchanged
    page = browser.get(reverse("coach-client-edit", kwargs={"client_id": client_id}))
    assert page.status_code == 200
