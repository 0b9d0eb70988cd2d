"""Offline in a basement gym (issue 15 item 3), on a phone: the app keeps her Today page
readable without a network, keeps the sets she logs on her phone with their idempotency
keys, shows how many wait, and sends them when the network is back, in order, each exactly
once. A page kept for one person is never shown to another."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import parse_qsl

import pytest
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from osteoload.services import client_programs, clients, training_log
from osteoload.web.security import CONTENT_SECURITY_POLICY
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, log_in
from .test_double_tap import PROFILE, ines_with_a_program, open_today

pytestmark = pytest.mark.django_db(transaction=True)

WORKER_READY = "() => navigator.serviceWorker && navigator.serviceWorker.controller !== null"
KEPT_PAGES = """async () => {
  const cache = await caches.open("osteoload-pages");
  return (await cache.keys()).map((r) => new URL(r.url).pathname);
}"""
HER_QUEUE = """async () => {
  const db = await new Promise((ok, ko) => {
    const r = indexedDB.open("osteoload-offline", 1);
    r.onsuccess = () => ok(r.result); r.onerror = () => ko(r.error);
    r.onupgradeneeded = () =>
      r.result.createObjectStore("queue", {keyPath: "id", autoIncrement: true});
  });
  return new Promise((ok) => {
    const r = db.transaction("queue").objectStore("queue").getAll();
    r.onsuccess = () => ok(r.result.map((e) => ({key: e.key, exercise: e.exercise, kind: e.kind})));
  });
}"""


def wait_for_the_worker(page: Page) -> None:
    """The service worker controls the page and has kept her Today page."""
    page.wait_for_function(WORKER_READY)
    page.wait_for_function(
        """async () => {
          const cache = await caches.open("osteoload-pages");
          return (await cache.keys()).some((r) => new URL(r.url).pathname === "/today/");
        }"""
    )


def rows(user: Any, client_id: int) -> list[tuple[str, int]]:
    """Her stored sets of today, in the order they were stored."""
    found = sorted(training_log.sets_on(user, client_id, TODAY), key=lambda r: r["id"])
    return [(r["exercise_id"], r["set_number"]) for r in found]


def strength_items(page: Page) -> list[tuple[Any, str, int]]:
    found = []
    items = page.locator("article.item").filter(has=page.locator(".log-form [name=reps]"))
    for i in range(items.count()):
        item = items.nth(i)
        key = (item.get_attribute("id") or "").removeprefix("item-")
        count = item.locator(f"#count-{key}").inner_text()
        sets = int(re.match(r"\d+ of (\d+) done", count).group(1))  # type: ignore[union-attr]
        found.append((item, key, sets))
    return found


def test_sets_logged_offline_wait_on_her_phone_and_arrive_once_in_order(
    open_page: Any, checks: PageChecks
) -> None:
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    context: BrowserContext = phone.context
    wait_for_the_worker(phone)
    items = strength_items(phone)
    assert len(items) >= 2, "a session with two strength items"
    (first, first_key, first_sets), (second, second_key, _) = items[0], items[1]
    assert first_sets >= 2
    first_button = first.locator(".log-form button[type=submit]")
    second_button = second.locator(".log-form button[type=submit]")
    status = phone.locator("#offline-queue")

    # Online: the first set goes straight to the server.
    first_button.click()
    expect(first.locator(f"#count-{first_key}")).to_have_text(re.compile(r"^1 of "))
    assert rows(user, client_id) == [(first_key, 1)]

    # The signal goes: she logs her next set and the next exercise's first set.
    context.set_offline(True)
    expect(phone.locator("#offline-now")).to_be_visible()
    first_button.click()
    expect(status).to_have_text("1 set waiting to send")
    expect(first.locator(".logged-pending")).to_have_count(1)
    expect(first.locator(".logged-pending")).to_contain_text("Saved on this phone, waiting to send")
    second_button.click()
    expect(status).to_have_text("2 sets waiting to send")
    expect(second.locator(".logged-pending")).to_have_count(1)
    queued = phone.evaluate(HER_QUEUE)
    assert [q["exercise"] for q in queued] == [first_key, second_key]
    assert len({q["key"] for q in queued}) == 2  # a key each
    checks.check(phone, "two-sets-waiting")
    assert rows(user, client_id) == [(first_key, 1)]  # nothing reached the server

    # Still offline, she opens the app again: the kept copy, marked as such, with her sets.
    answer = phone.reload()
    assert answer is not None and answer.from_service_worker
    # the copy keeps the page's protections: no inline script, no framing
    assert answer.header_value("content-security-policy") == CONTENT_SECURITY_POLICY
    expect(phone.locator("#offline-copy")).to_be_visible()
    expect(phone.locator("#offline-copy")).to_have_text("You are offline: showing what was saved.")
    expect(phone.get_by_role("heading", level=1)).to_have_text("Today's exercises")
    expect(status).to_have_text("2 sets waiting to send")
    expect(phone.locator(".logged-pending")).to_have_count(2)
    checks.check(phone, "offline-copy")
    first, second = strength_items(phone)[0][0], strength_items(phone)[1][0]

    # A third while offline, from the kept copy.
    second.locator(".log-form button[type=submit]").click()
    expect(status).to_have_text("3 sets waiting to send")

    # The signal is back: everything arrives, in order, once.
    context.set_offline(False)
    expect(status).to_have_text(re.compile("All sent"), timeout=15_000)
    expect(phone.locator(".logged-pending")).to_have_count(0)
    expect(second.locator(".logged-set")).to_have_count(2)
    expect(second.locator(f"#count-{second_key}")).to_have_text(re.compile(r"^2 of "))
    assert rows(user, client_id) == [
        (first_key, 1),
        (first_key, 2),
        (second_key, 1),
        (second_key, 2),
    ]
    assert phone.evaluate(HER_QUEUE) == []
    checks.check(phone, "all-sent")

    # Sent again (a lost answer, a second tab): the server has them already.
    phone.reload()
    expect(first.locator(f"#count-{first_key}")).to_have_text(re.compile(r"^2 of "))
    expect(status).to_have_text("")
    checks.check(phone, "reloaded")
    assert len(rows(user, client_id)) == 4


def owner(page: Page) -> str:
    """Whose page this is (the keyed hash the page and its kept copy carry)."""
    found: str = page.locator('meta[name="osteoload-user"]').get_attribute("content") or ""
    return found


def client_with_login(coach: Any, name: str, username: str) -> int:
    client_id = clients.create_client(coach, {**PROFILE, "name": name}, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=TODAY, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    token = clients.create_invite(coach, client_id, now=timezone.now())
    clients.accept_invite(token, username, PASSWORD, now=timezone.now())
    return client_id


def test_a_page_kept_for_one_client_is_never_shown_to_another(
    open_page: Any, checks: PageChecks
) -> None:
    """One phone, two people: Ines logs out, Maria logs in. Ines's kept pages went when she
    logged out, and offline Maria sees only her own page."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_with_login(coach, "Ines Client", "ines")
    client_with_login(coach, "Maria Client", "maria")
    phone = open_page("phone")
    log_in(phone, checks, "ines", PASSWORD)
    checks.check(phone, "ines-today")
    wait_for_the_worker(phone)
    ines = owner(phone)
    assert ines.startswith("c-")
    phone.wait_for_function(f"async () => ({KEPT_PAGES})().then((k) => k.includes('/feeling/'))")

    phone.get_by_role("button", name="Log out").click()
    expect(phone).to_have_url(re.compile(r"/login/"))
    checks.check(phone, "logged-out")
    phone.wait_for_function(WORKER_READY)
    assert phone.evaluate(KEPT_PAGES) == []  # nothing of hers is left

    phone.get_by_label("User name").fill("maria")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Log in", exact=True).click()
    expect(phone).to_have_url(re.compile(r"/today/"))
    checks.check(phone, "maria-today")
    wait_for_the_worker(phone)
    maria = owner(phone)
    assert maria.startswith("c-") and maria != ines

    phone.context.set_offline(True)
    phone.goto("/today/")
    expect(phone.locator("#offline-copy")).to_be_visible()
    checks.check(phone, "maria-offline")
    assert owner(phone) == maria  # her own page, kept for her
    phone.goto("/feeling/")  # kept for Ines too before she logged out, and now for Maria
    expect(phone.locator("#offline-copy")).to_be_visible()
    checks.check(phone, "maria-feeling-offline")
    assert owner(phone) == maria


def test_a_session_that_ended_without_logging_out_leaves_no_kept_page(
    open_page: Any, checks: PageChecks
) -> None:
    """Her session ends (cookies gone) without a logout: the next page, the login page,
    deletes every kept page before anyone logs in."""
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    client_with_login(coach, "Ines Client", "ines")
    phone = open_page("phone")
    log_in(phone, checks, "ines", PASSWORD)
    checks.check(phone, "ines-today")
    wait_for_the_worker(phone)
    phone.context.clear_cookies()
    phone.goto("/today/")
    expect(phone).to_have_url(re.compile(r"/login/"))
    checks.check(phone, "login-again")
    phone.wait_for_function(f"async () => ({KEPT_PAGES})().then((k) => k.length === 0)")


def test_a_report_sent_offline_waits_and_arrives_once(open_page: Any, checks: PageChecks) -> None:
    """ "I'm fine", tapped without a network, is kept on her phone and sent once when the
    network is back; she is then shown her Today page."""
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    wait_for_the_worker(phone)
    phone.wait_for_function(f"async () => ({KEPT_PAGES})().then((k) => k.includes('/feeling/'))")
    phone.get_by_role("link", name="How I feel").click()
    checks.check(phone, "feeling")
    phone.context.set_offline(True)
    phone.get_by_role("button", name="I’m fine").click()
    expect(phone.locator("#offline-queue")).to_have_text("1 report waiting to send")
    expect(phone.locator(".offline-saved")).to_have_text(
        "Saved on this phone. It will be sent when the connection is back."
    )
    checks.check(phone, "report-waiting")
    assert training_log.symptom_reports(user, client_id) == []

    phone.context.set_offline(False)
    expect(phone).to_have_url(re.compile(r"/today/$"), timeout=15_000)
    checks.check(phone, "today-after-report")
    assert len(training_log.symptom_reports(user, client_id)) == 1
    assert phone.evaluate(HER_QUEUE) == []


def test_a_report_whose_sending_fails_is_kept_and_sent_again_once(
    open_page: Any, checks: PageChecks
) -> None:
    """The phone thinks it is online but the report does not get through: it is kept with
    its key and sent again; one report is stored."""
    user, client_id = ines_with_a_program()
    phone = open_today(open_page, checks)
    phone.get_by_role("link", name="How I feel").click()
    checks.check(phone, "feeling")
    keys: list[str] = []

    def drop_the_first(route: Any) -> None:
        if route.request.method != "POST":
            route.continue_()
            return
        keys.append(dict(parse_qsl(route.request.post_data or ""))["idempotency_key"])
        if len(keys) == 1:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    phone.route("**/feeling/", drop_the_first)
    phone.get_by_role("button", name="I’m fine").click()
    expect(phone).to_have_url(re.compile(r"/today/$"), timeout=15_000)
    checks.check(phone, "today-after-report")
    assert len(keys) == 2 and keys[0] == keys[1]  # the same request, sent again
    assert len(training_log.symptom_reports(user, client_id)) == 1
    assert phone.evaluate(HER_QUEUE) == []
