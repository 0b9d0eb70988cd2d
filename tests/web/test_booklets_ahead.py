"""Issue 17 item 1: a 12-week booklet in 3 s or less. Assigning a program lays both of her
booklets out in the background (``OSTEOLOAD_BOOKLETS_AHEAD``), so the first download is a
file read; a download that arrives during that rendering waits for it instead of laying the
same booklet out twice; a rendering finished after her erasure keeps nothing."""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from osteoload.services import client_programs
from osteoload.services.documents import downloads, rendering
from tests.conftest import TODAY

from .conftest import PASSWORD, START, make_client
from .test_documents import Renders


@pytest.fixture(autouse=True)
def cache_dir(tmp_path: Path, settings: Any) -> Path:
    settings.DATA_DIR = tmp_path / "data"
    return Path(settings.DATA_DIR) / "documents"


@pytest.mark.django_db(transaction=True)
def test_assigning_lays_out_both_booklets_ahead(
    settings: Any, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    settings.OSTEOLOAD_BOOKLETS_AHEAD = True
    from django.test import Client as Browser

    from osteoload.services import clients

    coach = clients.create_coach("ahead-coach", PASSWORD)
    client_id, _program, her = make_client(coach, "Ahead Client", "ahead")
    program_id = client_programs.generate_for_client(
        coach, client_id, today=TODAY, start=START, weeks=4
    )
    renders = Renders(monkeypatch, fake=True)
    threads: list[threading.Thread] = []
    real = downloads.prepare_booklets

    def spy(*args: Any, **kwargs: Any) -> threading.Thread | None:
        thread = real(*args, **{**kwargs, "delay_s": 0})
        if thread is not None:
            threads.append(thread)
        return thread

    monkeypatch.setattr(downloads, "prepare_booklets", spy)
    browser = Browser()
    browser.force_login(coach)
    version = client_programs.program_for(coach, client_id, program_id).get("version", 1)
    response = browser.post(
        reverse("coach-program-assign", args=[client_id, program_id]), {"version": version}
    )
    assert response.status_code == 302
    assert len(threads) == 1
    threads[0].join(timeout=60)
    assert renders.count == 2  # normal and large print, in the background
    files = sorted(p.name for p in (cache_dir / f"client-{client_id}").glob("*.pdf"))
    assert [f.split("-")[2] for f in files] == ["large", "normal"]

    first = browser.get(reverse("coach-booklet", args=[client_id]))
    large = browser.get(reverse("coach-booklet-large", args=[client_id]))
    mine = Browser()
    mine.force_login(her)
    hers = mine.get(reverse("client-booklet"))
    assert first.status_code == large.status_code == hers.status_code == 200
    assert renders.count == 2  # every first download was a file read
    assert hers.content == first.content != large.content

    # Asked twice in a row (two swaps): only the later one is laid out.
    downloads.forget_client(client_id)
    earlier = real(coach, client_id, today=TODAY, delay_s=0.5)
    later = real(coach, client_id, today=TODAY, delay_s=0.5)
    assert earlier is not None and later is not None
    earlier.join(timeout=60)
    later.join(timeout=60)
    assert renders.count == 4
    assert len(list((cache_dir / f"client-{client_id}").glob("*.pdf"))) == 2


@pytest.mark.django_db
def test_off_means_nothing_is_laid_out_ahead(world: Any, settings: Any) -> None:
    settings.OSTEOLOAD_BOOKLETS_AHEAD = False
    assert downloads.prepare_booklets(world.alice.user, world.bob_id, today=TODAY) is None


def test_a_second_request_waits_for_the_rendering_under_way(
    monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    count = 0

    def slow(html: str) -> bytes:
        nonlocal count
        count += 1
        time.sleep(0.3)
        return b"%PDF-slow"

    monkeypatch.setattr(rendering, "html_to_pdf", slow)
    results: list[bytes] = []
    workers = [
        threading.Thread(
            target=lambda: results.append(
                downloads._cached_pdf(7, "booklet-1-normal", "<html>same</html>")
            )
        )
        for _ in range(3)
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert results == [b"%PDF-slow"] * 3
    assert count == 1
    assert not downloads._RENDERING  # no lock left behind


def test_a_rendering_no_longer_wanted_is_not_kept(
    monkeypatch: pytest.MonkeyPatch, cache_dir: Path
) -> None:
    """Her record erased while her booklet was being laid out: nothing of hers is written."""
    monkeypatch.setattr(rendering, "html_to_pdf", lambda html: b"%PDF-x")
    data = downloads._cached_pdf(8, "booklet-2-normal", "<html/>", keep=lambda: False)
    assert data == b"%PDF-x"
    assert not (cache_dir / "client-8").exists()


def test_a_swap_in_her_program_lays_its_booklets_out_again(
    world: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    monkeypatch.setattr(
        downloads, "prepare_booklets",
        lambda user, client_id, **kw: asked.append(client_id),
    )  # fmt: skip
    coach, program_id = world.alice.user, world.bob_program
    old = next(
        i["exercise_id"]
        for w in client_programs.program_for(coach, world.bob_id, program_id)["weeks"]
        for s in w["sessions"]
        for i in s["items"]
        if client_programs.swap_options(coach, world.bob_id, program_id, i["exercise_id"],
                                        today=TODAY)
    )  # fmt: skip
    new = client_programs.swap_options(coach, world.bob_id, program_id, old, today=TODAY)[0]
    url = reverse("coach-program-swap", args=[world.bob_id, program_id])
    assert world.alice.browser().post(url, {"old": old, "new": new["id"]}).status_code == 302
    assert asked == [world.bob_id]
