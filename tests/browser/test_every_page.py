"""Every page of the app, coach's and client's, on a phone and on a desktop (issue 17):

- axe-core finds no violation of any impact level (``FAILING_IMPACTS`` is every impact);
- nothing is clipped from 360 px to 1440 px wide: the page never scrolls sideways, no box
  (a table's scroller included) is wider than the space it is shown in, and no chart label
  runs out of its chart;
- each page is screenshotted under ``test-artifacts/screenshots/`` (kept by CI).

The pages are enumerated from the URLconf (``osteoload.web.urls``): a new page is covered
without touching this file. A route's parameters come from one world built through the
services; a route is a page when a GET answers HTML to someone (the coach, the client or a
visitor); POST-only actions and downloads are not pages. A few states a URL alone does not
reach (a form showing its errors, an invitation link just created, the error pages) are
listed in ``STATES``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client as DjangoClient
from django.urls import URLPattern, reverse
from django.utils import timezone
from playwright.sync_api import BrowserContext, Page, expect

from osteoload.services import api_tokens, client_programs, clients, training_log
from osteoload.web import urls as web_urls
from tests.conftest import TODAY

from .support import PASSWORD, PageChecks, log_in

pytestmark = pytest.mark.django_db(transaction=True)

START = TODAY - timedelta(days=TODAY.weekday())  # the Monday of the app's today
PROFILE: dict[str, Any] = {
    "name": "Maria Lopez",
    "age": 63,
    "sex": "female",
    "menopause": "post",
    "years_since_menopause": 11,
    "height_cm": 158,
    "weight_kg": 61.5,
    "bone": {"lumbar_spine_t": -2.1, "total_hip_t": -1.4, "femoral_neck_t": -1.7},
    "falls_last_year": 0,
    "parq_yes": [],
    "clearance": {"medical": True},
    "experience": "intermediate",
    "equipment": ["dumbbells", "bodyweight", "step", "chair", "mat", "bands"],
    "schedule": {
        "resistance_days": [TODAY.isoweekday(), (TODAY.isoweekday() + 2) % 7 + 1],
        "minutes_per_session": 45,
    },
}

#: Viewports: axe runs on the phone and the desktop; clipping is checked on all three.
VIEWPORTS: dict[str, dict[str, Any]] = {
    "phone": {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True},
    "narrow": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
    "desktop": {"viewport": {"width": 1440, "height": 900}},
}
AXE_VIEWPORTS = ("phone", "desktop")


@dataclass
class World:
    coach: Any
    she: Any
    client_id: int
    program_id: int
    other_program_id: int
    scan_id: int
    tests_id: int
    set_id: int
    token: str
    exercise_id: str
    token_id: int

    def params(self) -> dict[str, Any]:
        return {
            "client_id": self.client_id,
            "program_id": self.other_program_id,
            "scan_id": self.scan_id,
            "tests_id": self.tests_id,
            "set_id": self.set_id,
            "token": self.token,
            "token_id": self.token_id,
            "exercise_id": self.exercise_id,
            "passkey_id": 1,  # POST-only (remove a passkey): no page
            "week": 2,  # the coach's program page with its second week open
        }


def build_world() -> World:
    coach = clients.create_coach("coach", PASSWORD, display_name="Coach Ana")
    now = timezone.now()
    client_id = clients.create_client(coach, PROFILE, today=TODAY)
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=START, weeks=4
    )
    client_programs.assign_program(coach, client_id, program_id)
    other = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=START + timedelta(days=28), weeks=4
    )
    she = clients.accept_invite(
        clients.create_invite(coach, client_id, now=now), "maria", PASSWORD, now=now
    )
    view = client_programs.today_session(she, client_id, today=TODAY)
    assert view.session is not None
    exercise = next(i for i in view.session["items"] if i["component"] == "resistance")
    set_id = training_log.log_set(
        she,
        client_id,
        {"date": TODAY.isoformat(), "exercise_id": exercise["exercise_id"], "reps": 10,
         "load_kg": 8, "rpe": 6},
        today=TODAY,
    )  # fmt: skip
    for day in (TODAY - timedelta(days=7), TODAY - timedelta(days=3)):
        training_log.log_set(
            she, client_id,
            {"date": day.isoformat(), "exercise_id": exercise["exercise_id"], "reps": 10,
             "load_kg": 7, "rpe": 7},
            today=TODAY,
        )  # fmt: skip
    scan_id = clients.record_scan(
        coach, client_id, {"site": "total_hip", "t_score": -1.5, "bmd_g_cm2": 0.81,
                           "date": (TODAY - timedelta(days=30)).isoformat()}, today=TODAY,
    )  # fmt: skip
    tests_id = clients.record_tests(
        coach, client_id, {"tug_s": 8.4, "chair_stand_30s": 13, "sppb": 11}, today=TODAY
    )
    newcomer = clients.create_client(coach, {**PROFILE, "name": "Nora New"}, today=TODAY)
    token = clients.create_invite(coach, newcomer, now=now)
    token_id, _ = api_tokens.create_token(coach, "Clinic laptop")
    return World(coach, she, client_id, program_id, other, scan_id, tests_id, set_id, token,
                 exercise["exercise_id"], token_id)  # fmt: skip


#: Query strings a page needs (the swap page asks which exercise).
QUERY: dict[str, Callable[[World], str]] = {
    "coach-program-swap": lambda w: f"?exercise={w.exercise_id}",
}


@dataclass(frozen=True)
class Visit:
    """One page: its route name, who opens it and its path."""

    name: str
    who: str
    path: str


def route_names() -> list[URLPattern]:
    return [p for p in web_urls.urlpatterns if isinstance(p, URLPattern)]


def pages(world: World) -> tuple[list[Visit], list[str]]:
    """Every route of the URLconf that is a page, with whom it is for; and the routes that
    are not pages (POST-only actions, downloads, the health check, a redirect for all)."""
    params = world.params()
    django_clients = {"anonymous": DjangoClient(raise_request_exception=False)}
    for who, user in (("coach", world.coach), ("client", world.she)):
        browser = DjangoClient(raise_request_exception=False)
        browser.force_login(user)
        django_clients[who] = browser
    found: list[Visit] = []
    not_pages: list[str] = []
    for pattern in route_names():
        name = str(pattern.name)
        if re.search(r"\.[a-z]{2,12}$", str(pattern.pattern)):
            not_pages.append(name)  # a file (booklet.pdf, calendar.ics, sw.js): no page
            continue
        unknown = set(pattern.pattern.converters) - set(params)
        assert not unknown, f"{name}: give World.params() a value for {unknown}"
        kwargs = {key: params[key] for key in pattern.pattern.converters}
        path = reverse(name, kwargs=kwargs) + QUERY.get(name, lambda w: "")(world)
        answers = {}
        for who in ("coach", "client", "anonymous"):
            response = django_clients[who].get(path)
            answers[who] = (response.status_code, response.get("Content-Type", ""))
            if response.status_code == 200 and answers[who][1].startswith("text/html"):
                found.append(Visit(name, who, path))  # a page for each who may open it
        if not any(v.name == name for v in found):
            codes = {code for code, _ in answers.values()}
            types = {kind.split(";")[0] for code, kind in answers.values() if code == 200}
            assert codes <= {200, 302, 403, 404, 405}, (name, answers)
            redirect_only = codes == {302}
            assert 405 in codes or redirect_only or (200 in codes and "text/html" not in types), (
                f"{name} ({path}) is neither a page nor a POST-only action or a download: "
                f"{answers}; give it parameters (QUERY) so that it can be checked"
            )
            not_pages.append(name)
    return found, not_pages


# --- clipping ------------------------------------------------------------------------------

_CLIPPED = """
() => {
  const width = document.documentElement.clientWidth;
  const out = [];
  const name = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
    (el.getAttribute("class") ? "." + el.getAttribute("class").trim().split(/\\s+/).join(".") : "");
  if (document.documentElement.scrollWidth > width + 1) {
    out.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`);
  }
  const reported = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.closest(".visually-hidden, .skip-link, script, style, template, [hidden]")) continue;
    if (reported.some((outer) => outer.contains(el))) continue;  // named once, outermost
    if (["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName)) continue;  // they scroll text
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") continue;
    const box = el.getBoundingClientRect();
    if (!box.width && !box.height) continue;
    if (box.width <= 1 && box.height <= 1) {  // hidden for the eye, there for screen readers
      reported.push(el);
      continue;
    }
    if (el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 &&
        !["visible"].includes(style.overflowX) && !(el instanceof SVGElement)) {
      out.push(`${name(el)} hides ${el.scrollWidth - el.clientWidth} px of its content`);
      reported.push(el);
    } else if (box.right > width + 1 || box.left < -1) {
      out.push(`${name(el)} runs out of the page (${Math.round(box.left)} to ` +
               `${Math.round(box.right)} of ${width} px)`);
      reported.push(el);
    }
  }
  for (const text of document.querySelectorAll("svg text")) {
    const svg = text.ownerSVGElement.getBoundingClientRect();
    const box = text.getBoundingClientRect();
    if (!box.width) continue;
    if (box.left < svg.left - 1 || box.right > svg.right + 1 ||
        box.top < svg.top - 1 || box.bottom > svg.bottom + 1) {
      out.push(`chart label "${text.textContent.trim()}" runs out of its chart`);
    }
  }
  return [...new Set(out)];
}
"""


def clipped(page: Page) -> list[str]:
    """What is cut off on the page as shown now (empty when nothing is)."""
    found: list[str] = page.evaluate(_CLIPPED)
    return found


# --- the test ------------------------------------------------------------------------------


@pytest.fixture
def world() -> World:
    return build_world()


@pytest.fixture
def tabs(
    new_context: Callable[..., BrowserContext], checks: PageChecks
) -> Iterator[Callable[[str, str], Page]]:
    """A logged-in tab per (who, viewport), opened once."""
    opened: dict[tuple[str, str], Page] = {}

    def tab(who: str, viewport: str) -> Page:
        if (who, viewport) not in opened:
            context = new_context(**VIEWPORTS[viewport])
            context.set_default_timeout(15_000)
            checks.watch(context)
            page = context.new_page()
            if who != "anonymous":
                log_in(page, checks, {"coach": "coach", "client": "maria"}[who], PASSWORD)
                page.wait_for_load_state("load")
                checks.check(page, f"{who}-{viewport}-start", axe=False)
            opened[(who, viewport)] = page
        return opened[(who, viewport)]

    yield tab


def look(page: Page, checks: PageChecks, slug: str, viewport: str) -> list[str]:
    """Screenshot, axe (on the phone and the desktop) and the clipping check for a page;
    every problem found, so that one run names them all."""
    problems = []
    try:
        checks.check(page, f"{viewport}-{slug}", axe=viewport in AXE_VIEWPORTS)
    except AssertionError as failed:
        problems.append(str(failed).split("\n", 1)[0] + "\n" + str(failed).split("\n", 1)[-1])
    return problems + [f"{slug} at {viewport}: cut off: {p}" for p in clipped(page)]


#: States a URL alone does not show: (slug, who, path, what to do on the page).
STATES: list[tuple[str, str, Callable[[World], str], Callable[[Page], None]]] = [
    ("intake-with-errors", "coach", lambda w: reverse("coach-client-new"),
     lambda p: p.get_by_role("button", name="Add client").click()),
    ("tests-with-errors", "coach",
     lambda w: reverse("coach-tests", kwargs={"client_id": w.client_id}),
     lambda p: (p.get_by_label("Timed Up and Go").fill("1"),
                p.get_by_role("button", name=re.compile("Record|Save")).click())),
    ("invite-created", "coach",
     lambda w: reverse("coach-client", kwargs={"client_id": w.client_id}),
     lambda p: p.get_by_role("button", name=re.compile("link")).first.click()),
    ("not-found", "coach", lambda w: "/coach/clients/999999/", lambda p: None),
    ("forbidden", "client", lambda w: reverse("coach-roster"), lambda p: None),
    ("invite-invalid", "anonymous", lambda w: reverse("invite", args=["not-a-token"]),
     lambda p: None),
]  # fmt: skip


def test_every_page(world: World, tabs: Callable[[str, str], Page], checks: PageChecks) -> None:
    """Every page for each who may open it: axe finds nothing at 390 and 1440 px, nothing
    is cut off at 360, 390 and 1440 px, and a screenshot of each is kept."""
    visits, not_pages = pages(world)
    names = {v.name for v in visits}
    # The pages the issue names are among them (the enumeration found them, not a list).
    assert {"coach-roster", "coach-client", "coach-program", "coach-client-progress",
            "client-today", "client-progress", "client-documents", "settings",
            "login"} <= names, names  # fmt: skip
    assert "client-log" in not_pages and "coach-booklet" in not_pages
    problems: list[str] = []
    for viewport in VIEWPORTS:
        for visit in visits:
            page = tabs(visit.who, viewport)
            response = page.goto(visit.path)
            assert response is not None and response.ok, (visit, response)
            problems += look(page, checks, f"{visit.who}-{visit.name}", viewport)
        for slug, who, path, act in STATES:
            page = tabs(who, viewport)
            page.goto(path(world))
            checks.check(page, f"{viewport}-{slug}-before", axe=False)
            act(page)
            page.wait_for_load_state("load")
            expect(page.locator("main")).to_be_visible()
            problems += look(page, checks, slug, viewport)
    assert not problems, "\n".join(problems)


def test_the_every_page_check_catches_clipping(
    open_page: Callable[[str], Page], checks: PageChecks
) -> None:
    """The clipping check itself: a wide table in a scroller, a chart label past the chart's
    edge and a page wider than the phone are each named."""
    page = open_page("phone")
    page.set_content(
        """<!doctype html><html lang="en"><head><title>Clipped</title></head><body><main>
        <div class="table-scroll" style="overflow-x:auto;width:300px"><table style="width:900px">
        <tr><td>wide</td></tr></table></div>
        <svg viewBox="0 0 100 40" width="100" height="40"><text x="80" y="20">30 No</text></svg>
        <p style="width:1200px">wide text</p></main></body></html>"""
    )
    found = "\n".join(clipped(page))
    assert "div.table-scroll hides" in found
    assert 'chart label "30 No" runs out of its chart' in found
    assert "the page scrolls sideways" in found
    checks.check(page, "clipped", axe=False)
