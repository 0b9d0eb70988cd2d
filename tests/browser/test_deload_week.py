"""R18 deload weeks on her phone: after seven weeks logged as Today asked, the deload week's
Today names the easier week and shows each lighter weight the engine prescribed, in the box
she logs with and in the dose, without the plan's words asking her to choose a weight;
readable on a phone. Her coach reads each reason, with the drop served."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from osteoload.services import coaching
from osteoload.wording.logger import load_value
from tests.conftest import TODAY
from tests.web.conftest import PASSWORD
from tests.web.test_deload_week import in_her_deload_week

from .support import PageChecks, assert_phone_readable, coach_opens_her_next_session, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def test_r18_her_phone_in_a_deload_week_shows_the_engines_lighter_weights(
    open_page: Any, checks: PageChecks
) -> None:
    client_id, user = in_her_deload_week("dana")
    dosed = coaching.dosed_today(user, client_id, today=TODAY)
    assert dosed.next is not None and dosed.session is not None
    lighter = [
        served
        for item in dosed.session["items"]
        if (served := dosed.next.item(item["exercise_id"])) is not None
        and served.load_kg is not None
        and item["exercise_id"] in dosed.loadable
        and served.previous_load_kg is not None
        and served.load_kg < served.previous_load_kg
    ]
    assert lighter, "the deload week lightens at least one lift"

    phone = open_page("phone")
    log_in(phone, checks, "dana", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    expect(phone.locator(".lead")).to_contain_text("week 8: Easier week to recover")
    for served in lighter:
        value = load_value(served.load_kg, "kg")
        expect(phone.locator(f"#load-{served.exercise_id}")).to_have_value(value)
        card = phone.locator(f"#item-{served.exercise_id}")
        expect(card.locator(".dose")).to_contain_text(f"{value} kg")
        expect(card).not_to_contain_text("Choose a weight")  # the plan's words before a load
    phone.locator(f"#item-{lighter[0].exercise_id}").scroll_into_view_if_needed()
    checks.check(phone, "today-deload-week")
    assert_phone_readable(phone)

    # her coach reads each lighter lift's reason, the drop served in words (R18)
    desktop = open_page("desktop")
    panel = coach_opens_her_next_session(desktop, checks, "coach-dana", PASSWORD, "Dana Deload")
    for served in lighter:
        row = panel.locator("tr", has=desktop.get_by_role("rowheader", name=served.name))
        expect(row).to_contain_text(served.reason)
    expect(panel).to_contain_text("Planned deload week: about")
    checks.check(desktop, "coach-next-session-deload-week")
