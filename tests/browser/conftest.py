"""Browser tests: Debian's headless Chromium against the app on pytest-django's live server.

Each test builds its own data through the services (a transactional database, so that the
live server's thread sees it) and drives the pages like a person would. Every page visited
is screenshotted (``test-artifacts/screenshots/<test>-<n>-<slug>.png``) and checked with
axe-core; an axe violation of any impact (minor included) fails the test.

Without Chromium at /usr/bin/chromium the suite is skipped, except under CI (``CI`` set),
where a missing browser fails it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from playwright.sync_api import BrowserContext, Page

from osteoload.services import clock
from tests.conftest import TODAY

from .support import CHROMIUM, CHROMIUM_ARGS, DESKTOP, PHONE, AppClock, PageChecks

# Playwright's sync API runs an asyncio event loop in the main thread for the whole session;
# Django refuses ORM calls while a loop runs unless this is set. The tests' own ORM calls
# (services building data, the database flush between tests) are synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if CHROMIUM.exists() or os.environ.get("CI"):
        return
    skip = pytest.mark.skip(
        reason=f"no Chromium at {CHROMIUM}: install it with `apt-get install chromium` "
        "(under CI, with CI set, a missing Chromium fails instead)"
    )
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"CI is set but there is no Chromium at {CHROMIUM}: apt-get install chromium")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def base_url(live_server: Any) -> str:
    """Relative URLs in ``page.goto`` go to the live server."""
    url: str = live_server.url
    return url


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # No viewport here: the tests pass one per context (desktop or phone).
    return {**browser_context_args, "locale": "en-GB", "timezone_id": "UTC"}


@pytest.fixture(scope="session", autouse=True)
def static_root() -> None:
    """WhiteNoise warns (an error under ``filterwarnings = error``) without STATIC_ROOT."""
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def app_clock(monkeypatch: pytest.MonkeyPatch) -> AppClock:
    """The app's date is fixed (a Thursday) and only moves when a test moves it. The live
    server runs in this process, so the pages see the same clock."""
    fixed = AppClock(TODAY)
    monkeypatch.setattr(clock, "today", fixed.today)
    return fixed


CALL_FAILED = pytest.StashKey[bool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@pytest.fixture
def checks(request: pytest.FixtureRequest) -> Iterator[PageChecks]:
    """Screenshot and axe for every page; fails a passing test if a loaded page went
    unchecked (a test that failed already stopped somewhere in the middle)."""
    recorder = PageChecks(test=request.node.originalname)
    recorder.start()
    yield recorder
    unchecked = recorder.finish()
    if not request.node.stash.get(CALL_FAILED, False):
        assert not unchecked, f"pages loaded but never screenshotted and checked: {unchecked}"


@pytest.fixture
def open_page(
    new_context: Callable[..., BrowserContext], checks: PageChecks
) -> Callable[[str], Page]:
    """A new tab in a new browser (own cookies): ``open_page("desktop")`` or ``("phone")``."""

    def open_(kind: str) -> Page:
        options = {"desktop": DESKTOP, "phone": PHONE}[kind]
        context = new_context(**options)
        context.set_default_timeout(10_000)
        checks.watch(context)
        return context.new_page()

    return open_
