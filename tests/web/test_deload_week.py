"""R18 deload weeks on her phone: Today shows the engine's lighter session, no more and no
less, and its words name the drop she is served."""

from __future__ import annotations

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse

from osteoload.devtools import simulation
from osteoload.domain.progression import Change
from osteoload.domain.vocabulary import Phase
from osteoload.services import client_programs, clients, coaching
from osteoload.wording.logger import load_value
from tests.conftest import TODAY

from .conftest import PASSWORD, PROFILE, Persona, _login

pytestmark = pytest.mark.django_db

#: Week 8 of a program is its first deload week (programming.phase_plan): a start seven
#: weeks before the Monday of TODAY's week puts TODAY in it.
START = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=7)


def in_her_deload_week(login: str = "dana") -> tuple[int, object]:
    """A client (the web tests' profile: dumbbells and machines) whose 12-week program
    started seven weeks before TODAY, with every session until TODAY logged as Today asked:
    (her id, her login)."""
    coach = clients.create_coach(f"coach-{login}", PASSWORD, display_name="Coach")
    client_id = clients.create_client(coach, {**PROFILE, "name": "Dana Deload"}, today=START)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=START, start=START, weeks=12
    )
    client_programs.assign_program(coach, client_id, program_id)
    user = _login(coach, client_id, login)
    for offset in range((TODAY - START).days):  # seven weeks and the deload week's Monday
        simulation.log_as_prescribed(user, client_id, START + timedelta(days=offset))
    return client_id, user


def test_r18_today_in_a_deload_week_shows_the_engines_lighter_session():
    """Her Today page in the deload week: the week named for what it is, each weight box
    holding the engine's lighter load (never above what she last lifted, never an
    increase), the dose saying the same weight and no plan words asking her to choose one;
    the reasons her coach reads name the drop served."""
    client_id, user = in_her_deload_week()
    dosed = coaching.dosed_today(user, client_id, today=TODAY)
    assert dosed.view.is_today and dosed.next is not None and dosed.session is not None
    assert dosed.next.prescriptions.phase is Phase.DELOAD
    page = Persona("dana", user).browser().get(reverse("client-today")).content.decode()
    page = html.unescape(page)
    assert "week 8: Easier week to recover" in page
    assert "Choose a weight" not in page  # every lift has her weight by now

    lighter = 0
    for item in dosed.session["items"]:
        served = dosed.next.item(item["exercise_id"])
        if served is None or served.load_kg is None or item["exercise_id"] not in dosed.loadable:
            continue
        value = load_value(served.load_kg, "kg")
        assert f'id="load-{item["exercise_id"]}" value="{value}"' in page, item["exercise_id"]
        assert item["load_kg"] == served.load_kg and item.get("note") is None
        if served.previous_load_kg is not None:
            assert served.load_kg <= served.previous_load_kg + 1e-6
        assert served.change is not Change.INCREASE
        said = re.search(r"about (\d+) % lighter", served.reason)
        if said:
            lighter += 1
            note = next(n for n in served.notes if n.outcome == "deload")
            basis = note.numbers.get("lighter_than_kg") or note.numbers["back_to_kg"]
            drop = 100 * (1 - served.load_kg / float(basis))  # type: ignore[arg-type]
            assert abs(int(said.group(1)) - drop) <= 0.5, served.reason
    assert lighter, "a deload week lightens at least one of her lifts"
