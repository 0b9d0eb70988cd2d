"""Reminders in the browser (issue 15 item 5): on her phone she makes her calendar address,
copies it with one tap and the address serves her calendar; her coach's invitation page
shows the link's QR code under the strict Content-Security-Policy. Every page passes axe."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from osteoload.services import client_programs, clients
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE: dict[str, Any] = {
    "name": "Irene Client",
    "age": 66,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 14,
    "bone": {"lumbar_spine_t": -1.9, "total_hip_t": -1.2},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}


def irene() -> int:
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    clients.accept_invite(token, "irene", PASSWORD, now=timezone.now())
    return client_id


def test_on_her_phone_she_makes_and_copies_her_calendar_address(
    open_page: Any, checks: PageChecks
) -> None:
    irene()
    page = open_page("phone")
    log_in(page, checks, "irene", PASSWORD)
    checks.check(page, "today")
    page.goto("/booklet/")
    checks.check(page, "booklet-no-calendar")
    page.get_by_label("Usual training time").fill("18:30")
    page.get_by_role("button", name="Make a calendar address").click()
    expect(page.get_by_role("heading", name="Reminders on your phone's calendar")).to_be_visible()
    checks.check(page, "booklet-calendar")
    webcal = page.get_by_label("Address for phone calendars (webcal)").input_value()
    https = page.get_by_label("The same address for other calendars (https)").input_value()
    assert webcal.startswith("webcal://") and re.search(r"/calendar/[\w-]{40,}\.ics$", webcal)
    assert https.split("://", 1)[1] == webcal.split("://", 1)[1]
    expect(page.get_by_role("link", name="Subscribe on this phone")).to_have_attribute(
        "href", webcal
    )
    page.get_by_role("button", name="Copy the webcal address").click()
    expect(page.locator("#feed-status")).not_to_be_empty()
    feed = page.request.get(https)
    assert feed.status == 200 and "no-store" in feed.headers["cache-control"]
    events = Calendar.from_ical(feed.body()).walk("VEVENT")
    assert events and all(len(e.walk("VALARM")) == 1 for e in events)
    assert {e.decoded("dtstart").strftime("%H:%M") for e in events} == {"18:30"}

    page.get_by_role("button", name="Revoke the address").click()
    expect(page.get_by_role("button", name="Make a calendar address")).to_be_visible()
    checks.check(page, "booklet-revoked")
    assert page.request.get(https).status == 404


def test_the_invitation_page_shows_a_qr_code_under_the_strict_csp(
    open_page: Any, checks: PageChecks
) -> None:
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    page = open_page("desktop")
    blocked: list[str] = []
    page.on(
        "console",
        lambda m: blocked.append(m.text) if "Content Security Policy" in m.text else None,
    )
    log_in(page, checks, "coach", PASSWORD)
    checks.check(page, "roster")
    page.goto(f"/coach/clients/{client_id}/")
    checks.check(page, "client")
    page.get_by_role("button", name="Create invitation link").click()
    qr = page.locator("#invite-qr svg")
    expect(qr).to_be_visible()
    box = qr.bounding_box()
    assert box is not None and box["width"] >= 150 and abs(box["width"] - box["height"]) < 1
    expect(
        page.get_by_role("img", name=re.compile("QR code of the invitation link"))
    ).to_be_visible()
    checks.check(page, "invitation")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.locator("#invite-status")).not_to_be_empty()
    assert not blocked, blocked
