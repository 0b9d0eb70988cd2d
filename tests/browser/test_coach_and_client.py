"""A coach sets a client up, the client trains on her phone, the coach sees it.

One story in three acts, as it happens in real life: (a) intake to invitation link on the
coach's computer, (b) the client's first session on her phone, (c) the coach's roster and
the progress charts the next day.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from osteoload.domain.vocabulary import KEY_LIFT_IDS
from osteoload.services import clients
from tests.conftest import TODAY

from .support import (
    MIN_TAP_PX,
    PASSWORD,
    AppClock,
    PageChecks,
    assert_phone_readable,
    heights,
    log_in,
)

pytestmark = pytest.mark.django_db(transaction=True)

CLIENT = "Maria Lopez"
#: How the pages write the app's today: "Thursday 26 November", "26 Nov 2026", "Thu 26 Nov".
LONG_DAY = f"{TODAY:%A} {TODAY.day} {TODAY:%B}"
ROSTER_DAY = f"{TODAY.day} {TODAY:%b %Y}"
LOG_DAY = f"{TODAY:%a} {TODAY.day} {TODAY:%b}"
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def training_days() -> list[str]:
    """Two days with rest between them, one of them the app's today."""
    first = TODAY.isoweekday() - 1
    return [WEEKDAYS[first], WEEKDAYS[(first + 3) % 7]]


def fill_intake(page: Page) -> None:
    """The intake form, field by field, as a coach types it."""
    page.get_by_label("Name", exact=True).fill(CLIENT)
    page.get_by_label(re.compile(r"^Age\b")).fill("63")
    page.get_by_label("Sex").select_option(label="Female")
    page.get_by_label("Menopause", exact=True).select_option(
        label="After menopause (no period for 12 months or more)"
    )
    page.get_by_label("Years since her last period").fill("11")
    page.get_by_label("Height (cm)").fill("158")
    page.get_by_label("Weight", exact=True).fill("61.5")
    page.get_by_label("Units for weights").select_option(label="Kilograms (kg)")
    page.get_by_label("Lower spine T-score").fill("-2.1")
    page.get_by_label("Whole hip T-score").fill("-1.4")
    page.get_by_label("Femoral neck T-score").fill("-1.7")
    page.get_by_label("Number of falls").fill("0")
    page.get_by_label("The seven PAR-Q+ questions have been answered").check()
    # PAR-Q: she answered no to all seven, so none of the "yes" boxes is ticked.
    page.get_by_label("Cleared by a doctor to exercise").check()
    page.get_by_label("Strength training experience").select_option(
        label="Some experience (months of regular training)"
    )
    equipment = page.get_by_role("group", name="Equipment", exact=True)
    for thing in ("Dumbbells", "Resistance bands", "Body weight only"):
        equipment.get_by_label(thing).check()
    days = page.get_by_role("group", name="Strength training days")
    for day in training_days():
        days.get_by_label(day, exact=True).check()
    page.get_by_label("Minutes per session").fill("45")


def fact(page: Page, section: str, term: str) -> str:
    """The value next to ``term`` in a facts list (``<dt>``/``<dd>``) of a section."""
    pair = page.locator(f"section[aria-labelledby={section}] dl.facts > div").filter(
        has=page.locator("dt", has_text=re.compile(f"^{re.escape(term)}$"))
    )
    return pair.locator("dd").inner_text()


def roster_row(page: Page) -> Locator:
    return page.get_by_role("row").filter(has=page.get_by_role("link", name=CLIENT))


def captions(page: Page) -> dict[str, str]:
    """Every chart's text alternative (its figcaption) by chart id, and the empty notes (of
    the page whose heading the caller has waited for, once it is parsed to the end)."""
    page.wait_for_load_state("domcontentloaded")
    found: dict[str, str] = page.eval_on_selector_all(
        "figure.chart-figure",
        "(figs) => Object.fromEntries(figs.map((f) => "
        "[f.id, f.querySelector('figcaption').textContent.trim()]))",
    )
    found["empty"] = " | ".join(page.locator(".chart-group .empty").all_text_contents())
    return found


def numbers_table(page: Page, chart_id: str) -> list[list[str]]:
    """The rows of a chart's "Show the numbers" table (opened like a person opens it)."""
    figure = page.locator(f"#{chart_id}")
    figure.get_by_text("Show the numbers").click()
    rows = figure.locator("tbody tr")
    expect(rows.first).to_be_visible()
    return [row.locator("td").all_text_contents() for row in rows.all()]


# --- (a) the coach ------------------------------------------------------------------------


def coach_sets_up_client(page: Page, checks: PageChecks) -> dict[str, Any]:
    clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    log_in(page, checks, "coach", PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Clients")
    expect(page.get_by_text("No clients yet.")).to_be_visible()
    checks.check(page, "roster-empty")

    page.get_by_role("link", name="Add a client").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New client")
    checks.check(page, "intake-empty")
    fill_intake(page)
    checks.check(page, "intake-filled")
    page.get_by_role("button", name="Add client").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(CLIENT)
    expect(page.get_by_text("Client added. Next: generate her program.")).to_be_visible()
    screening = page.locator("section[aria-labelledby=screening-h]")
    expect(screening.get_by_role("heading", name="Screening today")).to_be_visible()
    # Lower spine -2.1 is low bone mass: screening names it, and nothing blocks training.
    expect(screening).to_contain_text("Low bone mass (osteopenia)")
    findings = screening.locator(".findings li")
    expect(findings.first).to_be_visible()
    assert findings.count() >= 1
    expect(page.get_by_text("No program assigned yet.")).to_be_visible()
    # What the coach typed is what was stored.
    assert fact(page, "summary-h", "T-scores") == (
        "lower spine -2.1; whole hip -1.4; femoral neck -1.7"
    )
    assert fact(page, "summary-h", "PAR-Q+ yes answers") == "None"
    assert fact(page, "summary-h", "Clearance") == "medical"
    assert fact(page, "summary-h", "Equipment") == "Dumbbells, Resistance bands, Body weight only"
    assert fact(page, "summary-h", "Schedule") == f"{', '.join(training_days())}; 45 min"
    assert fact(page, "screening-h", "Status") == "Ready"
    checks.check(page, "client-new-with-screening")

    page.get_by_label("First day").fill(TODAY.isoformat())
    page.get_by_role("button", name="Generate program").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Program for {CLIENT}")
    expect(page.get_by_text("Status: Ready.")).to_be_visible()
    first_week = page.locator("section.week").first  # written out; the others on demand
    expect(first_week.get_by_role("button", name="Hide week 1")).to_have_attribute(
        "aria-expanded", "true"
    )
    expect(first_week.locator("caption").first).to_contain_text(LONG_DAY)
    checks.check(page, "program-review")
    page.get_by_role("button", name="Assign this program").click()

    expect(page.get_by_text("Program assigned: she sees it on her phone now.")).to_be_visible()
    expect(page.get_by_text(f"Next session: {LONG_DAY}")).to_be_visible()
    checks.check(page, "client-program-assigned")

    page.get_by_role("link", name="Progress charts").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Progress: {CLIENT}")
    progress_before = captions(page)
    checks.check(page, "coach-progress-before")

    page.get_by_role("link", name="Clients", exact=True).click()
    row = roster_row(page)
    expect(row).to_contain_text("none planned")
    expect(row).to_contain_text("No logs yet")
    expect(row).to_contain_text("(no login yet)")
    checks.check(page, "roster-before")

    row.get_by_role("link", name=CLIENT).click()
    expect(page.get_by_text("She has no login yet.")).to_be_visible()
    checks.check(page, "client-no-login")
    page.get_by_role("button", name="Create invitation link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Invitation link for {CLIENT}")
    link = page.get_by_label("Invitation link").input_value()
    assert re.fullmatch(r"http://[^/]+/invite/[\w-]+/", link), link
    checks.check(page, "invite-link")
    return {"link": link, "progress": progress_before}


# --- (b) the client, on her phone -----------------------------------------------------------


def log_whole_session(page: Page, checks: PageChecks) -> dict[str, int]:
    """Tap "log" for every set of every item, as she does them.

    She types the weight of the dumbbells she picked where the program leaves it to her, and
    on the second set of a key lift she did two reps fewer and found it "Hard". A timed hold
    is not pre-filled: she types the seconds she held.
    """
    items = page.locator("article.item")
    logged: dict[str, int] = {}
    adjusted = timer_seen = False
    for index in range(items.count()):
        item = items.nth(index)
        key = (item.get_attribute("id") or "").removeprefix("item-")
        name = item.get_by_role("heading", level=2).inner_text()
        count = item.locator(f"#count-{key}")
        match = re.match(r"0 of (\d+) done", count.inner_text())
        assert match, count.inner_text()
        sets = int(match.group(1))
        button = item.locator(".log-form button[type=submit]")
        rest = re.search(r"Rest (\d+) seconds", item.locator(".dose").inner_text())
        load = item.locator(f"#load-{key}")
        if "dumbbell" in name.lower() and load.count() and not load.input_value():
            load.fill("6")
        for done in range(1, sets + 1):
            if not adjusted and done == 2 and key in KEY_LIFT_IDS and load.input_value():
                reps = item.locator(f"#reps-{key}")
                fewer = int(reps.input_value()) - 2
                reps.fill(str(fewer))
                hard = item.get_by_role("radio", name=re.compile(r"^Hard\b"))
                effort = hard.get_attribute("value")
                hard.check()
                button.tap()
                expect(item.locator(".logged-set").last).to_contain_text(
                    f"Set 2 · {fewer} reps · {load.input_value()} kg · effort {effort}/10"
                )
                adjusted = True
            else:
                hold = item.locator(f"#hold-{key}")
                if hold.count():
                    seconds = item.locator("[data-hold-seconds]").get_attribute("data-hold-seconds")
                    hold.fill(str(seconds))
                button.tap()
            expect(count).to_have_text(re.compile(rf"^{done} of {sets} done"))
            if rest and not timer_seen:
                # The rest timer counts down from the item's rest, under its Done button.
                timer = page.locator("#rest-timer")
                expect(timer).to_be_visible()
                expect(timer).to_contain_text(re.compile(r"Rest \d+:\d\d"))
                expect(timer.get_by_role("button", name="Skip rest")).to_be_visible()
                assert heights(page, "#rest-timer .rest-close")[0] >= MIN_TAP_PX
                checks.snap(page, "today-rest-timer-on-screen")
                checks.check(page, "today-first-set-rest-timer")
                timer_seen = True
            logged[key] = done
        expect(count).to_contain_text("✓ Well done")
    assert adjusted, "no key lift with a weight in today's session"
    assert timer_seen, "no item with a rest between sets in today's session"
    return logged


def client_trains(page: Page, checks: PageChecks, link: str) -> dict[str, Any]:
    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Welcome, {CLIENT}")
    checks.check(page, "invite-welcome")
    page.get_by_label("Choose a user name").fill("maria")
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("Type the password again").fill(PASSWORD)
    page.get_by_role("button", name="Create my login").tap()

    expect(page).to_have_url(re.compile(r"/today/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    expect(page.get_by_text(LONG_DAY)).to_be_visible()
    checks.check(page, "today-start")
    assert_phone_readable(page)
    kinds = page.locator("article.item .kind").all_text_contents()
    assert "Impact" in kinds and "Balance" in kinds, kinds

    page.get_by_role("link", name="My progress").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")
    own_before = captions(page)
    checks.check(page, "my-progress-before")
    page.get_by_role("link", name="Today", exact=True).tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    checks.check(page, "today-again")

    logged = log_whole_session(page, checks)
    checks.check(page, "today-all-logged")
    page.reload()
    expect(page.locator("#all-done").get_by_text("All done for today. Well done!")).to_be_visible()
    expect(page.locator(".logged-set")).to_have_count(sum(logged.values()))
    checks.check(page, "today-done-reloaded")
    assert_phone_readable(page)

    page.get_by_role("link", name="My progress").tap()
    expect(page.get_by_role("heading", level=1)).to_have_text("My progress")
    own_after = captions(page)
    assert "chart-one-rm" not in own_before and "chart-one-rm" in own_after
    assert own_after["chart-impacts"] != own_before["chart-impacts"]
    assert re.search(r"this week so far: [1-9]\d*", own_after["chart-impacts"])
    assert "No strength sets logged" in own_before["chart-sets"]
    assert "No strength sets logged" not in own_after["chart-sets"]
    checks.check(page, "my-progress-after")
    return {"sets": sum(logged.values())}


# --- (c) the coach, the next day -------------------------------------------------------------


def coach_sees_it(page: Page, checks: PageChecks, clock: AppClock, before: dict[str, str]) -> None:
    # Today: her last activity shows at once; adherence counts finished days only.
    page.get_by_role("link", name="Clients", exact=True).click()
    row = roster_row(page)
    expect(row).to_contain_text(ROSTER_DAY)
    expect(row).not_to_contain_text("(no login yet)")
    checks.check(page, "roster-same-day")

    clock.advance()
    page.reload()
    row = roster_row(page)
    expect(row.locator("td").nth(1)).to_have_text("1/1 (100 %)")
    expect(row).to_contain_text(ROSTER_DAY)
    checks.check(page, "roster-next-day")

    row.get_by_role("link", name=CLIENT).click()
    expect(page.get_by_text("Done in the last 4 weeks: 1/1.")).to_be_visible()
    log = page.locator("section[aria-labelledby=log-h]")
    expect(log.locator("tbody tr").first).to_contain_text(LOG_DAY)
    checks.check(page, "client-next-day")

    page.get_by_role("link", name="Progress charts").click()
    # Read the captions once the progress page has replaced the client's page, not while
    # the navigation is under way (the figures then came from one page, the notes another).
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Progress: {CLIENT}")
    after = captions(page)
    assert "chart-one-rm" not in before and "chart-one-rm" in after, after
    assert after["chart-impacts"] != before["chart-impacts"]
    assert after["chart-sets"] != before["chart-sets"]
    impacts = numbers_table(page, "chart-impacts")
    assert impacts[-1][-1] not in ("", "0"), impacts[-1]
    checks.check(page, "coach-progress-after")


def test_coach_sets_up_a_client_who_logs_a_session_on_her_phone(
    open_page: Any, checks: PageChecks, app_clock: AppClock
) -> None:
    coach = open_page("desktop")
    setup = coach_sets_up_client(coach, checks)
    phone = open_page("phone")
    client_trains(phone, checks, setup["link"])
    coach_sees_it(coach, checks, app_clock, setup["progress"])
