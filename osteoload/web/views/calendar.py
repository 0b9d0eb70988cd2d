"""Her program on her phone's calendar: the secret subscription address and its feed.

The feed (``/calendar/<token>.ics``) needs no login: the token is the credential
(:mod:`osteoload.services.calendar_feed`). It answers 404 for an unknown or revoked token,
is never cached (``Cache-Control: no-store``), and its address is redacted from every log
line (``osteoload.web.security.ScrubSecrets``). She and her coach see the address, copy it,
change her usual training time, make a new one or revoke it on her documents page and on
the coach's client page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from osteoload.services import access, audit, calendar_feed
from osteoload.services.documents.downloads import ICS
from osteoload.services.errors import InputError

from .common import audited, client_view, coach_view


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The calendar at a secret address: no login, never cached, 404 when unknown."""
    try:
        data = calendar_feed.feed_ics(token)
    except access.NotFound:
        raise Http404 from None
    response = HttpResponse(data, content_type=ICS)
    response["Content-Disposition"] = 'inline; filename="osteoload.ics"'
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def feed_context(request: HttpRequest, client_id: int, *, coach: bool) -> dict[str, Any]:
    """What the calendar section of her page (or her coach's) shows."""
    info = calendar_feed.feed_of(request.user, client_id)
    if coach:
        urls = {
            "create": reverse("coach-feed-create", args=[client_id]),
            "time": reverse("coach-feed-time", args=[client_id]),
            "revoke": reverse("coach-feed-revoke", args=[client_id]),
        }
    else:
        urls = {
            "create": reverse("client-feed-create"),
            "time": reverse("client-feed-time"),
            "revoke": reverse("client-feed-revoke"),
        }
    context: dict[str, Any] = {
        "feed": info,
        "feed_actions": urls,
        "feed_for_coach": coach,
        "feed_remind_minutes": calendar_feed.REMINDER_MINUTES,
        "feed_default_time": calendar_feed.DEFAULT_TIME,
    }
    if info is not None:
        https = request.build_absolute_uri(reverse("calendar-feed", args=[info.token]))
        context["feed_https"] = https
        context["feed_webcal"] = "webcal://" + https.split("://", 1)[1]
    return context


def _back(request: HttpRequest, client_id: int | None) -> HttpResponse:
    if client_id is None:
        return redirect(reverse("client-documents") + "#calendar-h")
    return redirect(reverse("coach-client", args=[client_id]) + "#calendar-h")


def _create(request: HttpRequest, client_id: int, back: int | None) -> HttpResponse:
    had = calendar_feed.feed_of(request.user, client_id) is not None
    try:
        calendar_feed.create_feed(
            request.user, client_id, session_time=request.POST.get("session_time", "")
        )
    except InputError as exc:
        messages.error(request, str(exc))
        return _back(request, back)
    audited(request, audit.Action.CREATE, client_id, "calendar", None,
            "calendar address replaced" if had else "calendar address made")  # fmt: skip
    messages.success(
        request,
        _("New calendar address made: the old one no longer works.")
        if had
        else _("Calendar address made. Add it to the phone's calendar as a subscription."),
    )
    return _back(request, back)


def _time(request: HttpRequest, client_id: int, back: int | None) -> HttpResponse:
    try:
        calendar_feed.set_time(request.user, client_id, request.POST.get("session_time", ""))
    except InputError as exc:
        messages.error(request, str(exc))
    except access.NotFound:
        messages.error(request, _("There is no calendar address to change: make one first."))
    else:
        audited(request, audit.Action.UPDATE, client_id, "calendar", None, "training time set")
        messages.success(
            request, _("Training time saved. Phone calendars show it at their next update.")
        )
    return _back(request, back)


def _revoke(request: HttpRequest, client_id: int, back: int | None) -> HttpResponse:
    if calendar_feed.revoke_feed(request.user, client_id):
        audited(request, audit.Action.DELETE, client_id, "calendar", None, "calendar revoked")
        messages.success(
            request,
            _("Calendar address revoked: it no longer works. Remove the subscription from the "
              "phone's calendar too."),
        )  # fmt: skip
    return _back(request, back)


@client_view
@require_POST
def client_feed_create(request: HttpRequest, client_id: int) -> HttpResponse:
    return _create(request, client_id, None)


@client_view
@require_POST
def client_feed_time(request: HttpRequest, client_id: int) -> HttpResponse:
    return _time(request, client_id, None)


@client_view
@require_POST
def client_feed_revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    return _revoke(request, client_id, None)


@coach_view
@require_POST
def coach_feed_create(request: HttpRequest, client_id: int) -> HttpResponse:
    return _create(request, client_id, client_id)


@coach_view
@require_POST
def coach_feed_time(request: HttpRequest, client_id: int) -> HttpResponse:
    return _time(request, client_id, client_id)


@coach_view
@require_POST
def coach_feed_revoke(request: HttpRequest, client_id: int) -> HttpResponse:
    return _revoke(request, client_id, client_id)
