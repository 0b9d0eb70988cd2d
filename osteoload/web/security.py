"""Response headers and log hygiene for health data.

* :class:`NoStoreMiddleware`: ``Cache-Control: no-store`` on every page seen by a logged-in
  person and on every API answer (but the files :func:`mark_public` marks: exercise
  pictures, the same for everyone), so no browser, proxy or shared computer keeps a copy of
  health data; and a strict Content-Security-Policy (scripts and styles from this site only,
  no inline script or style, no framing).
* :class:`ScrubSecrets`: a logging filter that removes one-time invitation and
  password-reset links, secret calendar addresses and API tokens from every log record
  before it is written (a logged link would let whoever reads the log take over the
  account, or read a client's program).
* :class:`ScrubbedConsoleEmailBackend`: the default email backend (no mail server
  configured) writes each email to the console with the same secrets redacted.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from typing import Any

from django.core.mail.backends.console import EmailBackend as ConsoleEmailBackend
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers

#: Sent with every page and answer the app makes (static files are served before this).
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
API_PREFIX = "/api/"
_PUBLIC = "osteoload_public"


def mark_public(response: HttpResponse) -> HttpResponse:
    """Let ``response`` keep its own ``Cache-Control`` for a logged-in person: only for
    files that hold no health data and are the same for everyone (exercise pictures)."""
    setattr(response, _PUBLIC, True)
    return response


def is_public(response: HttpResponse) -> bool:
    return bool(getattr(response, _PUBLIC, False))


class NoStoreMiddleware:
    """``Cache-Control: no-store`` for authenticated pages and API answers; the CSP on all."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        logged_in = bool(user is not None and user.is_authenticated)
        if (logged_in or request.path.startswith(API_PREFIX)) and not is_public(response):
            add_never_cache_headers(response)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        return response


_SECRETS = (
    # /invite/<token>/ : an invitation or a password-reset link
    (re.compile(r"(/invite/)[^/\s?\"'#]+"), r"\1[redacted]"),
    # /calendar/<token>.ics : a client's secret calendar address (it needs no login)
    (re.compile(r"(/calendar/)[^/\s?\"'#]+"), r"\1[redacted]"),
    # a personal API token wherever it appears
    (re.compile(r"\bolk_[A-Za-z0-9_\-]+"), "olk_[redacted]"),
    # token=... in a query string
    (re.compile(r"([?&](?:token|key)=)[^&\s\"'#]+", re.IGNORECASE), r"\1[redacted]"),
)


def scrub(text: str) -> str:
    """``text`` with every secret link or token replaced by ``[redacted]``."""
    for pattern, replacement in _SECRETS:
        text = pattern.sub(replacement, text)
    return text


class ScrubSecrets(logging.Filter):
    """Rewrites a record's message without its secrets; never drops a record."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a record that cannot be formatted is left to logging's own report
            return True
        clean = scrub(message)
        if clean != message:
            record.msg = clean
            record.args = None
        return True


class ScrubbedConsoleEmailBackend(ConsoleEmailBackend):
    """Django's console email backend, with one-time links and tokens redacted: the console
    is the server's log, which must never hold a link that opens an account."""

    def write_message(self, message: Any) -> None:
        msg = message.message()
        data = msg.as_bytes().decode("utf-8", "replace")
        assert self.stream is not None
        self.stream.write(scrub(data) + "\n")
        self.stream.write("-" * 79)
        self.stream.write("\n")
