"""The second step of signing in (issue 16 item 7): a person with an authenticator types its
code (or uses one of her passkeys) after her password before any page opens, and with
``OSTEOLOAD_REQUIRE_2FA`` a coach without one is sent to set it up first. Runs after
django-otp's ``OTPMiddleware`` (which knows whether this session typed a code).
Requests with an ``Authorization: Bearer`` API token are left alone: a token is its own
credential.

What a session still needs is worked out at each request (one query: does she have a
confirmed authenticator?), so turning it on in one browser makes her other sessions ask for the
code at their next request.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext as _

from osteoload.services import two_factor
from osteoload.services.two_factor import Need


def session_need(request: HttpRequest) -> Need:
    """What this session's person still has to do before pages open."""
    return two_factor.need(request.user)


def verified(request: HttpRequest) -> bool:
    is_verified = getattr(request.user, "is_verified", None)
    return bool(is_verified is not None and is_verified())


class TwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.refusal(request) or self.get_response(request)

    def refusal(self, request: HttpRequest) -> HttpResponse | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if request.headers.get("Authorization", "").lower().startswith("bearer "):
            return None
        path = request.path_info
        if path.startswith("/" + settings.STATIC_URL.lstrip("/")) or path in _always_open():
            return None
        need = session_need(request)
        if need is Need.NOTHING or (need is Need.VERIFY and verified(request)):
            return None
        if need is Need.ENROL and path in _enrolment_pages():
            return None
        if path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Two-factor sign-in needed: type your code at %(url)s first.")
                 % {"url": reverse("two-factor-verify")}},
                status=401,
            )  # fmt: skip
        target = "two-factor-verify" if need is Need.VERIFY else "settings-two-factor"
        query = urlencode({"next": request.get_full_path()}) if request.method == "GET" else ""
        return redirect(reverse(target) + (f"?{query}" if query else ""))


#: Pages open whatever she still has to do, and the pages of setting up an authenticator.
ALWAYS_OPEN = ("login", "logout", "healthz", "two-factor-verify", "otp_webauthn:js-i18n-catalog",
               "otp_webauthn:credential-authentication-begin",
               "otp_webauthn:credential-authentication-complete")  # fmt: skip
ENROLMENT = ("settings-two-factor", "settings-two-factor-qr",
             "otp_webauthn:credential-registration-begin",
             "otp_webauthn:credential-registration-complete")  # fmt: skip


def _always_open() -> frozenset[str]:
    return _paths(ALWAYS_OPEN, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))


def _enrolment_pages() -> frozenset[str]:
    return _paths(ENROLMENT, get_script_prefix(), get_urlconf(settings.ROOT_URLCONF))


@functools.lru_cache(maxsize=16)
def _paths(names: tuple[str, ...], prefix: str, urlconf: str) -> frozenset[str]:
    """The paths of ``names``, worked out once per script prefix and URL configuration
    (seven reversals on every request of a signed-in person before, ~0.15 ms)."""
    return frozenset(reverse(name, urlconf=urlconf) for name in names)
