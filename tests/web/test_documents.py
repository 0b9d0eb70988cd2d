"""Documents from the app: the coach downloads her client's booklet (normal and large
print), calendar and doctor's report; the client downloads her own booklet and calendar.

The files are the CLI's (``osteoload plan --format pdf|ics``, ``osteoload report``) made from
the stored program, profile and log; PDFs are read back with ``pdftotext`` (poppler-utils).
Who may download what is in ``test_access.py``; here: what is downloaded.
"""

from __future__ import annotations

import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from icalendar import Calendar

from osteoload.services import client_programs, clients, training_log
from osteoload.services.documents import downloads, rendering
from osteoload.services.export import erase_client
from tests.conftest import TODAY

from .conftest import World


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    text = subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    return " ".join(text.split())


def program_of(world: World) -> dict[str, Any]:
    document = client_programs.assigned_program(world.alice.user, world.bob_id)
    assert document is not None
    return document


def exercise_names(world: World) -> set[str]:
    return {
        i["name"] for w in program_of(world)["weeks"] for s in w["sessions"] for i in s["items"]
    }


def attachment_name(response: Any) -> str:
    match = re.fullmatch(r'attachment; filename="(.+)"', response["Content-Disposition"])
    assert match, response["Content-Disposition"]
    return match.group(1)


def log_a_set(world: World) -> None:
    view = client_programs.today_session(world.bob.user, world.bob_id, today=TODAY)
    assert view.session is not None
    item = next(i for i in view.session["items"] if i["component"] == "resistance")
    training_log.log_set(
        world.bob.user,
        world.bob_id,
        {"date": TODAY.isoformat(), "exercise_id": item["exercise_id"], "reps": 10,
         "load_kg": 8, "rpe": 7},
        today=TODAY,
    )  # fmt: skip


class Renders:
    """Counts WeasyPrint renderings (and can refuse them)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, *, fake: bool = False) -> None:
        self.count = 0
        real = rendering.html_to_pdf

        def counted(html: str) -> bytes:
            self.count += 1
            return b"%PDF-fake " + str(len(html)).encode() if fake else real(html)

        monkeypatch.setattr(rendering, "html_to_pdf", counted)


@pytest.fixture(autouse=True)
def cache_dir(tmp_path, settings) -> Path:
    """A private data directory, so that each test starts with no cached booklet (and the
    fake renderings of some tests stay in it)."""
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.DATA_DIR) / "documents"


# --- the coach --------------------------------------------------------------------------


def test_her_page_links_to_her_documents(world):
    page = world.alice.browser().get(reverse("coach-client", args=[world.bob_id])).content.decode()
    for name in ("coach-booklet", "coach-booklet-large", "coach-calendar", "coach-report"):
        assert f'href="{reverse(name, args=[world.bob_id])}"' in page, name


@pytest.mark.slow
def test_coach_downloads_the_booklet_with_her_exercises(world, cache_dir, tmp_path):
    response = world.alice.browser().get(reverse("coach-booklet", args=[world.bob_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert attachment_name(response) == "bob-client-program-2026-11-23.pdf"
    assert "no-store" in response["Cache-Control"]  # her health data stays off shared caches
    text = pdf_text(response.content, tmp_path)
    assert "Bob Client" in text
    names = exercise_names(world)
    assert names
    missing = {n for n in names if " ".join(n.split()) not in text}
    assert not missing, missing


@pytest.mark.slow
def test_coach_downloads_the_large_print_booklet(world, cache_dir, tmp_path):
    response = world.alice.browser().get(reverse("coach-booklet-large", args=[world.bob_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert attachment_name(response) == "bob-client-program-2026-11-23-large-print.pdf"
    assert response.content.startswith(b"%PDF")
    normal = world.alice.browser().get(reverse("coach-booklet", args=[world.bob_id])).content
    assert normal != response.content


def test_the_booklet_is_the_stored_program_swaps_included(world, cache_dir, monkeypatch):
    """What she was assigned (as stored, after the coach's swap), not a fresh plan."""
    seen: list[str] = []

    def render(html: str) -> bytes:
        seen.append(html)
        return b"%PDF-"

    monkeypatch.setattr(rendering, "html_to_pdf", render)
    document = program_of(world)
    old = next(
        i["exercise_id"] for w in document["weeks"] for s in w["sessions"] for i in s["items"]
        if i["component"] == "resistance"
    )  # fmt: skip
    options = client_programs.swap_options(
        world.alice.user, world.bob_id, world.bob_program, old, today=TODAY
    )
    assert options, old
    client_programs.swap_exercise(
        world.alice.user, world.bob_id, world.bob_program, old, options[0]["id"], today=TODAY
    )
    downloads.booklet(world.alice.user, world.bob_id, today=TODAY)
    names = exercise_names(world)
    assert options[0]["name"] in names
    assert options[0]["name"] in seen[0]


def test_a_second_download_is_served_from_the_cache(world, cache_dir, monkeypatch):
    renders = Renders(monkeypatch, fake=True)
    browser = world.alice.browser()
    url = reverse("coach-booklet", args=[world.bob_id])
    first = browser.get(url).content
    assert renders.count == 1
    assert world.bob.browser().get(reverse("client-booklet")).content == first
    assert browser.get(url).content == first
    assert renders.count == 1  # her download and the coach's second: no new rendering
    files = list((cache_dir / f"client-{world.bob_id}").glob("*.pdf"))
    assert len(files) == 1
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(files[0].parent.stat().st_mode) == 0o700
    browser.get(reverse("coach-booklet-large", args=[world.bob_id]))
    assert renders.count == 2  # large print is another booklet


def test_a_changed_profile_or_program_renders_the_booklet_again(world, cache_dir, monkeypatch):
    renders = Renders(monkeypatch, fake=True)
    browser = world.alice.browser()
    url = reverse("coach-booklet", args=[world.bob_id])
    browser.get(url)
    stored = clients.profile_document(world.alice.user, world.bob_id)
    clients.update_profile(world.alice.user, world.bob_id, {**stored, "units": "lb"}, today=TODAY)
    browser.get(url)
    assert renders.count == 2  # her units changed: the doses in the booklet changed
    program_id = client_programs.generate_for_client(
        world.alice.user, world.bob_id, today=TODAY, weeks=2
    )
    client_programs.assign_program(world.alice.user, world.bob_id, program_id)
    browser.get(url)
    assert renders.count == 3
    kept = sorted(p.name for p in (cache_dir / f"client-{world.bob_id}").glob("*.pdf"))
    assert len(kept) == 2  # one per program: the older rendering of a program is replaced
    assert any(f"booklet-{program_id}-" in name for name in kept)


def test_erasing_her_record_removes_her_cached_booklets(world, cache_dir, monkeypatch):
    Renders(monkeypatch, fake=True)
    downloads.booklet(world.alice.user, world.bob_id, today=TODAY)
    folder = cache_dir / f"client-{world.bob_id}"
    assert any(folder.iterdir())
    downloads.forget_client(world.bob_id)
    assert not folder.exists()
    downloads.booklet(world.alice.user, world.bob_id, today=TODAY)
    with pytest.MonkeyPatch.context() as m:  # erase_client removes it once committed
        m.setattr("django.db.transaction.on_commit", lambda f, using=None, robust=False: f())
        erase_client(world.alice.user, world.bob_id)
    assert not folder.exists()


def test_coach_downloads_the_calendar(world):
    response = world.alice.browser().get(reverse("coach-calendar", args=[world.bob_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert attachment_name(response) == "bob-client-program-2026-11-23.ics"
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    sessions = [s for w in program_of(world)["weeks"] for s in w["sessions"]]
    assert len(events) == len(sessions)
    assert sorted(str(e.decoded("dtstart")) for e in events) == sorted(s["date"] for s in sessions)


def test_the_report_waits_for_a_logged_session(world):
    response = world.alice.browser().get(reverse("coach-report", args=[world.bob_id]))
    assert response.status_code == 409
    page = response.content.decode()
    assert "No report for Bob Client yet" in page
    assert "has no logged sets" in page


@pytest.mark.slow
def test_coach_downloads_the_report(world, tmp_path):
    log_a_set(world)
    response = world.alice.browser().get(reverse("coach-report", args=[world.bob_id]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert attachment_name(response) == f"bob-client-report-{TODAY}.pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Bob Client" in text
    assert TODAY.isoformat() in text  # the log's period


# --- the client -------------------------------------------------------------------------


def test_her_booklet_page_links_her_documents(world):
    page = world.bob.browser().get(reverse("client-documents")).content.decode()
    for name in ("client-booklet", "client-booklet-large", "client-calendar"):
        assert f'href="{reverse(name)}"' in page, name
    assert (
        reverse("client-documents")
        in world.bob.browser().get(reverse("client-today")).content.decode()
    )


@pytest.mark.slow
def test_client_downloads_her_own_booklet(world, cache_dir, tmp_path):
    response = world.bob.browser().get(reverse("client-booklet"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert attachment_name(response) == "bob-client-program-2026-11-23.pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Bob Client" in text and "Dave Client" not in text
    names = exercise_names(world)
    assert all(" ".join(n.split()) in text for n in names)


def test_client_downloads_her_own_calendar(world):
    response = world.bob.browser().get(reverse("client-calendar"))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    text = response.content.decode()
    assert text.startswith("BEGIN:VCALENDAR")
    assert text.count("BEGIN:VEVENT") == sum(len(w["sessions"]) for w in program_of(world)["weeks"])
    assert "Bob Client" in text


def test_R32_a_paused_client_gets_no_booklet_but_her_coach_does(world, monkeypatch):
    """R32: after a stop-rule report she is told to stop exercising; the app does not hand
    her a program to train from until her coach has reviewed it."""
    Renders(monkeypatch, fake=True)
    assert training_log.report_symptoms(
        world.bob.user,
        world.bob_id,
        {"date": TODAY.isoformat(), "symptoms": ["chest_pain"]},
        today=TODAY,
    )
    browser = world.bob.browser()
    for name in ("client-booklet", "client-booklet-large", "client-calendar"):
        response = browser.get(reverse(name))
        assert response.status_code == 409, name
        assert "Please stop exercising for now" in response.content.decode()
    page = browser.get(reverse("client-documents")).content.decode()
    assert reverse("client-booklet") not in page
    coach = world.alice.browser()
    assert coach.get(reverse("coach-booklet", args=[world.bob_id])).status_code == 200
    assert coach.get(reverse("coach-calendar", args=[world.bob_id])).status_code == 200


def test_no_program_no_documents(world):
    """Before a program is assigned there is nothing to download: her page says so."""
    client_id = clients.create_client(
        world.alice.user, {"name": "New Client", "age": 60, "sex": "female"}, today=TODAY
    )
    browser = world.alice.browser()
    page = browser.get(reverse("coach-client", args=[client_id])).content.decode()
    assert reverse("coach-booklet", args=[client_id]) not in page
    assert browser.get(reverse("coach-booklet", args=[client_id])).status_code == 404
    assert browser.get(reverse("coach-calendar", args=[client_id])).status_code == 404


def test_another_coach_and_another_client_get_nothing_of_hers(world):
    """Carol (another coach) gets 404 for Bob's documents; Dave (another client) has no URL
    for them: his own URLs give his own calendar. The full matrix is in test_access.py."""
    carol = world.carol.browser()
    for name in ("coach-booklet", "coach-booklet-large", "coach-calendar", "coach-report"):
        assert carol.get(reverse(name, args=[world.bob_id])).status_code == 404, name
    dave = world.dave.browser()
    assert dave.get(reverse("coach-calendar", args=[world.bob_id])).status_code == 403
    text = dave.get(reverse("client-calendar")).content.decode()
    assert "Dave Client" in text and "Bob Client" not in text
