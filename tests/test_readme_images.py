"""The README shows the app (issue 17): the coach's roster, the client's Today and a page of
her booklet, as small PNGs under docs/images/ (made by tests/browser/test_readme_images.py)."""

from __future__ import annotations

import pytest

from tests.conftest import ROOT

IMAGES = ("coach-roster.png", "client-today.png", "booklet-page.png")


@pytest.mark.parametrize("name", IMAGES)
def test_the_readme_shows_the_picture_and_it_is_small(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"](docs/images/{name})" in readme, name
    path = ROOT / "docs" / "images" / name
    assert path.exists(), path
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert path.stat().st_size < 200_000, path
