"""A painful set on her phone (R32): she logs a set with pain 6/10 and the exercise's card
says at once what to do; the pain box is back at 0 for the next set."""

from __future__ import annotations

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
