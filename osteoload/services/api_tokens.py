"""Personal API tokens: create (shown once), list, revoke, and resolve a presented token.

A token is ``olk_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256
hash is stored, with the first characters as a prefix so that a user can tell her tokens
apart; a token that is lost cannot be recovered, only revoked and replaced.

A token may expire: its owner chooses after how many days when she creates it (or never);
an expired token is refused with :class:`TokenExpired`, which says when it expired. The
moment each token was last used is kept (to the nearest few minutes) and shown to her.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from django.utils.translation import gettext as _

from osteoload.store import hot
from osteoload.store.models import ApiToken

from . import clock
from .access import AnyUser, NotFound, user_id
from .errors import InputError, Issue
from .untrusted import control_character_issues

TOKEN_PREFIX = "olk_"
#: Characters of the token kept in clear, to tell tokens apart (``olk_`` and 8 more).
SHOWN_CHARS = 12
NAME_MAX = 100
#: Active tokens a user may hold at once.
MAX_ACTIVE = 20
#: ``last_used`` is written at most this often, so reads do not turn into writes.
LAST_USED_RESOLUTION = timedelta(minutes=5)
#: Longest string ever accepted as a token (anything longer is refused without hashing).
TOKEN_MAX_LEN = 100
#: The expiries offered when a token is created, in days (``None``: it never expires).
EXPIRY_CHOICES_DAYS = (7, 30, 90, 365)
#: Longest expiry accepted, in days.
MAX_EXPIRY_DAYS = 3650


class TokenExpired(Exception):
    """A presented token that was valid but has expired (HTTP 401, with when)."""

    def __init__(self, expired: datetime) -> None:
        self.expired = expired
        super().__init__(
            _(
                "This API token expired on %(when)s (UTC). Create a new one on your settings "
                "page (/settings/) and use it instead."
            )
            % {"when": expired.astimezone(UTC).strftime("%Y-%m-%d %H:%M")}
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenInfo:
    """A token as listed to its owner: never the token itself."""

    token_id: int
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None
    expires: datetime | None = None
    """When it stops working by itself; ``None``: never."""
    expired: bool = False
    """Past its expiry when it was listed."""

    @property
    def active(self) -> bool:
        return self.revoked is None and not self.expired


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(
    user: AnyUser, name: str, *, expires_in_days: int | str | None = None
) -> tuple[int, str]:
    """A new token for ``user``; returns its id and the token, which is shown only this once.

    ``expires_in_days``: after how many days it stops working (a whole number from 1 to
    :data:`MAX_EXPIRY_DAYS`, as a number or the text of a form field); ``None`` or empty:
    never."""
    owner = user_id(user)
    clean = name.strip() if isinstance(name, str) else ""
    issues: list[Issue] = []
    if not clean or len(clean) > NAME_MAX:
        issues.append(
            Issue(
                "name",
                _("is required, 1 to %(max)s characters (to recognise the token)")
                % {"max": NAME_MAX},
            )
        )
    issues.extend(control_character_issues(clean, "name"))  # no NUL (PostgreSQL), issue 16
    days = _expiry_days(expires_in_days, issues)
    now = clock.now()
    active = (
        ApiToken.objects.filter(user_id=owner, revoked__isnull=True)
        .exclude(expires__lte=now)
        .count()
    )
    if active >= MAX_ACTIVE:
        issues.append(
            Issue("name", f"you already have {active} active tokens; revoke one first "
                          f"(at most {MAX_ACTIVE})")
        )  # fmt: skip
    if issues:
        raise InputError(issues)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user_id=owner, name=clean, prefix=token[:SHOWN_CHARS], token_hash=_hash(token),
        expires=now + timedelta(days=days) if days is not None else None,
    )  # fmt: skip
    return record.pk, token


def _expiry_days(value: int | str | None, issues: list[Issue]) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = str(value).strip()
    if isinstance(value, bool) or not (text.isascii() and text.isdigit() and len(text) <= 5):
        issues.append(
            Issue("expires_in_days", _("is not a number of days; leave it empty for a token "
                  "that does not expire"), text[:20])
        )  # fmt: skip
        return None
    days = int(text)
    if not 1 <= days <= MAX_EXPIRY_DAYS:
        issues.append(
            Issue("expires_in_days", _("%(days)s is out of range; allowed 1 to %(max)s days")
                  % {"days": days, "max": MAX_EXPIRY_DAYS}, days)
        )  # fmt: skip
        return None
    return days


def list_tokens(user: AnyUser) -> list[TokenInfo]:
    """The user's tokens, newest first, revoked and expired ones included (marked)."""
    owner = user_id(user)
    now = clock.now()
    rows = ApiToken.objects.filter(user_id=owner).order_by("-created", "-id")
    return [_info(t, now=now) for t in rows]


def revoke_token(user: AnyUser, token_id: int) -> None:
    """Revoke one of the user's tokens; another user's token (or none) is :class:`NotFound`."""
    owner = user_id(user)
    try:
        token = ApiToken.objects.get(pk=token_id, user_id=owner)
    except (ApiToken.DoesNotExist, ValueError, OverflowError):
        raise NotFound from None
    if token.revoked is None:
        token.revoked = clock.now()
        token.save(update_fields=["revoked"])


def revoke_all(user: AnyUser) -> int:
    """Revoke every active token of ``user`` (her password was changed or reset); returns how
    many were revoked."""
    owner = user_id(user)
    return ApiToken.objects.filter(user_id=owner, revoked__isnull=True).update(revoked=clock.now())


def user_for_token(token: str) -> Any | None:
    """The active user a presented token belongs to, or ``None``; a token past its expiry
    raises :class:`TokenExpired`."""
    if not token or len(token) > TOKEN_MAX_LEN or not token.startswith(TOKEN_PREFIX):
        return None
    found = hot.token_with_owner(_hash(token))
    if found is None:
        return None
    record, user = found
    if not user.is_active:
        return None
    now = clock.now()
    if record.expires is not None and record.expires <= now:
        raise TokenExpired(record.expires)
    if record.last_used is None or now - record.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used=now)
    return user


def _info(t: ApiToken, *, now: datetime) -> TokenInfo:
    return TokenInfo(
        token_id=t.pk,
        name=t.name,
        prefix=t.prefix,
        created=t.created,
        last_used=t.last_used,
        revoked=t.revoked,
        expires=t.expires,
        expired=t.expires is not None and t.expires <= now,
    )
