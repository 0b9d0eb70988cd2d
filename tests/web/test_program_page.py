"""Issue 17 item 5: the coach's program page stays small for a 12-week program (one week
written out, the others loaded on demand with htmx, or as a week page without script), and
swaps keep working in the weeks loaded later."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from osteoload.services import client_programs
from tests.conftest import TODAY
from tests.web.conftest import World

HTMX = {"HX-Request": "true"}
PAGE_CEILING = 40_000  # bytes of HTML (issue 17: the program page <= 40 KB)


@pytest.fixture
def twelve_weeks(world: World) -> int:
    """Bob's assigned 12-week program (assigned: the page also shows his next session)."""
    coach = world.alice.user
    program_id = client_programs.generate_for_client(
        coach, world.bob_id, today=TODAY, start=TODAY, weeks=12
    )
    client_programs.assign_program(coach, world.bob_id, program_id)
    return program_id


def _urls(world: World, program_id: int) -> tuple[str, str]:
    kwargs = {"client_id": world.bob_id, "program_id": program_id}
    return reverse("coach-program", kwargs=kwargs), reverse(
        "coach-program-week", kwargs={**kwargs, "week": 7}
    )


def _written_out(html: str) -> list[int]:
    """The weeks whose sessions the HTML writes out (a table in the week's sessions)."""
    return [
        int(n)
        for n, body in re.findall(r'id="week-(\d+)-sessions">(.*?)</div></section>', html, re.S)
        if "<table" in body
    ]


def test_the_program_page_of_a_12_week_program_is_under_40_kb(
    world: World, twelve_weeks: int
) -> None:
    page, _ = _urls(world, twelve_weeks)
    response = world.alice.browser().get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) <= PAGE_CEILING, len(response.content)
    # every week has its heading, one (the current: the program starts today) its sessions
    assert all(f'id="week-{n}-h"' in html for n in range(1, 13))
    assert _written_out(html) == [1]
    assert "Next session, from" in html  # the assigned program's panel is there


def test_each_other_week_has_a_button_that_loads_it_and_a_link_without_script(
    world: World, twelve_weeks: int
) -> None:
    page, week_url = _urls(world, twelve_weeks)
    html = world.alice.browser().get(page).content.decode()
    button = re.search(r'<button[^>]*id="week-7-toggle"[^>]*>([^<]*)</button>', html)
    assert button is not None
    assert button.group(1) == "Show week 7"
    tag = button.group(0)
    assert 'aria-expanded="false"' in tag and 'aria-controls="week-7-sessions"' in tag
    assert f'hx-get="{week_url}"' in tag and 'hx-target="#week-7"' in tag
    # without script the button submits its form: a plain GET of the week's page
    assert f'<form method="get" action="{week_url}#week-7"><button' in html
    # the whole program prints from her booklet, not from this page
    assert reverse("coach-booklet", kwargs={"client_id": world.bob_id}) in html


def test_the_week_partial_loads_one_week_with_its_sessions(world: World, twelve_weeks: int) -> None:
    _, week_url = _urls(world, twelve_weeks)
    browser = world.alice.browser()
    response = browser.get(week_url, headers=HTMX)
    assert response.status_code == 200
    fragment = response.content.decode()
    assert "<html" not in fragment and "<nav" not in fragment
    assert "HX-Request" in response["Vary"]  # the page and the week share an address
    assert fragment.count('<section class="week"') == 1 and _written_out(fragment) == [7]
    assert 'aria-expanded="true"' in fragment and "Hide week 7" in fragment
    document = client_programs.program_for(world.alice.user, world.bob_id, twelve_weeks)
    for session in document["weeks"][6]["sessions"]:
        for item in session["items"]:
            assert item["display"]["coach"] in fragment  # the coach's dose, as on the page
    hidden = browser.get(week_url, {"hide": "1"}, headers=HTMX).content.decode()
    assert _written_out(hidden) == [] and 'aria-expanded="false"' in hidden


def test_without_script_the_week_page_is_the_program_page_with_that_week_written_out(
    world: World, twelve_weeks: int
) -> None:
    _, week_url = _urls(world, twelve_weeks)
    response = world.alice.browser().get(week_url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and _written_out(html) == [7]
    assert len(response.content) <= PAGE_CEILING


def test_week_pages_outside_the_program_or_of_another_coach_are_refused(
    world: World, twelve_weeks: int
) -> None:
    kwargs = {"client_id": world.bob_id, "program_id": twelve_weeks}
    alice = world.alice.browser()
    for week in (0, 13):
        url = reverse("coach-program-week", kwargs={**kwargs, "week": week})
        assert alice.get(url).status_code == 404
        assert alice.get(url, headers=HTMX).status_code == 404
    _, week_url = _urls(world, twelve_weeks)
    assert world.carol.browser().get(week_url, headers=HTMX).status_code in (403, 404)
    assert world.bob.browser().get(week_url, headers=HTMX).status_code in (302, 403, 404)


def test_a_swap_shows_in_a_week_loaded_afterwards(world: World, twelve_weeks: int) -> None:
    coach = world.alice.user
    document = client_programs.program_for(coach, world.bob_id, twelve_weeks)
    week7 = [i for s in document["weeks"][6]["sessions"] for i in s["items"]]
    old_item = next(
        i
        for i in week7
        if client_programs.swap_options(
            coach, world.bob_id, twelve_weeks, i["exercise_id"], today=TODAY
        )
    )
    new = client_programs.swap_options(
        coach, world.bob_id, twelve_weeks, old_item["exercise_id"], today=TODAY
    )[0]
    browser = world.alice.browser()
    swap_url = reverse(
        "coach-program-swap", kwargs={"client_id": world.bob_id, "program_id": twelve_weeks}
    )
    _, week_url = _urls(world, twelve_weeks)
    before = browser.get(week_url, headers=HTMX).content.decode()
    assert f'<th scope="row">{old_item["name"]}<br>' in before
    # the alternatives (with the exercise's pictures) load on demand, then the swap
    fragment = browser.get(swap_url, {"exercise": old_item["exercise_id"]}, headers=HTMX).content
    assert b"<img" in fragment and b'alt="' in fragment
    answer = browser.post(
        swap_url,
        {"old": old_item["exercise_id"], "new": new["id"], "version": document["version"]},
    )
    assert answer.status_code == 302
    after = browser.get(week_url, headers=HTMX).content.decode()
    assert f'<th scope="row">{old_item["name"]}<br>' not in after
    assert f'<th scope="row">{new["name"]}<br>' in after
