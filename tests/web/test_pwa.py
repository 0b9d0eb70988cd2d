"""The installable app (issue 15 item 3): the manifest and the service worker are served from
the site's root with the right types, the manifest has what a phone needs to install the app,
every page links them, and a page says whose it is (so a kept copy is never shown to anyone
else: see tests/browser/test_offline.py)."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path

from django.test import Client as Browser
from django.urls import reverse

from osteoload.web.views import pwa

STATIC = Path(pwa.__file__).resolve().parent.parent / "static"


def _static_path(url: str) -> Path:
    assert url.startswith("/static/"), url
    return STATIC / url.removeprefix("/static/")


def test_the_manifest_is_served_as_a_web_app_manifest_with_what_an_install_needs(db):
    answer = Browser().get("/manifest.webmanifest")
    assert answer.status_code == 200
    assert answer["Content-Type"].split(";")[0] == "application/manifest+json"
    manifest = json.loads(answer.content)
    assert manifest["name"] == "osteoload"
    assert manifest["short_name"]
    assert manifest["start_url"] == reverse("client-today")
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["lang"] and manifest["dir"] == "ltr"
    for name in ("theme_color", "background_color"):
        assert re.fullmatch(r"#[0-9a-fA-F]{6}", manifest[name]), manifest[name]


def test_the_manifest_colours_are_the_stylesheets():
    css = (STATIC / pwa.CSS).read_text(encoding="utf-8")
    manifest = pwa.manifest_document()
    assert f"--primary-dark: {manifest['theme_color']};" in css
    assert f"--bg: {manifest['background_color']};" in css


def test_the_manifest_icons_exist_in_the_sizes_it_says(db):
    manifest = json.loads(Browser().get("/manifest.webmanifest").content)
    sizes = set()
    for icon in manifest["icons"]:
        path = _static_path(icon["src"])
        assert path.is_file(), icon
        if icon["type"] == "image/png":
            head = path.read_bytes()[:24]
            assert head[:8] == b"\x89PNG\r\n\x1a\n"
            width, height = struct.unpack(">II", head[16:24])
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
        else:
            assert icon["type"] == "image/svg+xml"
            assert path.read_text(encoding="utf-8").startswith("<svg")
    assert {192, 512} <= sizes


def test_the_service_worker_is_served_from_the_root_as_javascript(db):
    answer = Browser().get("/sw.js")
    assert answer.status_code == 200
    assert answer["Content-Type"].split(";")[0] == "text/javascript"
    assert answer["Service-Worker-Allowed"] == "/"
    assert "no-cache" in answer["Cache-Control"] or "no-store" in answer["Cache-Control"]
    text = answer.content.decode()
    first, _, rest = text.partition("\n")
    config = json.loads(first.removeprefix("self.OSTEOLOAD_SW = ").removesuffix(";"))
    assert config["start"] == reverse("client-today")
    assert config["logout"] == reverse("logout")
    assert reverse("exercise-picture", args=["squat", "start"]).startswith(config["pictures"])
    shell = config["shell"]
    for needed in ("osteoload/css/osteoload.css", "osteoload/vendor/htmx.min.js",
                   "osteoload/js/offline-queue.js", "osteoload/icons/icon-192.png"):  # fmt: skip
        assert f"/static/{needed}" in shell
    assert "/static/osteoload/js/sw.js" not in shell
    assert all(_static_path(url).is_file() for url in shell)
    assert rest == (STATIC / pwa.WORKER).read_text(encoding="utf-8")


def test_a_changed_shell_file_changes_the_workers_version(monkeypatch, tmp_path):
    """A new stylesheet or script installs a new worker (which drops the old shell)."""
    before = pwa.worker_source().partition("\n")[0]
    copy = tmp_path / "static"
    for name in [*pwa.shell_files(), pwa.WORKER]:
        target = copy / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes((STATIC / name).read_bytes())
    monkeypatch.setattr(pwa, "STATIC", copy)
    assert pwa.worker_source().partition("\n")[0] == before
    css = copy / pwa.CSS
    css.write_text(css.read_text(encoding="utf-8") + "\n/* changed */\n", encoding="utf-8")
    assert pwa.worker_source().partition("\n")[0] != before


def test_every_page_links_the_manifest_and_names_its_owner(world):
    def head(browser: Browser, url: str) -> str:
        answer = browser.get(url)
        assert answer.status_code == 200, url
        html: str = answer.content.decode()
        assert '<link rel="manifest" href="/manifest.webmanifest" data-worker="/sw.js">' in html
        assert '<meta name="theme-color" content="' in html
        owner = re.search(r'<meta name="osteoload-user" content="([^"]*)">', html)
        assert owner is not None
        return owner.group(1)

    assert head(Browser(), reverse("login")) == ""
    bob = head(world.bob.browser(), reverse("client-today"))
    dave = head(world.dave.browser(), reverse("client-today"))
    alice = head(world.alice.browser(), reverse("coach-roster"))
    assert bob.startswith("c-") and dave.startswith("c-") and bob != dave
    assert alice.startswith("s-")  # a coach's pages are never kept
    assert re.fullmatch(r"c-[0-9a-f]{24}", bob)  # a keyed hash, not her database id
    assert head(world.bob.browser(), reverse("client-feeling")) == bob


def test_her_pages_carry_the_queue_status_line_with_translatable_words(world):
    html = world.bob.browser().get(reverse("client-today")).content.decode()
    assert 'id="offline-status"' in html
    assert 'data-sets-one="{n} set waiting to send"' in html
    assert 'data-sets-other="{n} sets waiting to send"' in html
    assert 'id="offline-queue" role="status"' in html
    coach = world.alice.browser().get(reverse("coach-roster")).content.decode()
    assert 'id="offline-status"' not in coach
