"""What the browser tests share: the browser's settings, axe, screenshots, phone checks.

Fixtures live in ``conftest.py``; this module holds the plain functions and classes they use.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
AXE_REPORTS = ARTIFACTS / "axe"

PASSWORD = "a-long-browser-test-password-42"
DESKTOP: dict[str, Any] = {"viewport": {"width": 1280, "height": 900}}
PHONE: dict[str, Any] = {
    "viewport": {"width": 390, "height": 844},
    "is_mobile": True,
    "has_touch": True,
    "device_scale_factor": 2,
}
#: axe impacts that fail a test: every one of them (issue 17: no violation of any impact).
FAILING_IMPACTS = ("minor", "moderate", "serious", "critical")
#: Body text on a client's phone page is at least this big (CSS px).
MIN_TEXT_PX = 18.0
#: A tap target is at least this high (CSS px).
MIN_TAP_PX = 44.0


@dataclass
class AppClock:
    """The app's "today" (``services.clock.today``), set by the test and movable."""

    day: date

    def today(self) -> date:
        return self.day

    def advance(self, days: int = 1) -> None:
        self.day += timedelta(days=days)


# --- axe ---------------------------------------------------------------------------------

_AXE_RUN = """
async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  const shape = (items) => items.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    nodes: v.nodes.map((n) => ({
      target: n.target.map(String),
      impact: n.impact,
      html: n.html.slice(0, 300),
      summary: n.failureSummary || "",
    })),
  }));
  return {violations: shape(result.violations), incomplete: shape(result.incomplete)};
}
"""


def run_axe(page: Page) -> dict[str, list[dict[str, Any]]]:
    """axe-core's violations (and "needs review" results) for the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated by the browser's debugging protocol, not as a <script> tag: the app's
        # Content-Security-Policy (no inline script) stays on and is tested with every page.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;true")
    result: dict[str, list[dict[str, Any]]] = page.evaluate(_AXE_RUN)
    return result


def describe_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"  [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"      at {' > '.join(node['target'])}")
            for detail in node["summary"].splitlines():
                if detail.strip():
                    lines.append(f"         {detail.strip()}")
    return "\n".join(lines)


# --- every page: a full-page screenshot and an axe run ------------------------------------


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "page"


@dataclass
class PageChecks:
    """Screenshots and axe for every page a test visits.

    ``check(page, slug)`` saves ``test-artifacts/screenshots/<test>-<n>-<slug>.png`` (full
    page) and runs axe; a violation of any impact fails the test on the spot. Every
    page a watched tab loads must be checked before the next one loads and before the test
    ends: a page that was never looked at fails the test too.
    """

    test: str
    results: list[dict[str, Any]] = field(default_factory=list)
    unchecked: dict[int, str] = field(default_factory=dict)
    missed: list[str] = field(default_factory=list)
    count: int = 0

    def start(self) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        AXE_REPORTS.mkdir(parents=True, exist_ok=True)
        for old in SCREENSHOTS.glob(f"{self.test}-*.png"):
            old.unlink()

    def watch(self, context: BrowserContext) -> None:
        context.on("page", self._watch_page)
        for page in context.pages:
            self._watch_page(page)

    def _watch_page(self, page: Page) -> None:
        page.on("load", self._loaded)

    def _loaded(self, page: Page) -> None:
        key = id(page)
        if key in self.unchecked:
            self.missed.append(self.unchecked[key])
        self.unchecked[key] = page.url

    def snap(self, page: Page, slug: str) -> None:
        """Also save what the screen shows right now (the viewport, not the whole page):
        for states where a fixed bar covers part of the screen."""
        self.count += 1
        name = f"{self.test}-{self.count:02d}-{slugify(slug)}.png"
        page.screenshot(path=SCREENSHOTS / name, animations="disabled")

    def check(self, page: Page, slug: str, *, axe: bool = True) -> dict[str, Any]:
        """Screenshot the page, run axe on it; returns this page's axe result."""
        page.wait_for_load_state("load")
        self.count += 1
        name = f"{self.test}-{self.count:02d}-{slugify(slug)}.png"
        page.screenshot(path=SCREENSHOTS / name, full_page=True, animations="disabled")
        result: dict[str, Any] = {"n": self.count, "slug": slug, "url": page.url,
                                  "screenshot": name, "title": page.title()}  # fmt: skip
        if axe:
            found = run_axe(page)
            result.update(found)
        self.results.append(result)
        self.unchecked.pop(id(page), None)
        if axe:
            failing = [v for v in result["violations"] if v["impact"] in FAILING_IMPACTS]
            assert not failing, (
                f"axe found {len(failing)} problem(s) on {slug!r} "
                f"({page.url}):\n{describe_violations(failing)}"
            )
        return result

    def finish(self) -> list[str]:
        """Write the axe report; returns the pages that were loaded but never checked."""
        report = AXE_REPORTS / f"{self.test}.json"
        report.write_text(json.dumps(self.results, indent=1), encoding="utf-8")
        return self.missed + list(self.unchecked.values())


def log_in(page: Page, checks: PageChecks, username: str, password: str) -> None:
    """Open the site, land on the login page (checked) and log in."""
    page.goto("/")
    expect(page).to_have_url(re.compile(r"/login/"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Log in")
    checks.check(page, "login")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in", exact=True).click()
    expect(page).not_to_have_url(re.compile(r"/login/"))


def coach_opens_her_next_session(
    page: Page, checks: PageChecks, username: str, password: str, client_name: str
) -> Locator:
    """Her coach logs in, opens her from the roster and then her program (each page
    checked): the program page's "Next session, from her log" panel."""
    log_in(page, checks, username, password)
    checks.check(page, "roster")
    page.get_by_role("link", name=client_name).click()
    checks.check(page, "client")
    page.get_by_role("link", name=re.compile("Open|View|program", re.I)).first.click()
    return page.locator("section[aria-labelledby=next-h]")


# --- phone checks ------------------------------------------------------------------------

_SMALL_TEXT = """
(minPx) => {
  const small = [];
  for (const el of document.querySelectorAll("main *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || getComputedStyle(el).visibility === "hidden") continue;
    const own = [...el.childNodes]
      .filter((n) => n.nodeType === Node.TEXT_NODE)
      .map((n) => n.textContent.trim()).join(" ").trim();
    const isField = ["INPUT", "SELECT", "TEXTAREA", "BUTTON"].includes(el.tagName);
    if (!own && !isField) continue;
    const px = parseFloat(getComputedStyle(el).fontSize);
    if (px < minPx) {
      small.push({tag: el.tagName.toLowerCase(), cls: el.getAttribute("class") || "", px,
                  text: (own || el.value || "").slice(0, 60)});
    }
  }
  return {body: parseFloat(getComputedStyle(document.body).fontSize), small};
}
"""


def text_sizes(page: Page, min_px: float = MIN_TEXT_PX) -> dict[str, Any]:
    """The body's computed font size and every visible text in ``main`` smaller than min_px."""
    sizes: dict[str, Any] = page.evaluate(_SMALL_TEXT, min_px)
    return sizes


def heights(page: Page, selector: str) -> list[float]:
    """The rendered heights (CSS px) of every element matching ``selector``."""
    found: list[float] = page.eval_on_selector_all(
        selector, "(els) => els.map((e) => e.getBoundingClientRect().height)"
    )
    return found


def assert_phone_readable(page: Page, *, log_buttons: bool = True) -> None:
    """Body text of at least 18 px, nothing smaller in ``main``; log buttons 44 px high."""
    sizes = text_sizes(page)
    assert sizes["body"] >= MIN_TEXT_PX, sizes
    assert not sizes["small"], f"text smaller than {MIN_TEXT_PX} px: {sizes['small']}"
    if log_buttons:
        buttons = heights(page, ".log-form button[type=submit]")
        assert buttons, "no log buttons"
        assert min(buttons) >= MIN_TAP_PX, buttons
