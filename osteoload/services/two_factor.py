"""Two-factor sign-in for coaches: a time-based one-time code (TOTP) from an authenticator app,
or a passkey (WebAuthn, django-otp-webauthn), through django-otp (issue 16 item 7).

A coach turns it on from her settings page (scan the QR code, type a code to confirm); from
then on, logging in with her password asks for a code too. With ``OSTEOLOAD_REQUIRE_2FA`` set
(docs/configuration.md) every coach must turn it on before she can open any other page.
Personal API tokens are not affected: a token is its own credential.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp import device_classes
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.qr import write_qrcode_image
from django_otp_webauthn.models import WebAuthnCredential

from osteoload.store.models import Role

from . import access
from .access import AnyUser
from .errors import InputError, Issue

DEVICE_NAME = "Authenticator app"
#: A code is this many digits (what every authenticator app shows by default).
DIGITS = 6


class Need(StrEnum):
    """What a logged-in person still has to do before she may open a page."""

    NOTHING = ""
    VERIFY = "verify"
    """She has an authenticator: type its code (once per login)."""
    ENROL = "enrol"
    """Two-factor sign-in is required for coaches and she has not turned it on yet."""


def required() -> bool:
    """Whether the server requires two-factor sign-in of every coach."""
    return bool(getattr(settings, "OSTEOLOAD_REQUIRE_2FA", False))


def offered_to(user: AnyUser) -> bool:
    """Coaches may turn it on (clients sign in with a password only)."""
    return access.role_of(user) == Role.COACH


def enabled(user: AnyUser) -> bool:
    """She has a confirmed second factor: an authenticator app or a passkey. One query over
    every kind of device django-otp knows (``user_has_device`` asks each kind in turn): it
    runs on every request of a signed-in session (issue 19)."""
    if not user.is_authenticated:
        return False
    kinds = [
        model.objects.devices_for_user(user, confirmed=True).order_by().values_list("pk")
        for model in device_classes()
    ]
    if not kinds:
        return False
    first, *rest = kinds
    return bool(list(first.union(*rest, all=True)[:1]))


def app_enabled(user: AnyUser) -> bool:
    """She has a confirmed authenticator app (a code)."""
    return bool(TOTPDevice.objects.filter(user_id=access.user_id(user), confirmed=True).exists())


@dataclass(frozen=True, slots=True)
class Passkey:
    """One of her passkeys, as her settings page lists it."""

    id: int
    name: str
    created_at: Any
    last_used_at: Any


def passkeys(user: AnyUser) -> list[Passkey]:
    """Her confirmed passkeys, oldest first (one without a name is "Passkey 1", "Passkey 2"
    and so on, in that order)."""
    rows = WebAuthnCredential.objects.filter(user_id=access.user_id(user), confirmed=True).order_by(
        "created_at", "pk"
    )
    return [
        Passkey(r.pk, r.name or _("Passkey %(n)d") % {"n": n}, r.created_at, r.last_used_at)
        for n, r in enumerate(rows, start=1)
    ]


def remove_passkey(user: AnyUser, passkey_id: Any) -> None:
    """Remove one of her own passkeys; refused when it is her last second factor and the
    server requires one of coaches. Raises :class:`InputError` naming ``passkey``."""
    try:
        key = int(str(passkey_id))
    except ValueError:
        key = -1
    with transaction.atomic():
        rows = WebAuthnCredential.objects.select_for_update().filter(
            user_id=access.user_id(user), pk=key
        )
        if not rows.exists():
            raise InputError([Issue("passkey", _("is not one of your passkeys"), passkey_id)])
        others = WebAuthnCredential.objects.filter(
            user_id=access.user_id(user), confirmed=True
        ).exclude(pk=key)
        if required() and offered_to(user) and not others.exists() and not app_enabled(user):
            raise InputError(
                [Issue("passkey", _("is your last second factor, which this server requires"))]
            )
        rows.delete()


def need(user: AnyUser) -> Need:
    """What she must do before other pages open (see :class:`Need`)."""
    if not user.is_authenticated:
        return Need.NOTHING
    if enabled(user):
        return Need.VERIFY
    if required() and offered_to(user):
        return Need.ENROL
    return Need.NOTHING


@dataclass(frozen=True, slots=True)
class Enrolment:
    """An authenticator being set up: the secret as the app's QR code and as text."""

    secret: str
    """The key in base32, grouped in fours, for typing into an app by hand."""
    url: str
    """The otpauth:// address the QR code holds."""


def _pending(user: AnyUser) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user_id=access.user_id(user), confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user_id=access.user_id(user), name=DEVICE_NAME, confirmed=False, digits=DIGITS
        )
    return device


def start_enrolment(user: AnyUser) -> Enrolment:
    """The authenticator she is setting up (made on first call, the same one until she
    confirms it)."""
    if not offered_to(user):
        raise access.Forbidden(_("Two-factor sign-in is for coaches."))
    device = _pending(user)
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    grouped = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
    return Enrolment(secret=grouped, url=str(device.config_url))


def qr_code_svg(user: AnyUser) -> bytes:
    """The QR code of the authenticator she is setting up, as an SVG image."""
    enrolment = start_enrolment(user)
    out = io.BytesIO()
    write_qrcode_image(enrolment.url, out)
    return out.getvalue()


def _code(code: Any, field: str) -> str:
    text = "".join(str(code or "").split())
    if not text.isdigit() or len(text) != DIGITS:
        raise InputError(
            [Issue(field, _("type the %(digits)d-digit code your app shows") % {"digits": DIGITS})]
        )
    return text


def confirm_enrolment(user: AnyUser, code: Any) -> TOTPDevice:
    """Turn it on with the first code her app shows; returns the device (the front end then
    marks this session verified). Raises :class:`InputError` naming ``code``."""
    text = _code(code, "code")
    with transaction.atomic():
        device = _pending(user)
        if not device.verify_token(text):
            raise InputError([Issue("code", _("is not the code your app shows now; try again"))])
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user_id=device.user_id, confirmed=False).delete()
    return device


def verify(user: AnyUser, code: Any) -> Any:
    """Her device if ``code`` is its current code (tries are throttled by django-otp: each
    wrong code doubles the wait before the next is checked); :class:`InputError` otherwise."""
    text = _code(code, "code")
    for device in TOTPDevice.objects.filter(user_id=access.user_id(user), confirmed=True):
        allowed, _details = device.verify_is_allowed()
        if not allowed:
            raise InputError(
                [Issue("code", _("too many wrong codes; wait a minute, then try again"))]
            )
        if device.verify_token(text):
            return device
    raise InputError([Issue("code", _("is not the code your app shows now; try again"))])


def disable(user: AnyUser, code: Any) -> None:
    """Turn the authenticator app off, with a current code; refused while the server requires
    two-factor sign-in of coaches and she has no passkey."""
    if required() and offered_to(user) and not passkeys(user):
        raise InputError(
            [Issue("code", _("two-factor sign-in is required for coaches on this server"))]
        )
    verify(user, code)
    TOTPDevice.objects.filter(user_id=access.user_id(user)).delete()
