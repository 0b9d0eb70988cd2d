"""The gate itself: axe runs in the page and a violation of any impact fails the check, named."""

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


MINOR = """<!doctype html><html lang="en"><head><title>Minor</title></head><body>
<p>Text outside any landmark.</p>
<main><h1>Minor problems</h1>
<table><thead><tr><th>Name</th><th></th></tr></thead><tbody><tr><td>A</td><td>B</td></tr>
</tbody></table></main></body></html>"""


def test_a_moderate_or_minor_axe_violation_fails_the_check_too(
    open_page: Any, checks: PageChecks
) -> None:
    """Issue 17: no violation of any impact passes (an empty header cell is "minor",
    content outside the landmarks "moderate")."""
    page = open_page("phone")
    page.set_content(MINOR)
    with pytest.raises(AssertionError) as failed:
        checks.check(page, "minor")
    message = str(failed.value)
    assert "[minor] empty-table-header" in message
    assert "[moderate] region" in message
