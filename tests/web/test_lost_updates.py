"""No lost updates on the coach's pages (issue 16, item 3): the edit forms carry the version
they were opened at; a save made after someone else's shows the form again, says
"Changed by someone else since you opened it", marks what differs, and overwrites nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from osteoload.services import client_programs, clients
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _version(page: str) -> str:
    found = re.search(r'name="version" value="(\d+)"', page)
    assert found, "the form carries no version"
    return found.group(1)


def test_a_stale_profile_form_is_shown_again_and_overwrites_nothing(world: Any) -> None:
    url = reverse("coach-client-edit", kwargs={"client_id": world.bob_id})
    first, second = world.alice.browser(), world.alice.browser()
    opened_first = _version(first.get(url).content.decode())
    opened_second = _version(second.get(url).content.decode())
    assert opened_first == opened_second
    saved = first.post(
        url, {"name": "Bob Client", "age": "63", "sex": "female", "version": opened_first}
    )
    assert saved.status_code == 302
    stale = second.post(
        url, {"name": "Bob Client", "age": "64", "sex": "female", "version": opened_second}
    )
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "Changed by someone else since you opened it: nothing was saved" in page
    assert "Age (years): differs from what is saved now" in page
    assert 'value="64"' in page  # what she entered is kept on the form
    assert _version(page) == str(int(opened_second) + 1)  # saving again is deliberate
    assert clients.profile_for(world.alice.user, world.bob_id, today=TODAY).age == 63


def test_a_stale_swap_says_so_and_is_not_made(world: Any) -> None:
    browser = world.alice.browser()
    program_id = world.bob_program
    alice = world.alice.user
    document = client_programs.program_for(alice, world.bob_id, program_id)
    old, options = next(
        (i["exercise_id"], opts)
        for s in document["weeks"][0]["sessions"]
        for i in s["items"]
        if len(
            opts := client_programs.swap_options(
                alice, world.bob_id, program_id, i["exercise_id"], today=TODAY
            )
        )
        >= 2
    )
    url = reverse(
        "coach-program-swap", kwargs={"client_id": world.bob_id, "program_id": program_id}
    )
    form = browser.get(url, {"exercise": old}, HTTP_HX_REQUEST="true").content.decode()
    version = _version(form)
    first = {"old": old, "new": options[0]["id"], "version": version}
    assert browser.post(url, first).status_code == 302
    answer = browser.post(url, {**first, "new": options[1]["id"]}, follow=True)
    assert "Changed by someone else since you opened it" in answer.content.decode()
    after = client_programs.program_for(alice, world.bob_id, program_id)
    ids = {i["exercise_id"] for w in after["weeks"] for s in w["sessions"] for i in s["items"]}
    assert options[0]["id"] in ids and options[1]["id"] not in ids - {
        i["exercise_id"] for w in document["weeks"] for s in w["sessions"] for i in s["items"]
    }
    assert after["version"] == int(version) + 1


def test_a_stale_assignment_form_says_so(world: Any) -> None:
    alice = world.alice.user
    program_id = client_programs.generate_for_client(alice, world.bob_id, today=TODAY)
    browser = world.alice.browser()
    page = browser.get(
        reverse("coach-program", kwargs={"client_id": world.bob_id, "program_id": program_id})
    ).content.decode()
    version = _version(page)
    url = reverse(
        "coach-program-assign", kwargs={"client_id": world.bob_id, "program_id": program_id}
    )
    assert browser.post(url, {"version": version}).status_code == 302
    answer = browser.post(url, {"version": version}, follow=True)
    assert "Changed by someone else since you opened it" in answer.content.decode()


def test_a_stale_scan_correction_is_shown_again(world: Any) -> None:
    alice = world.alice.user
    scan = {"site": "total_hip", "date": "2026-11-02", "t_score": -2.1}
    scan_id = clients.record_scan(alice, world.bob_id, scan, today=TODAY)
    url = reverse("coach-scan-edit", kwargs={"client_id": world.bob_id, "scan_id": scan_id})
    browser = world.alice.browser()
    version = _version(browser.get(url).content.decode())
    clients.update_scan(alice, world.bob_id, scan_id, {**scan, "t_score": -2.4}, today=TODAY)
    stale = browser.post(
        url, {"site": "total_hip", "date": "2026-11-02", "t_score": "-2.0", "version": version}
    )
    assert stale.status_code == 409
    assert "Changed by someone else since you opened it" in stale.content.decode()
    assert clients.scan_of(alice, world.bob_id, scan_id).t_score == -2.4
