"""Who may see what. Every web and API view resolves clients through these functions.

Another user's objects raise :class:`NotFound` (the front end answers 404), so existence is
never revealed.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from osteoload.store.models import Account, Client, Role

AnyUser = AbstractBaseUser | AnonymousUser


class NotFound(Exception):
    """The object does not exist, or this user may not see it."""


class Forbidden(Exception):
    """The user is known but her role does not allow the action (HTTP 403)."""


def user_id(user: AnyUser) -> int:
    """The primary key of a logged-in user."""
    if not user.is_authenticated or user.pk is None:
        raise NotFound
    return int(user.pk)


def role_of(user: AnyUser) -> Role | None:
    if not user.is_authenticated:
        return None
    try:
        # Loaded with the user when the caller joined it (API tokens do); else one query.
        return Role(user.account.role)  # type: ignore[attr-defined]
    except Account.DoesNotExist:
        return None


def is_coach(user: AnyUser) -> bool:
    return role_of(user) is Role.COACH


def client_for(user: AnyUser, client_id: int, *, with_profile: bool = False) -> Client:
    """The client if ``user`` is her coach or the client herself; else :class:`NotFound`.
    Her profile document is read now only ``with_profile`` (else at its first use): most
    calls only check ownership."""
    if not user.is_authenticated:
        raise NotFound
    rows = Client.objects.all() if with_profile else Client.objects.defer("profile")
    try:
        client = rows.get(pk=client_id)
    except (Client.DoesNotExist, ValueError, OverflowError):
        raise NotFound from None
    if client.coach_id == user.pk or (client.user_id is not None and client.user_id == user.pk):
        return client
    raise NotFound


def client_for_coach(user: AnyUser, client_id: int) -> Client:
    """Like :func:`client_for`, but only her coach may act (writes such as tests and scans)."""
    client = client_for(user, client_id)
    if client.coach_id != user.pk:
        raise NotFound
    return client


def own_client(user: AnyUser) -> Client:
    """The client record of a logged-in client."""
    if not user.is_authenticated:
        raise NotFound
    try:
        return Client.objects.get(user_id=user.pk)
    except Client.DoesNotExist:
        raise NotFound from None


def require_coach(user: AnyUser) -> None:
    if not user.is_authenticated:
        raise NotFound
    if not is_coach(user):
        raise Forbidden
