"""Issue 17 item 1: exercise pictures (start and end) on her Today and how-to pages and on
the coach's program page, served as cached SVG files with alt text from the wording layer."""

from __future__ import annotations

import re

import pytest

from osteoload.services import exercise_pictures
from osteoload.services.illustrations import exercise_ids, position_words
from osteoload.web.security import CONTENT_SECURITY_POLICY

from .conftest import World

URL = "/pictures/goblet_squat/start.svg"


@pytest.mark.parametrize("persona", ["anonymous", "bob", "alice"])
def test_a_picture_is_a_cached_svg_for_anyone(world: World, persona: str) -> None:
    """Not health data: the same file for everyone, cacheable by the browser and proxies
    (a logged-in person's pages are no-store, the pictures are not)."""
    browser = world.persona(persona).browser()
    response = browser.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    cache = response["Cache-Control"]
    assert "public" in cache and "max-age=31536000" in cache and "no-store" not in cache
    assert "private" not in cache
    etag = response["ETag"]
    assert etag.startswith('"') and len(etag) > 10
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    svg = response.content.decode()
    assert svg.startswith("<svg") and "<title>" in svg
    # The strict CSP forbids inline styles and scripts: the drawing uses neither.
    assert "style=" not in svg and "<style" not in svg and "<script" not in svg
    assert "href" not in svg  # nothing loaded from elsewhere

    again = browser.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert "public" in again["Cache-Control"] and "no-store" not in again["Cache-Control"]


@pytest.mark.parametrize(
    "url",
    [
        "/pictures/no_such_move/start.svg",
        "/pictures/goblet_squat/middle.svg",
        "/pictures/goblet_squat/start.png",
    ],
)
def test_an_unknown_picture_is_404(world: World, url: str) -> None:
    assert world.anonymous.browser().get(url).status_code == 404


def test_every_exercise_has_both_pictures_with_alt_text() -> None:
    for exercise_id in exercise_ids():
        pictures = exercise_pictures.pictures_for(exercise_id)
        assert pictures is not None, exercise_id
        start, end = pictures.positions
        assert start.alt.endswith(position_words(exercise_id, "start"))
        assert "start position" in start.alt and "end position" in end.alt
    assert exercise_pictures.pictures_for("retired_exercise") is None


def _images(html: str) -> list[dict[str, str]]:
    return [
        dict(re.findall(r'([a-z]+)="([^"]*)"', tag))
        for tag in re.findall(r"<img [^>]*>", html)
        if "/pictures/" in tag
    ]


def test_today_shows_lazy_pictures_with_alt_text(world: World) -> None:
    html = world.bob.browser().get("/today/").content.decode()
    images = _images(html)
    assert images, "Today shows the exercises' pictures"
    goblet = [i for i in images if "/pictures/goblet_squat/" in i["src"]] or images[:2]
    assert all(i["loading"] == "lazy" for i in images)  # the page stays light
    assert all(i["width"] and i["height"] for i in images)  # nothing shifts as they arrive
    assert any("start position" in i["alt"] for i in goblet)
    assert any("end position" in i["alt"] for i in goblet)
    assert all(re.fullmatch(r"/pictures/[a-z0-9_]+/(start|end)\.svg\?v=[0-9a-f]{16}", i["src"])
               for i in images)  # fmt: skip
    assert 'href="/how-to/' in html
    # Every picture on the page is served.
    browser = world.bob.browser()
    for image in images[:4]:
        assert browser.get(image["src"]).status_code == 200


def test_her_how_to_page(world: World) -> None:
    page = world.bob.browser().get("/how-to/goblet_squat/")
    assert page.status_code == 200
    html = page.content.decode()
    images = _images(html)
    assert [i["loading"] for i in images] == ["eager", "eager"]
    assert "Goblet squat (dumbbell), start position:" in images[0]["alt"]
    assert "<ol" in html  # the catalogue's steps
    assert world.bob.browser().get("/how-to/no_such_move/").status_code == 404
    assert world.alice.browser().get("/how-to/goblet_squat/").status_code == 403


def test_the_coach_program_page_shows_pictures(world: World) -> None:
    # Issue 17 (the page <= 40 KB): each exercise's pictures come with its alternatives,
    # loaded on demand from the page's swap list.
    page = f"/coach/clients/{world.bob_id}/programs/{world.bob_program}/"
    browser = world.alice.browser()
    assert "?exercise=goblet_squat" in browser.get(page).content.decode()
    html = browser.get(
        f"{page}swap/", {"exercise": "goblet_squat"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    images = _images(html)
    assert images and all(i["alt"] for i in images)
    assert all(i["loading"] == "lazy" for i in images)
