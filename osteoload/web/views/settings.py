"""Settings, for a coach and a client alike: her API tokens (create, shown once; revoke),
the clinic's details as the server has them, and her password.

Every page here is about the person logged in: there is no user or client id in these URLs
but a token's, and another person's token answers 404.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeAlias

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from osteoload.services import access, accounts, api_tokens, mail, stops
from osteoload.services.errors import InputError, Issue

from .. import forms
from .common import CLIENT, COACH, View

P = ParamSpec("P")
RoleView: TypeAlias = Callable[Concatenate[HttpRequest, str, P], HttpResponse]


def token_section() -> forms.Section:
    """The new-token form in the active language (its help and choices carry numbers, so it
    is worded when shown, not at import)."""
    return forms.Section(
        "token",
        _("New API token"),
        (
            forms.Field("name", _("Name of the token"), "text", required=True,
                        help=_("What it is for, to recognise it later (for example \"phone "
                               "app\" or \"clinic spreadsheet\"); at most %(max)d characters.")
                        % {"max": api_tokens.NAME_MAX}),
            forms.Field("expires_in_days", _("Expires"), "select", blank=_("No expiry"),
                        choices=tuple((str(d), ngettext("After %(days)d day",
                                                        "After %(days)d days", d)
                                       % {"days": d})
                                      for d in api_tokens.EXPIRY_CHOICES_DAYS),
                        help=_("An app you stop using cannot use a token that has expired.")),
        ),
    )  # fmt: skip


PASSWORD = forms.Section(
    "password",
    gettext_noop("Change my password"),
    (
        forms.Field("current_password", gettext_noop("Current password"), "password",
                    required=True, autocomplete="current-password"),
        forms.Field("new_password", gettext_noop("New password"), "password", required=True,
                    autocomplete="new-password",
                    help=gettext_noop(
                        "At least 10 characters. A short sentence is easy to remember.")),
        forms.Field("new_password2", gettext_noop("Type the new password again"), "password",
                    required=True, autocomplete="new-password"),
    ),
)  # fmt: skip


def member_view(view: RoleView[P]) -> View[P]:
    """Logged in (else the login page) as a coach or a client (else 403); the view receives
    her role. A token that is not hers is 404."""

    @functools.wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        role = access.role_of(request.user)
        if role not in (COACH, CLIENT):
            raise PermissionDenied("This page is for coaches and clients.")
        try:
            return view(request, str(role), *args, **kwargs)
        except access.NotFound:
            raise Http404 from None

    return wrapper


def _base(role: str) -> str:
    return "osteoload/coach/base.html" if role == COACH else "osteoload/client/base.html"


def _page(
    request: HttpRequest,
    role: str,
    *,
    new_token: str = "",
    new_token_name: str = "",
    token_form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    coach_name = ""
    if role == CLIENT:
        coach_name = stops.contact_for(user, int(access.own_client(user).pk)).coach
    context = {
        "base": _base(role),
        "role": role,
        "tokens": api_tokens.list_tokens(user),
        "max_active": api_tokens.MAX_ACTIVE,
        "new_token": new_token,
        "new_token_name": new_token_name,
        "token_form": token_form or forms.bind([token_section()]),
        "clinic": accounts.clinic_details(),
        "clinic_settings": accounts.CLINIC_SETTINGS,
        "coach_name": coach_name,
        "username": user.get_username(),
        "email": mail.own_email(user) if role == COACH else "",
    }
    return render(request, "osteoload/settings/index.html", context, status=status)


@require_safe
@member_view
def settings_page(request: HttpRequest, role: str) -> HttpResponse:
    """Her API tokens, the clinic's details and a link to change her password."""
    return _page(request, role)


@require_POST
@member_view
def token_create(request: HttpRequest, role: str) -> HttpResponse:
    """A new token, shown on the answering page only: it is never stored in clear, so a
    reload or a later visit shows its first characters only."""
    name = request.POST.get("name", "")
    expires = request.POST.get("expires_in_days", "")
    try:
        _id, token = api_tokens.create_token(request.user, name, expires_in_days=expires)
    except InputError as exc:
        form = forms.bind([token_section()], {"name": name, "expires_in_days": expires}, exc.issues)
        return _page(request, role, token_form=form, status=422)
    return _page(request, role, new_token=token, new_token_name=name.strip())


@require_POST
@member_view
def token_revoke(request: HttpRequest, role: str, token_id: int) -> HttpResponse:
    """Revoke one of her tokens; it stops working at once. Another person's token is 404."""
    name = next(
        (t.name for t in api_tokens.list_tokens(request.user) if t.token_id == token_id), None
    )
    if name is None:
        raise Http404
    api_tokens.revoke_token(request.user, token_id)
    messages.success(
        request, _("The token “%(name)s” is revoked: it no longer works.") % {"name": name}
    )
    return redirect("settings")


@sensitive_post_parameters("current_password", "new_password", "new_password2")
@require_http_methods(["GET", "POST"])
@member_view
def password_change(request: HttpRequest, role: str) -> HttpResponse:
    """Change her password; her API tokens are revoked and her other sessions logged out."""
    issues: list[Issue] = []
    if request.method == "POST":
        values = {f.name: request.POST.get(f.name, "") for f in PASSWORD.fields}
        try:
            revoked = accounts.change_password(
                request.user,
                values["current_password"],
                values["new_password"],
                values["new_password2"],
            )
        except InputError as exc:
            issues = list(exc.issues)
        else:
            # This session carries on; every other one ends at its next request.
            update_session_auth_hash(request, request.user)  # type: ignore[arg-type]
            message = (
                ngettext(
                    "Your password is changed. Your other sessions (other browsers and devices) "
                    "are logged out and your %(n)d API token is revoked.",
                    "Your password is changed. Your other sessions (other browsers and devices) "
                    "are logged out and your %(n)d API tokens are revoked.",
                    revoked,
                )
                % {"n": revoked}
                if revoked
                else _(
                    "Your password is changed. Your other sessions (other browsers and devices) "
                    "are logged out."
                )
            )
            messages.success(request, message)
            return redirect("settings")
    form = forms.bind([PASSWORD], {}, issues)
    return render(
        request,
        "osteoload/settings/password.html",
        {"base": _base(role), "form": form},
        status=422 if issues else 200,
    )


@require_POST
@member_view
def email_change(request: HttpRequest, role: str) -> HttpResponse:
    """A coach's email address, where her stop alerts go (empty: no alerts by email)."""
    if role != COACH:
        raise PermissionDenied("This form is for coaches.")
    try:
        address = mail.set_own_email(request.user, request.POST.get("email", ""))
    except InputError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _("Email address saved: alerts go to %(address)s.") % {"address": address}
            if address
            else _("Email address removed: no alerts are sent by email."),
        )
    return redirect(reverse("settings") + "#account-h")
