"""(d) The stop rule, end to end: chest pain pauses her program until her coach resumes it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from osteoload.services import client_programs, clients
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, assert_phone_readable, log_in

pytestmark = pytest.mark.django_db(transaction=True)

NAME = "Rosa Client"
PROFILE: dict[str, Any] = {
    "name": NAME,
    "age": 67,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 15,
    "bone": {"lumbar_spine_t": -1.9, "total_hip_t": -1.2},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}


def rosa_with_a_program() -> None:
    """Her coach, her profile, an assigned program with a session today, and her login."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    clients.accept_invite(token, "rosa", PASSWORD, now=timezone.now())


def roster_badges(page: Page) -> str:
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=NAME))
    return row.locator("td").nth(2).inner_text()


def test_chest_pain_pauses_the_program_until_the_coach_resumes_it(
    open_page: Any, checks: PageChecks
) -> None:
    rosa_with_a_program()
    phone = open_page("phone")
    log_in(phone, checks, "rosa", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    checks.check(phone, "today")

    phone.get_by_role("link", name="Tell us how you feel").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("How are you feeling?")
    checks.check(phone, "feeling")
    assert_phone_readable(phone, log_buttons=False)
    phone.get_by_label("Pain, pressure or tightness in my chest").check()
    phone.get_by_label("Anything else you want your coach to know?").fill("Since this morning.")
    checks.check(phone, "feeling-filled")
    phone.get_by_role("button", name="Send").tap()

    expect(phone).to_have_url(re.compile(r"/today/$"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Please stop exercising for now")
    expect(phone.get_by_text("contact your doctor")).to_be_visible()
    expect(phone.locator(".log-form")).to_have_count(0)
    expect(phone.get_by_role("button", name=re.compile("I did this set|Done"))).to_have_count(0)
    checks.check(phone, "today-paused")
    assert_phone_readable(phone, log_buttons=False)

    coach = open_page("desktop")
    log_in(coach, checks, "coach", PASSWORD)
    expect(coach.get_by_role("heading", level=1)).to_have_text("Clients")
    assert "Needs review: program stopped" in roster_badges(coach)
    checks.check(coach, "roster-needs-review")

    coach.get_by_role("link", name=NAME).click()
    paused = coach.locator("section[aria-labelledby=paused-h]")
    expect(paused).to_contain_text("Paused: she reported a stop symptom")
    expect(paused).to_contain_text("chest pain")
    checks.check(coach, "client-paused")
    paused.get_by_role("button", name="Reviewed: let her continue").click()

    expect(coach.get_by_text("Pause lifted: she can log sessions again.")).to_be_visible()
    expect(coach.locator("section[aria-labelledby=paused-h]")).to_have_count(0)
    checks.check(coach, "client-resumed")
    coach.get_by_role("link", name="Clients", exact=True).click()
    assert "Needs review" not in roster_badges(coach)
    checks.check(coach, "roster-resumed")

    phone.reload()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    expect(phone.locator(".log-form").first).to_be_visible()
    checks.check(phone, "today-resumed")
    assert_phone_readable(phone)
