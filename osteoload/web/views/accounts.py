"""Logging in and out, accepting an invitation, the home redirect, and the health check."""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib.auth import login
from django.contrib.auth.signals import user_login_failed
from django.contrib.auth.views import LoginView, LogoutView
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_safe

from osteoload.services import access, clients, clock, health
from osteoload.services.errors import InputError, Issue

from .. import forms
from .common import CLIENT, COACH

login_view = LoginView.as_view(
    template_name="osteoload/accounts/login.html", redirect_authenticated_user=True
)
logout_view = LogoutView.as_view()
"""POST only (Django 5): a link cannot log anyone out."""


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    """Send each person to her start page."""
    if not request.user.is_authenticated:
        return redirect("login")
    role = access.role_of(request.user)
    if role == COACH:
        return redirect("coach-roster")
    if role == CLIENT:
        return redirect("client-today")
    return render(request, "osteoload/accounts/no_role.html", status=403)


@never_cache
@csrf_protect
@sensitive_post_parameters("password", "password2")
@require_http_methods(["GET", "POST"])
def accept_invite(request: HttpRequest, token: str) -> HttpResponse:
    """A client chooses her login from the one-time link her coach gave her."""
    now = clock.now()
    try:
        invitation = clients.invitation(token, now=now)
    except access.NotFound:
        return render(request, "osteoload/accounts/invite_invalid.html", status=404)
    name = invitation.name
    values: dict[str, str] = {"username": invitation.username or ""}
    issues: list[Issue] = []
    if request.method == "POST":
        values = {k: request.POST.get(k, "") for k in ("username", "password", "password2")}
        if invitation.username is not None:
            values["username"] = invitation.username
        # (what the lockout counts: a NUL cannot reach PostgreSQL; the name itself is refused
        # with a message below)
        credentials = {"username": "".join(c for c in values["username"] if c.isprintable())}
        if AxesProxyHandler.is_locked(request, credentials):
            # an address that tried too many names (or passwords) waits, as at the login
            return get_lockout_response(request, None, credentials)  # type: ignore[no-any-return]
        if values["password"] != values["password2"]:
            issues.append(Issue("password2", _("the two passwords are not the same")))
        else:
            try:
                user = clients.accept_invite(token, values["username"], values["password"], now=now)
            except access.NotFound:
                return render(request, "osteoload/accounts/invite_invalid.html", status=404)
            except clients.NameTaken as exc:
                # No account enumeration (issue 16 item 7): a taken name counts as a failed
                # login from this address, so trying names is throttled like passwords.
                issues.extend(exc.issues)
                user_login_failed.send(__name__, credentials=credentials, request=request)
            except InputError as exc:
                issues.extend(exc.issues)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("client-today")
        values["password"] = values["password2"] = ""
    form = forms.bind([forms.INVITE], values, issues)
    return render(
        request,
        "osteoload/accounts/invite.html",
        {"form": form, "name": name, "reset_username": invitation.username},
        status=422 if issues else 200,
    )


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and its database answer, 503 when the database does not."""
    ok = health.database_ok()
    return JsonResponse(
        {"status": "ok" if ok else "error", "database": "ok" if ok else "error"},
        status=200 if ok else 503,
    )
