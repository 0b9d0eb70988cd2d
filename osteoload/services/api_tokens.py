"""Personal API tokens: create (shown once), list, revoke, and resolve a presented token.

A token is ``olk_`` followed by 43 URL-safe characters (256 random bits). Only its SHA-256
hash is stored, with the first characters as a prefix so that a user can tell her tokens
apart; a token that is lost cannot be recovered, only revoked and replaced.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from osteoload.store import hot
from osteoload.store.models import ApiToken

from . import clock
from .access import AnyUser, NotFound, user_id
from .errors import InputError, Issue

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


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenInfo:
    """A token as listed to its owner: never the token itself."""

    token_id: int
    name: str
    prefix: str
    created: datetime
    last_used: datetime | None
    revoked: datetime | None

    @property
    def active(self) -> bool:
        return self.revoked is None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_token(user: AnyUser, name: str) -> tuple[int, str]:
    """A new token for ``user``; returns its id and the token, which is shown only this once."""
    owner = user_id(user)
    clean = name.strip() if isinstance(name, str) else ""
    issues: list[Issue] = []
    if not clean or len(clean) > NAME_MAX:
        issues.append(
            Issue("name", f"is required, 1 to {NAME_MAX} characters (to recognise the token)")
        )
    active = ApiToken.objects.filter(user_id=owner, revoked__isnull=True).count()
    if active >= MAX_ACTIVE:
        issues.append(
            Issue("name", f"you already have {active} active tokens; revoke one first "
                          f"(at most {MAX_ACTIVE})")
        )  # fmt: skip
    if issues:
        raise InputError(issues)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    record = ApiToken.objects.create(
        user_id=owner, name=clean, prefix=token[:SHOWN_CHARS], token_hash=_hash(token)
    )
    return record.pk, token


def list_tokens(user: AnyUser) -> list[TokenInfo]:
    """The user's tokens, newest first, revoked ones included (marked)."""
    owner = user_id(user)
    return [_info(t) for t in ApiToken.objects.filter(user_id=owner).order_by("-created", "-id")]


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
    """The active user a presented token belongs to, or ``None``."""
    if not token or len(token) > TOKEN_MAX_LEN or not token.startswith(TOKEN_PREFIX):
        return None
    found = hot.token_with_owner(_hash(token))
    if found is None:
        return None
    record, user = found
    if not user.is_active:
        return None
    now = clock.now()
    if record.last_used is None or now - record.last_used > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=record.pk).update(last_used=now)
    return user


def _info(t: ApiToken) -> TokenInfo:
    return TokenInfo(
        token_id=t.pk,
        name=t.name,
        prefix=t.prefix,
        created=t.created,
        last_used=t.last_used,
        revoked=t.revoked,
    )
