"""Who is calling: a personal API token, or the browser session of the app's own pages.

``Authorization: Bearer <token>`` is tried first; then the Django session, which must carry
the CSRF token (``X-CSRFToken`` header) on unsafe methods. No credentials (or a revoked
token) answer 401; a role that may not do something answers 403.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from django.utils import translation
from django.utils.translation import gettext as _
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer
from ninja.utils import check_csrf

from osteoload.services import access, api_tokens, i18n
from osteoload.services.errors import InputError, Issue

from .base import PayloadTooLarge

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})
_VIA = "_osteoload_via"


class TokenAuth(HttpBearer):
    """A personal API token (see ``osteoload.services.api_tokens``)."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = api_tokens.user_for_token(token.strip())
        if user is not None:
            setattr(request, _VIA, "token")
            _speak_their_language(request, user)
        return user


class SessionAuth(APIKeyCookie):
    """The logged-in browser session; unsafe methods need the CSRF token as well.

    Unlike ninja's own session auth, a request without a logged-in session is simply not
    authenticated (401), whatever its CSRF state; the CSRF check applies to sessions only.
    """

    param_name = settings.SESSION_COOKIE_NAME

    def __init__(self) -> None:
        # ``csrf`` tells ninja's Swagger page to send the CSRF token; the check itself is
        # done in authenticate, for logged-in sessions only.
        super().__init__(csrf=True)

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any | None:
        user = request.user
        if not user.is_authenticated:
            return None
        if request.method not in SAFE_METHODS and _csrf_fails(request):
            raise HttpError(
                403, _("CSRF check failed: send the csrftoken cookie's value as X-CSRFToken")
            )
        setattr(request, _VIA, "session")
        return user


def _speak_their_language(request: HttpRequest, user: Any) -> None:
    """A token's owner reads the answers (error messages included) in the language saved on
    her account, as her pages do; with none saved, the request's ``Accept-Language`` stays.
    (A browser session has had it applied already, by ``AccountLanguageMiddleware``.)"""
    chosen = i18n.user_language(user)
    if chosen is not None:
        translation.activate(chosen)
        request.LANGUAGE_CODE = chosen


def _csrf_fails(request: HttpRequest) -> bool:
    """Django's CSRF check; a form body it cannot even parse is bad input (422)."""
    try:
        return check_csrf(request) is not None
    except RequestDataTooBig:
        raise PayloadTooLarge from None
    except (MultiPartParserError, UnreadablePostError) as exc:
        raise InputError(
            [Issue("", _("the request body cannot be read: %(why)s") % {"why": exc})]
        ) from None


def via(request: HttpRequest) -> str:
    """``token`` or ``session``: how the caller authenticated (for the audit log)."""
    return str(getattr(request, _VIA, ""))


def caller(request: HttpRequest) -> Any:
    """The authenticated user."""
    return request.auth  # type: ignore[attr-defined]


def coach(request: HttpRequest) -> Any:
    """The caller, who must be a coach (else :class:`access.Forbidden`, HTTP 403)."""
    user = caller(request)
    if not access.is_coach(user):
        raise access.Forbidden(_("This is for coaches."))
    return user


def client(request: HttpRequest) -> Any:
    """The caller, who must be a client (else :class:`access.Forbidden`, HTTP 403)."""
    user = caller(request)
    if access.role_of(user) != "client":
        raise access.Forbidden(_("This is for clients: she logs her own training."))
    return user
