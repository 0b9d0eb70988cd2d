"""A person's own account: her password, and the clinic's details as this server has them.

The clinic's name and phone number are environment settings (``OSTEOLOAD_CLINIC_NAME``,
``OSTEOLOAD_CLINIC_PHONE``, docs/configuration.md): they are read here, for the settings
page and the client's stop screen alike, and changed by whoever runs the server.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, cast

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import api_tokens
from .access import AnyUser, NotFound
from .errors import InputError, Issue

#: Where the clinic's details are changed (named on the coach's settings page).
CLINIC_SETTINGS = ("OSTEOLOAD_CLINIC_NAME", "OSTEOLOAD_CLINIC_PHONE")


@dataclass(frozen=True, slots=True, kw_only=True)
class ClinicDetails:
    """The clinic as the server is configured: ``tel`` is the number for a ``tel:`` link
    (digits, with a leading ``+`` kept), empty when the phone has no digits."""

    name: str
    phone: str
    tel: str


def clinic_details() -> ClinicDetails:
    """The clinic's name and phone from the server's settings (empty when not set); a phone
    without a single digit is treated as not set."""
    name = str(getattr(settings, "OSTEOLOAD_CLINIC_NAME", "") or "").strip()
    phone = str(getattr(settings, "OSTEOLOAD_CLINIC_PHONE", "") or "").strip()
    digits = re.sub(r"[^0-9]", "", phone)
    tel = ("+" if phone.startswith("+") else "") + digits if digits else ""
    return ClinicDetails(name=name, phone=phone if tel else "", tel=tel)


def change_password(user: AnyUser, current: str, new: str, again: str) -> int:
    """Change a logged-in person's password after checking her current one.

    Every other way in ends with it: her API tokens are revoked here (returns how many), and
    her other browser sessions stop at their next request (Django checks each session against
    the password hash; the front end keeps the session that made the change). Raises
    :class:`InputError` naming ``current_password``, ``new_password`` or
    ``new_password2``; nothing is changed then.
    """
    if not isinstance(user, AbstractBaseUser) or not user.is_authenticated:
        raise NotFound
    issues: list[Issue] = []
    if not isinstance(current, str) or not user.check_password(current):
        issues.append(Issue("current_password", _("is not your current password")))
    if not isinstance(new, str) or not new:
        issues.append(Issue("new_password", _("is required")))
    elif new != again:
        issues.append(Issue("new_password2", _("is not the same as the new password")))
    else:
        if isinstance(current, str) and new == current:
            issues.append(Issue("new_password", _("is the same as your current password")))
        try:
            # (the similarity check reads her user name and the rest of the user model)
            validate_password(new, cast(Any, user))
        except ValidationError as exc:
            issues.append(Issue("new_password", " ".join(exc.messages)))
    if issues:
        raise InputError(issues)
    with transaction.atomic():
        user.set_password(new)
        user.save(update_fields=["password"])
        return api_tokens.revoke_all(user)
