"""Every failure as JSON.

401, 403, 404, 409 (program paused, R32; a pause her screening does not yet let her coach
lift, R32a; another request changed the same record at the same moment,
services.concurrency) and 413 answer ``{"detail": "..."}``; a change sent with an
``If-Match`` version that is no longer the stored one answers 409 with
``{"detail", "version", "changed"}`` (services.versions.Conflict); bad input
answers 422 with ``{"detail": [{"field", "value", "message"}, ...]}``
(services.errors.Issue.as_dict).

Every ``detail`` and ``message`` is worded in the request's language (her account's, else
``Accept-Language``); ``field`` and ``value`` stay as the input spelled them, for programs."""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, pgettext
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from osteoload.domain.errors import DomainError
from osteoload.services import api_tokens, concurrency
from osteoload.services.access import Forbidden, NotFound
from osteoload.services.concurrency import Collision
from osteoload.services.errors import InputError, Issue
from osteoload.services.stops import ResumeRefused
from osteoload.services.training_log import ProgramPaused
from osteoload.services.versions import Conflict

from .base import PayloadTooLarge, jsonable_issue

logger = logging.getLogger(__name__)


def not_found_detail() -> str:
    """The 404 detail, in the request's language."""
    return pgettext("api", "Not found")


UNAUTHENTICATED = gettext_noop(
    "Authentication required: send 'Authorization: Bearer <token>' (a personal API token) "
    "or use a logged-in browser session"
)


def issues_response(api: NinjaAPI, request: HttpRequest, issues: list[Issue]) -> HttpResponse:
    return api.create_response(request, {"detail": [jsonable_issue(i) for i in issues]}, status=422)


def install(api: NinjaAPI) -> None:
    """Register the handlers on ``api`` (after ninja's defaults, which they replace)."""

    def input_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, InputError)
        return issues_response(api, request, list(exc.issues))

    def domain_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, DomainError)
        return issues_response(api, request, [Issue("", str(exc))])

    def validation_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, ValidationError)
        # OsteoloadAPI.validation_error_from_error_contexts already built our shape.
        return api.create_response(request, {"detail": exc.errors}, status=422)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": not_found_detail()}, status=404)

    def token_expired(request: HttpRequest, exc: Any) -> HttpResponse:
        # An API token past the expiry its owner chose: 401, saying when and what to do.
        assert isinstance(exc, api_tokens.TokenExpired)
        response = api.create_response(request, {"detail": str(exc)}, status=401)
        response["WWW-Authenticate"] = (
            'Bearer realm="osteoload", error="invalid_token", error_description="The token expired"'
        )
        return response

    def forbidden(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, Forbidden)
        message = str(exc) or _("Your role does not allow this.")
        return api.create_response(request, {"detail": message}, status=403)

    def unauthenticated(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, AuthenticationError)
        response = api.create_response(request, {"detail": _(UNAUTHENTICATED)}, status=401)
        response["WWW-Authenticate"] = 'Bearer realm="osteoload"'
        return response

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, HttpError)
        if exc.status_code == 400:
            # ninja's "Cannot parse request body": bad input, in our shape like all bad input
            # (the bounded parser's own reason when it gave one).
            cause = exc.__cause__
            if isinstance(cause, PayloadTooLarge):
                return too_large(request, cause)
            if isinstance(cause, InputError):
                return issues_response(api, request, list(cause.issues))
            return issues_response(
                api, request, [Issue("", _("the request body is not valid JSON"))]
            )
        return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)

    def overflow(request: HttpRequest, exc: Any) -> HttpResponse:
        # A safety net: every date and number is bounded at the door, but a computation
        # that still leaves the calendar is bad input, not a server error.
        return issues_response(
            api, request,
            [Issue("", _("a date or number in the input is outside what osteoload can compute "
                         "with"))],
        )  # fmt: skip

    def paused(request: HttpRequest, exc: Any) -> HttpResponse:
        # R32: a stop-rule report pauses the program until her coach has reviewed it.
        return api.create_response(
            request, {"detail": _("The program is paused: %(why)s") % {"why": exc}}, status=409
        )

    def resume_refused(request: HttpRequest, exc: Any) -> HttpResponse:
        # R32a: the pause stays until a new screening allows it; the detail says what to record.
        return api.create_response(request, {"detail": str(exc)}, status=409)

    def conflict(request: HttpRequest, exc: Any) -> HttpResponse:
        # Optimistic concurrency: the record changed since the version sent; nothing written.
        assert isinstance(exc, Conflict)
        body = {"detail": exc.issues[0].message, "version": exc.current, "changed": exc.changed}
        return api.create_response(request, body, status=409)

    def collision(request: HttpRequest, exc: Any) -> HttpResponse:
        # Two requests at the same moment (issue 16): this one wrote nothing; retry is safe.
        if isinstance(exc, Collision):
            detail = exc.issues[0].message
        else:
            if isinstance(exc, OperationalError) and not concurrency.is_busy(exc):
                raise exc
            detail = str(Collision())
        logger.warning("409 after a database collision: %s", type(exc.__cause__ or exc).__name__)
        return api.create_response(request, {"detail": detail}, status=409)

    def too_large(request: HttpRequest, exc: Any) -> HttpResponse:
        assert isinstance(exc, PayloadTooLarge)
        return api.create_response(
            request, {"detail": _("The request body is too large.")}, status=413
        )

    api.add_exception_handler(InputError, input_error)
    api.add_exception_handler(Conflict, conflict)
    api.add_exception_handler(Collision, collision)
    api.add_exception_handler(IntegrityError, collision)
    api.add_exception_handler(OperationalError, collision)
    api.add_exception_handler(DomainError, domain_error)
    api.add_exception_handler(ValidationError, validation_error)
    api.add_exception_handler(NotFound, not_found)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(Forbidden, forbidden)
    api.add_exception_handler(AuthenticationError, unauthenticated)
    api.add_exception_handler(api_tokens.TokenExpired, token_expired)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(PayloadTooLarge, too_large)
    api.add_exception_handler(ProgramPaused, paused)
    api.add_exception_handler(ResumeRefused, resume_refused)
    api.add_exception_handler(OverflowError, overflow)
