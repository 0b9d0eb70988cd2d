"""Issue 17 item 5: on the coach's program page one week is written out and the others load
on demand: "Show week N" (a button with aria-expanded) brings that week in with htmx, "Hide
week N" takes it away, and a swap shows in a week loaded afterwards."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from osteoload.services import client_programs, clients
from tests.conftest import TODAY
from tests.web.conftest import make_client

from .support import PASSWORD, PageChecks, log_in


def test_coach_shows_and_hides_weeks_and_swaps_in_a_loaded_week(
    open_page: Any, checks: PageChecks
) -> None:
    coach = clients.create_coach("weeks-coach", PASSWORD, display_name="Wendy")
    client_id, _, _ = make_client(coach, "Week Client", None)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=12
    )
    document = client_programs.program_for(coach, client_id, program_id)
    week3 = [i for s in document["weeks"][2]["sessions"] for i in s["items"]]
    old = next(
        i
        for i in week3
        if client_programs.swap_options(coach, client_id, program_id, i["exercise_id"], today=TODAY)
    )
    new = client_programs.swap_options(
        coach, client_id, program_id, old["exercise_id"], today=TODAY
    )[0]

    page = open_page("desktop")
    log_in(page, checks, "weeks-coach", PASSWORD)
    checks.check(page, "roster")
    page.goto(f"/coach/clients/{client_id}/programs/{program_id}/")
    checks.check(page, "program-one-week")
    week = page.locator("#week-3")
    show = week.get_by_role("button", name="Show week 3")
    expect(show).to_have_attribute("aria-expanded", "false")
    expect(week.locator("table")).to_have_count(0)
    show.click()
    hide = week.get_by_role("button", name="Hide week 3")
    expect(hide).to_have_attribute("aria-expanded", "true")
    expect(week.locator("table").first).to_be_visible()
    expect(week.locator("th[scope=row]", has_text=old["name"]).first).to_be_visible()
    expect(page).to_have_url(f"/coach/clients/{client_id}/programs/{program_id}/")  # htmx
    checks.check(page, "program-week-3-loaded")
    hide.click()
    expect(week.get_by_role("button", name="Show week 3")).to_have_attribute(
        "aria-expanded", "false"
    )
    expect(week.locator("table")).to_have_count(0)

    page.locator(f"#swap-{old['exercise_id']}").get_by_role("link", name="Alternatives").click()
    page.locator(f"#swap-new-{old['exercise_id']}").select_option(new["id"])
    page.locator(f"#swap-{old['exercise_id']}").get_by_role("button", name="Swap").click()
    checks.check(page, "program-after-swap")
    week.get_by_role("button", name="Show week 3").click()
    expect(week.get_by_role("button", name="Hide week 3")).to_be_visible()
    expect(week.locator("th[scope=row]", has_text=new["name"]).first).to_be_visible()
    expect(week.locator("th[scope=row]", has_text=old["name"])).to_have_count(0)
    checks.check(page, "program-week-3-after-swap")
