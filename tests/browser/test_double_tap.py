"""Exactly once on her phone: a double tap on "I did this set", or a set whose answer was
lost (sent again from her phone's offline queue), stores one set; the next set is stored as
the next set."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import pytest
from django.db import connection
from django.utils import timezone
from playwright.sync_api import Locator, Page, Route, expect

from osteoload.services import client_programs, clients, training_log
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)

PROFILE: dict[str, Any] = {
    "name": "Ines Client",
    "age": 69,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 18,
    "bone": {"lumbar_spine_t": -2.1, "total_hip_t": -1.6},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "novice",
    "equipment": ["dumbbells", "bodyweight", "chair"],
    "schedule": {"resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1]},
}
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


def ines_with_a_program() -> tuple[Any, int]:
    """Her coach, an assigned program with a session today, and her login."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    user = clients.accept_invite(token, "ines", PASSWORD, now=timezone.now())
    return user, client_id


def first_strength_item(page: Page) -> tuple[Locator, str]:
    button = page.get_by_role("button", name="I did this set")
    item = page.locator("article.item").filter(has=button).first
    key = (item.get_attribute("id") or "").removeprefix("item-")
    return item, key


def stored(user: Any, client_id: int, exercise_id: str) -> list[int]:
    rows = training_log.sets_on(user, client_id, TODAY)
    return [r["set_number"] for r in rows if r["exercise_id"] == exercise_id]


def open_today(open_page: Any, checks: PageChecks) -> Page:
    phone: Page = open_page("phone")
    log_in(phone, checks, "ines", PASSWORD)
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    checks.check(phone, "today")
    return phone


def test_a_double_tap_on_i_did_this_set_stores_one_set(open_page: Any, checks: PageChecks) -> None:
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    item, key = first_strength_item(phone)
    form_key = item.locator('input[name="idempotency_key"]')
    first_key = form_key.input_value()
    assert UUID.fullmatch(first_key), first_key  # made on her phone, one per set
    button = item.locator(".log-form button[type=submit]")
    count = item.locator(f"#count-{key}")
    sets = int(re.match(r"0 of (\d+) done", count.inner_text()).group(1))  # type: ignore[union-attr]

    # Two taps in quick succession: the second lands before the first is answered.
    button.evaluate("b => { b.click(); b.click(); }")
    expect(count).to_have_text(re.compile(rf"^1 of {sets} done"))
    expect(item.locator(".logged-set")).to_have_count(1)
    expect(form_key).not_to_have_value(first_key)  # the next set gets a new key
    checks.check(phone, "after-double-tap")
    assert stored(user, client_id, key) == [1]

    phone.reload()
    expect(item.locator(".logged-set")).to_have_count(1)
    checks.check(phone, "after-double-tap-reloaded")
    assert stored(user, client_id, key) == [1]


def test_a_lost_answer_stores_one_set(open_page: Any, checks: PageChecks) -> None:
    """The set reaches the server but its answer is lost (the signal drops in the gym): the
    set waits on her phone with its key (js/offline-queue.js), is sent again with the same
    key, and the server answers what it stored; her next tap is the next set."""
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    item, key = first_strength_item(phone)
    form_key = item.locator('input[name="idempotency_key"]')
    button = item.locator(".log-form button[type=submit]")
    count = item.locator(f"#count-{key}")
    sets = int(re.match(r"0 of (\d+) done", count.inner_text()).group(1))  # type: ignore[union-attr]
    lost: list[str] = []
    sent: list[str] = []

    def lose_the_first_answer(route: Route) -> None:
        if route.request.method == "POST":
            sent.append(dict(parse_qsl(route.request.post_data or ""))["idempotency_key"])
        if route.request.method == "POST" and not lost:
            answer = route.fetch()  # the server stores the set ...
            lost.append(str(answer.status))
            route.abort("connectionreset")  # ... and the answer never arrives
        else:
            route.continue_()

    phone.route("**/today/log/", lose_the_first_answer)
    sent_key = form_key.input_value()
    button.tap()
    expect(form_key).not_to_have_value(sent_key)  # the set waits with its key; a new one here
    expect(count).to_have_text(re.compile(rf"^1 of {sets} done"), timeout=15_000)  # sent again
    expect(item.locator(".logged-set")).to_have_count(1)
    expect(item.locator(".logged-pending")).to_have_count(0)
    checks.check(phone, "after-retry")
    assert lost == ["200"]
    assert sent == [sent_key, sent_key]  # the same request twice
    assert stored(user, client_id, key) == [1]

    if sets > 1:  # the next tap is the next set, with a new key
        button.tap()
        expect(count).to_have_text(re.compile(rf"^2 of {sets} done"))
        checks.check(phone, "second-set")
        assert stored(user, client_id, key) == [1, 2]
        assert len(set(sent)) == 2


SEND_TWICE_AT_ONCE = """
async (form) => {
  const body = new URLSearchParams(new FormData(form));
  const send = () => fetch(form.action, {method: "POST", body, headers: {"HX-Request": "true"}});
  const answers = await Promise.all([send(), send()]);
  return Promise.all(answers.map(async (a) => ({
    status: a.status, replayed: a.headers.get("Idempotent-Replayed"), text: await a.text(),
  })));
}
"""


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="two requests at once need a database server (DATABASE_URL, as .ci/run does): "
    "SQLite's shared in-memory test database refuses a second writer instead of waiting",
)
def test_the_same_set_sent_twice_at_once_is_stored_once(open_page: Any, checks: PageChecks) -> None:
    """Two copies of one request in flight together (a retry racing the first): the server
    runs one and answers the other with the same answer."""
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    item, key = first_strength_item(phone)
    answers = item.locator("form.log-form").evaluate(SEND_TWICE_AT_ONCE)
    assert [a["status"] for a in answers] == [200, 200], answers
    assert sorted(str(a["replayed"]) for a in answers) == ["None", "true"]
    assert answers[0]["text"] == answers[1]["text"]
    assert stored(user, client_id, key) == [1]
