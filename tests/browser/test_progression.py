"""Issue 14, end to end: a client who logs her sessions as prescribed sees heavier loads on
her phone within two weeks, with what she did last time, and her coach sees each change
with its reason."""

from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any

import pytest
import yaml
from django.utils import timezone
from playwright.sync_api import expect

from osteoload.devtools import simulation
from osteoload.services import client_programs, clients
from tests.conftest import EXAMPLES, TODAY

from .support import (
    PASSWORD,
    PageChecks,
    assert_phone_readable,
    coach_opens_her_next_session,
    log_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Beatriz Costa"
#: Two full weeks before TODAY (a Thursday): the program starts on the Monday of week 1.
START = TODAY - timedelta(days=TODAY.weekday()) - timedelta(weeks=2)


def profile() -> dict[str, Any]:
    """Example 02 (she lifts at a gym), training Mondays and Thursdays, her strength sets
    recorded the week before the program."""
    path = next(p for p in EXAMPLES if "02-early" in p.name)
    data: dict[str, Any] = json.loads(json.dumps(yaml.safe_load(path.read_text()), default=str))
    data["schedule"] = {"resistance_days": [1, 4], "minutes_per_session": 55}
    for entry in data["strength"]:
        entry["date"] = (START - timedelta(days=4)).isoformat()
    data.pop("tests", None)
    data["bone"].pop("scans", None)
    return data


def beatriz_after_two_weeks() -> dict[str, float]:
    """Her coach, her assigned program from START, her login, and two weeks of sessions
    logged exactly as her Today page asked. Returns the first load each lift was given."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, profile(), today=START)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=START, start=START, weeks=8
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    user = clients.accept_invite(token, "beatriz", PASSWORD, now=timezone.now())
    first: dict[str, float] = {}
    for offset in range((TODAY - START).days):
        day: date = START + timedelta(days=offset)
        session = simulation.log_as_prescribed(user, client_id, day)
        for item in (session or {}).get("items", []):
            if item.get("load_kg"):
                first.setdefault(item["exercise_id"], float(item["load_kg"]))
    assert first, "her first weeks prescribe loads"
    return first


def test_her_loads_rise_on_today_within_two_weeks(open_page: Any, checks: PageChecks) -> None:
    first = beatriz_after_two_weeks()

    phone = open_page("phone")
    log_in(phone, checks, "beatriz", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    expect(phone.locator(".last-time").first).to_contain_text("Last time:")
    heavier = []
    for exercise_id, week_one in first.items():
        field = phone.locator(f"#load-{exercise_id}")
        if field.count() and field.input_value() and float(field.input_value()) > week_one:
            heavier.append(exercise_id)
            item = phone.locator(f"#item-{exercise_id}")
            expect(item.locator(".dose")).to_contain_text(f"Weight: {field.input_value()}")
    assert heavier, f"no load on Today heavier than the first one given ({first})"
    phone.locator(f"#item-{heavier[0]}").scroll_into_view_if_needed()
    checks.check(phone, "today-heavier")
    assert_phone_readable(phone)

    desktop = open_page("desktop")
    panel = coach_opens_her_next_session(desktop, checks, "coach", PASSWORD, NAME)
    expect(panel).to_contain_text("Next session, from her log")
    expect(panel.get_by_text("Up", exact=True).first).to_be_visible()
    checks.check(desktop, "coach-next-session")
