"""Issue 17 items 1 and 3 in the browser: a coach pages through a client's three years of
log and reads her calendar (desktop and a 390 x 844 phone, by keyboard too); her Today page
shows each exercise's start and end pictures, loaded as she scrolls to them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from osteoload.services import clients
from tests.conftest import TODAY
from tests.history_seed import SeededClient, seed_three_years
from tests.web.conftest import make_client

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"the page scrolls sideways ({width} px)"


def days_shown(page: Page) -> list[str]:
    found: list[str] = page.locator(".history-day time").evaluate_all(
        "(els) => els.map((e) => e.getAttribute('datetime'))"
    )
    return found


def test_coach_pages_three_years_of_history_and_reads_the_calendar(
    open_page: Any, checks: PageChecks
) -> None:
    her: SeededClient = seed_three_years(today=TODAY, password=PASSWORD)

    desk = open_page("desktop")
    desk.context.set_default_timeout(30_000)  # three years of pages on a shared machine
    log_in(desk, checks, her.coach.get_username(), PASSWORD)
    checks.check(desk, "roster")
    desk.goto(f"/coach/clients/{her.client_id}/")
    checks.check(desk, "client")
    desk.get_by_role("link", name="Whole history").click()
    expect(desk.get_by_role("heading", level=1)).to_contain_text("History of")
    checks.check(desk, "history-page-1")
    status = desk.locator(".history-count")
    expect(status).to_contain_text(re.compile(r"training days · page 1 of \d+"))
    pages = int(re.search(r"of (\d+)", status.inner_text()).group(1))  # type: ignore[union-attr]
    assert pages > 20, "three years of training days"
    newest = days_shown(desk)
    assert newest == sorted(newest, reverse=True)

    seen = list(newest)
    for n in (2, 3):
        desk.get_by_role("link", name="Older").click()
        expect(status).to_contain_text(f"page {n} of {pages}")
        checks.check(desk, f"history-page-{n}")
        days = days_shown(desk)
        assert days and max(days) < min(seen)
        seen += days
    desk.get_by_role("link", name="Oldest").click()
    expect(status).to_contain_text(f"page {pages} of {pages}")
    checks.check(desk, "history-oldest")
    oldest = days_shown(desk)[-1]
    assert oldest < str(TODAY.replace(year=TODAY.year - 2))

    # One exercise over one year.
    desk.get_by_label("Exercise", exact=True).select_option(index=1)
    chosen = desk.get_by_label("Exercise", exact=True).input_value()
    desk.get_by_label("From", exact=True).fill(f"{TODAY.year - 1}-01-01")
    desk.get_by_label("To", exact=True).fill(f"{TODAY.year - 1}-12-31")
    desk.get_by_role("button", name="Show").click()
    expect(desk).to_have_url(re.compile(rf"exercise={chosen}"))
    checks.check(desk, "history-filtered")
    for day in days_shown(desk):
        assert day.startswith(str(TODAY.year - 1))

    # The calendar: this month, then the one before, by keyboard.
    desk.get_by_role("link", name="Calendar", exact=True).click()
    expect(desk.locator("table.calendar caption")).to_have_text(TODAY.strftime("%B %Y"))
    checks.check(desk, "calendar")
    expect(desk.locator("table.calendar td[aria-current=date]")).to_have_count(1)
    previous = desk.get_by_role("link", name="← Previous month")
    previous.focus()
    desk.keyboard.press("Enter")
    expect(desk).to_have_url(re.compile(r"month=\d{4}-\d{2}"))
    checks.check(desk, "calendar-previous")
    done = desk.locator("table.calendar a.day-status").first
    expect(done).to_be_visible()
    done.focus()
    expect(done).to_be_focused()
    desk.keyboard.press("Enter")
    expect(desk).to_have_url(re.compile(r"from=(\d{4}-\d{2}-\d{2})&to=\1"))
    checks.check(desk, "history-one-day")
    assert len(days_shown(desk)) == 1

    # On her coach's phone: the calendar and the log fit the screen.
    phone = open_page("phone")
    phone.context.set_default_timeout(30_000)
    log_in(phone, checks, her.coach.get_username(), PASSWORD)
    checks.check(phone, "roster-phone")
    phone.goto(f"/coach/clients/{her.client_id}/history/calendar/")
    checks.check(phone, "calendar-phone")
    no_sideways_scroll(phone)
    marks = phone.locator("table.calendar td .mark")
    assert marks.count() > 0
    expect(phone.locator("table.calendar caption")).to_be_visible()
    phone.goto(f"/coach/clients/{her.client_id}/history/?page=2")
    checks.check(phone, "history-phone")
    no_sideways_scroll(phone)
    expect(phone.locator(".history-count")).to_contain_text("page 2 of")


def test_her_today_page_shows_the_exercise_pictures(open_page: Any, checks: PageChecks) -> None:
    coach = clients.create_coach("picture-coach", PASSWORD, display_name="Coach Pia")
    make_client(coach, "Rosa Picture", "rosa")
    # make_client gives the login the web tests' password: set the browser tests' one.
    from django.contrib.auth import get_user_model

    rosa = get_user_model().objects.get(username="rosa")
    rosa.set_password(PASSWORD)
    rosa.save()

    phone = open_page("phone")
    log_in(phone, checks, "rosa", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    pictures = phone.locator("article.item img[src*='/pictures/']")
    assert pictures.count() >= 4
    for img in pictures.all():
        assert img.get_attribute("loading") == "lazy"
        assert re.search(r"(start|end) position", img.get_attribute("alt") or "")
    last = pictures.last
    last.scroll_into_view_if_needed()
    expect(last).to_be_visible()
    phone.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=last.element_handle()
    )
    checks.check(phone, "today-pictures")
    no_sideways_scroll(phone)

    phone.locator("article.item details.cues summary").first.click()
    phone.get_by_role("link", name="Bigger pictures and all the steps").first.click()
    expect(phone).to_have_url(re.compile(r"/how-to/"))
    first = phone.locator("img[src*='/pictures/']").first
    phone.wait_for_function("(img) => img.complete && img.naturalWidth > 0",
                            arg=first.element_handle())  # fmt: skip
    checks.check(phone, "how-to")
