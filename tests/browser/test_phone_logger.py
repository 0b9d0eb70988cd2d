"""Her phone's logger in Chromium at 390 x 844 (issue 15 items 1 and 6): the hold timer and
the rest timer run (Playwright's clock moves time on), -15 s / +15 s change the rest, the rest
timer never covers the next set's Done button, one tap logs a balance item as prescribed
(once, even tapped twice), the session says "All done for today" without a reload, effort is
never pre-set and a band or body-weight item has no weight box."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from osteoload.services import client_programs, clients, training_log
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)

#: Bands, a chair and a wall, two falls last year: band and body-weight strength items and
#: ten timed balance holds in today's session.
PROFILE: dict[str, Any] = {
    "name": "Rosa Client",
    "age": 71,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 20,
    "bone": {"lumbar_spine_t": -2.1, "total_hip_t": -1.6},
    "falls_last_year": 2,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "novice",
    "equipment": ["bands", "bodyweight", "chair", "wall"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}

#: Every sound and vibration the page makes, recorded (the phone's vibration is stubbed:
#: headless Chromium has no motor).
RECORD_SIGNALS = """
window.__signals = [];
window.__vibrations = [];
navigator.vibrate = (pattern) => { window.__vibrations.push(pattern); return true; };
document.addEventListener("osteoload:signal", (e) => window.__signals.push(e.detail));
"""


def rosa_with_a_program() -> tuple[Any, int]:
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    user = clients.accept_invite(token, "rosa", PASSWORD, now=timezone.now())
    return user, client_id


def open_today(open_page: Any, checks: PageChecks) -> Page:
    phone: Page = open_page("phone")
    phone.clock.install()
    phone.add_init_script(RECORD_SIGNALS)
    log_in(phone, checks, "rosa", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    checks.check(phone, "today")
    return phone


def pause(page: Page) -> None:
    """Stop the page's clock (timers move only with ``run_for`` from now on)."""
    page.clock.pause_at((page.evaluate("Date.now()") + 50) / 1000)  # (seconds, here)


def clock_seconds(text: str) -> int:
    """``"1:05"`` as 65."""
    minutes, seconds = text.strip().split(":")
    return int(minutes) * 60 + int(seconds)


def clock_text(seconds: int) -> str:
    """65 as ``"1:05"``, as the timers show it."""
    return f"{seconds // 60}:{seconds % 60:02d}"


def signals(page: Page) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = page.evaluate("window.__signals")
    return found


def hold_item(page: Page) -> tuple[Locator, str, int]:
    fields = page.locator(".set-fields[data-hold-seconds]").first
    item = page.locator("article.item").filter(has=fields)
    key = (item.get_attribute("id") or "").removeprefix("item-")
    return item, key, int(fields.get_attribute("data-hold-seconds") or 0)


def band_item(page: Page) -> tuple[Locator, str]:
    item = page.locator("article.item#item-band_squat")
    expect(item).to_have_count(1)
    return item, "band_squat"


def count_of(item: Locator, key: str) -> Locator:
    return item.locator(f"#count-{key}")


def test_effort_is_never_pre_set_and_band_items_have_no_weight_box(
    open_page: Any, checks: PageChecks
) -> None:
    rosa_with_a_program()
    phone = open_today(open_page, checks)
    item, key = band_item(phone)
    effort = item.get_by_role("group", name="How hard was it?")
    radios = effort.get_by_role("radio")
    expect(radios).to_have_count(4)
    for n in range(4):
        expect(radios.nth(n)).not_to_be_checked()
    expect(effort).to_contain_text("Easy")
    expect(effort).to_contain_text("Very hard")
    assert phone.locator("input[name=load]").count() == 0  # bands, a chair, a wall: no weight
    expect(item.locator(f"#reps-{key}")).to_have_value("12")
    expect(item.locator(".this-set")).to_have_text(re.compile(r"^Set 1 of \d+: 12 times$"))
    effort.get_by_text("Moderate").tap()
    item.get_by_role("button", name="I did this set").tap()
    expect(count_of(item, key)).to_have_text(re.compile(r"^1 of \d+ done"))
    for n in range(4):  # the next set asks again
        expect(radios.nth(n)).not_to_be_checked()
    expect(item.locator(".this-set")).to_have_text(re.compile(r"^Set 2 of"))
    checks.check(phone, "after-a-set")


def test_the_hold_timer_counts_down_sounds_and_fills_the_seconds(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = rosa_with_a_program()
    phone = open_today(open_page, checks)
    item, key, seconds = hold_item(phone)
    assert seconds > 0
    box = item.locator(f"#hold-{key}")
    expect(box).to_have_value("")  # never pre-filled as done
    start = item.get_by_role("button", name="Start the timer")
    start.scroll_into_view_if_needed()
    start.tap()
    timer = item.get_by_role("timer")
    expect(timer).to_be_visible()
    pause(phone)
    phone.clock.run_for(1_000)
    expect(timer).to_have_text(f"0:{seconds - 1:02d}" if seconds <= 60 else re.compile(r"\d:"))
    expect(box).to_have_value("")  # not while she holds
    checks.snap(phone, "hold-running")
    phone.clock.run_for((seconds - 1) * 1000 + 300)
    expect(item.get_by_role("status").filter(has_text="Time!")).to_be_visible()
    expect(box).to_have_value(str(seconds))
    assert [s["kind"] for s in signals(phone)] == ["start", "end"]
    end = signals(phone)[-1]
    assert end["sound"] is True and end["vibrate"] is True, end
    assert len(phone.evaluate("window.__vibrations")) == 2
    phone.clock.resume()
    item.get_by_role("button", name="✓ Done", exact=True).tap()
    expect(count_of(item, key)).to_have_text(re.compile(r"^1 of \d+ done"))
    expect(box).to_have_value("")  # the next hold starts empty again
    checks.check(phone, "hold-logged")
    rows = training_log.sets_on(user, client_id, TODAY)
    assert [(r["exercise_id"], r["hold_s"]) for r in rows] == [(key, seconds)]


def test_the_rest_timer_runs_takes_15_seconds_off_or_on_and_covers_no_control(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = rosa_with_a_program()
    phone = open_today(open_page, checks)
    item, key = band_item(phone)
    done = item.get_by_role("button", name="I did this set")
    done.tap()
    timer = phone.locator("#rest-timer")
    expect(timer).to_be_visible()
    count = timer.get_by_role("timer")
    pause(phone)
    phone.clock.run_for(300)
    # A minute's rest, counting down from the tap: on a busy machine a second of real time
    # may pass between the tap and the clock's pause, so it reads 1:00 or just under.
    expect(count).to_have_text(re.compile(r"^(1:00|0:5\d)$"))
    shown = clock_seconds(count.inner_text())
    assert shown >= 55, shown
    timer.get_by_role("button", name="+15 s").tap()
    expect(count).to_have_text(clock_text(shown + 15))
    timer.get_by_role("button", name="−15 s").tap()
    timer.get_by_role("button", name="−15 s").tap()
    expect(count).to_have_text(clock_text(shown - 15))

    # The timer sits in the flow under the item's Done button, which stays where she can
    # see it and tap it; the timer overlaps no button, box or link on the page.
    expect(done).to_be_in_viewport()
    expect(timer).to_be_in_viewport()
    hit = done.evaluate(
        "b => { const r = b.getBoundingClientRect();"
        " const e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
        " return b === e || b.contains(e); }"
    )
    assert hit, "something covers the Done button while the rest timer runs"
    covered = phone.evaluate(
        """() => {
          const t = document.getElementById("rest-timer").getBoundingClientRect();
          const hit = [];
          for (const el of document.querySelectorAll("button, input, select, a, label")) {
            if (document.getElementById("rest-timer").contains(el)) continue;
            const r = el.getBoundingClientRect();
            if (!r.width || !r.height) continue;
            if (r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top)
              hit.push(el.outerHTML.slice(0, 80));
          }
          return hit;
        }"""
    )
    assert covered == []
    checks.snap(phone, "rest-timer-running")

    phone.clock.run_for(45_000)
    expect(timer.get_by_role("status")).to_have_text("Rest over. Ready for the next one.")
    assert [s["kind"] for s in signals(phone)] == ["end"]
    assert signals(phone)[0]["sound"] is True and signals(phone)[0]["vibrate"] is True
    phone.clock.resume()
    checks.check(phone, "rest-over")

    # While a rest runs, the next set can be logged at once (another item: its first set
    # starts a rest, and its Done button logs the second set before the rest is over).
    row = phone.locator("article.item#item-band_row")
    row_done = row.get_by_role("button", name="I did this set")
    row_done.tap()
    expect(count_of(row, "band_row")).to_have_text(re.compile(r"^1 of 2 done"))
    expect(row.locator("#rest-timer").get_by_role("timer")).to_be_visible()
    row_done.tap()
    expect(count_of(row, "band_row")).to_have_text(re.compile(r"^2 of 2 done"))
    checks.check(phone, "second-set-during-rest")
    rows = training_log.sets_on(user, client_id, TODAY)
    assert [(r["exercise_id"], r["set_number"]) for r in rows] == [
        (key, 1),
        ("band_row", 1),
        ("band_row", 2),
    ]


def test_one_tap_logs_a_balance_item_as_prescribed_once_even_tapped_twice(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = rosa_with_a_program()
    phone = open_today(open_page, checks)
    item, key, seconds = hold_item(phone)
    sets = int(re.match(r"0 of (\d+) done", count_of(item, key).inner_text()).group(1))  # type: ignore[union-attr]
    button = item.get_by_role("button", name=f"Done as planned (all {sets})")
    button.scroll_into_view_if_needed()
    button.evaluate("b => { b.click(); b.click(); }")  # a double tap
    expect(count_of(item, key)).to_have_text(f"{sets} of {sets} done ✓ Well done")
    expect(item.locator(".logged-set")).to_have_count(sets)
    expect(button).to_have_count(0)
    checks.check(phone, "balance-done-as-planned")
    rows = training_log.sets_on(user, client_id, TODAY)
    assert [(r["set_number"], r["hold_s"]) for r in rows] == [
        (n, seconds) for n in range(1, sets + 1)
    ]
    phone.reload()
    expect(item.locator(".logged-set")).to_have_count(sets)
    checks.check(phone, "balance-reloaded")
    assert len(training_log.sets_on(user, client_id, TODAY)) == sets


def test_the_session_says_all_done_as_soon_as_the_last_item_is_logged_without_a_reload(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = rosa_with_a_program()
    phone = open_today(open_page, checks)
    phone.evaluate("window.__samePage = true")
    all_done = phone.get_by_text("All done for today. Well done!")
    top, end = phone.locator("#all-done"), phone.locator("#all-done-end")
    items = phone.locator("article.item")
    for index in range(items.count()):
        expect(all_done).to_have_count(0)
        item = items.nth(index)
        key = (item.get_attribute("id") or "").removeprefix("item-")
        count = count_of(item, key)
        sets = int(re.match(r"0 of (\d+) done", count.inner_text()).group(1))  # type: ignore[union-attr]
        one_tap = item.get_by_role("button", name=re.compile(r"^✓ Done as planned"))
        if one_tap.count():
            one_tap.tap()
        else:
            button = item.locator(".log-form button[type=submit]")
            for _n in range(sets):
                button.tap()
                expect(count).to_have_text(re.compile(rf"^{_n + 1} of {sets} done"))
        expect(count).to_contain_text("✓ Well done")
    # At the top of the page, and where she is: under the last item.
    expect(top).to_have_text("All done for today. Well done!")
    expect(end).to_have_text("All done for today. Well done!")
    expect(end).to_be_in_viewport()
    assert phone.evaluate("window.__samePage") is True  # no reload
    checks.check(phone, "all-done")
    assert training_log.sets_on(user, client_id, TODAY)
