"""Email through Django's email framework: invitations, password-reset links and a coach's
alert when a stop rule pauses a client's program.

Where mail goes is the server's configuration (``OSTEOLOAD_EMAIL_*``, docs/configuration.md):
by default it is written to the server's console (with its one-time links redacted, see
:class:`osteoload.web.security.ScrubbedConsoleEmailBackend`), with ``OSTEOLOAD_EMAIL_HOST``
it goes out by SMTP. Every sentence is gettext-marked. The emails carry no health details and
no clinical number: an alert names the client and sends her coach to her page, where the
reason is.
"""

from __future__ import annotations

import logging
import smtplib
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from osteoload.store.models import Client
from osteoload.wording import pronouns_for

from .access import AnyUser, NotFound, client_for_coach, user_id
from .errors import InputError, Issue

log = logging.getLogger(__name__)

MAX_ADDRESS = 254


class MailNotSent(Exception):
    """The mail server refused or could not be reached; the caller says so and offers
    another way (the link on the page)."""


def check_address(value: object, *, field: str = "email") -> str:
    """An email address, trimmed; :class:`InputError` naming ``field`` otherwise."""
    text = value.strip() if isinstance(value, str) else ""
    try:
        if not text or len(text) > MAX_ADDRESS:
            raise ValidationError("bad")
        validate_email(text)
    except ValidationError:
        raise InputError(
            [Issue(field, _("is not an email address; write it like name@example.org"), value)]
        ) from None
    return text


def _send(subject: str, body: str, to: str) -> None:
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        log.warning("email not sent: %s", type(exc).__name__)
        raise MailNotSent from exc


def _display_name(user: Any) -> str:
    account = getattr(user, "account", None)
    name = account.display_name if account is not None else ""
    return str(name or user.get_username())


def send_invitation(
    coach: AnyUser, client_id: int, to: str, link: str, *, days: int, reset: bool
) -> None:
    """Email her the one-time link her coach just made: an invitation to choose her login,
    or (``reset``) a link to choose a new password. Raises :class:`InputError` for a bad
    address and :class:`MailNotSent` when the mail server fails."""
    address = check_address(to)
    client = client_for_coach(coach, client_id)
    values = {"name": client.name, "coach": _display_name(coach), "link": link, "days": days}
    if reset:
        subject = _("Choose a new password for osteoload")
        body = (
            _(
                "Hello %(name)s,\n\n"
                "%(coach)s has made a link for you to choose a new password for osteoload.\n\n"
                "Open it to choose your new password. It works once, for %(days)d days:\n"
                "%(link)s\n\n"
                "If you did not ask for a new password, tell %(coach)s."
            )
            % values
        )
    else:
        subject = _("Your invitation to osteoload")
        body = (
            _(
                "Hello %(name)s,\n\n"
                "%(coach)s has invited you to osteoload, where you see your exercise program and "
                "record your sessions on your phone or computer.\n\n"
                "Open this link to choose your user name and password. It works once, for "
                "%(days)d days:\n"
                "%(link)s\n\n"
                "If you did not expect this email, you can ignore it."
            )
            % values
        )
    _send(subject, body, address)


def send_stop_alert(client_id: int) -> bool:
    """Tell her coach by email that a stop rule has paused her program (R32/R32a). Sent only
    when her coach has an email address (Settings); returns True if it was sent. A mail
    server that fails is logged and otherwise ignored: the pause and the roster's flag
    stand, and the coach sees them on her next visit."""
    client = Client.objects.select_related("coach", "coach__account").filter(pk=client_id).first()
    if client is None or not client.paused:
        return False
    address = str(getattr(client.coach, "email", "") or "")
    if not address:
        return False
    sex = client.profile.get("sex") if isinstance(client.profile, dict) else None
    p = pronouns_for(sex if isinstance(sex, str) else None)
    values = {"name": client.name, "object": p.object, "possessive": p.possessive}
    subject = _("osteoload: %(name)s's program is paused") % values
    body = (
        _(
            "A stop rule has paused the exercise program of %(name)s. osteoload has asked "
            "%(object)s to stop exercising and to contact %(possessive)s doctor and you.\n\n"
            "Open %(name)s's page in osteoload to see why, and lift the pause once it is safe to "
            "continue.\n\n"
            "This email gives no health details on purpose: they stay in osteoload."
        )
        % values
    )
    try:
        _send(subject, body, address)
    except MailNotSent:
        return False
    return True


def alert_after_commit(client_id: int) -> None:
    """Send the stop alert once the pause is saved (never for a pause that rolls back)."""
    transaction.on_commit(lambda: send_stop_alert(client_id))


def own_email(user: AnyUser) -> str:
    """The email address on her login (empty when none)."""
    if not user.is_authenticated:
        raise NotFound
    return str(getattr(user, "email", "") or "")


def set_own_email(user: AnyUser, value: object) -> str:
    """Set (or, with an empty value, clear) the email address on her own login; a coach's
    receives her stop alerts. :class:`InputError` names ``email``."""
    if not user.is_authenticated:
        raise NotFound
    text = value.strip() if isinstance(value, str) else ""
    address = check_address(text) if text else ""
    get_user_model().objects.filter(pk=user_id(user)).update(email=address)
    return address
