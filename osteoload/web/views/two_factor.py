"""Two-factor sign-in pages (issue 16 item 7): the code (or a passkey) after the password, and
a coach's page in Settings to turn her authenticator app on or off and add or remove passkeys
(the passkey ceremonies themselves are osteoload.web.passkeys' JSON endpoints)."""

from __future__ import annotations

import django_otp
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from osteoload.services import two_factor
from osteoload.services.errors import InputError, Issue

from .. import forms
from ..two_factor import session_need, verified
from .common import COACH
from .settings import _base, member_view

CODE = forms.Section(
    "two_factor",
    gettext_noop("Code"),
    (
        forms.Field("code", gettext_noop("Code from your authenticator app"), "text",
                    required=True, autocomplete="one-time-code",
                    help=gettext_noop("Six digits; the app shows a new one every 30 seconds.")),
    ),
)  # fmt: skip


def _next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """After her password: the code from her authenticator app, once per login."""
    if not request.user.is_authenticated:
        return redirect("login")
    if session_need(request) is not two_factor.Need.VERIFY or verified(request):
        return redirect(_next(request))
    issues: list[Issue] = []
    if request.method == "POST":
        try:
            device = two_factor.verify(request.user, request.POST.get("code", ""))
        except InputError as exc:
            issues = list(exc.issues)
        else:
            django_otp.login(request, device)
            return redirect(_next(request))
    return render(
        request,
        "osteoload/accounts/two_factor_verify.html",
        {
            "form": forms.bind([CODE], {}, issues),
            "next": _next(request),
            "app": two_factor.app_enabled(request.user),
            "has_passkeys": bool(two_factor.passkeys(request.user)),
        },
        status=422 if issues else 200,
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
@member_view
def settings_page(request: HttpRequest, role: str) -> HttpResponse:
    """Turn two-factor sign-in on (scan, then confirm with a code) or off (with a code)."""
    if role != COACH:
        raise PermissionDenied(_("Two-factor sign-in is for coaches."))
    issues: list[Issue] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        code = request.POST.get("code", "")
        try:
            if action == "disable":
                two_factor.disable(request.user, code)
                messages.success(request, _("Two-factor sign-in is off."))
                return redirect("settings")
            device = two_factor.confirm_enrolment(request.user, code)
        except InputError as exc:
            issues = list(exc.issues)
        else:
            django_otp.login(request, device)
            messages.success(
                request, _("Two-factor sign-in is on: each login now asks for a code too.")
            )
            return redirect(_next(request) if request.GET.get("next") else "settings")
    enabled = two_factor.app_enabled(request.user)
    keys = two_factor.passkeys(request.user)
    context = {
        "base": _base(role),
        "enabled": enabled,
        "passkeys": keys,
        "required": two_factor.required(),
        "last_factor": two_factor.required() and len(keys) + int(enabled) <= 1,
        "enrolment": None if enabled else two_factor.start_enrolment(request.user),
        "form": forms.bind([CODE], {}, issues),
        "next": request.GET.get("next", ""),
    }
    return render(
        request, "osteoload/settings/two_factor.html", context, status=422 if issues else 200
    )


@never_cache
@require_safe
@member_view
def qr_code(request: HttpRequest, role: str) -> HttpResponse:
    """The QR code of the authenticator she is setting up (an SVG image)."""
    if role != COACH or two_factor.app_enabled(request.user):
        raise PermissionDenied(_("Two-factor sign-in is for coaches."))
    return HttpResponse(two_factor.qr_code_svg(request.user), content_type="image/svg+xml")


@require_POST
@member_view
def passkey_remove(request: HttpRequest, role: str, passkey_id: int) -> HttpResponse:
    """Remove one of her passkeys (not her last second factor when the server requires one)."""
    if role != COACH:
        raise PermissionDenied(_("Two-factor sign-in is for coaches."))
    try:
        two_factor.remove_passkey(request.user, passkey_id)
    except InputError as exc:
        messages.error(request, " ".join(f"{_('Passkey')}: {i.message}" for i in exc.issues))
    else:
        messages.success(request, _("The passkey is removed: it no longer signs you in."))
    return redirect("settings-two-factor")
