"""The gate itself: axe runs in the page and a serious problem fails the check, named."""

from __future__ import annotations

from typing import Any

import pytest

from .support import PageChecks

BROKEN = """<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>
<h1>A page with problems</h1>
<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
<button></button>
<p style="color:#bbb;background:#fff">Pale text nobody can read.</p>
</main></body></html>"""


def test_a_serious_axe_violation_fails_the_check_and_is_named(
    open_page: Any, checks: PageChecks
) -> None:
    page = open_page("desktop")
    page.set_content(BROKEN)
    with pytest.raises(AssertionError) as failed:
        checks.check(page, "broken")
    message = str(failed.value)
    for rule in ("image-alt", "button-name", "color-contrast"):
        assert rule in message
    assert "at img" in message and "at button" in message
    ids = {v["id"] for v in checks.results[-1]["violations"]}
    assert {"image-alt", "button-name", "color-contrast"} <= ids
