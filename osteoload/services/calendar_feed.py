"""Her program on her phone's calendar: a private subscription with a reminder before each
session.

Each client may have one secret calendar address (``/calendar/<token>.ics``) that phone
calendars subscribe to (``webcal://``) and fetch again every few hours without a login: the
token is the credential. It is 256 random bits, kept as issued so that she and her coach can
see the address again on their pages; regenerating it replaces the token and revoking it
deletes it, and the old address then answers 404 like any unknown one.

The calendar is the same one ``osteoload plan --format ics`` writes
(:func:`.documents.calendar.program_ics`, the doses worded by the wording layer), from her
assigned program as stored, with each session at her usual training time (default 09:00,
floating: her phone's own clock) and a reminder alarm :data:`REMINDER_MINUTES` before it.
While a stop rule has paused her program (R32/R32a) the calendar has no sessions, so no
reminder tells her to train; before a program is assigned it is empty too, and fills when
one is.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, time

from django.db import transaction
from django.utils.translation import gettext as _

from osteoload.store.models import CalendarFeed

from . import clock, i18n
from .access import AnyUser, NotFound, client_for
from .clients import client_profile
from .coaching import stored_program
from .documents.calendar import program_ics
from .errors import InputError, Issue

#: Minutes before each session that her calendar reminds her (the VALARM's trigger).
REMINDER_MINUTES = 60
#: How often a subscribing calendar is asked to fetch the feed again.
REFRESH_HOURS = 12
#: Her usual training time until she or her coach sets one.
DEFAULT_TIME = time(9, 0)
TOKEN_BYTES = 32
MAX_TOKEN = 64


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedInfo:
    """Her subscription as her pages show it: the secret token for the address, her usual
    training time and when the address was made."""

    token: str
    session_time: time
    created: datetime
    remind_minutes: int = REMINDER_MINUTES


def _info(feed: CalendarFeed) -> FeedInfo:
    return FeedInfo(token=feed.token, session_time=feed.session_time, created=feed.created)


def feed_of(user: AnyUser, client_id: int) -> FeedInfo | None:
    """Her calendar subscription, for her coach or herself; ``None`` when she has none."""
    client = client_for(user, client_id)
    feed = CalendarFeed.objects.filter(client=client).first()
    return _info(feed) if feed is not None else None


def parse_time(value: object) -> time:
    """A time of day as ``HH:MM`` (24-hour clock); :class:`InputError` on ``session_time``."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    text = value.strip() if isinstance(value, str) else ""
    try:
        parsed = time.fromisoformat(text) if len(text) in (4, 5) else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise InputError(
            [Issue("session_time", _("is not a time of day; use hours and minutes, like 09:30"),
                   value)]
        )  # fmt: skip
    return parsed.replace(second=0, microsecond=0)


def create_feed(user: AnyUser, client_id: int, *, session_time: object = None) -> FeedInfo:
    """A new secret address for her calendar (her coach or herself). An earlier address stops
    working at once; her usual training time is kept unless ``session_time`` gives one."""
    client = client_for(user, client_id)
    at = parse_time(session_time) if session_time not in (None, "") else None
    with transaction.atomic():
        feed = CalendarFeed.objects.select_for_update().filter(client=client).first()
        token = secrets.token_urlsafe(TOKEN_BYTES)
        if feed is None:
            feed = CalendarFeed.objects.create(
                client=client, token=token, session_time=at or DEFAULT_TIME
            )
        else:
            feed.token = token
            feed.created = clock.now()
            if at is not None:
                feed.session_time = at
            feed.save(update_fields=["token", "created", "session_time"])
    return _info(feed)


def set_time(user: AnyUser, client_id: int, session_time: object) -> FeedInfo:
    """Change her usual training time (the address stays the same); :class:`NotFound` when
    she has no subscription."""
    client = client_for(user, client_id)
    at = parse_time(session_time)
    updated = CalendarFeed.objects.filter(client=client).update(session_time=at)
    if not updated:
        raise NotFound
    feed = CalendarFeed.objects.get(client=client)
    return _info(feed)


def revoke_feed(user: AnyUser, client_id: int) -> bool:
    """Her secret address stops working (her coach or herself); True if there was one."""
    client = client_for(user, client_id)
    deleted, _count = CalendarFeed.objects.filter(client=client).delete()
    return bool(deleted)


def feed_ics(token: str) -> bytes:
    """The calendar at a secret address, or :class:`NotFound` for an unknown or revoked one.

    Her assigned program's sessions at her usual time, each with its reminder; no sessions
    while her program is paused (R32/R32a) or before one is assigned."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN:
        raise NotFound
    feed = CalendarFeed.objects.select_related("client").filter(token=token).first()
    if feed is None or not secrets.compare_digest(feed.token, token):
        raise NotFound
    client = feed.client
    today = clock.today()
    profile = client_profile(client, today=today)
    record = client.programs.filter(assigned=True).first()
    program = stored_program(record) if record is not None and not client.paused else None
    with i18n.language(i18n.client_language(client)):  # her language, not the calendar app's
        return program_ics(
            program,
            profile,
            at=feed.session_time,
            remind_minutes=REMINDER_MINUTES,
            refresh_hours=REFRESH_HOURS,
        )
