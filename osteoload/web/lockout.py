"""Login lockout (django-axes) by user name across addresses and by address (issue 16 item 7).

Two counts, each over the cool-off window (``AXES_COOLOFF_TIME``):

- a **user name** is locked after ``AXES_FAILURE_LIMIT`` failed logins from any addresses
  (guessing one account's password from many addresses stops);
- an **address** is locked after ``OSTEOLOAD_ADDRESS_FAILURE_LIMIT`` failed logins for any user
  names (one address guessing many accounts stops).

The address limit is lower than the user-name limit, so one address alone cannot lock anybody
else's account: it is itself locked first. The trade-off, in docs/configuration.md: several
addresses together can still lock a person out for the cool-off time (the price of stopping
distributed guessing), and people behind one shared address (a clinic's network) share its
count. A successful login clears only the failures of that user name from that address, so
logging in to one's own account does not clear the counts against someone else's.
"""

from __future__ import annotations

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_parameters, get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest

#: The lockout groups, in the order of settings.AXES_LOCKOUT_PARAMETERS.
LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]


def client_address(request: HttpRequest) -> str | None:
    """The address a failure counts against (``AXES_CLIENT_IP_CALLABLE``): behind the proxy
    (``OSTEOLOAD_PROXY_SSL_HEADER``) the last ``X-Forwarded-For`` entry, which the proxy itself
    adds and a client cannot forge; otherwise the connection's address. Without this, every
    login behind the proxy would share the proxy's address and five wrong passwords from
    anywhere would lock everybody out."""
    if settings.SECURE_PROXY_SSL_HEADER is not None:
        forwarded = str(request.META.get("HTTP_X_FORWARDED_FOR", ""))
        last = forwarded.split(",")[-1].strip()
        if last:
            return last
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def address_limit() -> int:
    return int(getattr(settings, "OSTEOLOAD_ADDRESS_FAILURE_LIMIT", 5))


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """axes' database handler with a separate, lower limit for an address."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """The count axes compares with ``AXES_FAILURE_LIMIT``: the user name's failures, or
        that limit itself once the address has reached its own limit."""
        username = get_client_username(request, credentials)
        groups = get_client_parameters(
            username,
            getattr(request, "axes_ip_address", None),
            getattr(request, "axes_user_agent", None),
            request,
            credentials,
        )
        user_limit = int(settings.AXES_FAILURE_LIMIT)
        worst = 0
        for filters, attempts in zip(
            groups, self.get_user_attempts(request, credentials), strict=True
        ):
            count = int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)
            if "username" not in filters:  # an address, for every user name
                count = user_limit if count >= address_limit() else min(count, user_limit - 1)
            worst = max(worst, count)
        return worst

    def user_login_failed(
        self,
        sender: Any,
        credentials: dict[str, Any],
        request: HttpRequest | None = None,
        **kwargs: Any,
    ) -> None:
        """Record a failure, except from an address already at its limit: its further tries
        are refused without counting against the user names it tries (so one address cannot
        lock out an account however long it keeps trying)."""
        if request is not None and self._address_failures(request) >= address_limit():
            request.axes_locked_out = True  # type: ignore[attr-defined]
            request.axes_credentials = credentials  # type: ignore[attr-defined]
            return
        super().user_login_failed(sender, credentials, request, **kwargs)

    def _address_failures(self, request: HttpRequest) -> int:
        address = getattr(request, "axes_ip_address", None)
        if address is None:
            return 0
        attempts = AccessAttempt.objects.filter(
            ip_address=address, attempt_time__gte=get_cool_off_threshold(request)
        )
        return int(attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0)

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a successful login: clear this user name's failures from this address only."""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(
            username=username, ip_address=getattr(request, "axes_ip_address", None)
        ).delete()
        return int(deleted)
