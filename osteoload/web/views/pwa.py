"""The installable web app: its manifest and its service worker, both served from the root.

* ``/manifest.webmanifest``: name, start page (her Today page), standalone display, the
  colours of our stylesheet and the icons (``static/osteoload/icons``, made once from
  ``icon.svg`` and committed).
* ``/sw.js``: ``static/osteoload/js/sw.js`` served from the site's root so that its scope is
  the whole site (a worker served from ``/static/...`` could only control ``/static/``).
  The view puts one line in front of the file: the app shell's URLs and a version made from
  their contents, so a changed stylesheet or script installs a new worker.

Neither answer holds anything about a person; both are the same for everyone.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

STATIC = Path(__file__).resolve().parent.parent / "static"
CSS = "osteoload/css/osteoload.css"
WORKER = "osteoload/js/sw.js"
MANIFEST_TYPE = "application/manifest+json"
WORKER_TYPE = "text/javascript; charset=utf-8"
#: The app shell kept by the worker: what every page needs, whatever the connection.
SHELL_GLOBS = ("osteoload/css/*.css", "osteoload/js/*.js", "osteoload/vendor/*.js",
               "osteoload/icons/*", "osteoload/favicon.svg")  # fmt: skip
ICONS = (
    ("osteoload/icons/icon.svg", "any", "image/svg+xml", "any"),
    ("osteoload/icons/icon-192.png", "192x192", "image/png", "any maskable"),
    ("osteoload/icons/icon-512.png", "512x512", "image/png", "any maskable"),
)


@functools.cache
def theme_colours() -> dict[str, str]:
    """The header's colour (``--primary-dark``) and the page's (``--bg``), read from the
    stylesheet so that they have one home."""
    text = (STATIC / CSS).read_text(encoding="utf-8")

    def var(name: str) -> str:
        found = re.search(rf"--{name}:\s*(#[0-9a-fA-F]{{3,8}})\s*;", text)
        if found is None:  # pragma: no cover - the stylesheet defines both
            raise LookupError(f"{CSS} defines no --{name} colour")
        return found.group(1)

    return {"theme": var("primary-dark"), "background": var("bg")}


def manifest_document() -> dict[str, object]:
    colours = theme_colours()
    return {
        "id": reverse("client-today"),
        "name": "osteoload",
        "short_name": "osteoload",
        "description": _("Your bone-health exercises: what to do today, and what you did."),
        "lang": get_language() or "en",
        "dir": "rtl" if get_language_bidi() else "ltr",
        "start_url": reverse("client-today"),
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "theme_color": colours["theme"],
        "background_color": colours["background"],
        "icons": [
            {"src": static(path), "sizes": sizes, "type": kind, "purpose": purpose}
            for path, sizes, kind, purpose in ICONS
        ],
    }


@require_safe
def manifest(request: HttpRequest) -> HttpResponse:
    body = json.dumps(manifest_document(), ensure_ascii=False, indent=1)
    return HttpResponse(body, content_type=f"{MANIFEST_TYPE}; charset=utf-8")


def shell_files() -> list[str]:
    """The app shell's static paths (relative to the static root), the worker left out."""
    found = {
        path.relative_to(STATIC).as_posix()
        for pattern in SHELL_GLOBS
        for path in STATIC.glob(pattern)
        if path.is_file()
    }
    found.discard(WORKER)
    return sorted(found)


def worker_source() -> str:
    """``sw.js`` with its configuration line in front (shell URLs, version, page URLs)."""
    source = (STATIC / WORKER).read_text(encoding="utf-8")
    files = shell_files()
    digest = hashlib.sha256(source.encode())
    for name in files:
        digest.update(name.encode() + b"\0" + (STATIC / name).read_bytes())
    config = {
        "version": digest.hexdigest()[:16],
        "shell": [static(name) for name in files],
        "static": static(""),
        "login": reverse("login"),
        "logout": reverse("logout"),
        "start": reverse("client-today"),
        # the exercise pictures: the same for everyone, kept like the shell once seen
        "pictures": reverse("exercise-picture", args=["x", "y"]).partition("x/y")[0],
    }
    return f"self.OSTEOLOAD_SW = {json.dumps(config)};\n{source}"


@require_safe
def service_worker(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(worker_source(), content_type=WORKER_TYPE)
    # Served from the root, so the worker may look after every page of the site.
    response["Service-Worker-Allowed"] = "/"
    # The browser checks for a new worker on every visit; never from an HTTP cache.
    response["Cache-Control"] = "no-cache"
    return response
