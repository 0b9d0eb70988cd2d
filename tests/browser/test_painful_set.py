"""A painful set on her phone (R32): she logs a set with pain 6/10 and the exercise's card
says at once what to do; the pain box is back at 0 for the next set."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from osteoload.services import training_log
from tests.conftest import TODAY

from .support import PageChecks
from .test_double_tap import first_strength_item, ines_with_a_program, open_today

pytestmark = pytest.mark.django_db(transaction=True)


def test_r32_a_set_logged_with_pain_6_says_skip_this_exercise_today(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    item, key = first_strength_item(phone)
    pain = item.locator(f"#pain-{key}")
    pain.select_option("6")
    item.get_by_role("button", name="I did this set").click()
    message = item.get_by_role("alert")
    expect(message).to_contain_text("Skip this exercise today; your coach will see it.")
    expect(message).to_be_in_viewport()
    expect(item.locator(f"#pain-{key}")).to_have_value("0")
    expect(item.locator(f"#count-{key}")).to_contain_text("1 of")
    checks.check(phone, "painful-set")
    rows = training_log.sets_on(user, client_id, TODAY)
    assert [(r["exercise_id"], r["pain"]) for r in rows] == [(key, 6)]


def test_an_empty_how_are_you_feeling_is_not_sent_and_says_what_to_do(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    phone.get_by_role("link", name="Tell us how you feel").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("How are you feeling?")
    checks.check(phone, "feeling")
    phone.get_by_role("button", name="Send").tap()
    expect(phone.get_by_role("alert")).to_contain_text("Nothing was sent")
    expect(phone).to_have_url(re.compile(r"/feeling/$"))
    checks.check(phone, "feeling-empty")
    assert training_log.symptom_reports(user, client_id) == []
    phone.get_by_role("button", name="I’m fine").tap()
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    checks.check(phone, "today-fine")
    assert training_log.symptom_reports(user, client_id)[0]["symptoms"] == []
